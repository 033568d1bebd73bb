"""Content that could run script in a reader's browser is refused, with file and line.

Page text may hold a little raw HTML (ALLOWED_TAGS: what Markdown cannot say, such as <abbr> or <sup>),
never scripts, frames, plugins, event handlers or script URLs. Front matter values hold no HTML at all:
templates print them as text. The Content-Security-Policy of every page (guidebook/html/csp.py) would block
most of this anyway; refusing it at the source tells the author instead of silently breaking the page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

from .frontmatter import SourceFile
from .links import LINK
from .problems import Problem

ALLOWED_TAGS = frozenset(
    "a abbr b br caption cite code dd del details dfn div dl dt em figcaption figure hr i img ins kbd li mark "
    "ol p pre q s samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr".split()
)
# An HTML tag: '<name' then whitespace, '/', '>' or the end of the line ('<https://x>' is an autolink, not a tag).
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>]|$)([^>]*)")
ATTRIBUTE = re.compile(r"""([^\s"'=/>]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "cite", "background"})
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
CODE_SPAN = re.compile(r"(`+).+?\1")
# Schemes a browser runs or inlines: javascript: and vbscript: run code, data: can carry a whole page.
SCRIPT_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# Control characters and spaces browsers drop inside a scheme ('java\tscript:').
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")
ADVICE = "see 'What Markdown may contain' in CONTRIBUTING.md"


def check_safety(source: SourceFile) -> list[Problem]:
    """Every unsafe value of the front matter and line of the body of one read file."""
    problems = [source.problem(location, message) for location, message in _front_matter(source.meta, ())]
    for line_number, line in source.body_lines:
        if _may_hold_markup(line):
            problems += [Problem(source.shown_path, line_number, "body", message) for message in _body_line(line)]
    return problems


def _may_hold_markup(line: str) -> bool:
    """Whether a line could hold a tag, an autolink, a link or a link definition: most lines hold none."""
    return "<" in line or "](" in line or "]:" in line


def _front_matter(value: Any, location: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _front_matter(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _front_matter(item, (*location, index))
    elif isinstance(value, str) and (tag := TAG.search(value)):
        yield location, f"'<{tag.group(1)}{tag.group(2)}>' looks like an HTML tag; front matter values are plain text, without HTML"


def _body_line(line: str) -> Iterator[str]:
    text = CODE_SPAN.sub("", line)  # `<script>` in backticks is shown, not run
    for tag in TAG.finditer(text):
        name = tag.group(2).lower()
        if name not in ALLOWED_TAGS:
            yield f"the HTML tag <{name}> is not allowed in page text; only formatting tags such as <abbr>, <sup> or <span> are ({ADVICE})"
            continue
        for attribute, raw_value in ATTRIBUTE.findall(tag.group(3)):
            attribute = attribute.lower()
            if attribute.startswith("on"):
                yield f"the event-handler attribute '{attribute}' on <{name}> is not allowed: page text cannot run script ({ADVICE})"
            elif attribute in URL_ATTRIBUTES and _runs_script(raw_value.strip("'\"")):
                yield _url_message(raw_value.strip("'\""), f"the {attribute} of <{name}>")
    urls = [(match.group(3), "image" if match.group(1) else "link") for match in LINK.finditer(text)]
    urls += [(match.group(1), "link") for match in AUTOLINK.finditer(text)]
    urls += [(match.group(1), "link definition") for match in REFERENCE.finditer(text)]
    for url, what in urls:
        if _runs_script(url):
            yield _url_message(url, f"this {what}")


def _runs_script(url: str) -> bool:
    return bool(SCRIPT_SCHEME.match(IGNORED_IN_SCHEME.sub("", html.unescape(url))))


def _url_message(url: str, where: str) -> str:
    scheme = IGNORED_IN_SCHEME.sub("", html.unescape(url)).split(":", 1)[0].lower()
    shown = url if len(url) <= 40 else url[:37] + "..."
    return f"{where} has a '{scheme}:' address ('{shown}'); javascript:, vbscript: and data: addresses are not allowed, use http(s), mailto or a relative address ({ADVICE})"

