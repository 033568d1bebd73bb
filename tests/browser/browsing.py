"""Helpers the browser tests share (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

EDITOR_VIEWPORT = {"width": 1280, "height": 900}  # the web editor's form, both languages side by side
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
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


# axe-core from its npm package, vendored (see vendor/axe-core/README.md): the tests load nothing from a CDN.
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA: 2.1's rules and 2.2's target size (2.5.8, 24×24 px or spaced apart).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")
# Every violation is still listed with all its elements; the passes and other results, which the tests never read,
# keep one element each instead of every element of the page (most of axe's time and of the result's size).
ONLY_VIOLATIONS = "resultTypes: ['violations']"


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.2 A and AA rules on the page as it is now; the serious and critical violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        f"tags => axe.run(document, {{runOnly: {{type: 'tag', values: tags}}, {ONLY_VIOLATIONS}}})", WCAG_22_AA
    )
    return [violation for violation in result["violations"] if violation["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    """One line per violation: rule, impact, what it asks, and the elements at fault."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']]}" for v in violations
    )
