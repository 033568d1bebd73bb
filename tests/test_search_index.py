"""Practice sheets are indexed by their headings and the opening of each section (the index stays small)."""

from __future__ import annotations

import json

from guidebook.html.search_index import abridge
from sites import SHEET_SECTIONS, base_files, build, page_text, sheet, write_project


def _docs(site, prefix=""):
    return json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_sheet_sections_keep_their_first_block_while_other_pages_keep_all_their_text(tmp_path):
    files = base_files()
    body = "\n\n".join(
        f"## {section}\n\nFirst paragraph of {index}.\n\nSecond paragraph of {index}."
        for index, section in enumerate(SHEET_SECTIONS["en"])
    )
    files["practice_sheets/long-sheet.en.md"] = sheet("en").split("---\n\n")[0] + "---\n\n" + body + "\n"
    files["docs/about/long.en.md"] = page_text(
        {"title": "Long", "status": "draft"}, "## Part\n\nFirst page paragraph.\n\nSecond page paragraph."
    )
    english = _docs(build(write_project(tmp_path / "p", files)).site)

    sheet_docs = [doc for doc in english if doc["location"].startswith("practice-sheets/long-sheet/")]
    assert [doc["title"] for doc in sheet_docs[1:]] == SHEET_SECTIONS["en"]
    assert sheet_docs[1]["text"] == "<p>First paragraph of 0.</p>"
    assert not any("Second paragraph" in doc["text"] for doc in sheet_docs)
    page_text_indexed = " ".join(doc["text"] for doc in english if doc["location"].startswith("about/long/"))
    assert "First page paragraph" in page_text_indexed and "Second page paragraph" in page_text_indexed


def test_abridging_keeps_the_intro_each_heading_its_first_block_and_sections_that_start_otherwise():
    html = (
        "<p>Intro.</p>\n"
        '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>\n<ul>\n<li>one</li>\n</ul>\n<p>dropped</p>\n'
        '<h2 id="b">B</h2>\n<table><tr><td>kept</td></tr></table>\n<p>kept too</p>\n'
        '<h3 id="c">C</h3>\n<p>first</p>\n<p>dropped</p>\n'
    )
    assert abridge(html) == (
        "<p>Intro.</p>\n"
        '<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2><p>one</p>'
        '<h2 id="b">B</h2>\n<table><tr><td>kept</td></tr></table>\n<p>kept too</p>\n'
        '<h3 id="c">C</h3><p>first</p>'
    )


def test_each_section_of_a_sheet_adds_at_most_an_opening_of_text_to_the_index():
    sentence = "A sentence of about fifty characters, give or take. "
    long = f'<h2 id="s">S</h2>\n<p>{sentence * 10}</p>'
    assert abridge(long) == f'<h2 id="s">S</h2><p>{(sentence * 4).strip()}</p>'  # 4 sentences: 207 characters
    words = "word " * 100
    assert abridge(f'<h2 id="s">S</h2>\n<p>{words}</p>') == f'<h2 id="s">S</h2><p>{("word " * 48).strip()}…</p>'
    listed = '<h2 id="s">S</h2>\n<ul>\n<li>one <em>two</em></li>\n<li><a href="x/">three</a></li>\n</ul>'
    assert abridge(listed) == '<h2 id="s">S</h2><p>one two; three</p>'
