"""`guidebook publish user@host:/folder` against a real OpenSSH server (Debian's openssh-server), started by the test
on 127.0.0.1 with throw-away keys, as the CI deploy job publishes (issue 25)."""

from __future__ import annotations

import getpass
import http.client
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from guidebook.publish import manifest, nginx
from guidebook.publish.compress import precompress
from guidebook.publish.nginx import free_port
from sites import tree_hashes

GUIDEBOOK = Path(sys.executable).parent / "guidebook"
SSHD = "/usr/sbin/sshd"


@pytest.fixture
def sshd(tmp_path):
    """An sshd on a free loopback port accepting one throw-away key; yields the ssh command that reaches it."""
    assert Path(SSHD).exists(), (
        "sshd is missing: make test installs Debian's openssh-server (apt-get install openssh-server)"
    )
    keys = tmp_path / "keys"
    keys.mkdir()
    for name in ("host", "client"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)], check=True)
    shutil.copy(keys / "client.pub", keys / "authorized_keys")
    port = free_port()
    host_key = " ".join((keys / "host.pub").read_text().split()[:2])  # its type and key, without the comment
    (keys / "known_hosts").write_text(f"[127.0.0.1]:{port} {host_key}\n")
    config = keys / "sshd_config"
    config.write_text(f"""Port {port}
ListenAddress 127.0.0.1
HostKey {keys / "host"}
AuthorizedKeysFile {keys / "authorized_keys"}
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PidFile {keys / "sshd.pid"}
""")
    Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege separation folder, which the service would make
    log = keys / "sshd.log"  # what it says, logins included (_logins)
    server = subprocess.Popen([SSHD, "-D", "-E", str(log), "-f", str(config)])
    ssh = f"ssh -F /dev/null -i {keys / 'client'} -p {port} -o IdentitiesOnly=yes -o UserKnownHostsFile={keys / 'known_hosts'} -o StrictHostKeyChecking=yes"
    deadline = time.monotonic() + 10
    while (
        subprocess.run(
            [*ssh.split(), "-o", "BatchMode=yes", f"{getpass.getuser()}@127.0.0.1", "true"], capture_output=True
        ).returncode
        != 0
    ):
        assert server.poll() is None and time.monotonic() < deadline, (
            log.read_text() if server.poll() is not None else "sshd did not answer"
        )
        time.sleep(0.1)
    yield ssh, keys
    server.terminate()
    server.wait(timeout=10)


def _logins(keys: Path) -> int:
    """How many times the test's sshd let a client in so far."""
    return (keys / "sshd.log").read_text().count("Accepted publickey")


def _publish(ssh: str, dest: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(GUIDEBOOK), "publish", "--ssh", ssh, *options, dest], capture_output=True, text=True, timeout=300
    )


def test_publish_and_roll_back_over_ssh(sshd, base_site, tmp_path):
    ssh, keys = sshd
    remote = tmp_path / "server" / "srv" / "prepare-guidebook"
    dest = f"{getpass.getuser()}@127.0.0.1:{remote}"
    first = manifest.verify(base_site.site).release_id
    logins = _logins(keys)
    done = _publish(ssh, dest, "--site", str(base_site.site))
    assert done.returncode == 0, done.stderr
    assert _logins(keys) == logins + 1, "the publish's steps did not share one connection"
    assert f"release {first} copied and published; current was nothing" in done.stdout
    assert os.readlink(remote / "current") == f"releases/{first}"
    assert tree_hashes(remote / "current") == tree_hashes(base_site.site)  # every file, the manifest included

    second_site = tmp_path / "second"
    shutil.copytree(base_site.site, second_site)
    (second_site / "index.html").write_text(
        (second_site / "index.html").read_text().replace("</body>", "<!-- second --></body>")
    )
    precompress(second_site)
    second = manifest.write(second_site, "second").release_id
    done = _publish(ssh, dest, "--site", str(second_site))
    assert done.returncode == 0 and f"release {second} copied and published; current was {first}" in done.stdout, (
        done.stderr
    )
    assert (remote / "history").read_text() == f"{first}\n{second}\n"

    server = nginx.start(remote / "current")  # the server's folder, served by the shipped configuration
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", "/")
        assert b"<!-- second -->" in connection.getresponse().read()
    finally:
        server.stop()

    logins = _logins(keys)
    done = _publish(ssh, dest, "--rollback")
    assert done.returncode == 0 and f"current is {first} again (was {second})" in done.stdout, done.stderr
    assert _logins(keys) == logins + 1
    assert os.readlink(remote / "current") == f"releases/{first}"
    assert sorted(path.name for path in (remote / "releases").iterdir()) == sorted(
        [first, second]
    )  # no .incoming-* left


def test_a_refused_connection_is_said_in_one_line(sshd, base_site, tmp_path):
    ssh, keys = sshd
    (keys / "authorized_keys").write_text("")  # the server no longer knows the key
    done = _publish(ssh, f"{getpass.getuser()}@127.0.0.1:{tmp_path / 'dest'}", "--site", str(base_site.site))
    assert done.returncode == 1
    assert (
        done.stderr.startswith(f"publishing to {getpass.getuser()}@127.0.0.1:{tmp_path / 'dest'} failed: ")
        and "Permission denied" in done.stderr
    )
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "dest" / "current").exists()


WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "guidebook.yml"


def _deploy_job() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["deploy"]


def test_the_ci_deploy_job_runs_on_main_only_and_checks_and_builds_strictly_first():
    job = _deploy_job()
    assert job["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    runs = [step.get("run", "") for step in job["steps"]]
    publish = next(index for index, run in enumerate(runs) if "guidebook publish" in run)
    assert runs.index("make check") < runs.index("make site") < publish
    assert job["concurrency"]["cancel-in-progress"] is False


def test_the_ci_deploy_steps_publish_to_a_real_sshd(sshd, base_site, tmp_path):
    """The workflow's own key and publish steps, run by bash with the secrets pointing at the test's sshd."""
    ssh, keys = sshd
    port = ssh.split(" -p ")[1].split()[0]
    checkout = tmp_path / "checkout"  # as the runner's: the virtual environment and the built site/
    checkout.mkdir()
    (checkout / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (checkout / "site").symlink_to(base_site.site)
    home = tmp_path / "home"
    home.mkdir()
    remote = tmp_path / "server" / "prepare-guidebook"
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "DEPLOY_SSH_KEY": (keys / "client").read_text(),
        "DEPLOY_KNOWN_HOSTS": (keys / "known_hosts").read_text(),
        "DEPLOY_HOST": "127.0.0.1",
        "DEPLOY_USER": getpass.getuser(),
        "DEPLOY_PATH": str(remote),
        "DEPLOY_PORT": port,
    }
    for step in _deploy_job()["steps"]:
        if step.get("name", "").startswith(("The deploy key", "Publish over ssh")):
            done = subprocess.run(
                ["bash", "-e", "-c", step["run"]], cwd=checkout, env=env, capture_output=True, text=True, timeout=300
            )
            assert done.returncode == 0, done.stderr
    assert os.readlink(remote / "current") == f"releases/{manifest.verify(base_site.site).release_id}"
    assert tree_hashes(remote / "current") == tree_hashes(base_site.site)
