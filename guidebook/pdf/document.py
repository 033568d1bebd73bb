"""The printed documents as data for the print templates: sections in order, already in one language."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import typography
from ..content.model import Entry, Repository
from ..content.schema import PageBase
from ..languages import strings
from ..site.citations import Citation
from ..site.crosslinks import Index
from ..site.views import Link, ViewBuilder
from .hyphenation import hyphenate
from .links import Linker, anchor
from .markdown import Renderer
from .outline import Item


@dataclass(frozen=True)
class Value:
    text: str
    href: str | None = None


@dataclass
class Section:
    anchor: str
    level: int
    title: str
    lang: str  # language of its text: a page missing in this language is printed in its source language
    kicker: str | None = None  # the group a part's index page opens, above its title
    summary: str | None = None
    body: Markup = Markup("")
    notices: list[str] = field(default_factory=list)
    facts: list[tuple[str, list[Value]]] = field(default_factory=list)
    related: list[tuple[str, list[Value]]] = field(default_factory=list)
    sources: list[Citation] = field(default_factory=list)
    is_draft: bool = False
    number: str | None = None  # "1.3": the 2019 guidebook's numbering of Part 1's articles and Part 2's pilots

    @property
    def running(self) -> str:
        """The running header: the group's short title rather than a part's long one."""
        return self.kicker or self.title


def group_anchor(title: str) -> str:
    return "g-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


class SectionBuilder:
    """Builds the sections of one document in one language."""

    def __init__(
        self, repository: Repository, index: Index, linker: Linker, renderer: Renderer, *, draft_notices: bool
    ):
        # The guidebook names its draft chapters once, in the colophon; a handout is a page of its own.
        self.draft_notices = draft_notices
        self.repository = repository
        self.linker = linker
        self.renderer = renderer
        self.views = ViewBuilder(index, linker.language, "")
        self.t = strings(linker.language)

    def heading(self, item: Item, title: str) -> Section:
        return Section(group_anchor(item.group or title), item.level, title, self.linker.language)

    def page(self, entry: Entry, level: int, kicker: str | None = None) -> Section:
        language = self.linker.language
        variant = entry.variant(language)
        view = self.views.build(entry)
        model = variant.page(PageBase)
        section = Section(anchor(entry.key), level, model.title, variant.language, kicker, model.summary)
        body = typography.for_language(self.renderer.render(entry.key, variant.source.body), variant.language)
        section.body = Markup(hyphenate(body, variant.language))
        if view.fallback:
            section.notices.append(self.t["fallback_notice"].format(language=view.fallback.title))
        section.is_draft = view.is_draft
        if view.is_draft and self.draft_notices:
            section.notices.append(self.t["draft_notice"])
        section.facts = [(name, self._values(values)) for name, values in view.facts]
        section.related = [(name, self._values(links)) for name, links in view.related if links]
        section.sources = view.sources
        return section

    def _values(self, values: Sequence[Link | str]) -> list[Value]:
        return [Value(v.title, self.linker.url(v.url)) if isinstance(v, Link) else Value(str(v)) for v in values]
