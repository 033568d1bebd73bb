"""What every build of a test process would redo identically, done once per process (conftest.py installs it).

About half the CPU time of a small fixture build went to Jinja parsing and compiling the same 56 theme templates
again and to walking Material's 14,000 theme files again. Both are kept in memory here, and neither can go stale:
  - Jinja's own bytecode cache, which reuses a compiled template only while its source is byte-identical
    (Jinja checks a hash of the source), so an edited template is compiled afresh;
  - the template listing of folders inside the installed packages (Material's, MkDocs'), which a test run never
    changes; the project's overrides and any copy a test makes are listed afresh each time.
The builds stay real MkDocs builds with the real theme: only the repeated compilation and listing are skipped.
"""

from __future__ import annotations

import sysconfig
from functools import cache
from pathlib import Path

import jinja2
from mkdocs.theme import Theme

INSTALLED = Path(sysconfig.get_paths()["purelib"]).resolve()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates by Jinja's key (template name and hash of its source), in this process's memory."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def install() -> None:
    """Every theme environment MkDocs makes in this process (and in the builds it forks) shares the caches."""
    compiled = MemoryBytecodeCache()
    make_environment = Theme.get_env

    def get_env(theme: Theme) -> jinja2.Environment:
        environment = make_environment(theme)
        environment.bytecode_cache = compiled
        return environment

    Theme.get_env = get_env
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
