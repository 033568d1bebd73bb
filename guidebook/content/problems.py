"""Content problems, carried with the file, line and field they concern."""

from __future__ import annotations

from collections.abc import Mapping
import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .messages import Message


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located precisely enough for an author to fix it."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" stops the build; "warning" is reported
    # What the editor words the message from in its other languages (content/messages.py); none: English only.
    code: str = dataclasses.field(default="", compare=False)
    params: Mapping[str, object] = dataclasses.field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, path: str, line: int, field: str, said: str | Message, severity: str = "error") -> Problem:
        """A problem whose message may have a code and values (content/messages.py)."""
        said = said if isinstance(said, Message) else Message(said)
        return cls(path, line, field, said.text, severity, said.code, said.params)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


def display_path(path: Path, root: Path) -> str:
    """The path as an author sees it: relative to the project when it lies inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:  # resolving is slow (and fails on a link that loops): only when needed
        return path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()
