"""The rules a page must follow beyond reading: its schema, its translation's fields, its sections, its references."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ..languages import SiteLanguages, strings
from ..typography import prose_fields
from .messages import ENGLISH, Message, message, missing
from .model import Entry, Repository, Variant
from .problems import Problem
from .schema import KINDS, PROSE_FIELDS, CountryArticle, PageBase, PracticeSheet, Recommendation
from .vocabulary import expect_one_of, nearest, unknown

# Pages that must cite a source outside this site: what they say comes from the public record.
CITING_KINDS = {"practice-sheet": "practice sheet", "pilot": "city pilot", "country": "country article"}
# Fields a translation states only when they differ from its source, and the note to editors, which is each file's own.
NOT_INHERITED = {"source_language", "source_hash", "editor_note"}


def validate_entry(entry: Entry, languages: SiteLanguages) -> list[Problem]:
    """The problems of a page's versions; sets the page's source language and each version's model."""
    declared = {
        str(v.source.meta["source_language"])
        for v in entry.variants.values()
        if v.source.meta.get("source_language") is not None
    }
    entry.source_language = sorted(declared)[0] if len(declared) == 1 else languages.default
    problems: list[Problem] = []
    if len(declared) > 1:
        for variant in entry.variants.values():
            problems.append(
                variant.source.problem(
                    ("source_language",),
                    "the language versions of this page disagree on its source language; give the same value in each",
                )
            )
    source = entry.variants.get(entry.source_language)
    if source is None:
        for variant in entry.variants.values():
            missing = f"{entry.slug}.{entry.source_language}.md"
            problems.append(
                variant.source.problem(
                    (),
                    f"this translation has no source file '{missing}' beside it; add it, or declare "
                    f"'source_language: {variant.language}' if the page was written in this language",
                )
            )
        # Validate the lone translation as its own source so its other problems show too.
        source = next(iter(entry.variants.values()))
        entry.source_language = source.language
    problems += _validate_variant(entry, source, {}, languages)
    inherited = {k: v for k, v in source.source.meta.items() if k not in NOT_INHERITED}
    for variant in entry.variants.values():
        if variant is not source:
            problems += _validate_variant(entry, variant, inherited, languages)
    return problems


def _validate_variant(
    entry: Entry, variant: Variant, inherited: dict[str, Any], languages: SiteLanguages
) -> list[Problem]:
    schema = KINDS[entry.kind]
    data = {**inherited, **variant.source.meta}
    data = prose_fields(data, PROSE_FIELDS, variant.language)
    problems: list[Problem] = []
    try:
        variant.model = schema.model_validate(data, context=languages)
    except ValidationError as error:
        for item in error.errors():
            location = tuple(item["loc"])
            if location and location[0] in inherited and not variant.declares(str(location[0])):
                continue  # reported on the source file, where the value is written
            problems.append(variant.source.problem(location, error_message(item, schema, entry.kind)))
    if entry.kind == "practice-sheet":
        problems += _check_sections(variant)
    return problems


def error_message(item: ErrorDetails, schema: type[PageBase], kind: str) -> Message:
    """One of pydantic's errors as the check words it, with its type (or the model's own code) and context."""
    location, context = item["loc"], item.get("ctx", {})
    if item["type"] == "missing":
        info = schema.model_fields.get(str(location[0])) if len(location) == 1 else None
        return missing(kind, info.description if info else None)
    if item["type"] == "extra_forbidden":
        if len(location) == 1:
            known = list(schema.model_fields)
            return message(
                "not_a_field",
                kind=kind.replace("-", " "),
                hint=nearest(str(location[0]), known),
                fields=", ".join(known),
            )
        return message("extra_forbidden")
    if item["type"] == "literal_error":
        return expect_one_of(item["input"], [str(v).strip("'") for v in context["expected"].split(" or ")])
    if item["type"] in ("value_error", "assertion_error"):  # a plain ValueError: English only
        return Message(str(context["error"]), item["type"])
    if item["type"] in ENGLISH:  # raised by a validator of the model (messages.refused), worded by pydantic
        return Message(
            item["msg"], item["type"], {name: value for name, value in context.items() if name != "suggestion"}
        )
    found = item.get("input")
    found_text = f"; found {found!r}" if not isinstance(found, dict) else ""
    return Message(f"{item['msg'][0].lower()}{item['msg'][1:]}{found_text}", item["type"], context)


