"""Page text that would run script, planted past the content check, runs nothing in Chromium on the served site."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from guidebook.content import load as content_load
from sites import base_files, build, page_text, write_project
from test_sanitise import PAYLOADS

PAGE = "docs/about/page.en.md"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    """A site built with every payload in one page, the content check told to let them through (the build's own
    cleaning and the policy are what is tested), served on a free loopback port."""
    patch = pytest.MonkeyPatch()
    patch.setattr(content_load, "unsafe_markup", lambda source: [])
    try:
        files = base_files()
        files[PAGE] = page_text({"title": "Planted", "status": "draft"}, "Intro.\n\n" + "\n\n".join(PAYLOADS.values()))
        site = build(write_project(tmp_path_factory.mktemp("planted") / "p", files)).site
    finally:
        patch.undo()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_planted_script_runs_and_nothing_navigates_away(browser, planted_site):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{planted_site}/about/page/")
    page.wait_for_load_state("networkidle")
    page.mouse.move(200, 300)
    for link in page.locator("article a").all()[:20]:
        link.hover()
    page.wait_for_timeout(1500)  # a meta refresh or a timer would have fired by now
    assert dialogs == []
    assert page.url == f"{planted_site}/about/page/"
    assert [url for url in requests if not url.startswith(planted_site)] == []
    assert page.locator("article").inner_text().startswith("Planted")
    context.close()
