"""Replacing a built folder with no moment when it is missing, and clearing what killed builds left.

A build stages into `.<name>-building-<pid>-<random>` beside its output and puts it in place with one
renameat2(RENAME_EXCHANGE): the old and the new folder trade names in a single step, so a reader (or a
build killed at any instant) sees the old complete site or the new one, never none. The old site then
sits under the staging name and is removed. The French site is built meanwhile in
`..<name>-building-<pid>-<random>-fr-<random>` (guidebook/html/parallel.py names it after the staging
folder). A build killed before cleaning up leaves such folders; the next build removes those whose process
is gone (their name carries its id), never a running build's.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h
_libc = ctypes.CDLL(None, use_errno=True)


def staging_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-building-{os.getpid()}-"


def make_staging(site_dir: Path) -> Path:
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(site_dir), dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site must be readable by a web server
    return staging


def put_in_place(new: Path, site_dir: Path) -> None:
    """Make `new` the folder `site_dir` in one atomic step; the old one is removed afterwards."""
    if not os.path.lexists(site_dir):
        new.rename(site_dir)  # nothing to replace: rename is atomic (and refuses if one appeared meanwhile)
        return
    exchange(new, site_dir)
    if new.is_symlink():  # the old `site` was a link to a folder elsewhere: only the link goes
        new.unlink()
    else:
        shutil.rmtree(new)  # now the old site


def exchange(first: Path, second: Path) -> None:
    """Swap the names of two existing paths atomically (Linux renameat2, RENAME_EXCHANGE)."""
    result = _libc.renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    if result != 0:
        code = ctypes.get_errno()
        if code in (errno.EINVAL, errno.ENOSYS):
            raise OSError(
                code,
                "this file system cannot exchange two folders in one step (renameat2); build on a local Linux file system",
                str(second),
            )
        raise OSError(code, os.strerror(code), str(second))


_LEFTOVER = re.compile(r"^\.{1,2}(?P<site>.+)-building-(?P<pid>\d+)-")


def remove_leftovers(site_dir: Path) -> list[Path]:
    """Remove the staging folders of `site_dir` left by builds whose process is gone; return them."""
    removed: list[Path] = []
    if not site_dir.parent.is_dir():
        return removed
    for path in site_dir.parent.iterdir():
        match = _LEFTOVER.match(path.name)
        if match and match.group("site") == site_dir.name and not _alive(int(match.group("pid"))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    # An older build's swap (two renames) left this one when killed between them.
    old = site_dir.with_name(f".{site_dir.name}-previous")
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
