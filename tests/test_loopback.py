"""The editor's and the live preview's servers stop promptly (guidebook/loopback.py): Ctrl-C, and every test that
stops one, no longer waits for the standard library's half-second check for a stop."""

from __future__ import annotations

import threading
import time

import pytest

from guidebook.cms.server import EditorServer
from guidebook.publish.live_http import LivePages, LiveServer
from sites import PROJECT, base_files, write_project

BOUND = 0.3  # seconds; the standard library's serve_forever, asked 10 ms after it starts, takes 0.49 s
TRIES = 3  # the quickest stop is judged: a loaded machine may delay any one of them, not the checking itself


@pytest.mark.parametrize("kind", ["editor", "live preview"])
def test_a_server_stops_within_a_fraction_of_a_second(tmp_path, kind):
    project = write_project(tmp_path / "project", base_files())
    stops = []
    for _ in range(TRIES):
        if kind == "editor":
            server = EditorServer(("127.0.0.1", 0), project, PROJECT / "editor")
        else:
            server = LiveServer(0, LivePages(tmp_path / "site"))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        time.sleep(0.01)  # into its first wait for a request
        started = time.monotonic()
        server.shutdown()
        stops.append(time.monotonic() - started)
        server.server_close()
    assert min(stops) < BOUND, stops
