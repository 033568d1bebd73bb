"""The reader on a phone and at a desk (issue 28), in both languages: skip links, the language switcher, the
phone filters' "Show N results", the map opening on its pilots with labels apart, tables that say they scroll,
and the home page's search giving the header search's answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browsing import search_results

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
SCREENS = {"phone": PHONE, "desktop": DESKTOP}
LANGUAGES = {"": ("English", "Skip to the results"), "/fr": ("Français", "Aller aux résultats")}


def _focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement, r = e.getBoundingClientRect();"
        " return {id: e.id, text: e.textContent.trim(), href: e.getAttribute('href'), top: r.top, bottom: r.bottom}; }"
    )


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("screen", ["desktop"])  # a keyboard's first Tab; phones have no Tab key
def test_the_catalogue_skip_link_is_the_first_tab_and_leads_to_the_first_card(kept_tab, screen, prefix):
    page = kept_tab(**SCREENS[screen]).open(f"{prefix}/practice-sheets/")
    page.keyboard.press("Tab")
    skip = _focused(page)
    assert skip["text"] == LANGUAGES[prefix][1] and skip["href"] == "#gb-result-count"
    expect(page.locator("a.gb-skip")).to_have_css("opacity", "1")  # once Material's transition has slid it in
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "gb-result-count"
    page.keyboard.press("Tab")
    first = page.locator(".gb-card__title a").first.get_attribute("href")
    assert _focused(page)["href"] == first  # 94 Tab presses before the skip link, 2 now


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_map_skip_link_passes_the_map_to_its_lists(kept_tab, prefix):
    page = kept_tab(**DESKTOP).open(f"{prefix}/map/")
    page.keyboard.press("Tab")
    assert _focused(page)["href"] == "#countries"
    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "countries"
    page.keyboard.press("Tab")
    assert _focused(page)["href"].startswith("../state-of-the-art/")


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_language_switcher_names_the_language_and_shows_its_list_while_focused(kept_tab, screen, prefix):
    page = kept_tab(**SCREENS[screen]).open(f"{prefix}/guidebook/introduction/")
    button = page.locator("button.gb-language__button")
    assert button.locator(".gb-language__current").inner_text() == LANGUAGES[prefix][0]
    assert button.locator(".gb-language__current").is_visible()
    button.focus()
    page.keyboard.press("Tab")  # onto the first language of the list
    assert page.evaluate("document.activeElement.classList.contains('md-select__link')")
    inner = page.locator(".gb-language .md-select__inner")
    assert inner.evaluate("e => getComputedStyle(e).opacity") == "1"  # at once, not after Material's fade
    box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
    assert box["height"] >= 24 and 0 <= box["top"] and box["bottom"] <= SCREENS[screen]["viewport"]["height"]
    current = page.locator(".gb-language .md-select__link[aria-current]")
    assert current.count() == 1 and current.inner_text() == LANGUAGES[prefix][0]


@pytest.mark.parametrize("prefix, label", [("", "Show {} results"), ("/fr", "Voir les {} résultats")])
def test_the_phone_filters_end_with_show_n_results_which_returns_to_them(kept_tab, prefix, label, tmp_path):
    page = kept_tab(**PHONE).open(f"{prefix}/practice-sheets/")
    page.locator("#gb-filter-panel > summary").tap()
    page.locator('input[name="approach"][value="case-management"]').check()
    show, shown = page.locator("#gb-filter-show"), page.locator(".gb-card:not([hidden])").count()
    assert 1 < shown < page.locator(".gb-card").count()
    assert show.inner_text() == label.format(shown)
    assert page.locator("#gb-result-count").inner_text().startswith(f"{shown} ")
    show.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "filters.png")
    assert show.bounding_box()["height"] >= 44
    show.tap()
    assert not page.locator("#gb-filter-panel").evaluate("panel => panel.open")
    assert _focused(page)["id"] == "gb-result-count"
    count = page.locator("#gb-result-count").bounding_box()
    assert 0 <= count["y"] < 200, count  # the results start at the top of the screen
    page.keyboard.press("Tab")
    assert _focused(page)["href"] == page.locator(".gb-card:not([hidden]) .gb-card__title a").first.get_attribute(
        "href"
    )


def test_the_show_results_button_is_not_shown_beside_the_results(kept_tab):
    page = kept_tab(**DESKTOP).open("/practice-sheets/")
    assert page.locator("#gb-filter-panel").evaluate("panel => panel.open")
    assert page.locator("#gb-filter-show").is_hidden()


@pytest.mark.parametrize("prefix", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_map_opens_on_the_nine_pilots_with_labels_apart(kept_tab, screen, prefix, tmp_path):
    page = kept_tab(**SCREENS[screen]).open(f"{prefix}/map/")
    frame = page.locator("#gb-map-frame")
    frame.scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / f"map-{screen}.png")
    box = frame.bounding_box()
    labels = page.locator(".gb-map__pilot text").evaluate_all(
        "texts => texts.map(t => t.getBoundingClientRect().toJSON()).filter(box => box.width > 0)"
    )
    assert len(labels) == 9
    for label in labels:  # every label wholly inside the visible part of the map
        assert box["x"] <= label["left"] and label["right"] <= box["x"] + box["width"], (label, box)
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            apart = (
                a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            )
            assert apart, (a, b)
    listed = page.locator("#pilots + ul a")
    assert listed.count() == 9  # the list of pilots below the map, its accessible alternative


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_a_table_wider_than_a_phone_scrolls_and_shows_it(kept_tab, prefix, tmp_path):
    page = kept_tab(**PHONE).open(f"{prefix}/city-pilots/")
    table = page.locator(".md-typeset table:not([class])").first
    table.scroll_into_view_if_needed()
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")  # it does not fit: it must say so
    shadows = table.evaluate("t => getComputedStyle(t).backgroundImage")
    assert shadows.count("radial-gradient") == 2 and shadows.count("linear-gradient") == 2
    page.screenshot(path=tmp_path / "table.png")


@pytest.mark.parametrize("prefix, words", [("", "reintegration"), ("/fr", "réinsertion")])
@pytest.mark.parametrize("screen", SCREENS)
def test_the_home_search_gives_the_header_search_answers_sheets_first(kept_tab, screen, prefix, words):
    home = kept_tab(**SCREENS[screen]).open(f"{prefix}/")
    home.locator("#gb-home-q").fill(words)
    with home.expect_navigation():
        home.locator("#gb-home-q").press("Enter")
    home.wait_for_selector(".md-search-result__item", timeout=60_000)
    found = home.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    header = kept_tab(**SCREENS[screen]).open(f"{prefix}/")  # the same tab, opened anew
    if screen == "phone":
        header.locator("label.md-header__button[for='__search']").tap()
    search_results(header, words)
    # Typed key by key, the header's search may show the results of the words but for their last letter a
    # moment longer: its results are read once they are those of the whole words (the query a result link
    # highlights, `?h=`, as the home search's).
    query = found[0].split("?h=", 1)[1]
    header.wait_for_function(
        "query => document.querySelector('.md-search-result__link').href.endsWith('?h=' + query)", arg=query
    )
    expected = header.locator(".md-search-result__link").evaluate_all("els => els.map(e => e.href)")
    # The first results, which Material renders at once (it renders more as the list scrolls).
    assert found[:6] == expected[:6] and len(found) > 3
    assert "/practice-sheets/" in found[0]
    kinds = home.locator(".md-search-result__item .md-tag").all_inner_texts()
    assert len(set(kinds)) > 1  # pages of every kind, not the catalogue only
