"""Controlled vocabularies, country codes and names, and the "did you mean" hints of every check."""

from __future__ import annotations

import difflib
import gettext
from functools import cache

import pycountry
import yaml

from .. import PACKAGE_DIR
from ..languages import language_codes, vocabulary_labels

# Codes people write for a country that ISO 3166-1 spells otherwise.
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB"}


@cache
def vocabularies() -> dict[str, list[str]]:
    """Vocabulary name -> its codes (their labels are in each language's strings file)."""
    return yaml.safe_load((PACKAGE_DIR / "vocabularies.yml").read_text(encoding="utf-8"))


def label(vocabulary: str, code: str, language: str) -> str:
    return vocabulary_labels(language)[vocabulary][code]


def nearest(value: str, choices: list[str]) -> str | None:
    """The choice an author most likely meant, for 'did you mean' hints."""
    matches = difflib.get_close_matches(str(value).lower(), [c.lower() for c in choices], n=1, cutoff=0.5)
    if not matches:
        return None
    return next(c for c in choices if c.lower() == matches[0])


def expect_one_of(value: str, choices: list[str], what: str | None = None) -> str:
    hint = nearest(value, choices)
    suggestion = f"did you mean '{hint}'? " if hint else ""
    verdict = f"is not a {what}" if what else "is not allowed"
    return f"'{value}' {verdict}; {suggestion}expected one of: {', '.join(choices)}"


def check_code(vocabulary: str, value: str) -> str:
    choices = list(vocabularies()[vocabulary])
    if value not in choices:
        raise ValueError(expect_one_of(value, choices))
    return value


def check_site_language(value: str) -> str:
    if value not in language_codes():
        raise ValueError(expect_one_of(value, list(language_codes())))
    return value


def check_country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is not None and value.isupper() and len(value) == 2:
        return value
    upper = str(value).upper()
    hint = COUNTRY_ALIASES.get(upper) or (upper if pycountry.countries.get(alpha_2=upper) else None)
    suggestion = f"did you mean '{hint}'? " if hint else ""
    raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code; {suggestion}expected two capital letters such as BE, FR or GB")


@cache
def _country_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str, language: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    name = getattr(country, "common_name", None) or country.name
    if language == "en":
        return name
    return _country_translation(language).gettext(country.name)
