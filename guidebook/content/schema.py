"""The content model: one typed schema per kind of page.

Field descriptions are the reference authors read (CONTRIBUTING.md is generated from them).
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

from .area import check_on_map
from .messages import refused
from .sources import check_language, check_url, normalise_date
from .vocabulary import check_code, check_country, check_site_language, site_languages_of

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Country = Annotated[str, AfterValidator(check_country)]
Approach = Annotated[str, AfterValidator(partial(check_code, "approaches"))]
JusticeStage = Annotated[str, AfterValidator(partial(check_code, "justice_stages"))]
TargetGroup = Annotated[str, AfterValidator(partial(check_code, "target_groups"))]
EvaluationStatus = Annotated[str, AfterValidator(partial(check_code, "evaluation_statuses"))]
Status = Annotated[str, AfterValidator(partial(check_code, "statuses"))]
SiteLanguage = Annotated[str, AfterValidator(check_site_language)]
Year = Annotated[int, Field(ge=1990, le=2100)]
Url = Annotated[str, AfterValidator(check_url), Field(json_schema_extra={"format": "uri"})]
SourceDate = Annotated[str, BeforeValidator(normalise_date)]
SourceLanguage = Annotated[str, BeforeValidator(check_language)]

# Fields whose values are prose readers see (typeset as French on French pages, spell-checked); the others
# hold codes, slugs, addresses and dates.
PROSE_FIELDS = frozenset(
    {"title", "summary", "name", "role", "note", "publisher", "city", "local_action", "expert_partner"}
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


def _check_email(value: str) -> str:
    if not EMAIL.match(value):
        raise refused("not_an_email", value=value)
    return value


Email = Annotated[str, AfterValidator(_check_email)]


def _filled_from_context() -> str:
    """Never called: a page that names no source language gets the site's default before its fields are read."""
    raise TypeError("a page's source language comes from its validation context (PageBase._default_source_language)")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Model):
    """A document or web page the facts of a page come from."""

    title: Text = Field(description="Title of the document or web page, as it gives it.")
    publisher: Text = Field(description="Who published it: an organisation, a newspaper, a website.")
    url: Url | None = Field(None, description="Its address, absolute (https://...); leave out for a printed document.")
    date: SourceDate | None = Field(
        None, description="When it was published, as precisely as known: 2019, 2019-03 or 2019-03-12."
    )
    language: SourceLanguage = Field(
        description="Two-letter ISO 639-1 code of its language: en, fr, es, ca, nl, sv, de..."
    )


