"""The editor's preview pane, server side (guidebook/cms/preview.py): the unsaved form rendered as the page
readers will get, refused with the check's problems in the interface's language, served only to the editor's page."""

import json
import threading
import time
from urllib.parse import urljoin

import pytest

from guidebook.cms.server import EditorServer
from guidebook.content.frontmatter import read_source
from guidebook.html.onepage import PageRenderer
from editor_api import raw_request
from sites import PROJECT, base_files, write_project


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    project = write_project(tmp_path_factory.mktemp("preview") / "project", base_files())
    server = EditorServer(("127.0.0.1", 0), project, PROJECT / "editor", renderer=PageRenderer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    deadline = time.monotonic() + 120
    while server.previews.renderer is None:
        assert server.previews.failure is None and time.monotonic() < deadline, server.previews.failure
        time.sleep(0.05)
    yield server
    server.shutdown()
    server.server_close()


def sheet(server, language="en"):
    path = sorted((server.api.project / "practice_sheets").glob(f"*.{language}.md"))[0]
    source, _ = read_source(path, path.name)
    data = json.loads(json.dumps(source.meta, default=str))
    return path.relative_to(server.api.project).as_posix(), {**data, "body": source.body}


def ask(server, body, headers=None):
    sent = json.dumps(body).encode()
    given = {
        "Origin": f"http://127.0.0.1:{server.port}",
        "Content-Type": "application/json",
        "Content-Length": str(len(sent)),
    } | (headers or {})
    return raw_request(server, "POST", "/preview/render", sent, given)


def test_the_unsaved_form_is_rendered_as_the_page_a_save_then_a_build_would_publish(editor):
    path, data = sheet(editor)
    data["body"] += "\n\nA sentence not saved yet.\n"
    status, _, answer = ask(editor, {"path": path, "language": "en", "interface": "en", "data": data})
    assert status == 200
    url = json.loads(answer)["url"]
    status, headers, page = raw_request(editor, "GET", url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"A sentence not saved yet." in page and b'<meta http-equiv="Content-Security-Policy"' in page
    assert (
        headers["Content-Security-Policy"] == "sandbox; frame-ancestors 'self'"
    )  # no script, no origin, only in the editor
    assert (editor.api.project / path).read_text(encoding="utf-8").count(
        "A sentence not saved yet."
    ) == 0  # nothing written
    stylesheet = page.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
    status, headers, css = raw_request(editor, "GET", urljoin(url, stylesheet))
    assert status == 200 and headers["Content-Type"].startswith("text/css") and len(css) > 10_000


def test_french_and_english_are_rendered_from_their_own_data(editor):
    path, data = sheet(editor, "fr")
    status, _, answer = ask(
        editor, {"path": path.replace(".fr.md", ".en.md"), "language": "fr", "interface": "fr", "data": data}
    )
    url = json.loads(answer)["url"]
    assert "/fr/practice-sheets/" in url
    assert b'<html lang="fr"' in raw_request(editor, "GET", url)[2]


def test_unsafe_text_is_refused_with_the_problem_in_the_interface_language_and_nothing_rendered(editor):
    path, data = sheet(editor)
    data["body"] += '\n\n<script>alert("x")</script>\n'
    answer = json.loads(ask(editor, {"path": path, "language": "en", "interface": "fr", "data": data})[2])
    assert "url" not in answer
    assert f"{path}:" in answer["problems"] and "« Texte de la page » (body)" in answer["problems"]
    assert "<script> is not allowed" in answer["problems"]


def test_a_page_not_saved_yet_says_it_shows_once_saved(editor):
    _, data = sheet(editor)
    answer = json.loads(
        ask(editor, {"path": "practice_sheets/brand-new.en.md", "language": "en", "interface": "fr", "data": data})[2]
    )
    assert answer == {"waiting": "L'aperçu d'une nouvelle page s'affiche une fois qu'elle a été enregistrée."}


@pytest.mark.parametrize(
    "headers, status",
    [
        ({"Origin": "http://attacker.example"}, 403),
        ({"Origin": None}, 403),
        ({"Host": "attacker.example:8081"}, 421),
        ({"Content-Type": "text/plain"}, 415),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
    ],
)
def test_only_the_editors_own_page_may_ask_for_a_preview(editor, headers, status):
    path, data = sheet(editor)
    assert ask(editor, {"path": path, "language": "en", "interface": "en", "data": data}, headers)[0] == status


@pytest.mark.parametrize(
    "body",
    [
        {"path": "../etc/passwd.en.md", "language": "en", "interface": "en", "data": {}},
        {"path": "practice_sheets/x.en.md", "language": "de", "interface": "en", "data": {}},
        {"path": "practice_sheets/x.en.md", "language": "en", "interface": "en", "data": "text"},
    ],
)
def test_a_malformed_request_is_refused_with_a_reason(editor, body):
    status, _, answer = ask(editor, body)
    assert 400 <= status < 500 and json.loads(answer)["error"]


def test_only_rendered_pages_and_the_theme_files_are_served(editor):
    assert raw_request(editor, "GET", "/preview/" + "x" * 32 + "/index.html")[0] == 404
    path, data = sheet(editor)
    url = json.loads(ask(editor, {"path": path, "language": "en", "interface": "en", "data": data})[2])["url"]
    prefix = url.split("/practice-sheets/")[0]
    assert raw_request(editor, "GET", prefix + "/../../mkdocs.yml")[0] in (400, 404)
    assert raw_request(editor, "GET", prefix + "/index.html")[0] == 404  # another page: not the one previewed
