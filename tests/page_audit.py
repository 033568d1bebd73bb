"""Reads built HTML pages: the links and resources they point to, their ids, and images without text."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes whose URL the browser follows or loads.
URL_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@dataclass
class Page:
    urls: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    unnamed_images: list[str] = field(default_factory=list)  # <img> without alt text, <svg role> without a name


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.page = Page()
        self._svg_pending: list[tuple[str, bool]] = []  # open <svg role=...>: (its tag text, named yet?)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key):
                self.page.ids.add(attributes[key])
        url = attributes.get(URL_ATTRIBUTES.get(tag, ""))
        if url is not None and attributes.get("rel") not in ("canonical", "alternate"):
            self.page.urls.append(url)
        if tag == "img" and not (attributes.get("alt") or "").strip():
            self.page.unnamed_images.append(self.get_starttag_text())
        if tag == "svg" and attributes.get("role") in ("img", "group", "figure"):
            named = bool(attributes.get("aria-label") or attributes.get("aria-labelledby"))
            self._svg_pending.append((self.get_starttag_text(), named))

    def handle_endtag(self, tag):
        if tag == "svg" and self._svg_pending:
            text, named = self._svg_pending.pop()
            if not named:
                self.page.unnamed_images.append(text)


def read(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    return reader.page


def broken_links(site: Path) -> list[str]:
    """Every internal URL of every page that names no file of the site, or an anchor the target lacks."""
    pages = {path: read(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for url in page.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another site (mailto:, https:): not ours to resolve
            target = _target_file(site, path, unquote(parts.path))
            if target is None:
                broken.append(f"{path.relative_to(site)}: {url}")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {url} (no id '{parts.fragment}')")
    return broken


def _target_file(site: Path, page: Path, url_path: str) -> Path | None:
    if not url_path:
        return page
    base = "/" if url_path.startswith("/") else "/" + page.parent.relative_to(site).as_posix() + "/"
    resolved = posixpath.normpath(posixpath.join(base, url_path)).lstrip("/")
    target = site / resolved
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None
