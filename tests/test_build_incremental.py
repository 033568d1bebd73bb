"""A rebuild over a built site gives, file for file, what a cold build of the same sources gives; nothing changed, nothing built.

A rebuild keeps what the site in place already has (its offline zip, its compressed copies: publish/offline.py,
publish/compress.py) and skips the build when the stamp of its inputs is the same (buildstamp.py): a series
of edits checks that none of that ever leaves a file a cold build would not write.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from guidebook import publish
from guidebook.commands.quick import plain_build
from guidebook.buildstamp import PROJECT_FOLDERS, STAMPS, stamp_path, up_to_date
from guidebook.content.layout import COLLECTIONS, DOCS_DIR
from shared_builds import shared
from sites import base_files, build, sheet, tree_hashes, write_project

PILOT = "city_pilots/testville.en.md"
SHEET = "practice_sheets/testville-case-management.en.md"
PDF_CACHE = Path(".cache") / "pdf"


def _replace(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _new_sheet(project: Path) -> None:
    for lang in ("en", "fr"):
        title = "Mentoring in Testville" if lang == "en" else "Mentorat à Testville"
        (project / f"practice_sheets/testville-mentoring.{lang}.md").write_text(
            sheet(lang, title=title), encoding="utf-8"
        )


EDITS = {
    "a sheet's body": lambda project: _replace(
        project, SHEET, "## Objectives\n\nText.", "## Objectives\n\nText, edited."
    ),
    "a title in the navigation": lambda project: _replace(
        project, PILOT, "title: Testville", "title: Testville-on-Sea"
    ),
    "a new sheet": _new_sheet,
    "a deleted sheet": lambda project: [
        (project / f"practice_sheets/testville-mentoring.{lang}.md").unlink() for lang in ("en", "fr")
    ],
    "a translation": lambda project: _replace(
        project, "city_pilots/testville.fr.md", "summary: S.", "summary: Résumé."
    ),
}


def _state(number: int) -> Path:
    """The project with the first `number + 1` edits made (-1: none), built cold with its downloads, once per run
    for every test process (shared_builds.py). Its PDF cache starts as the unedited project's: only the PDFs the
    edits changed are rendered (the cache is tested on its own)."""

    def make(folder: Path) -> list[str]:
        project = write_project(folder / "project", base_files())
        if number >= 0:
            shutil.copytree(_state(-1) / PDF_CACHE, project / PDF_CACHE)
        for edit in list(EDITS.values())[: number + 1]:
            edit(project)
        return build(project, downloads=True).warnings

    folder, warnings = shared(f"incremental-state-{number}", make)
    assert warnings == [], warnings
    return folder / "project"


def _copy_built(built: Path, project: Path) -> None:
    """A copy of a built project, its site, stamp and PDF cache included; the stamp moved to the copy's site path
    (it is named after the site's absolute path), so the copy is as up to date as the project it copies."""
    shutil.copytree(built, project, symlinks=True)
    os.replace(project / STAMPS / stamp_path(built, built / "site").name, stamp_path(project, project / "site"))


@pytest.mark.parametrize("number, what", list(enumerate(EDITS)))
def test_every_rebuild_gives_the_files_of_a_cold_build(tmp_path, number, what):
    """Each edit rebuilt over the site of the edits before it gives, file for file, what a cold build gives.

    The series is split edit by edit, so the edits are checked side by side: the site each rebuild starts from is
    the cold build of the edits before it, which the test of the edit before proved byte for byte the same as its
    rebuild. The rebuild reads the cold build's PDF cache, as the cold build read the rebuild's before the split.
    """
    project = tmp_path / "project"
    _copy_built(_state(number - 1), project)
    site = project / "site"
    assert up_to_date(project, site, downloads=True), "the copy of the built project is not seen as built"
    cold = _state(number)
    shutil.copytree(cold / PDF_CACHE, project / PDF_CACHE, dirs_exist_ok=True)
    EDITS[what](project)
    assert publish.build_site(project, site, downloads=True, skip_unchanged=True), what
    assert tree_hashes(site) == tree_hashes(cold / "site"), f"after {what}, the rebuild differs from a cold build"


def test_nothing_changed_builds_nothing_and_a_change_builds(tmp_path):
    project = write_project(tmp_path / "project", base_files())
    site = project / "site"
    assert publish.build_site(project, site, downloads=False, skip_unchanged=True)
    before = tree_hashes(site)
    assert up_to_date(project, site, downloads=False)
    assert not publish.build_site(project, site, downloads=False, skip_unchanged=True)
    os.utime(project / SHEET)  # saved again as it was: the same inputs
    assert not publish.build_site(project, site, downloads=False, skip_unchanged=True)
    assert not up_to_date(project, site, downloads=True), "a build with the downloads is another build"
    assert publish.build_site(project, site, downloads=False), "a build not asked to skip always builds"
    assert tree_hashes(site) == before
    _replace(project, SHEET, "## Objectives\n\nText.", "## Objectives\n\nOther text.")
    assert not up_to_date(project, site, downloads=False)
    assert publish.build_site(project, site, downloads=False, skip_unchanged=True)
    assert "Other text." in (site / "practice-sheets/testville-case-management/index.html").read_text(encoding="utf-8")


def test_a_changed_site_is_built_again(tmp_path):
    """The stamp vouches only for the site the build left: a file changed or removed since means a new build."""
    project = write_project(tmp_path / "project", base_files())
    site = project / "site"
    publish.build_site(project, site, downloads=False, skip_unchanged=True)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    assert not up_to_date(project, site, downloads=False)
    assert publish.build_site(project, site, downloads=False, skip_unchanged=True)
    assert "<!-- changed -->" not in page.read_text(encoding="utf-8")
    (site / "robots.txt").unlink()
    assert publish.build_site(project, site, downloads=False, skip_unchanged=True)
    assert (site / "robots.txt").is_file()


@pytest.mark.parametrize(
    "args, expected",
    [
        (["build"], (Path("."), Path("site"), True)),
        (["build", "out", "--no-downloads"], (Path("."), Path("out"), False)),
        (["--project", "p", "build"], (Path("p"), Path("site"), True)),
        (["--project=p", "build", "--no-downloads", "out"], (Path("p"), Path("out"), False)),
        (["build", "--help"], None),
        (["build", "a", "b"], None),
        (["check"], None),
        ([], None),
    ],
)
def test_the_command_answers_quickly_only_a_plain_build(args, expected):
    assert plain_build(args) == expected


def test_the_stamp_reads_every_content_folder():
    """buildstamp.py, a top module, may not import the content layer: its list of folders must follow layout.py's."""
    assert set(PROJECT_FOLDERS) == {DOCS_DIR, *COLLECTIONS.values()}
