"""Where releases are published: a folder of this machine, or one on a server reached with ssh.

Both offer the same few steps (releases.py puts them together): copy a site in as a release, make
`current` point at one, read and replace a small text file, remove a release. Each step is atomic on its
own: a release appears under its name only once copied whole (renamed from `.incoming-*`), and `current` is
a symbolic link replaced by rename(2), so a web server following it serves one release or the other.
The server needs only a POSIX shell, tar and GNU coreutils (`mv -T`).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Refused

RELEASES = "releases"
CURRENT = "current"
# user@host:/path or host:path, as scp writes them (not a local path holding a colon after a slash)
REMOTE = re.compile(r"^(?P<host>[^/:]+):(?P<path>.+)$")


class Local:
    def __init__(self, dest: Path):
        self.dest = dest.resolve()
        self.name = str(self.dest)

    def releases(self) -> list[str]:
        folder = self.dest / RELEASES
        return (
            sorted(path.name for path in folder.iterdir() if not path.name.startswith(".")) if folder.is_dir() else []
        )

    def current(self) -> str | None:
        link = self.dest / CURRENT
        return Path(os.readlink(link)).name if link.is_symlink() else None

    def read(self, name: str) -> str:
        path = self.dest / name
        return path.read_text(encoding="utf-8") if path.is_file() else ""

    def write(self, name: str, text: str) -> None:
        partial = self.dest / f".{name}.new"
        partial.write_text(text, encoding="utf-8")
        partial.replace(self.dest / name)

    def upload(self, site: Path, release: str) -> None:
        folder = self.dest / RELEASES
        folder.mkdir(parents=True, exist_ok=True)
        incoming = folder / f".incoming-{release}-{os.getpid()}"
        shutil.rmtree(incoming, ignore_errors=True)
        shutil.copytree(site, incoming, symlinks=True)
        incoming.rename(folder / release)

    def switch(self, release: str) -> None:
        partial = self.dest / f".{CURRENT}.new"
        partial.unlink(missing_ok=True)
        partial.symlink_to(Path(RELEASES) / release)  # relative: the folder may be moved or mounted elsewhere
        partial.replace(self.dest / CURRENT)

    def remove(self, release: str) -> None:
        shutil.rmtree(self.dest / RELEASES / release)
        # Folders of copies that were interrupted: nothing points at them.
        for stale in (self.dest / RELEASES).glob(".incoming-*"):
            shutil.rmtree(stale, ignore_errors=True)


class Ssh:
    """The same steps on a server, each one ssh command (`ssh` is the command and its options)."""

    def __init__(self, host: str, path: str, ssh: str = "ssh"):
        self.host, self.path, self.ssh = host, path.rstrip("/") or "/", shlex.split(ssh)
        self.name = f"{host}:{self.path}"
        self._shared: list[str] = []  # the options of the connection the steps share, while `connected`

    @contextmanager
    def connected(self) -> Iterator[Ssh]:
        """The steps inside share one connection (OpenSSH's ControlMaster): a publish takes some seven, and each
        otherwise opened its own and authenticated again (a third of a second each even on the loopback). The
        connection ends with the block; were this process killed, it would end after a minute unused."""
        # A folder of its own, for this one connection: its socket's name stays short (a Unix socket's path
        # holds at most about 100 bytes) and no other process's connection can be taken for it.
        with tempfile.TemporaryDirectory(prefix="guidebook-ssh-") as folder:
            self._shared = ["-o", "ControlMaster=auto", "-o", f"ControlPath={folder}/c", "-o", "ControlPersist=60"]
            try:
                yield self
            finally:
                stop = [*self.ssh, *self._shared, "-O", "exit", self.host]
                self._shared = []
                try:
                    subprocess.run(stop, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
                except (OSError, subprocess.TimeoutExpired):
                    pass  # no connection was made (ssh missing, refused): nothing to end

    def _run(self, script: str, stdin=None, data: bytes | None = None) -> str:
        folder = shlex.quote(self.path)
        command = [
            *self.ssh,
            *self._shared,
            "-o",
            "BatchMode=yes",
            self.host,
            f"mkdir -p {folder}/{RELEASES} && cd {folder} && {script}",
        ]
        try:
            done = subprocess.run(command, stdin=stdin, input=data, capture_output=True, timeout=600)
        except FileNotFoundError:
            raise Refused(
                f"cannot publish to {self.name}: the command {self.ssh[0]!r} is missing (install openssh-client)"
            ) from None
        except subprocess.TimeoutExpired:
            raise Refused(f"publishing to {self.name}: the server did not answer within 10 minutes") from None
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise Refused(
                f"publishing to {self.name} failed: {said[-1] if said else f'ssh exited with {done.returncode}'}"
            )
        return done.stdout.decode("utf-8", "replace")

    def releases(self) -> list[str]:
        return sorted(name for name in self._run(f"ls -1 {RELEASES}").split() if not name.startswith("."))

    def current(self) -> str | None:
        target = self._run(f"readlink {CURRENT} || true").strip()
        return Path(target).name if target else None

    def read(self, name: str) -> str:
        return self._run(f"cat {shlex.quote(name)} 2>/dev/null || true")

    def write(self, name: str, text: str) -> None:
        partial = shlex.quote(f".{name}.new")
        self._run(f"cat > {partial} && mv -f {partial} {shlex.quote(name)}", data=text.encode("utf-8"))

    def upload(self, site: Path, release: str) -> None:
        incoming = shlex.quote(f"{RELEASES}/.incoming-{release}")
        script = f"rm -rf {incoming} && mkdir -p {incoming} && tar -xf - -C {incoming} && mv -T {incoming} {RELEASES}/{release}"
        with tempfile.TemporaryFile() as archive:
            with tarfile.open(fileobj=archive, mode="w") as tar:
                for path in sorted(site.iterdir()):
                    tar.add(path, arcname=path.name)
            archive.seek(0)
            self._run(script, stdin=archive)

    def switch(self, release: str) -> None:
        self._run(f"ln -sfn {RELEASES}/{release} .{CURRENT}.new && mv -Tf .{CURRENT}.new {CURRENT}")

    def remove(self, release: str) -> None:
        self._run(f"rm -rf {RELEASES}/{release} {RELEASES}/.incoming-*")


@contextmanager
def target(dest: str, ssh: str = "ssh") -> Iterator[Local | Ssh]:
    """The target `dest` names, for the steps of one command."""
    remote = REMOTE.match(dest)
    if remote and not Path(dest).exists():
        with Ssh(remote["host"], remote["path"], ssh).connected() as server:
            yield server
    else:
        yield Local(Path(dest))
