"""Which translations of a page are missing, outdated or never checked: the freshness check of `guidebook
status` (content/freshness.py), said in the editor's lists.

The state is added to each page the list shows, as a front-matter value the list's summary prints
(`FIELD`, config.py). It is never part of a form, and save.py drops it if a save brings it back.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from ..content.freshness import State, state_of
from ..content.layout import walk
from ..content.load import inspect
from ..site.citations import language_name
from .model import settings

FIELD = "translation_state"
TO_DO = (State.MISSING, State.OUTDATED, State.UNMARKED)


class TranslationStates:
    """The states of every page, worked out again only when a content file changed (a whole check takes a
    second on the guidebook; a list is asked for at every turn of the editor)."""

    def __init__(self, project: Path):
        self.project = project
        self._lock = threading.Lock()
        self._signature: tuple = ()
        self._to_do: dict[str, dict[str, State]] = {}  # file path -> {language: state} of its page

    def label(self, path: str, interface: str) -> str:
        """What the list says after the title of the page at `path`: nothing when every translation is done."""
        with self._lock:
            self._refresh()
            to_do = self._to_do.get(path, {})
        words = settings()["translation_states"][interface]
        said = [
            words[str(state)].format(language=language_name(code, interface)) for code, state in sorted(to_do.items())
        ]
        return "".join(f"{words['separator']}{part}" for part in said)

    def _refresh(self) -> None:
        files = walk(self.project)
        signature = tuple(
            (file.path, file.path.stat().st_mtime_ns, file.path.stat().st_size) for file in files if file.path.is_file()
        )
        if signature == self._signature:
            return
        repository, _ = inspect(self.project, check_bodies=())  # the states, not the problems
        self._to_do = {}
        for entry in repository.entries.values():
            states = {code: state_of(entry, code) for code in repository.languages.codes}
            to_do = {code: state for code, state in states.items() if state in TO_DO}
            for variant in entry.variants.values():
                self._to_do[variant.source.shown_path] = to_do
        self._signature = signature


def with_state(text: str, label: str) -> str:
    """The file's text as the list reads it: the state as the first front-matter value, when there is one."""
    if not label or not text.startswith("---\n"):
        return text
    return f"---\n{FIELD}: {json.dumps(label, ensure_ascii=False)}\n{text[4:]}"
