"""What a trainer sees on paper, as the build measured it on WeasyPrint's own layout of each PDF
(guidebook/pdf/audit.py): how full each page is, and lines that hold one short word in the middle of a paragraph.

Run as a script to print the measurements of the shipped PDFs:  .venv/bin/python tests/print_audit.py
(the PDFs come from the build's cache when the content has not changed since it last rendered them).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


def main() -> None:
    from guidebook.pdf import render_all
    from sites import PROJECT

    with tempfile.TemporaryDirectory() as site:
        for result in render_all(PROJECT, Path(site)):
            layout = result.layout
            low = [f"p{n} {fill:.0%}" for n, fill in enumerate(layout["fills"], 1) if fill < 0.25]
            stranded = ", ".join(f"p{page} {word!r}" for page, word, _ in layout["stranded"])
            print(
                f"{result.path.relative_to(site)}: {layout['pages']} pages; under 25 %: {', '.join(low) or 'none'}; "
                f"stranded: {stranded or 'none'}"
            )


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent)]
    main()
