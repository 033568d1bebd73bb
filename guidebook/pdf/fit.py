"""Pages without waste: handouts that end on a well-filled page, a guidebook without near-empty pages.

A handout is laid out at its normal type size first. When its last page is mostly blank, the same sheet is
laid out smaller (down to a floor that stays readable) and the largest size that saves a page is kept; if
none does, larger sizes are tried so that the last page is at least half full on the same number of pages.

Each chapter of the guidebook starts on a new page, so a chapter whose last page holds a few source lines
left that page nearly empty (10 English pages under a quarter full). When a chapter inside a part follows
such a page, it runs on below the end of the previous one instead; a part's first page still starts a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

NORMAL = 9.5  # the handout's body size, in points
SMALLER = (9.0, 8.5, 8.0)  # tried in order, to save a page
LARGER = (10.25, 11.0)  # tried in order, to fill the last page
MOSTLY_BLANK = 0.5  # a last page filled less than this is mostly blank
NEARLY_EMPTY = 0.25  # a guidebook page filled less than this, before a chapter that could run on, is wasted
RUN_ON_PASSES = 3  # layouts at most: running a chapter on moves the pages after it
RUNS_ON = "runs-on"  # the class of a chapter that starts below the previous one (guidebook.css)


@dataclass(frozen=True)
class Variants:
    """The same document's HTML at each type size."""

    normal: str
    smaller: tuple[str, ...]
    larger: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return (self.normal, *self.smaller, *self.larger)

    def lay_out(self, layout: Callable[[str], Any]):
        return choose(self, layout)


@dataclass(frozen=True)
class Chapters:
    """A document of chapters, each on a new page unless that would leave the page before nearly empty.

    A chapter that may run on is a `<section class="chapter ... may-run-on">` with an id (guidebook.html)."""

    html: str

    def all(self) -> tuple[str, ...]:
        return (self.html,)

    def lay_out(self, layout: Callable[[str], Any], fill: Callable[[Any], float] | None = None):
        fill = fill or page_fill
        html, document = self.html, layout(self.html)
        for _ in range(RUN_ON_PASSES - 1):
            wasteful = _chapters_after_nearly_empty_pages(document, fill)
            if not wasteful:
                break
            html = _run_on(html, wasteful)
            document = layout(html)
        return document


@dataclass(frozen=True)
class Pack:
    """A workshop pack: its sheets laid out exactly as their handouts, one after the other, so that it takes
    no more paper than printing the handouts (a one-page sheet stays one page, with its funding line)."""

    title: str  # the PDF's title
    sheets: tuple[Variants, ...]

    def all(self) -> tuple[str, ...]:
        return (self.title, *(html for sheet in self.sheets for html in sheet.all()))

    def lay_out(self, layout: Callable[[str], Any]):
        documents = [sheet.lay_out(layout) for sheet in self.sheets]
        pack = documents[0].copy([page for document in documents for page in document.pages])
        pack.metadata.title = self.title
        return pack


def _chapters_after_nearly_empty_pages(document, fill: Callable[[Any], float]) -> set[str]:
    """Ids of the chapters that may run on and start on the page after one filled under NEARLY_EMPTY."""
    starts: dict[int, str] = {}
    seen: set[str] = set()
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            if (
                element is not None
                and box.element_tag == "section"
                and "may-run-on" in (element.get("class") or "").split()
            ):
                if element.get("id") not in seen:
                    seen.add(element.get("id"))
                    starts.setdefault(number, element.get("id"))
    return {chapter for number, chapter in starts.items() if number and fill(document.pages[number - 1]) < NEARLY_EMPTY}


def _run_on(html: str, chapters: set[str]) -> str:
    def mark(match: re.Match) -> str:
        return (
            match.group(0).replace("may-run-on", f"may-run-on {RUNS_ON}")
            if match.group(1) in chapters
            else match.group(0)
        )

    return re.sub(r'<section id="([^"]+)" class="[^"]*\bmay-run-on\b[^"]*"', mark, html)


def page_fill(page) -> float:
    """How much of a laid-out WeasyPrint page's content area its content fills, from 0 to 1 (running heads
    and page numbers left out; the root and body boxes, which span every page but the last, too)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    box = page._page_box
    top, height = box.content_box_y(), box.height
    bottom = top
    for child in box.children:
        if isinstance(child, MarginBox):
            continue
        for descendant in child.descendants():
            if descendant.element_tag not in ("html", "body"):
                bottom = max(bottom, descendant.position_y + descendant.margin_height())
    return min(1.0, (bottom - top) / height) if height else 1.0


def last_page_fill(document) -> float:
    """How much of the last page's content area a laid-out WeasyPrint document fills, from 0 to 1."""
    return page_fill(document.pages[-1])


def choose(variants: Variants, layout: Callable[[str], Any], fill: Callable[[Any], float] = last_page_fill):
    """The laid-out document to keep; `layout` turns HTML into a WeasyPrint document, `fill` measures it.

    Each layout takes about a second, so the sizes are tried from the one the first layout predicts: text
    area goes with the square of the type size, so `pages - 1 + fill` pages of text take
    `(pages - 1 + fill) * (size / NORMAL) ** 2` pages at another size.
    """
    first = layout(variants.normal)
    pages, filled = len(first.pages), fill(first)
    if pages == 1 or filled >= MOSTLY_BLANK:
        return first
    text = pages - 1 + filled
    smaller = [html for size, html in zip(SMALLER, variants.smaller) if text * (size / NORMAL) ** 2 <= pages - 1]
    for html in smaller[:2]:  # the largest size predicted to save the page, then the next one down
        document = layout(html)
        if len(document.pages) < pages:
            return document
    larger = [
        html for size, html in zip(LARGER, variants.larger) if text * (size / NORMAL) ** 2 >= pages - 1 + MOSTLY_BLANK
    ]
    for html in larger[:2]:  # the smallest size predicted to fill the last page, then the next one up
        document = layout(html)
        if len(document.pages) == pages and fill(document) >= MOSTLY_BLANK:
            return document
    return first
