"""Every kind of bad input, through the commands staff run: `guidebook check` and `guidebook build`.

Each case must exit 1 with `path:line: field: message` saying what was expected, print no traceback,
leave the previously built site/ byte for byte as it was, and leave the content files unchanged.
"""

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidebook.commands.cli import main

from sites import content_snapshot, page_text, sheet, tree_hashes

SHEET = "practice_sheets/testville-case-management.en.md"
PAGE = "docs/about/page.en.md"
BILLION_LAUGHS = (
    "---\ntitle: Laughs\nstatus: draft\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n" for previous, name in zip("abcdefgh", "bcdefghi")
    )
    + "---\n"
)


def _sheet_with(old: str, new: str) -> str:
    text = sheet("en")
    assert old in text, old
    return text.replace(old, new, 1)


def _page(body: str, **meta) -> str:
    return page_text(
        {"title": "Page", "status": "draft", **meta}, "Intro.\n\n" + body
    )  # the body's line 3 is file line 8


# case: (file, its new content, line the message names, field, wording that says what was expected)
CASES = {
    "malformed YAML": (
        SHEET,
        _sheet_with("city: Testville", "city: [Testville"),
        5,
        "front matter",
        "YAML syntax error: expected ',' or ']'",
    ),
    "front matter not closed": (
        PAGE,
        "---\ntitle: Open\nstatus: draft\n\nNo closing line.\n",
        1,
        "front matter",
        "add a line '---' after its last field",
    ),
    "no front matter": (PAGE, "Just text.\n", 1, "front matter", "must start with a line '---'"),
    "duplicate key": (
        SHEET,
        _sheet_with("city: Testville", "city: Testville\ncity: Otherville"),
        5,
        "city",
        "'city' is given twice (first on line 4); keep one",
    ),
    "wrong type": (
        SHEET,
        _sheet_with("  start: 2017", "  start: next year"),
        22,
        "period.start",
        "input should be a valid integer",
    ),
    "missing field": (
        SHEET,
        _sheet_with("city: Testville\n", ""),
        1,
        "city",
        "is missing from this practice sheet; expected: City or region",
    ),
    "unknown field": (
        SHEET,
        _sheet_with("city: Testville", "citty: Testville\ncity: Testville"),
        4,
        "citty",
        "did you mean 'city'?",
    ),
    "misspelt country": (
        SHEET,
        _sheet_with("country: BE", "country: UK"),
        5,
        "country",
        "did you mean 'GB'? expected two capital letters",
    ),
    "misspelt approach": (
        SHEET,
        _sheet_with("- case-management", "- case-managment"),
        14,
        "approaches.0",
        "did you mean 'case-management'?",
    ),
    "misspelt status": (PAGE, _page("Text.", status="publish"), 3, "status", "did you mean 'published'?"),
    "impossible date": (
        PAGE,
        "---\ntitle: Page\nstatus: draft\nlast_reviewed: 2021-02-30\n---\n",
        4,
        "last_reviewed",
        "'2021-02-30' is not a real date (day is out of range for month); expected YYYY-MM-DD",
    ),
    "end before start": (
        SHEET,
        _sheet_with("  end: 2019", "  end: 2015"),
        21,
        "period",
        "the end year 2015 is before the start year 2017",
    ),
    "unknown pilot": (
        SHEET,
        _sheet_with("pilot: testville", "pilot: testvile"),
        6,
        "pilot",
        "did you mean 'testville'?",
    ),
    "unknown chapter": (
        SHEET,
        _sheet_with("- 1\nperiod", "- 13\nperiod"),
        20,
        "recommendations.0",
        "there is no recommendation chapter 13; expected one of: 1",
    ),
    "duplicate chapter number": (
        "recommendations/02-second.en.md",
        page_text({"title": "Second", "number": 1, "summary": "S.", "status": "draft"}),
        3,
        "number",
        "chapter number 1 is already used by recommendations/01-first.en.md",
    ),
    "duplicate address": (
        "docs/state-of-the-art/belgium/index.en.md",
        _page("Text."),
        1,
        "file name",
        "would both be published at '/state-of-the-art/belgium/'",
    ),
    "translation without its source": (
        "docs/orphan.fr.md",
        _page("Texte."),
        1,
        "front matter",
        "this translation has no source file 'orphan.en.md' beside it",
    ),
    "unknown language": (
        "docs/seite.de.md",
        _page("Text."),
        1,
        "file name",
        "'.de' is not a site language; name the file 'seite.en.md' or 'seite.fr.md'",
    ),
    "broken link": (
        PAGE,
        _page("See [the pilot](../city-pilots/nowhere.md)."),
        8,
        "body",
        "link '../city-pilots/nowhere.md' points to no page",
    ),
    "broken anchor": (
        PAGE,
        _page("See [it](../recommendations/01-first.md#nowhere)."),
        8,
        "body",
        "anchor '#nowhere' is not a heading",
    ),
    "missing image": (PAGE, _page("![The city](missing.png)"), 8, "body", "image 'missing.png' not found"),
    "not UTF-8": (
        PAGE,
        b"---\ntitle: Caf\xe9\nstatus: draft\n---\n",
        2,
        "encoding",
        "byte 0xe9 is not UTF-8; save the file as UTF-8",
    ),
    "empty file": (PAGE, b"", 1, "file", "the file is empty; expected front matter"),
    "control character": (
        PAGE,
        "---\ntitle: Page\nsummary: A\x1bB\nstatus: draft\n---\n",
        3,
        "front matter",
        "the invisible control character U+001B is not allowed in front matter",
    ),
    "nesting too deep": (
        PAGE,
        "---\ntitle: Page\nstatus: draft\nsummary: " + "[" * 3000 + "]" * 3000 + "\n---\n",
        4,
        "front matter",
        "values are nested hundreds of levels deep",
    ),
    "alias bomb": (PAGE, BILLION_LAUGHS, 5, "b.0", "YAML anchors and aliases (& and *) are not allowed"),
    "named contact without consent": (
        SHEET,
        _sheet_with("  email: contact@example.org", "  email: contact@example.org\n  name: A Person"),
        26,
        "contact",
        "a named contact person needs 'consent_date: YYYY-MM-DD'",
    ),
    "not an e-mail address": (
        SHEET,
        _sheet_with("  email: contact@example.org", "  email: contact at example"),
        27,
        "contact.email",
        "expected an organisation mailbox",
    ),
    "script": (
        PAGE,
        _page("Hello <script>alert(1)</script>"),
        8,
        "body",
        "the HTML tag <script> is not allowed in page text",
    ),
    "iframe": (
        PAGE,
        _page('<iframe src="https://example.org"></iframe>'),
        8,
        "body",
        "the HTML tag <iframe> is not allowed",
    ),
    "object": (PAGE, _page('<object data="movie.swf"></object>'), 8, "body", "the HTML tag <object> is not allowed"),
    "embed": (PAGE, _page('<embed src="movie.swf">'), 8, "body", "the HTML tag <embed> is not allowed"),
    "event handler": (
        PAGE,
        _page('<span onmouseover="alert(1)">Hover</span>'),
        8,
        "body",
        "the event-handler attribute 'onmouseover' on <span> is not allowed",
    ),
    "javascript link": (
        PAGE,
        _page("[Click](javascript:alert(1))"),
        8,
        "body",
        "the href of <a> has a 'javascript:' address",
    ),
    "javascript in HTML": (
        PAGE,
        _page('<a href="jav&#97;script:alert(1)">x</a>'),
        8,
        "body",
        "the href of <a> has a 'javascript:' address",
    ),
    "data image": (
        PAGE,
        _page("![Pixel](data:image/png;base64,iVBORw0KGgo=)"),
        8,
        "body",
        "the src of <img> has a 'data:' address",
    ),
    "NUL in the body": (
        PAGE,
        _page("Text with a \x00 NUL."),
        8,
        "body",
        "the invisible control character U+0000 is not allowed in page text",
    ),
    "HTML in front matter": (
        PAGE,
        _page("Text.", title="<script>alert(1)</script>"),
        2,
        "title",
        "'<script>' is HTML; front matter values are plain text",
    ),
}


