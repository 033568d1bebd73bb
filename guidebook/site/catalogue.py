"""The practice catalogue: rows and filter facets per language, and its open-data export."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from collections.abc import Callable
from pathlib import Path
from types import GenericAlias
from typing import Any, Literal

from pydantic import Field, create_model
from pydantic.json_schema import SkipJsonSchema

from ..content.layout import site_url
from ..content.model import Entry, Repository
from ..content.schema import PracticeSheet
from ..content.vocabulary import country_name, label, vocabularies
from ..languages import SiteLanguages, strings
from .crosslinks import Index
from .urls import relative_url

EXPORT_NAME = "catalogue.json"
# Fields the open data leaves out: bookkeeping, layout, and the note to editors, which readers never see.
NOT_EXPORTED = {"source_hash", "hide", "editor_note"}
SCHEMA_NAME = "catalogue.schema.json"


@dataclass
class Option:
    code: str
    label: str
    count: int = 0


@dataclass
class Facet:
    name: str  # the URL parameter and the card's data attribute
    label: str
    options: list[Option] = field(default_factory=list)

    @property
    def narrows(self) -> bool:
        """Whether the catalogue offers it: not when every sheet shares its one value, nor when each value names
        a single sheet (choosing one is opening that sheet, as the City pilot filter was)."""
        return len(self.options) > 1 and any(option.count > 1 for option in self.options)


@dataclass
class Row:
    """One practice sheet as a catalogue card, in the reader's language."""

    entry: Entry  # its key names the sheet's handout (overrides/partials/guidebook/catalogue.html)
    title: str
    url: str
    summary: str
    city: str
    country: str
    values: dict[str, list[str]]  # facet name -> codes
    labels: dict[str, list[str]]  # facet name -> labels shown on the card
    search_text: str


def fold(text: str) -> str:
    """Lower case without accents, so 'reinsertion' finds 'Réinsertion' (the script folds the same way)."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def sheets(repository: Repository) -> list[Entry]:
    return sorted(repository.of_kind("practice-sheet"), key=lambda e: e.key)


def build_rows(repository: Repository, index: Index, language: str, page_url: str) -> list[Row]:
    rows = []
    for entry in sheets(repository):
        sheet = entry.model(language, PracticeSheet)
        pilot = index.pilots[sheet.pilot].model(language)
        values = {
            "country": [sheet.country],
            "pilot": [sheet.pilot],
            "approach": list(sheet.approaches),
            "stage": list(sheet.justice_stages),
            "group": list(sheet.target_groups),
            "chapter": [str(n) for n in sheet.recommendations],
            "evaluation": [sheet.evaluation.status],
        }
        labels = {
            "country": [country_name(sheet.country, language)],
            "pilot": [pilot.title],
            "approach": [label("approaches", c, language) for c in sheet.approaches],
            "stage": [label("justice_stages", c, language) for c in sheet.justice_stages],
            "group": [label("target_groups", c, language) for c in sheet.target_groups],
            "chapter": [_chapter_label(index, n, language) for n in sheet.recommendations],
            "evaluation": [label("evaluation_statuses", sheet.evaluation.status, language)],
        }
        organisations = [o.name for o in filter(None, [sheet.lead_organisation, *sheet.partners])]
        text = " ".join([sheet.title, sheet.summary, sheet.city, *organisations, *sum(labels.values(), [])])
        rows.append(
            Row(
                entry,
                sheet.title,
                relative_url(entry.key, language, page_url, repository.languages),
                sheet.summary,
                sheet.city,
                labels["country"][0],
                values,
                labels,
                fold(text),
            )
        )
    return rows


def _chapter_label(index: Index, number: int, language: str) -> str:
    """'Chapter 3 — Ensuring continuity…', as in a sheet's key facts: a bare number tells the reader nothing."""
    chapter = index.chapters.get(number)
    name = strings(language)["chapter"].format(number=number)
    return f"{name} — {chapter.model(language).title}" if chapter else name


