"""Page text is untrusted: the HTML Markdown makes of it keeps only what the guidebook's pages use.

Python-Markdown does not sanitise (its documentation says so) and no scan of the Markdown source can know
what Markdown will treat as code. So the allow-list below is applied to the rendered HTML, twice:
- `guidebook check` renders each body and refuses, with the file and the source line, every element,
  attribute, class, id or address the allow-list would remove (`problems`); a build runs the same rules on the
  HTML it renders each body to anyway (`body_problems` on it: html/bodycheck.py), so each body is rendered once;
- the build and the PDFs pass every body through Ammonia (`nh3`) with the same allow-list (`clean`), so
  whatever the check could have missed never reaches a reader.
Comments are dropped without a word: they never show and authors use them as notes.
Front matter values are plain text: any markup in them is refused (`markup_in_text`), since the theme's
templates print some of them (the title) without escaping.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser

import markdown
import nh3

from ..typography import NO_BREAK
from .frontmatter import Location, SourceFile
from .problems import Problem

# The Markdown extensions of mkdocs.yml (tests/test_sanitise.py keeps the two lists equal): the check renders
# page text as the build does.
MARKDOWN_EXTENSIONS = ("admonition", "tables", "footnotes", "fenced_code", "toc")
ADVICE = "see 'What Markdown may contain' in CONTRIBUTING.md"

# Formatting raw HTML may add to Markdown, and what Markdown and its extensions write themselves.
ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption cite code dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 "
    "hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td tfoot th thead "
    "time tr u ul var wbr".split()
)
GLOBAL_ATTRIBUTES = frozenset({"id", "title", "lang", "dir"})
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "abbr": set(),
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
ADMONITIONS = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help faq warning caution "
    "attention failure fail missing danger error bug example quote cite".split()
)
# The languages a fenced code block may name (```html): fenced_code writes them as a class of <code>.
CODE_LANGUAGES = frozenset("bash css html javascript js json markdown md python sh text xml yaml".split())
# Classes the theme styles in bodies: admonitions, footnotes, heading permalinks and code blocks.
CLASSES = {
    "code": {f"language-{name}" for name in CODE_LANGUAGES},
    "div": {"admonition", "footnote", *ADMONITIONS},
    "details": set(ADMONITIONS),
    "p": {"admonition-title"},
    "a": {"headerlink", "footnote-ref", "footnote-backref"},
}
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# Ids the page's own markup and scripts use (Material's __config, __search...; the guidebook's gb-*):
# an element of the body holding one would shadow theirs.
RESERVED_IDS = ("__", "gb-")
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What browsers drop inside an address before reading its scheme ('java\tscript:').
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def clean(html: str) -> str:
    """`html` with everything outside the allow-list removed (scripts and styles with their content)."""
    # Ammonia writes every no-break space as '&nbsp;': French typography puts one before each colon. The character
    # itself is what the page had (an author's '&nbsp;' arrives escaped, '&amp;nbsp;', and stays so).
    return _cleaner().clean(html).replace("&nbsp;", NO_BREAK)


@cache
def _cleaner() -> nh3.Cleaner:
    attributes = {tag: set(GLOBAL_ATTRIBUTES) | TAG_ATTRIBUTES.get(tag, set()) for tag in ALLOWED_TAGS}
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=_keep_attribute,
        allowed_classes={tag: set(names) for tag, names in CLASSES.items()},
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    # The build's links are already rewritten for their page (MkDocs): where they lead was checked on the source.
    return None if _attribute_problem(tag, name, value, depth=None) else value


def render(body: str) -> str:
    """A page body as the build's Markdown renders it (without the links MkDocs rewrites, which stay relative)."""
    html: str = markdown.markdown(body, extensions=list(MARKDOWN_EXTENSIONS))
    return html


def problems(source: SourceFile) -> list[Problem]:
    """What the build would remove from one file: its front matter's markup and its body's disallowed HTML."""
    return front_matter_problems(source) + body_problems_rendered(source)


def body_problems_rendered(source: SourceFile) -> list[Problem]:
    """What the allow-list would remove from one file's body, rendered here."""
    return body_problems(source, render(source.body))


def front_matter_problems(source: SourceFile) -> list[Problem]:
    """The markup in one file's front matter, whose values are plain text."""
    return [source.problem(location, message) for location, message in _front_matter(source.meta, ())]


def body_problems(source: SourceFile, html: str, marker: str | None = None) -> list[Problem]:
    """What the allow-list would remove from `html`, the file's body rendered by Markdown, by source line.

    `marker`: the attribute in which the build's Markdown keeps each link's and image's address as the author
    wrote it, before MkDocs makes it relative to the page (html/bodycheck.py): that address is the one checked,
    as the check's own rendering has it.
    """
    depth = source.shown_path.count("/")  # of the page's folder below the site root: as deep as its source's
    return [
        Problem(source.shown_path, _source_line(source, clues), "body", f"{message} ({ADVICE})")
        for clues, message in _Walker.walk(html, depth, marker)
    ]


def markup_in_text(text: str) -> str | None:
    """The first piece of markup (tag, comment, declaration) in a plain-text value, or None."""
    walker = _Walker()
    walker.feed(text)
    walker.close()
    return walker.markup[0] if walker.markup else None


