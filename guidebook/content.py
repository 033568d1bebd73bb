"""Load every content file once, validate it against its schema and check references between pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .errors import ContentError, Problem, display_path
from .forkmap import split_map
from .frontmatter import SourceFile, read_source
from .layout import COLLECTIONS, DOCS_DIR, ContentFile, known_language, walk
from .schema import KINDS, PROSE_FIELDS, PageBase
from .typography import french_fields
from .urls import site_url
from .vocabulary import DEFAULT_LANGUAGE, LANGUAGES, expect_one_of, nearest, strings

HEADING_2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")
# Fields a translation states only when they differ from its source.
NOT_INHERITED = {"source_language", "source_hash"}


@dataclass
class Variant:
    """One language version of a page."""

    language: str
    file: ContentFile
    source: SourceFile
    model: PageBase | None = None

    def declares(self, name: str) -> bool:
        return name in self.source.meta


@dataclass
class Entry:
    """A page in all its languages."""

    key: str
    kind: str
    variants: dict[str, Variant] = field(default_factory=dict)
    source_language: str = DEFAULT_LANGUAGE

    @property
    def slug(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    def variant(self, language: str) -> Variant:
        """The version a reader of `language` gets: their own, or the source as a fallback."""
        return self.variants.get(language) or self.variants[self.source_language]

    def model(self, language: str) -> PageBase:
        return self.variant(language).model


@dataclass
class Repository:
    """All validated content, indexed for the references between pages."""

    root: Path
    files: list[ContentFile]
    entries: dict[str, Entry]

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries.values() if entry.kind == kind]

    def site_files(self) -> dict[str, tuple[ContentFile, Variant | None]]:
        """Every file of the site tree by site path, with the page version it holds.

        static-i18n falls back only to the default language, so a page written in another language
        also appears under the default language's file name, holding its source text.
        """
        pages = {
            variant.file.site_path.as_posix(): variant
            for entry in self.entries.values()
            for variant in entry.variants.values()
        }
        for entry in self.entries.values():
            if DEFAULT_LANGUAGE not in entry.variants:
                source = entry.variants[entry.source_language]
                pages[f"{entry.key}.{DEFAULT_LANGUAGE}.md"] = source
        tree = {f.site_path.as_posix(): (f, None) for f in self.files if not f.is_markdown}
        tree.update({site_path: (variant.file, variant) for site_path, variant in pages.items()})
        return tree


def inspect(root: Path) -> tuple[Repository, list[Problem]]:
    """Read and check the whole project; return what could be loaded and every problem found."""
    root = root.resolve()
    files = walk(root)
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    unreadable: set[str] = set()
    pages: list[tuple[ContentFile, str]] = []
    for content_file in files:
        if not content_file.is_markdown:
            continue
        shown = display_path(content_file.path, root)
        if known_language(content_file.language):
            pages.append((content_file, shown))
        else:
            problems.append(Problem(shown, 1, "file name", _language_hint(content_file)))
    read = split_map(_read_and_check, [(content_file.path, shown) for content_file, shown in pages])
    for (content_file, _), (source, read_problems, unsafe) in zip(pages, read):
        problems += read_problems + unsafe
        if read_problems:
            unreadable.add(content_file.key)
            continue
        entry = entries.setdefault(content_file.key, Entry(content_file.key, content_file.kind))
        entry.variants[content_file.language] = Variant(content_file.language, content_file, source)
    problems += _check_mount_clashes(root)
    problems += _check_addresses(entries)
    for entry in entries.values():
        # A page with an unreadable version is checked again once that file is mended.
        if entry.key not in unreadable:
            problems += _validate_entry(entry)
    repository = Repository(root, files, entries)
    problems += check_references(repository)
    from .generated import GENERATED  # here: generated pages are built from this module's output
    from .links import check_links

    problems += check_links(repository, set(GENERATED))
    return repository, sorted(set(problems))


def _read_and_check(where: tuple[Path, str]) -> tuple[SourceFile, list[Problem], list[Problem]]:
    """One file read (its problems make it unreadable), and what it holds that would be unsafe to publish."""
    from .safety import check_safety  # here: safety reads links, which reads this module

    source, problems = read_source(*where)
    return source, problems, ([] if problems else check_safety(source))


def load(root: Path) -> Repository:
    """The validated repository, or ContentError listing every error."""
    repository, problems = inspect(root)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise ContentError(errors)
    return repository


def _language_hint(content_file: ContentFile) -> str:
    stem = content_file.site_path.name.split(".")[0]
    languages = " or ".join(f"'{stem}.{language}.md'" for language in LANGUAGES)
    if content_file.language:
        return f"'.{content_file.language}' is not a site language; name the file {languages}"
    return f"the file name has no language; name it {languages}"


def _check_mount_clashes(root: Path) -> list[Problem]:
    return [
        Problem(
            f"{DOCS_DIR}/{mount}",
            1,
            "folder",
            f"'{DOCS_DIR}/{mount}' clashes with the collection folder '{folder}/', which the site shows at "
            f"'{mount}/'; move its files into '{folder}/'",
        )
        for mount, folder in COLLECTIONS.items()
        if (root / DOCS_DIR / mount).exists()
    ]


def _check_addresses(entries: dict[str, Entry]) -> list[Problem]:
    """Two pages published at one address: 'x.en.md' and 'x/index.en.md', or names differing only in case
    (one would silently replace the other, and case-insensitive disks, Windows or macOS, mix them up)."""
    problems = []
    owners: dict[str, Entry] = {}
    for entry in sorted(entries.values(), key=lambda e: e.key):
        address = site_url(entry.key, DEFAULT_LANGUAGE).lower()
        owner = owners.setdefault(address, entry)
        if owner is not entry:
            for variant in entry.variants.values():
                other = owner.variant(variant.language).source.shown_path
                problems.append(
                    Problem(variant.source.shown_path, 1, "file name", f"this page and {other} would both be published at '/{address}'; rename or move one of them")
                )
    return problems


def _validate_entry(entry: Entry) -> list[Problem]:
    declared = {v.source.meta.get("source_language") for v in entry.variants.values()} - {None}
    entry.source_language = sorted(declared)[0] if len(declared) == 1 else DEFAULT_LANGUAGE
    problems: list[Problem] = []
    if len(declared) > 1:
        for variant in entry.variants.values():
            problems.append(variant.source.problem(("source_language",), "the language versions of this page disagree on its source language; give the same value in each"))
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
    problems += _validate_variant(entry, source, {})
    inherited = {k: v for k, v in source.source.meta.items() if k not in NOT_INHERITED}
    for variant in entry.variants.values():
        if variant is not source:
            problems += _validate_variant(entry, variant, inherited)
    return problems


def _validate_variant(entry: Entry, variant: Variant, inherited: dict) -> list[Problem]:
    schema = KINDS[entry.kind]
    data = {**inherited, **variant.source.meta}
    if variant.language == "fr":
        data = french_fields(data, PROSE_FIELDS)
    problems: list[Problem] = []
    try:
        variant.model = schema.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            location = tuple(item["loc"])
            if location and location[0] in inherited and not variant.declares(location[0]):
                continue  # reported on the source file, where the value is written
            problems.append(variant.source.problem(location, _describe(item, schema, entry.kind)))
    if entry.kind == "practice-sheet":
        problems += _check_sections(variant)
    return problems


def _describe(item: dict, schema: type[PageBase], kind: str) -> str:
    kind_name = kind.replace("-", " ")
    location = item["loc"]
    if item["type"] == "missing":
        info = schema.model_fields.get(location[0]) if len(location) == 1 else None
        expected = f"; expected: {info.description}" if info and info.description else ""
        return f"is missing from this {kind_name}{expected}"
    if item["type"] == "extra_forbidden":
        if len(location) == 1:
            known = list(schema.model_fields)
            hint = nearest(str(location[0]), known)
            suggestion = f"did you mean '{hint}'? " if hint else ""
            return f"is not a field of a {kind_name}; {suggestion}fields are: {', '.join(known)}"
        return "is not expected here; remove it"
    if item["type"] in ("value_error", "assertion_error"):
        return str(item["ctx"]["error"])
    if item["type"] == "literal_error":
        return expect_one_of(item["input"], [str(v).strip("'") for v in item["ctx"]["expected"].split(" or ")])
    found = item.get("input")
    found_text = f"; found {found!r}" if not isinstance(found, dict) else ""
    return f"{item['msg'][0].lower()}{item['msg'][1:]}{found_text}"


def _check_sections(variant: Variant) -> list[Problem]:
    """A practice sheet's body follows the sheet template of its language, section by section."""
    expected = strings()[variant.language]["sheet_sections"]
    found = [(match.group(1), line) for line, text in variant.source.body_lines if (match := HEADING_2.match(text))]
    titles = [title for title, _ in found]
    if titles == expected:
        return []
    template = ", ".join(expected)
    shown = variant.source.shown_path
    for index, wanted in enumerate(expected):
        if index >= len(found):
            line = found[-1][1] if found else variant.source.body_line
            return [Problem(shown, line, "body", f"section '## {wanted}' is missing; a practice sheet has the sections {template}, in this order")]
        title, line = found[index]
        if title != wanted:
            return [Problem(shown, line, "body", f"found section '## {title}' where '## {wanted}' was expected; a practice sheet has the sections {template}, in this order")]
    title, line = found[len(expected)]
    return [Problem(shown, line, "body", f"unexpected section '## {title}' after '## {expected[-1]}'; use '### {title}' inside a section, or remove it")]


