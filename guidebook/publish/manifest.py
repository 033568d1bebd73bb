"""The mark of a complete build: `.release/manifest.json`, written last, naming every file with its digest.

A site without it was not built to the end (a build killed, a copy interrupted); a site whose files differ
from it was changed since. Publishing refuses both. Its release id, `<edition date>-<digest>`, names the
release on the server: the same site always gets the same id.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import Refused
from ..files import write_beside

FOLDER = ".release"  # not served (deploy/nginx/site.conf answers 404 for every dot-folder)
MANIFEST = f"{FOLDER}/manifest.json"


@dataclass(frozen=True)
class Manifest:
    edition: str
    digest: str
    files: int

    @property
    def release_id(self) -> str:
        return f"{self.edition}-{self.digest[:12]}"


def write(site: Path, edition: str) -> Manifest:
    """Record `site` as complete; call it last, when nothing in the site changes any more."""
    files = _digests(site)
    manifest = Manifest(edition, _combined(files), len(files))
    target = site / MANIFEST
    target.parent.mkdir(exist_ok=True)
    with write_beside(target) as partial:
        partial.write_text(
            json.dumps({**manifest.__dict__, "release": manifest.release_id, "files": files}, indent=1, sort_keys=True),
            encoding="utf-8",
        )
    return manifest


def verify(site: Path) -> Manifest:
    """The manifest of a complete, unchanged site; Refused saying what is wrong otherwise."""
    path = site / MANIFEST
    if not site.is_dir():
        raise Refused(f"{site} is not a built site: build it first (make site)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        recorded, manifest = data["files"], Manifest(data["edition"], data["digest"], len(data["files"]))
    except FileNotFoundError:
        raise Refused(
            f"{site} was not built completely (no {MANIFEST}, which the build writes last): build it again (make site)"
        ) from None
    except (ValueError, KeyError, TypeError):
        raise Refused(f"{path} is damaged: build the site again (make site)") from None
    found = _digests(site)
    if found != recorded:
        changed = sorted({name for name, _ in set(found.items()) ^ set(recorded.items())})
        raise Refused(
            f"{site} differs from the build that made it ({len(changed)} file(s), e.g. {changed[0]}): build it again (make site)"
        )
    return manifest


def _digests(site: Path) -> dict[str, str]:
    digests = {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }
    digests.pop(MANIFEST, None)
    return digests


def _combined(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{name}\t{digest}\n" for name, digest in sorted(files.items())).encode()).hexdigest()
