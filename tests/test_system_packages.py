"""scripts/system-packages waits for the package manager's lock, saying so in one line, and gives up after its limit.

Run with stand-ins for dpkg-query (every package missing) and apt-get (the lock held for a number of tries), so
the real package manager is never touched.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from sites import PROJECT

HELD = "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)"


@pytest.fixture
def stand_ins(tmp_path):
    """A PATH whose dpkg-query finds nothing installed, whose apt-get fails on the lock while tries remain, and whose
    sleep returns at once."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")
    (bin_dir / "apt-get").write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{tmp_path}/calls"\n'
        f'left=$(cat "{tmp_path}/held")\n'
        f'if [ "$left" -gt 0 ]; then echo $((left - 1)) > "{tmp_path}/held"; echo "{HELD}" >&2; exit 100; fi\n'
    )
    (bin_dir / "id").write_text("#!/bin/sh\necho 0\n")  # as root, whoever runs the test
    # The pause between tries noted, not slept: the tests check its length and do not wait it out.
    (bin_dir / "sleep").write_text(f'#!/bin/sh\necho "$*" >> "{tmp_path}/sleeps"\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    return tmp_path


def run(stand_ins: Path, held: int, timeout: int) -> subprocess.CompletedProcess:
    (stand_ins / "held").write_text(str(held))
    environment = {
        **os.environ,
        "PATH": f"{stand_ins / 'bin'}:{os.environ['PATH']}",
        "APT_LOCK_TIMEOUT": str(timeout),
        "SYSTEM_PACKAGES_LOG": str(stand_ins / "log"),
    }
    return subprocess.run(
        [PROJECT / "scripts/system-packages", "site"], capture_output=True, text=True, env=environment, timeout=60
    )


def test_it_waits_for_the_lock_and_says_so_once(stand_ins):
    result = run(stand_ins, held=2, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Installing Debian packages: libharfbuzz-subset0")
    assert lines[1:] == [
        "Waiting up to 60 s for the package manager's lock, held by process 4242 (apt-get) (APT_LOCK_TIMEOUT sets the limit)"
    ]
    assert (stand_ins / "calls").read_text().count("install") == 3  # two refused, the third through
    assert (stand_ins / "sleeps").read_text().split() == ["3", "3"]  # a pause of 3 s after each refusal


def test_it_gives_up_after_its_limit(stand_ins):
    result = run(stand_ins, held=100, timeout=0)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Waiting up to 0 s for the package manager's lock")
    assert lines[2:] == [
        "The package manager's lock was still held after 0 s: try again when the other apt-get or dpkg has finished",
        f"apt-get could not install libharfbuzz-subset0: see {stand_ins / 'log'}",
    ]
    assert "update" not in (stand_ins / "calls").read_text()  # no refresh of the lists while the lock is held
