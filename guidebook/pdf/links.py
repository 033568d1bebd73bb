"""Links of a PDF: pages printed in it become anchors inside it, other pages the public site, images files.

Anchors carry the page they belong to, since every page of the guidebook shares one HTML document.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..content.layout import page_key, site_url
from ..languages import SiteLanguages
from ..site.urls import relative_url


def anchor(key: str) -> str:
    return "p-" + key.replace("/", "--")


@dataclass
class Linker:
    language: str
    anchors: dict[str, str]  # page key -> anchor, for the pages printed in this PDF
    site_url: str | None  # public address of the site, for the pages not printed in it
    files: dict[str, Path]  # site path -> file on disk, for images
    languages: SiteLanguages  # the site's, for its page URLs
    keys: set[str] = field(default_factory=set)  # every page key, to read the theme's page URLs back
    page: str = ""  # key of the page being rendered
    assets: set[Path] = field(default_factory=set)  # local files the PDF embeds

    def __post_init__(self) -> None:
        # The theme's views give site-root URLs ('fr/city-pilots/avignon/'); map them back to pages.
        self._url_keys = {relative_url(key, self.language, "", self.languages): key for key in self.keys}

    def local_id(self, value: str) -> str:
        """An id of the page being rendered, made unique in the document."""
        return f"{anchor(self.page)}__{value}"

    def href(self, href: str) -> str | None:
        """Where a link of the page being rendered leads in the PDF; None: nowhere (keep the text only)."""
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//"):
            return href
        if not parts.path:
            return "#" + self.local_id(parts.fragment) if parts.fragment else None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), parts.path))
        if target.endswith(".md"):
            return self.to_page(page_key(target, self.languages), parts.fragment)
        return self._online(target, parts.fragment)

    def url(self, url: str) -> str | None:
        """A site-root URL from the theme's views (key facts, cross-links)."""
        if urlsplit(url).scheme:
            return url
        key = self._url_keys.get(url)
        return self.to_page(key) if key else self._online(url)

    def to_page(self, key: str, fragment: str = "") -> str | None:
        if key in self.anchors:
            if not fragment:
                return "#" + self.anchors[key]
            return f"#{anchor(key)}__{fragment}"
        return self._online(site_url(key, self.language, self.languages), fragment)

    def src(self, src: str) -> str:
        """An image: the file on disk, so WeasyPrint embeds it without a request."""
        if urlsplit(src).scheme:
            return src  # refused by the URL fetcher unless data: or file:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), src))
        path = self.files.get(target)
        if path is None:
            return src
        self.assets.add(path)
        return path.resolve().as_uri()

    def _online(self, path: str, fragment: str = "") -> str | None:
        if not self.site_url:
            return None
        return urljoin(self.site_url, path) + (f"#{fragment}" if fragment else "")
