"""Speaking to the editor's server as its admin page does: a session opened by fetching the configuration,
then POSTs to the API address written in it, with the page's Origin and a JSON body."""

from __future__ import annotations

import http.client
import json
import re
import threading
from contextlib import contextmanager
from pathlib import Path

import yaml

from guidebook.cms.server import EditorServer
from sites import PROJECT


@contextmanager
def running_editor(
    project: Path, preview_port: int = 8000, author: str | None = None, editor_dir: Path = PROJECT / "editor"
):
    server = EditorServer(("127.0.0.1", 0), project, editor_dir, preview_port, author)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def raw_request(
    server: EditorServer, method: str, path: str, body: bytes = b"", headers: dict | None = None
) -> tuple[int, dict, bytes]:
    """One request as given (no header added but those named, and Host); returns status, headers, body."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in ({"Host": f"127.0.0.1:{server.port}"} | (headers or {})).items():
            if value is not None:
                connection.putheader(name, value)
        connection.endheaders(body or None)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class AdminPage:
    """One opening of the admin page in `language`: its session's API address and the requests it sends."""

    def __init__(self, server: EditorServer, language: str = "en"):
        self.server = server
        self.language = language
        status, _, config = raw_request(server, "GET", f"/admin/{'' if language == 'en' else language + '/'}config.yml")
        assert status == 200
        # libyaml's parser: the configuration is long, and the pure Python one takes a third of a second per opening.
        self.api_url = yaml.load(config, Loader=yaml.CSafeLoader)["local_backend"]["url"]
        self.api_path = re.sub(r"^http://[^/]+", "", self.api_url)
        self.origin = f"http://127.0.0.1:{server.port}"

    def headers(self) -> dict:
        return {
            "Origin": self.origin,
            "Content-Type": "application/json; charset=utf-8",
            "Sec-Fetch-Site": "same-origin",
        }

    def post(self, body: bytes, **headers) -> tuple[int, dict]:
        status, _, answer = raw_request(
            self.server, "POST", self.api_path, body, {**self.headers(), "Content-Length": str(len(body)), **headers}
        )
        return status, json.loads(answer)

    def __call__(self, action: str, **params) -> tuple[int, object]:
        return self.post(json.dumps({"action": action, "params": params}).encode("utf-8"))
