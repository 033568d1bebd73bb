"""The shipped nginx configuration (deploy/nginx/), run by Debian's nginx on a free loopback port, asked real HTTP questions (issue 25).

The site is the fixture project built for real; nginx serves it from a `current` link made by `guidebook publish`,
as on a server.
"""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from guidebook.publish import nginx, releases
from guidebook.publish.fingerprint import HASHED_NAME
from guidebook.publish.serving import CSP_FILE, header_policy
from guidebook.publish.targets import Local

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}


@pytest.fixture(scope="module")
def served(base_site, tmp_path_factory):
    dest = tmp_path_factory.mktemp("dest")
    releases.publish(base_site.site, Local(dest))
    server = nginx.start(dest / "current")
    yield server, base_site.site
    server.stop()


def get(server, path: str, **headers) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def _asset(site: Path, pattern: str) -> str:
    found = [path for path in site.glob(pattern) if HASHED_NAME.search(path.name)]
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


def _assert_security_headers(response, site: Path) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, name
    policy = response.getheader("Content-Security-Policy")
    assert policy == header_policy(site) and policy.endswith("frame-ancestors 'self'")
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert response.getheader("Strict-Transport-Security") is None  # plain HTTP: HSTS only once TLS is set up
    assert response.getheader("Server") == "nginx"  # no version


@pytest.mark.parametrize("path", ["/", "/fr/", "/practice-sheets/", "/fr/city-pilots/testville/"])
def test_pages_have_every_header_and_are_revalidated(served, path):
    server, site = served
    response = get(server, path)
    assert response.status == 200
    _assert_security_headers(response, site)
    assert response.getheader("Cache-Control") == "no-cache"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"


def test_hashed_assets_are_cached_for_a_year_with_the_same_headers(served):
    server, site = served
    for pattern, media_type in [
        ("stylesheets/site.*.css", "text/css; charset=utf-8"),
        ("assets/javascripts/bundle.*.js", "application/javascript; charset=utf-8"),
        ("assets/fonts/*.woff2", "font/woff2"),
        ("assets/images/eu-emblem.*.svg", "image/svg+xml; charset=utf-8"),
    ]:
        response = get(server, _asset(site, pattern))
        assert response.status == 200, pattern
        assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable", pattern
        assert response.getheader("Content-Type") == media_type, pattern
        _assert_security_headers(response, site)