class PageBase(Model):
    """Fields every page has."""

    title: Text = Field(description="Page title, shown as the heading and in the navigation.")
    summary: Text | None = Field(None, description="One or two sentences describing the page.")
    status: Status = Field(description="Editorial status: draft (incomplete, marked on the page) or published.")
    last_reviewed: date | None = Field(
        None, description="Date the page was last checked against its sources (YYYY-MM-DD)."
    )
    source_language: SiteLanguage = Field(
        default_factory=_filled_from_context,  # the site's default language (_default_source_language)
        description="Language the page was written in, one of the site languages (mkdocs.yml); its other versions are translations.",
    )
    source_hash: str | None = Field(
        None,
        description="In a translation: fingerprint of the source it was translated from (set by `guidebook status --mark`).",
    )
    hide: list[Literal["navigation", "toc", "footer"]] = Field(
        [], description="Parts of the page layout to hide (navigation, toc, footer)."
    )
    sources: list[Source] = Field(
        [],
        description="Documents and web pages the page's facts come from, each {title, publisher, url, date, language}.",
    )
    editor_note: Text | None = Field(
        None,
        description="A note to the guidebook's editors about this file (what is missing, what to check); "
        "never shown to readers. `guidebook status` lists it.",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_source_language(cls, data: Any, info: ValidationInfo) -> Any:
        """The project's default language where the page names none: the languages are the project's, a value
        handed to the validation (validate.py), not a default fixed when this module was imported."""
        if isinstance(data, dict) and "source_language" not in data:
            return {**data, "source_language": site_languages_of(info).default}
        return data


class Page(PageBase):
    """A hand-written page: home, about, foreword, part overviews..."""


class CountryArticle(PageBase):
    """A Part 1 state-of-the-art article about one country."""

    summary: Text = Field(description="One or two sentences describing the page.")
    country: Country = Field(description="ISO 3166-1 alpha-2 code of the country (the United Kingdom is GB).")


class Coordinates(Model):
    lat: float = Field(ge=-90, le=90, description="Latitude in decimal degrees.")
    lon: float = Field(ge=-180, le=180, description="Longitude in decimal degrees.")

    @model_validator(mode="after")
    def _on_the_map(self) -> Coordinates:
        check_on_map(self.lat, self.lon)
        return self


class CityPilot(PageBase):
    """A Part 2 city pilot: where PREPARE tried a local action."""

    summary: Text = Field(description="One or two sentences describing the page.")
    city: Text = Field(description="City or region of the pilot.")
    country: Country = Field(description="ISO 3166-1 alpha-2 code of the pilot's country.")
    coordinates: Coordinates = Field(description="Position of the city, for the map: {lat: 43.9493, lon: 4.8055}.")
    local_action: Text = Field(description="Title of the local action the pilot carried out.")
    expert_partner: Text = Field(description="PREPARE partner that supported the pilot with expertise.")


class Recommendation(PageBase):
    """A Part 3 recommendation chapter."""

    summary: Text = Field(description="One or two sentences describing the page.")
    number: int = Field(ge=1, description="Chapter number (1, 2, ...), unique among chapters.")


class Organisation(Model):
    name: Text = Field(description="Name of the organisation.")
    role: Text = Field(description="Its role in the practice (translated in each language).")


class Period(Model):
    start: Year = Field(description="Year the practice started.")
    end: Year | None = Field(None, description="Year it ended; leave out while it runs.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise refused("end_before_start", end=self.end, start=self.start)
        return self


class Evaluation(Model):
    status: EvaluationStatus = Field(description="none, monitoring, process-evaluation or outcome-evaluation.")
    note: Text | None = Field(None, description="What was evaluated, by whom, where to read it.")


class Contact(Model):
    email: Email = Field(description="An organisation mailbox, never a personal address without consent.")
    name: Text | None = Field(None, description="A named person: only with `consent_date`.")
    consent_date: date | None = Field(None, description="Date the named person agreed to be published (YYYY-MM-DD).")

    @model_validator(mode="after")
    def _consent(self) -> Contact:
        if self.name and self.consent_date is None:
            raise refused("consent_missing")
        return self


class PracticeSheet(PageBase):
    """A practice sheet: one local practice, described in a fixed template."""

    summary: Text = Field(description="One or two sentences describing the practice.")
    city: Text = Field(description="City or region where the practice takes place.")
    country: Country = Field(description="ISO 3166-1 alpha-2 code (the United Kingdom is GB).")
    pilot: Text = Field(description="Slug of the city pilot this practice belongs to (a file in city_pilots/).")
    lead_organisation: Organisation | None = Field(
        None,
        description="Organisation that led the practice, {name, role}, only when a source names it; otherwise leave out.",
    )
    partners: list[Organisation] = Field(description="Other organisations involved, each {name, role}; [] if none.")
    approaches: list[Approach] = Field(min_length=1, description="Approaches used (controlled vocabulary).")
    justice_stages: list[JusticeStage] = Field(
        description="prison, release, probation, after-release; [] when sources say nothing."
    )
    target_groups: list[TargetGroup] = Field(
        description="Groups the practice works with (controlled vocabulary); [] when sources say nothing."
    )
    recommendations: list[int] = Field(
        min_length=1, description="Numbers of the recommendation chapters it illustrates."
    )
    period: Period | None = Field(
        None, description="Years the practice itself ran, {start: 2018, end: 2019}, when a source gives them."
    )
    evaluation: Evaluation = Field(description="Evaluation status and a note.")
    contact: Contact = Field(description="How to reach the people behind the practice.")


KINDS: dict[str, type[PageBase]] = {
    "page": Page,
    "country": CountryArticle,
    "pilot": CityPilot,
    "recommendation": Recommendation,
    "practice-sheet": PracticeSheet,
}
