"""Publishing under load: readers never get an error or a page mixing two releases while releases switch (issue 25).

Debian's nginx serves DEST/current on a loopback port; eight readers ask for every page of the fixture site over
and over (at least 3,000 requests, at most 200,000: the loop stops by itself once the publishing is over) while ten
releases are published and the last one rolled back. Each reader pauses 5 ms between requests, some 1,400 a second in
all: without the pause the readers' threads took the publishing's own time (they share its process) and each publish
took ten times longer (0.5-1.6 s instead of 0.05-0.1 s); the readers see every release either way. Each release
differs in every page, so a page is checked byte for byte against the pages of the releases: it must be exactly one
of them.
"""

from __future__ import annotations

import http.client
import shutil
import threading
import time
from pathlib import Path

from guidebook.publish import manifest, nginx, releases
from guidebook.publish.compress import precompress
from guidebook.publish.targets import Local

READERS = 8
MIN_REQUESTS, MAX_REQUESTS = 3000, 200_000  # the cap only bounds the loop
PUBLISHES = 10
PAUSE = 0.005  # s, between a reader's requests


def _variant(site: Path, folder: Path, number: int, first: Path | None) -> tuple[str, dict[str, bytes]]:
    """A copy of `site` whose every page says it is release `number`; its release id and pages. The compressed
    copies of the files it shares with the `first` variant are taken from there, as a build takes its last site's."""
    shutil.copytree(site, folder)
    pages = {}
    for page in folder.rglob("*.html"):
        html = page.read_bytes().replace(b"</body>", f"<!-- release {number} --></body>".encode())
        page.write_bytes(html)
        path = page.relative_to(folder).as_posix()
        pages["/" + path.removesuffix("index.html")] = html
    precompress(folder, previous=first)
    return manifest.write(folder, f"load{number:02d}").release_id, pages


class Readers:
    def __init__(self, port: int, expected: dict[str, list[bytes]]):
        self.port, self.expected = port, expected
        self.paths = sorted(expected)
        self.requests = self.failures = 0
        self.problems: list[str] = []
        self.seen: set[int] = set()
        self.lock = threading.Lock()
        self.publishing_done = threading.Event()

    def read(self, reader: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        turn = reader
        while True:
            with self.lock:
                if self.requests >= MAX_REQUESTS or (self.requests >= MIN_REQUESTS and self.publishing_done.is_set()):
                    break
                self.requests += 1
            path = self.paths[turn % len(self.paths)]
            turn += READERS
            time.sleep(PAUSE)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read()
                problem = None if response.status == 200 else f"{path}: status {response.status}"
                if problem is None and body not in self.expected[path]:
                    problem = f"{path}: not a whole page of one release ({len(body)} bytes)"
            except (OSError, http.client.HTTPException) as error:
                problem = f"{path}: {error!r}"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            with self.lock:
                if problem:
                    self.failures += 1
                    self.problems.append(problem)
                else:
                    self.seen.add(self.expected[path].index(body))
        connection.close()


def test_ten_publishes_and_a_rollback_under_load_lose_no_request_and_mix_no_release(base_site, tmp_path):
    variants, expected = [], {}
    for number in range(PUBLISHES + 1):  # release 0 is online when the readers start
        release, pages = _variant(
            base_site.site, tmp_path / f"variant{number}", number, variants[0][0] if variants else None
        )
        variants.append((tmp_path / f"variant{number}", release))
        for path, html in pages.items():
            expected.setdefault(path, []).append(html)
    dest = tmp_path / "dest"
    target = Local(dest)
    releases.publish(variants[0][0], target)
    server = nginx.start(dest / "current")
    readers = Readers(server.port, expected)
    threads = [threading.Thread(target=readers.read, args=(number,)) for number in range(READERS)]
    switch_times = []
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        for folder, release in variants[1:]:
            before = time.monotonic()
            done = releases.publish(folder, target)
            switch_times.append(time.monotonic() - before)
            assert done.release == release and done.copied
            time.sleep(0.1)
        rolled = releases.rollback(target)
        readers.publishing_done.set()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        readers.publishing_done.set()
        server.stop()
    elapsed = time.monotonic() - started
    print(
        f"\nload: {readers.requests} requests by {READERS} readers in {elapsed:.1f} s, {readers.failures} failed; "
        f"{PUBLISHES} publishes ({min(switch_times):.2f}-{max(switch_times):.2f} s each, copy included) and 1 rollback; "
        f"releases seen by readers: {sorted(readers.seen)}; kept: {target.releases()}"
    )
    assert readers.problems == []
    assert MIN_REQUESTS <= readers.requests < MAX_REQUESTS  # below the cap: the readers read during every switch
    assert rolled.release == variants[-2][1] and target.current() == variants[-2][1]
    assert len(readers.seen) >= 5, "the readers did not see the releases switch"
    assert len(target.releases()) == releases.KEEP
