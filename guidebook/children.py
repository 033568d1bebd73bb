"""Child processes that do not outlive the command that started them.

A server started by a command (the live preview under `guidebook edit`, nginx under `guidebook preview-prod`) is
sent SIGTERM by Linux when that command's process dies, even by SIGKILL, so no server is left holding a port.
A forked worker (forkmap.py) is killed with its parent: a build stopped by the live preview leaves no half of it
running on.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def stop_with_parent() -> None:
    """For `subprocess.Popen(preexec_fn=...)`: in the child, ask for SIGTERM when the parent ends, however it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def die_with_parent(parent: int) -> None:
    """In a forked child of `parent`: be killed when the parent ends, however it ends.

    SIGKILL, not SIGTERM: a forked child keeps its parent's signal handlers, which may only note a stop."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)
