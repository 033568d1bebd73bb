"""The search index is fetched when the reader first uses the search, not with every page
(guidebook/html/search_on_demand.py), in Chromium against the real site: Playwright's request log shows no index
and no stemmer on a page load; the box clicked, its keyboard shortcut or the phone's search button then fetch the
language's index once, and search answers as before; a page opened from a result still highlights the words."""

from __future__ import annotations

import pytest

from browsing import search_results
from sites import PROJECT

SHEET = sorted((PROJECT / "practice_sheets").glob("*.en.md"))[0].name.removesuffix(".en.md")
# What setting up Material's search fetches: the language's index, then lunr's stemmers for a language but English.
SEARCH_FILES = ("search_index.json", "/lunr/")


def _search_requests(tab) -> list[str]:
    requests: list[str] = []
    tab.page.on(
        "request", lambda request: requests.append(request.url) if any(f in request.url for f in SEARCH_FILES) else None
    )
    return requests


@pytest.mark.parametrize("path", ["/", "/practice-sheets/", f"/fr/practice-sheets/{SHEET}/", "/fr/"])
def test_a_page_load_fetches_no_search_index(tab, path):
    requests = _search_requests(tab)
    page = tab.open(path)
    page.wait_for_load_state("networkidle")  # what is not fetched is the point: half a second without a request
    page.mouse.wheel(0, 600)  # reading: scrolling is not using the search
    page.wait_for_timeout(500)
    assert requests == []
    assert not page.locator("#__search").is_checked()


@pytest.mark.parametrize(
    "path, words, first",
    [
        ("/", "Malaga", "/practice-sheets/malaga-"),
        (f"/fr/practice-sheets/{SHEET}/", "reinsertion", "/fr/"),  # accents folded: "réinsertion"
    ],
)
def test_the_box_clicked_fetches_the_languages_index_once_and_search_answers(tab, path, words, first):
    requests = _search_requests(tab)
    page = tab.open(path)
    results = search_results(page, words)  # clicks the box, waits for the index to be ready, then types
    assert results and (tab.base + first) in results[0], results[:3]
    index = tab.base + ("/fr/" if path.startswith("/fr/") else "/") + "search/search_index.json"
    assert [url for url in requests if "search_index" in url] == [index]
    labels = page.locator(".md-search-result__item").first.locator(".md-tag").all_inner_texts()
    assert labels  # each result labelled with its kind, as before


def test_the_keyboard_shortcut_opens_a_search_that_answers_at_once(tab):
    requests = _search_requests(tab)
    page = tab.open("/fr/")
    page.keyboard.press("/")  # Material's shortcut (also "s" and "f"): focuses the box, which starts the search
    assert page.locator("#__search").is_checked()
    page.keyboard.type("desengagement", delay=30)  # typed before the index has arrived: answered when it has
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    results = page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    assert results and all("/fr/" in url for url in results)
    assert any("/fr/search/search_index.json" in url for url in requests)


def test_the_phone_search_button_starts_the_search(phone):
    requests = _search_requests(phone)
    page = phone.open("/")
    assert requests == []
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''", timeout=60_000
    )
    page.locator("input.md-search__input").type("Malaga", delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert [url for url in requests if "search_index" in url] == [phone.base + "/search/search_index.json"]


def test_a_page_opened_from_a_result_highlights_the_words_searched(tab):
    requests = _search_requests(tab)
    page = tab.open("/city-pilots/malaga/?h=probation")  # Material highlights the words as typed: no accent folding
    page.wait_for_selector("article mark", timeout=60_000)
    assert page.locator("article mark").first.inner_text().lower() == "probation"
    assert any("search_index.json" in url for url in requests)
