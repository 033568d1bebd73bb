"""Whether a build is one of `mkdocs serve`'s, which differ: no CSP, no forked languages."""

from __future__ import annotations

from urllib.parse import urlsplit


def serving(config) -> bool:
    """`mkdocs serve` points site_url at its own address: that is how its builds are recognised."""
    host, port = config.dev_addr
    return urlsplit(config.site_url or "").netloc == f"{host}:{port}"
