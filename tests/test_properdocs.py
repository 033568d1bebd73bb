"""ProperDocs, the continuation of MkDocs 1.x kept in reserve for Material's end of life (README), builds the shipped
site into the same files as MkDocs, but for the generator tag: the fallback engine is proven, not assumed.

Both engines run their own `build` command with this project's plugin, theme and configuration (what `guidebook build`
adds after MkDocs, PDFs, compressed copies and the release files, does not depend on the engine)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from sites import PROJECT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def normalised_tree(folder: Path) -> dict[str, str]:
    """SHA-256 of every file by relative path, HTML pages with their generator tag left out."""
    hashes = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".html":
                data = GENERATOR.sub(b"", data)
            hashes[path.relative_to(folder).as_posix()] = hashlib.sha256(data).hexdigest()
    return hashes


def engine_build(engine: str, site: Path) -> Path:
    """A strict build of the shipped site by the engine's own command (`mkdocs build`, `properdocs build`)."""
    result = subprocess.run(
        [Path(sys.executable).with_name(engine), "build", "--strict", "--site-dir", str(site)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"{engine} build failed: {result.stderr[-4000:]}"
    return site


def test_properdocs_builds_the_same_site_as_mkdocs_but_for_the_generator_tag(tmp_path):
    properdocs_site = engine_build("properdocs", tmp_path / "properdocs")
    mkdocs_site = engine_build("mkdocs", tmp_path / "mkdocs")
    assert b"ProperDocs" in GENERATOR.search((properdocs_site / "index.html").read_bytes()).group(0)
    properdocs, mkdocs = normalised_tree(properdocs_site), normalised_tree(mkdocs_site)
    assert len(mkdocs) > 100 and (mkdocs_site / "fr" / "index.html").is_file()
    assert set(properdocs) == set(mkdocs), (
        f"only ProperDocs: {sorted(set(properdocs) - set(mkdocs))[:10]}; only MkDocs: {sorted(set(mkdocs) - set(properdocs))[:10]}"
    )
    differing = sorted(name for name in mkdocs if properdocs[name] != mkdocs[name])
    assert not differing, f"ProperDocs and MkDocs built these differently: {differing[:10]}"
