"""Issue 18, identity and pages, as a reader sees them on a phone (390×844) and a desktop (1366×900), in both languages."""

from __future__ import annotations

import re

import pytest

from sites import PROJECT

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
SCREENS = {"phone": PHONE_390, "desktop": DESKTOP}
LANGUAGES = {"en": "", "fr": "/fr"}
CASES = [(screen, lang) for screen in SCREENS for lang in LANGUAGES]
IDS = [f"{screen}-{lang}" for screen, lang in CASES]
SHEET = sorted(PROJECT.glob("practice_sheets/*.en.md"))[0].name.removesuffix(".en.md")
PRIMARY = "rgb(11, 79, 108)"  # #0b4f6c, the print palette's primary colour


@pytest.mark.parametrize("screen, lang", CASES, ids=IDS)
def test_home_shows_purpose_search_and_three_entries_on_the_first_screen(kept_tab, screen, lang):
    page = kept_tab(**SCREENS[screen]).open(LANGUAGES[lang] + "/")
    height = SCREENS[screen]["viewport"]["height"]
    search = page.locator("#gb-home-q")
    entries = page.locator(".gb-home__entries .gb-entry")
    assert page.locator(".gb-home__lead").is_visible()
    assert search.is_visible() and search.bounding_box()["y"] + search.bounding_box()["height"] <= height
    assert entries.count() == 3
    assert entries.first.bounding_box()["y"] < height, "the first entry starts below the first screen"
    downloads = page.locator(".gb-home__downloads")
    assert downloads.count() == 1 and downloads.bounding_box()["y"] > entries.last.bounding_box()["y"]
    sizes = downloads.locator(".gb-size").all_inner_texts()
    assert sizes and all(re.fullmatch(r"\((\d+[.,]\d\u00a0M[Bo]|\d+\u00a0[kK][Bo])\)", size) for size in sizes), sizes
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_search_opens_the_header_search_with_the_words(tab, lang):
    page = tab.open(LANGUAGES[lang] + "/")
    page.fill("#gb-home-q", "mentoring")
    # The address the form sends: the home page with ?q=, on which Material opens its search (issue 28).
    with page.expect_navigation(url=f"**{LANGUAGES[lang]}/?q=mentoring"):
        page.locator(".gb-home__search button[type=submit]").click()
    assert (
        page.locator("#__search").is_checked() and page.locator("input.md-search__input").input_value() == "mentoring"
    )


@pytest.mark.parametrize("screen, lang", CASES, ids=IDS)
def test_site_wears_its_own_palette_fonts_mark_and_footer(new_tab, screen, lang):
    page = new_tab(**SCREENS[screen]).open(LANGUAGES[lang] + f"/practice-sheets/{SHEET}/")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == PRIMARY
    assert page.evaluate(
        "document.fonts.check('16px \"IBM Plex Sans\"') && document.fonts.check('600 16px \"IBM Plex Serif\"')"
    )
    assert "IBM Plex Sans" in page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
    assert "IBM Plex Serif" in page.evaluate("getComputedStyle(document.querySelector('.md-typeset h1')).fontFamily")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("IBM Plex" in family for family in loaded)
    mark = page.locator(".md-header .md-logo img")
    assert mark.evaluate("img => img.complete && img.naturalWidth > 0")
    emblem = page.locator(".gb-footer__emblem")
    emblem.scroll_into_view_if_needed()
    assert emblem.is_visible() and emblem.evaluate("img => img.complete && img.naturalWidth > 0")
    assert (
        emblem.get_attribute("alt")
        == {"en": "Emblem of the European Union", "fr": "Emblème de l’Union européenne"}[lang]
    )
    footer = page.locator(".gb-footer").inner_text()
    assert "Material for MkDocs" not in page.content()
    assert {"en": "Online edition of", "fr": "Édition en ligne du"}[lang] in footer
    assert "contact@efus.eu" in footer


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_links_reach_contact_and_accessibility_statement_in_the_reader_language(tab, lang):
    page = tab.open(LANGUAGES[lang] + "/map/")
    for index, heading in enumerate(
        {"en": ("Contact", "Accessibility statement"), "fr": ("Contact", "Déclaration d’accessibilité")}[lang]
    ):
        with page.expect_navigation():
            page.locator(".gb-footer__links a:not([href^=mailto])").nth(index).click()
        assert page.locator("h1").inner_text() == heading
        assert page.evaluate("document.documentElement.lang") == lang
        page.go_back()


