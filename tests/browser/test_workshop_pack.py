"""A trainer's workshop pack: three practice sheets ticked in the catalogue come down as one PDF, in the
reader's language, from the served site and from the offline bundle (file://)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from pdf_reading import page_texts
from real_downloads import real_site, unzipped_bundle

CATALOGUE = {"en": "/practice-sheets/", "fr": "/fr/practice-sheets/"}


def pick_three_and_download(page, downloads_root) -> tuple[bytes, list[str]]:
    picks = page.locator(".gb-pack-pick")
    chosen = [picks.nth(i).get_attribute("value") for i in range(3)]
    for i in range(3):
        picks.nth(i).check()
    assert "3" in page.locator("#gb-pack-status").inner_text()
    with page.expect_download(timeout=60_000) as waiting:
        page.locator("#gb-pack-download").click()
    download = waiting.value
    downloaded = open(download.path(), "rb").read()
    pack = PdfReader(io.BytesIO(downloaded))
    expected = sum(len(PdfReader(downloads_root / path).pages) for path in chosen)
    assert len(pack.pages) == expected
    # pdf-lib drops the handouts' tags: the pack must not claim them, and must say it is not tagged.
    assert "/MarkInfo" not in pack.trailer["/Root"] and "/Metadata" not in pack.trailer["/Root"]
    note = page.locator(".gb-packbar__note").inner_text()
    assert note and pack.metadata.subject == note
    return downloaded, chosen


def first_page_text(pdf) -> str:
    return page_texts(pdf)[0][:80]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_three_sheets_download_as_one_pdf_from_the_served_site(new_tab, language):
    page = new_tab(accept_downloads=True).open(CATALOGUE[language])
    pack, chosen = pick_three_and_download(page, real_site())
    assert all(path.endswith(f".{language}.pdf") for path in chosen)
    assert first_page_text(pack) == first_page_text(real_site() / chosen[0])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_three_sheets_download_as_one_pdf_from_the_offline_bundle(browser, language):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    start = "practice-sheets/index.html" if language == "en" else "fr/practice-sheets/index.html"
    page.goto((unzipped_bundle() / start).as_uri())
    _, chosen = pick_three_and_download(page, unzipped_bundle())
    assert all(path.endswith(f".{language}.pdf") for path in chosen)
    context.close()
    assert [url for url in requests if not url.startswith(("file://", "blob:"))] == []
