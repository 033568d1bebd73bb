"""The editor's local server: the admin pages, the vendored Decap CMS and Decap's local backend API.

It speaks the protocol of Decap's own local server (decap-server, `local_backend` in the configuration):
one POST endpoint taking {action, params} (api.py). Unlike decap-server it writes a save only when
`guidebook check` accepts it (save.py), answers only its own admin page (gate.py: Host, Origin, JSON
content type, a per-session token in the API's address, sessions.py), and answers every request it does
not do with a 4xx JSON reason, never a traceback. Only 127.0.0.1 is listened on: there is no login.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import re
import sys
import tempfile
import traceback
from email.utils import formatdate
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from .. import languages
from ..errors import GuidebookError
from ..loopback import LoopbackServer
from .api import Api
from .config import EDITOR_ADDRESS, PREVIEW_ADDRESS
from .gate import Rejected, action_of, body_length, checked_params, json_type, own_host, same_origin
from .messages import on_fields, refusal
from .model import interface_languages, settings
from .preview import PAGE_POLICY, RENDER_PATH, Previews
from .save import SaveRefused
from .sessions import Sessions

API = re.compile(r"^/api/(?:(?P<token>[^/]*)/)?(?P<language>[^/]+)/v1/?$")
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
# A page that embeds the editor could make an editor click without seeing (a <meta> policy cannot say this).
FRAME_HEADER = "frame-ancestors 'none'"
# The preview's sandboxed page has an origin of its own: its fonts are fetched across origins (preview.py).
_SHARED_FONT = {".woff2": {"Access-Control-Allow-Origin": "*"}, ".woff": {"Access-Control-Allow-Origin": "*"}}
# Made anew for each opening of the admin page (a session's token; the save mode): never kept by the browser.
PER_OPENING = ("config.yml", "index.html")
TYPES = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".wasm": "application/wasm",
    ".yml": "text/yaml",
    ".html": "text/html",
}


class EditorServer(LoopbackServer):
    def __init__(
        self,
        address: tuple[str, int],
        project: Path,
        editor_dir: Path,
        preview_port: int = 8000,
        author: str | None = None,
        renderer=None,
    ):
        self.preview = f"http://127.0.0.1:{preview_port}/"
        # The project's languages, read once: the editor's pages were generated for them when it started (edit.py).
        self.languages = languages.read(project)
        self.interfaces = interface_languages(self.languages)
        self.api = Api(project, self.languages, author)  # `author`: the name the workflow's commits bear (workflow.py)
        # The preview pane (preview.py); `renderer` makes html/onepage's.
        self.previews = Previews(project, self.languages, self.interfaces, renderer)
        self.sessions = Sessions()
        self.editor_dir = editor_dir.resolve()
        super().__init__(address, _Handler)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def server_close(self) -> None:
        super().server_close()
        self.previews.close()

    def handle_error(self, request, client_address) -> None:
        """A failure outside a handler's own guard: one line on the terminal, the traceback in a file."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            print(f"editor: unexpected failure, {_keep_traceback()}", file=sys.stderr)


