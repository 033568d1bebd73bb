"""A page's `sources` as readers see them: dates and language names written out in the reader's language."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

from .content import Repository
from .errors import Problem
from .schema import Source
from .vocabulary import strings

# Pages that must cite a source outside this site: what they say comes from the public record.
CITING_KINDS = {"practice-sheet": "practice sheet", "pilot": "city pilot", "country": "country article"}


@dataclass(frozen=True)
class Citation:
    title: str
    url: str | None
    publisher: str
    date: str | None  # "12 March 2019", "mars 2019", "2019"
    language: str  # ISO 639-1 code of the source, for the lang attribute of its title
    language_note: str | None  # "in Spanish", only when the source is not in the page's language


def citations(sources: list[Source], page_language: str, reader_language: str) -> list[Citation]:
    """`page_language`: the language of the text the sources support; `reader_language`: of the interface."""
    t = strings()[reader_language]
    shown = []
    for source in sources:
        note = None
        if source.language != page_language:
            note = t["source_in_language"].format(language=language_name(source.language, reader_language))
        date = shown_date(source.date, reader_language) if source.date else None
        shown.append(Citation(source.title, source.url, source.publisher, date, source.language, note))
    return shown


def shown_date(value: str, language: str) -> str:
    """'2019-03-01' as '1 March 2019' or '1er mars 2019'; a month or a year alone as given, month written out."""
    t = strings()[language]
    year, *rest = value.split("-")
    if not rest:
        return year
    month = t["months"][int(rest[0]) - 1]
    if len(rest) == 1:
        return f"{month} {year}"
    day = int(rest[1])
    return f"{t['first_day'] if day == 1 else day} {month} {year}"


def language_name(code: str, language: str) -> str:
    name = pycountry.languages.get(alpha_2=code).name
    if language == "en":
        return name
    translated = _language_translation(language).gettext(name)
    return translated[:1].lower() + translated[1:]  # French writes language names in lower case: « en espagnol »


@cache
def _language_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def uncited(repository: Repository) -> list[Problem]:
    """Warnings for each published sheet, pilot and country article whose file cites no source with a web address
    (a draft may still be looking for one)."""
    problems = []
    for kind, name in CITING_KINDS.items():
        for entry in repository.of_kind(kind):
            for variant in entry.variants.values():
                model = variant.model
                inherits = variant.language != entry.source_language and not variant.declares("sources")
                if model is None or model.status != "published" or inherits or any(source.url for source in model.sources):
                    continue
                message = f"a published {name} cites at least one public source: add to 'sources' a web page it comes from, with its url"
                problems.append(variant.source.problem(("sources",), message, "warning"))
    return problems
