"""Browser tests: Playwright (from PyPI) driving Debian's Chromium against the real site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from browsing import AXE, EDITOR_VIEWPORT, PHONE
from guidebook.loopback import LoopbackServer
from real_downloads import real_site

# Debian's chromium as its headless shell (package chromium-headless-shell: the same source and version, Blink
# and V8 without the desktop browser around them, what Playwright's own headless runs use), or the browser the
# CHROMIUM variable names (make test CHROMIUM=/usr/bin/chromium runs them in the full browser). The shell takes
# about 40 % less CPU for the same pages. Its binary, not /usr/bin's wrapper: a `sh` would stand between Playwright
# and the browser it stops.
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/lib/chromium/chromium-headless-shell"
# Without these, Chromium keeps calling Google's services, which this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Without it the shell sets text slightly wider than the full browser does: a map label 0.8 px out of its box
    # on a phone, a font swap shifting the home page by 0.12 instead of under 0.1. With it, both pass alike.
    "--font-render-hinting=none",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site():
    """The shipped guidebook with its PDFs, built once per session and served on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(real_site()))
    server = LoopbackServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    # A missing browser must fail the run, not skip it.
    assert shutil.which(CHROMIUM), (
        f"no browser at {CHROMIUM}: `make test` installs it as root (apt-get install chromium-headless-shell), "
        "or set CHROMIUM to an installed Chromium"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Tab:
    """A page that records every request, to prove nothing is loaded from another host."""

    def __init__(self, page, base: str):
        self.page = page
        self.base = base
        self.foreign: list[str] = []
        self._under_way: set = set()  # the page's requests not yet answered (Playwright's Request objects)
        host = urlsplit(base).netloc
        page.on("request", lambda request: self._record(request, host))
        page.on("requestfinished", lambda request: self._under_way.discard(request))
        page.on("requestfailed", lambda request: self._under_way.discard(request))

    def _record(self, request, host: str) -> None:
        self._under_way.add(request)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            self.foreign.append(request.url)

    def open(self, path: str):
        """The page at `path`, once its load event has fired and every request it made is answered: exact events,
        where Playwright's "networkidle" waits for half a second without a request on every page."""
        self.page.goto(self.base + path, wait_until="load")
        self.settle()
        return self.page

    def settle(self, timeout: float = 30) -> None:
        """Until no request of the page is under way (after the load event, Chromium's favicon at most)."""
        deadline = time.monotonic() + timeout
        while self._under_way:
            assert time.monotonic() < deadline, f"requests still under way: {[r.url for r in self._under_way]}"
            self.page.wait_for_timeout(10)  # lets Playwright deliver the pages' events


def _assert_nothing_foreign(tabs: list[Tab]) -> None:
    foreign = [url for tab in tabs for url in tab.foreign]
    assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture
def new_tab(browser, served_site):
    """Opens tabs, each in a fresh browser context; after the test, fails it if any tab requested another host."""
    contexts, tabs = [], []

    def open_tab(**context_options) -> Tab:
        context = browser.new_context(**context_options)
        contexts.append(context)
        tabs.append(Tab(context.new_page(), served_site))
        return tabs[-1]

    yield open_tab
    for context in contexts:
        context.close()
    _assert_nothing_foreign(tabs)


@pytest.fixture(scope="session")
def _kept_tabs(browser):
    kept: dict[str, Tab] = {}
    yield kept
    for tab in kept.values():
        tab.page.context.close()


@pytest.fixture
def kept_tab(_kept_tabs, browser, served_site):
    """Like new_tab, but the tab is kept for the whole session, one per site and set of context options, for the
    tests that read pages without changing what the browser stores: a page then loads from the browser's cache,
    about three times faster than in a fresh context. `with_axe`: axe-core in each page (browsing.axe_violations).
    After the test, fails it if the tab requested another host."""
    used: list[Tab] = []

    def kept(*, with_axe: bool = False, **context_options) -> Tab:
        key = json.dumps([served_site, with_axe, context_options], sort_keys=True)
        if key not in _kept_tabs:
            context = browser.new_context(**context_options)
            if with_axe:  # in every page before its own scripts, compiled once: a fifth faster than a script tag
                context.add_init_script(path=AXE)
            _kept_tabs[key] = Tab(context.new_page(), served_site)
        if _kept_tabs[key] not in used:
            used.append(_kept_tabs[key])
        return _kept_tabs[key]

    yield kept
    try:
        _assert_nothing_foreign(used)
    finally:  # a request made after this check is the next test's to answer for
        for tab in used:
            tab.foreign.clear()


@pytest.fixture
def tab(new_tab):
    return new_tab()


@pytest.fixture
def phone(new_tab):
    return new_tab(**PHONE)


# The web editor's tests (editing.py): a port and a browser profile kept for the whole session.


@pytest.fixture(scope="session")
def editor_port() -> int:
    """The port of every editor this test process starts, one after the other: the browser keeps Decap's files, and
    the code it compiled from them, by their address (guidebook/cms/server.py `_send_file`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def editor_profiles(browser, tmp_path_factory):
    """Browsers with a profile on disk, as staff's browsers have, not off-the-record contexts: only there does
    Chromium keep the code it compiled from Decap's 5 MB bundle, which takes most of the opening of the admin page.
    `profile(person, address)`: the browser of the test's first, second... person editing at once, started when
    first asked for and kept for the session. Its first page stays open on a file of the editor at `address`: with
    `--process-per-site`, every later page of 127.0.0.1 opens in that page's renderer process, where the code compiled
    from the bundle stays in memory. An opening (admin page, login, a sheet) then takes a sixth less of the browser's
    CPU (median 1.5 s, not 1.8 s, for a new process reading the compiled code from the disk cache), and the session's
    second opening no longer compiles the bundle again (1.8 s, not 2.4 s)."""
    launched = []

    def profile(person: int, address: str):
        while len(launched) <= person:
            context = browser.browser_type.launch_persistent_context(
                tmp_path_factory.mktemp("editor-profile"),
                executable_path=CHROMIUM,
                args=[*CHROMIUM_ARGS, "--process-per-site"],
                viewport=EDITOR_VIEWPORT,
            )
            keeper = context.pages[0] if context.pages else context.new_page()
            keeper.goto(f"{address}/admin/editor.css")  # a stylesheet shown as text: no script, holds the process
            launched.append(context)
        return launched[person]

    yield profile
    for context in launched:
        context.close()
