"""The stamp of a build: every input it read, as one digest, and the site it made, file by file.

`guidebook build site` with nothing changed does nothing: when the inputs (the content, mkdocs.yml, the
overrides, the package's own code, strings and templates, the locked versions, the options) give the digest
the last build recorded, and the site in place is the very one it made (its manifest, every file's size and
modification time as that build left them), the site is already what a build would make.

The stamp is kept outside the site (`.cache/builds/` of the project), so the site holds only what a cold
build writes. Each input's digest is reused while its size and modification time are unchanged: a check
reads the folders' entries, not the files. A top module that imports nothing of MkDocs or the content model:
the command checks the stamp before loading the build's machinery (a second of imports, commands/quick.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

from . import PACKAGE_DIR
from .files import write_beside

STAMPS = Path(".cache") / "builds"
# The project's inputs besides the content folders (content/layout.py's) and the package itself.
PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "requirements.lock")
PROJECT_FOLDERS = ("docs", "practice_sheets", "recommendations", "city_pilots")
# The theme's overrides, wherever mkdocs.yml puts them (read without a YAML parser: this module stays light).
CUSTOM_DIR = re.compile(r"^\s+custom_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)  # read by the build (html/build_date.py)
MANIFEST = ".release/manifest.json"  # publish/manifest.py's, which a top module may not import


def stamp_path(project: Path, site_dir: Path) -> Path:
    """One stamp per output folder: a project may be built into several."""
    return project / STAMPS / (hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16] + ".json")


class Stamp:
    """The inputs of a build of `project` into `site_dir` with `options`, and what the last one recorded."""

    def __init__(self, project: Path, site_dir: Path, options: dict) -> None:
        self.project, self.site_dir, self.options = project, site_dir, options
        self.path = stamp_path(project, site_dir)
        self.recorded = _read(self.path)
        self.files: dict[str, list] = {}  # input path -> [size, mtime_ns, sha256]
        self.inputs = self._inputs_digest()

    def unchanged(self) -> bool:
        """Whether `site_dir` is the complete site a build of these inputs makes."""
        recorded = self.recorded
        return (
            recorded is not None
            and recorded.get("inputs") == self.inputs
            and recorded.get("site") == _site_state(self.site_dir)
        )

    def record(self) -> None:
        """Called once the built site is in place; a failure to write it costs only the next build's shortcut."""
        state = {"inputs": self.inputs, "files": self.files, "site": _site_state(self.site_dir)}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with write_beside(self.path) as partial:
                partial.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
        except OSError:
            pass

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)

    def _inputs_digest(self) -> str:
        known = self.recorded.get("files", {}) if self.recorded else {}
        roots = [(f"project/{name}", self.project / name) for name in (*PROJECT_FILES, *PROJECT_FOLDERS)]
        roots += [("overrides", _overrides(self.project)), ("package", PACKAGE_DIR)]
        for label, root in roots:
            for path in _files(root):
                name = f"{label}/{path.relative_to(root).as_posix()}" if path != root else label
                stat = path.stat()
                previous = known.get(name)
                if previous and previous[:2] == [stat.st_size, stat.st_mtime_ns]:
                    self.files[name] = previous
                else:
                    self.files[name] = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()]
        described = {
            "files": {name: entry[2] for name, entry in self.files.items()},
            "options": self.options,
            "environment": {name: os.environ.get(name) for name in ENVIRONMENT},
            "python": sys.version,
        }
        return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def _overrides(project: Path) -> Path:
    try:
        found = CUSTOM_DIR.search((project / "mkdocs.yml").read_text(encoding="utf-8"))
    except OSError:
        found = None
    return project / (found.group(1).strip() if found else "overrides")


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    found: list[Path] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        found.extend(Path(folder) / name for name in sorted(names) if not name.endswith(".pyc"))
    return found


def _site_state(site_dir: Path) -> dict | None:
    """The manifest's digest and every file's size and modification time; None for a site without a manifest."""
    try:
        digest = json.loads((site_dir / MANIFEST).read_text(encoding="utf-8"))["digest"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    files = {}
    for folder, subfolders, names in os.walk(site_dir):
        subfolders.sort()
        for name in sorted(names):
            stat = os.stat(os.path.join(folder, name))
            files[os.path.relpath(os.path.join(folder, name), site_dir)] = [stat.st_size, stat.st_mtime_ns]
    return {"manifest": digest, "files": files}


def _read(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def build_options(*, strict: bool, downloads: bool) -> dict:
    return {"strict": strict, "downloads": downloads}


def up_to_date(project: Path, site_dir: Path, *, downloads: bool = True, strict: bool = True) -> bool:
    """Whether a build of `project` into `site_dir` would leave it as it is (the command's quick answer)."""
    project = project.resolve()
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    return Stamp(project, site_dir, build_options(strict=strict, downloads=downloads)).unchanged()
