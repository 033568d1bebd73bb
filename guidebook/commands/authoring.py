"""`guidebook new`: start a page in both languages from the templates in guidebook/templates/.

The English file is the source, with every value the author must still write marked TODO. The French
file is its translation-to-be: status draft, a visible note in French, and no `source_hash`, so
`guidebook status` lists it as unmarked until a translator records it with `guidebook status --mark`.
Both files pass `guidebook check` as created, so the site can be previewed at once.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import jinja2

from .. import PACKAGE_DIR
from ..content.layout import COLLECTIONS, site_url
from ..content.load import inspect
from ..content.model import Entry, Repository
from ..content.problems import display_path
from ..content.schema import PageBase
from ..content.vocabulary import check_country, unknown, vocabularies
from ..errors import BadArgument, Refused
from ..languages import SiteLanguages, new_page_strings, read, strings

TEMPLATES_DIR = PACKAGE_DIR / "templates"
TRANSLATION_TEMPLATE = "translation.md.j2"  # the source is written from "<kind>.<default language>.md.j2"
# Letters that Unicode decomposition does not turn into ASCII.
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d"}
)
NOT_SLUG = re.compile(r"[^a-z0-9]+")
RESERVED_SLUGS = {"index"}  # the collection's overview page
PREVIEW_URL = "http://127.0.0.1:8000/"


@dataclass(frozen=True)
class Created:
    """What `new` wrote, and what the author does next."""

    source: str  # the English file, to write
    translations: list[str]  # the files awaiting translation
    next_steps: list[str] = field(default_factory=list)


def slugify(title: str) -> str:
    """'Sortie de prison à Málaga' -> 'sortie-de-prison-a-malaga'."""
    decomposed = unicodedata.normalize("NFKD", title.translate(LIGATURES))
    ascii_only = "".join(char for char in decomposed if not unicodedata.combining(char))
    return NOT_SLUG.sub("-", ascii_only.lower()).strip("-")


def new_practice_sheet(
    root: Path, title: str, *, pilot: str, city: str | None = None, country: str | None = None, today: date
) -> Created:
    """A practice sheet of `pilot`; its city and country default to the pilot's."""
    title, slug = _title_and_slug(title)
    repository, _ = inspect(root, check_bodies=())
    pilot_entry = _pilot(repository, pilot)
    city = _text("--city", city if city is not None else _of_pilot(pilot_entry, "city", "--city"))
    country = _country(country if country is not None else _of_pilot(pilot_entry, "country", "--country"))
    chapters = _chapter_numbers(repository)
    return _create(
        root,
        repository.languages,
        "practice-sheets",
        slug,
        "practice-sheet",
        title=title,
        city=city,
        country=country,
        pilot=pilot_entry.slug,
        chapter=chapters[0] if chapters else 1,
        chapters=chapters,
        choices={name: list(codes) for name, codes in vocabularies().items()},
        today=today,
    )


def new_city_pilot(
    root: Path,
    title: str,
    *,
    country: str,
    lat: float,
    lon: float,
    city: str | None = None,
    local_action: str | None = None,
    expert_partner: str | None = None,
    today: date,
) -> Created:
    """A city pilot; its city defaults to the title."""
    title, slug = _title_and_slug(title)
    return _create(
        root,
        read(root),
        "city-pilots",
        slug,
        "city-pilot",
        title=title,
        city=_text("--city", city if city is not None else title),
        country=_country(country),
        lat=lat,
        lon=lon,
        local_action=None if local_action is None else _text("--local-action", local_action),
        expert_partner=None if expert_partner is None else _text("--expert-partner", expert_partner),
        today=today,
        nav_section="Part 2: City pilots",
    )


def new_recommendation(root: Path, title: str, *, number: int, today: date) -> Created:
    """Recommendation chapter `number`, in a file named NN-slug like the others."""
    title, slug = _title_and_slug(title)
    repository, _ = inspect(root, check_bodies=())
    taken = {n: e for e in repository.of_kind("recommendation") if (n := _number(e)) is not None}
    if number in taken:
        free = next(n for n in range(1, len(taken) + 2) if n not in taken)
        raise BadArgument(
            "--number",
            f"chapter {number} already exists ({taken[number].variants[taken[number].source_language].source.shown_path}); "
            f"the first free number is {free}",
        )
    return _create(
        root,
        repository.languages,
        "recommendations",
        f"{number:02d}-{slug}",
        "recommendation",
        title=title,
        number=number,
        today=today,
        nav_section="Part 3: Recommendations",
    )


def _title_and_slug(title: str) -> tuple[str, str]:
    title = _text("TITLE", title)
    slug = slugify(title)
    if not slug:
        raise BadArgument("TITLE", f"'{title}' has no letters or digits to make a file name from")
    if slug in RESERVED_SLUGS:
        raise BadArgument("TITLE", f"the file name '{slug}' is reserved for the overview page; choose a longer title")
    return title, slug


