"""A private nginx serving a built site through the shipped configuration (deploy/nginx/), on 127.0.0.1.

For `make preview-prod` and the tests: Debian's nginx, started in the foreground with its own prefix
(configuration, logs, temporary files, pid), the shipped server file with only its port and site folder
replaced, so what is tested is what Efus installs.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .. import PACKAGE_DIR
from ..children import stop_with_parent
from ..errors import GuidebookError

DEPLOY = PACKAGE_DIR.parent / "deploy" / "nginx"
SERVER_FILE = "prepare-guidebook.conf"
SHIPPED_ROOT = "/srv/prepare-guidebook/current"
SHIPPED_LISTEN = "    listen 80;\n    listen [::]:80;\n"
NGINX = "nginx"


class NginxFailed(GuidebookError):
    """nginx is missing, refused the configuration or did not start."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_block(root: Path, port: int) -> str:
    """The shipped server, listening on 127.0.0.1:port and serving `root`."""
    shipped = (DEPLOY / SERVER_FILE).read_text(encoding="utf-8")
    if SHIPPED_LISTEN not in shipped or SHIPPED_ROOT not in shipped:
        raise NginxFailed(
            f"{DEPLOY / SERVER_FILE} no longer has the lines the preview replaces ({SHIPPED_LISTEN.strip()}, {SHIPPED_ROOT})"
        )
    return shipped.replace(SHIPPED_LISTEN, f"    listen 127.0.0.1:{port};\n").replace(SHIPPED_ROOT, str(root))


def main_config(root: Path, port: int, prefix: Path) -> str:
    # Started as root, nginx's workers would drop to `nobody`, who may not read a private folder: they run
    # as the site's owner instead (as they run as www-data, the owner of /srv/..., on a server).
    user = f"user {pwd.getpwuid(root.stat().st_uid).pw_name};\n" if os.geteuid() == 0 else ""
    temporary = "\n".join(
        f"    {kind}_temp_path {prefix}/tmp/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes 1;
error_log {prefix}/error.log warn;
pid {prefix}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temporary}
{server_block(root, port)}
}}
"""


@dataclass
class Server:
    process: subprocess.Popen
    prefix: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.prefix, ignore_errors=True)


def start(root: Path, port: int | None = None) -> Server:
    """nginx serving `root` (a built site, or a `current` link) on 127.0.0.1; NginxFailed saying why not."""
    if shutil.which(NGINX) is None and not Path("/usr/sbin/nginx").exists():
        raise NginxFailed("nginx is missing: install Debian's package (apt-get install nginx; make test installs it)")
    root = root.absolute()
    if not (root / ".release" / "csp.conf").is_file():
        raise NginxFailed(f"{root} is not a complete built site (no .release/csp.conf): build it first (make site)")
    port = port or free_port()
    prefix = Path(tempfile.mkdtemp(prefix="guidebook-nginx-"))
    prefix.chmod(0o755)
    (prefix / "tmp").mkdir()
    os.symlink(DEPLOY, prefix / "prepare-guidebook")  # the shipped files, where the server file includes them
    config = prefix / "nginx.conf"
    config.write_text(main_config(root, port, prefix), encoding="utf-8")
    binary = shutil.which(NGINX) or "/usr/sbin/nginx"
    process = subprocess.Popen(
        [binary, "-p", str(prefix), "-c", str(config), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=stop_with_parent,  # no nginx left serving if the command is killed
    )
    server = Server(process, prefix, port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.communicate()[1].decode("utf-8", "replace").strip()
            server.stop()
            raise NginxFailed(f"nginx did not start: {said}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise NginxFailed(f"nginx did not answer on 127.0.0.1:{port} within 10 seconds")
