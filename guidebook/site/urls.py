"""URLs between pages, relative to the page that shows them (directory URLs, default language at the root)."""

from __future__ import annotations

import posixpath

from ..content.layout import site_url
from ..languages import SiteLanguages


def relative_url(key: str, language: str, from_url: str, languages: SiteLanguages) -> str:
    """URL of a page in `language`, relative to the page at `from_url` (a site URL path)."""
    return relative(site_url(key, language, languages) or ".", from_url or ".")


def relative(url: str, other: str) -> str:
    """`url` relative to `other`, both from the site root, as MkDocs writes the links of a page."""
    if other != ".":
        folder, name = posixpath.split(other)
        other = folder if "." in name else other  # a file's URL: relative to its folder
    path = posixpath.relpath("/" + url, "/" + other)
    return path + "/" if url.endswith("/") else path
