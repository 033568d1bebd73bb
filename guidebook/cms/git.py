"""The project's Git repository, through `git` plumbing: commits are written without touching anyone's working tree.

A commit is made from a tree in a temporary index (hash-object, update-index, write-tree, commit-tree) and a
branch moved with `update-ref` naming the value it expects (a compare-and-swap: a branch someone moved
meanwhile is never overwritten). The only command that writes a working tree is `update_checkout`, which git
refuses when a file it would change has changes of its own (no uncommitted work is ever lost).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import GuidebookError

NO_COMMIT = "0" * 40  # update-ref's "the branch must not exist yet"


class GitFailed(GuidebookError):
    """A git command failed: the command and git's own words."""


@dataclass(frozen=True)
class Person:
    name: str
    email: str = ""  # git accepts an empty one: the editor asks only for a name


class Git:
    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def of(cls, root: Path) -> Git | None:
        """The repository whose work tree's top is `root`, or None (no git, or `root` is only inside one)."""
        try:
            top = subprocess.run(
                ["git", "-C", str(root), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
            )
        except OSError:
            return None
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != root.resolve():
            return None
        return cls(root)

    def run(self, *args: str, data: bytes | None = None, env: dict | None = None, cwd: Path | None = None) -> bytes:
        result = subprocess.run(
            ["git", "-C", str(cwd or self.root), *args],
            input=data,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})},
        )
        if result.returncode != 0:
            said = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitFailed(
                f"git {' '.join(args[:3])} failed: {' '.join(said[-3:]) or f'exit code {result.returncode}'}"
            )
        return result.stdout

    def text(self, *args: str, **options) -> str:
        return self.run(*args, **options).decode("utf-8").strip()

    def commit_of(self, ref: str) -> str | None:
        """The commit `ref` names, or None when there is no such branch or commit."""
        try:
            return self.text("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except GitFailed:
            return None

    def config(self, name: str) -> str | None:
        try:
            return self.text("config", "--get", name) or None
        except GitFailed:  # exit code 1: not set
            return None

    def blob(self, commit: str, path: str) -> bytes | None:
        """The bytes of the regular file `path` in `commit`, or None (missing, or a link or folder)."""
        listed = self.run("ls-tree", "-z", commit, "--", path).split(b"\0")[0]
        mode, kind, rest = (listed.split(b" ", 2) + [b"", b""])[:3] if listed else (b"", b"", b"")
        if kind != b"blob" or mode not in (b"100644", b"100755"):
            return None
        return self.run("cat-file", "blob", rest.split(b"\t", 1)[0].decode())

    def files(self, commit: str, folder: str) -> list[str]:
        """The regular files under `folder` in `commit`, relative to the repository."""
        listed = self.run("ls-tree", "-r", "-z", commit, "--", f"{folder}/")
        found = []
        for line in filter(None, listed.split(b"\0")):
            info, path = line.split(b"\t", 1)
            if info.split(b" ")[0] in (b"100644", b"100755"):
                found.append(path.decode("utf-8"))
        return found

    def changed_paths(self, old: str, new: str) -> list[tuple[str, str]]:
        """(status letter, path) of what `new` changes from `old`: A added, M modified, D deleted."""
        listed = self.run("diff", "--no-renames", "--name-status", "-z", old, new, "--").split(b"\0")
        return [(listed[i].decode(), listed[i + 1].decode("utf-8")) for i in range(0, len(listed) - 1, 2)]

    def extract(self, commit: str, paths: list[str], target: Path) -> None:
        """Write the files of `paths` (folders or files) as they are in `commit` into `target`, through a
        temporary index (checkout-index writes inside its prefix only)."""
        with tempfile.TemporaryDirectory(prefix="guidebook-index-") as scratch:
            index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self.run("read-tree", commit, env=index)
            listed = self.run("ls-files", "-z", "--", *paths, env=index)
            if listed:
                self.run("checkout-index", "--stdin", "-z", f"--prefix={target}/", data=listed, env=index)

    def commit(self, parents: list[str], files: dict[str, bytes], message: str, author: Person) -> str:
        """A new commit: the tree of `parents[0]` with `files` (path -> bytes) written in it."""
        with tempfile.TemporaryDirectory(prefix="guidebook-index-") as scratch:
            index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self.run("read-tree", parents[0], env=index)
            for path, data in files.items():
                blob = self.text("hash-object", "-w", "--stdin", data=data)
                self.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=index)
            tree = self.text("write-tree", env=index)
        return self.commit_tree(tree, parents, message, author)

    def commit_tree(self, tree: str, parents: list[str], message: str, author: Person) -> str:
        who = {
            "GIT_AUTHOR_NAME": author.name,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_COMMITTER_NAME": author.name,
            "GIT_COMMITTER_EMAIL": author.email,
        }
        arguments = [part for parent in parents for part in ("-p", parent)]
        return self.text("commit-tree", "--no-gpg-sign", tree, *arguments, data=message.encode("utf-8"), env=who)

    def merged_tree(self, ours: str, theirs: str) -> tuple[str | None, list[str]]:
        """The tree of merging `theirs` into `ours` and no conflict, or (None, the paths in conflict)."""
        result = subprocess.run(
            ["git", "-C", str(self.root), "merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs],
            capture_output=True,
            check=False,
        )
        lines = result.stdout.decode("utf-8").splitlines()
        if result.returncode == 0:
            return lines[0], []
        if result.returncode == 1:
            return None, sorted(set(lines[1:]) - {""})
        raise GitFailed(f"git merge-tree failed: {result.stderr.decode('utf-8', 'replace').strip()}")

    def move_branch(self, branch: str, new: str | None, expected: str | None) -> None:
        """Point `branch` at `new` (None: delete it) only if it is still at `expected` (None: does not exist)."""
        ref = f"refs/heads/{branch}"
        if new is None:
            self.run("update-ref", "-d", ref, expected or NO_COMMIT)
        else:
            self.run("update-ref", ref, new, expected or NO_COMMIT)

    def checkout_of(self, branch: str) -> Path | None:
        """The work tree (this one or another of the repository's) where `branch` is checked out, if any."""
        listed = self.text("worktree", "list", "--porcelain")
        for block in listed.split("\n\n"):
            fields = dict(line.split(" ", 1) for line in block.splitlines() if " " in line)
            if fields.get("branch") == f"refs/heads/{branch}" and "bare" not in block.splitlines():
                return Path(fields["worktree"])
        return None

    def update_checkout(self, work_tree: Path, old: str, new: str) -> None:
        """Move the index and files of `work_tree` from commit `old` to `new`, as a checkout does. Git refuses
        (GitFailed) when a file it would change has changes of its own, or is untracked in the way."""
        self.run("read-tree", "-m", "-u", old, new, cwd=work_tree)
