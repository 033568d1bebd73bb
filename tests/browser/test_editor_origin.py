"""Another web page cannot use the editor (issue 24, item 4), tried in Debian's Chromium.

While `make edit` runs, the editor's user visits a page of another origin: here a plain http.server on
127.0.0.2, the way a web page reaches a loopback server. With fetch and a form it tries to read the
editor's configuration (its API token) and pages, and to write a page; a DNS-rebinding page, reaching the
editor under its own name, is played by a proxy that sends the browser's request to the editor. Every
attempt fails and nothing is written; the same requests from the editor's own page succeed (so the test
would see a server that let them through).
"""

from __future__ import annotations

import functools
import http.server
import json
import threading

import pytest

from editor_api import running_editor
from guidebook.loopback import LoopbackServer

PLANTED = "docs/planted.en.md"
WRITE = {
    "action": "persistEntry",
    "params": {
        "dataFiles": [
            {
                "path": PLANTED,
                "raw": "---\ntitle: Planted\nsummary: x\nstatus: published\n---\n\n<script>alert(1)</script>\n",
            }
        ],
        "assets": [],
    },
}
READ = {"action": "getEntry", "params": {"path": "practice_sheets/testville-case-management.en.md"}}

# Run in a page: every way a script can send the requests, and what it could see of each answer.
ATTEMPTS = """async ({editor, api, write, read}) => {
  const results = {};
  const attempt = async (name, url, init) => {
    try {
      const response = await fetch(url, init);
      results[name] = {status: response.status, type: response.type, text: await response.text()};
    } catch (error) {
      results[name] = {error: String(error)};
    }
  };
  const post = (body, type, mode) => ({method: "POST", headers: {"Content-Type": type}, body: JSON.stringify(body), mode});
  await attempt("read the configuration", editor + "/admin/config.yml", {});
  await attempt("read the French configuration", editor + "/admin/fr/config.yml", {});
  for (const [where, url] of [["without a token", editor + "/api/en/v1"], ["with the token", api]]) {
    await attempt(`write as JSON ${where}`, url, post(write, "application/json", "cors"));
    await attempt(`write as text/plain ${where}`, url, post(write, "text/plain", "no-cors"));
    await attempt(`write as a form ${where}`, url, post(write, "application/x-www-form-urlencoded", "no-cors"));
    await attempt(`read as JSON ${where}`, url, post(read, "application/json", "cors"));
    await attempt(`read as text/plain ${where}`, url, post(read, "text/plain", "cors"));
  }
  return results;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def other_origin(tmp_path):
    """A page of another loopback origin, as any web site the editor's user visits."""
    (tmp_path / "other").mkdir()
    (tmp_path / "other/index.html").write_text(
        "<!doctype html><title>Another site</title><p>Nothing to see.</p>", encoding="utf-8"
    )
    server = LoopbackServer(("127.0.0.2", 0), functools.partial(_Quiet, directory=str(tmp_path / "other")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.2:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _api_of(page, editor) -> str:
    """The API address the editor's own page was given (its session's token)."""
    page.goto(f"{editor.address}/admin/config.yml")
    return next(line.split("url: ", 1)[1] for line in page.inner_text("body").splitlines() if "url: http" in line)


def test_a_page_of_another_origin_can_neither_read_nor_write_through_the_editor(browser, project, other_origin):
    with running_editor(project) as editor:
        context = browser.new_context()
        try:
            own = context.new_page()
            api = _api_of(own, editor)
            own.goto(f"{editor.address}/admin/")
            allowed = own.evaluate(
                ATTEMPTS,
                {
                    "editor": editor.address,
                    "api": api,
                    "write": {**WRITE, "params": {**WRITE["params"], "dataFiles": []}},
                    "read": READ,
                },
            )
            assert allowed["read as JSON with the token"]["status"] == 200  # the editor's own page may
            assert "Case management in Testville" in allowed["read as JSON with the token"]["text"]

            other = context.new_page()
            other.goto(other_origin)
            results = other.evaluate(ATTEMPTS, {"editor": editor.address, "api": api, "write": WRITE, "read": READ})
            with other.expect_navigation():  # a form needs no script's fetch: the browser posts it and shows the answer
                other.evaluate(
                    """([api, body]) => {
                    const form = Object.assign(document.createElement("form"), {method: "POST", action: api, enctype: "text/plain"});
                    form.append(Object.assign(document.createElement("input"), {name: body.slice(0, -2), value: body.slice(-2)}));
                    document.body.append(form);
                    form.submit();
                }""",
                    [api, json.dumps(WRITE)],
                )
            results["a text/plain form posted to the API with the token"] = other.inner_text("body")
        finally:
            context.close()
    for name, result in results.items():
        print(f"{name}: {result}")  # the cases and their results, for the note (pytest -s)
    for name in ("read the configuration", "read the French configuration") + tuple(
        n for n in results if n.startswith("read as")
    ):
        assert "error" in results[name] and "Failed to fetch" in results[name]["error"], (name, results[name])
    for name in (n for n in results if n.startswith("write as")):
        result = results[name]
        assert "error" in result or (result["type"] == "opaque" and result["text"] == ""), (name, result)
    assert "only the editor's own page" in results["a text/plain form posted to the API with the token"]
    assert not (project / PLANTED).exists()


def test_a_dns_rebinding_page_reaching_the_editor_under_its_own_name_gets_nothing(browser, project):
    """The browser asks for http://attacker.test:PORT/, which the proxy (playing the rebound DNS) sends to
    the editor with `Host: attacker.test:PORT`, as a rebound name would."""
    with running_editor(project) as editor:
        context = browser.new_context(proxy={"server": editor.address})
        try:
            page = context.new_page()
            response = page.goto(f"http://attacker.test:{editor.port}/admin/")
            assert response.status == 421 and "answers only to Host 127.0.0.1" in page.inner_text("body")
            results = page.evaluate(
                ATTEMPTS,
                {
                    "editor": f"http://attacker.test:{editor.port}",
                    "api": f"http://attacker.test:{editor.port}/api/x/en/v1",
                    "write": WRITE,
                    "read": READ,
                },
            )
        finally:
            context.close()
    assert (
        results["read the configuration"]["status"] == 421 and "/api/" not in results["read the configuration"]["text"]
    )
    for name, result in results.items():
        assert result.get("status") == 421, (name, result)
    assert not (project / PLANTED).exists()
