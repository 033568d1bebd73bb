"""WeasyPrint's messages: notices about the machine are logged as information, problems fail the build."""

from __future__ import annotations

import logging
import shutil

import pytest
import weasyprint.pdf.fonts

from guidebook.pdf import build, render_all
from guidebook.errors import PrintError
from guidebook.pdf.messages import notice_for
from sites import base_files, write_project


def test_fonttools_fallback_is_a_notice_and_any_other_message_a_problem():
    def record(msg: str, *args) -> logging.LogRecord:
        return logging.LogRecord("weasyprint", logging.WARNING, "x", 1, msg, args, None)

    fallback = record(
        'Using fontTools instead of HarfBuzz-Subset for font "%s". This will be unsupported', "DejaVu Sans"
    )
    assert "libharfbuzz-subset0" in notice_for(fallback)
    assert notice_for(record("Failed to load image at %r: %s", "file:///x.png", "No such file")) is None
    assert notice_for(record("Font-face %r cannot be loaded", "Inter")) is None


def test_without_harfbuzz_subset_the_pdfs_are_made_and_the_fallback_logged_once(tmp_path, monkeypatch, caplog):
    # What a new machine without Debian's libharfbuzz-subset0 does: WeasyPrint subsets with fontTools.
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    project = write_project(tmp_path / "p", base_files())
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.guidebook.pdf"):
        results = render_all(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert results and all(result.path.is_file() for result in results)
    ours = [r for r in caplog.records if r.name == "mkdocs.plugins.guidebook.pdf"]
    fallback = [r for r in ours if "fontTools" in r.getMessage()]
    assert len(fallback) == 1 and fallback[0].levelno == logging.INFO
    assert not [r for r in ours if r.levelno >= logging.WARNING]


def test_an_image_the_print_template_cannot_load_fails_with_its_file(tmp_path, monkeypatch):
    templates = tmp_path / "print"
    shutil.copytree(build.TEMPLATES, templates)
    cover = templates / "guidebook.html"
    cover.write_text(
        cover.read_text(encoding="utf-8").replace(
            '<section class="cover">', '<section class="cover"><img src="emblem-missing.svg" alt="Emblem">'
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(build, "TEMPLATES", templates)
    project = write_project(tmp_path / "p", base_files())
    with pytest.raises(PrintError, match=r"guidebook-en\.pdf.*emblem-missing\.svg"):
        render_all(project, tmp_path / "site", cache_dir=tmp_path / "cache")
