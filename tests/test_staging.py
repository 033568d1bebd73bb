"""The staged docs tree links each project file under its site path, and never changes the project's files."""

from __future__ import annotations

import errno
import os
from pathlib import Path, PurePosixPath

import pytest

from guidebook.html import staging
from guidebook.content.layout import ContentFile


@pytest.fixture
def project_files(tmp_path) -> dict[str, ContentFile]:
    sheet = tmp_path / "practice_sheets" / "a.en.md"
    image = tmp_path / "docs" / "img" / "map.png"
    for path, text in ((sheet, "# A\n"), (image, "png")):
        path.parent.mkdir(parents=True)
        path.write_text(text)
    # An author's symbolic link is staged as the file it points to.
    (tmp_path / "docs" / "img" / "alias.png").symlink_to("map.png")
    tree = {
        "practice-sheets/a.en.md": sheet,
        "img/map.png": image,
        "img/alias.png": tmp_path / "docs" / "img" / "alias.png",
    }
    return {site: ContentFile(path, PurePosixPath(site)) for site, path in tree.items()}


def _staged_texts(staged: Path) -> dict[str, str]:
    return {path.relative_to(staged).as_posix(): path.read_text() for path in staged.rglob("*") if path.is_file()}


def test_files_are_hard_linked_under_their_site_paths(project_files):
    staged = staging.stage(project_files)
    try:
        assert _staged_texts(staged) == {
            "practice-sheets/a.en.md": "# A\n",
            "img/map.png": "png",
            "img/alias.png": "png",
        }
        for site_path, content_file in project_files.items():
            link = staged / site_path
            assert not link.is_symlink()
            assert os.path.samefile(link, content_file.path)
    finally:
        staging.unstage(staged)
    assert not staged.exists()
    assert [f.path.read_text() for f in project_files.values()] == [
        "# A\n",
        "png",
        "png",
    ]  # removing the links left the files


def test_without_hard_links_files_are_symbolically_linked(project_files, monkeypatch):
    def no_hard_links(source, link, **options):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(staging.os, "link", no_hard_links)
    staged = staging.stage(project_files)
    try:
        assert _staged_texts(staged) == {
            "practice-sheets/a.en.md": "# A\n",
            "img/map.png": "png",
            "img/alias.png": "png",
        }
        for site_path, content_file in project_files.items():
            assert (staged / site_path).readlink() == content_file.path.resolve()
    finally:
        staging.unstage(staged)
