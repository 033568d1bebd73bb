"""Map a function over a long list on two cores: a forked child maps the second half meanwhile.

The content load reads and checks every file before anything else can start; at thousands of practice
sheets that is seconds during which the machine's second core would idle. The child sends its results
back pickled through a pipe. Where fork is unavailable, the list is short, the process runs other threads
(`mkdocs serve`: a thread may hold a lock the child would wait on forever) or the child fails in any way,
this process maps that half itself: the result is always the plain map's.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 400  # below this, forking costs about what it saves


def split_map(function: Callable[[Item], Result], items: Sequence[Item], *, min_items: int | None = None) -> list[Result]:
    """`min_items`: below it, forking costs about what it saves (MIN_ITEMS; fewer when each item takes long)."""
    if not hasattr(os, "fork") or len(items) < (MIN_ITEMS if min_items is None else min_items) or not _single_threaded():
        return [function(item) for item in items]
    middle = len(items) // 2
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        _run_child(function, items[middle:], writer)  # never returns
    os.close(writer)
    pipe = os.fdopen(reader, "rb")
    try:
        first = [function(item) for item in items[:middle]]
        data = pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)  # it may be blocked writing to a pipe nobody will read
        raise
    finally:
        pipe.close()
        os.waitpid(pid, 0)
    return first + (pickle.loads(data) if data else [function(item) for item in items[middle:]])


def _single_threaded() -> bool:
    return threading.active_count() == 1


def _run_child(function: Callable, items: Sequence, writer: int) -> None:
    try:
        data = pickle.dumps([function(item) for item in items], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)  # nothing of the parent's (buffers, exit handlers) runs twice
