"""One page's file replaced in a loaded repository, checked with the same rules as `load` (check = build).

The live preview and the editor's preview render one page from new text without reading the whole
project again: the text is read and checked as `inspect` reads and checks a file, then the page, the
references between pages and the links are checked on the repository holding the new version (the links of
the pages that can link to this one: the others were checked when the project was loaded). The
repository given is left as it was; the revised one shares every other page with it.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from .frontmatter import SourceFile, read_source
from .layout import GENERATED_KEYS, ContentFile
from .links import check_links
from .model import Entry, Repository, Variant
from .problems import Problem
from .sanitise import problems as unsafe_markup
from .validate import check_references, validate_entry


def revised(
    repository: Repository, content_file: ContentFile, text: str | None = None
) -> tuple[Repository, list[Problem]]:
    """The repository with `content_file` holding `text` (None: the file as it is on disk now), and the errors
    `guidebook check` would report on that repository; an empty list when the build would accept it."""
    shown = content_file.path.relative_to(repository.root).as_posix()
    language = content_file.language
    if language is None:
        return repository, [Problem(shown, 1, "file name", "the file name has no language: it is no page of the site")]
    source, problems = _read(content_file.path, shown, text)
    if problems:
        return repository, problems
    problems = unsafe_markup(source)
    old = repository.entries.get(content_file.key)
    # Copies of the other versions: validating sets their model, which may inherit from the new text.
    variants = {code: dataclasses.replace(variant) for code, variant in old.variants.items()} if old else {}
    variants[language] = Variant(language, content_file, source)
    entry = Entry(content_file.key, content_file.kind, repository.languages.default, variants)
    problems += validate_entry(entry, repository.languages)
    files = repository.files if content_file in repository.files else [*repository.files, content_file]
    new = dataclasses.replace(repository, files=files, entries={**repository.entries, entry.key: entry})
    problems += check_references(new) + check_links(new, GENERATED_KEYS, _linking_to(new, entry) if old else None)
    return new, sorted({problem for problem in problems if problem.severity == "error"})


def _linking_to(repository: Repository, entry: Entry) -> set[str]:
    """The page itself and every page that may link to it: the only links a new version of a page that was
    loaded without a problem can break (a link to it names its file, so holds its slug)."""
    slug = entry.slug
    return {entry.key} | {
        key
        for key, other in repository.entries.items()
        if any(slug in variant.source.body for variant in other.variants.values())
    }


def _read(path: Path, shown: str, text: str | None) -> tuple[SourceFile, list[Problem]]:
    """The file read as the loader reads it; unsaved text goes through a scratch file, so through the same code."""
    if text is None:
        return read_source(path, shown)
    with tempfile.NamedTemporaryFile(prefix="guidebook-page-", suffix=".md") as scratch:
        scratch.write(text.encode("utf-8", errors="surrogatepass"))  # a lone surrogate: refused as bad UTF-8
        scratch.flush()
        source, problems = read_source(Path(scratch.name), shown)
    source.path = path
    return source, problems
