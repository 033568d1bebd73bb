"""Precompressed copies beside the text files, which nginx's gzip_static serves to browsers that accept gzip.

Compressed once at build time at the highest level rather than by the server on every request. The copies
carry no name and no date (mtime 0): the same site gives the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}


def precompress(site: Path) -> int:
    """Write `name.gz` beside every text file of `site` it makes smaller; return how many were written."""
    files = sorted(path for path in site.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file())
    return sum(_compress(path) for path in files)


def _compress(path: Path) -> bool:
    data = path.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    target = path.with_name(path.name + ".gz")
    if len(packed) >= len(data):
        target.unlink(missing_ok=True)  # a stale copy would be served in its place
        return False
    target.write_bytes(packed)
    return True
