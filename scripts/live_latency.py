"""Save -> page served, with `guidebook serve`: the time from writing a page until the served page shows it.

    .venv/bin/python scripts/live_latency.py [--sheets N] [--runs 5]

Starts `guidebook serve` on a free port on a copy of the project (with N generated practice sheets per language,
scripts/bench.py's generator, when --sheets is given), waits until its one-page preview is ready, then saves a
practice sheet RUNS times, each time polling the served page every 10 ms until the change appears. Prints each
time, the median, and the time the background full build took after a save.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402 - the generator of large sites

SHEET = "practice_sheets/rotterdam-case-management.en.md"
URL = "practice-sheets/rotterdam-case-management/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read().decode("utf-8")


def served(url: str) -> bool:
    try:
        fetch(url)
    except OSError:  # 404 until the first build is in place
        return False
    return True


def measure(project: Path, runs: int, pause: float) -> dict:
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("guidebook")), "--project", str(project), "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: list[tuple[float, str]] = []
    ready = threading.Event()

    def read() -> None:
        for line in server.stderr:
            lines.append((time.monotonic(), line.rstrip()))
            if line.startswith("The one-page preview is ready"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    started = time.monotonic()
    try:
        if not ready.wait(3600):
            raise SystemExit("the preview did not get ready:\n" + "\n".join(line for _, line in lines))
        while not served(f"http://127.0.0.1:{port}/{URL}"):  # the first full build, in the background
            time.sleep(0.5)
        warm = time.monotonic() - started
        sheet = project / SHEET
        original = sheet.read_text(encoding="utf-8")
        times = []
        for run in range(runs):
            time.sleep(pause)
            marker = f"Latency marker {run} {time.time_ns()}."
            began = time.monotonic()
            sheet.write_text(original.replace("\n## Context\n", f"\n## Context\n\n{marker}\n", 1), encoding="utf-8")
            while marker not in fetch(f"http://127.0.0.1:{port}/{URL}"):
                if time.monotonic() - began > 120:
                    raise SystemExit("the change was not served within 120 s")
                time.sleep(0.01)
            times.append(time.monotonic() - began)
        sheet.write_text(original, encoding="utf-8")
        result = {
            "warm_s": round(warm, 2),
            "save_to_served_s": [round(t, 3) for t in times],
            "median_s": round(statistics.median(times), 3),
        }
        print(result, flush=True)
        return result
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            print("the preview did not stop within 60 s of SIGTERM:\n" + "\n".join(line for _, line in lines[-20:]))
            server.kill()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sheets", type=int, default=0, help="generated practice sheets per language (0: the real size)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--pause", type=float, default=2.0, help="seconds between saves (the full build of the last one runs meanwhile)"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="live-latency-") as work:
        project = bench.copy_project(Path(work) / "project")
        if options.sheets:
            bench.generate_sheets(project, options.sheets)
        measure(project, options.runs, options.pause)


if __name__ == "__main__":
    main()
