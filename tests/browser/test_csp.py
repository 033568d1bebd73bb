"""Every page carries a Content-Security-Policy, and nothing the site does breaks it (no violation in Chromium)."""

from __future__ import annotations

import pytest

from browsing import search_results

# Recorded from the first script on, before any of the page's own.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
"""


@pytest.fixture
def guarded(tab):
    """The tab, failing the test on any policy violation (event or console report)."""
    console: list[str] = []
    tab.page.add_init_script(RECORD_VIOLATIONS)
    tab.page.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield tab
    tab.page.wait_for_load_state(
        "networkidle"
    )  # a violation after the load event counts too, as when tabs waited for it
    violations = tab.page.evaluate("window.__violations || []")
    assert violations == [] and console == [], violations + console


def _policy(page) -> str:
    return page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")


@pytest.mark.parametrize("path", ["/", "/fr/", "/practice-sheets/rotterdam-case-management/", "/fr/map/", "/404.html"])
def test_pages_carry_the_policy_and_run_without_violation(guarded, path):
    page = guarded.open(path)
    policy = _policy(page)
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy and "object-src 'none'" in policy
    # The policy comes before anything it governs.
    assert page.evaluate("document.head.children[1].getAttribute('http-equiv')") == "Content-Security-Policy"


def test_catalogue_filters_work_under_the_policy(guarded):
    page = guarded.open("/practice-sheets/")
    page.get_by_role("checkbox", name="Case management").check()
    assert "approach=case-management" in page.url
    assert page.locator(".gb-card:visible").count() < 9


@pytest.mark.parametrize("start, words", [("/", "reintegration"), ("/fr/", "réinsertion")])
def test_search_works_under_the_policy(guarded, start, words):
    page = guarded.open(start)
    assert search_results(page, words)


def test_map_links_work_under_the_policy(guarded):
    page = guarded.open("/map/")
    page.locator("a.gb-map__pilot", has_text="Rotterdam").click()
    page.wait_for_load_state()
    assert page.url.endswith("/city-pilots/rotterdam/")


def test_an_injected_inline_script_is_refused(tab):
    """The policy does refuse what it should: a script added to a built page does not run."""
    page = tab.open("/")
    blocked = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", (event) => resolve(event.violatedDirective));
            const script = document.createElement("script");
            script.textContent = "window.__ran = true";
            document.body.append(script);
        })"""
    )
    assert blocked.startswith("script-src") and page.evaluate("window.__ran") is None
