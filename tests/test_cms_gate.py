"""The editor's server answers only its own admin page, and every request it does not do with a 4xx JSON
reason in one line, never a traceback (issue 24, item 4). Each case below is a request as an attacker or
a broken client would send it; the server runs in this process, on a fixture project."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from editor_api import AdminPage, raw_request, running_editor
from guidebook.cms.gate import MAX_BODY
from sites import base_files, page_text, write_project

NEW_PAGE = page_text({"title": "A new page", "summary": "A page made twice.", "status": "draft"})

GOOD = {"action": "getEntry", "params": {"path": "practice_sheets/testville-case-management.en.md"}}


@pytest.fixture
def editor(project):
    with running_editor(project) as server:
        yield server


@pytest.fixture
def page(editor):
    return AdminPage(editor)


@pytest.fixture(scope="module")
def read_only(tmp_path_factory):
    """One editor for the requests that must change nothing (each test proves they did not)."""
    project = write_project(tmp_path_factory.mktemp("gate") / "project", base_files())
    with running_editor(project) as server:
        yield server, AdminPage(server), project


def _json(value) -> bytes:
    return json.dumps(value).encode("utf-8")


def _get_entry(path) -> bytes:
    return _json({"action": "getEntry", "params": {"path": path}})


# name: (body, headers to change, expected status). Every other header is the admin page's own.
MALFORMED = {
    "not JSON": (b"{action: getEntry", {}, 400),
    "not UTF-8": (b'{"action": "getEntry", "params": {"path": "\xff\xfe"}}', {}, 400),
    "empty body": (b"", {}, 400),
    "a JSON array": (b"[1, 2]", {}, 400),
    "a JSON string": (b'"getEntry"', {}, 400),
    "no action": (_json({"params": {}}), {}, 400),
    "action is a number": (_json({"action": 12, "params": {}}), {}, 400),
    "params is a list": (_json({"action": "getEntry", "params": ["a"]}), {}, 400),
    "unknown action": (_json({"action": "runShell", "params": {}}), {}, 400),
    "getEntry without path": (_json({"action": "getEntry", "params": {}}), {}, 400),
    "path is a number": (_get_entry(7), {}, 400),
    "NUL in a path": (_get_entry("practice_sheets/a\x00.en.md"), {}, 400),
    "backslash in a path": (_get_entry("practice_sheets\\..\\Makefile"), {}, 400),
    "nested too deep": (b"[" * 100_000 + b"]" * 100_000, {}, 400),
    "Content-Length: abc": (_json(GOOD), {"Content-Length": "abc"}, 400),
    "Content-Length: -1": (_json(GOOD), {"Content-Length": "-1"}, 400),
    "no Content-Length": (_json(GOOD), {"Content-Length": None}, 411),
    "a body in chunks": (b"", {"Content-Length": None, "Transfer-Encoding": "chunked"}, 411),
    "entriesByFolder depth as text": (
        _json({"action": "entriesByFolder", "params": {"folder": "docs", "extension": "md", "depth": "1"}}),
        {},
        400,
    ),
    "entriesByFolder depth 10**9": (
        _json({"action": "entriesByFolder", "params": {"folder": "docs", "extension": "md", "depth": 10**9}}),
        {},
        400,
    ),
    "entriesByFiles files not a list": (
        _json({"action": "entriesByFiles", "params": {"files": "docs/index.en.md"}}),
        {},
        400,
    ),
    "persistEntry without dataFiles": (_json({"action": "persistEntry", "params": {"assets": []}}), {}, 400),
    "persistEntry with no files": (_json({"action": "persistEntry", "params": {"dataFiles": []}}), {}, 400),
    "persistEntry without raw": (
        _json({"action": "persistEntry", "params": {"dataFiles": [{"path": "docs/index.en.md"}]}}),
        {},
        400,
    ),
    "persistEntry with NUL in raw": (
        _json({"action": "persistEntry", "params": {"dataFiles": [{"path": "docs/index.en.md", "raw": "---\n\x00"}]}}),
        {},
        400,
    ),
    # Not the editor's own page.
    "Content-Type text/plain": (_json(GOOD), {"Content-Type": "text/plain"}, 415),
    "Content-Type form": (_json(GOOD), {"Content-Type": "application/x-www-form-urlencoded"}, 415),
    "Content-Type multipart": (_json(GOOD), {"Content-Type": "multipart/form-data; boundary=x"}, 415),
    "no Content-Type": (_json(GOOD), {"Content-Type": None}, 415),
    "no Origin": (_json(GOOD), {"Origin": None}, 403),
    "Origin of another loopback address": (_json(GOOD), {"Origin": "http://127.0.0.2:{port}"}, 403),
    "Origin of another port": (_json(GOOD), {"Origin": "http://127.0.0.1:1"}, 403),
    "Origin localhost for Host 127.0.0.1": (_json(GOOD), {"Origin": "http://localhost:{port}"}, 403),
    "Origin null (a sandboxed frame, a file)": (_json(GOOD), {"Origin": "null"}, 403),
    "Origin of a web site": (_json(GOOD), {"Origin": "https://evil.example"}, 403),
    "the browser says cross-site": (_json(GOOD), {"Sec-Fetch-Site": "cross-site"}, 403),
    "the browser says same-site": (_json(GOOD), {"Sec-Fetch-Site": "same-site"}, 403),
    "Host of another name (DNS rebinding)": (_json(GOOD), {"Host": "evil.example:{port}"}, 421),
    "Host without port": (_json(GOOD), {"Host": "127.0.0.1"}, 421),
    "Host of another port": (_json(GOOD), {"Host": "127.0.0.1:1"}, 421),
    "Host 0.0.0.0": (_json(GOOD), {"Host": "0.0.0.0:{port}"}, 421),
    "no Host": (_json(GOOD), {"Host": None}, 421),
    # Files that are no page of the guidebook.
    "getEntry .git/config": (_get_entry(".git/config"), {}, 403),
    "getEntry Makefile": (_get_entry("Makefile"), {}, 403),
    "getEntry mkdocs.yml": (_get_entry("mkdocs.yml"), {}, 403),
    "getEntry ../ outside": (_get_entry("../../../../etc/passwd"), {}, 403),
    "getEntry docs/../Makefile": (_get_entry("docs/../Makefile"), {}, 403),
    "getEntry an absolute path": (_get_entry("/etc/passwd"), {}, 403),
    "getEntry a hidden file in docs": (_get_entry("docs/.secret.en.md"), {}, 403),
    "getEntry a page not .md": (_get_entry("docs/index.en.txt"), {}, 403),
    "getEntry a file in guidebook/": (_get_entry("guidebook/cms/server.en.md"), {}, 403),
    "entriesByFolder .git": (
        _json({"action": "entriesByFolder", "params": {"folder": ".git", "extension": "md", "depth": 1}}),
        {},
        403,
    ),
    "entriesByFolder of .yml files": (
        _json({"action": "entriesByFolder", "params": {"folder": "docs", "extension": "yml", "depth": 1}}),
        {},
        403,
    ),
    "entriesByFolder the project's root": (
        _json({"action": "entriesByFolder", "params": {"folder": "guidebook", "extension": "md", "depth": 3}}),
        {},
        403,
    ),
    "persistEntry outside content": (
        _json({"action": "persistEntry", "params": {"dataFiles": [{"path": "Makefile.en.md", "raw": "x"}]}}),
        {},
        403,
    ),
    "persistEntry over a script": (
        _json({"action": "persistEntry", "params": {"dataFiles": [{"path": "scripts/x.en.md", "raw": "x"}]}}),
        {},
        403,
    ),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_request_the_server_does_not_do_gets_a_4xx_json_reason_in_one_line(read_only, case, capfd):
    editor, page, project = read_only
    body, changes, expected = MALFORMED[case]
    headers = {**page.headers(), "Content-Length": str(len(body))}
    headers.update({name: value.format(port=editor.port) if value else value for name, value in changes.items()})
    before = sorted(path for path in project.rglob("*") if path.is_file())
    status, response_headers, answer = raw_request(editor, "POST", page.api_path, body, headers)
    assert status == expected, answer
    reason = json.loads(answer)["error"]
    assert reason and "\n" not in reason and "Traceback" not in reason
    assert response_headers["Content-Type"] == "application/json; charset=utf-8"
    assert not any(name.lower().startswith("access-control-") for name in response_headers)
    assert sorted(path for path in project.rglob("*") if path.is_file()) == before
    assert capfd.readouterr() == ("", "")


def test_a_symlink_to_a_file_outside_the_project_is_not_served(editor, page, project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret\n", encoding="utf-8")
    (project / "docs/leak.en.md").symlink_to(secret)
    status, answer = page("getEntry", path="docs/leak.en.md")
    assert status == 403 and "secret" not in json.dumps(answer)
    status, entries = page("entriesByFolder", folder="docs", extension="md", depth=1)
    assert status == 200 and "docs/leak.en.md" not in [entry["file"]["path"] for entry in entries]


@pytest.mark.parametrize("token", [None, "", "0123456789abcdef-" + "0" * 32, "forged"])
def test_a_request_without_this_runs_token_is_refused(editor, page, token):
    path = "/api/en/v1" if token is None else f"/api/{token}/en/v1"
    status, _, answer = raw_request(
        editor, "POST", path, _json(GOOD), {**page.headers(), "Content-Length": str(len(_json(GOOD)))}
    )
    assert status == 403 and "reload the page" in json.loads(answer)["error"]


def test_a_token_of_another_run_of_the_server_is_refused(project):
    with running_editor(project) as first:
        old = AdminPage(first)
    with running_editor(project) as second:
        page = AdminPage(second)
        status, _, answer = raw_request(
            second, "POST", old.api_path, _json(GOOD), {**page.headers(), "Content-Length": str(len(_json(GOOD)))}
        )
    assert status == 403


def test_each_opening_of_the_admin_page_gets_its_own_token_and_the_page_own_address(editor):
    first, second = AdminPage(editor), AdminPage(editor)
    assert first.api_path != second.api_path
    assert first.api_url.startswith(f"http://127.0.0.1:{editor.port}/api/")
    status, _, config = raw_request(editor, "GET", "/admin/fr/config.yml", headers={"Host": f"localhost:{editor.port}"})
    assert status == 200 and f"url: http://localhost:{editor.port}/api/" in config.decode()
    assert "site_url: http://127.0.0.1:8000/fr/" in config.decode()  # the live preview, on its port


def test_the_view_live_link_is_the_live_previews_port(project):
    with running_editor(project, preview_port=8765) as server:
        status, _, config = raw_request(server, "GET", "/admin/config.yml")
    assert status == 200 and "site_url: http://127.0.0.1:8765/\n" in config.decode()


@pytest.mark.parametrize("fetched_from", ["cross-site", "same-site"])
def test_the_configuration_is_not_given_to_another_page(editor, fetched_from):
    status, _, answer = raw_request(editor, "GET", "/admin/config.yml", headers={"Sec-Fetch-Site": fetched_from})
    assert status == 403 and b"/api/" not in answer


@pytest.mark.parametrize(
    ("method", "path", "headers", "expected"),
    [
        ("GET", "/admin/", {"Host": "evil.example:{port}"}, 421),
        ("GET", "/admin/config.yml", {"Host": "attacker.test:{port}"}, 421),
        ("GET", "/admin/../../../etc/passwd", {}, 404),
        ("GET", "/admin/%2e%2e/%2e%2e/Makefile", {}, 404),
        ("GET", "/admin/decap/../../../../package.json", {}, 404),
        ("GET", "/admin/%00", {}, 400),
        ("GET", "/admin/%ff", {}, 400),
        ("GET", "/api/x/en/v1", {}, 405),
        ("PUT", "/admin/config.yml", {}, 405),
        ("DELETE", "/api/x/en/v1", {}, 405),
        ("PATCH", "/admin/", {}, 405),
        ("OPTIONS", "/api/x/en/v1", {"Origin": "http://127.0.0.2:8000", "Access-Control-Request-Method": "POST"}, 403),
    ],
)
def test_other_methods_and_addresses_get_a_4xx_json_reason(editor, capfd, method, path, headers, expected):
    status, response_headers, answer = raw_request(
        editor, method, path, headers={k: v.format(port=editor.port) for k, v in headers.items()}
    )
    assert status == expected
    assert "\n" not in json.loads(answer)["error"]
    assert not any(name.lower().startswith("access-control-") for name in response_headers)
    assert capfd.readouterr() == ("", "")


def _raw_socket(editor, data: bytes, *, then_close: bool = False) -> bytes:
    with socket.create_connection(("127.0.0.1", editor.port), timeout=10) as connection:
        connection.sendall(data)
        if then_close:
            connection.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_a_body_over_2_mb_gets_413_without_being_read(editor, page, project, capfd):
    head = (
        f"POST {page.api_path} HTTP/1.1\r\nHost: 127.0.0.1:{editor.port}\r\nOrigin: {page.origin}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n"
    ).encode()
    answer = _raw_socket(editor, head + b"x" * 65536)
    assert (
        answer.startswith(b"HTTP/1.0 413 ")
        and b'"error": "the request is 2097153 bytes; the editor takes at most' in answer
    )
    assert capfd.readouterr() == ("", "")


def test_a_body_shorter_than_announced_or_a_broken_request_line_gets_400(editor, page, capfd):
    head = (
        f"POST {page.api_path} HTTP/1.1\r\nHost: 127.0.0.1:{editor.port}\r\nOrigin: {page.origin}\r\n"
        f"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    ).encode()
    assert _raw_socket(editor, head + b'{"action":', then_close=True).startswith(b"HTTP/1.0 400 ")
    for line in (
        b"GARBAGE",
        b"GET /admin/ HTTP/1.1 extra",
        b"GET /admin/ HTTP/2.0",
        b"GET /admin/ HTTP/x",
        b"GET /" + b"a" * 70000 + b" HTTP/1.1",
    ):
        broken = _raw_socket(editor, line + b"\r\n\r\n", then_close=True)
        assert broken.startswith(b"HTTP/1.0 4") and b'{"error": ' in broken, line[:40]
    assert capfd.readouterr() == ("", "")


SHEET = "practice_sheets/testville-case-management"


def edited(project, field: str, value: str) -> str:
    """The English sheet as Decap sends it back with one field changed."""
    _, front, body = (project / f"{SHEET}.en.md").read_text(encoding="utf-8").split("---\n", 2)
    return (
        "---\n"
        + yaml.safe_dump({**yaml.safe_load(front), field: value}, allow_unicode=True, sort_keys=False)
        + "---\n"
        + body
    )


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "Someone changed this page since you opened it (practice_sheets/testville-case-management.en.md); nothing was written.",
        ),
        (
            "fr",
            "Quelqu'un a modifié cette page depuis que vous l'avez ouverte (practice_sheets/testville-case-management.en.md) ; rien n'a été écrit.",
        ),
    ],
)
def test_a_save_over_someone_elses_gets_409_in_the_interface_language(editor, project, language, message):
    first, second = AdminPage(editor, language), AdminPage(editor, language)
    for page in (first, second):
        assert page("getEntry", path=f"{SHEET}.en.md")[0] == 200
    assert (
        second(
            "persistEntry",
            dataFiles=[{"path": f"{SHEET}.en.md", "raw": edited(project, "summary", "The second editor's summary.")}],
            assets=[],
        )[0]
        == 200
    )
    theirs = (project / f"{SHEET}.en.md").read_bytes()
    status, answer = first(
        "persistEntry",
        dataFiles=[{"path": f"{SHEET}.en.md", "raw": edited(project, "summary", "The first editor's summary.")}],
        assets=[],
    )
    assert status == 409 and answer["error"].startswith(message)
    assert (project / f"{SHEET}.en.md").read_bytes() == theirs
    # The same editor saving again after its own save is no conflict.
    assert (
        second(
            "persistEntry",
            dataFiles=[{"path": f"{SHEET}.en.md", "raw": edited(project, "summary", "Again.")}],
            assets=[],
        )[0]
        == 200
    )


def test_a_page_made_meanwhile_under_the_same_name_is_not_overwritten(editor, project):
    page = AdminPage(editor)
    assert page("getEntry", path="docs/new-page.en.md") == (
        200,
        {"data": None, "file": {"path": "docs/new-page.en.md", "id": None}},
    )
    (project / "docs/new-page.en.md").write_text(NEW_PAGE, encoding="utf-8")
    status, answer = page("persistEntry", dataFiles=[{"path": "docs/new-page.en.md", "raw": NEW_PAGE}], assets=[])
    assert status == 409
    never_read = AdminPage(editor)
    assert never_read("persistEntry", dataFiles=[{"path": "docs/new-page.en.md", "raw": NEW_PAGE}], assets=[])[0] == 409


def test_a_burst_of_requests_is_answered_whole(editor, page):
    """A browser opens many connections at once; the old backlog of 5 made some wait or fail."""

    def one(_):
        return page("getEntry", path=f"{SHEET}.fr.md")[0]

    with ThreadPoolExecutor(max_workers=64) as pool:
        assert list(pool.map(one, range(256))) == [200] * 256
    assert editor.request_queue_size >= 128


def test_a_failure_of_the_server_itself_is_one_line_and_its_traceback_a_file(editor, page, monkeypatch, capfd):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr(editor.api, "act", broken)
    status, answer = page("getEntry", path=f"{SHEET}.en.md")
    assert status == 500 and answer["error"].startswith(
        "unexpected failure, RuntimeError: a bug (full traceback written to "
    )
    out, err = capfd.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err and "RuntimeError: a bug" in err
    written = err.split("full traceback written to ")[1].split(")")[0]
    assert "Traceback" in open(written, encoding="utf-8").read()
