"""`make edit` (guidebook edit): the editor and the live preview, both stopped by Ctrl-C."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sites import PROJECT


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _preview_pid(editor_pid: int) -> int:
    children = Path(f"/proc/{editor_pid}/task/{editor_pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def _gone(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except FileNotFoundError:
        return True
    return status == "Z"  # ended, not yet reaped by its parent


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_serve_prints_both_addresses_serves_both_and_a_signal_stops_both(project, stop):
    (project / "editor").symlink_to(PROJECT / "editor")
    editor_port, preview_port = _free_port(), _free_port()
    command = [
        Path(sys.executable).with_name("guidebook"),
        "--project",
        str(project),
        "edit",
        "--port",
        str(editor_port),
        "--preview-port",
        str(preview_port),
    ]
    # Started as a shell's background job is, with SIGINT ignored: Ctrl-C must stop it all the same.
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        printed = [server.stdout.readline() for _ in range(3)]
        assert printed[0].startswith(f"Editor:       http://127.0.0.1:{editor_port}/admin/"), printed
        assert printed[1].startswith(f"Live preview: http://127.0.0.1:{preview_port}/"), printed
        deadline = time.monotonic() + 60
        while not (
            _answers(f"http://127.0.0.1:{preview_port}/") and _answers(f"http://127.0.0.1:{editor_port}/admin/fr/")
        ):
            assert time.monotonic() < deadline, "the editor or the live preview did not answer within a minute"
            assert server.poll() is None, server.stdout.read()
            time.sleep(0.05)
        preview = _preview_pid(server.pid)
        server.send_signal(stop)
        rest = server.communicate(timeout=60)[0]  # 1-11 s measured, the machine loaded 4-12 on 2 cores
        deadline = time.monotonic() + 10
        while not _gone(preview):  # after SIGKILL the preview is told by the kernel (PR_SET_PDEATHSIG)
            assert time.monotonic() < deadline, "the live preview is still running after the editor stopped"
            time.sleep(0.05)
    finally:
        if server.poll() is None:
            server.kill()
    if stop != signal.SIGKILL:
        assert "Stopping the editor and the live preview." in rest and server.returncode == 0
    assert "Traceback" not in rest
    assert not _answers(f"http://127.0.0.1:{editor_port}/admin/") and not _answers(f"http://127.0.0.1:{preview_port}/")


def test_a_busy_port_is_said_in_one_line_without_starting_anything(project):
    (project / "editor").symlink_to(PROJECT / "editor")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [Path(sys.executable).with_name("guidebook"), "--project", str(project), "edit", "--port", str(port)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert (
        result.stderr
        == f"Error: Invalid value for --port: cannot listen on 127.0.0.1:{port} (Address already in use); give another port\n"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_without_decap_installed_the_editor_says_how_to_install_it(project):
    result = subprocess.run(
        [Path(sys.executable).with_name("guidebook"), "--project", str(project), "edit"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert (
        result.stderr
        == "Decap CMS is not installed in editor/node_modules: run `make edit`, which installs it with npm ci\n"
    )
