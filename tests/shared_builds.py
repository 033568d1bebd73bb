"""Builds made once per test run and shared by every test process (pytest-xdist workers included).

The first process to ask for a build makes it under a file lock in the run's folder; the others wait on the lock,
then read the finished folder. Each process then keeps the answer in memory. Nothing is built before a test asks.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

FINISHED = "finished.json"  # written last: a folder without it is an attempt that failed, made again


@cache
def run_folder() -> Path:
    """The folder every process of this run shares: pytest's base temporary folder, or its parent under xdist
    (each worker has its own below it). conftest.py records it before any test runs."""
    recorded = os.environ.get("GUIDEBOOK_TEST_RUN_FOLDER")
    if recorded:
        return Path(recorded)
    return Path(tempfile.mkdtemp(prefix="guidebook-tests-"))  # outside pytest (a script importing the helpers)


def shared(name: str, make: Callable[[Path], object]) -> tuple[Path, object]:
    """The folder `name` of this run, made once by `make(folder)`, and what `make` returned (as JSON)."""
    folder = run_folder() / name
    with open(run_folder() / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        finished = folder / FINISHED
        if not finished.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            finished.write_text(json.dumps(make(folder)), encoding="utf-8")
    return folder, json.loads(finished.read_text(encoding="utf-8"))
