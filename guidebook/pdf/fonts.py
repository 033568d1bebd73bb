"""The vendored fonts (guidebook/vendor/fonts) as WeasyPrint reads them: @font-face rules with file addresses."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .. import PACKAGE_DIR

FONTS = PACKAGE_DIR / "vendor" / "fonts"
_URL = re.compile(r"url\(([^)/:]+)\)")


@cache
def font_faces() -> tuple[str, frozenset[Path]]:
    """The stylesheet, its relative addresses made absolute, and the font files it names (for the PDF cache key)."""
    css = (FONTS / "fonts.css").read_text(encoding="utf-8")
    files = frozenset(FONTS / name for name in _URL.findall(css))
    return _URL.sub(lambda match: f"url({(FONTS / match.group(1)).as_uri()})", css), files
