"""The shipped guidebook built once per test session with its downloads (PDFs, offline bundle).

A plain cached function rather than a fixture, so test_pdf.py and test_offline.py share one build.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from sites import PROJECT, build


@cache
def real_site() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="guidebook-real-downloads-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    result = build(PROJECT, folder / "site", downloads=True)
    assert result.warnings == []
    return result.site
