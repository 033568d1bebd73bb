"""Render every PDF of the site: the guidebook and one handout per practice sheet, in every language."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from markupsafe import Markup

from .. import PACKAGE_DIR
from ..content.layout import HOME_KEY, site_url
from ..content.load import load
from ..content.model import Repository
from ..content.schema import PracticeSheet
from ..content.vocabulary import label, vocabularies
from ..forkmap import split_map
from ..languages import print_strings, strings
from ..site.crosslinks import Index, build_index
from ..site.downloads import SHEET_KIND, guidebook_pdf, handout_pdf, pack_pdf
from .colophon import colophon
from .document import SectionBuilder, group_anchor
from .fit import LARGER, NORMAL, SMALLER, Chapters, Pack, Variants
from .fonts import font_faces
from .hyphenation import url_breaks
from .links import Linker, anchor
from .markdown import Renderer
from .outline import Item, outline
from .qr import qr_data_uri
from .render import Cache, Rendered, release_font_configuration, render
from .settings import Settings, load_settings

log = logging.getLogger("mkdocs.plugins.guidebook.pdf")
TEMPLATES = PACKAGE_DIR / "templates" / "print"
CACHE_DIR = Path(".cache") / "pdf"
EMBLEM = PACKAGE_DIR / "assets" / "eu-emblem.svg"
PARALLEL_FROM = 8  # documents: below, forking a second process costs about what it saves
# Files of the package every PDF embeds: part of each PDF's cache key.
EMBEDDED = font_faces()[1] | {EMBLEM}
NUMBERED_PARTS = {"country": 1, "pilot": 2}  # page kind -> the part whose pages the 2019 edition numbers


@dataclass(frozen=True)
class Job:
    name: str  # path in the site
    html: str | Variants | Chapters | Pack  # a handout at several type sizes, the guidebook as chapters (fit.py)
    assets: set[Path]


class Printer:
    """Makes the HTML of every printed document of a project."""

    def __init__(self, project: Path, repository: Repository | None = None, settings: Settings | None = None):
        """`repository`, `settings`: the content and mkdocs.yml's print settings as the build read them; without
        them, they are read here."""
        self.project = project
        self.repository = repository or load(project)
        self.settings = settings or load_settings(project, self.repository.languages.default)
        self.index: Index = build_index(self.repository)
        self.files = {path: f.path for path, (f, _) in self.repository.site_files().items()}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
        )
        self.env.filters["url_breaks"] = url_breaks
        self.css = {
            name: (TEMPLATES / f"{name}.css").read_text(encoding="utf-8") for name in ("base", "guidebook", "handout")
        }

    def jobs(self) -> list[Job]:
        jobs = []
        for language in self.settings.languages:
            jobs.append(self.guidebook(language.locale))
            for entry in sorted(self.repository.of_kind(SHEET_KIND), key=lambda e: e.key):
                jobs.append(self.handout(entry.key, language.locale))
            for approach, keys in approaches(self.repository).items():
                jobs.append(self.pack(approach, keys, language.locale))
        return jobs

    def _builder(self, language: str, anchors: dict[str, str], *, draft_notices: bool) -> SectionBuilder:
        linker = Linker(
            language,
            anchors,
            self.settings.site_url,
            self.files,
            self.repository.languages,
            set(self.repository.entries),
        )
        return SectionBuilder(
            self.repository, self.index, linker, Renderer(self.settings, linker), draft_notices=draft_notices
        )

    def _context(self, language: str, stylesheet: str) -> dict:
        settings = self.settings.language(language)
        return {
            "language": language,
            "t": strings(language),
            "p": print_strings(language),
            "site_name": settings.site_name,
            "author": print_strings(language)["publisher"],  # site_author is in English only
            "notice": settings.notice,
            "css": Markup(
                font_faces()[0] + self.css["base"] + self.css[stylesheet]
            ),  # our own files: not to be escaped
            "emblem": EMBLEM.as_uri(),
        }

    def guidebook(self, language: str) -> Job:
        items = outline(self.settings.nav, set(self.repository.entries))
        builder = self._builder(language, _anchors(items), draft_notices=False)
        titles = self.settings.language(language).nav_titles
        sections = [
            builder.page(self.repository.entries[item.key], item.level, _group_title(titles, item.group) or None)
            if item.key
            else builder.heading(item, _group_title(titles, item.group))
            for item in items
        ]
        self._number_parts(items, sections)
        home = self.repository.entries.get(HOME_KEY)
        context = self._context(language, "guidebook")
        context.update(
            title=home.model(language).title if home else context["site_name"],
            subtitle=home.model(language).summary if home else None,
            description=self.settings.language(language).description,
            sections=sections,
        )
        drafts = [s.title for s in sections if s.is_draft]
        context["colophon"] = colophon(
            self.repository, context["p"], context["title"], self.settings.site_url, drafts, language
        )
        html = self.env.get_template("guidebook.html").render(context)
        return Job(guidebook_pdf(language), Chapters(html), builder.linker.assets | EMBEDDED)

    def _number_parts(self, items: list[Item], sections: list) -> None:
        """Number Part 1's articles 1.1-1.7 and Part 2's pilots 2.1-2.9, in the order the printed guidebook
        of 2019 gives them (the site's navigation keeps that order)."""
        counts: dict[str, int] = {}
        for item, section in zip(items, sections):
            kind = self.repository.entries[item.key].kind if item.key else None
            if kind in NUMBERED_PARTS:
                counts[kind] = counts.get(kind, 0) + 1
                section.number = f"{NUMBERED_PARTS[kind]}.{counts[kind]}"

    def _sheet(self, builder: SectionBuilder, key: str, language: str) -> dict:
        """What the sheet macro prints of one practice sheet: its section, web address and QR code."""
        online = self.settings.site_url
        source = urljoin(online, site_url(key, language, self.repository.languages)) if online else None
        return {
            "s": builder.page(self.repository.entries[key], 1),
            "source": source,
            "qr": qr_data_uri(source) if source else None,
        }

    def _handout_variants(self, key: str, language: str, builder: SectionBuilder) -> Variants:
        context = self._context(language, "handout")
        context.update(self._sheet(builder, key, language))
        template = self.env.get_template("handout.html")

        def at(size: float) -> str:
            return template.render(context, size=size)

        return Variants(at(NORMAL), tuple(map(at, SMALLER)), tuple(map(at, LARGER)))

    def handout(self, key: str, language: str) -> Job:
        builder = self._builder(language, {key: anchor(key)}, draft_notices=True)
        variants = self._handout_variants(key, language, builder)
        return Job(handout_pdf(self.repository.entries[key].slug, language), variants, builder.linker.assets | EMBEDDED)

    def pack(self, approach: str, keys: list[str], language: str) -> Job:
        """The approach's sheets as their handouts, one after the other (fit.Pack), titled after the approach."""
        builder = self._builder(language, {key: anchor(key) for key in keys}, draft_notices=True)
        title = print_strings(language)["pack_title"].format(approach=label("approaches", approach, language))
        sheets = tuple(self._handout_variants(key, language, builder) for key in keys)
        return Job(pack_pdf(approach, language), Pack(title, sheets), builder.linker.assets | EMBEDDED)


def _group_title(titles: dict[str, str], group: str | None) -> str:
    """A nav group's title in the document's language; '' for none."""
    return titles.get(group, group) if group else ""


def approaches(repository: Repository) -> dict[str, list[str]]:
    """Approach code -> keys of its practice sheets, in the vocabulary's order; approaches with none left out."""
    sheets = sorted(repository.of_kind(SHEET_KIND), key=lambda e: e.key)
    found = {
        code: [e.key for e in sheets if code in e.model(e.source_language, PracticeSheet).approaches]
        for code in vocabularies()["approaches"]
    }
    return {code: keys for code, keys in found.items() if keys}


def _anchors(items: list[Item]) -> dict[str, str]:
    """Page key -> where links to it lead in the guidebook; a catalogue leads to the pages it stands for."""
    anchors: dict[str, str] = {}
    for item in items:
        target = anchor(item.key) if item.key else group_anchor(item.group or "")
        if item.key:
            anchors[item.key] = target
        anchors.update({alias: target for alias in item.aliases})
    return anchors


def render_all(
    project: Path,
    site_dir: Path,
    repository: Repository | None = None,
    *,
    settings: Settings | None = None,
    cache_dir: Path | None = None,
) -> list[Rendered]:
    """Write every PDF into `site_dir`; raise PrintError when a PDF cannot be made (ContentError: the content)."""
    project = project.resolve()
    start = time.perf_counter()
    jobs = Printer(project, repository, settings).jobs()
    cache = Cache(cache_dir or project / CACHE_DIR)

    def make(job: Job) -> Rendered:
        result = render(job.html, project, site_dir / job.name, cache, job.assets)
        how = "unchanged, from the cache" if result.cached else f"rendered in {result.seconds:.1f} s"
        log.info(
            f"PDF {job.name}: {result.pages} page{'s' if result.pages != 1 else ''}, {how}"
        )  # progress, as each ends
        return result

    # Each PDF takes a second or more to render: the second core renders the second half meanwhile.
    results = split_map(make, jobs, min_items=PARALLEL_FROM, finish=release_font_configuration)
    cache.used.update(result.key for result in results)  # the child's cache hits and writes count too
    notices = set().union(*(result.notices for result in results))
    for notice in sorted(notices):
        log.info(notice)
    cache.prune()
    rendered = sum(1 for r in results if not r.cached)
    log.info(
        f"PDFs: {len(results)} written ({rendered} rendered, {len(results) - rendered} from the cache) in {time.perf_counter() - start:.1f} s"
    )
    return results
