"""Controlled vocabularies, country codes and names, and the "did you mean" hints of every check."""

from __future__ import annotations

import difflib
import gettext
from functools import cache

import pycountry
import yaml
from pydantic import ValidationInfo

from .. import PACKAGE_DIR
from ..languages import SiteLanguages, vocabulary_labels
from .messages import Message, message, refused

# Codes people write for a country that ISO 3166-1 spells otherwise.
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB"}


@cache
def vocabularies() -> dict[str, list[str]]:
    """Vocabulary name -> its codes (their labels are in each language's strings file)."""
    codes: dict[str, list[str]] = yaml.safe_load((PACKAGE_DIR / "vocabularies.yml").read_text(encoding="utf-8"))
    return codes


def label(vocabulary: str, code: str, language: str) -> str:
    return vocabulary_labels(language)[vocabulary][code]


def nearest(value: str, choices: list[str]) -> str | None:
    """The choice an author most likely meant, for 'did you mean' hints."""
    matches = difflib.get_close_matches(str(value).lower(), [c.lower() for c in choices], n=1, cutoff=0.5)
    if not matches:
        return None
    return next(c for c in choices if c.lower() == matches[0])


def expect_one_of(value: str, choices: list[str]) -> Message:
    return message("not_allowed", value=value, hint=nearest(value, choices), choices=", ".join(choices))


def unknown(what: str, value: str, known: list[str], folder: str) -> Message:
    """A reference to a page that does not exist, such as a sheet's city pilot."""
    return message(
        "unknown_reference", value=value, what=what, hint=nearest(value, known), choices=", ".join(known), folder=folder
    )


def check_code(vocabulary: str, value: str) -> str:
    choices = list(vocabularies()[vocabulary])
    if value not in choices:
        raise refused("not_allowed", value=value, hint=nearest(value, choices), choices=", ".join(choices))
    return value


def site_languages_of(info: ValidationInfo) -> SiteLanguages:
    """The site languages a page is validated for: `model_validate(data, context=languages)`."""
    if not isinstance(info.context, SiteLanguages):
        raise TypeError("pages are validated with the site languages as context: model_validate(data, context=...)")
    return info.context


def check_site_language(value: str, info: ValidationInfo) -> str:
    codes = list(site_languages_of(info).codes)
    if value not in codes:
        raise refused("not_allowed", value=value, hint=nearest(value, codes), choices=", ".join(codes))
    return value


def check_country(value: str) -> str:
    if pycountry.countries.get(alpha_2=value) is not None and value.isupper() and len(value) == 2:
        return value
    upper = str(value).upper()
    hint = COUNTRY_ALIASES.get(upper) or (upper if pycountry.countries.get(alpha_2=upper) else None)
    raise refused("not_a_country_code", value=value, hint=hint)


@cache
def _country_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(code: str, language: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:  # the check refused it: never in a build
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code")
    name: str = getattr(country, "common_name", None) or country.name
    if language == "en":
        return name
    return _country_translation(language).gettext(country.name)
