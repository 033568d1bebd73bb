"""`guidebook serve` (guidebook/publish/live.py): a saved page served again within a second, the same page the
full build then writes, a refused save shown and not published, and only its own pages served."""

import http.client
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from guidebook.publish.live import READY, LivePreview
from guidebook.publish.live_http import SCRIPT_TAG
from sites import base_files, write_project

SERVED_BOUND = 5.0  # seconds from a save to the page served (0.17-0.6 s measured, the machine loaded 14-29 on 2 cores)


@pytest.fixture
def live(tmp_path):
    project = write_project(tmp_path / "project", base_files())
    said: list[str] = []
    preview = LivePreview(project, tmp_path / "live-site", said.append)
    server = preview.start(0)
    deadline = time.monotonic() + 120
    while READY not in said:
        assert time.monotonic() < deadline, said
        time.sleep(0.05)
    _wait_for_builds(preview)
    yield preview, server.port, said
    server.shutdown()
    preview.stop()


def _wait_for_builds(preview, timeout=120):
    deadline = time.monotonic() + timeout
    while preview._build_wanted.is_set() or preview.building:
        assert time.monotonic() < deadline, "the background build did not finish"
        time.sleep(0.05)


def fetch(port, path, host=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
    answer = connection.getresponse()
    return answer.status, answer.read()


def sheet_of(preview):
    path = sorted((preview.project / "practice_sheets").glob("*.en.md"))[0]
    return path, "/practice-sheets/" + path.name.removesuffix(".en.md") + "/"


def poll(port, url, wanted: bytes, bound: float) -> tuple[float, bytes]:
    started = time.monotonic()
    while True:
        status, body = fetch(port, url)
        if wanted in body:
            return time.monotonic() - started, body
        assert time.monotonic() - started < bound, f"not served within {bound} s"
        time.sleep(0.01)


def test_a_saved_page_is_served_within_a_second_and_is_the_page_the_full_build_writes(live):
    preview, port, said = live
    path, url = sheet_of(preview)
    version = fetch(port, "/.guidebook/version")[1]
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence saved just now.\n", encoding="utf-8")
    started = time.monotonic()
    elapsed, fresh = poll(port, url, b"A sentence saved just now.", SERVED_BOUND)
    assert elapsed < SERVED_BOUND
    while not any(
        ": served again (en, fr)" in line for line in said
    ):  # the French page after it: it inherits from the English
        assert time.monotonic() - started < 30, said
        time.sleep(0.01)
    assert int(fetch(port, "/.guidebook/version")[1]) > int(version)  # what the page's live-reload script asks
    _wait_for_builds(preview)
    built = (preview.site_dir / url.strip("/") / "index.html").read_bytes()
    assert fresh == built.replace(b"</body>", SCRIPT_TAG + b"</body>", 1)  # byte for byte, hashed asset names included
    status, after = fetch(port, url)
    assert status == 200 and after == fresh
    assert time.monotonic() - started < 120


def test_a_burst_of_change_events_is_one_render(live):
    preview, port, said = live
    path, url = sheet_of(preview)
    text = path.read_text(encoding="utf-8")
    for number in range(3):  # an editor writing a file in steps
        path.write_text(text + f"\nStep {number}.\n", encoding="utf-8")
        time.sleep(0.01)
    poll(port, url, b"Step 2.", SERVED_BOUND)
    time.sleep(0.5)
    assert sum(": served again (" in line for line in said) == 1, said


def test_a_save_the_build_refuses_is_shown_with_its_problems_and_not_published(live):
    preview, port, said = live
    path, url = sheet_of(preview)
    before = (preview.site_dir / url.strip("/") / "index.html").read_bytes()
    path.write_text(path.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    _, body = poll(port, url, b"is not published: the build would refuse it", SERVED_BOUND)
    assert b"&lt;script&gt; is not allowed" in body and b"<script>alert" not in body
    assert any("is not published" in line and ".en.md:" in line for line in said)
    _wait_for_builds(preview)
    assert (preview.site_dir / url.strip("/") / "index.html").read_bytes() == before  # the full build refused it too


def test_the_server_answers_only_its_own_address_and_files(live):
    preview, port, _ = live
    assert fetch(port, "/", host="attacker.example:80")[0] == 421
    assert fetch(port, "/../../etc/passwd")[0] == 400
    assert fetch(port, "/%2e%2e/%2e%2e/etc/passwd")[0] == 400
    assert fetch(port, "/.git/config")[0] == 400
    assert fetch(port, "/no-such-page/")[0] == 404
    status, script = fetch(port, "/.guidebook/live.js")
    assert status == 200 and b"/.guidebook/version" in script
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/", method="POST", data=b"x"))


def test_a_project_that_does_not_build_yet_is_served_once_mended(tmp_path):
    files = base_files()
    broken = files["docs/index.en.md"].replace("title:", "titel:", 1)
    project = write_project(tmp_path / "project", {**files, "docs/index.en.md": broken})
    said: list[str] = []
    preview = LivePreview(project, tmp_path / "live-site", said.append)
    server = preview.start(0)
    try:
        deadline = time.monotonic() + 120
        while not any("docs/index.en.md" in line and "mend the files" in line for line in said):
            assert time.monotonic() < deadline, said
            time.sleep(0.05)
        assert fetch(server.port, "/")[0] == 404
        (project / "docs/index.en.md").write_text(files["docs/index.en.md"], encoding="utf-8")
        _, home = poll(server.port, "/", b"Welcome.", 180)
        deadline = time.monotonic() + 120
        while READY not in said:  # the one-page preview reads the site once it builds
            assert time.monotonic() < deadline, said
            time.sleep(0.05)
    finally:
        server.shutdown()
        preview.stop()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_stopped_while_it_starts_it_ends_quietly(tmp_path, stop):
    """Ctrl-C or SIGTERM as soon as the address shows: the first build and the renderer's reading of the site
    are cut short, which is neither a refused build nor a crash, and nothing is said of either."""
    project = write_project(tmp_path / "project", base_files())
    command = [Path(sys.executable).with_name("guidebook"), "--project", str(project), "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout.readline().startswith("Live preview: http://127.0.0.1:")
        time.sleep(0.5)  # into the first build and the renderer's reading, which take seconds
        server.send_signal(stop)
        said = server.communicate(timeout=60)[1]
    finally:
        server.kill()
    assert server.returncode == 0, said
    assert "Traceback" not in said and "failed" not in said and "mend" not in said, said
