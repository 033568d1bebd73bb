"""A web page printed from the browser (issue 28, overrides/stylesheets/print.css): every practice sheet on one
or two A4 pages, with its title, sources, funding line and address, and without navigation, buttons or the
draft notice. Chromium's own print to PDF, read back with PDFium."""

from __future__ import annotations

import pytest
import yaml

from pdf_reading import page_texts
from sites import PROJECT

FUNDING = {"en": "Justice Programme of the European Union", "fr": "programme Justice de l"}  # mkdocs.yml's copyright
SHEETS = sorted(path.name.removesuffix(".en.md") for path in PROJECT.glob("practice_sheets/*.en.md"))


def _strings(language: str) -> dict:
    return yaml.safe_load((PROJECT / f"guidebook/strings/{language}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_sheet_prints_on_one_or_two_pages_with_what_paper_needs(new_tab, language):
    t = _strings(language)
    prefix = "" if language == "en" else "/fr"
    tab = new_tab(viewport={"width": 1366, "height": 900})
    pages = {}
    for slug in SHEETS:
        printed = tab.open(f"{prefix}/practice-sheets/{slug}/")
        texts = page_texts(printed.pdf(prefer_css_page_size=True))
        text = " ".join(" ".join(texts).split())
        pages[slug] = len(texts)
        title = " ".join(printed.locator("h1").first.inner_text().split())
        assert title in text, slug
        assert printed.locator("#gb-sources-title").inner_text() in text, slug  # the sources
        assert FUNDING[language] in text, slug  # the funding line
        assert t["printed_from"].split("{url}")[0].strip() in text and f"/practice-sheets/{slug}/" in text, slug
        for absent in (t["draft_notice"].split(":", 1)[1].strip()[:25], t["print"]["download_sheet"]):
            assert absent not in text, (slug, absent)  # no draft notice, no download button
    assert all(count <= 2 for count in pages.values()), pages
