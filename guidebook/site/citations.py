"""A page's `sources` as readers see them: dates and language names written out in the reader's language."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

from ..content.schema import Source
from ..languages import strings


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
    t = strings(reader_language)
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
    t = strings(language)
    year, *rest = value.split("-")
    if not rest:
        return year
    month = t["months"][int(rest[0]) - 1]
    if len(rest) == 1:
        return f"{month} {year}"
    day = int(rest[1])
    return f"{t['first_day'] if day == 1 else day} {month} {year}"


def language_name(code: str, language: str) -> str:
    found = pycountry.languages.get(alpha_2=code)
    if found is None:  # the check refused it: never in a build
        raise ValueError(f"'{code}' is not an ISO 639-1 language code")
    name: str = found.name
    if language == "en":
        return name
    translated = _language_translation(language).gettext(name)
    if strings(language)["language_names_in_lower_case"]:  # as French does: « en espagnol »
        return translated[:1].lower() + translated[1:]
    return translated


@cache
def _language_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)
