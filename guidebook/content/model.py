"""The validated content in memory: a page (Entry) in its language versions (Variant), all pages (Repository).

Every layer above reads the content through these; nothing here reads files or checks values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, overload

from ..languages import SiteLanguages
from .frontmatter import SourceFile
from .layout import ContentFile
from .schema import PageBase

Kind = TypeVar("Kind", bound=PageBase)


@dataclass
class Variant:
    """One language version of a page."""

    language: str
    file: ContentFile
    source: SourceFile
    model: PageBase | None = None

    def declares(self, name: str) -> bool:
        return name in self.source.meta

    def page(self, kind: type[Kind]) -> Kind:
        """The validated model as the schema of its kind (`entry.kind` names it): what the build reads."""
        if not isinstance(self.model, kind):
            raise TypeError(f"{self.source.shown_path} holds a {type(self.model).__name__}, not a {kind.__name__}")
        return self.model


@dataclass
class Entry:
    """A page in all its languages."""

    key: str
    kind: str
    source_language: str  # the site's default language until the check reads the page's own
    variants: dict[str, Variant] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    def variant(self, language: str) -> Variant:
        """The version a reader of `language` gets: their own, or the source as a fallback."""
        return self.variants.get(language) or self.variants[self.source_language]

    @overload
    def model(self, language: str) -> PageBase: ...
    @overload
    def model(self, language: str, kind: type[Kind]) -> Kind: ...
    def model(self, language: str, kind: type[PageBase] = PageBase) -> PageBase:
        """The validated page a reader of `language` gets, as `kind` (its schema) when the caller needs its fields."""
        return self.variant(language).page(kind)


@dataclass
class Repository:
    """All validated content, indexed for the references between pages."""

    root: Path
    languages: SiteLanguages  # those of the project's mkdocs.yml, read with its content
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
        default = self.languages.default
        for entry in self.entries.values():
            if default not in entry.variants:
                source = entry.variants[entry.source_language]
                pages[f"{entry.key}.{default}.md"] = source
        tree: dict[str, tuple[ContentFile, Variant | None]] = {
            f.site_path.as_posix(): (f, None) for f in self.files if not f.is_markdown
        }
        tree.update({site_path: (variant.file, variant) for site_path, variant in pages.items()})
        return tree
