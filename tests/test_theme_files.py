"""The theme loader that skips dot folders (guidebook/html/theme_files.py) lists what MkDocs kept before.

If one of these fails after upgrading MkDocs, Material or Jinja: look at how `Theme.get_env` makes its loader and at
`Files.add_files_from_theme`'s patterns, and redo theme_files.py (or remove it: the builds are then slower, not wrong).
"""

from __future__ import annotations

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from guidebook.html import csp, theme_files
from sites import PROJECT


def _theme_config():
    return load_config(str(PROJECT / "mkdocs.yml"))


def _theme_files(env, config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted((file.src_uri, file.abs_src_path) for file in files)


def test_the_theme_gives_the_same_files_and_trusted_scripts_with_the_loader_that_skips_dot_folders():
    config = _theme_config()
    plain = config.theme.get_env()
    assert type(plain.loader) is jinja2.FileSystemLoader, "MkDocs' Theme.get_env no longer makes a FileSystemLoader"
    theme_files.install(config.theme)
    skipping = config.theme.get_env()
    assert isinstance(skipping.loader, theme_files.ThemeLoader)
    assert skipping.loader.searchpath == plain.loader.searchpath
    # What MkDocs copies into the site, and the scripts the pages' policy allows, are the same.
    copied = _theme_files(plain, config)
    assert len(copied) > 20 and copied == _theme_files(skipping, config)
    trusted = csp.TrustedScripts.of_environment(plain).patterns
    assert trusted and [p.pattern for p in trusted] == [
        p.pattern for p in csp.TrustedScripts.of_environment(skipping).patterns
    ]
    # The icons are left out of the list, and still load by name.
    listed = set(skipping.list_templates())
    every = set(plain.list_templates())
    icons = {name for name in every if name.startswith(".icons/")}
    assert len(icons) > 10_000 and listed == every - icons
    assert skipping.get_template(".icons/material/home.svg").render().startswith("<svg")


def test_installing_twice_wraps_once():
    config = _theme_config()
    theme_files.install(config.theme)
    once = config.theme.get_env
    theme_files.install(config.theme)
    assert config.theme.get_env is once
