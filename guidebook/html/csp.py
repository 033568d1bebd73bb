"""The Content-Security-Policy of every page: only the site's own files, and the inline scripts its templates write.

A <meta> policy applies to what follows it, so it goes right after <meta charset>. The theme and the guidebook's
overrides write a few inline scripts per page (Material's storage helpers, whose text holds the page's depth, the
permalink fix, the catalogue's filter panel). Those are known before any page is built: `TrustedScripts` reads
them from the templates, each Jinja expression in them a slot that can hold a quoted value only. A page allows, by
SHA-256, the inline scripts of its own that match a template, never 'unsafe-inline'; page text cannot add one (its
HTML is sanitised, content/sanitise.py), and an inline script that matches no template stops the build instead
of being allowed. A <meta> policy cannot set frame-ancestors (nor report-uri, nor sandbox): the web server's
header does (deploy/).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

from mkdocs.exceptions import PluginError

from .serving import serving

CHARSET = '<meta charset="utf-8">'
# An inline script element of the built page, which the guidebook wrote: bodies carry no <script> (sanitised).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attributes>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
TYPE = re.compile(r"""\btype=["']?([^"'\s>]+)""", re.I)
SCRIPT_TYPES = {"text/javascript", "application/javascript", "module"}
JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
# What a Jinja expression inside a trusted script may print: a value inside quotes, never code.
SLOT = r"""[^"'`\\<>\n]*"""
POLICY = (
    "default-src 'self'",
    "script-src 'self'{wasm}{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",  # Material's icons are data: SVGs in its stylesheet
    "font-src 'self'",
    "connect-src 'self'",  # the search index
    "worker-src 'self'",  # the search worker
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class TrustedScripts:
    """The inline scripts the templates can write, as patterns of their text."""

    def __init__(self, template_sources: Iterable[str]):
        patterns = {pattern for source in template_sources for pattern in _script_patterns(source)}
        self.patterns = [re.compile(pattern, re.S) for pattern in sorted(patterns)]

    @classmethod
    def of_environment(cls, env) -> TrustedScripts:
        """Those of every HTML template the theme's Jinja environment can load (Material's and the overrides')."""
        names = env.list_templates(filter_func=lambda name: name.endswith(".html"))
        return cls(env.loader.get_source(env, name)[0] for name in names)

    def allows(self, code: str) -> bool:
        return any(pattern.fullmatch(code) for pattern in self.patterns)


def policy(html: str, trusted: TrustedScripts, where: str = "", *, wasm: bool = False) -> str:
    """The policy for one page, allowing its inline scripts; PluginError for one no template writes.

    `wasm`: the site searches with Pagefind, whose worker compiles WebAssembly (html/pagefind_index.py)."""
    digests = set()
    for match in INLINE_SCRIPT.finditer(html):
        if not _runs(match.group("attributes")):
            continue
        code = match.group("code")
        if not trusted.allows(code):
            shown = " ".join(code.split())[:80]
            raise PluginError(
                f"{where or 'a page'}: the inline script '{shown}' comes from no template of the theme or the guidebook, "
                f"so the page's Content-Security-Policy will not allow it (guidebook/html/csp.py). After a theme upgrade, "
                f"check that the script is the theme's own."
            )
        digests.add(_digest(code))
    hashes = "".join(f" 'sha256-{digest}'" for digest in sorted(digests))
    return "; ".join(POLICY).format(wasm=" 'wasm-unsafe-eval'" if wasm else "", hashes=hashes)


def applies(config) -> bool:
    """Whether the pages of this build get a policy: all but those of `mkdocs serve`, which adds an inline
    live-reload script to every page (it points site_url at its own address: that is how it is recognised).

    The offline bundle has it too: from file:// 'self' is the bundle's files, and its copy of the iframe-worker
    shim writes no inline script (guidebook/vendor/iframe-worker/README.md).
    """
    return not serving(config)


def add_policy(html: str, trusted: TrustedScripts, where: str = "", *, wasm: bool = False) -> str:
    """The page with its policy in a <meta> right after <meta charset> (pages without one are left alone)."""
    if CHARSET not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, trusted, where, wasm=wasm)}">'
    return html.replace(CHARSET, f"{CHARSET}\n    {meta}", 1)


def _script_patterns(template: str) -> list[str]:
    """The inline scripts of one template's source, each as a pattern; those holding Jinja statements are skipped."""
    finder = _ScriptFinder()
    finder.feed(template)
    finder.close()
    return [_pattern(code) for code in finder.scripts if "{%" not in code and "{#" not in code]


def _pattern(code: str) -> str:
    parts = JINJA_EXPRESSION.split(code)
    return SLOT.join(re.escape(part) for part in parts)


class _ScriptFinder(HTMLParser):
    """The bodies of a template's inline scripts that run (no src, a JavaScript type or none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            values = dict(attrs)
            type_ = (values.get("type") or "text/javascript").lower()
            self._open = [] if "src" not in values and type_ in SCRIPT_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def _runs(attributes: str) -> bool:
    type_ = TYPE.search(attributes)
    return type_ is None or type_.group(1).lower() in SCRIPT_TYPES


def _digest(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii")
