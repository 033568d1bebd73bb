"""The preview pane in Chromium, in both interfaces (issue 26, item 2): the page as readers will see it, styled, in
each language or side by side, following the unsaved form within about a second, refusals in the interface's
language; no request to another host and no Content-Security-Policy violation (editing.py's `admin`)."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from editing import WORDS, admin, editor, field, open_sheet, preview_pane, screenshot  # noqa: F401 (fixtures)

FOLLOW_BOUND = 5.0  # seconds from typing to the page shown (0.8-2 s measured with the machine loaded 15-29 on 2 cores)
TITLES = {"en": "Case management in Testville", "fr": "Gestion de cas à Testville"}
BOTH = {"en": "Side by side", "fr": "Côte à côte"}
REFUSED = {"en": "Readers would not get this page as it is", "fr": "Les lecteurs n'auraient pas cette page en l'état"}


def open_preview(page):
    """The sheet's form with Decap's preview shown in place of the second language's column."""
    open_sheet(page)
    page.locator(f"button[title='{WORDS[page.interface]['Toggle preview']}']").click()
    return page


def pane(page):
    return page.frame_locator("#preview-pane")


def shown_page(page, language):
    return pane(page).locator(f"section[data-language='{language}'] iframe").content_frame


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_pane_shows_the_styled_page_and_follows_the_form_within_a_second(admin, preview_pane, language):
    page = open_preview(admin(language))
    reader = shown_page(page, language)
    reader.locator("h1", has_text=TITLES[language]).wait_for(timeout=60_000)  # the renderer reads the site first
    # The site's own stylesheet is applied: Material's header is laid out, not raw text. The page's text can show
    # a moment before its stylesheet arrives: the check waits for it, as a reader would.
    expect(reader.locator("header.md-header")).to_have_css("position", re.compile("^(sticky|fixed)$"), timeout=10_000)
    title = {"en": "A title typed a moment ago", "fr": "Un titre tapé tout juste"}[language]
    started = time.monotonic()
    field(page, "title", language).fill(title)
    shown_page(page, language).locator("h1", has_text=title).wait_for(timeout=FOLLOW_BOUND * 1000)
    elapsed = time.monotonic() - started
    assert elapsed < FOLLOW_BOUND
    screenshot(page, f"editor-preview-{language}.png")
    print(f"preview followed the form in {elapsed:.2f} s ({language} interface)")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_both_languages_side_by_side_each_from_its_own_data(admin, preview_pane, language):
    page = open_preview(admin(language))
    shown_page(page, language).locator("h1").wait_for(timeout=60_000)
    pane(page).get_by_role("button", name=BOTH[language]).click()
    for code in ("en", "fr"):
        reader = shown_page(page, code)
        reader.locator("h1", has_text=TITLES[code]).wait_for(timeout=10_000)
        assert reader.locator("html").get_attribute("lang") == code
    field(page, "title", language).fill("Typed in one language only")
    shown_page(page, language).locator("h1", has_text="Typed in one language only").wait_for(
        timeout=FOLLOW_BOUND * 1000
    )
    other = "fr" if language == "en" else "en"
    assert shown_page(page, other).locator("h1").inner_text() == TITLES[other]
    screenshot(page, f"editor-preview-both-{language}.png")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_text_the_build_would_refuse_shows_the_problem_in_the_interface_language(admin, preview_pane, language):
    page = open_preview(admin(language))
    shown_page(page, language).locator("h1").wait_for(timeout=60_000)
    field(page, "summary", language).fill('A summary with <img src="x" onerror="alert(1)"> markup.')
    alert = pane(page).get_by_role("alert")
    alert.get_by_text(REFUSED[language]).wait_for(timeout=FOLLOW_BOUND * 1000)
    assert "summary" in alert.inner_text()
    screenshot(page, f"editor-preview-refused-{language}.png")
