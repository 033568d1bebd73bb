"""WCAG 2.2 A and AA with axe-core (target size included), on every kind of page of the guidebook in both
languages, on a phone (390×844) and a desktop (1366×900).

A page passes when axe reports no violation of impact serious or critical. Interactive states (search
results open, the phone navigation drawer open) and the narrowest screen WCAG asks to support (320 CSS
pixels, criterion 1.4.10) are checked too. The contexts bypass the pages' Content-Security-Policy, which
would otherwise refuse the injected axe script (the pages' own scripts run under it as usual).
"""

import pytest

from browsing import PHONE, axe_violations, describe, search_results
from sites import PROJECT

SHEET = sorted(PROJECT.glob("practice_sheets/*.en.md"))[0].name.removesuffix(".en.md")
KINDS = {
    "home": "/",
    "guidebook chapter": "/guidebook/introduction/",
    "bibliography": "/guidebook/bibliography/",
    "part 1 index": "/state-of-the-art/",
    "country article": "/state-of-the-art/france/",
    "city pilots index": "/city-pilots/",
    "city pilot": "/city-pilots/avignon/",
    "recommendations index": "/recommendations/",
    "recommendation chapter": "/recommendations/04-risk-assessment/",
    "practice sheet": f"/practice-sheets/{SHEET}/",
    "catalogue": "/practice-sheets/",
    "catalogue filtered": "/practice-sheets/?approach=case-management&country=NL",
    "themes": "/practice-sheets/themes/",
    "evaluation levels": "/practice-sheets/evaluation-levels/",
    "map": "/map/",
    "about page": "/about/efus/",
    "contact": "/about/contact/",
    "accessibility statement": "/accessibility/",
}
PAGES = [(kind, prefix + path) for prefix in ("", "/fr") for kind, path in KINDS.items()]
NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True, "bypass_csp": True}


def _assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}:\n{describe(violations)}"


SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}


@pytest.fixture
def axe_tab(kept_tab):
    return kept_tab(bypass_csp=True, with_axe=True)


# Each page loads in a tab kept for its screen size: pages only read, they load from the browser's cache.
@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("kind, path", PAGES, ids=[f"{path} ({kind})" for kind, path in PAGES])
def test_page_has_no_serious_violation(kept_tab, kind, path, screen):
    _assert_accessible(kept_tab(**SCREENS[screen], bypass_csp=True, with_axe=True).open(path))


@pytest.mark.parametrize("path, title", [("/404.html", "Page not found"), ("/fr/404.html", "Page introuvable")])
def test_404_pages_have_no_serious_violation(axe_tab, path, title):
    page = axe_tab.open(path)
    assert page.locator("h1").inner_text() == title
    _assert_accessible(page)


@pytest.mark.parametrize("path, words", [("/", "reintegration"), ("/fr/", "réinsertion")])
def test_open_search_results_have_no_serious_violation(axe_tab, path, words):
    page = axe_tab.open(path)
    assert search_results(page, words)
    _assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/fr/"])
def test_phone_navigation_drawer_has_no_serious_violation(kept_tab, path):
    page = kept_tab(**PHONE, bypass_csp=True, with_axe=True).open(path)
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.locator("nav.md-nav--primary").is_visible()
    _assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/", f"/fr/practice-sheets/{SHEET}/", "/practice-sheets/", "/fr/map/", "/accessibility/"]
)
def test_pages_reflow_at_320_pixels(kept_tab, path):
    page = kept_tab(**NARROW, with_axe=True).open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "the page scrolls sideways at 320 px"
    _assert_accessible(page)
