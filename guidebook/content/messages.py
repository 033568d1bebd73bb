"""The check's messages a page's form can lead to, each with a code and the values it is worded from.

The editor words them in the language of its interface from the code and the values (cms/messages.py, with
the other languages' templates in cms/fields.yml), never from the English text. The validators of the model
raise them as pydantic's custom errors: pydantic reports the code as the error's type and the values as its
context, as it does for its own errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pydantic_core import PydanticCustomError

DATE_EXPECTED = "expected a year, a month or a day: 2019, 2019-03 or 2019-03-12"
# {suggestion} is DID_YOU_MEAN when the check has a `hint`, otherwise nothing.
DID_YOU_MEAN = "did you mean '{hint}'? "
ENGLISH: Mapping[str, str] = MappingProxyType(
    {
        "missing": "is missing from this {kind}; expected: {description}",
        "missing_here": "is missing from this {kind}",
        "not_a_field": "is not a field of a {kind}; {suggestion}fields are: {fields}",
        "extra_forbidden": "is not expected here; remove it",
        "not_allowed": "'{value}' is not allowed; {suggestion}expected one of: {choices}",
        "unknown_reference": "'{value}' is not a {what}; {suggestion}expected one of: {choices} (the files in {folder})",
        "not_a_country_code": "'{value}' is not an ISO 3166-1 alpha-2 country code; {suggestion}expected two capital letters such as BE, FR or GB",
        "not_an_email": "'{value}' is not an e-mail address; expected an organisation mailbox such as contact@efus.eu",
        "not_a_url": "'{value}' is not an absolute web address; expected one starting with https:// or http://, such as https://efus.eu/",
        "not_a_date": "'{value}' is not a date; " + DATE_EXPECTED,
        "not_a_real_date": "'{value}' is not a real date ({reason}); " + DATE_EXPECTED,
        "not_a_real_day": "'{value}' is not a real date ({reason}); expected YYYY-MM-DD",
        "implausible_year": "'{value}' is not a plausible year for a source; " + DATE_EXPECTED,
        "not_a_language_code": "'{value}' is not a two-letter ISO 639-1 language code; {suggestion}expected a lower-case code such as en, fr, es, ca, nl, sv or de",
        "end_before_start": "the end year {end} is before the start year {start}",
        "consent_missing": "a named contact person needs 'consent_date: YYYY-MM-DD', the date they agreed to be published; "
        "without it, remove 'name' and give an organisation mailbox",
        "off_the_map": "lat {lat}, lon {lon} lies outside the map of Europe: check the values and that lat and lon are not swapped",
        "section_missing": "section '## {wanted}' is missing; a practice sheet has the sections {sections}, in this order",
        "section_misplaced": "found section '## {found}' where '## {wanted}' was expected; a practice sheet has the sections {sections}, in this order",
        "section_unexpected": "unexpected section '## {found}' after '## {last}'; use '### {found}' inside a section, or remove it",
        "no_chapter": "there is no recommendation chapter {number}; expected one of: {chapters}",
    }
)


@dataclass(frozen=True)
class Message:
    """A message of the check: its English text and, when other languages can word it, its code and values."""

    text: str
    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict)


def worded(template: str, params: Mapping[str, object], did_you_mean: str) -> str:
    return template.format_map({**params, "suggestion": _suggestion(params, did_you_mean)})


def message(code: str, **params: object) -> Message:
    return Message(worded(ENGLISH[code], params, DID_YOU_MEAN), code, params)


def missing(kind: str, description: str | None) -> Message:
    """A required field left out; its description says what it holds."""
    if description:
        return message("missing", kind=kind.replace("-", " "), description=description)
    return message("missing_here", kind=kind.replace("-", " "))


def refused(code: str, **params: object) -> PydanticCustomError:
    """The error a validator of the model raises (a ValueError, for the callers outside pydantic too)."""
    return PydanticCustomError(code, ENGLISH[code], {**params, "suggestion": _suggestion(params, DID_YOU_MEAN)})


def _suggestion(params: Mapping[str, object], did_you_mean: str) -> str:
    return did_you_mean.format(hint=params["hint"]) if params.get("hint") else ""
