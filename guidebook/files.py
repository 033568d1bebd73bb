"""Writing a file so that nobody ever reads half of it: written beside its place, then renamed over it; or linked."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def write_beside(target: Path) -> Iterator[Path]:
    """The path to write instead of `target`; it becomes `target` only when the block ends without error."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def link_or_copy(source: Path, target: Path) -> None:
    """`source` at `target` too: hard-linked where the file system allows, copied otherwise. Only for files nothing
    writes to in place (a change to one would show in the other)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
