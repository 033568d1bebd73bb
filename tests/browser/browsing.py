"""Helpers the browser tests share (fixtures live in conftest.py)."""

from __future__ import annotations


def search_results(page, words: str) -> list[str]:
    """Type `words` in Material's search box and return the result links' URLs."""
    field = page.locator("input.md-search__input")
    field.click()
    page.wait_for_load_state("networkidle")  # the worker has fetched the index and the stemmers
    page.wait_for_timeout(500)  # and built the index
    field.type(words, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    return page.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
