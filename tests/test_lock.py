"""requirements.lock: every Python dependency at one version with its hashes, in step with pyproject.toml's pins,
and exactly what .venv holds (as `pip freeze` would list it). No network: the lock is read as text."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from dataclasses import dataclass

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from sites import PROJECT

LOCK = PROJECT / "requirements.lock"
PROJECT_NAME = "prepare-guidebook"
# The installer itself, seeded by `python -m venv`; pip freeze does not list it either.
SEEDED = {"pip"}
RELOCK = "run `make lock` and commit requirements.lock"
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?: ; (?P<marker>[^\\]+?))? \\$")


@dataclass
class Locked:
    name: str
    version: str
    marker: str | None
    hashes: list[str]
    via: list[str]

    def applies(self) -> bool:
        return self.marker is None or Marker(self.marker).evaluate()


def read_lock() -> list[Locked]:
    entries: list[Locked] = []
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if match := ENTRY.match(line):
            entries.append(Locked(canonicalize_name(match["name"]), match["version"], match["marker"], [], []))
        elif line.startswith("    --hash="):
            entries[-1].hashes.append(line.split("=", 1)[1].rstrip(" \\"))
        elif line.startswith("    # via ") or line.startswith("    #   "):
            entries[-1].via.append(line.removeprefix("    # via ").removeprefix("    #   ").strip())
        else:
            assert line.startswith("#") or line.strip() in ("", "# via"), f"requirements.lock: unexpected line {line!r}"
    return entries


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [
        req for extra in project["optional-dependencies"].values() for req in extra
    ]
    pins = {}
    for text in requirements:
        requirement = Requirement(text)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"pyproject.toml: pin {text!r} with ==, as every dependency is"
        pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


def test_every_pin_of_pyproject_is_locked_at_its_version():
    locked = {(entry.name, entry.version) for entry in read_lock()}
    names = {entry.name for entry in read_lock()}
    for name, version in pyproject_pins().items():
        assert name in names, (
            f"{name}=={version} is pinned in pyproject.toml but missing from requirements.lock: {RELOCK}"
        )
        assert (name, version) in locked, (
            f"pyproject.toml pins {name}=={version}, requirements.lock another version: {RELOCK}"
        )


def test_the_lock_holds_no_direct_dependency_that_pyproject_dropped():
    direct = {entry.name for entry in read_lock() if f"{PROJECT_NAME} (pyproject.toml)" in entry.via}
    dropped = direct - set(pyproject_pins())
    assert not dropped, f"requirements.lock still has {sorted(dropped)} from pyproject.toml: {RELOCK}"


def test_every_locked_version_has_hashes_and_comes_from_make_lock():
    entries = read_lock()
    assert len(entries) > 50, "requirements.lock lists the whole tree, indirect dependencies included"
    for entry in entries:
        assert entry.hashes and all(h.startswith("sha256:") for h in entry.hashes), f"{entry.name}: no sha256 hash"
        assert entry.via, f"{entry.name}: the lock says why each package is there"
    assert "#    make lock" in LOCK.read_text(encoding="utf-8"), "write requirements.lock with `make lock`"


def test_the_virtual_environment_holds_exactly_the_locked_versions():
    wanted = {entry.name: entry.version for entry in read_lock() if entry.applies()}
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) not in SEEDED | {PROJECT_NAME}
    }
    missing = {name: version for name, version in wanted.items() if installed.get(name) != version}
    extra = {name: version for name, version in installed.items() if wanted.get(name) != version}
    assert not missing and not extra, (
        f".venv differs from requirements.lock (locked but not installed: {missing}; installed but not locked: {extra}): "
        "run `make test` or `make site` again, which recreate .venv from the lock"
    )
