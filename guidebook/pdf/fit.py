"""Handouts that end on a well-filled page: one A4 page when the sheet fits, never a last page mostly blank.

A handout is laid out at its normal type size first. When its last page is mostly blank, the same sheet is
laid out smaller (down to a floor that stays readable) and the largest size that saves a page is kept; if
none does, larger sizes are tried so that the last page is at least half full on the same number of pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable

NORMAL = 9.5  # the handout's body size, in points
SMALLER = (9.0, 8.5, 8.0)  # tried in order, to save a page
LARGER = (10.25, 11.0)  # tried in order, to fill the last page
MOSTLY_BLANK = 0.5  # a last page filled less than this is mostly blank


@dataclass(frozen=True)
class Variants:
    """The same document's HTML at each type size."""

    normal: str
    smaller: tuple[str, ...]
    larger: tuple[str, ...]

    def all(self) -> tuple[str, ...]:
        return (self.normal, *self.smaller, *self.larger)


def last_page_fill(document) -> float:
    """How much of the last page's content area a laid-out WeasyPrint document fills, from 0 to 1."""
    from weasyprint.formatting_structure.boxes import MarginBox

    page = document.pages[-1]._page_box
    top, height = page.content_box_y(), page.height
    bottom = top
    for child in page.children:
        if isinstance(child, MarginBox):
            continue
        for box in child.descendants():
            bottom = max(bottom, box.position_y + box.margin_height())
    return min(1.0, (bottom - top) / height) if height else 1.0


def choose(variants: Variants, layout: Callable[[str], object], fill: Callable[[object], float] = last_page_fill):
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
    larger = [html for size, html in zip(LARGER, variants.larger) if text * (size / NORMAL) ** 2 >= pages - 1 + MOSTLY_BLANK]
    for html in larger[:2]:  # the smallest size predicted to fill the last page, then the next one up
        document = layout(html)
        if len(document.pages) == pages and fill(document) >= MOSTLY_BLANK:
            return document
    return first
