"""Reading the guidebook in a real browser: languages, switcher, catalogue filters, search, phone."""

import json
import re
from pathlib import Path

import pytest

from browsing import PHONE, search_results
from sites import PROJECT


# The pages here are read, filtered and searched, nothing stored: tabs kept for the session, which load faster.
@pytest.fixture
def tab(kept_tab):
    return kept_tab()


@pytest.fixture
def phone(kept_tab):
    return kept_tab(**PHONE)


@pytest.mark.parametrize("path, lang, heading", [("/", "en", "PREPARE"), ("/fr/", "fr", "PREPARE")])
def test_home_in_both_languages(tab, path, lang, heading):
    page = tab.open(path)
    assert page.locator("html").get_attribute("lang") == lang
    assert heading in page.locator("h1").first.inner_text()


def test_language_switcher_keeps_the_page(tab):
    page = tab.open("/city-pilots/avignon/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a[hreflang="fr"]').first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/fr/city-pilots/avignon/")
    assert page.locator("html").get_attribute("lang") == "fr"


def _sheets_with(approach: str, served_root: Path) -> set[str]:
    export = json.loads((served_root / "practice-sheets" / "catalogue.json").read_text(encoding="utf-8"))
    return {record["slug"] for record in export["practice_sheets"] if approach in record["approaches"]}


def _visible_slugs(page) -> set[str]:
    links = page.locator(".gb-card:not([hidden]) .gb-card__title a")
    return {
        href.strip("/").rsplit("/", 1)[-1] for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    }


def _expected_case_management() -> set[str]:
    # The truth comes from the sheets' own front matter, not from the page under test.
    slugs = set()
    for path in (PROJECT / "practice_sheets").glob("*.en.md"):
        front = path.read_text(encoding="utf-8").split("---")[1]
        block = front.split("approaches:")[1].split("\n")
        items = block[0].strip() or " ".join(
            line for line in block[1:] if line.startswith("  -") or line.startswith("- ")
        )
        if "case-management" in items:
            slugs.add(path.name[: -len(".en.md")])
    return slugs


@pytest.mark.parametrize("prefix, label", [("", "Case management"), ("/fr", "Gestion de cas")])
def test_catalogue_filter_shows_exactly_the_tagged_sheets_and_keeps_state_in_the_url(tab, prefix, label):
    expected = _expected_case_management()
    assert len(expected) >= 2
    page = tab.open(f"{prefix}/practice-sheets/")
    assert len(_visible_slugs(page)) == 9
    page.get_by_role("checkbox", name=label).check()
    assert _visible_slugs(page) == expected
    assert "approach=case-management" in page.url
    assert page.locator("#gb-result-count").inner_text().startswith(str(len(expected)))
    # The same address, opened anew, shows the filtered view.
    shared = tab.open(page.url.replace(tab.base, ""))
    assert _visible_slugs(shared) == expected
    assert shared.get_by_role("checkbox", name=label).is_checked()


def test_catalogue_filters_combine_or_within_and_across(tab):
    page = tab.open("/practice-sheets/?approach=training&approach=risk-assessment")
    widened = _visible_slugs(page)
    page = tab.open("/practice-sheets/?approach=training&approach=risk-assessment&country=ES")
    narrowed = _visible_slugs(page)
    assert narrowed < widened and all(slug.startswith("malaga") or slug.startswith("catalonia") for slug in narrowed)


def test_catalogue_is_usable_with_the_keyboard(tab):
    page = tab.open("/practice-sheets/")
    page.locator("#gb-filter-q").focus()
    page.keyboard.type("Rotterdam")
    assert _visible_slugs(page) == {"rotterdam-case-management"}
    assert "words=Rotterdam" in page.url


def test_search_in_french_returns_french_pages_only(tab):
    results = search_results(tab.open("/fr/"), "réinsertion")
    assert results and all("/fr/" in url for url in results), results


def test_search_in_english_returns_english_pages_only(tab):
    results = search_results(tab.open("/"), "reintegration")
    assert results and not any("/fr/" in url for url in results), results


def test_french_pages_load_the_french_index_and_language_support(new_tab):
    tab = new_tab()  # a fresh tab: what its first search fetches
    page = tab.page
    loaded = []
    page.on("request", lambda request: loaded.append(request.url))
    search_results(tab.open("/fr/"), "réinsertion")
    assert any(url.endswith("/fr/search/search_index.json") for url in loaded)
    assert any(url.endswith("lunr.fr.min.js") for url in loaded)
    assert not any(url.endswith(tab.base + "/search/search_index.json") for url in loaded)


def test_phone_sized_viewport_reaches_every_part(phone):
    page = phone.open("/fr/")
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    assert drawer.get_by_text("Partie 2\u00a0: projets pilotes").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "the page scrolls sideways on a phone"


def test_map_markers_open_the_pilot_in_the_reader_language(tab):
    page = tab.open("/fr/map/")
    page.locator("a.gb-map__pilot", has_text="La Haye").click()
    page.wait_for_load_state()
    assert page.url == tab.base + "/fr/city-pilots/the-hague/"
    assert page.locator("h1").first.inner_text() == "La Haye"


def test_french_search_is_stemmed(tab):
    """'radicalisations' is in no French page: only its stem ('radicalis') finds 'radicalisation'."""
    page = tab.open("/fr/")
    index = page.request.get(tab.base + "/fr/search/search_index.json").json()
    assert "radicalisations" not in json.dumps(index, ensure_ascii=False).lower()
    results = search_results(page, "radicalisations")
    assert results and all("/fr/" in url for url in results), results


@pytest.mark.parametrize(
    "path", ["/", "/fr/", "/practice-sheets/avignon-risk-assessment/", "/fr/practice-sheets/avignon-risk-assessment/"]
)
def test_pdf_links_download_a_pdf_in_the_reader_language(tab, path):
    page = tab.open(path)
    links = page.locator(".gb-downloads a[type='application/pdf']")
    assert links.count() >= 1, f"no PDF link on {path}"
    language = "fr" if path.startswith("/fr/") else "en"
    for href in links.evaluate_all("els => els.map(e => e.href)"):
        response = page.request.get(href)
        assert response.status == 200 and response.headers["content-type"] == "application/pdf", href
        assert response.body().startswith(b"%PDF-")
        assert re.search(rf"[-.]{language}\.pdf$", href), f"{href} is not the {language} PDF"


def test_language_switcher_on_a_phone(phone):
    page = phone.open("/city-pilots/avignon/")
    page.locator(".md-header__option .md-select button").tap()
    with page.expect_navigation():
        page.locator('a.md-select__link[hreflang="fr"]').tap()
    assert page.url.endswith("/fr/city-pilots/avignon/")
    assert page.locator("html").get_attribute("lang") == "fr"
