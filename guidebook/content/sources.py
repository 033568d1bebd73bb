"""Checks for the `sources` a page cites: web address, date and language of each source."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pycountry

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_EXPECTED = "expected a year, a month or a day: 2019, 2019-03 or 2019-03-12"


def check_url(value: str) -> str:
    """An absolute http(s) address with a host, and nothing a reader's browser would mangle."""
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.hostname and "." in parts.hostname and not re.search(r"\s", value):
        return value
    raise ValueError(f"'{value}' is not an absolute web address; expected one starting with https:// or http://, such as https://efus.eu/")


def normalise_date(value: object) -> str:
    """YAML reads 2019 as a number, 2019-03 as text and 2019-03-12 as a date: one text form for all three."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{value!r} is not a date; {DATE_EXPECTED}")
    match = PARTIAL_DATE.match(str(value).strip())
    if not match:
        raise ValueError(f"'{value}' is not a date; {DATE_EXPECTED}")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise ValueError(f"'{value}' is not a real date ({error}); {DATE_EXPECTED}") from None
    if not 1900 <= int(year) <= 2100:
        raise ValueError(f"'{value}' is not a plausible year for a source; {DATE_EXPECTED}")
    return match.group(0)


def check_language(value: str) -> str:
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2}", value) and pycountry.languages.get(alpha_2=value):
        return value
    lower = str(value).strip().lower()
    hint = lower if re.fullmatch(r"[a-z]{2}", lower) and pycountry.languages.get(alpha_2=lower) else None
    suggestion = f"did you mean '{hint}'? " if hint else ""
    raise ValueError(
        f"'{value}' is not a two-letter ISO 639-1 language code; {suggestion}"
        "expected a lower-case code such as en, fr, es, ca, nl, sv or de"
    )
