"""Decap's editorial workflow on the project's own Git repository: each change a branch, published by a merge.

The protocol is that of decap-server's localGit middleware, which `publish_mode: editorial_workflow` speaks;
the branches, statuses and labels are the ones it uses, so either server reads what the other wrote:
- a change to a page is the branch `cms/<collection>/<slug>`, one commit per save, by the staff member who
  runs the editor (`guidebook edit --name`, else `git config user.name`) with Decap's message;
- its status (draft, pending_review, pending_publish: Draft, In review, Ready) is the branch's description
  in the repository's configuration (`decap-cms/<status>`);
- "Publish" merges the branch into the main branch (a merge commit: the page's history keeps every save and
  who published it), after `guidebook check` accepted the merged pages.

Unlike decap-server nothing is checked out to do this (git.py), each save is checked as the branch would be
after it (save.py), and a deleted change is kept: its branch is renamed `cms-rejected/<collection>/<slug>/<time>`.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime, UTC
from pathlib import Path

from ..content.layout import DOCS_DIR
from ..content.load import inspect
from ..errors import BadArgument
from .gate import Rejected
from .git import Git, GitFailed, Person
from .model import settings
from .save import CONFIG_FILE, MOUNT_OF_FOLDER, SaveRefused, save

BRANCH_PREFIX = "cms/"
KEPT_PREFIX = "cms-rejected/"
LABEL_PREFIX = (
    "decap-cms/"  # Decap's default cms_label_prefix (the configuration sets no other: a client's is not taken)
)
STATUSES = ("draft", "pending_review", "pending_publish")
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,120}")  # a collection's name or a page's slug, as the configuration makes them
CONTENT = [DOCS_DIR, *MOUNT_OF_FOLDER, CONFIG_FILE]  # what `guidebook check` reads of a commit


class Workflow:
    def __init__(self, git: Git, main: str, author: Person):
        self.git = git
        self.main = main
        self.author = author

    @classmethod
    def of(cls, project: Path, name: str | None = None) -> Workflow | None:
        """The workflow on `project`'s repository, or None when the project is not a Git work tree's top or
        has no main branch (the editor then writes files, as before). Rejected when nobody is named."""
        git = Git.of(project)
        main = settings()["backend"]["branch"]
        if git is None or git.commit_of(f"refs/heads/{main}") is None:
            return None
        name = (name or git.config("user.name") or "").strip()
        if not name:
            raise BadArgument(
                "--name",
                'saves are Git commits signed with your name: give it with `guidebook edit --name "Your Name"` '
                '(make edit NAME="Your Name") or `git config user.name "Your Name"`',
            )
        return cls(git, main, Person(name, git.config("user.email") or ""))

    # Reading

    def main_commit(self) -> str:
        commit = self.git.commit_of(f"refs/heads/{self.main}")
        if commit is None:
            raise Rejected(409, f"the branch {self.main} is gone from the repository; nothing was done")
        return commit

    def published(self, path: str) -> bytes | None:
        return self.git.blob(self.main_commit(), path)

    def published_files(self, folder: str) -> list[str]:
        return self.git.files(self.main_commit(), folder)

    def keys(self) -> list[str]:
        """`collection/slug` of every change under review (Decap's content keys)."""
        refs = self.git.text("for-each-ref", "--format=%(refname:lstrip=2)", f"refs/heads/{BRANCH_PREFIX}").splitlines()
        keys = [ref.removeprefix(BRANCH_PREFIX) for ref in refs]
        return [key for key in keys if key.count("/") == 1 and all(NAME.fullmatch(part) for part in key.split("/"))]

    def entry(self, collection: str, slug: str) -> dict:
        """What Decap shows of a change: its status, the files it changes, when and by whom."""
        tip = self._tip(collection, slug)
        since = self.git.text("merge-base", self.main_commit(), tip)
        diffs = [
            {
                "path": path,
                "id": path,
                "newFile": letter == "A",
                "status": "added" if letter == "A" else "modified",
                "binary": False,
            }
            for letter, path in self.git.changed_paths(since, tip)
            if letter != "D"
        ]
        when, who = self.git.text("log", "-1", "--format=%cI%n%an", tip).split("\n", 1)
        return {
            "collection": collection,
            "slug": slug,
            "status": self.status(collection, slug),
            "diffs": diffs,
            "updatedAt": when,
            "pullRequestAuthor": who,
        }

    def draft(self, collection: str, slug: str, path: str) -> bytes | None:
        return self.git.blob(self._tip(collection, slug), path)

    def current(self, collection: str, slug: str, path: str) -> bytes | None:
        """The page as a save would start from: the change's, or the published one when there is no change."""
        tip = self.git.commit_of(f"refs/heads/{branch(collection, slug)}")
        return self.git.blob(tip or self.main_commit(), path)

    def status(self, collection: str, slug: str) -> str:
        label = self.git.config(f"branch.{branch(collection, slug)}.description") or ""
        status = label.removeprefix(LABEL_PREFIX)
        return status if status in STATUSES else STATUSES[0]

    # Writing

    def save(
        self, collection: str, slug: str, files: dict[str, str], message: str, status: str, today: date
    ) -> list[str]:
        """Check the change as its branch would be after it and commit it there; the paths it changed."""
        name = branch(collection, slug)
        tip = self.git.commit_of(f"refs/heads/{name}")
        base = tip or self.main_commit()
        with tempfile.TemporaryDirectory(prefix="guidebook-branch-") as scratch:
            self.git.extract(base, CONTENT, Path(scratch))
            written = save(Path(scratch), files, today)
            data = {path: (Path(scratch) / path).read_bytes() for path in written}
        commit = self.git.commit([base], data, message.strip() or f"Update {slug}", self.author) if data else base
        if commit != tip:
            self._move(name, commit, tip)
        if tip is None:
            self.set_status(collection, slug, status if status in STATUSES else STATUSES[0])
        return written

    def set_status(self, collection: str, slug: str, status: str) -> None:
        if status not in STATUSES:
            raise Rejected(400, f"the status {status[:40]!r} is not one of {', '.join(STATUSES)}")
        self._tip(collection, slug)
        self.git.run("config", f"branch.{branch(collection, slug)}.description", f"{LABEL_PREFIX}{status}")

    def publish(self, collection: str, slug: str, message: str, language: str) -> None:
        """Merge the change into the main branch, and into the files where that branch is checked out."""
        tip, main = self._tip(collection, slug), self.main_commit()
        if self.status(collection, slug) != STATUSES[-1]:  # the review step is not skipped, whatever the client
            raise Rejected(409, settings()["publish_not_ready"][language])
        tree, conflicts = self.git.merged_tree(main, tip)
        if tree is None:
            raise Rejected(409, settings()["publish_conflict"][language].format(paths=", ".join(conflicts)))
        changed = [path for _, path in self.git.changed_paths(main, tree)]
        self._check(tree, changed)
        merge = self.git.commit_tree(tree, [main, tip], message, self.author)
        checkout = self.git.checkout_of(self.main)
        if checkout is not None:
            self._update_checkout(checkout, main, merge, changed, language)
        try:
            self.git.move_branch(self.main, merge, main)
        except GitFailed:
            if checkout is not None:
                self.git.update_checkout(checkout, merge, main)
            raise Rejected(409, settings()["publish_moved"][language]) from None
        self._forget(collection, slug, tip)

    def reject(self, collection: str, slug: str) -> str | None:
        """Take the change off the list, keeping its commits on a branch of its own (returned), if it has any."""
        tip = self._tip(collection, slug)
        kept = None
        if self.git.text("rev-list", "--count", f"{self.main_commit()}..{tip}") != "0":
            kept = f"{KEPT_PREFIX}{collection}/{slug}/{datetime.now(UTC):%Y%m%d-%H%M%S}"
            self.git.move_branch(kept, tip, None)
        self._forget(collection, slug, tip)
        return kept

    # Helpers

    def _tip(self, collection: str, slug: str) -> str:
        tip = self.git.commit_of(f"refs/heads/{branch(collection, slug)}")
        if tip is None:
            raise Rejected(404, f"no change to {collection}/{slug} is under review")
        return tip

    def _move(self, name: str, new: str, expected: str | None) -> None:
        try:
            self.git.move_branch(name, new, expected)
        except GitFailed:  # moved by someone else between reading and writing: their work is kept
            raise Rejected(
                409, f"the branch {name} changed while saving; nothing was written: reload the page"
            ) from None

    def _check(self, tree: str, changed: list[str]) -> None:
        """SaveRefused when `guidebook check` finds an error in a changed file of the merged content."""
        with tempfile.TemporaryDirectory(prefix="guidebook-publish-") as scratch:
            self.git.extract(tree, CONTENT, Path(scratch))
            _, problems = inspect(Path(scratch), check_bodies=changed)
        refused = [problem for problem in problems if problem.severity == "error" and problem.path in changed]
        if refused:
            raise SaveRefused(refused)

    def _update_checkout(self, checkout: Path, old: str, new: str, changed: list[str], language: str) -> None:
        """Bring the files of the main branch's checkout to `new`, unless one of them has work not committed."""
        if not changed:  # nothing to bring up to date (and `git status --` alone would look at every file)
            return
        dirty = self.git.run(
            "status", "--porcelain", "-z", "--no-renames", "--untracked-files=all", "--", *changed, cwd=checkout
        ).split(b"\0")
        paths = sorted({line[3:].decode("utf-8") for line in dirty if line})
        if paths:
            raise Rejected(
                409, settings()["publish_dirty"][language].format(folder=checkout, paths=", ".join(paths) or self.main)
            )
        try:
            self.git.update_checkout(checkout, old, new)
        except GitFailed as failed:
            raise Rejected(
                409, settings()["publish_dirty"][language].format(folder=checkout, paths=str(failed))
            ) from None

    def _forget(self, collection: str, slug: str, tip: str) -> None:
        name = branch(collection, slug)
        self.git.move_branch(name, None, tip)
        try:
            self.git.run("config", "--unset", f"branch.{name}.description")
        except GitFailed:  # no status was set
            pass


def branch(collection: str, slug: str) -> str:
    """The branch of a change: Rejected for a name that is not a collection's or a slug's."""
    for part in (collection, slug):
        if not isinstance(part, str) or not NAME.fullmatch(part):
            raise Rejected(
                400,
                f"{str(part)[:60]!r} is not the name of a collection or of a page (lower-case letters, digits and hyphens)",
            )
    return f"{BRANCH_PREFIX}{collection}/{slug}"