# The filters in the order a probation officer sorts by: where the person is in the justice process first.
FACET_ORDER = ("stage", "approach", "group", "chapter", "evaluation", "country", "pilot")
# Values kept in their vocabulary's order (prison, release, probation, after release), not alphabetical.
ORDERED_VOCABULARIES = {"stage": "justice_stages", "evaluation": "evaluation_statuses"}


def build_facets(rows: list[Row], language: str) -> list[Facet]:
    """Every facet, in FACET_ORDER (the themes page groups by some; the catalogue offers those that narrow)."""
    t = strings(language)
    names = {
        "stage": t["justice_stages"],
        "approach": t["approaches"],
        "group": t["target_groups"],
        "chapter": t["recommendations"],
        "evaluation": t["evaluation_status"],
        "country": t["country"],
        "pilot": t["pilot"],
    }
    facets = []
    for name in FACET_ORDER:
        counts: dict[str, Option] = {}
        for row in rows:
            for code, shown in zip(row.values[name], row.labels[name]):
                counts.setdefault(code, Option(code, shown)).count += 1
        facets.append(Facet(name, names[name], sorted(counts.values(), key=_option_order(name))))
    return facets


def _option_order(name: str) -> Callable[[Option], int | str]:
    if name == "chapter":
        return lambda option: int(option.code)
    if name in ORDERED_VOCABULARIES:
        codes = list(vocabularies()[ORDERED_VOCABULARIES[name]])
        return lambda option: codes.index(option.code)
    return lambda option: fold(option.label)


def export(repository: Repository, language: str, base_url: str) -> list[dict[str, Any]]:
    """One object per practice sheet: its front matter in `language`, its URL and its other-language URLs."""
    records = []
    for entry in sheets(repository):
        variant = entry.variant(language)
        data = variant.page(PracticeSheet).model_dump(mode="json", exclude=NOT_EXPORTED)
        data.update(
            slug=entry.slug,
            language=variant.language,
            url=base_url + site_url(entry.key, language, repository.languages),
            alternates={
                other: base_url + site_url(entry.key, other, repository.languages)
                for other in repository.languages.codes
                if other != language
            },
        )
        records.append(data)
    return records


def export_document(repository: Repository, language: str, base_url: str) -> dict[str, Any]:
    return {
        "language": language,
        "source_language_default": repository.languages.default,
        "practice_sheets": export(repository, language, base_url),
    }


def export_schema(languages: SiteLanguages) -> dict[str, Any]:
    """JSON Schema of the export, derived from the content model so the two cannot drift.

    Its types are made at run time (the site languages as an enum), hence typed Any."""
    info = PracticeSheet.model_fields["source_language"]
    Language: Any = Literal.__getitem__(languages.codes)
    exported = create_model(
        "ExportedPracticeSheet",
        __base__=PracticeSheet,
        source_language=(Language, Field(languages.default, description=info.description)),
        editor_note=(SkipJsonSchema[None], None),  # type: ignore[misc]  # an alias to type checkers, a class at run time
        slug=(str, ...),
        language=(Language, ...),
        url=(str, ...),
        alternates=(dict[str, str], ...),
    )
    sheets: Any = GenericAlias(list, (exported,))
    document = create_model(
        "PracticeCatalogue",
        language=(Language, ...),
        source_language_default=(Language, ...),
        practice_sheets=(sheets, ...),
    )
    schema = document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "PREPARE guidebook practice catalogue"
    return schema


def write_export(folder: Path, repository: Repository, language: str, base_url: str) -> None:
    """Write the catalogue export and its schema beside the catalogue page of `language`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EXPORT_NAME).write_text(dump(export_document(repository, language, base_url)), encoding="utf-8")
    (folder / SCHEMA_NAME).write_text(_schema_text(repository.languages), encoding="utf-8")


@cache
def _schema_text(languages: SiteLanguages) -> str:
    """The schema depends on the languages alone: made once per process, not by each build of each language
    (pydantic takes some 20 ms to make it)."""
    return dump(export_schema(languages))


def dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
