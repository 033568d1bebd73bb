"""The editor's files are kept by the browser and checked at each use (guidebook/cms/server.py `_send_file`): Decap's
bundle is not sent again when unchanged, and Chromium reuses the code it compiled from it; what is made for each
opening of the admin page (its configuration with a session's token, the page itself) is never kept."""

from __future__ import annotations

import os
import shutil
import time

import pytest

from editor_api import raw_request, running_editor
from sites import PROJECT, base_files, write_project

BUNDLE = "/admin/decap/decap-cms.js"


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    with running_editor(write_project(tmp_path_factory.mktemp("caching") / "project", base_files())) as server:
        yield server


def test_the_bundle_is_kept_checked_at_each_use_and_not_sent_again_when_unchanged(editor):
    status, headers, body = raw_request(editor, "GET", BUNDLE)
    assert status == 200 and len(body) > 1_000_000
    assert headers["Cache-Control"] == "no-cache"  # kept, but asked again at each use
    date = headers["Last-Modified"]
    status, headers, body = raw_request(editor, "GET", BUNDLE, headers={"If-Modified-Since": date})
    assert (status, body, headers["Last-Modified"]) == (304, b"", date)
    assert "Content-Length" not in headers and headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("asked", ["Thu, 01 Jan 2099 00:00:00 GMT", "Mon, 01 Jan 1990 00:00:00 GMT", "not a date"])
def test_any_other_date_gets_the_whole_file(editor, asked):
    status, _, body = raw_request(editor, "GET", BUNDLE, headers={"If-Modified-Since": asked})
    assert status == 200 and len(body) > 1_000_000


@pytest.mark.parametrize("path", ["/admin/config.yml", "/admin/fr/config.yml", "/admin/", "/admin/fr/"])
def test_what_each_opening_gets_anew_is_never_kept(editor, path):
    status, headers, _ = raw_request(
        editor, "GET", path, headers={"If-Modified-Since": "Thu, 01 Jan 2099 00:00:00 GMT"}
    )
    assert status == 200
    assert headers["Cache-Control"] == "no-store" and "Last-Modified" not in headers


def test_the_gate_comes_first_a_foreign_host_gets_no_304(editor):
    _, headers, _ = raw_request(editor, "GET", BUNDLE)
    status, _, _ = raw_request(
        editor, "GET", BUNDLE, headers={"Host": "attacker.example:80", "If-Modified-Since": headers["Last-Modified"]}
    )
    assert status == 421


def test_a_new_version_written_by_npm_with_the_same_modification_time_is_sent(project, tmp_path):
    """npm gives every file of a package one fixed modification time: only the inode's change tells a new version."""
    editor_dir = tmp_path / "editor"
    shutil.copytree(PROJECT / "editor" / "admin", editor_dir / "admin")
    dist = editor_dir / "node_modules" / "decap-cms" / "dist"
    dist.mkdir(parents=True)
    bundle = dist / "decap-cms.js"
    npm_time = 499162500  # 1985-10-26T08:15:00Z, the time npm sets
    bundle.write_text("// version 1\n")
    os.utime(bundle, (npm_time, npm_time))
    with running_editor(project, editor_dir=editor_dir) as server:
        _, headers, first = raw_request(server, "GET", BUNDLE)
        time.sleep(1.1)  # the header's dates are in whole seconds
        bundle.unlink()  # as npm ci does: the folder removed, the package extracted anew
        bundle.write_text("// version 2\n")
        os.utime(bundle, (npm_time, npm_time))
        status, _, body = raw_request(server, "GET", BUNDLE, headers={"If-Modified-Since": headers["Last-Modified"]})
    assert (first, status, body) == (b"// version 1\n", 200, b"// version 2\n")
