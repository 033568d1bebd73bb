"""Work done in a forked child that sends its result back pickled through a pipe; a list mapped on two cores.

The content load reads and checks every file before anything else can start; at thousands of practice
sheets that is seconds during which the machine's second core would idle (`split_map`). The site build
forks a child per further language (html/parallel.py). Both use `fork`: a child that dies or fails sends
nothing, and its parent then does the work itself or reports it. Where fork is unavailable, the list is
short or the process runs other threads (`mkdocs serve`: a thread may hold a lock the child would wait on
forever), `split_map` maps in this process: the result is always the plain map's.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .children import die_with_parent

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 400  # below this, forking costs about what it saves


@dataclass
class Forked:
    """A child at work: its process and the pipe it writes its result to."""

    pid: int
    reader: int

    def result(self) -> Any | None:
        """What the child's work returned; None when it failed or died before sending it."""
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        return pickle.loads(data) if data else None

    def kill(self) -> None:
        """Stop the child (it may be blocked writing to a pipe nobody will read) and reap it."""
        os.close(self.reader)
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass  # already gone


def fork(work: Callable[[], Any], finish: Callable[[], None] | None = None) -> Forked:
    """Run `work` in a forked child; its (picklable) result comes back through `Forked.result`. `finish`: run in the
    child at its end, in place of the exit handlers it skips."""
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        try:
            die_with_parent(parent)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(data)
        finally:
            try:
                if finish is not None:
                    finish()
            finally:
                os._exit(0)  # nothing of the parent's (buffers, exit handlers) runs twice, even if `finish` failed
    os.close(writer)
    return Forked(pid, reader)


def split_map(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    min_items: int | None = None,
    finish: Callable[[], None] | None = None,
) -> list[Result]:
    """`min_items`: below it, forking costs about what it saves (MIN_ITEMS; fewer when each item takes long).
    `finish`: run by the child when its half is done (see `fork`)."""
    if (
        not hasattr(os, "fork")
        or len(items) < (MIN_ITEMS if min_items is None else min_items)
        or not _single_threaded()
    ):
        return [function(item) for item in items]
    middle = len(items) // 2
    child = fork(lambda: [function(item) for item in items[middle:]], finish)
    try:
        first = [function(item) for item in items[:middle]]
    except BaseException:
        child.kill()
        raise
    second = child.result()
    return first + (second if second is not None else [function(item) for item in items[middle:]])


def _single_threaded() -> bool:
    return threading.active_count() == 1