@pytest.mark.parametrize("screen, lang", CASES, ids=IDS)
def test_practice_sheet_header_sits_under_the_title_and_links_to_the_levels(kept_tab, screen, lang):
    page = kept_tab(**SCREENS[screen]).open(LANGUAGES[lang] + f"/practice-sheets/{SHEET}/")
    header = page.locator(".gb-sheet-header")
    title = page.locator("h1").bounding_box()
    assert header.is_visible()
    assert header.bounding_box()["y"] > title["y"]
    assert header.bounding_box()["y"] < SCREENS[screen]["viewport"]["height"], (
        "the header starts below the first screen"
    )
    assert page.locator(".gb-level__meaning").inner_text().strip()
    citation = page.locator(".gb-cite")
    assert not citation.is_visible()  # shut until asked for
    page.locator(".gb-sheet-header__cite summary").click()
    assert citation.is_visible()
    assert citation.inner_text().endswith(f"{LANGUAGES[lang]}/practice-sheets/{SHEET}/".lstrip("/"))
    level = page.locator(".gb-sheet-header .gb-level").inner_text()
    with page.expect_navigation():
        page.locator(".gb-sheet-header__row--evaluation a").click()
    assert "/practice-sheets/evaluation-levels/#" in page.url
    target = page.url.rsplit("#", 1)[1]
    assert page.locator(f"dt#{target}").inner_text() == level
    assert page.locator(f"dt#{target}").bounding_box()["y"] < SCREENS[screen]["viewport"]["height"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sources_link_of_the_header_reaches_the_list(tab, lang):
    page = tab.open(LANGUAGES[lang] + f"/practice-sheets/{SHEET}/")
    link = page.locator(".gb-sheet-header a[href='#gb-sources-title']")
    if link.count():
        link.click()
        assert page.locator("#gb-sources-title").is_visible()
        assert page.locator(".gb-sources li").count() >= 1
    else:
        assert page.locator(".gb-sources").count() == 0


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    "path, lang, title", [("/404.html", "en", "Page not found"), ("/fr/404.html", "fr", "Page introuvable")]
)
def test_404_page_reads_right_in_its_language(kept_tab, screen, path, lang, title):
    page = kept_tab(**SCREENS[screen]).open(path)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").inner_text() == title
    other = page.locator(".gb-not-found__other")
    assert other.get_attribute("lang") != lang
    home = page.locator(".gb-not-found a").first
    with page.expect_navigation():
        home.click()
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tables_scroll_inside_their_box_on_a_phone(kept_tab, lang):
    page = kept_tab(**PHONE_390).open(LANGUAGES[lang] + "/about/partners/")
    table = page.locator(".md-content table").first
    table.scroll_into_view_if_needed()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
    assert table.evaluate("t => t.scrollWidth > t.clientWidth"), "this table fits: choose a wider one"
    assert table.evaluate("t => { t.scrollLeft = 100; return t.scrollLeft > 0; }"), "the table is cut off, not scrolled"


@pytest.mark.parametrize("screen, lang", CASES, ids=IDS)
def test_navigation_has_no_unlabelled_markers(kept_tab, screen, lang):
    page = kept_tab(**SCREENS[screen]).open(LANGUAGES[lang] + "/practice-sheets/themes/")
    assert page.locator(".md-nav .md-status").count() == 0