@pytest.fixture(scope="module")
def built_project(base_site):
    """The base project with a site/ built from it (conftest.py's, built once per run): each case starts from a copy."""
    return base_site.project


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str


def guidebook(project, *arguments) -> Outcome:
    """The command line run in this process, as from `project`: the exit code and output a shell gets
    (test_the_real_command_exits_1_without_a_traceback runs the installed `guidebook` for one case)."""
    mkdocs_log = logging.getLogger("mkdocs")
    handlers, level, cwd = list(mkdocs_log.handlers), mkdocs_log.level, os.getcwd()
    os.chdir(project)
    try:
        # catch_exceptions=False: an exception escaping the command's boundary fails the test with its traceback.
        result = CliRunner().invoke(main, ["--project", str(project), *arguments], catch_exceptions=False)
    finally:
        os.chdir(cwd)
        mkdocs_log.handlers[:], mkdocs_log.level = handlers, level  # the build log's handler wrote to this run's stderr
    return Outcome(result.exit_code, result.stdout, result.stderr)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_named_by_check_and_build_and_changes_nothing(built_project, tmp_path, case):
    path, text, line, field, expected = CASES[case]
    project = tmp_path / "project"
    shutil.copytree(built_project, project)
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    site_before, content_before = tree_hashes(project / "site"), content_snapshot(project)

    for command in (["check"], ["build"]):
        result = guidebook(project, *command)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert f"{path}:{line}: {field}: " in output, output
        assert expected in output, output
        assert "Traceback" not in output
    assert tree_hashes(project / "site") == site_before
    assert content_snapshot(project) == content_before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []  # no staging folder left


def test_byte_order_mark_and_windows_line_endings_check_and_build(built_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(built_project, project)
    text = page_text({"title": "Windows page", "status": "published"}, "Line one.\n\nLine two.")
    (project / PAGE).parent.mkdir(parents=True, exist_ok=True)
    (project / PAGE).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))

    checked = guidebook(project, "check")
    assert checked.returncode == 0 and "0 error(s), 0 warning(s)." in checked.stdout, checked.stdout + checked.stderr
    built = guidebook(project, "build", "--no-downloads")
    assert built.returncode == 0, built.stderr
    html = (project / "site/about/page/index.html").read_text(encoding="utf-8")
    assert "<h1>Windows page</h1>" in html and "Line two." in html


def test_the_real_command_exits_1_without_a_traceback(built_project, tmp_path):
    """One case through the installed `guidebook` program, a process of its own, as staff run it."""
    path, text, line, field, expected = CASES["malformed YAML"]
    project = tmp_path / "project"
    shutil.copytree(built_project, project)
    (project / path).write_text(text, encoding="utf-8")
    site_before = tree_hashes(project / "site")
    for command in ("check", "build"):
        result = subprocess.run(
            [Path(sys.executable).with_name("guidebook"), "--project", str(project), command],
            capture_output=True,
            text=True,
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        output = result.stdout + result.stderr
        assert result.returncode == 1 and f"{path}:{line}: {field}: {expected}" in output, output
        assert "Traceback" not in output
    assert tree_hashes(project / "site") == site_before
