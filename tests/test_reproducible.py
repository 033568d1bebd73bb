"""Builds are reproducible, offline and atomic, and never write the author's content."""

import gzip
import ipaddress
import shutil
import socket
import urllib.request

import pytest
from click.testing import CliRunner

from guidebook import pdf
from guidebook import publish
from guidebook.commands.cli import main
from sites import base_files, build, content_snapshot, page_text, tree_hashes, write_project

REVIEWED = "2024-05-17"


class NetworkUsed(AssertionError):
    pass


def _loopback(host) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need a DNS request


@pytest.fixture
def no_network(monkeypatch):
    """Any connection or name lookup beyond this machine raises NetworkUsed."""

    def refuse(host):
        if not _loopback(host):
            raise NetworkUsed(f"the build tried to reach {host}")

    real_connect, real_getaddrinfo, real_create = socket.socket.connect, socket.getaddrinfo, socket.create_connection

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address[0])
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        refuse(host)
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        refuse(address[0])
        return real_create(address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)


@pytest.fixture
def project(tmp_path):
    files = base_files()
    files["docs/index.en.md"] = page_text(
        {"title": "Home", "status": "published", "last_reviewed": REVIEWED}, "Welcome."
    )
    return write_project(tmp_path / "project", files)


def test_the_guard_refuses_the_network(no_network):
    with pytest.raises(NetworkUsed):
        urllib.request.urlopen("http://example.org/", timeout=1)


def test_two_builds_are_identical_dated_by_the_content_and_the_second_runs_without_network(
    project, monkeypatch, request
):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = content_snapshot(project)
    first = build(project, project / "first", downloads=True).site
    shutil.rmtree(project / ".cache")  # render the PDFs again rather than reuse the first build's
    request.getfixturevalue("no_network")
    second = build(project, project / "second", downloads=True).site

    first_files, second_files = tree_hashes(first), tree_hashes(second)
    assert {"guidebook-en.pdf", "guidebook-fr.pdf", "guidebook-offline.zip", "sitemap.xml.gz"} <= set(first_files)
    assert first_files == second_files
    # Dated by the newest last_reviewed, not by the clock.
    assert f"<lastmod>{REVIEWED}</lastmod>" in (first / "sitemap.xml").read_text(encoding="utf-8")
    with gzip.open(first / "sitemap.xml.gz") as archive:
        assert f"<lastmod>{REVIEWED}</lastmod>" in archive.read().decode("utf-8")
    assert content_snapshot(project) == content  # builds never write the author's files


def test_source_date_epoch_wins_over_the_content_date(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    site = build(project).site
    assert "<lastmod>2023-11-14</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "failure", [pdf.PrintError("guidebook-en.pdf: the renderer failed"), OSError(28, "No space left on device")]
)
def test_a_failure_in_the_pdf_step_leaves_the_site_as_it_was(project, monkeypatch, failure):
    site = build(project).site
    before = tree_hashes(site)

    def broken_renderer(*args, **kwargs):
        raise failure

    monkeypatch.setattr(pdf, "render_all", broken_renderer)
    with pytest.raises((publish.BuildFailed, OSError)):
        publish.build_site(project, site)
    assert tree_hashes(site) == before
    assert (
        sorted(path.name for path in project.iterdir() if path.name.startswith(".site")) == []
    )  # no staging folder left


@pytest.mark.parametrize(
    "arguments", [["check"], ["check", "--format", "json"], ["status"], ["status", "--format", "json"], ["fields"]]
)
def test_commands_other_than_new_and_mark_never_write_content(project, arguments):
    before = content_snapshot(project)
    result = CliRunner().invoke(main, ["--project", str(project), *arguments])
    assert result.exit_code == 0, result.output
    assert content_snapshot(project) == before
