"""A build checks the bodies' unsafe markup on its own rendering (html/bodycheck.py) and refuses exactly what
`guidebook check` lists, file, line and message, with each body rendered once."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidebook import publish
from guidebook.content import load as content_load
from guidebook.content import sanitise
from sites import base_files, build, page_text, sheet, write_project
from test_sanitise import PAYLOADS

ADVICE = "(see 'What Markdown may contain'"
SHEET = "practice_sheets/testville-case-management"
# Markdown links MkDocs makes relative to the page (one folder deeper than its source), and raw HTML it leaves alone.
LINKS = (
    "[a pilot](../city-pilots/testville.md) and [home](../index.md#top)\n\n"
    '<a href="../../city-pilots/testville/">climbs out of the site from its source\'s folder</a>\n\n'
    "[far away](../../../../etc/passwd)\n\n"
    '<a data-gb-0123456789abcdef="../index.md" href="javascript:alert(1)">a forged marker</a>'
)


def _check_problems(project: Path) -> set[str]:
    _, problems = content_load.inspect(project)
    return {str(problem) for problem in problems if ADVICE in problem.message}


def _build_problems(project: Path) -> set[str]:
    with pytest.raises(publish.BuildFailed) as failed:
        build(project)
    return {message for message in failed.value.messages if ADVICE in message}


def test_a_build_refuses_exactly_what_the_check_lists(tmp_path):
    files = base_files()
    payloads = "\n\n".join(PAYLOADS.values())
    files["docs/about/page.en.md"] = page_text({"title": "Planted", "status": "draft"}, "Intro.\n\n" + payloads)
    # static-i18n writes the French title of an admonition into the page's Markdown: checked on its own rendering.
    files["docs/about/page.fr.md"] = page_text(
        {"title": "Planté", "status": "draft"}, "!!! note\n    Noté.\n\n" + payloads
    )
    for lang in ("en", "fr"):
        files[f"{SHEET}.{lang}.md"] = sheet(lang) + "\n" + LINKS + "\n"
    project = write_project(tmp_path / "p", files)
    expected = _check_problems(project)
    assert len(expected) > len(PAYLOADS)
    assert any(problem.startswith("docs/about/page.fr.md") for problem in expected)
    assert {problem.split(":")[0] for problem in expected if "leads outside the site" in problem} == {
        f"{SHEET}.en.md",
        f"{SHEET}.fr.md",
    }
    assert _build_problems(project) == expected


def test_a_build_refused_before_rendering_lists_the_bodies_problems_too(tmp_path):
    files = base_files()
    files["docs/about/bad.en.md"] = page_text({"title": "Bad", "status": "draft"}, "Text.\n\n<script>alert(1)</script>")
    files[f"{SHEET}.en.md"] = sheet("en", country="Atlantis")
    project = write_project(tmp_path / "p", files)
    with pytest.raises(publish.BuildFailed) as failed:
        build(project)
    _, problems = content_load.inspect(project)
    assert set(failed.value.messages) == {str(problem) for problem in problems if problem.severity == "error"}
    assert any(
        message.startswith("docs/about/bad.en.md:8: body: the HTML tag <script>") for message in failed.value.messages
    )


def test_links_made_relative_to_the_page_build_and_leave_no_trace(tmp_path):
    files = base_files()
    for lang in ("en", "fr"):
        files[f"{SHEET}.{lang}.md"] = sheet(lang) + "\n[a pilot](../city-pilots/testville.md)\n"
    site = build(write_project(tmp_path / "p", files))
    html = site.html("practice-sheets/testville-case-management")
    assert 'href="../../city-pilots/testville/"' in html
    assert "data-gb-" not in "".join(path.read_text(encoding="utf-8") for path in site.site.rglob("*.html"))


def test_the_check_and_the_build_render_the_same_bodies(tmp_path):
    """What the check renders is what the build renders, but for the addresses MkDocs rewrites and the headings'
    permalinks: nothing else can make the two disagree."""
    body = (
        "Intro [x](javascript:alert(1)).\n\n## A heading\n\n| A |\n|---|\n| 1 |\n\n!!! tip\n    Tip[^1].\n\n[^1]: Note."
    )
    files = base_files()
    files["docs/about/page.en.md"] = page_text({"title": "Page", "status": "draft"}, body)
    project = write_project(tmp_path / "p", files)
    source, _ = content_load.read_source(project / "docs/about/page.en.md", "docs/about/page.en.md")
    assert [str(p) for p in sanitise.body_problems_rendered(source)] == sorted(_build_problems(project))


def test_each_build_judges_its_own_pages(tmp_path):
    """One process building twice (a live preview, the tests): nothing found in the first build counts in the next."""
    files = base_files()
    for number, body in enumerate(("[x](javascript:alert(1))", "Fine.", "[x](javascript:alert(1))")):
        files["docs/about/page.en.md"] = page_text({"title": "Page", "status": "draft"}, "!!! tip\n    Tip.\n\n" + body)
        project = write_project(tmp_path / f"p{number}", files)
        if body == "Fine.":
            build(project)
        else:
            assert _build_problems(project) == _check_problems(project) != set()
