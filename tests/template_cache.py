"""What every build of a test run would redo identically, done once per run (conftest.py
installs it).

The plugin keeps the compiled templates in the project's .cache/ (guidebook/html/template_cache.py), but nearly every
test builds a new project in its own folder, and compiled them all again: some 0.5 s of CPU of each small build. The
tests' builds share one such cache in the run's folder: Jinja keys each compiled template by its file's path and
checks it against the template's source, so a test that changes a template or the plugin still gets its own.

Likewise the precompressed copies (guidebook/publish/compress.py): Material's and the project's theme files, the
same bytes in every build, were compressed again at level 9 by each (some 0.3 s of a small build). The builds share
one cache by content in the run's folder; a test that checks compression itself calls `precompress` without one.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from guidebook.html import template_cache as plugin_cache
from guidebook.publish import compress
from shared_builds import run_folder


def install() -> None:
    """The caches of compiled templates and compressed copies of this process's builds, in the run's folder."""
    plugin_cache.bytecode_cache = _run_bytecode_cache
    compress.cache_folder = _run_gzip_cache


_project_bytecode_cache = plugin_cache.bytecode_cache


def _run_bytecode_cache(project: Path) -> jinja2.BytecodeCache | None:
    """The plugin's cache of compiled templates, in the run's folder rather than each project's."""
    return _project_bytecode_cache(run_folder())


def _run_gzip_cache(project: Path) -> Path:
    """The builds' compressed copies by content, in the run's folder rather than each project's."""
    return run_folder() / "gzip"
