"""Where builds keep the caches whose entries are keyed by what they hold: compiled templates, compressed copies.

By default in the project's `.cache/`. Such an entry is the same whichever project made it, so several projects
may share one folder: `GUIDEBOOK_SHARED_CACHE` names it (a CI machine building many checkouts, the tests' builds,
each in a new project folder, and the commands they start). Builds at the same time are safe (compress.py writes
each entry under a name of its own, then renames it); each build prunes the compressed copies to those its site
used, so projects share what their sites have in common (the theme's files). The build stamps, the PDFs and the
live preview's site are the project's own and stay in its `.cache/`.

Compiled templates are Python code that the build runs: a shared folder is used only when it is the user's own
and no one else may write into it (as ssh treats its keys); any other is passed over, and the project's used.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SHARED = "GUIDEBOOK_SHARED_CACHE"


def by_content(project: Path, name: str) -> Path:
    """The folder of the cache `name` (e.g. "templates") for the builds of `project`."""
    shared = os.environ.get(SHARED)
    if shared and _private(Path(shared)):
        return Path(shared) / name
    return project / ".cache" / name


def _private(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )
