"""The PDF engine reads only the site's own files: nothing outside the project, no attachment, no network."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from guidebook.errors import PrintError
from guidebook.pdf import fetcher
from guidebook.pdf.render import Cache, render
from sites import PROJECT

IMAGE = (PROJECT / "guidebook" / "assets" / "eu-emblem.svg").as_uri()


def _pdf(tmp_path, body: str, project=None):
    project = project or tmp_path / "project"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    html = f'<html lang="en"><head><title>T</title></head><body><h1>T</h1>{body}</body></html>'
    return render(html, project, tmp_path / "out.pdf", Cache(tmp_path / "cache"), set())


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("root:x:0:0:the secret\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "body",
    [
        '<img src="{secret}" alt="x">',
        '<a rel="attachment" href="{secret}">x</a>',
        '<link rel="attachment" href="{secret}">',
        '<link rel="stylesheet" href="{secret}">',
        '<p style="background: url({secret})">x</p>',
        '<img src="../../../../../../../../etc/passwd" alt="x">',
        '<a rel="attachment" href="../../../../../../../../etc/passwd">x</a>',
        '<img src="http://127.0.0.1:9/x.png" alt="x">',
    ],
)
def test_a_pdf_refuses_every_file_outside_the_site(tmp_path, secret, body):
    with pytest.raises(PrintError) as refused:
        _pdf(tmp_path, body.format(secret=secret.as_uri()))
    assert "out.pdf" in str(refused.value)
    assert not (tmp_path / "out.pdf").exists() or b"the secret" not in (tmp_path / "out.pdf").read_bytes()


def test_a_link_inside_the_content_to_a_file_outside_is_refused(tmp_path, secret):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "inside.svg").symlink_to(secret)
    with pytest.raises(PrintError, match="lies outside the site's folders"):
        _pdf(tmp_path, f'<img src="{(project / "docs" / "inside.svg").as_uri()}" alt="x">', project)


def test_an_attachment_inside_the_site_is_refused_too(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "notes.txt").write_text("notes", encoding="utf-8")
    with pytest.raises(PrintError, match="PDFs carry no attachments"):
        _pdf(tmp_path, f'<a rel="attachment" href="{(project / "docs" / "notes.txt").as_uri()}">x</a>', project)


def test_the_site_own_images_and_fonts_are_read(tmp_path):
    rendered = _pdf(tmp_path, f'<img src="{IMAGE}" alt="EU emblem">')
    reader = PdfReader(rendered.path)
    assert rendered.pages == 1 and not reader.attachments


def test_refusals_name_the_reason():
    folders = fetcher.allowed_folders(PROJECT)
    assert fetcher.refusal(IMAGE, folders) is None
    assert fetcher.refusal("data:image/png;base64,AAAA", folders) is None
    assert "network" in fetcher.refusal("https://example.org/x.png", folders)
    assert "climbs out" in fetcher.refusal((PROJECT / "docs").as_uri() + "/../../../etc/passwd", folders)
    assert "outside the site's folders" in fetcher.refusal((PROJECT / "Makefile").as_uri(), folders)
    assert "does not exist" in fetcher.refusal((PROJECT / "docs" / "nothing.png").as_uri(), folders)


@pytest.fixture
def unchecked(monkeypatch):
    from sites import let_unsafe_markup_through

    let_unsafe_markup_through(monkeypatch)  # what the build itself must stop


def _planted_project(tmp_path, planted: str):
    from sites import base_files, write_project

    files = base_files()
    sheet_file = "practice_sheets/testville-case-management.en.md"
    files[sheet_file] = files[sheet_file].replace("## Context\n\nText.", "## Context\n\nText.\n\n" + planted)
    return write_project(tmp_path / "p", files)


def test_a_whole_build_past_the_check_embeds_nothing_from_outside(tmp_path, secret, unchecked):
    from sites import build

    planted = (
        f'<a rel="attachment" href="{secret.as_uri()}">a</a> <img src="{secret.as_uri()}" alt="c">\n\n'
        f'<link rel="stylesheet" href="{secret.as_uri()}"><p style="background: url({secret.as_uri()})">e</p>'
    )
    site = build(_planted_project(tmp_path, planted), downloads=True).site
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) >= 4
    for pdf in pdfs:
        assert b"the secret" not in pdf.read_bytes(), pdf
        assert not PdfReader(pdf).attachments, pdf


def test_a_relative_address_out_of_the_site_stops_the_build(tmp_path, secret, unchecked):
    from guidebook import publish
    from sites import build

    planted = f'<img src="../../../../../../../..{secret}" alt="d"> <a rel="attachment" href="../../../../../../../..{secret}">b</a>'
    project = _planted_project(tmp_path, planted)
    with pytest.raises(publish.BuildFailed, match="lies outside the site's folders"):
        build(project, downloads=True)
    assert not (project / "site").exists()
