"""What a trainer sees on paper, measured on the laid-out WeasyPrint document a PDF is written from: how full each
page is, the pages on which a part opens, and lines that hold one short word in the middle of a paragraph (a
stranded word).

The build measures each document it renders and keeps the measurements beside the PDF in its cache (render.py):
the print audit (tests/print_audit.py) and the layout tests read them without laying the documents out again.
"""

from __future__ import annotations

from typing import Any

from .fit import page_fill

SHORT_LINE = 0.6  # a line holding one word that fills less than this much of its paragraph's width is stranded


def measure(document: Any) -> dict:
    """The measurements of a laid-out document, as JSON: its page count, each page's fill (fit.page_fill), the
    indexes of the pages on which a part opens, and its stranded words as [page from 1, word, paragraph opening]."""
    return {
        "pages": len(document.pages),
        "fills": [round(page_fill(page), 4) for page in document.pages],
        "part_openings": part_openings(document),
        "stranded": stranded_words(document),
    }


def part_openings(document: Any) -> list[int]:
    """Indexes of the pages on which a top-level section (a part, the foreword..., the colophon) begins."""
    pages = set()
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            classes = (getattr(box, "element", None) is not None and box.element.get("class") or "").split()
            if box.element_tag == "section" and ("level-1" in classes or "colophon" in classes):
                pages.add(number)
    return sorted(pages)


def stranded_words(document: Any) -> list[list]:
    """Lines of running text (not table cells) that hold a single short word and do not end their paragraph
    or a line broken on purpose (<br>): [page from 1, the word, the paragraph's opening to find it]."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    found: list[list] = []
    for number, page in enumerate(document.pages, 1):
        for child in page._page_box.children:
            if isinstance(child, MarginBox):
                continue
            for block in child.descendants():
                if block.element_tag in ("td", "th"):
                    continue  # a narrow column holds one word a line by design
                lines = [line for line in getattr(block, "children", []) if isinstance(line, LineBox)]
                for line in lines[:-1]:
                    words = _text(line).split()
                    forced = any(d.element_tag == "br" for d in line.descendants())  # ends a line of an address
                    address = len(words) == 1 and "/" in words[0]  # a web address broken at a slash, not a word
                    if len(words) == 1 and not forced and not address and line.width < SHORT_LINE * block.width:
                        found.append([number, words[0], " ".join(_text(lines[0]).split())[:50]])
    return found


def _text(box: Any) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    return "".join(d.text for d in box.descendants() if isinstance(d, TextBox))
