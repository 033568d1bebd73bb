"""Where content lives on disk, the keys of its pages and where they appear in the site."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from ..languages import SiteLanguages

DOCS_DIR = "docs"
# Site folder -> project folder, for the collections kept outside docs/.
COLLECTIONS = {
    "practice-sheets": "practice_sheets",
    "recommendations": "recommendations",
    "city-pilots": "city_pilots",
}
COUNTRY_FOLDER = "state-of-the-art"
KIND_OF_FOLDER = {
    "practice-sheets": "practice-sheet",
    "recommendations": "recommendation",
    "city-pilots": "pilot",
    COUNTRY_FOLDER: "country",
}
HOME_KEY = "index"
CATALOGUE_KEY = "practice-sheets/index"
THEMES_KEY = "practice-sheets/themes"
MAP_KEY = "map"  # /map/ and /fr/map/
EVALUATION_KEY = "practice-sheets/evaluation-levels"  # what each evaluation status means
# Pages the site makes from the content rather than from a file: pages may link to them.
GENERATED_KEYS = frozenset({CATALOGUE_KEY, THEMES_KEY, MAP_KEY, EVALUATION_KEY})


@dataclass(frozen=True)
class ContentFile:
    """A file of the project seen both ways: on disk, and as a path of the site tree.

    The names derived from the path are cached: every build reads them many times per file.
    """

    path: Path  # on disk
    site_path: PurePosixPath  # inside the (staged) docs tree, e.g. city-pilots/avignon.en.md

    @cached_property
    def is_markdown(self) -> bool:
        return self.path.suffix == ".md"

    @cached_property
    def language(self) -> str | None:
        return split_language(self.site_path.stem)[1]

    @cached_property
    def key(self) -> str:
        """The page's identity across languages: its site path without language and extension."""
        return (self.site_path.parent / split_language(self.site_path.stem)[0]).as_posix()

    @cached_property
    def kind(self) -> str:
        if split_language(self.site_path.stem)[0] == "index" or len(self.site_path.parts) < 2:
            return "page"
        return KIND_OF_FOLDER.get(self.site_path.parts[0], "page")


def split_language(stem: str) -> tuple[str, str | None]:
    """A file name without its extension as (the page's name, its language): 'avignon.fr' -> ('avignon', 'fr')."""
    name, dot, language = stem.rpartition(".")
    return (name, language) if dot and name else (stem, None)


def page_key(path: str, languages: SiteLanguages) -> str:
    """The page a link to a Markdown file leads to: 'city-pilots/avignon.fr.md' -> 'city-pilots/avignon'."""
    folder, name = posixpath.split(path.removesuffix(".md"))
    name, language = split_language(name)
    return posixpath.join(folder, name if language is None or languages.knows(language) else f"{name}.{language}")


def walk(root: Path) -> list[ContentFile]:
    """Every file of docs/ and of the collections, in a stable order; hidden files are skipped."""
    found: list[ContentFile] = []
    sources = [(root / DOCS_DIR, PurePosixPath())]
    sources += [(root / folder, PurePosixPath(mount)) for mount, folder in COLLECTIONS.items()]
    for base, mount in sources:
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(base)
            # A symbolic link is listed even when it leads nowhere: the load reports it (content/load.py).
            if (path.is_file() or path.is_symlink()) and not any(part.startswith(".") for part in relative.parts):
                found.append(ContentFile(path, mount / relative.as_posix()))
    return found


def site_url(key: str, language: str, languages: SiteLanguages) -> str:
    """URL path of a page from the site root, e.g. 'fr/city-pilots/avignon/' (no leading slash)."""
    path = key[: -len("index")] if key == "index" or key.endswith("/index") else key + "/"
    return languages.prefix(language) + path