class _Handler(http.server.BaseHTTPRequestHandler):
    server: EditorServer
    timeout = 30  # a client that stops sending in the middle of a request is let go

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The base class's errors (a malformed request line, an unknown method...) as JSON, all 4xx."""
        if code == 501:  # an HTTP method the server has no handler for
            code, message = (
                405,
                f"the method {self.command[:20]!r} is not used here; the admin pages take GET, the API POST",
            )
        elif code >= 500:  # an HTTP version the server does not speak: the client's mistake, said as one
            code = 400
        self.request_version = "HTTP/1.0"  # an answer with its status line even to a line too broken to tell
        self._answer(code, {"error": message or explain or "bad request"})

    def do_GET(self) -> None:
        self._guarded(self._get)

    def do_POST(self) -> None:
        self._guarded(self._post)

    def do_OPTIONS(self) -> None:
        """A CORS preflight: answered with no Access-Control-Allow-* header, so the browser sends nothing."""
        self._guarded(lambda: self._answer(403, {"error": "requests from other web pages are refused"}))

    def _guarded(self, handle) -> None:
        try:
            handle()
        except Rejected as rejected:
            self._answer(rejected.status, {"error": rejected.reason, **rejected.extra})
        except (ConnectionError, TimeoutError):  # the client went away: nobody to answer
            self.close_connection = True
        except Exception:  # noqa: BLE001 - a bug: one line on the terminal, the traceback in a file
            said = _keep_traceback()
            print(f"editor: unexpected failure on {self.command} {self.path[:80]}, {said}", file=sys.stderr)
            self._answer(500, {"error": f"unexpected failure, {said}"})

    def _get(self) -> None:
        host = own_host(self.headers, self.server.port)
        path = self._plain_path()
        if API.match(path):
            raise Rejected(405, "the API takes POST requests")
        if path in ("/", "/admin"):
            self._send(302, b"", "text/plain", Location="/admin/")
            return
        if path.startswith("/preview/"):
            body, kind = self.server.previews.file(path)
            self._send(
                200,
                body,
                kind or mimetypes.guess_type(path)[0] or "application/octet-stream",
                csp=PAGE_POLICY,
                **_SHARED_FONT.get(Path(path).suffix, {}),
            )
            return
        if path == "/favicon.ico":  # the editor has no icon: say so without an error in the browser's console
            self._send(204, b"", "image/x-icon")
            return
        file = self._static_file(path)
        kind = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.name not in PER_OPENING:
            self._send_file(file, kind)
            return
        body = file.read_bytes()
        if file.name == "config.yml":
            body = self._configuration(body, host)
        else:  # editor.js words the buttons for how this server saves
            mode = "editorial_workflow" if self.server.api.workflow else "simple"
            body = body.replace(b"<html ", f'<html data-publish-mode="{mode}" '.encode(), 1)
        self._send(200, body, kind)

    def _send_file(self, file: Path, kind: str) -> None:
        """A file of the editor (Decap's 5 MB bundle...), kept by the browser but checked at each use: asked
        again with its date, it is not sent again (304), and Chromium reuses the code it compiled from it: the
        admin page opens about three times faster (median 2.7 s, then 1.0 s; 2 cores, load 11). The date is the
        file's last change of content or of inode: npm gives every file of a package the same modification time,
        so only the inode's tells that `npm ci` wrote a new version. (Last-Modified, not an ETag: Chromium ignores
        an ETag in an HTTP/1.0 answer, which this server gives.)"""
        status = file.stat()
        changed = formatdate(max(status.st_mtime, status.st_ctime), usegmt=True)
        headers = {"Cache-Control": "no-cache", "Last-Modified": changed}
        if self.headers.get("If-Modified-Since") == changed:  # exactly the date it has: no other date is trusted
            self._send(304, b"", kind, **headers)
        else:
            self._send(200, file.read_bytes(), kind, **headers)

    def _configuration(self, body: bytes, host: str) -> bytes:
        """The admin page's configuration, its API's address holding a new session's token."""
        fetched_from = self.headers.get("Sec-Fetch-Site")
        if fetched_from not in (None, "same-origin", "none"):
            raise Rejected(403, f"the editor's configuration is for its own page, not for a {fetched_from} request")
        token = self.server.sessions.open()
        body = body.replace(
            f"site_url: {PREVIEW_ADDRESS}".encode(), f"site_url: {self.server.preview}".encode()
        )  # its "view live" link
        return body.replace(f"{EDITOR_ADDRESS}/api/".encode(), f"http://{host}/api/{token}/".encode())

    def _plain_path(self) -> str:
        try:
            path = unquote(urlsplit(self.path).path, errors="strict") if self.path.isascii() else ""
        except (UnicodeDecodeError, ValueError):
            path = ""
        if not path.startswith("/") or any(ord(character) < 32 for character in path):
            raise Rejected(400, "the address is not a plain path")
        return path

    def _static_file(self, path: str) -> Path:
        """The admin pages and their configuration, and the files of Decap's distribution."""
        parts = PurePosixPath(path).parts
        if (
            len(parts) < 2
            or parts[1] != "admin"
            or any(part in ("..", ".") or part.startswith(".") for part in parts[1:])
        ):
            raise Rejected(404, "not found")
        if len(parts) > 2 and parts[2] == "decap":
            base, inside = self.server.editor_dir / DECAP_DIST, parts[3:]
        else:
            base, inside = self.server.editor_dir / "admin", parts[2:]
        file = base.joinpath(*inside) / ("index.html" if path.endswith("/") else "")
        if not file.is_file() or not file.resolve().is_relative_to(base.resolve()):
            raise Rejected(404, "not found")
        return file

    def _post(self) -> None:
        host = own_host(self.headers, self.server.port)
        if self._plain_path() == RENDER_PATH:
            same_origin(self.headers, host)
            json_type(self.headers)
            self._answer(200, self.server.previews.render(self._body()))
            return
        match = API.match(self._plain_path())
        if match is None:
            raise Rejected(404, "not found; the API is POST /api/<token>/<language>/v1")
        same_origin(self.headers, host)
        language = match["language"]
        if language not in self.server.interfaces:
            raise Rejected(
                404, f"no editor interface in {language[:10]!r}; the interfaces are {', '.join(self.server.interfaces)}"
            )
        session = self.server.sessions.find(match["token"] or "")
        if session is None:
            raise Rejected(403, settings()["reload"][language])
        json_type(self.headers)
        action, params = action_of(self._body())
        params = checked_params(action, params)
        try:
            answer = self.server.api.act(action, params, session, language)
        except Rejected:
            raise
        except SaveRefused as refused:
            raise Rejected(
                422, refusal(refused.problems, language), problems=on_fields(refused.problems, language)
            ) from None
        except GuidebookError as failure:  # mkdocs.yml broken while the editor runs, say: its message, as the CLI's
            raise Rejected(422, str(failure)) from None
        self._answer(200, answer)

    def _body(self) -> bytes:
        length = body_length(self.headers)
        body = self.rfile.read(length)
        if len(body) < length:
            raise Rejected(400, f"the body ended after {len(body)} of the {length} bytes its Content-Length announced")
        return body

    def _answer(self, status: int, answer: object) -> None:
        if status >= 400:
            self.close_connection = True  # what is left of a refused request is not read
        self._send(status, json.dumps(answer, ensure_ascii=False, default=str).encode("utf-8"), "application/json")

    def _send(self, status: int, body: bytes, kind: str, csp: str = FRAME_HEADER, **headers: str) -> None:
        self.send_response(status)
        self.send_header(
            "Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else kind
        )
        if status != 304:  # a 304 has no body, hence no length
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        headers.setdefault("Cache-Control", "no-store")
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _keep_traceback() -> str:
    """Write the current exception's traceback to a new file; say what it was and where the file is."""
    error = sys.exc_info()[1]
    with tempfile.NamedTemporaryFile("w", prefix="guidebook-editor-traceback-", suffix=".txt", delete=False) as file:
        file.write(traceback.format_exc())
    return f"{type(error).__name__}: {error} (full traceback written to {file.name})"
