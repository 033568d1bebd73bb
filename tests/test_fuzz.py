"""Random front matter and Markdown through loading and validation: success, or ContentError with path:line.

In-process (no site build); derandomized so a failure reproduces on every run.
"""

import tracemalloc

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidebook.content import load as content
from guidebook.errors import ContentError
from guidebook.content.frontmatter import read_source
from sites import base_files, sheet, write_project

SHEET = "practice_sheets/testville-case-management.en.md"
FUZZ = settings(
    derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

FIELDS = list(yaml.safe_load(sheet("en").split("---")[1]))
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.dates()
    | st.sampled_from(["UK", "GB", "<b>x</b>", "2021-02-30", "testville"])
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
changes = st.dictionaries(st.sampled_from(FIELDS) | st.text(min_size=1, max_size=12), values, max_size=5)
# Markdown with the characters that matter: links, images, HTML, headings, code fences, front matter fences.
markdown = st.lists(
    st.sampled_from(
        [
            "## Context",
            "[a](b.md)",
            "![i](x.png)",
            "<script>",
            "<a href='javascript:x'>",
            "```",
            "---",
            "#",
            "\n",
            " ",
            "é",
            "<",
            ">",
            "(",
            ")",
            "`",
            "&#",
        ]
    )
    | st.text(max_size=15),
    max_size=20,
).map("".join)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return write_project(tmp_path_factory.mktemp("fuzz") / "project", base_files())


def _load_and_check(project, text: str | bytes) -> None:
    path = project / SHEET
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    lines = (
        path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    )  # a lone CR ends a line too
    try:
        content.load(project)
    except ContentError as error:
        for problem in error.problems:
            assert problem.field and str(problem).startswith(f"{SHEET}:{problem.line}: {problem.field}: "), str(
                problem
            )  # the other files are sound
            assert 1 <= problem.line <= lines, str(problem)


@FUZZ
@given(changes=changes, body=markdown)
def test_random_front_matter_values_and_markdown(project, changes, body):
    meta = {**yaml.safe_load(sheet("en").split("---")[1]), **changes}
    _load_and_check(project, "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body + "\n")


@FUZZ
@given(front_matter=st.text(max_size=200), body=markdown)
def test_random_front_matter_text(project, front_matter, body):
    _load_and_check(project, f"---\n{front_matter}\n---\n{body}")


@FUZZ
@given(data=st.binary(max_size=200))
def test_random_bytes(project, data):
    _load_and_check(project, data)


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    """Nine levels of nine aliases: 9**9 (387 million) items if expanded; refused from the composed nodes."""
    levels = "".join(f"l{n + 1}: &l{n + 1} [{', '.join([f'*l{n}'] * 9)}]\n" for n in range(9))
    path = tmp_path / "bomb.en.md"
    path.write_text(
        "---\ntitle: Bomb\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + levels + "---\n", encoding="utf-8"
    )
    tracemalloc.start()
    try:
        source, problems = read_source(path, "bomb.en.md")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [str(problem) for problem in problems] == [
        "bomb.en.md:4: l1.0: YAML anchors and aliases (& and *) are not allowed; write the value out"
    ]
    assert source.meta == {} and peak < 2_000_000, peak
