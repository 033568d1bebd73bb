"""Helpers the browser tests share (fixtures live in conftest.py)."""

from __future__ import annotations

SEARCH_READY_TIMEOUT = 60_000  # ms: building the index in the worker is slow on a loaded machine


def search_results(page, words: str) -> list[str]:
    """Type `words` in Material's search box and return the result links' URLs."""
    field = page.locator("input.md-search__input")
    field.click()
    # Material writes its prompt ("Type to start searching") in the results' meta line only once its
    # worker has fetched and built the index: in any language, that is the sign search is ready.
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''",
        timeout=SEARCH_READY_TIMEOUT,
    )
    field.type(words, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