def test_other_files_are_revalidated_with_their_types(served):
    server, site = served
    for path, media_type in [
        ("/practice-sheets/catalogue.json", "application/json; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ]:
        response = get(server, path)
        assert (response.status, response.getheader("Content-Type"), response.getheader("Cache-Control")) == (
            200,
            media_type,
            "no-cache",
        ), path


def test_text_is_sent_compressed_when_the_browser_accepts_it(served):
    server, site = served
    stylesheet = _asset(site, "stylesheets/site.*.css")
    for path, file in [("/", "index.html"), ("/fr/", "fr/index.html"), (stylesheet, stylesheet[1:])]:
        original = (site / file).read_bytes()
        packed = get(server, path, **{"Accept-Encoding": "gzip, deflate, br"})
        assert packed.getheader("Content-Encoding") == "gzip" and packed.getheader("Vary") == "Accept-Encoding", path
        assert gzip.decompress(packed.body) == original and len(packed.body) < len(original) * 0.6, path
        plain = get(server, path)
        assert plain.getheader("Content-Encoding") is None and plain.body == original, path


@pytest.mark.parametrize(
    "path, language",
    [
        ("/nowhere", "en"),
        ("/practice-sheets/nowhere/", "en"),
        ("/fr/nowhere", "fr"),
        ("/fr/practice-sheets/nowhere/deeper", "fr"),
    ],
)
def test_a_wrong_address_gets_the_404_page_of_its_language(served, path, language):
    server, site = served
    response = get(server, path)
    assert response.status == 404
    assert re.search(rf'<html lang="{language}"', response.body.decode())
    assert response.body == (site / ("fr/404.html" if language == "fr" else "404.html")).read_bytes()
    _assert_security_headers(response, site)


def test_no_listing_no_build_files_and_folders_redirected(served):
    server, site = served
    for path in ["/assets/", "/assets/fonts/", "/fr/search/"]:
        response = get(server, path)
        assert response.status == 404 and b"Index of" not in response.body, path
    for path in ["/.release/manifest.json", "/.release/csp.conf", "/fr/.release/x", "/.git/config"]:
        assert get(server, path).status == 404, path
    moved = get(server, "/fr")
    assert (moved.status, moved.getheader("Location")) == (301, "/fr/")


def test_the_server_reads_its_policy_from_the_release(served):
    server, site = served
    assert header_policy(site) in (site / CSP_FILE).read_text(encoding="utf-8")
    assert get(server, "/").getheader("Content-Security-Policy") == header_policy(site)


def _preview_prod(site: Path, **popen) -> subprocess.Popen:
    """`guidebook preview-prod SITE` started, its output and error output read as text."""
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "guidebook"), "preview-prod", str(site)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def test_preview_prod_prints_its_address_serves_the_site_and_stops_on_ctrl_c(base_site):
    preview = _preview_prod(base_site.site)
    try:
        line = preview.stdout.readline()
        address = re.search(r"at (http://127\.0\.0\.1:(\d+)/) \(Ctrl-C stops it\)", line)
        assert address, line + preview.stderr.read()
        response = get(nginx.Server(preview, Path("/nonexistent"), int(address[2])), "/fr/nowhere")
        assert response.status == 404 and '<html lang="fr"' in response.body.decode()
        [prefix] = [
            folder
            for folder in Path(tempfile.gettempdir()).glob("guidebook-nginx-*")
            if f"listen 127.0.0.1:{address[2]};" in (folder / "nginx.conf").read_text(encoding="utf-8")
        ]
        preview.send_signal(signal.SIGINT)
        assert preview.wait(timeout=20) == 0, preview.stderr.read()
        assert "Traceback" not in preview.stderr.read()
        assert not prefix.exists()  # its private prefix (configuration, logs) removed
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", int(address[2])), timeout=1)
    finally:
        preview.kill()
        preview.wait()


def test_preview_prod_stops_on_ctrl_c_pressed_as_soon_as_its_address_shows_even_where_sigint_was_ignored(base_site):
    # A shell's background job starts with SIGINT ignored; and the address may be read, and Ctrl-C pressed, before
    # the command is back in its waiting loop (the race a loaded CI machine once hit: "Aborted!", exit code 1).
    for _ in range(4):
        preview = _preview_prod(base_site.site, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        try:
            assert "Ctrl-C stops it" in preview.stdout.readline()
            preview.send_signal(signal.SIGINT)
            assert preview.wait(timeout=20) == 0, preview.stderr.read()
        finally:
            preview.kill()
            preview.wait()


def test_preview_prod_killed_outright_leaves_no_nginx_serving(base_site):
    preview = _preview_prod(base_site.site)
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", preview.stdout.readline())[1])
    preview.kill()
    preview.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the kernel tells nginx its parent died (PR_SET_PDEATHSIG)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            time.sleep(0.1)
        except OSError:
            break
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
    for folder in Path(tempfile.gettempdir()).glob("guidebook-nginx-*"):  # its prefix, left by the killed command
        if f"listen 127.0.0.1:{port};" in (folder / "nginx.conf").read_text(encoding="utf-8"):
            shutil.rmtree(folder)


def test_preview_prod_of_a_folder_that_is_no_built_site_says_so(tmp_path):
    done = subprocess.run(
        [str(Path(sys.executable).parent / "guidebook"), "preview-prod", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == f"{tmp_path} is not a complete built site (no .release/csp.conf): build it first (make site)"
    )
