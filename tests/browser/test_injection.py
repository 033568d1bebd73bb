"""Page text that would run script, planted past the content check, runs nothing in Chromium: on the served site,
nor in the offline bundle read from file://."""

from __future__ import annotations

import functools
import http.server
import threading
import zipfile

import pytest

from guidebook.content import sanitise
from guidebook.loopback import LoopbackServer
from guidebook.publish.offline import BUNDLE_FOLDER
from guidebook.site.downloads import OFFLINE_ZIP
from sites import base_files, build, let_unsafe_markup_through, page_text, write_project
from test_sanitise import PAYLOADS

PAGE = "docs/about/page.en.md"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _planted_build(folder, payloads, *, downloads: bool):
    """A site built with `payloads` in one page, the content check told to let them through (the build's own
    cleaning and the policy are what is tested)."""
    patch = pytest.MonkeyPatch()
    let_unsafe_markup_through(patch)
    try:
        files = base_files()
        files[PAGE] = page_text({"title": "Planted", "status": "draft"}, "Intro.\n\n" + "\n\n".join(payloads))
        return build(write_project(folder / "p", files), downloads=downloads).site
    finally:
        patch.undo()


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory):
    """Every payload, served on a free loopback port."""
    site = _planted_build(tmp_path_factory.mktemp("planted"), PAYLOADS.values(), downloads=False)
    server = LoopbackServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def planted_bundle(tmp_path_factory):
    """The offline bundle of a site with every payload that leaves no image behind once cleaned (the PDF step
    rightly stops at an image it cannot find, such as the 'x' of <img src=x onerror=...>), unzipped."""
    kept = [payload for payload in PAYLOADS.values() if "<img" not in sanitise.clean(sanitise.render(payload))]
    folder = tmp_path_factory.mktemp("planted-offline")
    site = _planted_build(folder, kept, downloads=True)
    with zipfile.ZipFile(site / OFFLINE_ZIP) as bundle:
        bundle.extractall(folder / "unzipped")
    return folder / "unzipped" / BUNDLE_FOLDER


def _runs_nothing(browser, address: str, own: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    requests: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(address)
    page.wait_for_load_state("networkidle")
    page.mouse.move(200, 300)
    for link in page.locator("article a").all()[:20]:
        link.hover()
    page.wait_for_timeout(1500)  # a meta refresh or a timer would have fired by now
    assert dialogs == []
    assert page.url == address
    assert [url for url in requests if not url.startswith(own)] == []
    assert page.locator("article").inner_text().startswith("Planted")
    context.close()


def test_no_planted_script_runs_on_the_served_site(browser, planted_site):
    _runs_nothing(browser, f"{planted_site}/about/page/", planted_site)


def test_no_planted_script_runs_in_the_offline_bundle(browser, planted_bundle):
    _runs_nothing(browser, (planted_bundle / "about" / "page" / "index.html").as_uri(), "file://")
