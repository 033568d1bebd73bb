"""Precompressed copies beside the text files, which nginx's gzip_static serves to browsers that accept gzip.

Compressed once at build time at the highest level rather than by the server on every request. The copies
carry no name and no date (mtime 0): the same bytes give the same copy, so a copy made before is taken
again rather than compressed again. From the site in place, for a file it holds with the same bytes (a
rebuild compresses only what changed), and from the project's cache of copies by content (`cache_folder`):
the theme's stylesheets and scripts, the same in every build, are compressed once per machine.

The cache is a folder of `<SHA-256 of the bytes>.gz` (or `.none`: the copy would not be smaller), in a
subfolder named after what else the bytes of a copy depend on (level, zlib's and Python's versions). Each
entry is written under a name of its own, then renamed: builds running at once (test workers) never read a
partial one. Each build then removes what it neither took nor put: the cache holds one site's copies.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sys
import uuid
import zlib
from contextlib import suppress
from pathlib import Path

from ..caches import by_content
from ..files import link_or_copy
from ..forkmap import split_map

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}
LEVEL = 9
SETTINGS = f"level{LEVEL}-zlib{zlib.ZLIB_RUNTIME_VERSION}-python{sys.version_info.major}.{sys.version_info.minor}"
NO_COPY = ".none"  # the entry of bytes that compression would not make smaller


def cache_folder(project: Path) -> Path:
    """Where the builds of `project` keep compressed copies by content (or the shared cache: caches.py); the
    folder is the cache's alone."""
    return by_content(project, "gzip")


def precompress(site: Path, previous: Path | None = None, cache: Path | None = None) -> int:
    """Write `name.gz` beside every text file of `site` it makes smaller; return how many were written.

    `previous`: a site whose copies are reused for the files it holds with the same bytes; `cache`: a folder of
    copies by content (`cache_folder`), taken from and added to, then pruned to what this site used.
    """
    files = sorted(path for path in site.rglob("*") if path.suffix in COMPRESSIBLE and path.is_file())
    entries = cache / SETTINGS if cache is not None else None
    # Each file on its own: on both cores (level 9 takes about 2 ms for a page of 45 KB).
    results = split_map(
        lambda path: _compress(path, previous / path.relative_to(site) if previous else None, entries), files
    )
    if cache is not None:
        _prune(cache, {entry for _, entry in results if entry})
    return sum(written for written, _ in results)


def _compress(path: Path, before: Path | None, cache: Path | None) -> tuple[bool, str | None]:
    """Whether a copy was written, and the name of the cache entry it came from or went to."""
    data = path.read_bytes()
    target = path.with_name(path.name + ".gz")
    key = hashlib.sha256(data).hexdigest()
    if cache is not None and (taken := _take(cache, key, target)) is not None:
        return taken
    if before is not None and _same(before, data):
        return _reuse(before.with_name(before.name + ".gz"), target), None
    packed = _packed(data)
    written = _write(target, packed)
    if cache is None:
        return written, None
    entry = key + (".gz" if written else NO_COPY)
    _put(cache / entry, target if written else None)
    return written, entry


def _packed(data: bytes) -> bytes | None:
    """The gzip copy of `data`, or None when it is not smaller."""
    packed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
    return packed if len(packed) < len(data) else None


def _write(target: Path, packed: bytes | None) -> bool:
    # A copy already there may be a hard link to the cache's or to the site in place's: a new file, never into it.
    target.unlink(missing_ok=True)  # (and with no copy to write, a stale one would be served in its place)
    if packed is None:
        return False
    target.write_bytes(packed)
    return True


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _reuse(copy: Path, target: Path) -> bool:
    """The previous site's compressed copy (hard-linked: nothing writes to a compressed copy once made), or none
    when it had none."""
    if not copy.is_file():
        target.unlink(missing_ok=True)
        return False
    target.unlink(missing_ok=True)
    link_or_copy(copy, target)
    return True


def _take(cache: Path, key: str, target: Path) -> tuple[bool, str] | None:
    """The cache's copy of the bytes of `key` at `target` (whether written, the entry); None when the cache has
    none (or another build's pruning just removed it, or the folder cannot be read)."""
    if (cache / (key + NO_COPY)).is_file():
        target.unlink(missing_ok=True)
        return False, key + NO_COPY
    target.unlink(missing_ok=True)
    try:
        link_or_copy(cache / (key + ".gz"), target)
    except OSError:
        return None
    return True, key + ".gz"


def _put(entry: Path, copy: Path | None) -> None:
    """Add `copy` (None: the mark of no copy) to the cache, linked under a name no other build writes to, then
    renamed: never seen half-written. The cache only saves time: a folder that cannot be written, or another
    build pruning the file first, leaves it out."""
    partial = entry.with_name(f".{entry.name}.{uuid.uuid4().hex}")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        if copy is None:
            partial.write_bytes(b"")
        else:
            link_or_copy(copy, partial)
        os.replace(partial, entry)
    except OSError:
        with suppress(OSError):  # nothing left half-made, where anything could be made
            partial.unlink()


def _prune(cache: Path, used: set[str]) -> None:
    """Remove the entries this site did not use (it holds its own links to those it did), and the folders of
    other settings: the cache stays the size of one site's copies."""
    for folder in cache.iterdir() if cache.is_dir() else ():
        if folder.name != SETTINGS:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for entry in folder.iterdir():
                if entry.name not in used:
                    entry.unlink(missing_ok=True)
