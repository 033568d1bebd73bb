"""The content load maps large lists on two processes; the result is always the plain map's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from guidebook import forkmap
from guidebook.content import load as content
from sites import base_files, write_project


@pytest.fixture
def short_lists_fork(monkeypatch):
    monkeypatch.setattr(forkmap, "MIN_ITEMS", 2)


@pytest.fixture
def always_fork(short_lists_fork, monkeypatch):
    # The test session's own threads (its web server for the browser tests) sit idle: forking beside them is safe.
    monkeypatch.setattr(forkmap, "_single_threaded", lambda: True)


def _children() -> set[int]:
    """This process's children (the test session may have others: servers, browsers), from Linux's /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command name, which may hold spaces
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == os.getpid():
            children.add(int(stat.parent.name))
    return children


@pytest.fixture
def no_child_left():
    before = _children()
    yield
    assert _children() <= before, "split_map left a child process behind"


def test_both_halves_come_back_in_order(always_fork, no_child_left):
    parent = os.getpid()
    results = forkmap.split_map(lambda item: (item * item, os.getpid() == parent), list(range(101)))
    assert [square for square, _ in results] == [item * item for item in range(101)]
    assert {in_parent for _, in_parent in results} == {True, False}  # the second half was mapped elsewhere


def test_the_child_runs_finish_when_its_half_is_done_and_this_process_does_not(always_fork, no_child_left, tmp_path):
    finished = tmp_path / "finished"
    results = forkmap.split_map(
        lambda item: item, list(range(10)), finish=lambda: finished.write_text(str(os.getpid()), encoding="utf-8")
    )
    assert results == list(range(10))
    assert finished.read_text(encoding="utf-8") not in ("", str(os.getpid()))  # the child's pid, not this one's


def test_a_failing_child_leaves_its_half_to_this_process(always_fork, no_child_left):
    parent = os.getpid()

    def square(item: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return item * item

    assert forkmap.split_map(square, list(range(10))) == [item * item for item in range(10)]


def test_an_error_in_this_process_stops_the_child_and_is_raised(always_fork, no_child_left):
    def fail_on_zero(item: int) -> int:
        if item == 0:
            raise ValueError("zero")
        return item

    with pytest.raises(ValueError, match="zero"):
        forkmap.split_map(fail_on_zero, list(range(100_000)))


def test_the_content_loaded_on_two_processes_is_the_content_loaded_on_one(tmp_path, monkeypatch):
    files = base_files()
    files["docs/broken.en.md"] = "---\ntitle: [unclosed\n---\n\nText.\n"
    project = write_project(tmp_path / "p", files)
    one_repository, one_problems = content.inspect(project)
    monkeypatch.setattr(forkmap, "MIN_ITEMS", 2)
    monkeypatch.setattr(forkmap, "_single_threaded", lambda: True)
    two_repository, two_problems = content.inspect(project)
    assert two_problems == one_problems and any(problem.path == "docs/broken.en.md" for problem in one_problems)
    assert _read(two_repository) == _read(one_repository)


def _read(repository: content.Repository) -> dict:
    return {
        (key, language): (variant.source.meta, variant.source.body, variant.source.lines)
        for key, entry in repository.entries.items()
        for language, variant in entry.variants.items()
    }


def test_a_process_running_other_threads_maps_alone(short_lists_fork):
    parent = os.getpid()
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as `mkdocs serve` runs its server beside the build
    server.start()
    try:
        assert all(in_parent for in_parent in forkmap.split_map(lambda item: os.getpid() == parent, list(range(10))))
    finally:
        stop.set()
        server.join()


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_a_forked_worker_ends_with_the_process_that_forked_it(how):
    # The live preview ends a full build it no longer wants with SIGTERM; the build's forked workers (the other
    # language, half of the content check) must not run on, writing and holding its output pipe.
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from guidebook import forkmap; "
            "worker = forkmap.fork(lambda: time.sleep(60)); print(worker.pid, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    worker = int(parent.stdout.readline())
    assert _running(worker)
    parent.send_signal(how)
    parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while _running(worker):
        assert time.monotonic() < deadline, f"the forked worker {worker} outlived its parent by 10 s"
        time.sleep(0.05)


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie no one reaped has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status and "\nState:\tX" not in status


def test_a_failing_finish_still_ends_the_child_and_its_half_comes_back(tmp_path):
    """In a process of its own: a child that ran on after a failing `finish` would go on as a copy of its parent
    (here: print a second time, or a traceback)."""
    script = (
        "from guidebook import forkmap\n"
        "forkmap.MIN_ITEMS = 2\n"
        "def finish():\n"
        "    raise RuntimeError('finish failed')\n"
        "print(forkmap.split_map(lambda item: item * 2, list(range(6)), finish=finish))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[0, 2, 4, 6, 8, 10]\n", "")
