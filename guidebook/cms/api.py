"""The actions of Decap's local backend, over the project's content files only.

Decap's protocol (decap-server's localFs and localGit middlewares): POST {action, params}, answered with
JSON. Only pages of the guidebook are read or written (save.content_file: the docs/ folder and the
collections' folders, `slug.<language>.md`); a save is checked by save.py, and refused with 409 when a page
changed since this session was given it. In a Git repository with a main branch, the editorial workflow's
actions are done on Git branches (workflow.py) and the published pages are read from the main branch;
elsewhere a save writes the project's files.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path, PurePosixPath

from ..content.problems import Problem
from ..languages import SiteLanguages
from .gate import Rejected
from .model import settings
from .save import SaveRefused, content_file, save
from .sessions import NOT_GIVEN, Session, version
from .translations import TranslationStates, with_state
from .workflow import Workflow

# Actions Decap knows that the editor does not do, and why (in the words of a refused save).
NOT_HERE = {
    "persistMedia": "images are not added through the editor yet: put them in docs/assets/images/ through a pull request",
    "deleteFile": "pages are not deleted through the editor: other pages may link to them; ask for it in a pull request",
    "deleteFiles": "pages are not deleted through the editor: other pages may link to them; ask for it in a pull request",
    "unpublishedEntryMediaFile": "images are not added through the editor yet: put them in docs/assets/images/ through a pull request",
}
# The editorial workflow's own actions (workflow.py), done only in a Git repository.
WORKFLOW_ACTIONS = (
    "unpublishedEntries",
    "unpublishedEntry",
    "unpublishedEntryDataFile",
    "updateUnpublishedEntryStatus",
    "publishUnpublishedEntry",
    "deleteUnpublishedEntry",
)


class Api:
    def __init__(self, project: Path, languages: SiteLanguages, author: str | None = None):
        self.project = project.resolve()
        self.languages = languages
        self.save_lock = threading.Lock()  # one save at a time: each checks the project as the last one left it
        self.translations = TranslationStates(self.project)
        self.workflow = Workflow.of(self.project, author)

    def act(self, action: str, params: dict, session: Session, language: str) -> object:
        if action == "info":
            if self.workflow:
                return {"repo": self.project.name, "publish_modes": ["editorial_workflow"], "type": "local_git"}
            return {"repo": self.project.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action in WORKFLOW_ACTIONS:
            if self.workflow is None:
                raise Rejected(
                    422,
                    f"{action}: changes are reviewed on Git branches, and this project is not a Git repository with a branch {settings()['backend']['branch']}",
                )
            with self.save_lock:
                return self._review(self.workflow, action, params, session, language)
        if action == "entriesByFolder":
            listed = [
                self._entry(path, session)
                for path in self._folder_files(params["folder"], params["extension"], params["depth"])
            ]
            for entry in listed:  # the list shows each page's translations still to do
                entry["data"] = with_state(entry["data"], self.translations.label(entry["file"]["path"], language))
            return listed
        if action == "entriesByFiles":
            return [self._entry(item["path"], session, item["label"]) for item in params["files"]]
        if action == "getEntry":
            return self._entry(params["path"], session)
        if action == "persistEntry":
            if bool((params.get("options") or {}).get("useWorkflow")) != bool(self.workflow):
                raise Rejected(
                    400,
                    "persistEntry: this server saves "
                    + ("on review branches" if self.workflow else "the files, with no review branch"),
                )
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
            raise SaveRefused(
                [
                    Problem(
                        files[0]["path"],
                        1,
                        "file name",
                        "renaming a page is not done in the editor: it would break the links to it",
                    )
                ]
            )
        for item in files:
            self.page(item["path"])
        texts = {item["path"]: item["raw"] for item in files}
        with self.save_lock:
            if self.workflow:
                collection, slug = params["options"].get("collectionName"), _slug(files[0]["path"])
                current = lambda path: self.workflow.current(collection, slug, path)  # noqa: E731
            else:
                current = self._bytes
            changed = [path for path in texts if _changed_since_given(path, session, current(path))]
            if changed:
                raise Rejected(409, settings()["conflict"][language].format(paths=", ".join(changed)))
            if self.workflow:
                options = params["options"]
                written = self.workflow.save(
                    collection,
                    slug,
                    texts,
                    str(options.get("commitMessage") or ""),
                    str(options.get("status") or ""),
                    date.today(),
                )
            else:
                written = save(self.project, texts, date.today())
            for path in texts:
                session.given(path, version(current(path)))
        return {"message": f"entry persisted: {', '.join(written)}"}

    def _review(self, workflow: Workflow, action: str, params: dict, session: Session, language: str) -> object:
        """The editorial workflow's actions (workflow.py), with the session told the versions it is given."""
        if action == "unpublishedEntries":
            return workflow.keys()
        collection, slug = params["collection"], params["slug"]
        if action == "unpublishedEntry":
            return workflow.entry(collection, slug)
        if action == "unpublishedEntryDataFile":
            self.page(params["path"])
            data = workflow.draft(collection, slug, params["path"])
            if data is None:
                raise Rejected(404, f"{params['path']} is not in the change to {collection}/{slug}")
            session.given(params["path"], version(data))
            return {"data": _text(params["path"], data)}
        if action == "updateUnpublishedEntryStatus":
            workflow.set_status(collection, slug, params["newStatus"])
            return {"message": f"{collection}/{slug}: {params['newStatus']}"}
        if action == "publishUnpublishedEntry":
            workflow.publish(collection, slug, _publish_message(collection, slug, language), language)
            return {"message": f"{collection}/{slug} published into {workflow.main}"}
        kept = workflow.reject(collection, slug)
        return {
            "message": f"{collection}/{slug} taken off the review list"
            + (f"; its commits are kept on the branch {kept}" if kept else "")
        }

    def page(self, path: str) -> Path:
        """The page at `path` (relative to the project); Rejected (403) for anything else."""
        try:
            content_file(self.project, path, self.languages)
        except SaveRefused as refused:
            raise Rejected(403, f"{path}: {refused.problems[0].message}") from None
        file = (self.project / path).resolve()
        if not path.endswith(".md") or not file.is_relative_to(self.project):
            raise Rejected(403, f"{path}: only the pages of the guidebook (.md files inside the project) are served")
        return file

    def _bytes(self, path: str) -> bytes | None:
        """The published page: on the main branch in a Git repository, else the file."""
        file = self.page(path)
        if self.workflow:
            return self.workflow.published(path)
        return file.read_bytes() if file.is_file() else None

    def _entry(self, path: str, session: Session, label: str | None = None) -> dict:
        data = self._bytes(path)
        session.given(path, version(data))
        entry = {"path": path, "id": version(data)}
        if label is not None:
            entry["label"] = label
        return {"data": _text(path, data) if data is not None else None, "file": entry}

    def _folder_files(self, folder: str, extension: str, depth: int) -> list[str]:
        """The pages of a collection's folder of the folder's kind: the index page of the city pilots'
        folder is a page, not a city pilot."""
        if extension != "md":
            raise Rejected(403, f"only pages (.md) are listed, not .{extension[:20]} files")
        probe = f"{folder}/any.{self.languages.default}.md"  # the kind any page of this folder would have
        self.page(probe)
        folder_kind = content_file(self.project, probe, self.languages).kind
        base = (self.project / folder).resolve()
        if self.workflow:
            files = [self.project / path for path in self.workflow.published_files(folder) if path.endswith(".md")]
        else:
            files = sorted(base.rglob("*.md")) if base.is_dir() else []
        found = []
        for file in files:
            inside = file.relative_to(base).parts
            if len(inside) > depth or any(part.startswith(".") for part in inside):
                continue
            relative = file.relative_to(self.project).as_posix()
            try:
                kind = content_file(self.project, relative, self.languages).kind
            except SaveRefused:  # no language in its name: not a page the editor shows (the check names it)
                continue
            if kind == folder_kind and (self.workflow or file.resolve().is_relative_to(self.project)):
                found.append(relative)
        return found


def _changed_since_given(path: str, session: Session, data: bytes | None) -> bool:
    """Whether `data` is not the version this session was given (a page it never had must not exist)."""
    base, now = session.base(path), version(data)
    return now is not None if base is NOT_GIVEN else base != now


def _text(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(422, f"{path} is not UTF-8 text; guidebook check names the line") from None


def _slug(path: str) -> str:
    """The slug of a page's path: practice_sheets/mentoring.fr.md -> mentoring."""
    return PurePosixPath(path).name.split(".")[0]


def _publish_message(collection: str, slug: str, language: str) -> str:
    names = settings()["collections"]
    kind = collection if collection in names else "page"
    return settings()["publish_message"][language].format(collection=names[kind][f"{language}_one"], slug=slug)
