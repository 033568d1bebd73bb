"""`guidebook publish`: a complete built site becomes the release a web server serves, in one step; and back.

DEST/releases/<release id>/ holds each release (id: the edition date and the digest of its files, from
the manifest the build writes last); DEST/current is the symbolic link the web server's root follows;
DEST/history lists the releases in the order they were published. Publishing copies the site in (unless
that very release is already there), switches `current`, then removes the oldest releases beyond `keep`
(never the current one nor the one before it, which readers may still be loading pages of). Rolling back
points `current` at the release published before the current one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Refused
from . import manifest
from .serving import CSP_FILE
from .targets import RELEASES, Local, Ssh

KEEP = 5
HISTORY = "history"
RELEASE_ID = re.compile(r"^[\w.-]+$")


@dataclass
class Switched:
    release: str
    previous: str | None
    removed: list[str] = field(default_factory=list)
    copied: bool = False
    policy_changed: bool = False  # the web server must reload to send the new Content-Security-Policy


def publish(site: Path, target: Local | Ssh, keep: int = KEEP) -> Switched:
    release = manifest.verify(site).release_id
    if not RELEASE_ID.match(release):
        raise Refused(f"{site / manifest.MANIFEST} names the release {release!r}: build the site again (make site)")
    present = target.releases()
    copied = release not in present
    if copied:
        target.upload(site, release)
    history = [name for name in _history(target) if name != release] + [release]
    target.write(HISTORY, "".join(f"{name}\n" for name in history))
    previous = target.current()
    target.switch(release)
    removed = _prune(target, history, keep, {release, previous})
    return Switched(release, previous, removed, copied, _policy_changed(target, previous, release))


def rollback(target: Local | Ssh) -> Switched:
    current = target.current()
    if current is None:
        raise Refused(f"nothing is published in {target.name} yet: there is nothing to roll back")
    present = set(target.releases())
    history = [name for name in _history(target) if name in present]
    earlier = history[: history.index(current)] if current in history else []
    if not earlier:
        raise Refused(
            f"{target.name}: no release was published before {current} (or it was removed); nothing was changed"
        )
    target.switch(earlier[-1])
    return Switched(earlier[-1], current, policy_changed=_policy_changed(target, current, earlier[-1]))


def _history(target: Local | Ssh) -> list[str]:
    listed = [line.strip() for line in target.read(HISTORY).splitlines() if RELEASE_ID.match(line.strip())]
    unlisted = [name for name in target.releases() if name not in listed]  # copied in by hand: the oldest
    return unlisted + listed


def _prune(target: Local | Ssh, history: list[str], keep: int, protected: set) -> list[str]:
    removable = [name for name in history if name not in protected]
    removed = removable[: max(0, len(history) - max(keep, len(protected)))]
    for name in removed:
        target.remove(name)
    if removed:
        target.write(HISTORY, "".join(f"{name}\n" for name in history if name not in removed))
    return removed


def _policy_changed(target: Local | Ssh, before: str | None, after: str) -> bool:
    if before is None or before == after:
        return False
    return target.read(f"{RELEASES}/{before}/{CSP_FILE}") != target.read(f"{RELEASES}/{after}/{CSP_FILE}")
