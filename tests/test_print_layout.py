"""Print without waste (issue 28), on the shipped content: no word stranded on a line of its own, no guidebook
page under a quarter full but where a part ends, packs on no more pages than their handouts, and the sheet's
title on every page of a handout. The layouts are WeasyPrint's own, as the build makes them."""

from __future__ import annotations

import re

import pytest
import weasyprint
from pypdf import PdfReader

from guidebook.content import load as content
from guidebook.content.vocabulary import label
from guidebook.languages import print_strings
from guidebook.pdf.build import Printer, approaches
from guidebook.pdf.fit import NEARLY_EMPTY, page_fill
from guidebook.pdf.hyphenation import hyphenate, url_breaks
from guidebook.site.downloads import guidebook_pdf, handout_pdf, pack_pdf
from print_audit import stranded_words
from real_downloads import real_site
from sites import PROJECT

LANGUAGES = ["en", "fr"]


@pytest.fixture(scope="module")
def printer():
    return Printer(PROJECT)


def _layout(source: str):
    return weasyprint.HTML(string=source, base_url=PROJECT.as_uri() + "/").render()


def _part_openings(document) -> set[int]:
    """Indexes of the pages on which a top-level section (a part, the foreword..., the colophon) begins."""
    pages = set()
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            classes = (getattr(box, "element", None) is not None and box.element.get("class") or "").split()
            if box.element_tag == "section" and ("level-1" in classes or "colophon" in classes):
                pages.add(number)
    return pages


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guidebook_has_no_stranded_word_and_no_nearly_empty_page_but_part_ends(printer, language):
    document = printer.guidebook(language).html.lay_out(_layout)
    assert stranded_words(document) == []
    openings = _part_openings(document)
    fills = [page_fill(page) for page in document.pages]
    wasted = [n + 1 for n, fill in enumerate(fills[:-1]) if fill < NEARLY_EMPTY and n + 1 not in openings]
    assert wasted == [], f"pages under {NEARLY_EMPTY:.0%} full inside a part: {wasted}"
    shipped = len(PdfReader(real_site() / guidebook_pdf(language)).pages)
    assert shipped == len(document.pages)  # the build lays it out the same way


@pytest.mark.parametrize("language", LANGUAGES)
def test_handouts_have_no_stranded_word_and_their_title_on_every_page(printer, language):
    repository = content.load(PROJECT)
    for entry in repository.of_kind("practice-sheet"):
        document = printer.handout(entry.key, language).html.lay_out(_layout)
        assert stranded_words(document) == [], entry.key
        reader = PdfReader(real_site() / handout_pdf(entry.slug, language))
        title = " ".join(entry.model(language).title.split())
        for page in reader.pages[1:]:
            top = " ".join(page.extract_text().split())
            assert title in top, f"{entry.key}: page without the sheet's title"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pack_takes_no_more_pages_than_its_handouts(language):
    repository = content.load(PROJECT)
    packs = approaches(repository)
    assert packs
    for approach, keys in packs.items():
        handouts = sum(
            len(PdfReader(real_site() / handout_pdf(repository.entries[key].slug, language)).pages) for key in keys
        )
        pack = PdfReader(real_site() / pack_pdf(approach, language))
        assert len(pack.pages) == handouts, approach
        assert pack.metadata.title == print_strings(language)["pack_title"].format(
            approach=label("approaches", approach, language)
        )
        outline = [item.title for item in pack.outline if not isinstance(item, list)]
        assert len(outline) == len(keys), approach  # one bookmark per sheet
        assert pack.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, as the handouts


def test_hyphenation_leaves_names_code_and_markup_whole_and_follows_each_element_language():
    html = '<p>la radicalisation à <a href="https://x/radicalisation">Rotterdam</a> <code>prevention</code> <cite lang="en">Preventing reoffending</cite></p>'
    marked = hyphenate(html, "fr").replace("\u00ad", "|")
    assert "radi|ca|li|sa|tion à" in marked and 'href="https://x/radicalisation"' in marked
    assert ">Rotterdam<" in marked and "<code>prevention</code>" in marked
    assert "reoffend|ing" in marked  # English rules inside lang="en"


def test_web_addresses_break_after_slashes_never_after_the_scheme():
    marked = url_breaks("https://www.example.org/topics/a-day?lang=fr").replace("\u200b", "|")
    assert marked == "https://www.example.org/|topics/|a-day|?lang=fr"
    assert not re.search(r"//\|", marked)
