"""Handouts fill their pages: one A4 page when the sheet fits, and never a last page mostly blank."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from guidebook.pdf.build import Printer
from guidebook.pdf.fit import MOSTLY_BLANK, Variants, choose
from guidebook.pdf.render import Cache, render
from pdf_reading import last_page_baselines
from real_downloads import real_site
import yaml

from sites import SHEET_SECTIONS, base_files, page_text, sheet, write_project

A4_HEIGHT = 841.89
TOP, BOTTOM = 12 / 25.4 * 72, 14 / 25.4 * 72  # the handout's page margins, in points


@dataclass
class Laid:
    """A stand-in for a laid-out document: its pages and how full the last one is."""

    html: str
    pages: list
    fill: float


def laid(table: dict[str, tuple[int, float]]):
    return lambda html: Laid(html, [None] * table[html][0], table[html][1])


def test_a_sheet_that_fits_on_one_page_at_normal_size_stays_as_it_is():
    variants = Variants("normal", ("small",), ("large",))
    assert choose(variants, laid({"normal": (1, 0.9)}), lambda d: d.fill).html == "normal"


def test_a_mostly_blank_second_page_is_saved_by_the_largest_size_that_saves_it():
    variants = Variants("normal", ("9", "8.5", "8"), ("10",))
    table = {"normal": (2, 0.2), "9": (2, 0.05), "8.5": (1, 0.95), "8": (1, 0.8), "10": (2, 0.6)}
    assert choose(variants, laid(table), lambda d: d.fill).html == "8.5"


def test_when_no_size_saves_the_page_a_larger_one_fills_the_last_page():
    variants = Variants("normal", ("9",), ("10", "11"))
    table = {"normal": (2, 0.3), "9": (2, 0.1), "10": (2, 0.45), "11": (2, 0.7)}
    assert choose(variants, laid(table), lambda d: d.fill).html == "11"


def test_sizes_that_cannot_save_the_page_are_not_laid_out():
    # 1.15 pages of text: 9 pt would still take 1.03 pages, so 8.5 pt is the first size tried.
    variants = Variants("normal", ("9", "8.5", "8"), ("10",))
    table = {"normal": (2, 0.15), "9": (2, 0.05), "8.5": (1, 0.95), "8": (1, 0.8), "10": (2, 0.3)}
    calls = []

    def layout(html):
        calls.append(html)
        return laid(table)(html)

    assert choose(variants, layout, lambda d: d.fill).html == "8.5"
    assert calls == ["normal", "8.5"]


def last_page_fill(path) -> float:
    """From the PDF: how far down the last page's content area its lowest line of text (not the footer) is."""
    lows = [y for y in last_page_baselines(path) if y > BOTTOM + 2]
    return (A4_HEIGHT - TOP - min(lows)) / (A4_HEIGHT - TOP - BOTTOM)


def test_every_shipped_handout_is_one_page_or_ends_on_a_page_at_least_half_full():
    for path in sorted((real_site() / "downloads").glob("*.pdf")):
        pages = len(PdfReader(path).pages)
        assert pages == 1 or last_page_fill(path) >= MOSTLY_BLANK, path.name


@pytest.mark.parametrize("paragraphs, pages", [(1, 1), (3, 2), (4, 3)])
def test_short_and_long_sheets_on_full_pages(tmp_path, paragraphs, pages):
    files = base_files()
    text = "This practice brought probation officers and city staff together around each released person. " * 6
    body = "\n\n".join(f"## {section}\n\n" + "\n\n".join([text] * paragraphs) for section in SHEET_SECTIONS["en"])
    meta = yaml.safe_load(sheet("en").split("---")[1])
    files["practice_sheets/testville-case-management.en.md"] = page_text(meta, body)
    project = write_project(tmp_path / "p", files)
    # Only this handout, as the build makes it (render_all renders each job so): not the guidebooks and packs.
    job = Printer(project).handout("practice-sheets/testville-case-management", "en")
    handout = tmp_path / "site" / job.name
    render(job.html, project, handout, Cache(tmp_path / "cache"), job.assets)
    assert len(PdfReader(handout).pages) == pages
    assert pages == 1 or last_page_fill(handout) >= MOSTLY_BLANK