def _front_matter(value: object, location: Location) -> Iterator[tuple[Location, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _front_matter(item, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _front_matter(item, (*location, index))
    elif isinstance(value, str) and "<" in value and (markup := markup_in_text(value)):
        yield location, f"'{_shown(markup)}' is HTML; front matter values are plain text, without HTML"


class _Walker(HTMLParser):
    """Reads rendered HTML as a browser would tokenise it and lists what the allow-list refuses."""

    def __init__(self, depth: int = 0, marker: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = depth
        self.marker = marker
        self.found: list[tuple[tuple[str, ...], str]] = []  # (texts to look for in the source, best first; message)
        self.markup: list[str] = []  # every tag, comment or declaration, as written

    @classmethod
    def walk(cls, html: str, depth: int, marker: str | None = None) -> list[tuple[tuple[str, ...], str]]:
        walker = cls(depth, marker)
        walker.feed(html)
        walker.close()
        return walker.found

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        written = self.get_starttag_text() or f"<{tag}>"
        if self.marker and any(name == self.marker for name, _ in attrs):
            written, attrs = _as_authored(written, attrs, self.marker)
        self.markup.append(written)
        if tag not in ALLOWED_TAGS:
            self.found.append(
                (
                    (written, f"<{tag}"),
                    f"the HTML tag <{tag}> is not allowed in page text; allowed: {', '.join(sorted(ALLOWED_TAGS))}",
                )
            )
            return
        for name, value in attrs:
            if message := _attribute_problem(tag, name, value or "", self.depth):
                # Raw HTML keeps its tag as written; a tag Markdown wrote shows only its value in the source.
                self.found.append(((written, value or name, name), message))

    def handle_endtag(self, tag: str) -> None:
        self.markup.append(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self.markup.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._refuse_declaration(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self._refuse_declaration(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self._refuse_declaration(f"<?{data}>")

    def _refuse_declaration(self, written: str) -> None:
        self.markup.append(written)
        self.found.append(((written, written[:9]), f"'{_shown(written)}' is not allowed in page text"))


def _as_authored(
    written: str, attrs: list[tuple[str, str | None]], marker: str
) -> tuple[str, list[tuple[str, str | None]]]:
    """A tag Markdown wrote, with the address the author gave (kept in `marker`) in place of MkDocs' rewrite:
    the tag and attributes the check's own rendering has. Markdown writes every value quoted, without quotes
    inside, so the written values are found by their quotes."""
    authored = dict(attrs)[marker]
    kept = re.search(rf' {re.escape(marker)}="([^"]*)"', written)
    if kept is not None:
        written = written[: kept.start()] + written[kept.end() :]
        written = re.sub(r' (href|src)="[^"]*"', lambda m: f' {m[1]}="{kept[1]}"', written, count=1)
    return written, [(name, authored if name in URL_ATTRIBUTES else value) for name, value in attrs if name != marker]


def _attribute_problem(tag: str, name: str, value: str, depth: int | None) -> str | None:
    """Why an attribute of an allowed tag would be removed, or None when it stays."""
    if name.startswith("on"):
        return f"the event-handler attribute '{name}' on <{tag}> is not allowed: page text cannot run script"
    if name == "class":
        styled = CLASSES.get(tag, set())
        refused = [name for name in value.split() if name not in styled]
        if refused:
            return f"the class '{refused[0]}' on <{tag}> is not one the site styles; allowed on <{tag}>: {', '.join(sorted(styled)) or 'none'}"
        return None
    allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
    if name not in allowed:
        return f"the attribute '{name}' on <{tag}> is not allowed; allowed on <{tag}>: {', '.join(sorted(allowed))}"
    if name == "id" and value.startswith(RESERVED_IDS):
        return f"the id '{value}' is reserved for the site's own elements (ids starting with {', '.join(RESERVED_IDS)}); choose another"
    if name in URL_ATTRIBUTES:
        return _address_problem(tag, name, value, depth)
    return None


def _address_problem(tag: str, name: str, value: str, depth: int | None) -> str | None:
    address = IGNORED_IN_URL.sub("", value)
    scheme = SCHEME.match(address)
    path = address.split("#")[0].split("?")[0]
    if depth is not None and not scheme and not address.startswith("//") and _climbs_out(path, depth):
        return f"the {name} of <{tag}> ('{_shown(value)}') leads outside the site; link to pages and files inside the project"
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return (
            f"the {name} of <{tag}> has a '{scheme.group(1).lower()}:' address ('{_shown(value)}'); "
            f"only http(s), mailto and relative addresses are allowed"
        )
    if tag == "img" and (scheme or address.startswith("//")):
        return f"the image '{_shown(value)}' comes from another site; images come from the project's own folders, so the site loads nothing from another host"
    return None


def _climbs_out(path: str, depth: int) -> bool:
    """Whether a relative path, from a page `depth` folders below the site root, leaves the site."""
    if path.startswith("/"):
        return posixpath.normpath(path).startswith("/..")
    folder = "/".join(["x"] * depth)
    return posixpath.normpath(posixpath.join(folder, path)).startswith("..")


def _source_line(source: SourceFile, clues: tuple[str, ...]) -> int:
    """The body line holding what was refused, as the author wrote it; the body's first line otherwise."""
    lines = list(enumerate(source.body.lower().split("\n"), start=source.body_line))
    for clue in clues:
        wanted = clue.strip().lower().split("\n")[0]
        for number, line in lines:
            if wanted and wanted in line:
                return number
    return source.body_line


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."
