"""What the editor's browser tests share: the editor on a fixture project, its admin page opened in Chromium
(failing the test on a request to another host or a Content-Security-Policy violation), and the form's
fields, words and buttons in each interface language."""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from guidebook.cms.server import DECAP_DIST, EditorServer
from guidebook.html.onepage import PageRenderer
from sites import PROJECT

EDITOR = PROJECT / "editor"
SLUG = "case-work-with-families-in-testville"
# The folder that receives the screenshots of editor/screenshots/ (README: EDITOR_SCREENSHOTS=editor/screenshots).
SCREENSHOTS = os.environ.get("EDITOR_SCREENSHOTS")


@pytest.fixture
def preview_pane():
    """Asked for by the tests that show the preview pane: their editor reads the site for it, as `guidebook edit`'s
    does when it starts (a few seconds of work, in the background, that the other tests do without)."""


@pytest.fixture
def editor(request, project, editor_port):
    assert (EDITOR / DECAP_DIST / "decap-cms.js").is_file(), (
        "Decap CMS is not installed: run `make edit` or `make test` (npm ci in editor/)"
    )
    # The previous test's editor is stopped: its port is free, unless another program took it meanwhile.
    port = editor_port if _free(editor_port) else 0
    renderer = PageRenderer if "preview_pane" in request.fixturenames else None  # as `guidebook edit` gives it
    server = EditorServer(("127.0.0.1", port), project, EDITOR, renderer=renderer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


# What a test leaves in the editor's origin in the session's profiles, where Decap keeps its login and its backups of
# unsaved entries: cleared before each test. The browser's cache of files is not storage: it stays, each file
# checked again at each use.
STORAGE = "cookies,local_storage,indexeddb,cache_storage,service_workers,file_systems"


@pytest.fixture
def admin(editor_profiles, editor):
    """Opens the editor in one interface language; after the test, fails on foreign requests or CSP violations."""
    pages, foreign, violations = [], [], []

    def open_admin(language: str = "en"):
        """Each call is another person, in a browser of their own (the first, the second... of the session's),
        their editor's storage cleared. Two calls are two people editing."""
        page = editor_profiles(len(pages), editor.address).new_page()
        page.context.new_cdp_session(page).send(
            "Storage.clearDataForOrigin", {"origin": editor.address, "storageTypes": STORAGE}
        )
        pages.append(page)
        page.interface = language
        page.on(
            "request", lambda request: foreign.append(request.url) if _foreign(request.url, editor.address) else None
        )
        page.on(
            "console",
            lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
        )
        page.goto(f"{editor.address}/admin/{'' if language == 'en' else language + '/'}")
        page.get_by_role("button", name="Login" if language == "en" else "Se connecter").click()
        page.get_by_role("link", name="Practice sheets" if language == "en" else "Fiches pratiques").wait_for()
        return page

    yield open_admin
    for page in pages:
        page.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert violations == [], f"Content-Security-Policy violations: {violations}"


def _foreign(url: str, base: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != urlsplit(base).netloc


def field(page, name: str, language: str):
    """The input of field `name` in the half of the form of `language`: the interface's language on the left."""
    return page.locator(f"[id^='{name}-field-']").nth(0 if language == page.interface else 1)


def choose(page, name: str, text: str) -> None:
    """Type into a select (edited once, in the interface's language) and take the option offered."""
    box = field(page, name, page.interface)
    box.fill(text)
    page.get_by_role("option", name=text).first.click()


def pick(page, name: str, text: str) -> None:
    """Open a relation select (a pilot, chapters) and take an option of those it loaded when the form opened. Typing
    would make Decap search again, half a second after the last key (test_editor_words.py proves the search)."""
    field(page, name, page.interface).click()
    page.get_by_role("option", name=text).first.click()


# The fixture's practice sheet, as the list shows it in each interface language.
SHEET_TITLE = {"en": "Case management in Testville", "fr": "Gestion de cas à Testville"}


def open_sheet(page):
    """Open the fixture's practice sheet from the list, by its title in the interface's language."""
    page.get_by_text(SHEET_TITLE[page.interface]).click()
    field(page, "summary", "fr").wait_for()
    return page


# What the form's selects and buttons say in each interface language.
WORDS = {
    "en": {
        "Belgium": "Belgium",
        "Case management": "Case management",
        "Families": "Families",
        "none": "No evaluation documented",
        "First chapter": "First chapter",
        "Save": "Save",
        "Save now": "Save now",
        "Toggle preview": "Toggle preview",
    },
    "fr": {
        "Belgium": "Belgique",
        "Case management": "Gestion de cas",
        "Families": "Familles",
        "none": "Aucune évaluation documentée",
        "First chapter": "Premier chapitre",
        "Save": "Enregistrer",
        "Save now": "Enregistrer maintenant",
        "Toggle preview": "Aperçu",
    },
}


def relations_loaded(page) -> None:
    """Wait until the fixture sheet's relation selects show their options' titles in both columns (the pilot, the
    chapters): they load their options after the form opens, and again when a save mounts the form anew."""
    expect(page.locator("[class*='singleValue']").get_by_text("Testville", exact=True)).to_have_count(2)
    expect(page.get_by_text("First chapter", exact=True)).to_have_count(1)
    expect(page.get_by_text("Premier chapitre", exact=True)).to_have_count(1)


def fill_sheet(page, language: str, *, french_summary: str) -> None:
    words = WORDS[language]
    page.goto(page.url.split("#")[0] + "#/collections/practice-sheet/new")
    field(page, "title", "en").fill("Case work with families in Testville")
    field(page, "title", "fr").fill("Travail de cas avec les familles à Testville")
    field(page, "summary", "en").fill("Probation officers in Testville work with the families of people on probation.")
    if french_summary:
        field(page, "summary", "fr").fill(french_summary)
    field(page, "city", "en").fill("Testville")
    field(page, "city", "fr").fill("Testville")
    choose(page, "country", words["Belgium"])
    pick(page, "pilot", "Testville")
    choose(page, "approaches", words["Case management"])
    choose(page, "target_groups", words["Families"])
    pick(page, "recommendations", words["First chapter"])
    choose(page, "status", words["none"])
    field(page, "email", language).fill("contact@example.org")


def save_entry(page, language: str) -> None:
    """Decap's button and its first choice (its words on the local server: editor/admin/editor.js)."""
    page.get_by_role("button", name=WORDS[language]["Save"], exact=True).click()
    page.get_by_text(WORDS[language]["Save now"], exact=True).click()


def screenshot(page, name: str, settle_ms: int = 0) -> None:
    """The screenshot `name` of editor/screenshots/, when EDITOR_SCREENSHOTS asks for them: once the network is
    quiet and, after `settle_ms`, what still moves (a notice sliding in) has settled. Otherwise nothing: the
    tests' own waits are on what they check, and a picture nobody keeps is not worth those seconds."""
    if not SCREENSHOTS:
        return
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(settle_ms)
    page.screenshot(path=Path(SCREENSHOTS) / name)


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