def _text(option: str, value: str | None) -> str:
    if value is None or not value.strip():
        raise BadArgument(option, 'is empty; give a value in quotes, e.g. "Case management in Vilvoorde"')
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise BadArgument(option, "contains a line break or a control character; give it on one line")
    return value.strip()


def _country(code: str | None) -> str:
    try:
        return check_country(_text("--country", code))
    except ValueError as error:
        raise BadArgument("--country", str(error)) from None


def _pilot(repository: Repository, slug: str) -> Entry:
    pilots = {entry.slug: entry for entry in repository.of_kind("pilot")}
    if not pilots:
        raise BadArgument("--pilot", "there is no city pilot yet; create it first with: guidebook new city-pilot")
    if slug not in pilots:
        # The same words as `guidebook check` uses for a sheet's unknown pilot.
        raise BadArgument("--pilot", unknown("city pilot", slug, sorted(pilots), "city_pilots/").text)
    return pilots[slug]


def _source_model(entry: Entry) -> PageBase | None:
    variant = entry.variants.get(entry.source_language)
    return variant.model if variant else None


def _of_pilot(pilot: Entry, name: str, option: str) -> str:
    model = _source_model(pilot)
    if model is None:
        raise BadArgument(
            option,
            f"the pilot '{pilot.slug}' has errors, so its {name} is unknown; give {option} or run guidebook check",
        )
    return getattr(model, name)


def _number(entry: Entry) -> int | None:
    return getattr(_source_model(entry), "number", None)


def _chapter_numbers(repository: Repository) -> list[int]:
    return sorted(n for e in repository.of_kind("recommendation") if (n := _number(e)) is not None)


def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        autoescape=False,  # Markdown and YAML, not HTML
    )
    # JSON strings are valid YAML: any title is written safely, quotes and colons included.
    environment.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    return environment


def _create(
    root: Path,
    languages: SiteLanguages,
    mount: str,
    slug: str,
    template: str,
    *,
    nav_section: str | None = None,
    **values,
) -> Created:
    """Render the template in every language and write the files, or write nothing if one exists."""
    default = languages.default
    folder = root / COLLECTIONS[mount]
    paths = {language: folder / f"{slug}.{language}.md" for language in languages.codes}
    shown = {language: display_path(path, root) for language, path in paths.items()}
    existing = [shown[language] for language, path in paths.items() if path.exists()]
    if existing:
        raise Refused(
            f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; nothing was created. "
            "Choose another title, or edit the existing page."
        )
    environment = _environment()
    texts = {}
    for language in languages.codes:
        source = language == default
        words = {} if source else new_page_strings(language)
        texts[language] = environment.get_template(
            f"{template}.{language}.md.j2" if source else TRANSLATION_TEMPLATE
        ).render(
            values,
            template=template,
            language=language,
            number=values.get("number"),
            s=words,
            sections=strings(language)["sheet_sections"]
            if template == "practice-sheet" or source
            else words["sections"][template],
            source_path=shown[default],
            path=shown[language],
        )
    folder.mkdir(parents=True, exist_ok=True)
    _write_all(paths, texts)
    pending = {language: path for language, path in shown.items() if language != default}
    return Created(
        shown[default],
        list(pending.values()),
        _next_steps(mount, slug, shown[default], pending, nav_section, languages),
    )


def _write_all(paths: dict[str, Path], texts: dict[str, str]) -> None:
    """Create every file or none: a file that appeared meanwhile is never overwritten."""
    written: list[Path] = []
    try:
        for language, path in paths.items():
            with path.open("x", encoding="utf-8", newline="\n") as file:
                written.append(path)
                file.write(texts[language])
    except FileExistsError as error:
        for path in written:
            path.unlink()
        raise Refused(f"{error.filename} appeared while it was being created; nothing was created.") from None


def _next_steps(
    mount: str, slug: str, source: str, translations: dict[str, str], nav_section: str | None, languages: SiteLanguages
) -> list[str]:
    """`translations`: language -> the file awaiting its translation."""
    steps = [f"Write the page in {source}: replace every TODO (field reference: guidebook fields, or CONTRIBUTING.md)."]
    if nav_section:
        steps.append(f"Add '{mount}/{slug}.md' to the nav of mkdocs.yml, under '{nav_section}'.")
    steps += [
        f"Preview it: make serve, then open {PREVIEW_URL}{site_url(f'{mount}/{slug}', languages.default, languages)}",
        "Check all content: make check (or guidebook check).",
        *(
            f"Translate {translation} (and remove its '{new_page_strings(language)['awaiting_title']}' note), then record it: guidebook status --mark {translation}"
            for language, translation in translations.items()
        ),
        "Publish: set 'status: published' when the page is complete, commit both files, and build the site with make site.",
    ]
    return steps
