"""The live preview's web server: the last full build, with the pages rendered since a save served over it.

It listens on 127.0.0.1 only and answers only requests naming it as their host (a DNS-rebinding page reaches
it under its own name), GET and HEAD only, and files inside the served folder only. Each HTML page gets one
script of its own (`/.guidebook/live.js`, allowed by the page's policy as a file of the site's own origin):
it asks `/.guidebook/version` twice a second and reloads the page when the site changed.
"""

from __future__ import annotations

import http.server
import mimetypes
import threading
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .. import PACKAGE_DIR
from ..loopback import LoopbackServer

OWN = "/.guidebook/"  # the server's own files, never a page of the site
LIVE_SCRIPT = PACKAGE_DIR / "assets" / "live-reload.js"
SCRIPT_TAG = b'<script src="/.guidebook/live.js"></script>'


class LivePages:
    """What is served: the folder of the last full build, and the pages rendered over it since (by site path)."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self._fresh: dict[str, tuple[int, bytes]] = {}
        self._lock = threading.Lock()
        self.version = 0  # goes up with every change a reader should see
        self.site_version = 0  # goes up with every full build swapped in

    def put(self, site_path: str, body: bytes) -> None:
        with self._lock:
            self.version += 1
            self._fresh[site_path] = (self.version, body)

    def rebuilt(self, since: int) -> None:
        """A full build that started at version `since` is in place: pages rendered before it are in it."""
        with self._lock:
            self._fresh = {path: kept for path, kept in self._fresh.items() if kept[0] > since}
            self.version += 1
            self.site_version += 1

    def get(self, site_path: str) -> bytes | None:
        with self._lock:
            fresh = self._fresh.get(site_path)
        if fresh is not None:
            return fresh[1]
        file = self.site_dir / site_path
        try:
            return (
                file.read_bytes() if file.is_file() and file.resolve().is_relative_to(self.site_dir.resolve()) else None
            )
        except OSError:  # swapped away by a full build between the two calls
            return None


class LiveServer(LoopbackServer):
    def __init__(self, port: int, pages: LivePages):
        self.pages = pages
        super().__init__(("127.0.0.1", port), _Handler)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: LiveServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        try:
            self._get()
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _get(self) -> None:
        host = self.headers.get("Host", "")
        if host not in (f"127.0.0.1:{self.server.port}", f"localhost:{self.server.port}"):
            self._send(421, b"This server answers only to its own address.\n", "text/plain")
            return
        path = _plain_path(self.path)
        if path is None:
            self._send(400, b"Not a plain path.\n", "text/plain")
            return
        if path.startswith(OWN):
            self._own(path)
            return
        site_path = path.lstrip("/")
        if site_path == "" or site_path.endswith("/"):
            site_path += "index.html"
        body = self.server.pages.get(site_path)
        if body is None and "." not in PurePosixPath(site_path).name:
            self._send(301, b"", "text/plain", Location=path + "/")
            return
        if body is None:
            self._send(404, self._not_found(site_path), "text/html")
            return
        kind = mimetypes.guess_type(site_path)[0] or "application/octet-stream"
        self._send(200, _with_live_script(body) if kind == "text/html" else body, kind)

    def _own(self, path: str) -> None:
        if path == OWN + "version":
            self._send(200, str(self.server.pages.version).encode(), "text/plain")
        elif path == OWN + "live.js":
            self._send(200, LIVE_SCRIPT.read_bytes(), "text/javascript")
        else:
            self._send(404, b"Not found.\n", "text/plain")

    def _not_found(self, site_path: str) -> bytes:
        """The site's own 404 page, in the language of the address."""
        language = site_path.split("/", 1)[0]
        page = self.server.pages.get(f"{language}/404.html") or self.server.pages.get("404.html")
        return _with_live_script(page) if page else b"Not found.\n"

    def _send(self, status: int, body: bytes, kind: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header(
            "Content-Type",
            f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "javascript")) else kind,
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _plain_path(raw: str) -> str | None:
    """The request's path, decoded, when it is plain (absolute, no '..', no hidden part but the server's own)."""
    try:
        path = unquote(urlsplit(raw).path, errors="strict") if raw.isascii() else ""
    except (UnicodeDecodeError, ValueError):
        return None
    parts = PurePosixPath(path).parts[1:]
    if not path.startswith("/") or any(ord(c) < 32 for c in path) or "\\" in path:
        return None
    if any(part in ("..", ".") for part in parts) or any(
        part.startswith(".") for part in parts if part != ".guidebook"
    ):
        return None
    return path


def _with_live_script(html: bytes) -> bytes:
    """The page with the live-reload script before its closing </body> (Material's pages end so)."""
    return html.replace(b"</body>", SCRIPT_TAG + b"</body>", 1)
