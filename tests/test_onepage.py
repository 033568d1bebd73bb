"""The one-page renderer (guidebook/html/onepage.py): the page a full build writes, from disk or unsaved text,
refused where the build refuses, in well under a second."""

import statistics
import time
from pathlib import Path

import pytest

from guidebook.content.load import inspect
from guidebook.errors import ContentError
from guidebook.html.onepage import PageRenderer
from guidebook.publish.fingerprint import original_names
from sites import PROJECT, base_files, build, write_project

SHEET = "practice_sheets/rotterdam-case-management"
RENDER_BOUND = 1.0  # seconds for one page, median of 5 (0.03-0.08 s measured, loaded): room for a machine loaded more


@pytest.fixture(scope="module")
def renderer():
    made = PageRenderer(PROJECT)
    yield made
    made.close()


def as_built(site: Path, site_path: str) -> bytes:
    """The full build's file with its assets' content hashes taken out: the one way the two differ (the build
    fingerprints assets after the pages are written; the live preview puts the hashes back, test_live.py)."""
    return original_names((site / site_path).read_text(encoding="utf-8")).encode("utf-8")


def test_every_page_of_the_real_site_in_both_languages_is_the_full_builds(renderer, real_site):
    compared = 0
    for content_file in renderer.repository.files:
        if not content_file.is_markdown:
            continue
        path = content_file.path.relative_to(PROJECT).as_posix()
        for language, site_path in [(code, where) for code, shown, where in renderer.pages_of(path) if shown == path]:
            assert renderer.render(path, language) == as_built(real_site.site, site_path), (
                f"{path} ({language}): {site_path}"
            )
            compared += 1
    assert compared > 100  # every page of both languages: sheets, chapters, pilots, the homes


@pytest.mark.parametrize(
    "path, language, site_path",
    [
        (f"{SHEET}.en.md", "en", "practice-sheets/rotterdam-case-management/index.html"),
        (f"{SHEET}.fr.md", "fr", "fr/practice-sheets/rotterdam-case-management/index.html"),
        ("recommendations/04-risk-assessment.fr.md", "fr", "fr/recommendations/04-risk-assessment/index.html"),
        ("docs/index.en.md", "en", "index.html"),
        ("docs/index.fr.md", "fr", "fr/index.html"),
    ],
)
def test_a_page_renders_in_well_under_a_second(renderer, real_site, path, language, site_path):
    text = (PROJECT / path).read_text(encoding="utf-8")
    times = []
    for _ in range(5):
        started = time.perf_counter()
        html = renderer.render(path, language, text)
        times.append(time.perf_counter() - started)
    assert html == as_built(real_site.site, site_path)
    assert statistics.median(times) < RENDER_BOUND, times


def test_unsaved_text_renders_as_the_full_build_of_that_text(tmp_path):
    project = write_project(tmp_path / "project", base_files())
    sheets = sorted((project / "practice_sheets").glob("*.en.md"))
    path = sheets[0].relative_to(project).as_posix()
    original = (project / path).read_text(encoding="utf-8")
    edited = (
        original.replace("title: ", "title: Retitled ", 1)
        + "\nA paragraph added [with a link](https://example.org/).\n"
    )
    renderer = PageRenderer(project)
    try:
        preview = renderer.render(path, "en", edited)
        assert renderer.render(path, "en") != preview  # unsaved text is forgotten: the file on disk again
    finally:
        renderer.close()
    (project / path).write_text(edited, encoding="utf-8")
    site = build(project, tmp_path / "site").site
    site_path = "practice-sheets/" + Path(path).name.removesuffix(".en.md") + "/index.html"
    assert b"Retitled" in preview and b"A paragraph added" in preview
    assert preview == as_built(site, site_path)


@pytest.mark.parametrize(
    "change, where, said",
    [
        (lambda t: t + "\n<script>alert(1)</script>\n", "body", "the HTML tag <script> is not allowed"),
        (lambda t: t + '\n<a href="javascript:alert(1)">x</a>\n', "body", "javascript"),
        (lambda t: t + "\n[a link](nowhere.md)\n", "body", "points to no page"),
        (lambda t: t.replace("title:", "titel:", 1), "titel", "is not a field"),
        (lambda t: t.replace("## Context", "## Kontext", 1), "body", "where '## Context' was expected"),
    ],
)
def test_unsafe_or_invalid_text_is_refused_by_file_and_line_as_the_check_refuses_it(renderer, change, where, said):
    path = f"{SHEET}.en.md"
    text = (PROJECT / path).read_text(encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        renderer.render(path, "en", change(text))
    problems = refused.value.problems
    assert any(p.path == path and p.line > 0 and said in p.message for p in problems), refused.value.report()
    assert any(p.field == where for p in problems)
    # The refusal changed nothing: the page renders from its file as before.
    assert b"alert(1)" not in renderer.render(path, "en")


def test_the_refusals_are_those_of_guidebook_check(renderer, tmp_path):
    """The same text saved into a copy of the project: `inspect` (guidebook check) names the same problems."""
    project = write_project(tmp_path / "project", base_files())
    sheet = sorted((project / "practice_sheets").glob("*.en.md"))[0]
    path = sheet.relative_to(project).as_posix()
    bad = sheet.read_text(encoding="utf-8") + "\n<iframe src='x'></iframe>\n[x](missing.md)\n"
    renderer = PageRenderer(project)
    try:
        with pytest.raises(ContentError) as refused:
            renderer.render(path, "en", bad)
    finally:
        renderer.close()
    sheet.write_text(bad, encoding="utf-8")
    _, problems = inspect(project)
    assert refused.value.problems == sorted(p for p in problems if p.severity == "error")


def test_a_new_heading_that_breaks_another_pages_link_is_refused_on_that_page(tmp_path):
    files = base_files()
    files["docs/index.en.md"] = files["docs/index.en.md"].replace(
        "Welcome.", "Welcome. See [the pilot](city-pilots/testville.md#how-it-began)."
    )
    files["city_pilots/testville.en.md"] += "\n## How it began\n\nText.\n"
    project = write_project(tmp_path / "project", files)
    renderer = PageRenderer(project)
    try:
        text = (project / "city_pilots/testville.en.md").read_text(encoding="utf-8")
        with pytest.raises(ContentError) as refused:
            renderer.render("city_pilots/testville.en.md", "en", text.replace("## How it began", "## Its beginning"))
    finally:
        renderer.close()
    assert [(p.path, p.line) for p in refused.value.problems] == [("docs/index.en.md", 6)], refused.value.report()
    assert "anchor '#how-it-began' is not a heading" in refused.value.problems[0].message


def test_a_file_that_is_no_page_of_the_site_is_refused(renderer):
    with pytest.raises(ContentError, match="is not a page of the site"):
        renderer.render("practice_sheets/no-such-sheet.en.md", "en", "---\ntitle: x\n---\n")
