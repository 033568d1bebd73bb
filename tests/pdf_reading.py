"""The text of a PDF's pages, as PDFium reads it: what the tests check the printed words against.

PDFium (pypdfium2) reads a 99-page guidebook in a fifth of a second where pypdf takes four or five. Its text
is given as pypdf gave it (on the shipped PDFs, the same words and lines but one list bullet): lines end in "\\n"
(PDFium writes "\\r\\n"), and a line that ends in a hyphen ends so again (PDFium joins the two lines and marks
the hyphen U+FFFE). No-break spaces stay: the typography tests look for them.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

# What PDFium writes, and what the page shows there.
_AS_PRINTED = {"\r\n": "\n", "\ufffe": "-\n"}


def _as_printed(text: str) -> str:
    for written, printed in _AS_PRINTED.items():
        text = text.replace(written, printed)
    return text


def page_texts(pdf: Path | bytes) -> list[str]:
    """The text of each page of `pdf` (a file, or the bytes of one), in order."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [_as_printed(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def last_page_baselines(pdf: Path) -> list[float]:
    """The height above the page's bottom edge, in points, of the baseline of each printed character (spaces and
    line ends left out) of the last page of `pdf`."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        text = document[len(document) - 1].get_textpage()
        x, y = ctypes.c_double(), ctypes.c_double()
        heights = []
        for char in range(text.count_chars()):
            printed = not chr(pdfium_c.FPDFText_GetUnicode(text, char)).isspace()
            if printed and pdfium_c.FPDFText_GetCharOrigin(text, char, x, y):
                heights.append(y.value)
        return heights
    finally:
        document.close()