def _check_sections(variant: Variant) -> list[Problem]:
    """A practice sheet's body follows the sheet template of its language, section by section."""
    expected = strings(variant.language)["sheet_sections"]
    found = [(text, line) for line, level, text in variant.source.headings if level == 2]
    titles = [title for title, _ in found]
    if titles == expected:
        return []
    template = ", ".join(expected)
    shown = variant.source.shown_path
    for index, wanted in enumerate(expected):
        if index >= len(found):
            line = found[-1][1] if found else variant.source.body_line
            return [Problem.of(shown, line, "body", message("section_missing", wanted=wanted, sections=template))]
        title, line = found[index]
        if title != wanted:
            return [
                Problem.of(
                    shown, line, "body", message("section_misplaced", found=title, wanted=wanted, sections=template)
                )
            ]
    title, line = found[len(expected)]
    return [Problem.of(shown, line, "body", message("section_unexpected", found=title, last=expected[-1]))]


def check_references(repository: Repository) -> list[Problem]:
    """Every pilot, chapter and country a page refers to exists; chapter numbers are unique."""
    problems: list[Problem] = []
    pilots = sorted(entry.slug for entry in repository.of_kind("pilot"))
    chapters: dict[int, Entry] = {}
    for entry in sorted(repository.of_kind("recommendation"), key=lambda e: e.key):
        source = entry.variants[entry.source_language]
        if not isinstance(source.model, Recommendation):  # refused by the check
            continue
        number = source.model.number
        if number in chapters:
            other = chapters[number].variants[chapters[number].source_language].source.shown_path
            problems.append(
                source.source.problem(
                    ("number",), f"chapter number {number} is already used by {other}; give each chapter its own number"
                )
            )
        chapters.setdefault(number, entry)
    countries: dict[str, Entry] = {}
    for entry in sorted(repository.of_kind("country"), key=lambda e: e.key):
        source = entry.variants[entry.source_language]
        if not isinstance(source.model, CountryArticle):
            continue
        if source.model.country in countries:
            other = (
                countries[source.model.country]
                .variants[countries[source.model.country].source_language]
                .source.shown_path
            )
            problems.append(
                source.source.problem(
                    ("country",),
                    f"country {source.model.country} already has an article, {other}; keep one article per country",
                )
            )
        countries.setdefault(source.model.country, entry)
    for entry in repository.of_kind("practice-sheet"):
        for variant in entry.variants.values():
            model = variant.model
            if not isinstance(model, PracticeSheet):
                continue
            if variant.declares("pilot") and model.pilot not in pilots:
                problems.append(
                    variant.source.problem(("pilot",), unknown("city pilot", model.pilot, pilots, "city_pilots/"))
                )
            if variant.declares("recommendations"):
                for index, number in enumerate(model.recommendations):
                    if number not in chapters:
                        known = ", ".join(str(n) for n in sorted(chapters))
                        problems.append(
                            variant.source.problem(
                                ("recommendations", index), message("no_chapter", number=number, chapters=known)
                            )
                        )
    return problems


def uncited(repository: Repository) -> list[Problem]:
    """Warnings for each published sheet, pilot and country article whose file cites no source with a web address
    (a draft may still be looking for one)."""
    problems = []
    for kind, name in CITING_KINDS.items():
        for entry in repository.of_kind(kind):
            for variant in entry.variants.values():
                model = variant.model
                inherits = variant.language != entry.source_language and not variant.declares("sources")
                if (
                    model is None
                    or model.status != "published"
                    or inherits
                    or any(source.url for source in model.sources)
                ):
                    continue
                message = f"a published {name} cites at least one public source: add to 'sources' a web page it comes from, with its url"
                problems.append(variant.source.problem(("sources",), message, "warning"))
    return problems
