"""What a trainer sees on paper, measured on WeasyPrint's own layout of a document: how full each page is,
and lines that hold one short word in the middle of a paragraph (a stranded word).

Run as a script to print the measurements of the shipped PDFs:  .venv/bin/python tests/print_audit.py
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from guidebook.pdf.fit import page_fill

SHORT_LINE = 0.6  # a line holding one word that fills less than this much of its paragraph's width is stranded


@dataclass(frozen=True)
class Stranded:
    page: int  # from 1
    word: str
    paragraph: str  # the paragraph's opening, to find it


def _text(box) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    return "".join(d.text for d in box.descendants() if isinstance(d, TextBox))


def stranded_words(document) -> list[Stranded]:
    """Lines of running text (not table cells) that hold a single short word and do not end their paragraph
    or a line broken on purpose (<br>)."""
    from weasyprint.formatting_structure.boxes import LineBox, MarginBox

    found = []
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
                        found.append(Stranded(number, words[0], " ".join(_text(lines[0]).split())[:50]))
    return found


def lay_out(job):
    """The WeasyPrint document a job's PDF is made from (fit.py: a handout's size, run-on chapters, packs)."""
    import weasyprint

    from sites import PROJECT

    def layout(source: str):
        return weasyprint.HTML(string=source, base_url=PROJECT.as_uri() + "/").render()

    return layout(job.html) if isinstance(job.html, str) else job.html.lay_out(layout)


def main() -> None:
    from guidebook.pdf.build import Printer
    from sites import PROJECT

    for job in Printer(PROJECT).jobs():
        document = lay_out(job)
        fills = [page_fill(page) for page in document.pages]
        low = [f"p{n} {fill:.0%}" for n, fill in enumerate(fills, 1) if fill < 0.25]
        stranded = stranded_words(document)
        print(
            f"{job.name}: {len(fills)} pages; under 25 %: {', '.join(low) or 'none'}; "
            f"stranded: {', '.join(f'p{s.page} {s.word!r}' for s in stranded) or 'none'}"
        )


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
    main()
