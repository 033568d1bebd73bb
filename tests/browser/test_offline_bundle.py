"""The unzipped offline bundle read from file:// in Chromium: pages, links and search in each language."""

from __future__ import annotations

import pytest

from browsing import search_results
from real_downloads import unzipped_bundle


@pytest.fixture
def offline_tab(browser):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    violations: list[str] = []  # the bundle carries the site's policy: nothing it does may break it
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page
    context.close()
    assert [url for url in requests if not url.startswith("file://")] == [], "the bundle must only read its own files"
    assert violations == []


@pytest.mark.parametrize(
    "start, words, own, other",
    [
        ("index.html", "reintegration", "/prepare-guidebook/", "/prepare-guidebook/fr/"),
        ("fr/index.html", "réinsertion", "/prepare-guidebook/fr/", None),
    ],
)
def test_search_works_from_file_in_each_language(offline_tab, start, words, own, other):
    offline_tab.goto((unzipped_bundle() / start).as_uri())
    results = search_results(offline_tab, words)
    assert results, f"no result for {words!r} from file://"
    assert all(url.startswith("file://") and own in url for url in results), results
    if other:
        assert not any(other in url for url in results), results


def test_links_and_language_switch_work_from_file(offline_tab):
    offline_tab.goto((unzipped_bundle() / "index.html").as_uri())
    offline_tab.locator(".gb-home__entries a.gb-entry--map").click()  # the home page's map entry
    assert offline_tab.url.endswith("/map/index.html")
    offline_tab.locator(".md-content a[href*='avignon']").first.click()
    assert offline_tab.url.endswith("/city-pilots/avignon/index.html")
    french = offline_tab.locator("a[hreflang='fr']").first.get_attribute("href")
    offline_tab.goto(offline_tab.url.rsplit("/", 1)[0] + "/" + french)
    assert offline_tab.url.endswith("/fr/city-pilots/avignon/index.html")
    assert offline_tab.locator("html").get_attribute("lang") == "fr"
