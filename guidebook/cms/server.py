"""The editor's local server: the admin pages, the vendored Decap CMS and Decap's local backend API.

It speaks the protocol of Decap's own local server (decap-server, `local_backend` in the configuration):
one POST endpoint taking {action, params}. Unlike decap-server it writes a save only when
`guidebook check` accepts it (guidebook/cms/save.py); a refusal is answered with the check's problems,
which Decap shows in its error notice. Only 127.0.0.1 is listened on: there is no login.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import mimetypes
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..content.problems import Problem
from ..errors import BadArgument, ConfigError, GuidebookError
from ..languages import default_language
from .config import EDITOR_ADDRESS
from ..site.citations import language_name
from .messages import refusal
from .model import interface_languages
from .save import SaveRefused, content_file, save

API = re.compile(r"^/api/(?P<language>[a-z]{2})/v1/?$")
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
# A page that embeds the editor could make an editor click without seeing (a <meta> policy cannot say this).
FRAME_HEADER = "frame-ancestors 'none'"
TYPES = {".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".yml": "text/yaml", ".html": "text/html"}


class EditorServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], project: Path, editor_dir: Path):
        self.project = project.resolve()
        self.editor_dir = editor_dir.resolve()
        self.save_lock = threading.Lock()  # one save at a time: each checks the project as the last one left it
        super().__init__(address, _Handler)

    @property
    def address(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def run(project: Path, port: int, preview_port: int, say: Callable[[str], None]) -> None:
    """The editor and the live preview (mkdocs serve) on 127.0.0.1, both stopped by Ctrl-C."""
    editor_dir = project / "editor"
    if not (editor_dir / DECAP_DIST / "decap-cms.js").is_file():
        raise ConfigError("Decap CMS is not installed in editor/node_modules: run `make edit`, which installs it with npm ci")
    try:
        server = EditorServer(("127.0.0.1", port), project, editor_dir)
    except OSError as error:
        raise BadArgument("--port", f"cannot listen on 127.0.0.1:{port} ({error.strerror}); give another port") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview = subprocess.Popen(
        [Path(sys.executable).with_name("mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{preview_port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    others = [code for code in interface_languages() if code != default_language()]
    say(f"Editor:       {server.address}/admin/" + "".join(f" ({language_name(code, 'en')} interface: {server.address}/admin/{code}/)" for code in others))
    say(f"Live preview: http://127.0.0.1:{preview_port}/ (starting" + "".join(f"; {language_name(code, 'en')} at /{code}/" for code in others) + ")")
    say("Press Ctrl-C to stop both.")
    try:
        status = preview.wait()
        raise GuidebookError(f"the live preview (mkdocs serve) stopped with exit code {status}; the editor was stopped too")
    except KeyboardInterrupt:
        say("\nStopping the editor and the live preview.")
        preview.terminate()
        preview.wait(timeout=10)
    finally:
        server.shutdown()
        server.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    server: EditorServer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path in ("/", "/admin"):
            self.send_response(302)
            self.send_header("Location", "/admin/")
            self.end_headers()
            return
        if path == "/favicon.ico":  # the editor has no icon: say so without an error in the browser's console
            self._send(204, b"", "image/x-icon")
            return
        file = self._static_file(path)
        if file is None:
            self._send(404, b"not found\n", "text/plain")
            return
        kind = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        body = file.read_bytes()
        if file.name == "config.yml":  # the API is this server's, on whatever port it listens
            body = body.replace(EDITOR_ADDRESS.encode(), self.server.address.encode())
        self._send(200, body, kind)

    def _static_file(self, path: str) -> Path | None:
        """The admin pages and their configuration, and the files of Decap's distribution."""
        parts = PurePosixPath(path).parts
        if len(parts) < 2 or parts[1] != "admin" or ".." in parts:
            return None
        if len(parts) > 2 and parts[2] == "decap":
            base, inside = self.server.editor_dir / DECAP_DIST, parts[3:]
        else:
            base, inside = self.server.editor_dir / "admin", parts[2:]
        file = base.joinpath(*inside)
        if path.endswith("/"):
            file = file / "index.html"
        return file if file.is_file() else None

    def do_POST(self) -> None:
        match = API.match(urlsplit(self.path).path)
        if match is None:
            self._send(404, b"not found\n", "text/plain")
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
            status, answer = 200, self._act(request.get("action"), request.get("params") or {})
        except SaveRefused as refused:
            status, answer = 422, {"error": refusal(refused.problems, match["language"])}
        except GuidebookError as failure:  # mkdocs.yml broken while the editor runs, say: its message, as the CLI's
            status, answer = 422, {"error": str(failure)}
        self._send(status, json.dumps(answer, ensure_ascii=False, default=str).encode("utf-8"), "application/json")

    def _act(self, action: str, params: dict) -> object:
        project = self.server.project
        if action == "info":
            return {"repo": project.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return [_entry(project, path) for path in _folder_files(project, params["folder"], params.get("extension", "md"), params.get("depth", 1))]
        if action == "entriesByFiles":
            return [_entry(project, item["path"], item.get("label")) for item in params["files"]]
        if action == "getEntry":
            return _entry(project, params["path"])
        if action == "persistEntry":
            return self._persist(params)
        if action == "getMedia":
            return []
        if action == "getDeployPreview":
            return None
        raise SaveRefused([Problem(str(params.get("path") or "editor"), 1, action or "action", _NOT_HERE.get(action, "is not something this editor does"))])

    def _persist(self, params: dict) -> dict:
        files = params.get("dataFiles") or [params["entry"]]
        if params.get("assets"):
            raise SaveRefused([Problem(files[0]["path"], 1, "images", _NOT_HERE["persistMedia"])])
        if any(item.get("newPath") for item in files):
            raise SaveRefused([Problem(files[0]["path"], 1, "file name", "renaming a page is not done in the editor: it would break the links to it")])
        with self.server.save_lock:
            written = save(self.server.project, {item["path"]: item["raw"] for item in files}, date.today())
        return {"message": f"entry persisted: {', '.join(written)}"}

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith("json") else kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", FRAME_HEADER)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


_NOT_HERE = {
    "persistMedia": "images are not added through the editor yet: put them in docs/assets/images/ through a pull request",
    "deleteFile": "pages are not deleted through the editor: other pages may link to them; ask for it in a pull request",
    "deleteFiles": "pages are not deleted through the editor: other pages may link to them; ask for it in a pull request",
}


def _folder_files(project: Path, folder: str, extension: str, depth: int) -> list[str]:
    """The files of a collection's folder of the folder's kind: the index page of the city pilots' folder is a
    page, not a city pilot."""
    base = _inside(project, folder)
    if not base.is_dir():
        return []
    # The kind any page of this folder would have, by the layout's rules.
    folder_kind = content_file(project, f"{folder}/any.{default_language()}.md").kind
    found = []
    for path in sorted(base.rglob(f"*.{extension}")):
        relative = path.relative_to(project).as_posix()
        if len(path.relative_to(base).parts) > depth or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        try:
            kind = content_file(project, relative).kind
        except SaveRefused:  # no language in its name: not a page the editor shows (the check names it)
            continue
        if kind == folder_kind:
            found.append(relative)
    return found


def _entry(project: Path, path: str, label: str | None = None) -> dict:
    file = _inside(project, path)
    data = file.read_bytes() if file.is_file() else None
    entry = {"path": path, "id": hashlib.sha256(data).hexdigest() if data is not None else None}
    if label is not None:
        entry["label"] = label
    return {"data": data.decode("utf-8") if data is not None else None, "file": entry}


def _inside(project: Path, path: str) -> Path:
    resolved = (project / path).resolve()
    if not resolved.is_relative_to(project):
        raise SaveRefused([Problem(path, 1, "path", "is outside the project")])
    return resolved
