"""Writing a file so that nobody ever reads half of it: written beside its place, then renamed over it."""

from __future__ import annotations

import contextlib
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
