"""What the theme templates get about a page: its facts and cross-links in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..content.freshness import State, state_of
from ..content.layout import CATALOGUE_KEY, EVALUATION_KEY, HOME_KEY, MAP_KEY, THEMES_KEY, site_url
from ..content.model import Entry, Repository
from ..content.schema import CityPilot, CountryArticle, PageBase, Period, PracticeSheet, Recommendation
from ..content.vocabulary import country_name, label, vocabularies
from ..languages import SiteLanguages, print_strings, strings
from .catalogue import EXPORT_NAME, SCHEMA_NAME, Facet, Row, build_facets, build_rows, fold
from .citations import Citation, citations, language_name, shown_date
from .crosslinks import Index
from .map import Geometry, Marker, geometry, place_markers
from .urls import relative_url


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    hreflang: str | None = None  # when the target is in another language than the page


@dataclass(frozen=True)
class MapView:
    geometry: Geometry
    countries: dict[str, Link]  # ISO code -> the country article, for the countries of Part 1
    markers: list[Marker]  # the city pilots


@dataclass(frozen=True)
class EvaluationLevel:
    code: str
    label: str
    meaning: str  # one line: what the level says about a practice


@dataclass(frozen=True)
class SheetHeader:
    """What a practice sheet shows under its title: how far it was evaluated, when reviewed, how to cite it."""

    evaluation: EvaluationLevel
    levels_url: str  # the page listing every level
    last_reviewed: str | None
    citation: str  # "{url}" stands for the page's address, which the template knows


@dataclass
class PageView:
    """Template context `gb`: everything is already translated and every URL is relative."""

    kind: str
    language: str
    content_language: str
    t: dict[str, Any]  # interface strings of the reader's language
    model: object
    fallback: Link | None = None
    outdated: Link | None = None  # the original, when this translation was made from an older version of it
    facts: list[tuple[str, Sequence[Link | str]]] = field(default_factory=list)
    related: list[tuple[str, list[Link]]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # generated catalogue and theme pages
    facets: list[Facet] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)  # named URLs for generated pages and the home page
    counts: dict[str, int] = field(default_factory=dict)  # what the home page's entries lead to
    map: MapView | None = None
    sources: list[Citation] = field(default_factory=list)
    header: SheetHeader | None = None
    levels: list[EvaluationLevel] = field(default_factory=list)  # the evaluation levels page

    @property
    def is_draft(self) -> bool:
        return getattr(self.model, "status", None) == "draft"


ACCESSIBILITY_KEY = "accessibility"
CONTACT_KEY = "about/contact"


@dataclass(frozen=True)
class SiteLanguage:
    """What every page shows of one language, page view or not: interface strings and site-root URLs."""

    code: str
    t: dict[str, Any]
    home: str
    accessibility: str
    contact: str
    licence: str
    emblem_alt: str
    edition: str | None  # the date of the newest review, written out


def site_languages(languages: SiteLanguages, edition: date | None) -> dict[str, SiteLanguage]:
    """Template global `gb_languages`, for the footer and the 404 page (which has no page view).

    Every language at once: the 404 page, which one server serves for both languages, shows them all;
    the footer picks the reader's by config.theme.language, which static-i18n sets for each language built.
    """
    return {
        code: SiteLanguage(
            code,
            strings(code),
            site_url("index", code, languages),
            site_url(ACCESSIBILITY_KEY, code, languages),
            site_url(CONTACT_KEY, code, languages),
            print_strings(code)["colophon_licence"],
            print_strings(code)["eu_emblem"],
            shown_date(edition.isoformat(), code) if edition else None,
        )
        for code in languages.codes
    }


class ViewBuilder:
    """Builds PageViews for one build language; labels come from each target's title in that language."""

    def __init__(self, index: Index, language: str, page_url: str):
        self.index = index
        self.languages = index.languages
        self.language = language
        self.page_url = page_url
        self.t = strings(language)

    def url(self, key: str, language: str | None = None) -> str:
        """A page's URL from this page, in the reader's language unless another is named."""
        return relative_url(key, language or self.language, self.page_url, self.languages)

    def link(self, entry: Entry, title: str | None = None) -> Link:
        return Link(title or entry.model(self.language).title, self.url(entry.key))

    def links(self, entries: list[Entry]) -> list[Link]:
        return [self.link(entry) for entry in entries]

    def chapter_link(self, number: int) -> Link:
        entry = self.index.chapters[number]
        title = self.t["chapter"].format(number=number) + " — " + entry.model(self.language).title
        return self.link(entry, title)

    def country(self, code: str) -> Link | str:
        name = country_name(code, self.language)
        article = self.index.countries.get(code)
        return self.link(article, name) if article else name

    def labels(self, vocabulary: str, codes: list[str]) -> list[str]:
        return [label(vocabulary, code, self.language) for code in codes]

    def build(self, entry: Entry) -> PageView:
        variant = entry.variant(self.language)
        view = PageView(entry.kind, self.language, variant.language, self.t, variant.model)
        if variant.language != self.language:
            view.fallback = Link(language_name(variant.language, self.language), self.url(entry.key, variant.language))
        elif state_of(entry, self.language) is State.OUTDATED:
            original = entry.source_language
            view.outdated = Link(language_name(original, self.language), self.url(entry.key, original), original)
        view.sources = citations(variant.page(PageBase).sources, variant.language, self.language)
        getattr(self, f"_{entry.kind.replace('-', '_')}")(entry, view)
        return view

    def build_generated(self, repository: Repository, key: str) -> PageView:
        """The view of a generated page: the map, or every practice sheet in the reader's language."""
        view = PageView(key.rsplit("/", 1)[-1], self.language, self.language, self.t, None)
        if key == MAP_KEY:
            view.map = self.map_view()
            return view
        if key == EVALUATION_KEY:
            view.levels = [self.evaluation_level(code) for code in vocabularies()["evaluation_statuses"]]
            return view
        view.rows = build_rows(repository, self.index, self.language, self.page_url)
        view.facets = build_facets(view.rows, self.language)
        view.links = {
            "catalogue": self.url(CATALOGUE_KEY),
            "themes": self.url(THEMES_KEY),
            "export": self.url(CATALOGUE_KEY) + EXPORT_NAME,
            "schema": self.url(CATALOGUE_KEY) + SCHEMA_NAME,
        }
        return view

    def evaluation_level(self, code: str) -> EvaluationLevel:
        return EvaluationLevel(
            code, label("evaluation_statuses", code, self.language), self.t["evaluation_meanings"][code]
        )

    def map_view(self) -> MapView:
        """Every city pilot is on the map: content/area.py refused any placed outside it."""
        places = []
        for entry in self.index.pilots.values():
            where = entry.model(self.language, CityPilot).coordinates
            link = self.link(entry)
            places.append((link.title, link.url, where.lon, where.lat))
        countries = {
            code: self.link(article, country_name(code, self.language))
            for code, article in self.index.countries.items()
        }
        return MapView(
            geometry(), dict(sorted(countries.items(), key=lambda item: fold(item[1].title))), place_markers(places)
        )

    def _page(self, entry: Entry, view: PageView) -> None:
        if entry.key != HOME_KEY:
            return
        view.links = {
            "catalogue": self.url(CATALOGUE_KEY),
            "recommendations": self.url("recommendations/index"),
            "map": self.url(MAP_KEY),
        }
        view.counts = {
            "sheets": sum(len(sheets) for sheets in self.index.sheets_by_pilot.values()),
            "chapters": len(self.index.chapters),
            "countries": len(self.index.countries),
            "pilots": len(self.index.pilots),
        }

    def _practice_sheet(self, entry: Entry, view: PageView) -> None:
        sheet = entry.model(self.language, PracticeSheet)
        t = self.t
        lead = sheet.lead_organisation
        organisations = [f"{o.name} ({o.role})" for o in sheet.partners]
        evaluation = label("evaluation_statuses", sheet.evaluation.status, self.language)
        if sheet.evaluation.note:
            evaluation += f". {sheet.evaluation.note}"
        facts: list[tuple[str, Sequence[Link | str]]] = [
            (t["city"], [sheet.city]),
            (t["country"], [self.country(sheet.country)]),
            (t["pilot"], [self.link(self.index.pilots[sheet.pilot])]),
            (t["lead_organisation"], [f"{lead.name} ({lead.role})"] if lead else []),
            (t["partners"], organisations),
            (t["approaches"], self.labels("approaches", sheet.approaches)),
            (t["justice_stages"], self.labels("justice_stages", sheet.justice_stages)),
            (t["target_groups"], self.labels("target_groups", sheet.target_groups)),
            (t["recommendations"], [self.chapter_link(n) for n in sheet.recommendations]),
            (t["period"], [_years(sheet.period)] if sheet.period else []),
            (t["evaluation"], [evaluation]),  # the handouts' key facts say it too
            # A plain mailto link: hiding it from harvesters with script would hide it from screen readers too.
            (
                t["contact"],
                [*filter(None, [sheet.contact.name]), Link(sheet.contact.email, f"mailto:{sheet.contact.email}")],
            ),
        ]
        view.facts = [(name, values) for name, values in facts if values]  # a fact no source gives is left out
        reviewed = shown_date(sheet.last_reviewed.isoformat(), self.language) if sheet.last_reviewed else None
        citation = t["cite_sheet"] if reviewed else t["cite_sheet_undated"]
        view.header = SheetHeader(
            self.evaluation_level(sheet.evaluation.status),
            self.url(EVALUATION_KEY),
            reviewed,
            citation.format(title=sheet.title, date=reviewed, url="{url}"),
        )

    def _pilot(self, entry: Entry, view: PageView) -> None:
        pilot = entry.model(self.language, CityPilot)
        view.facts = [
            (self.t["country"], [self.country(pilot.country)]),
            (self.t["local_action"], [pilot.local_action]),
            (self.t["expert_partner"], [pilot.expert_partner]),
        ]
        view.related = [(self.t["sheets_of_pilot"], self.links(self.index.sheets_by_pilot.get(entry.slug, [])))]

    def _recommendation(self, entry: Entry, view: PageView) -> None:
        sheets = self.index.sheets_by_chapter.get(entry.model(self.language, Recommendation).number, [])
        view.related = [(self.t["sheets_of_chapter"], self.links(sheets))]

    def _country(self, entry: Entry, view: PageView) -> None:
        code = entry.model(self.language, CountryArticle).country
        view.related = [
            (self.t["pilots_in_country"], self.links(self.index.pilots_by_country.get(code, []))),
            (self.t["sheets_in_country"], self.links(self.index.sheets_by_country.get(code, []))),
        ]


def _years(period: Period) -> str:
    return f"{period.start}–{period.end}" if period.end else f"{period.start}–"
