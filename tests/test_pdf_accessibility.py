"""PDF/UA-1 in every shipped PDF: XMP identification, page furniture as artifacts, header cells, alternatives.

Read with pikepdf, independently of the code that writes them (guidebook/pdf/accessibility.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest

from real_downloads import page_texts, real_site


# The PDFs are found once the site is built, in the test, not while pytest collects: the two guidebooks, then
# every handout and pack (each checked and named in the message).
PDF_GROUPS = ["guidebook-en.pdf", "guidebook-fr.pdf", "downloads/**/*.pdf"]


def pdfs(group: str) -> list[Path]:
    found = sorted(real_site().glob(group))
    assert found, f"no PDF matches {group}"
    return found


def structure_elements(pdf: pikepdf.Pdf):
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        yield element
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)


def reachable_mcids(pdf: pikepdf.Pdf) -> set[tuple[tuple[int, int], int]]:
    found = set()
    for element in structure_elements(pdf):
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int):
                found.add((element.Pg.objgen, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.add((kid.Pg.objgen, int(kid.MCID)))
    return found


def marked_text(page: pikepdf.Page) -> list[tuple[str, int | None, str]]:
    """(tag, MCID, text shown) of every text-showing operator, by the innermost marked-content sequence."""
    shown, stack = [], []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "BDC":
            properties = operands[1]
            stack.append((str(operands[0]), int(properties.MCID) if "/MCID" in properties else None))
        elif name == "BMC":
            stack.append((str(operands[0]), None))
        elif name == "EMC":
            stack.pop()
        elif name in ("Tj", "TJ"):
            tag, mcid = stack[-1] if stack else ("", None)
            shown.append((tag, mcid, name))
    return shown


@pytest.mark.parametrize("group", PDF_GROUPS)
def test_xmp_declares_pdf_ua_1_with_title_language_and_description(group):
    for path in pdfs(group):
        with pikepdf.open(path) as pdf:
            meta = pdf.open_metadata()
            language = str(pdf.Root.Lang)
            assert meta.get("pdfuaid:part") == "1", path.name
            assert meta.get("dc:title"), path.name
            assert meta.get("dc:description"), path.name
            assert list(meta.get("dc:language")) == [language] and language in ("en", "fr"), path.name
            assert pdf.Root.MarkInfo.Marked, path.name


@pytest.mark.parametrize("group", PDF_GROUPS)
def test_all_text_is_tagged_or_an_artifact(group):
    for path in pdfs(group):
        with pikepdf.open(path) as pdf:
            reachable = reachable_mcids(pdf)
            artifacts = 0
            for number, page in enumerate(pdf.pages, 1):
                for tag, mcid, _ in marked_text(page):
                    if tag == "/Artifact":
                        artifacts += 1
                    else:
                        assert (page.obj.objgen, mcid) in reachable, (
                            f"{path.name} page {number}: untagged text in {tag}"
                        )
            # Every page but the cover has a running head or a page number.
            assert artifacts >= len(pdf.pages) - 1, path.name


@pytest.mark.parametrize("language", ["en", "fr"])
def test_contents_read_titles_and_page_numbers_not_dots(language):
    text = page_texts(f"guidebook-{language}.pdf")[1]
    assert re.search(r"\d", text) and "..." not in text


def test_tables_have_header_cells_and_figures_alternatives():
    with pikepdf.open(real_site() / "guidebook-en.pdf") as pdf:
        roles = [str(element.S) for element in structure_elements(pdf) if "/S" in element]
        figures = [element for element in structure_elements(pdf) if element.get("/S") == "/Figure"]
    assert "/Table" in roles and "/TH" in roles
    assert figures and all(str(figure.get("/Alt", "")).strip() for figure in figures)  # the EU emblem at least
