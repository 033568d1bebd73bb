"""The actions of Decap's local backend, over the project's content files only.

Decap's protocol (decap-server's localFs middleware): POST {action, params}, answered with JSON. Only pages
of the guidebook are read or written (save.content_file: the docs/ folder and the collections' folders,
`slug.<language>.md`); a save is checked by save.py, and refused with 409 when a page changed since this
session was given it.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from ..content.problems import Problem
from ..languages import default_language
from .gate import Rejected
from .model import settings
from .save import SaveRefused, content_file, save
from .sessions import NOT_GIVEN, Session, version
from .translations import TranslationStates, with_state

# Actions Decap knows that the editor does not do, and why (in the words of a refused save).
NOT_HERE = {
    "persistMedia": "images are not added through the editor yet: put them in docs/assets/images/ through a pull request",
    "deleteFile": "pages are not deleted through the editor: other pages may link to them; ask for it in a pull request",
    "deleteFiles": "pages are not deleted through the editor: other pages may link to them; ask for it in a pull request",
}


class Api:
    def __init__(self, project: Path):
        self.project = project.resolve()
        self.save_lock = threading.Lock()  # one save at a time: each checks the project as the last one left it
        self.translations = TranslationStates(self.project)

    def act(self, action: str, params: dict, session: Session, language: str) -> object:
        if action == "info":
            return {"repo": self.project.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            listed = [self._entry(path, session) for path in self._folder_files(params["folder"], params["extension"], params["depth"])]
            for entry in listed:  # the list shows each page's translations still to do
                entry["data"] = with_state(entry["data"], self.translations.label(entry["file"]["path"], language))
            return listed
        if action == "entriesByFiles":
            return [self._entry(item["path"], session, item["label"]) for item in params["files"]]
        if action == "getEntry":
            return self._entry(params["path"], session)
        if action == "persistEntry":
            return self._persist(params, session, language)
        if action == "getMedia":
            return []
        if action == "getDeployPreview":
            return None
        raise SaveRefused([Problem("editor", 1, action, NOT_HERE[action])])

    def _persist(self, params: dict, session: Session, language: str) -> dict:
        files = params["dataFiles"]
        if params.get("assets"):
            raise SaveRefused([Problem(files[0]["path"], 1, "images", NOT_HERE["persistMedia"])])
        if any(item.get("newPath") for item in files):
            raise SaveRefused([Problem(files[0]["path"], 1, "file name", "renaming a page is not done in the editor: it would break the links to it")])
        for item in files:
            self.page(item["path"])
        with self.save_lock:
            changed = [item["path"] for item in files if self._changed_since_given(item["path"], session)]
            if changed:
                raise Rejected(409, settings()["conflict"][language].format(paths=", ".join(changed)))
            written = save(self.project, {item["path"]: item["raw"] for item in files}, date.today())
            for item in files:
                session.given(item["path"], version(self._bytes(item["path"])))
        return {"message": f"entry persisted: {', '.join(written)}"}

    def _changed_since_given(self, path: str, session: Session) -> bool:
        """Whether the file is not the version this session was given (a page it never had must not exist)."""
        base, now = session.base(path), version(self._bytes(path))
        return now is not None if base is NOT_GIVEN else base != now

    def page(self, path: str) -> Path:
        """The page at `path` (relative to the project); Rejected (403) for anything else."""
        try:
            content_file(self.project, path)
        except SaveRefused as refused:
            raise Rejected(403, f"{path}: {refused.problems[0].message}") from None
        file = (self.project / path).resolve()
        if not path.endswith(".md") or not file.is_relative_to(self.project):
            raise Rejected(403, f"{path}: only the pages of the guidebook (.md files inside the project) are served")
        return file

    def _bytes(self, path: str) -> bytes | None:
        file = self.page(path)
        return file.read_bytes() if file.is_file() else None

    def _entry(self, path: str, session: Session, label: str | None = None) -> dict:
        data = self._bytes(path)
        session.given(path, version(data))
        entry = {"path": path, "id": version(data)}
        if label is not None:
            entry["label"] = label
        try:
            text = data.decode("utf-8") if data is not None else None
        except UnicodeDecodeError:
            raise Rejected(422, f"{path} is not UTF-8 text; guidebook check names the line") from None
        return {"data": text, "file": entry}

    def _folder_files(self, folder: str, extension: str, depth: int) -> list[str]:
        """The pages of a collection's folder of the folder's kind: the index page of the city pilots'
        folder is a page, not a city pilot."""
        if extension != "md":
            raise Rejected(403, f"only pages (.md) are listed, not .{extension[:20]} files")
        probe = f"{folder}/any.{default_language()}.md"  # the kind any page of this folder would have
        self.page(probe)
        folder_kind = content_file(self.project, probe).kind
        base = (self.project / folder).resolve()
        if not base.is_dir():
            return []
        found = []
        for file in sorted(base.rglob("*.md")):
            inside = file.relative_to(base).parts
            if len(inside) > depth or any(part.startswith(".") for part in inside):
                continue
            relative = file.relative_to(self.project).as_posix()
            try:
                kind = content_file(self.project, relative).kind
            except SaveRefused:  # no language in its name: not a page the editor shows (the check names it)
                continue
            if kind == folder_kind and file.resolve().is_relative_to(self.project):
                found.append(relative)
        return found
