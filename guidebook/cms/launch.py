"""`guidebook edit`: the editor's server and the live preview (guidebook serve), started and stopped together.

Ctrl-C (SIGINT), SIGTERM and SIGHUP stop both; on Linux the preview is also told to stop when the editor's
process dies without a word (SIGKILL), so no preview is left running behind it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from ..children import stop_with_parent
from ..errors import BadArgument, ConfigError, GuidebookError
from ..site.citations import language_name
from .server import DECAP_DIST, EditorServer

STOPPING = (signal.SIGTERM, signal.SIGHUP)


class _Stop(Exception):
    """A signal asked the editor to stop."""


def run(
    project: Path, port: int, preview_port: int, say: Callable[[str], None], author: str | None = None, renderer=None
) -> None:
    """The editor and the live preview on 127.0.0.1, both stopped by Ctrl-C or SIGTERM.

    `renderer`: makes the one-page renderer of the editor's preview pane from the project (server.py)."""
    editor_dir = project / "editor"
    if not (editor_dir / DECAP_DIST / "decap-cms.js").is_file():
        raise ConfigError(
            "Decap CMS is not installed in editor/node_modules: run `make edit`, which installs it with npm ci"
        )
    try:
        server = EditorServer(("127.0.0.1", port), project, editor_dir, preview_port, author, renderer)
    except OSError as error:
        raise BadArgument(
            "--port", f"cannot listen on 127.0.0.1:{port} ({error.strerror}); give another port"
        ) from None
    previous = {number: signal.signal(number, _raise_stop) for number in STOPPING}
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started where SIGINT is ignored
    preview = None
    try:
        preview = subprocess.Popen(  # before the server's thread: preexec_fn runs in the forked child
            [
                Path(sys.executable).with_name("guidebook"),
                "--project",
                str(project),
                "serve",
                "--port",
                str(preview_port),
            ],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            preexec_fn=stop_with_parent,
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        _announce(server, preview_port, say)
        status = preview.wait()
        raise GuidebookError(
            f"the live preview (guidebook serve) stopped with exit code {status}; the editor was stopped too"
        )
    except (KeyboardInterrupt, _Stop):
        say("\nStopping the editor and the live preview.")
    finally:
        for number in (*STOPPING, signal.SIGINT):  # a second Ctrl-C must not cut the stopping short
            signal.signal(number, signal.SIG_IGN)
        _end(preview)
        server.shutdown()
        server.server_close()
        for number, handler in {**previous, signal.SIGINT: signal.default_int_handler}.items():
            signal.signal(number, handler)


def _announce(server: EditorServer, preview_port: int, say: Callable[[str], None]) -> None:
    address, workflow = server.address, server.api.workflow
    others = [code for code in server.interfaces if code != server.languages.default]
    say(
        f"Editor:       {address}/admin/"
        + "".join(f" ({language_name(code, 'en')} interface: {address}/admin/{code}/)" for code in others)
    )
    say(
        f"Live preview: http://127.0.0.1:{preview_port}/ (starting"
        + "".join(f"; {language_name(code, 'en')} at /{code}/" for code in others)
        + ")"
    )
    if workflow:
        say(
            f"Saves:        each change a Git branch (cms/...), committed as {workflow.author.name}; Publish merges it into {workflow.main}"
        )
    else:
        say(
            "Saves:        written to the project's files (it is not a Git repository with a branch main: no review step)"
        )
    say("Press Ctrl-C to stop both.")


def _raise_stop(number: int, frame: object) -> None:
    raise _Stop(signal.Signals(number).name)


def _end(preview: subprocess.Popen | None) -> None:
    if preview is None or preview.poll() is not None:
        return
    preview.terminate()
    try:
        preview.wait(timeout=10)
    except subprocess.TimeoutExpired:
        preview.kill()
        preview.wait()