def check_references(repository: Repository) -> list[Problem]:
    """Every pilot, chapter and country a page refers to exists; chapter numbers are unique."""
    problems: list[Problem] = []
    pilots = sorted(entry.slug for entry in repository.of_kind("pilot"))
    chapters: dict[int, Entry] = {}
    for entry in sorted(repository.of_kind("recommendation"), key=lambda e: e.key):
        source = entry.variants[entry.source_language]
        if source.model is None:
            continue
        number = source.model.number
        if number in chapters:
            other = chapters[number].variants[chapters[number].source_language].source.shown_path
            problems.append(source.source.problem(("number",), f"chapter number {number} is already used by {other}; give each chapter its own number"))
        chapters.setdefault(number, entry)
    countries: dict[str, Entry] = {}
    for entry in sorted(repository.of_kind("country"), key=lambda e: e.key):
        source = entry.variants[entry.source_language]
        if source.model is None:
            continue
        if source.model.country in countries:
            other = countries[source.model.country].variants[countries[source.model.country].source_language].source.shown_path
            problems.append(source.source.problem(("country",), f"country {source.model.country} already has an article, {other}; keep one article per country"))
        countries.setdefault(source.model.country, entry)
    for entry in repository.of_kind("practice-sheet"):
        for variant in entry.variants.values():
            model = variant.model
            if model is None:
                continue
            if variant.declares("pilot") and model.pilot not in pilots:
                problems.append(variant.source.problem(("pilot",), _unknown("city pilot", model.pilot, pilots, "city_pilots/")))
            if variant.declares("recommendations"):
                for index, number in enumerate(model.recommendations):
                    if number not in chapters:
                        known = ", ".join(str(n) for n in sorted(chapters))
                        problems.append(variant.source.problem(("recommendations", index), f"there is no recommendation chapter {number}; expected one of: {known}"))
    return problems


def _unknown(what: str, value: str, known: list[str], folder: str) -> str:
    return f"{expect_one_of(value, known, what)} (the files in {folder})"
