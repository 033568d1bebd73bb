"""Child processes that do not outlive the command that started them.

A server started by a command (the live preview under `guidebook edit`, nginx under `guidebook preview-prod`) is
sent SIGTERM by Linux when that command's process dies, even by SIGKILL, so no server is left holding a port.
"""

from __future__ import annotations

import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1


def stop_with_parent() -> None:
    """For `subprocess.Popen(preexec_fn=...)`: in the child, ask for SIGTERM when the parent ends, however it ends."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
