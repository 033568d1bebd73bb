"""Content problems, carried with the file, line and field they concern."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, located precisely enough for an author to fix it."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" stops the build; "warning" is reported

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


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
