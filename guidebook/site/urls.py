"""Site URLs of pages, by page key and language (directory URLs, default language at the root)."""

from __future__ import annotations

from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from ..content.vocabulary import DEFAULT_LANGUAGE


def site_url(key: str, language: str) -> str:
    """URL path from the site root, e.g. 'fr/city-pilots/avignon/' (no leading slash)."""
    path = key[: -len("index")] if key == "index" or key.endswith("/index") else key + "/"
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    return prefix + path


def relative_url(key: str, language: str, from_url: str) -> str:
    """URL of a page in `language`, relative to the page at `from_url` (a site URL path)."""
    return get_relative_url(site_url(key, language) or ".", from_url or ".")


def serving(config) -> bool:
    """Whether this is a build of `mkdocs serve`, which points site_url at its own address."""
    host, port = config.dev_addr
    return urlsplit(config.site_url or "").netloc == f"{host}:{port}"
