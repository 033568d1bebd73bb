"""The one content pipeline: read every file once, validate it, check the references between pages.

`guidebook check` and every build run exactly this; whatever it accepts, the build publishes. A build checks the
bodies' unsafe markup on the HTML it renders them to (`check_bodies=False`: html/bodycheck.py), with the same rules.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from .. import languages
from ..errors import ContentError
from ..forkmap import split_map
from ..languages import SiteLanguages
from .frontmatter import SourceFile, read_source
from .layout import COLLECTIONS, DOCS_DIR, GENERATED_KEYS, ContentFile, site_url, split_language, walk
from .links import check_links
from .model import Entry, Repository, Variant
from .problems import Problem, display_path
from .sanitise import body_problems_rendered, front_matter_problems
from .sanitise import problems as unsafe_markup
from .validate import check_references, validate_entry


def inspect(root: Path, *, check_bodies: bool | Collection[str] = True) -> tuple[Repository, list[Problem]]:
    """Read and check the whole project; return what could be loaded and every problem found.

    The project's mkdocs.yml names the site languages (ConfigError when it cannot be read), read here once: the
    repository holds them for every layer above. Rendering every body for the unsafe-markup check is most of the
    time of a check, so `check_bodies` says whose: True, every file's; False, none, for a caller that checks them on
    its own rendering, unless another error is found, so that the problems listed are all those `guidebook check`
    lists; a collection of paths as shown: only those files' (the editor refuses a save for the files it saves
    alone; an empty one for a caller that reads the content and not its problems).
    """
    root = root.resolve()
    site_languages = languages.read(root)
    files, problems = _inside(walk(root), root)
    entries: dict[str, Entry] = {}
    unreadable: set[str] = set()
    pages: list[tuple[ContentFile, str, str]] = []  # (file, its language, its path as shown)
    for content_file in files:
        if not content_file.is_markdown:
            continue
        shown = display_path(content_file.path, root)
        language = content_file.language
        if site_languages.knows(language):
            pages.append((content_file, language, shown))
        else:
            problems.append(Problem(shown, 1, "file name", _language_hint(content_file, site_languages)))
    reader = _read_and_check if check_bodies is True else _read_and_check_front_matter
    read = split_map(reader, [(content_file.path, shown) for content_file, _, shown in pages])
    for (content_file, language, _), (source, read_problems, unsafe) in zip(pages, read):
        problems += read_problems + unsafe
        if read_problems:
            unreadable.add(content_file.key)
            continue
        entry = entries.setdefault(content_file.key, Entry(content_file.key, content_file.kind, site_languages.default))
        entry.variants[language] = Variant(language, content_file, source)
    problems += _check_mount_clashes(root)
    problems += _check_addresses(entries, site_languages)
    for entry in entries.values():
        # A page with an unreadable version is checked again once that file is mended.
        if entry.key not in unreadable:
            problems += validate_entry(entry, site_languages)
    repository = Repository(root, site_languages, files, entries)
    problems += check_references(repository)
    problems += check_links(repository, GENERATED_KEYS)
    if check_bodies is False:
        if any(problem.severity == "error" for problem in problems):
            problems += _bodies_unsafe_markup(repository)
    elif check_bodies is not True:  # only those files (none: an empty collection)
        problems += _bodies_unsafe_markup(repository, only=set(check_bodies))
    return repository, sorted(set(problems))


def _read_and_check(where: tuple[Path, str]) -> tuple[SourceFile, list[Problem], list[Problem]]:
    """One file read (its problems make it unreadable), and what it holds that would be unsafe to publish."""
    source, problems = read_source(*where)
    return source, problems, ([] if problems else unsafe_markup(source))


def _read_and_check_front_matter(where: tuple[Path, str]) -> tuple[SourceFile, list[Problem], list[Problem]]:
    """One file read, and the markup in its front matter (its body's is checked where it is rendered)."""
    source, problems = read_source(*where)
    return source, problems, ([] if problems else front_matter_problems(source))


def _bodies_unsafe_markup(repository: Repository, only: set[str] | None = None) -> list[Problem]:
    """The unsafe markup of every body, or of the files shown as `only`."""
    sources = [
        variant.source
        for entry in repository.entries.values()
        for variant in entry.variants.values()
        if only is None or variant.source.shown_path in only
    ]
    return [problem for found in split_map(body_problems_rendered, sources) for problem in found]


def load(root: Path, *, check_bodies: bool = True) -> Repository:
    """The validated repository, or ContentError listing every error (`check_bodies`: see inspect)."""
    repository, problems = inspect(root, check_bodies=check_bodies)
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise ContentError(errors)
    return repository


def _inside(files: list[ContentFile], root: Path) -> tuple[list[ContentFile], list[Problem]]:
    """The files that are, once symbolic links are followed, inside the project; a problem for each other one."""
    kept, problems = [], []
    for content_file in files:
        try:
            target = content_file.path.resolve(strict=True)
        except (OSError, RuntimeError):
            message = "is a symbolic link that leads nowhere (its target is missing, or the link loops); replace it with the file"
        else:
            if target.is_relative_to(root):
                kept.append(content_file)
                continue
            message = f"is a symbolic link to {target}, outside the project; copy that file into the project instead"
        problems.append(Problem(display_path(content_file.path, root), 1, "file", message))
    return kept, problems


def _language_hint(content_file: ContentFile, site_languages: SiteLanguages) -> str:
    stem = split_language(content_file.site_path.stem)[0]
    names = " or ".join(f"'{stem}.{language}.md'" for language in site_languages.codes)
    if content_file.language:
        return f"'.{content_file.language}' is not a site language; name the file {names}"
    return f"the file name has no language; name it {names}"


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


def _check_addresses(entries: dict[str, Entry], site_languages: SiteLanguages) -> list[Problem]:
    """Two pages published at one address: 'x.en.md' and 'x/index.en.md', or names differing only in case
    (one would silently replace the other, and case-insensitive disks, Windows or macOS, mix them up)."""
    problems = []
    owners: dict[str, Entry] = {}
    for entry in sorted(entries.values(), key=lambda e: e.key):
        address = site_url(entry.key, site_languages.default, site_languages).lower()
        owner = owners.setdefault(address, entry)
        if owner is not entry:
            for variant in entry.variants.values():
                other = owner.variant(variant.language).source.shown_path
                problems.append(
                    Problem(
                        variant.source.shown_path,
                        1,
                        "file name",
                        f"this page and {other} would both be published at '/{address}'; rename or move one of them",
                    )
                )
    return problems
