"""Indexes of the references between pages, built once per build in time linear in the pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..content.model import Entry, Repository
from ..content.schema import CityPilot, CountryArticle, PracticeSheet, Recommendation
from ..languages import SiteLanguages


@dataclass
class Index:
    languages: SiteLanguages  # the repository's, for the URLs between its pages
    pilots: dict[str, Entry] = field(default_factory=dict)  # by slug
    chapters: dict[int, Entry] = field(default_factory=dict)  # by number
    countries: dict[str, Entry] = field(default_factory=dict)  # country article by ISO code
    sheets_by_pilot: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    sheets_by_chapter: dict[int, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    sheets_by_country: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    pilots_by_country: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))


def build_index(repository: Repository) -> Index:
    index = Index(repository.languages)
    for entry in sorted(repository.entries.values(), key=lambda e: e.key):
        language = entry.source_language
        if entry.kind == "pilot":
            index.pilots[entry.slug] = entry
            index.pilots_by_country[entry.model(language, CityPilot).country].append(entry)
        elif entry.kind == "recommendation":
            index.chapters[entry.model(language, Recommendation).number] = entry
        elif entry.kind == "country":
            index.countries[entry.model(language, CountryArticle).country] = entry
        elif entry.kind == "practice-sheet":
            sheet = entry.model(language, PracticeSheet)
            index.sheets_by_pilot[sheet.pilot].append(entry)
            index.sheets_by_country[sheet.country].append(entry)
            for number in sheet.recommendations:
                index.sheets_by_chapter[number].append(entry)
    return index
