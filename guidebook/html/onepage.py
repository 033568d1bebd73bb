"""One page rendered as the full build writes it, in milliseconds: the editor's preview and the live preview.

`PageRenderer` loads the project once, reads the site in each language as its build does (warm.py) and keeps
that state. `render` then makes one page from its file on disk or from unsaved text: the text is checked with
the build's own rules first (content/revise.py: reading, the unsafe-markup check, the schema, references and
links), and refused with every problem, by file and line, exactly where the build would refuse it; the page is
then rendered through the same templates, plugin events, sanitising (content/sanitise.py's clean(), in the
plugin's page-content event) and Content-Security-Policy as in a build. What MkDocs would warn about in a
strict build (a link to a missing anchor...) refuses it too.

Unsaved text is shown and forgotten: the renderer goes back to the files on disk. `keep=True` (a saved file)
keeps the new version, so later pages see it, until the next full build replaces the whole site. Other pages
that show this one (its title in the navigation, the catalogue's rows) are as they were until then.
"""

from __future__ import annotations

import posixpath
import threading
from pathlib import Path

from ..content.layout import ContentFile
from ..content.load import load
from ..content.model import Repository
from ..content.problems import Problem
from ..content.revise import revised
from ..errors import BadArgument, BuildFailed, ContentError
from ..site.crosslinks import build_index
from ..site.edition import edition_date
from ..site.views import site_languages
from mkdocs.structure.pages import Page

from .navcache import SidebarCache
from .warm import WarmSite, warm


class PageRenderer:
    """The site in every language, read once; renders one page on demand. Safe to call from several threads."""

    def __init__(self, project: Path, options: dict | None = None):
        self.project = project.resolve()
        self.repository = load(self.project)
        # By path relative to the project: looked up on every render (resolving thousands of paths is slow).
        self._pages = {f.path.relative_to(self.project).as_posix(): f for f in self.repository.files if f.is_markdown}
        self.sites: dict[str, WarmSite] = {}
        try:
            for code in self.repository.languages.codes:
                self.sites[code] = warm(self.project / "mkdocs.yml", code, self.repository, options)
            self._first_renders()
        except BaseException:
            self.close()
            raise
        for site in self.sites.values():
            # SOURCE_DATE_EPOCH, which a build sets for its duration: not left set for a later build in this process.
            site.plugin.content_date.release()
        self._lock = threading.Lock()

    def render(self, path: str, language: str | None = None, text: str | None = None, *, keep: bool = False) -> bytes:
        """The HTML the build writes for the page of file `path` (relative to the project) in `language` (by
        default the file's), from `text` or, when None, from the file; ContentError listing what the build
        would refuse. `keep`: the new version stays, for the pages rendered after it."""
        content_file = self.content_file(path)
        language = language or content_file.language
        if language not in self.sites:
            raise BadArgument(
                "language", f"{language!r} is not a site language; the site's are {', '.join(self.sites)}"
            )
        with self._lock:
            repository, problems = revised(self.repository, content_file, text)
            if problems:
                raise ContentError(problems)
            previous = self.repository
            self._install(repository)
            try:
                html = self._render(content_file, language)
            except ContentError:
                keep = False
                raise
            finally:
                if not keep:
                    self._install(previous)
                    self._repopulate(content_file, [language])
            if keep:
                self._repopulate(content_file, [code for code in self.sites if code != language])
                for site in self.sites.values():
                    site.env.globals["guidebook_sidebar"] = SidebarCache()  # its titles may have changed
        return html

    def content_file(self, path: str) -> ContentFile:
        """The page of the project at `path`; ContentError when it is no page the site was read with."""
        found = self._pages.get(posixpath.normpath(path))
        if found is not None:
            return found
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    "file",
                    "is not a page of the site as it was last built; a new page is shown once it is saved and the site rebuilt",
                )
            ]
        )

    def knows(self, path: str) -> bool:
        """Whether `path` is a page of the site as the renderer read it (a new page waits for a full build)."""
        try:
            self.content_file(path)
        except ContentError:
            return False
        return True

    def pages_of(self, path: str) -> list[tuple[str, str, str]]:
        """(language, the file that language shows, where the build writes the page) for the page of file `path`
        in every language, those showing `path` itself first: a save of one version can change the others
        (they inherit its fields, or show it in place of their own)."""
        content_file = self.content_file(path)
        found = []
        for code, site in self.sites.items():
            shown = site.plugin.variants[self._shown(site, content_file.key, code).file.src_uri].file
            found.append((code, shown.path.relative_to(self.project).as_posix(), self.html_path(path, code)))
        return sorted(found, key=lambda page: page[1] != path)

    def html_path(self, path: str, language: str) -> str:
        """Where the build writes the page of file `path` in `language` (site path, e.g. fr/map/index.html)."""
        site = self.sites[language]
        return self._shown(site, self.content_file(path).key, language).file.dest_uri

    def static_file(self, url_path: str) -> Path | None:
        """The file on disk the build copies to `url_path` (a stylesheet, a font, an image), if any."""
        for site in self.sites.values():
            file = site.file_at(url_path)
            if file is not None and not file.is_documentation_page() and file.abs_src_path:
                return Path(file.abs_src_path)
        return None

    def close(self) -> None:
        for site in self.sites.values():
            site.close()
        self.sites = {}

    def _first_renders(self) -> None:
        """One page of each kind rendered and dropped: Jinja compiles the templates it uses (0.3 s) now, not
        on the first preview."""
        for site in self.sites.values():
            kinds: dict[str, Page] = {}
            for site_path, variant in site.plugin.variants.items():
                if (page := site.page(site_path)) is not None:
                    kinds.setdefault(variant.file.kind, page)
            for page in kinds.values():
                site.render(page)

    def _render(self, content_file: ContentFile, language: str) -> bytes:
        site = self.sites[language]
        page = self._shown(site, content_file.key, language)
        try:
            site.repopulate(page)
            return site.render(page)
        except BuildFailed as failed:
            shown = content_file.path.relative_to(self.project).as_posix()
            raise ContentError(
                [Problem(shown, 1, "page", message) for message in failed.messages or [failed.verdict]]
            ) from None

    def _install(self, repository: Repository) -> None:
        """Make `repository` the content every language's plugin renders from (as its on_config would)."""
        index = build_index(repository)
        variants = {site_path: variant for site_path, (_, variant) in repository.site_files().items() if variant}
        footer = site_languages(repository.languages, edition_date(repository))
        for site in self.sites.values():
            plugin = site.plugin
            plugin.repository, plugin.index, plugin.variants = repository, index, variants
            site.env.globals["gb_languages"] = footer
        self.repository = repository

    def _shown(self, site: WarmSite, key: str, language: str) -> Page:
        """The page static-i18n shows for page `key` in `language`: its own version, else the default language's."""
        for code in (language, self.repository.languages.default):
            page = site.page(f"{key}.{code}.md")
            if page is not None:
                return page
        raise ContentError([Problem(key, 1, "page", f"has no version the '{language}' site shows")])

    def _repopulate(self, content_file: ContentFile, codes: list[str]) -> None:
        for code in codes:
            site = self.sites[code]
            site.repopulate(self._shown(site, content_file.key, code))
