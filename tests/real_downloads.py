"""The shipped guidebook built once per test session with its downloads (PDFs, offline bundle).

Plain cached functions rather than fixtures, so test_pdf.py, test_offline.py and the browser tests
share one build.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from guidebook.publish.offline import BUNDLE_FOLDER
from guidebook.site.downloads import OFFLINE_ZIP
from sites import PROJECT, build


def _temporary_folder(prefix: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


@cache
def real_site() -> Path:
    folder = _temporary_folder("guidebook-real-downloads-")
    result = build(PROJECT, folder / "site", downloads=True)
    assert result.warnings == []
    return result.site


@cache
def unzipped_bundle() -> Path:
    """The shipped guidebook's offline bundle, unzipped as a reader would."""
    folder = _temporary_folder("guidebook-offline-")
    with zipfile.ZipFile(real_site() / OFFLINE_ZIP) as archive:
        assert {name.split("/", 1)[0] for name in archive.namelist()} == {BUNDLE_FOLDER}
        archive.extractall(folder)
    return folder / BUNDLE_FOLDER
