"""Print without waste (issue 28), on the shipped content: no word stranded on a line of its own, no guidebook
page under a quarter full but where a part ends, packs on no more pages than their handouts, and the sheet's
title on every page of a handout. The layouts are WeasyPrint's own: what the build measured on the very
documents it wrote the shipped PDFs from (guidebook/pdf/audit.py), read from its cache under a key of their HTML."""

from __future__ import annotations

import re

import pytest

from guidebook.content import load as content
from guidebook.content.vocabulary import label
from guidebook.languages import print_strings
from guidebook.pdf.build import approaches
from guidebook.pdf.fit import NEARLY_EMPTY
from guidebook.pdf.hyphenation import hyphenate, url_breaks
from guidebook.pdf.render import Cache, render
from guidebook.site.downloads import guidebook_pdf, handout_pdf, pack_pdf
from real_downloads import layouts, page_texts, shipped_pdf
from sites import PROJECT

LANGUAGES = ["en", "fr"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_guidebook_has_no_stranded_word_and_no_nearly_empty_page_but_part_ends(language):
    layout = layouts()[guidebook_pdf(language)]
    assert layout["stranded"] == []
    openings = set(layout["part_openings"])
    fills = layout["fills"]
    wasted = [n + 1 for n, fill in enumerate(fills[:-1]) if fill < NEARLY_EMPTY and n + 1 not in openings]
    assert wasted == [], f"pages under {NEARLY_EMPTY:.0%} full inside a part: {wasted}"
    shipped = len(shipped_pdf(guidebook_pdf(language)).pages)
    assert shipped == layout["pages"] == len(fills)  # measured on the layout the shipped PDF was written from


@pytest.mark.parametrize("language", LANGUAGES)
def test_handouts_have_no_stranded_word_and_their_title_on_every_page(language):
    repository = content.load(PROJECT)
    for entry in repository.of_kind("practice-sheet"):
        pdf = handout_pdf(entry.slug, language)
        assert layouts()[pdf]["stranded"] == [], entry.key
        title = " ".join(entry.model(language).title.split())
        for text in page_texts(pdf)[1:]:
            top = " ".join(text.split())
            assert title in top, f"{entry.key}: page without the sheet's title"


def test_the_measurements_kept_with_a_cached_pdf_are_those_of_its_layout(tmp_path):
    """The layout tests read the measurements from the build's cache: a PDF from the cache brings back what
    was measured when it was laid out, and a stranded word is found where there is one."""
    html = (
        '<html lang="en"><body><section class="level-1"><p style="width: 40mm">'
        "Go extraordinarilylongwordsthatcannotbreakanywhere and the rest of the paragraph follows it."
        "</p></section></body></html>"
    )
    cache = Cache(tmp_path / "cache")
    laid_out = render(html, tmp_path, tmp_path / "first.pdf", cache, set())
    from_cache = render(html, tmp_path, tmp_path / "second.pdf", cache, set())
    assert not laid_out.cached and from_cache.cached
    assert from_cache.layout == laid_out.layout
    assert laid_out.layout["part_openings"] == [0] and laid_out.layout["pages"] == 1
    assert [word for _, word, _ in laid_out.layout["stranded"]] == ["Go"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_pack_takes_no_more_pages_than_its_handouts(language):
    repository = content.load(PROJECT)
    packs = approaches(repository)
    assert packs
    for approach, keys in packs.items():
        handouts = sum(len(shipped_pdf(handout_pdf(repository.entries[key].slug, language)).pages) for key in keys)
        pack = shipped_pdf(pack_pdf(approach, language))
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
