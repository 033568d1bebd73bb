"""The real site in Chromium, served by Debian's nginx with the shipped configuration (issue 25): the header policy
(the pages' own, with frame-ancestors) breaks nothing, and another origin cannot frame the site.

The tabs of this module reach the site through nginx: `served_site` is overridden here.
"""

from __future__ import annotations

import http.server
import threading

import pytest

from browsing import search_results
from guidebook.loopback import LoopbackServer
from guidebook.publish import nginx
from real_downloads import real_site
from test_csp import guarded  # noqa: F401 - the fixture failing a test on any policy violation


@pytest.fixture(scope="module")
def served_site():
    server = nginx.start(real_site())
    yield server.url.rstrip("/")
    server.stop()


@pytest.mark.parametrize("path", ["/", "/fr/", "/practice-sheets/", "/fr/map/", "/fr/nowhere/at/all"])
def test_pages_run_without_violation_under_the_header_and_their_own_policy(guarded, path):  # noqa: F811
    page = guarded.open(path)
    response = page.request.get(page.url)
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    assert page.locator("h1").count() >= 1


def test_search_works_under_the_header(guarded):  # noqa: F811
    page = guarded.open("/fr/")
    assert search_results(page, "réinsertion")


class _Framing(http.server.BaseHTTPRequestHandler):
    target = ""

    def do_GET(self):
        body = f'<!doctype html><title>Another site</title><iframe src="{self.target}"></iframe>'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_another_origin_cannot_frame_the_site(browser, served_site):
    """A page on another loopback origin puts the guidebook in a frame: Chromium refuses to show it."""
    handler = type("Framing", (_Framing,), {"target": served_site + "/fr/"})
    other = LoopbackServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        console = []
        page.on("console", lambda message: console.append(message.text))
        # Chromium says in the console that it refused the frame: waited for, up to Playwright's 30 s.
        with page.expect_console_message(lambda message: "frame-ancestors" in message.text):
            page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        framed = page.frames[1]
        assert "frame-ancestors" in " ".join(console), console
        assert framed.evaluate("document.title") != "Guide PREPARE" and "Guide PREPARE" not in framed.content()
    finally:
        context.close()
        other.shutdown()
