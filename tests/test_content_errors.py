"""Each kind of bad content stops the build with a message naming file, line and field; site/ is untouched."""

import pytest

from guidebook import publish
from sites import base_files, build, sheet, write_project

SHEET = "practice_sheets/testville-case-management.en.md"


def _replace_line(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return text.split("\n").index(needle) + 1


CASES = {
    "malformed YAML": (
        lambda t: _replace_line(t, "city: Testville", "city: [Testville"),
        "front matter",
        "(while parsing a flow sequence on line 4)",
    ),
    "missing field": (
        lambda t: _replace_line(t, "city: Testville\n", ""),
        "city",
        "is missing from this practice sheet",
    ),
    "wrong type": (lambda t: _replace_line(t, "  start: 2017", "  start: next year"), "period.start", "valid integer"),
    "unknown pilot": (
        lambda t: _replace_line(t, "pilot: testville", "pilot: testvile"),
        "pilot",
        "did you mean 'testville'?",
    ),
    "unknown chapter": (
        lambda t: _replace_line(t, "- 1\nperiod", "- 13\nperiod"),
        "recommendations.0",
        "there is no recommendation chapter 13",
    ),
    "misspelt country": (lambda t: _replace_line(t, "country: BE", "country: UK"), "country", "did you mean 'GB'?"),
    "misspelt approach": (
        lambda t: _replace_line(t, "- case-management", "- case-managment"),
        "approaches.0",
        "did you mean 'case-management'?",
    ),
    "duplicate key": (
        lambda t: _replace_line(t, "city: Testville", "city: Testville\ncity: Otherville"),
        "city",
        "is given twice",
    ),
    "impossible date": (
        lambda t: _replace_line(t, "status: published", "status: published\nlast_reviewed: 2026-02-30"),
        "last_reviewed",
        "is not a real date",
    ),
    "unknown field": (
        lambda t: _replace_line(t, "city: Testville", "citty: Testville\ncity: Testville"),
        "citty",
        "did you mean 'city'?",
    ),
    "named contact without consent": (
        lambda t: _replace_line(t, "  email: contact@example.org", "  email: contact@example.org\n  name: A Person"),
        "contact",
        "consent_date",
    ),
}

# The line each case should point at: the changed line (or, for a missing field, the start of the front matter).
EXPECTED_LINE = {
    "malformed YAML": "country: BE",  # where YAML notices the unclosed bracket opened on the line before
    "missing field": "---",
    "wrong type": "  start: next year",
    "unknown pilot": "pilot: testvile",
    "unknown chapter": "- 13",
    "misspelt country": "country: UK",
    "misspelt approach": "- case-managment",
    "duplicate key": "city: Otherville",
    "impossible date": "last_reviewed: 2026-02-30",
    "unknown field": "citty: Testville",
    "named contact without consent": "contact:",
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_sheet_fails_with_file_line_and_field(tmp_path, case):
    edit, field, expected = CASES[case]
    files = base_files()
    files[SHEET] = edit(sheet("en"))
    project = write_project(tmp_path / "p", files)
    site = tmp_path / "p" / "site"
    site.mkdir()
    (site / "previous.html").write_text("previous build")

    with pytest.raises(publish.BuildFailed) as failure:
        build(project, site)

    line = _line_of(files[SHEET], EXPECTED_LINE[case])
    assert f"{SHEET}:{line}: {field}: " in str(failure.value)
    assert expected in str(failure.value)
    assert [p.name for p in site.iterdir()] == ["previous.html"]
    assert (project / SHEET).read_text(encoding="utf-8") == files[SHEET]  # the author's file is never changed


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    files = base_files()
    files[SHEET] = _replace_line(sheet("en"), "pilot: testville", "pilot: nowhere")
    files["recommendations/01-first.en.md"] = files["recommendations/01-first.en.md"].replace("number: 1\n", "")
    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    message = str(failure.value)
    assert f"{SHEET}:" in message and "recommendations/01-first.en.md:1: number: is missing" in message


@pytest.mark.parametrize(
    "content, line, field, expected",
    [
        (b"", 1, "file", "the file is empty"),
        (b"---\ntitle: Open\nstatus: draft\n\nNo closing line.\n", 1, "front matter", "never closed"),
        (b"Just text, no front matter.\n", 1, "front matter", "must start with a line '---'"),
        (b"---\ntitle: Caf\xe9\nstatus: draft\n---\n", 2, "encoding", "is not UTF-8"),
        (b"---\ntitle: &a Loop\nsummary: *a\nstatus: draft\n---\n", 3, "summary", "anchors and aliases"),
    ],
)
def test_unreadable_files_are_named_with_their_line(tmp_path, content, line, field, expected):
    files = base_files()
    files["docs/broken.en.md"] = content
    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    assert f"docs/broken.en.md:{line}: {field}: " in str(failure.value)
    assert expected in str(failure.value)


def test_translation_without_its_source_is_an_error(tmp_path):
    files = base_files()
    files["docs/orphan.fr.md"] = "---\ntitle: Orpheline\nstatus: draft\n---\n"
    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    assert "docs/orphan.fr.md:1: front matter: this translation has no source file 'orphan.en.md'" in str(failure.value)


def test_practice_sheet_must_follow_the_section_template(tmp_path):
    files = base_files()
    files["practice_sheets/testville-case-management.fr.md"] = sheet("fr").replace("## Objectifs", "## Buts")
    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    assert "found section '## Buts' where '## Objectifs' was expected" in str(failure.value)


def test_translation_inherits_language_neutral_fields(tmp_path):
    files = base_files()
    files["practice_sheets/testville-case-management.fr.md"] = (
        sheet("fr").replace("city: Testville\n", "").replace("country: BE\n", "")
    )
    result = build(write_project(tmp_path / "p", files))
    assert "Belgique" in result.html("fr/practice-sheets/testville-case-management")


@pytest.mark.parametrize(
    "body, expected",
    [
        ("See [the pilot](../city-pilots/nowhere.md).", "link '../city-pilots/nowhere.md' points to no page"),
        (
            "See [the chapter](../recommendations/01-first.md#no-such-heading).",
            "anchor '#no-such-heading' is not a heading",
        ),
        ("![Map of the city](images/missing.png)", "image 'images/missing.png' not found"),
    ],
)
def test_broken_links_anchors_and_images_are_named_with_their_line(tmp_path, body, expected):
    files = base_files()
    files["docs/about/links.en.md"] = "---\ntitle: Links\nstatus: draft\n---\n\nIntro.\n\n" + body + "\n"
    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    assert f"docs/about/links.en.md:8: body: {expected}" in str(failure.value)


def test_valid_links_with_anchors_pass(tmp_path):
    files = base_files()
    files["recommendations/01-first.en.md"] += "\n## Why it matters\n\nText.\n"
    files["recommendations/01-first.fr.md"] += "\n## Why it matters\n\nTexte.\n"
    files["docs/about/links.en.md"] = (
        "---\ntitle: Links\nstatus: draft\n---\n\nSee [why](../recommendations/01-first.md#why-it-matters) and [the catalogue](../practice-sheets/index.md).\n"
    )
    assert build(write_project(tmp_path / "p", files)).warnings == []


def test_anchor_missing_in_the_translation_the_reader_gets_is_an_error(tmp_path):
    files = base_files()
    files["recommendations/01-first.en.md"] += "\n## Why it matters\n\nText.\n"
    files["docs/about/links.en.md"] = (
        "---\ntitle: Links\nstatus: draft\n---\n\nSee [why](../recommendations/01-first.md#why-it-matters).\n"
    )
    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    assert (
        "docs/about/links.en.md:6: body: anchor '#why-it-matters' is not a heading of recommendations/01-first.fr.md"
        in str(failure.value)
    )
