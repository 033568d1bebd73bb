"""Checks for the `sources` a page cites: web address, date and language of each source."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pycountry

from .messages import refused

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def check_url(value: str) -> str:
    """An absolute http(s) address with a host, and nothing a reader's browser would mangle."""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.hostname and "." in parts.hostname and not re.search(r"\s", value):
        return value
    raise refused("not_a_url", value=value)


def normalise_date(value: object) -> str:
    """YAML reads 2019 as a number, 2019-03 as text and 2019-03-12 as a date: one text form for all three."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise refused("not_a_date", value=repr(value))
    match = PARTIAL_DATE.match(str(value).strip())
    if not match:
        raise refused("not_a_date", value=value)
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise refused("not_a_real_date", value=value, reason=str(error)) from None
    if not 1900 <= int(year) <= 2100:
        raise refused("implausible_year", value=value)
    return match.group(0)


def check_language(value: str) -> str:
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2}", value) and pycountry.languages.get(alpha_2=value):
        return value
    lower = str(value).strip().lower()
    hint = lower if re.fullmatch(r"[a-z]{2}", lower) and pycountry.languages.get(alpha_2=lower) else None
    raise refused("not_a_language_code", value=value, hint=hint)
