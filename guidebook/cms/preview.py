"""The editor's preview pane: the page as readers will see it, rendered from the unsaved form (editor/admin/preview.js).

POST /preview/render {path, language, interface, data} (Decap's form data of one language version): the data is put in
the form a save would write (save.py), then rendered by the one-page renderer the command gave the server
(guidebook/html/onepage.py: the build's templates, checks and sanitising). The answer is the address of the
rendered page, or the problems that refuse it, in the interface's language (messages.py), as a save would be
refused. GET /preview/<id>/<site path>: that page, and the theme's files it loads.

The page is untrusted input rendered: only the sanitised output is served, and under a `sandbox` policy, so
it runs no script and is of no origin the editor's API would answer (the pane's frame has no
allow-same-origin); only the editor's own page may frame it. The renderer reads the whole site once, in the
background: until it is ready, the pane says so.
"""

from __future__ import annotations

import json
import re
import secrets
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

import yaml

from ..content.freshness import HASH_FIELD
from ..errors import ContentError, GuidebookError
from ..languages import SiteLanguages
from .gate import Rejected, clean_path
from .messages import described
from .model import settings
from .save import SaveRefused, prepare_draft

RENDER_PATH = "/preview/render"
PAGES = re.compile(r"^/preview/(?P<id>[A-Za-z0-9_-]{16,64})/(?P<site_path>.*)$")
KEPT = 40  # rendered pages kept for their frames (each a few tens of kilobytes)
# The rendered page: no script, an origin of its own, framed only by the editor (a header: a <meta> cannot say it).
PAGE_POLICY = "sandbox; frame-ancestors 'self'"
LANGUAGE_SUFFIX = re.compile(r"(\.[a-z]{2})?\.md$")  # Decap names an entry of several files without it


class Renderer(Protocol):
    """What the pane needs of guidebook/html/onepage.py's PageRenderer (the cms layer does not import html/)."""

    def knows(self, path: str) -> bool: ...
    def render(self, path: str, language: str | None = None, text: str | None = None) -> bytes: ...
    def html_path(self, path: str, language: str) -> str: ...
    def static_file(self, url_path: str) -> Path | None: ...
    def close(self) -> None: ...


class Previews:
    def __init__(
        self,
        project: Path,
        languages: SiteLanguages,
        interfaces: tuple[str, ...],
        make_renderer: Callable[[Path], Renderer] | None,
    ):
        self.project = project
        self.languages = languages
        self.interfaces = interfaces
        self.renderer: Renderer | None = None
        self.failure: str | None = None
        self._pages: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        if make_renderer is not None:
            threading.Thread(target=self._read_site, args=(make_renderer,), daemon=True).start()
        else:
            self.failure = "no renderer"

    def _read_site(self, make_renderer: Callable[[Path], Renderer]) -> None:
        try:
            self.renderer = make_renderer(self.project)
        except GuidebookError as error:  # the content does not build as it is: said in the pane
            self.failure = str(error)

    def close(self) -> None:
        renderer, self.renderer = self.renderer, None
        if renderer is not None:
            renderer.close()

    def render(self, body: bytes) -> dict:
        """The answer to a POST: {"url"} of the rendered page, {"problems"} refusing it, or {"waiting"}."""
        path, language, interface, data = _request(body, self.languages, self.interfaces)
        words = settings()["preview"]
        if self.renderer is None:
            if self.failure:
                return {"waiting": words["failed"][interface], "detail": self.failure}
            return {"waiting": words["waiting"][interface], "starting": True}
        path = LANGUAGE_SUFFIX.sub(f".{language}.md", path)
        if not self.renderer.knows(path):
            return {"waiting": words["new_page"][interface]}
        try:
            text = draft_text(self.project, self.languages, path, data)
            html = self.renderer.render(path, language, text)
            site_path = self.renderer.html_path(path, language)
        except ContentError as refused:
            return {"problems": "\n".join(f"• {described(problem, interface)}" for problem in refused.problems)}
        page_id = secrets.token_urlsafe(24)
        with self._lock:
            self._pages[page_id] = (site_path, html)
            while len(self._pages) > KEPT:
                self._pages.popitem(last=False)
        return {"url": f"/preview/{page_id}/{site_path.removesuffix('index.html')}"}

    def file(self, path: str) -> tuple[bytes, str]:
        """A GET under /preview/: the rendered page, or a theme or site file it loads; Rejected (404) otherwise."""
        match = PAGES.match(path)
        with self._lock:
            kept = self._pages.get(match["id"]) if match else None
        if match is None or kept is None:
            raise Rejected(404, "not found: the preview is made again as the form changes")
        site_path = match["site_path"]
        if site_path in (kept[0], kept[0].removesuffix("index.html")):
            return kept[1], "text/html"
        if ".." in site_path.split("/") or self.renderer is None:
            raise Rejected(404, "not found")
        file = self.renderer.static_file(site_path)
        if file is None or not file.is_file():
            raise Rejected(404, "not found: the preview shows only the page being edited")
        return file.read_bytes(), ""


def draft_text(project: Path, languages: SiteLanguages, path: str, data: dict) -> str:
    """The file a save of the form's `data` would write (fields tidied as save.py tidies them), for the renderer."""
    meta = {name: value for name, value in data.items() if name != "body"}
    raw = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + str(data.get("body") or "")
    with tempfile.TemporaryDirectory(prefix="guidebook-draft-") as scratch:
        try:
            draft = prepare_draft(project, languages, Path(scratch), path, raw, date.today())
        except SaveRefused as refused:
            raise ContentError(refused.problems) from None
    if HASH_FIELD in meta:  # a save keeps the translation's fingerprint; so does its preview (its notice)
        draft.meta[HASH_FIELD] = str(meta[HASH_FIELD])
    return draft.text()


def _request(body: bytes, languages: SiteLanguages, interfaces: tuple[str, ...]) -> tuple[str, str, str, dict]:
    try:
        request = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Rejected(400, "the preview takes a JSON object {path, language, data}") from None
    if not isinstance(request, dict) or not isinstance(request.get("data"), dict):
        raise Rejected(400, "the preview takes a JSON object {path, language, data}, data an object")
    language = request.get("language")
    if not languages.knows(language):
        raise Rejected(400, f"language must be one of {', '.join(languages.codes)}")
    interface = request.get("interface")
    if interface not in interfaces:
        raise Rejected(400, f"interface must be one of {', '.join(interfaces)}")
    return clean_path("path", request.get("path")), language, interface, request["data"]
