"""A build killed at any moment leaves site/ whole (the old site or the new one), and the next build clears its leftovers (issue 24, item 5).

Real builds of a fixture project, run as `guidebook build` in their own process group and killed with SIGKILL
(children included) at chosen moments: early, while the French site is built in its own folder, in the
last steps before the manifest and the swap and right after the swap (the old site under the staging name),
then at times spread over a whole build.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from guidebook.errors import Refused
from guidebook.publish import manifest, swap

GUIDEBOOK = Path(sys.executable).parent / "guidebook"


def _start(project: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(GUIDEBOOK), "--project", str(project), "build", "--no-downloads"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill(build: subprocess.Popen) -> None:
    try:
        os.killpg(build.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    build.wait()


def _leftovers(project: Path) -> list[str]:
    return sorted(
        path.name for path in project.iterdir() if "-building-" in path.name or path.name.endswith("-previous")
    )


def _release(site: Path) -> str:
    """The release of a complete, unchanged site (manifest.verify refuses anything else)."""
    return manifest.verify(site).release_id


def _kill_when(project: Path, moment, timeout: float = 120) -> bool:
    """Start a build and SIGKILL it when `moment(project)` holds; False when the build ended first."""
    build = _start(project)
    deadline = time.monotonic() + timeout
    try:
        while build.poll() is None and time.monotonic() < deadline:
            if moment(project):
                _kill(build)
                return True
            time.sleep(0.002)
        return False
    finally:
        _kill(build)


def _staging(project: Path) -> list[Path]:
    return [path for path in project.glob(".site-building-*")]


def _french_folder_exists(project: Path) -> bool:
    return any(project.glob("..site-building-*-fr-*"))


def _serving_files_written(project: Path) -> bool:
    """The last steps have begun (publish/serving.py writes robots.txt first): the pages are written, the asset
    names, compressed copies and manifest to come. (Since the compressed copies are cached, the steps after the
    header policy's folder are over too quickly to be caught on a loaded machine.)"""
    return any((path / "robots.txt").is_file() for path in _staging(project))


def _old_site_under_staging_name(old_release: str, marker: str):
    """The old site moved to the staging name by the exchange: its manifest, or a folder only it holds (`marker`),
    whichever its removal has not reached yet."""

    def moment(project: Path) -> bool:
        for path in _staging(project):
            if (path / marker).is_dir():
                return True
            try:
                if old_release in (path / manifest.MANIFEST).read_text(encoding="utf-8"):
                    return True
            except OSError:
                pass
        return False

    return moment


def _change_content(project: Path, round_: int) -> None:
    home = project / "docs" / "index.en.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\nRevision {round_}.\n", encoding="utf-8")


def test_a_killed_build_leaves_the_old_or_the_new_site_never_none(project):
    started = time.monotonic()
    assert (
        subprocess.run(
            [str(GUIDEBOOK), "--project", str(project), "build", "--no-downloads"], capture_output=True
        ).returncode
        == 0
    )
    duration = time.monotonic() - started
    site = project / "site"
    seen = {_release(site)}
    moments = [
        ("early", lambda p: bool(_staging(p))),
        ("french site building", _french_folder_exists),
        ("finishing for serving, before the manifest and the swap", _serving_files_written),
    ]
    hit = []
    for round_, (name, moment) in enumerate(moments):
        _change_content(project, round_)
        hit.append((name, _kill_when(project, moment)))
        seen.add(_release(site))  # whole: complete and unchanged
    # Right after the exchange: the new site in place, the old one not yet removed. Many small files in the old
    # site make its removal last long enough to be caught on a busy machine.
    _change_content(project, len(moments))
    old_release = _release(site)
    padding = site / "padding"
    padding.mkdir()
    for number in range(20_000):
        (padding / str(number)).touch()
    hit.append(("just after the swap", _kill_when(project, _old_site_under_staging_name(old_release, "padding"))))
    seen.add(_release(site))
    left_behind = bool(_leftovers(project))
    for step in range(8):  # then at moments spread over a build
        _change_content(project, 10 + step)
        build = _start(project)
        time.sleep(duration * (step + 0.5) / 8)
        _kill(build)
        seen.add(_release(site))
        left_behind |= bool(_leftovers(project))  # each build removes the last one's, so look after every kill
    assert [name for name, killed in hit if not killed] == []
    assert left_behind, "the kills left no staging folder: the test did not kill a build mid-way"
    assert (
        subprocess.run(
            [str(GUIDEBOOK), "--project", str(project), "build", "--no-downloads"], capture_output=True
        ).returncode
        == 0
    )
    assert _leftovers(project) == []
    assert "Revision 17." in (site / "index.html").read_text(encoding="utf-8")
    assert len(seen) >= 2


def test_only_the_leftovers_of_dead_builds_are_removed(tmp_path):
    site = tmp_path / "site"
    dead = 2**22 + 12345  # above the kernel's default pid_max: no such process
    for name in (
        f".site-building-{dead}-abc",
        f"..site-building-{dead}-abc-fr-xyz",
        f".site-building-{os.getpid()}-mine",
        f".other-building-{dead}-abc",
        ".site-previous",
    ):
        (tmp_path / name).mkdir()
    removed = {path.name for path in swap.remove_leftovers(site)}
    assert removed == {f".site-building-{dead}-abc", f"..site-building-{dead}-abc-fr-xyz", ".site-previous"}
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [f".other-building-{dead}-abc", f".site-building-{os.getpid()}-mine"]
    )


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path):
    old, new = tmp_path / "site", tmp_path / "staging"
    old.mkdir(), new.mkdir()
    (old / "old.txt").write_text("old"), (new / "new.txt").write_text("new")
    swap.put_in_place(new, old)
    assert [path.name for path in tmp_path.iterdir()] == ["site"] and (old / "new.txt").is_file()


def test_a_site_without_its_manifest_or_changed_since_is_refused(base_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(base_site.site, site, symlinks=True)  # a copy of the run's build of the fixture project
    _release(site)
    (site / "index.html").write_text("changed", encoding="utf-8")
    with pytest.raises(Refused, match=r"differs from the build that made it \(1 file\(s\), e.g. index.html\)"):
        _release(site)
    (site / manifest.MANIFEST).unlink()
    with pytest.raises(Refused, match="was not built completely"):
        _release(site)


def test_a_site_that_was_a_link_is_replaced_and_its_target_left_alone(tmp_path):
    elsewhere, site, new = tmp_path / "elsewhere", tmp_path / "site", tmp_path / "staging"
    elsewhere.mkdir(), new.mkdir()
    (elsewhere / "kept.txt").write_text("kept")
    site.symlink_to(elsewhere)
    swap.put_in_place(new, site)
    assert not site.is_symlink() and site.is_dir() and not new.exists() and (elsewhere / "kept.txt").is_file()
