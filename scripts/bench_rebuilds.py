"""The rebuild measures of `make bench` (issue 29): `guidebook build` cold, with nothing changed, after one edit.

Each run is the command as `make site` runs it, in a process of its own (its imports included), on a project the
benchmark made: first cold (no site, no stamp), then with nothing changed, then after one practice sheet's body
was edited (a sentence added, another each run). Other measures of the same site plug in through HOOKS.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

GUIDEBOOK = Path(sys.executable).parent / "guidebook"
STAMPS = Path(".cache") / "builds"  # guidebook/buildstamp.py
# Further measures of a benchmark's project and its built site, by name: measure(project, site) -> dict.
# Issue 29's live preview (save to served page) and search (bytes of a first query) are measured by their own
# branches; until they register here, the JSON says null.
HOOKS: dict[str, Callable[[Path, Path], dict] | None] = {"preview_latency": None, "search_bytes": None}


def timed_build(project: Path, site: Path, *, downloads: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one command; CPU time (the command's and its children's) holds on a busy machine."""
    command = [
        str(GUIDEBOOK),
        "--project",
        str(project),
        "build",
        str(site),
        *([] if downloads else ["--no-downloads"]),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def edit_sheet(sheet: Path, run: int) -> None:
    with sheet.open("a", encoding="utf-8") as file:
        file.write(f"\nA sentence added by the benchmark, run {run}.\n")


def rebuilds(project: Path, site: Path, sheet: Path, runs: int, *, downloads: bool = False) -> dict:
    """Cold, unchanged and one-edit builds of `project` into `site` with the command; medians of `runs`."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / STAMPS, ignore_errors=True)
    cold = timed_build(project, site, downloads=downloads)
    unchanged = [timed_build(project, site, downloads=downloads) for _ in range(runs)]
    edited = []
    for run in range(runs):
        edit_sheet(sheet, run)
        edited.append(timed_build(project, site, downloads=downloads))
    return {
        "downloads": downloads,
        "cold_seconds": round(cold[0], 3),
        "cold_cpu_seconds": round(cold[1], 3),
        **_medians("unchanged", unchanged),
        **_medians("one_edit", edited),
    }


def _medians(name: str, runs: list[tuple[float, float]]) -> dict:
    return {
        f"{name}_seconds": round(statistics.median(wall for wall, _ in runs), 3),
        f"{name}_cpu_seconds": round(statistics.median(cpu for _, cpu in runs), 3),
        f"{name}_runs": [round(wall, 3) for wall, _ in runs],
    }


def hooks(project: Path, site: Path) -> dict:
    return {name: (measure(project, site) if measure else None) for name, measure in HOOKS.items()}


def table_lines(report: dict) -> list[str]:
    lines = [
        "",
        "| N per language | command cold (s, CPU s) | unchanged (s, CPU s) | one sheet edited (s, CPU s) |",
        "|---|---|---|---|",
    ]
    rows = [(str(size["n"]), size["rebuilds"]) for size in report["sizes"] if "rebuilds" in size]
    rows += [
        (label, report[key])
        for label, key in (("real, HTML only", "real_rebuilds"), ("real, make site", "real_site_rebuilds"))
        if key in report
    ]
    for label, r in rows:
        lines.append(
            f"| {label} | {r['cold_seconds']:.2f}, {r['cold_cpu_seconds']:.2f} | {r['unchanged_seconds']:.2f}, {r['unchanged_cpu_seconds']:.2f} "
            f"| {r['one_edit_seconds']:.2f}, {r['one_edit_cpu_seconds']:.2f} |"
        )
    return lines
