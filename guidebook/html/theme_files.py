"""The theme's templates listed without its dot folders, where Material keeps some 14,000 icons.

MkDocs lists every file of the theme's folders at each build of each language (`Files.add_files_from_theme`), then
drops by pattern the paths under a dot folder, and the guidebook lists the HTML templates for the pages' policy
(csp.py). Material's `.icons/` alone holds about 14,000 SVG files, which templates include by name and nothing
lists: walking them and matching each name against MkDocs' patterns took about 0.1 s of CPU per language and
build. The loader here lists the same templates minus those folders, so every list is the one MkDocs kept before
(tests/test_theme_files.py compares them).
"""

from __future__ import annotations

import os
from typing import Any

import jinja2


class ThemeLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose list of templates leaves out folders named with a leading dot."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath).replace(os.sep, "/")
                found.update(name if relative == "." else f"{relative}/{name}" for name in names)
        return sorted(found)


def install(theme: Any) -> None:
    """Every environment `theme.get_env()` makes (MkDocs' or ProperDocs' Theme) loads with a ThemeLoader over the
    same folders. Once per theme object: MkDocs calls the plugin's on_config again for each further language."""
    if getattr(theme.get_env, "lists_without_dot_folders", False):
        return
    make_env = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        if type(env.loader) is jinja2.FileSystemLoader:  # otherwise left as it is (a test says to look again)
            env.loader = ThemeLoader(env.loader.searchpath, env.loader.encoding, env.loader.followlinks)
        return env

    get_env.lists_without_dot_folders = True  # type: ignore[attr-defined]
    theme.get_env = get_env
