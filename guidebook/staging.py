"""Stage docs/ and the collections into one tree that MkDocs and static-i18n read as docs_dir.

static-i18n only localises files under docs_dir, so the collections kept outside docs/ are linked
into a staging tree, file by file, before any plugin lists the files.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from .layout import ContentFile


def stage(tree: dict[str, ContentFile]) -> Path:
    """A new temporary docs tree of symbolic links (site path -> file); removed when the process ends."""
    target = Path(tempfile.mkdtemp(prefix="guidebook-docs-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    for site_path, content_file in tree.items():
        link = target / site_path
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(content_file.path.resolve())
    return target


def unstage(target: Path | None) -> None:
    if target is not None:
        shutil.rmtree(target, ignore_errors=True)
