"""The theme's templates compiled once, not by every build of every language.

MkDocs makes a new Jinja environment for each build, and the guidebook builds each language in a process of
its own (parallel.py): the templates a page needs (56 at the real size, Material's and the overrides') were
compiled to Python again by each, some two seconds of a build. Jinja's bytecode cache keeps the compiled code
under the project's .cache/ (or a shared folder: caches.py), checked against each template's source; the folder
is named after what else the code depends on (Jinja's and Python's versions, and the plugin, whose rule of which
templates escape their output is compiled in), so a change to those starts a new one.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2

from ..caches import by_content


def bytecode_cache(project: Path) -> jinja2.BytecodeCache | None:
    """The cache of `project`; None where it cannot be written (the templates are then compiled as before)."""
    plugin = Path(__file__).with_name("plugin.py").read_bytes()
    key = hashlib.sha256(b"\0".join([jinja2.__version__.encode(), sys.version.encode(), plugin])).hexdigest()[:16]
    folder = by_content(project, "templates") / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
