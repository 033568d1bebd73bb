"""The shipped guidebook built once per test run with its downloads (PDFs, offline bundle).

Plain cached functions rather than fixtures, so test_pdf.py, test_offline.py and the browser tests
share one build; shared_builds makes it once for every test process.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

from pypdf import PdfReader

import pdf_reading
from guidebook.pdf import render_all
from guidebook.publish.offline import BUNDLE_FOLDER
from guidebook.site.downloads import OFFLINE_ZIP
from shared_builds import shared
from sites import PROJECT, build


def _build_real_site(folder: Path) -> list[str]:
    return build(PROJECT, folder / "site", downloads=True).warnings


@cache
def real_site() -> Path:
    folder, warnings = shared("real-downloads", _build_real_site)
    assert warnings == []
    return folder / "site"


@cache
def page_texts(pdf: str) -> tuple[str, ...]:
    """The text of each page of the shipped PDF named `pdf` (a path in the site), read once per test process."""
    return tuple(pdf_reading.page_texts(real_site() / pdf))


@cache
def shipped_pdf(pdf: str) -> PdfReader:
    """pypdf's reader of the shipped PDF named `pdf` (a path in the site), one per test process: pypdf parses a
    file's objects when first asked (3 s for the shipped PDFs) and keeps them, so the next test reads them at once."""
    return PdfReader(real_site() / pdf)


@cache
def layouts() -> dict[str, dict]:
    """What the build measured on the layout of each shipped PDF (guidebook/pdf/audit.py), by its path in the site.

    The PDFs are made again from the cache the shipped build filled (the project's), once per run: its keys cover
    the HTML, the files embedded and the measuring code, so these are the measurements of this content's layout."""
    real_site()
    _, measured = shared("layouts", _measure_layouts)
    return measured


def _measure_layouts(folder: Path) -> dict[str, dict]:
    site = folder / "site"
    return {result.path.relative_to(site).as_posix(): result.layout for result in render_all(PROJECT, site)}


@cache
def unzipped_bundle() -> Path:
    """The shipped guidebook's offline bundle, unzipped as a reader would."""
    folder, names = shared("offline-unzipped", _unzip_bundle)
    assert {name.split("/", 1)[0] for name in names} == {BUNDLE_FOLDER}
    return folder / BUNDLE_FOLDER


def _unzip_bundle(folder: Path) -> list[str]:
    with zipfile.ZipFile(real_site() / OFFLINE_ZIP) as archive:
        archive.extractall(folder)
        return archive.namelist()


if __name__ == "__main__":  # conftest.py starts the build this way, beside the tests
    real_site()
