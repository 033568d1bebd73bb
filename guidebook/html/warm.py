"""The state a MkDocs build holds just before it writes pages, kept for one language: config, files, nav, theme.

A build (mkdocs.commands.build.build) reads every page, runs the plugins' config, files, nav and env events,
then renders each page through the theme. `warm` runs exactly those steps for one language, as static-i18n's
build of that language runs them (its language set before `on_config`, as guidebook/html/parallel.py's
children do), and stops there: nothing is written. `WarmSite.render` then renders any one page as
`_build_page` would, into a string. MkDocs' own steps are called by their names in mkdocs 1.6.1
(`_populate_page`, `get_context`): `MKDOCS_VERSION` is checked, as parallel.py checks static-i18n's.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import version
from pathlib import Path
from typing import cast

import jinja2
from mkdocs.commands.build import _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException
from mkdocs.structure.files import Files, InclusionLevel, File, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..errors import BuildFailed, ConfigError
from .configure import site_config
from .logs import LogCollector
from .plugin import PLUGIN_NAME, GuidebookPlugin

MKDOCS_VERSION = "1.6.1"  # the release whose build steps `warm` and `render` repeat


@dataclass
class WarmSite:
    """One language of the site, read and ready: any page of it renders in a few milliseconds."""

    language: str
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment
    scratch: Path  # the site folder MkDocs' config requires, never written to

    @property
    def plugin(self) -> GuidebookPlugin:
        return cast(GuidebookPlugin, self.config.plugins[PLUGIN_NAME])

    def page(self, site_path: str) -> Page | None:
        """The page of the staged file `site_path` (as static-i18n names it for this language), if any."""
        file = self.files.get_file_from_path(site_path)
        return file.page if file is not None else None

    def file_at(self, url_path: str) -> File | None:
        """The file this language's build writes at `url_path` (relative to the site root, no leading '/')."""
        return self._by_destination.get(url_path)

    @cached_property
    def _by_destination(self) -> dict[str, File]:
        return {file.dest_uri: file for file in self.files}

    def repopulate(self, page: Page) -> None:
        """Read the page again from the plugin's content (Markdown, plugins' page events), as a build reads it."""
        with collected() as log:
            _populate_page(page, self.config, self.files)
        log.raise_warnings(f"reading {page.file.src_uri}")

    def render(self, page: Page) -> bytes:
        """The page's HTML as the build writes it (template, page context and post-page events); nothing written."""
        config = self.config
        config._current_page = page
        page.active = True
        try:
            with collected() as log:
                context = get_context(self.nav, self.files.documentation_pages(), config, page)
                template = self.env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
                output = config.plugins.on_post_page(template.render(context), page=page, config=config)
                page.validate_anchor_links(files=self.files, log_level=config.validation.links.anchors)
        finally:
            page.active = False
            config._current_page = None
            _forget_search_entries(config)
        log.raise_warnings(f"building {page.file.src_uri}")
        return output.encode("utf-8", errors="xmlcharrefreplace")  # as mkdocs' _build_page writes it

    def close(self) -> None:
        self.config.plugins.on_shutdown()
        shutil.rmtree(self.scratch, ignore_errors=True)


def warm(config_file: Path, language: str, repository, options: dict | None = None) -> WarmSite:
    """Read the whole site in `language` as its build does, up to the pages' rendering; BuildFailed on any warning."""
    installed = version("mkdocs")
    if installed != MKDOCS_VERSION:
        raise ConfigError(
            f"the one-page preview repeats the build steps of mkdocs {MKDOCS_VERSION}, but {installed} is installed; "
            "install the version pinned in pyproject.toml, or check guidebook/html/warm.py against the new release"
        )
    site_dir = Path(tempfile.mkdtemp(prefix="guidebook-preview-"))  # never written to: MkDocs' config requires one
    try:
        with collected() as log:
            config = site_config(config_file, site_dir, repository, strict=True, options=options)
            i18n = config.plugins.get("i18n")
            if i18n is not None:
                i18n.current_language = language
                i18n.building = True  # as in a nested build: no further languages, no forked children
            config.plugins.on_startup(command="build", dirty=False)
            site = _read_site(config, language, site_dir)
        log.raise_warnings(f"reading the '{language}' site")
    except (Abort, ConfigurationError, MkDocsException) as error:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise BuildFailed(log.messages, str(error)) from None
    except BaseException:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise
    return site


def _read_site(config: MkDocsConfig, language: str, site_dir: Path) -> WarmSite:
    """mkdocs.commands.build.build's steps up to the env event (1.6.1), without cleaning or copying anything."""
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    env = config.theme.get_env()
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
        page = file.page or Page(None, file, config)  # a page outside the navigation has none yet
        _populate_page(page, config, files)
    env = config.plugins.on_env(env, config=config, files=files)
    return WarmSite(language, config, files, nav, env, site_dir)


def _forget_search_entries(config: MkDocsConfig) -> None:
    """The search plugin adds each rendered page to its index: a long-lived preview must not grow with it."""
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None:
        index.entries.clear()


class collected:
    """Collect MkDocs' warnings and errors while open; a strict build fails on any of them."""

    def __enter__(self) -> _Collector:
        self.collector = _Collector()
        logging.getLogger("mkdocs").addHandler(self.collector)
        return self.collector

    def __exit__(self, *exc) -> None:
        logging.getLogger("mkdocs").removeHandler(self.collector)


class _Collector(LogCollector):
    def raise_warnings(self, doing: str) -> None:
        if self.messages:
            raise BuildFailed(self.messages, f"Aborted with {len(self.messages)} warnings in strict mode while {doing}")
