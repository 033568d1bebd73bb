"""The Content-Security-Policy of every page: only the site's own files, and the inline scripts it really has.

A <meta> policy applies to what follows it, so it goes right after <meta charset>. Material writes a few
inline scripts per page (its storage helpers, whose text holds the page's depth, and the permalink fix):
each page allows exactly its own by their SHA-256, never 'unsafe-inline'. A <meta> policy cannot set
frame-ancestors (nor report-uri, nor sandbox): that needs an HTTP header from the web server.
"""

from __future__ import annotations

import base64
import hashlib
import re

from .serving import serving

CHARSET = '<meta charset="utf-8">'
# An inline script the browser runs: no src, and no type or a JavaScript one (JSON data blocks never run).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attributes>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
TYPE = re.compile(r"""\btype=["']?([^"'\s>]+)""", re.I)
SCRIPT_TYPES = {"text/javascript", "application/javascript", "module"}
POLICY = (
    "default-src 'self'",
    "script-src 'self'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
    "font-src 'self'",
    "connect-src 'self'",  # the search index
    "worker-src 'self'",  # the search worker
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def policy(html: str) -> str:
    """The policy for one page, allowing the inline scripts it holds."""
    digests = sorted({_digest(match.group("code")) for match in INLINE_SCRIPT.finditer(html) if _runs(match.group("attributes"))})
    hashes = "".join(f" 'sha256-{digest}'" for digest in digests)
    return "; ".join(POLICY).format(hashes=hashes)


def applies(config) -> bool:
    """Whether the pages of this build get a policy.

    Not under `mkdocs serve`, which adds an inline live-reload script to every page (it points site_url
    at its own address: that is how it is recognised). Not in the offline bundle either: from file://
    the search worker runs through the iframe-worker shim, which writes the worker's code as an inline
    script at run time (no hash can name it), and a file:// page's origin is opaque.
    """
    return not serving(config) and "material/offline" not in config.plugins


def add_policy(html: str) -> str:
    """The page with its policy in a <meta> right after <meta charset> (pages without one are left alone)."""
    if CHARSET not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(CHARSET, f"{CHARSET}\n    {meta}", 1)


def _runs(attributes: str) -> bool:
    type_ = TYPE.search(attributes)
    return type_ is None or type_.group(1).lower() in SCRIPT_TYPES


def _digest(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
