"""What every build of a test process would redo identically, done once per process or per run (conftest.py
installs it).

Each build walked Material's 14,000 theme files again to list its templates (some 0.3 s of CPU of a small fixture
build). The listing of folders inside the installed packages (Material's, MkDocs') is kept in memory, since a test
run never changes them; the project's overrides and any copy a test makes are listed afresh each time.

The plugin keeps the compiled templates in the project's .cache/ (guidebook/html/template_cache.py), but nearly every
test builds a new project in its own folder, and compiled them all again: some 0.5 s of CPU of each small build. The
tests' builds share one such cache in the run's folder: Jinja keys each compiled template by its file's path and
checks it against the template's source, so a test that changes a template or the plugin still gets its own.

Likewise the precompressed copies (guidebook/publish/compress.py): Material's and the project's theme files, the
same bytes in every build, were compressed again at level 9 by each (some 0.3 s of a small build). The builds share
one cache by content in the run's folder; a test that checks compression itself calls `precompress` without one.
"""

from __future__ import annotations

import sysconfig
from functools import cache
from pathlib import Path

import jinja2

from guidebook.html import template_cache as plugin_cache
from guidebook.publish import compress
from shared_builds import run_folder

INSTALLED = Path(sysconfig.get_paths()["purelib"]).resolve()


def install() -> None:
    """Every template loader of this process (and of the builds it forks) lists installed folders once."""
    jinja2.FileSystemLoader.list_templates = _list_templates
    plugin_cache.bytecode_cache = _run_bytecode_cache
    compress.cache_folder = _run_gzip_cache


_project_bytecode_cache = plugin_cache.bytecode_cache


def _run_bytecode_cache(project: Path) -> jinja2.BytecodeCache | None:
    """The plugin's cache of compiled templates, in the run's folder rather than each project's."""
    return _project_bytecode_cache(run_folder())


def _run_gzip_cache(project: Path) -> Path:
    """The builds' compressed copies by content, in the run's folder rather than each project's."""
    return run_folder() / "gzip"


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
