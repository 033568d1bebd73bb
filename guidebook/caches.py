"""Where builds keep the caches whose entries are keyed by what they hold: compiled templates, compressed copies.

By default in the project's `.cache/`. Such an entry is the same whichever project made it, so several projects
may share one folder: `GUIDEBOOK_SHARED_CACHE` names it (a CI machine building many checkouts, the tests' builds,
each in a new project folder, and the commands they start). Builds at the same time are safe (compress.py writes
each entry under a name of its own, then renames it); each build prunes the compressed copies to those its site
used, so projects share what their sites have in common (the theme's files). The build stamps, the PDFs and the
live preview's site are the project's own and stay in its `.cache/`.
"""

from __future__ import annotations

import os
from pathlib import Path

SHARED = "GUIDEBOOK_SHARED_CACHE"


def by_content(project: Path, name: str) -> Path:
    """The folder of the cache `name` (e.g. "templates") for the builds of `project`."""
    shared = os.environ.get(SHARED)
    return Path(shared) / name if shared else project / ".cache" / name
