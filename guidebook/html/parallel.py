"""Build the other languages in forked processes while this process builds the default language.

static-i18n builds the default language, then, in its post-build event, each other language after it in
the same process: on two cores, half the machine waits. Here each other language is built by a child
process forked once this one has its pages and navigation, into a folder of its own (both builds write the
theme's 404 page, sitemap and assets at the root). When static-i18n's turn comes to build that language,
it waits for the child instead: moves the child's files over the site as the sequential build would have
written them, takes its search entries and replays its warnings and errors (a strict build fails as it
would have). The steps after the build (the merged search index, its split per language, the sitemap
copies) then run once, in this process, on the whole site.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import mkdocs_static_i18n.plugin as i18n_module
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError

from ..errors import ConfigError
from ..forkmap import Forked, fork
from .logs import LogCollector

# The static-i18n release whose module-level `build` binding this replaces: another may call it otherwise.
I18N_VERSION = "1.3.1"


@dataclass
class Child:
    locale: str
    process: Forked
    site_dir: Path  # where the child writes its files
    take_result: Callable[[dict], None]


_children: dict[str, Child] = {}


def install(config: MkDocsConfig) -> None:
    """Route static-i18n's build of each further language through `_build_or_collect`, for this build.

    ConfigError when the installed static-i18n is not the release this was written for.
    """
    if config.plugins.get("i18n") is None:
        return
    installed = version("mkdocs-static-i18n")
    if installed != I18N_VERSION:
        raise ConfigError(
            f"the guidebook builds its languages in parallel through mkdocs-static-i18n {I18N_VERSION}, "
            f"but {installed} is installed; install the version pinned in pyproject.toml "
            "(make site reinstalls it), or check guidebook/html/parallel.py against the new release"
        )
    i18n_module.build = _build_or_collect


def can_fork(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return hasattr(os, "fork") and i18n is not None and not i18n.building and len(i18n.build_languages) > 1


def fork_other_languages(config: MkDocsConfig, result: Callable[[], dict], take_result: Callable[[dict], None]) -> None:
    """Start one child per language other than the one being built.

    `result`: called in the child after its build, what the parent needs of it (picklable);
    `take_result`: called in the parent with that, when static-i18n reaches the language.
    """
    i18n: Any = config.plugins["i18n"]  # static-i18n's plugin, which has no type information
    for locale in i18n.build_languages:
        if locale == i18n.current_language:
            continue
        site = Path(config.site_dir)
        site_dir = Path(tempfile.mkdtemp(prefix=f".{site.name}-{locale}-", dir=site.parent))
        process = fork(lambda: _build_language(config, locale, site_dir, result))
        _children[locale] = Child(locale, process, site_dir, take_result)


def _build_language(config: MkDocsConfig, locale: str, site_dir: Path, result: Callable[[], dict]) -> dict:
    """In the child: build one language; what it logged and raised comes back to the parent as data."""
    collected = LogCollector()
    mkdocs_logger = logging.getLogger("mkdocs")
    for handler in mkdocs_logger.handlers:
        # The parent logs the child's warnings and errors again: show them once, there.
        handler.addFilter(lambda record: record.levelno < logging.WARNING)
    mkdocs_logger.addHandler(collected)
    payload: dict = {}
    try:
        config.site_dir = str(site_dir)
        i18n: Any = config.plugins["i18n"]
        i18n.current_language = locale
        i18n.building = True  # its post-build then only gathers the search entries, as in a nested build
        mkdocs_build(config)
        payload = {**result(), "search_entries": i18n.search_entries}
    except MkDocsException as error:
        payload = {"error": error}
    except BaseException:  # noqa: BLE001 - everything must reach the parent, which reports it
        payload = {"error": PluginError(f"building the '{locale}' site failed:\n{traceback.format_exc()}")}
    payload["records"] = collected.records
    return payload


def _wait(child: Child) -> dict:
    payload = child.process.result()
    return payload or {"error": PluginError(f"the process building the '{child.locale}' site died"), "records": []}


def _build_or_collect(config: MkDocsConfig, **options) -> None:
    """static-i18n's `build` of a language: the child's result when a child built it."""
    i18n: Any = config.plugins.get("i18n")
    child = _children.pop(getattr(i18n, "current_language", ""), None)
    if child is None:
        mkdocs_build(config, **options)
        return
    payload = _wait(child)
    _move_over(child.site_dir, Path(config.site_dir))
    for name, level, message in payload["records"]:
        logging.getLogger(name).log(level, message)
    if "error" in payload:
        raise payload["error"]
    i18n.search_entries.extend(payload.pop("search_entries"))
    child.take_result(payload)


def _move_over(source: Path, target: Path) -> None:
    """Move the child's files into the site, replacing those of the same name, then remove its folder."""
    for path in source.iterdir():
        destination = target / path.name
        if path.is_dir() and destination.is_dir():
            _move_over(path, destination)
        else:
            if destination.is_dir():
                shutil.rmtree(destination)
            os.replace(path, destination)
    source.rmdir()


def abandon() -> None:
    """After a failed build: stop and reap the children static-i18n never reached."""
    for child in list(_children.values()):
        _children.pop(child.locale)
        child.process.kill()
        shutil.rmtree(child.site_dir, ignore_errors=True)
