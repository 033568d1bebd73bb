"""What every build of a test process would redo identically, done once per process (conftest.py installs it).

Each build walked Material's 14,000 theme files again to list its templates (some 0.3 s of CPU of a small fixture
build). The listing of folders inside the installed packages (Material's, MkDocs') is kept in memory, since a test
run never changes them; the project's overrides and any copy a test makes are listed afresh each time. The compiled
templates themselves are kept by the plugin's own cache (guidebook/html/template_cache.py).
"""

from __future__ import annotations

import sysconfig
from functools import cache
from pathlib import Path

import jinja2

INSTALLED = Path(sysconfig.get_paths()["purelib"]).resolve()


def install() -> None:
    """Every template loader of this process (and of the builds it forks) lists installed folders once."""
    jinja2.FileSystemLoader.list_templates = _list_templates


_list_every_folder = jinja2.FileSystemLoader.list_templates


def _list_templates(loader: jinja2.FileSystemLoader) -> list[str]:
    found: set[str] = set()
    for folder in loader.searchpath:
        if Path(folder).resolve().is_relative_to(INSTALLED):
            found.update(_installed_templates(folder, loader.followlinks))
        else:
            found.update(_list_every_folder(jinja2.FileSystemLoader(folder, loader.encoding, loader.followlinks)))
    return sorted(found)


@cache
def _installed_templates(folder: str, followlinks: bool) -> tuple[str, ...]:
    return tuple(_list_every_folder(jinja2.FileSystemLoader(folder, followlinks=followlinks)))
