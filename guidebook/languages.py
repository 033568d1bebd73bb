"""The site languages and the interface strings of each.

The one list of languages: the code that needs it asks here.
"""

from __future__ import annotations

from functools import cache

import yaml

from . import PACKAGE_DIR
from .typography import interface_strings

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"


@cache
def strings() -> dict[str, dict]:
    """The site's interface strings, by language."""
    return interface_strings(yaml.safe_load((PACKAGE_DIR / "strings.yml").read_text(encoding="utf-8")))


@cache
def print_strings() -> dict[str, dict[str, str]]:
    """The interface strings of the PDFs and the download links, by language."""
    return interface_strings(yaml.safe_load((PACKAGE_DIR / "print_strings.yml").read_text(encoding="utf-8")))
