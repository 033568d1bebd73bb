"""The MkDocs plugin: thin event handlers over the content, staging, view and export modules.

The content comes loaded from the command that runs the build (publish/run.py sets `preloaded`); a
build started by MkDocs itself (`mkdocs serve`, `mkdocs build`) loads it here.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File

from .. import PACKAGE_DIR, typography
from ..content.layout import CATALOGUE_KEY, COLLECTIONS, DOCS_DIR, site_url
from ..content.load import load
from ..content.model import Repository, Variant
from ..content.sanitise import clean
from ..errors import ContentError
from ..languages import strings
from ..site import catalogue
from ..site.crosslinks import Index, build_index
from ..site.downloads import LINKS_KEY
from ..site.edition import edition_date
from ..site.views import ViewBuilder, site_languages
from . import (
    alternates,
    bodycheck,
    csp,
    navcache,
    pagefind_index,
    parallel,
    search_index,
    search_on_demand,
    staging,
    stylesheets,
    template_cache,
    theme_files,
)
from .build_date import ContentDate
from .generated import write_generated
from .serving import serving

PLUGIN_NAME = "guidebook"  # its name in mkdocs.yml, from the entry point in pyproject.toml
# Files the site serves from the package, where the PDFs read them too (one copy in git): site folder -> files.
# IBM Plex's @font-face rules and licences, and its faces without hinting (fewer bytes; scripts/vendor_fonts.py).
FONTS = PACKAGE_DIR / "vendor" / "fonts"
SHARED_ASSETS = {
    "assets/fonts": sorted(path for path in FONTS.iterdir() if path.is_file() and path.suffix != ".woff2")
    + sorted((FONTS / "web").glob("*.woff2")),
    "assets/images": [PACKAGE_DIR / "assets" / "eu-emblem.svg"],
}

log = get_plugin_logger(__name__)
content_log = logging.getLogger("mkdocs.plugins.guidebook")


class GuidebookConfig(Config):
    root = c.Optional(c.Dir(exists=True))  # project folder; default: the folder of mkdocs.yml
    # Practice sheets per language from which the served site searches with Pagefind (html/pagefind_index.py).
    pagefind_from = c.Type(int, default=pagefind_index.PAGEFIND_FROM)


class GuidebookPlugin(BasePlugin[GuidebookConfig]):
    def __init__(self) -> None:
        self.preloaded: Repository | None = None  # the content, when the command running the build loaded it
        self.staged: Path | None = None
        self.repository: Repository | None = None
        self.index: Index | None = None
        self.variants: dict[str, Variant] = {}
        self.generated: dict[str, str] = {}
        self.fallback_urls: set[str] = set()
        self.full_content: dict[str, str] = {}  # a page's HTML while the search plugin reads an abridged copy
        self.content_date = ContentDate()
        self.trusted_scripts: csp.TrustedScripts | None = None  # read from the templates in on_env
        self.pagefind = False  # whether this build searches with Pagefind rather than Material's index
        self.material_index_read = True  # whether anything reads the text Material's search indexes
        self.stylesheet_sources: list[str] | None = None  # mkdocs.yml's extra_css, served as one file
        self.body_check = bodycheck.BodyCheck()  # the bodies' unsafe markup, checked on the build's own rendering

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # static-i18n calls on_config again for each further language, on the same config:
        # content is loaded and staged once per build.
        if self.staged is not None and config.docs_dir == str(self.staged):
            _localise_markdown(config, self._language(config))
            return config
        if not config.use_directory_urls:
            raise PluginError("guidebook: mkdocs.yml must keep 'use_directory_urls: true'")
        parallel.install(config)
        theme_files.install(config.theme)
        self.repository = self.preloaded or self._load(config)
        self.body_check.found.clear()  # MkDocs may run one plugin instance for several builds
        if self.body_check.extension not in config.markdown_extensions:
            config.markdown_extensions.append(self.body_check.extension)
        _localise_markdown(config, self._language(config))
        self.content_date.apply(self.repository)
        # Not for the live preview (indexing on every save). The offline bundle, derived from this build, gets
        # Material's index, which the Pagefind step keeps aside (html/pagefind_index.py, publish/offline.py).
        self.pagefind = pagefind_index.wanted(self.repository, self.config.pagefind_from, serving(config))
        # Read by Material's search, or, beside Pagefind, by the offline bundle alone, made with the downloads.
        self.material_index_read = not self.pagefind or LINKS_KEY in config.extra
        self.index = build_index(self.repository)
        tree = self.repository.site_files()
        self.variants = {site_path: variant for site_path, (_, variant) in tree.items() if variant}
        self.staged = staging.stage({site_path: file for site_path, (file, _) in tree.items()})
        self.generated = write_generated(self.staged, self.repository.languages)
        self.fallback_urls = set()
        config.docs_dir = str(self.staged)
        return config

    def _load(self, config: MkDocsConfig) -> Repository:
        try:
            return load(Path(self.config.root or Path(config.config_file_path).parent), check_bodies=False)
        except ContentError as error:
            raise PluginError(error.report()) from None

    def on_files(self, files, config):
        for folder, paths in SHARED_ASSETS.items():
            for path in paths:
                files.append(File.generated(config, f"{folder}/{path.name}", abs_src_path=str(path)))
        # Each language's build comes here with the same config, already pointing at the bundle.
        if self.stylesheet_sources is None:
            self.stylesheet_sources = list(config.extra_css)
        if self.stylesheet_sources:
            files.append(stylesheets.bundle(config, files, self.stylesheet_sources))
            config.extra_css = [stylesheets.BUNDLE]
        return files

    def on_serve(self, server, config, builder):
        root = self.repository.root
        for folder in (DOCS_DIR, *COLLECTIONS.values()):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    @event_priority(-150)  # after static-i18n's: the sitemap of the other languages lists this one's pages
    def on_nav(self, nav, config, files):
        # The other languages are built meanwhile in child processes (guidebook/html/parallel.py).
        # Not under `mkdocs serve`: its rebuilds are small, and a fork would outlive its server.
        if not serving(config) and parallel.can_fork(config):
            parallel.fork_other_languages(
                config,
                lambda: {"fallback_urls": self.fallback_urls, "body_problems": self.body_check.found},
                self._take_child_result,
            )
        _typeset_sections(nav.items, self._language(config))
        return nav

    def _take_child_result(self, result: dict) -> None:
        self.fallback_urls |= result["fallback_urls"]
        self.body_check.take(result["body_problems"])

    def on_page_read_source(self, page, config):
        # The body as read and normalised (BOM, Windows line endings) by the content loader; its front matter, parsed
        # then too, is given in on_page_markdown (MkDocs would parse it again, with PyYAML's slow pure Python parser).
        # The blank first line keeps MkDocs from reading a first 'Word: ...' line as MultiMarkdown metadata.
        variant = self.variants.get(page.file.src_uri)
        return "\n" + variant.source.body if variant else None

    @event_priority(100)  # before any plugin reads the front matter
    def _give_front_matter(self, markdown, page, config, files):
        variant = self.variants.get(page.file.src_uri)
        if variant:
            page.meta = copy.deepcopy(variant.source.meta)  # plugins may change a page's copy
            if variant.model is not None:
                page.meta["title"] = variant.model.title  # inherited or typeset as its language wants
            # Material would mark every page in the navigation with an unlabelled icon of its status; a draft
            # says so in words on the page itself (partials/guidebook/notices.html).
            page.meta.pop("status", None)
            page.meta.pop("editor_note", None)  # for editors only: no theme or plugin may show it
        return markdown

    @event_priority(-200)  # after every other plugin: the Markdown MkDocs renders
    def _begin_body_check(self, markdown, page, config, files):
        variant = self.variants.get(page.file.src_uri)
        if variant:
            self.body_check.begin(variant.source, markdown)
        return markdown

    on_page_markdown = CombinedEvent(_give_front_matter, _begin_body_check)

    def on_page_content(self, html, page, config, files):
        variant = self.variants.get(page.file.src_uri)
        if variant is None:
            return html
        self.body_check.end(variant.source, html)
        _typeset_toc(page.toc, variant.language)
        # The check refused whatever the allow-list removes; cleaning again here is the guarantee.
        return clean(typography.for_language(html, variant.language))

    def on_env(self, env, config, files):
        _escape_own_templates(env)
        env.bytecode_cache = template_cache.bytecode_cache(self.repository.root)
        self.trusted_scripts = csp.TrustedScripts.of_environment(env)
        env.globals["gb_languages"] = site_languages(self._content().languages, edition_date(self.repository))
        return navcache.install(env)

    @event_priority(60)  # before the search plugin reads the page
    def _abridge_for_search(self, context, page, config, nav):
        # A page marking parts for search (data-search-*) is left to the search plugin as it is.
        if "data-search-" in page.content:
            return context
        variant = self.variants.get(page.file.src_uri)
        if not self.material_index_read:  # its index of the text would be thrown away: it reads none
            self.full_content[page.url] = page.content
            page.content = ""
        elif variant and variant.file.kind == "practice-sheet":
            self.full_content[page.url] = page.content
            page.content = search_index.abridge(page.content)
        return context

    @event_priority(-60)  # after the search plugin has read the page: it is shown in full
    def _restore_after_search(self, context, page, config, nav):
        if page.url in self.full_content:
            page.content = self.full_content.pop(page.url)
        return context

    def _page_view(self, context, page, config, nav):
        language = self._language(config)
        views = ViewBuilder(self.index, language, page.url)
        variant = self.variants.get(page.file.src_uri)
        if variant is not None:
            context["gb"] = views.build(self.repository.entries[variant.file.key])
            if context["gb"].fallback:
                self.fallback_urls.add(page.url)
        elif page.file.src_uri in self.generated:
            context["gb"] = views.build_generated(self.repository, self.generated[page.file.src_uri])
        return context

    on_page_context = CombinedEvent(_abridge_for_search, _page_view, _restore_after_search)

    def on_post_page(self, output, page, config):
        output = alternates.absolute(
            output, page.url if page else "", config.site_url or "", self._content().languages.default
        )
        if not csp.applies(config):
            return output
        return csp.add_policy(
            output, self.trusted_scripts, page.file.src_uri if page else "404.html", wasm=self.pagefind
        )

    def on_post_template(self, output_content, template_name, config):
        """The 404 page: the default language's at the root, each other one's in its own folder.

        Every language's build writes its 404.html at the root; the others' move to theirs (an empty
        output is not written), so a server answers /fr/... with the French page when told to.
        """
        output = self.on_post_page(output_content, None, config)
        language = self._language(config)
        if template_name != "404.html" or language == self._content().languages.default:
            return output
        target = Path(config.site_dir) / language / template_name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return ""

    def _content(self) -> Repository:
        """The content on_config loaded, for the events after it."""
        if self.repository is None:
            raise PluginError("guidebook: the content was not loaded (on_config did not run)")
        return self.repository

    def _language(self, config: MkDocsConfig) -> str:
        """The language being built: static-i18n's, or the site's default when it builds none."""
        i18n = config.plugins.get("i18n")
        return getattr(i18n, "current_language", None) or self._content().languages.default

    def _write_export(self, config: MkDocsConfig) -> None:
        language = self._language(config)
        folder = Path(config.site_dir) / site_url(CATALOGUE_KEY, language, self._content().languages)
        catalogue.write_export(folder, self._content(), language, config.site_url or "/")

    @event_priority(-200)  # after static-i18n (-100) has built the other languages and merged the search index
    def _split_search(self, config: MkDocsConfig) -> None:
        if not getattr(config.plugins.get("i18n"), "building", False):
            search_index.split(Path(config.site_dir), self.fallback_urls, self._content())
            if self.pagefind:
                pagefind_index.index(Path(config.site_dir), self._content())
            else:
                search_index.teach_worker(Path(config.site_dir))
            search_on_demand.defer_search(Path(config.site_dir))
            alternates.remove_sitemap_lookup(Path(config.site_dir))

    @event_priority(-150)  # once static-i18n (-100) has every language's pages, before the search is indexed
    def _refuse_unsafe_markup(self, config: MkDocsConfig) -> None:
        if getattr(config.plugins.get("i18n"), "building", False):
            return
        sources = [variant.source for entry in self._content().entries.values() for variant in entry.variants.values()]
        problems = self.body_check.problems(sources)
        if problems:
            for problem in problems:
                content_log.error(str(problem))  # as the content load logs its problems (publish/site.py)
            raise PluginError(ContentError(problems).report().rsplit("\n", 1)[-1])

    on_post_build = CombinedEvent(_write_export, _refuse_unsafe_markup, _split_search)

    def on_shutdown(self) -> None:
        parallel.abandon()
        staging.unstage(self.staged)
        self.content_date.release()


def _typeset_sections(items, language: str) -> None:
    """The titles of the nav's sections (from mkdocs.yml's nav_translations), typeset as the pages' are."""
    for item in items:
        if item.is_section:
            item.title = typography.text_for_language(item.title, language)
            _typeset_sections(item.children, language)


def _typeset_toc(items, language: str) -> None:
    """The headings of the page's table of contents, typeset as the body's are."""
    for item in items:
        item.title = typography.for_language(item.title, language)
        _typeset_toc(item.children, language)


def _localise_markdown(config: MkDocsConfig, language: str) -> None:
    """Markdown options that print text (the heading permalink title) in the language being built."""
    if "toc" in config.mdx_configs:
        config.mdx_configs["toc"]["permalink_title"] = strings(language)["permalink_title"]


def _escape_own_templates(env) -> None:
    """Autoescape the guidebook's templates, which print front matter values (MkDocs' Jinja does not escape).

    Material's own templates stay as they are: they print HTML made by Markdown.
    """
    env.autoescape = lambda name: bool(name) and name.startswith("partials/guidebook/")
