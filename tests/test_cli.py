"""The `guidebook` command driven as staff use it: new, check, status and --mark, fields, on fixture projects."""

import json
import re
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from guidebook.commands import status as translations
from guidebook.content import load as content
from guidebook.commands.cli import main
from guidebook.commands.reference import BEGIN, END, field_reference, generated_section
from guidebook.languages import read, strings
from sites import PROJECT, build, page_text, sheet

EN_SHEET = "practice_sheets/testville-case-management.en.md"
FR_SHEET = "practice_sheets/testville-case-management.fr.md"
NEW_SHEET = "practice_sheets/mentoring-released-prisoners.{}.md"


def run(project, *args):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def snapshot(project) -> dict[str, bytes]:
    return {path.relative_to(project).as_posix(): path.read_bytes() for path in sorted(project.rglob("*.md"))}


def outdated_notice(html: str) -> str | None:
    match = re.search(r'<div class="admonition warning gb-notice gb-notice--outdated".*?</div>', html, re.S)
    return match.group(0) if match else None


# guidebook new


def test_new_practice_sheet_passes_check_builds_and_appears_on_its_pilot(project):
    result = run(
        project,
        "new",
        "practice-sheet",
        "Mentoring released prisoners",
        "--city",
        "Testville",
        "--country",
        "BE",
        "--pilot",
        "testville",
    )

    assert result.exit_code == 0, result.output
    assert f"Created {NEW_SHEET.format('en')}" in result.output
    assert f"Created {NEW_SHEET.format('fr')} (awaiting translation)" in result.output
    for step in ("make serve", "guidebook check", f"guidebook status --mark {NEW_SHEET.format('fr')}"):
        assert step in result.output
    english = (project / NEW_SHEET.format("en")).read_text(encoding="utf-8")
    french = (project / NEW_SHEET.format("fr")).read_text(encoding="utf-8")
    assert 'title: "Mentoring released prisoners"' in english and f"last_reviewed: {date.today()}" in english
    assert "## Results and lessons learnt" in english and "## Résultats et enseignements" in french
    assert "status: draft" in french and '!!! warning "Traduction en attente"' in french
    assert "source_hash" not in french.replace("guidebook status --mark", "")  # unmarked until translated

    checked = run(project, "check")
    assert checked.exit_code == 0 and checked.output.endswith("0 error(s), 0 warning(s).\n"), checked.output
    status = run(project, "status")
    assert f"unmarked    fr  {NEW_SHEET.format('fr')}" in status.output

    site = build(project)
    assert "Mentoring released prisoners</a>" in site.html("city-pilots/testville")
    assert "Mentoring released prisoners</a>" in site.html("fr/city-pilots/testville")
    assert "Mentoring released prisoners" in site.html("practice-sheets")  # the catalogue
    assert "Traduction en attente" in site.html("fr/practice-sheets/mentoring-released-prisoners")


def test_new_takes_city_and_country_from_the_pilot_and_folds_accents(project):
    result = run(project, "new", "practice-sheet", "Sortie de prison à Málaga : l'Œuvre", "--pilot", "testville")
    assert result.exit_code == 0, result.output
    english = (project / "practice_sheets/sortie-de-prison-a-malaga-l-oeuvre.en.md").read_text(encoding="utf-8")
    assert 'city: "Testville"' in english and "country: BE" in english
    assert run(project, "check").exit_code == 0


def test_new_refuses_to_overwrite_and_touches_nothing(project):
    arguments = ("new", "practice-sheet", "Mentoring released prisoners", "--pilot", "testville")
    assert run(project, *arguments).exit_code == 0
    edited = project / NEW_SHEET.format("en")
    edited.write_text(edited.read_text(encoding="utf-8").replace("TODO.", "Written by hand.", 1), encoding="utf-8")
    before = snapshot(project)

    again = run(project, *arguments)

    assert again.exit_code == 1
    assert f"{NEW_SHEET.format('en')}, {NEW_SHEET.format('fr')} already exist; nothing was created" in again.output
    assert snapshot(project) == before


def test_new_refuses_when_only_the_translation_exists(project):
    (project / NEW_SHEET.format("fr")).write_text("kept", encoding="utf-8")
    result = run(project, "new", "practice-sheet", "Mentoring released prisoners", "--pilot", "testville")
    assert result.exit_code == 1 and "already exists" in result.output
    assert not (project / NEW_SHEET.format("en")).exists()
    assert (project / NEW_SHEET.format("fr")).read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize(
    "arguments, expected",
    [
        (["   ", "--pilot", "testville"], "Invalid value for TITLE: is empty"),
        (["?!", "--pilot", "testville"], "has no letters or digits"),
        (
            ["Mentoring", "--pilot", "testville", "--country", "UK"],
            "Invalid value for --country: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'?",
        ),
        (
            ["Mentoring", "--pilot", "testvile"],
            "Invalid value for --pilot: 'testvile' is not a city pilot; did you mean 'testville'?",
        ),
        (["Mentoring", "--pilot", "testville", "--city", ""], "Invalid value for --city: is empty"),
        (["Mentoring"], "Missing option '--pilot'"),
    ],
)
def test_new_with_bad_arguments_explains_and_exits_2(project, arguments, expected):
    before = snapshot(project)
    result = run(project, "new", "practice-sheet", *arguments)
    assert result.exit_code == 2, result.output
    assert expected in " ".join(result.output.split())
    assert snapshot(project) == before


def test_new_city_pilot_and_recommendation_pass_check_and_build(project):
    pilot = run(
        project,
        "new",
        "city-pilot",
        "Liège",
        "--country",
        "BE",
        "--lat",
        "50.63",
        "--lon",
        "5.57",
        "--expert-partner",
        "Test NGO",
    )
    chapter = run(project, "new", "recommendation", "Working with families", "--number", "2")
    assert pilot.exit_code == 0 and chapter.exit_code == 0, pilot.output + chapter.output
    assert "Add 'city-pilots/liege.md' to the nav of mkdocs.yml" in pilot.output
    assert (project / "recommendations/02-working-with-families.fr.md").is_file()
    sheet_of_new_pilot = run(project, "new", "practice-sheet", "Families first", "--pilot", "liege")
    assert sheet_of_new_pilot.exit_code == 0, sheet_of_new_pilot.output
    assert run(project, "check").exit_code == 0
    site = build(project)
    assert "Families first</a>" in site.html("city-pilots/liege")


def test_new_recommendation_refuses_a_taken_number(project):
    result = run(project, "new", "recommendation", "Another first", "--number", "1")
    assert result.exit_code == 2
    assert "chapter 1 already exists (recommendations/01-first.en.md); the first free number is 2" in " ".join(
        result.output.split()
    )


# guidebook check


def test_check_lists_every_error_with_path_and_line(project):
    (project / EN_SHEET).write_text(sheet("en").replace("country: BE", "country: UK"), encoding="utf-8")
    (project / FR_SHEET).write_text(sheet("fr").replace("pilot: testville", "pilot: nowhere"), encoding="utf-8")
    (project / "docs/about.en.md").write_text("---\ntitle: About\n---\n", encoding="utf-8")

    result = run(project, "check")

    assert result.exit_code == 1
    lines = result.output.splitlines()
    text = sheet("en").split("\n")
    assert (
        f"{EN_SHEET}:{text.index('country: BE') + 1}: country: 'UK' is not an ISO 3166-1 alpha-2 country code; did you mean 'GB'? expected two capital letters such as BE, FR or GB"
        in lines
    )
    assert any(line.startswith(f"{FR_SHEET}:{text.index('pilot: testville') + 1}: pilot: 'nowhere'") for line in lines)
    assert (
        "docs/about.en.md:1: status: is missing from this page; expected: Editorial status: draft (incomplete, marked on the page) or published."
        in lines
    )
    assert lines[-1] == "3 error(s), 0 warning(s)."

    as_json = json.loads(run(project, "check", "--format", "json").output)
    assert as_json["summary"] == {"errors": 3, "warnings": 0}
    assert {"path": "docs/about.en.md", "line": 1, "field": "status", "severity": "error"}.items() <= as_json[
        "problems"
    ][0].items()


def test_check_on_the_shipped_project_exits_0():
    result = run(PROJECT, "check")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("0 error(s), 0 warning(s).\n")


def test_shipped_translations_are_never_outdated():
    """Shipped translations are unmarked, so the site shows no outdated notice on them."""
    states = {row.state for row in translations.translation_report(content.load(PROJECT))}
    assert translations.State.OUTDATED not in states


# guidebook status and --mark


def test_outdated_translation_is_reported_shown_on_the_site_and_cleared_by_mark(project):
    marked = run(project, "status", "--mark", FR_SHEET)
    assert marked.exit_code == 0
    assert re.search(
        rf'{FR_SHEET}:\d+: source_hash: added, "[0-9a-f]{{12}}"; the translation is now recorded as up to date with {EN_SHEET}',
        marked.output,
    )
    assert f"up-to-date  fr  {FR_SHEET}" in run(project, "status").output

    english = project / EN_SHEET
    english.write_text(
        english.read_text(encoding="utf-8").replace("## Context\n\nText.", "## Context\n\nNew facts."), encoding="utf-8"
    )

    status = run(project, "status")
    assert status.exit_code == 0
    assert (
        f"outdated    fr  {FR_SHEET}  ({EN_SHEET} changed since; update it, then run: guidebook status --mark {FR_SHEET})"
        in status.output
    )
    checked = run(project, "check")
    assert checked.exit_code == 0 and f"{EN_SHEET} has changed since this translation was made" in checked.output
    site = build(project)
    notice = outdated_notice(site.html("fr/practice-sheets/testville-case-management"))
    assert "La version originale de cette page, en anglais, a été modifiée" in notice
    assert (
        '<a href="../../../practice-sheets/testville-case-management/" hreflang="en">Lire l’original en anglais</a>'
        in notice
    )  # typeset, in the guidebook's escaping templates
    assert outdated_notice(site.html("practice-sheets/testville-case-management")) is None

    remarked = run(project, "status", "--mark", str(project / FR_SHEET))
    assert re.search(r'source_hash: changed from "[0-9a-f]{12}" to "[0-9a-f]{12}"', remarked.output)
    assert f"up-to-date  fr  {FR_SHEET}" in run(project, "status").output
    assert outdated_notice(build(project).html("fr/practice-sheets/testville-case-management")) is None


def test_english_translation_of_a_french_page_gets_an_english_notice(project):
    (project / "docs/seulement.fr.md").write_text(
        page_text({"title": "Original", "status": "published", "source_language": "fr"}), encoding="utf-8"
    )
    (project / "docs/seulement.en.md").write_text(
        page_text({"title": "Translation", "status": "published", "source_hash": "000000000000"}), encoding="utf-8"
    )
    notice = outdated_notice(build(project).html("seulement"))
    assert "The original version of this page, in French, has changed since this translation was made." in notice
    assert 'hreflang="fr">Read the original in French</a>' in notice


def test_status_ignores_bookkeeping_fields_and_line_endings(project):
    run(project, "status", "--mark", FR_SHEET)
    english = project / EN_SHEET
    text = english.read_text(encoding="utf-8").replace("status: published", "status: draft\nlast_reviewed: 2020-01-01")
    english.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert f"up-to-date  fr  {FR_SHEET}" in run(project, "status").output


def test_mark_changes_only_the_hash_line_and_keeps_line_endings(project):
    french = project / FR_SHEET
    original = b"\xef\xbb\xbf" + sheet("fr").replace("\n", "\r\n").encode("utf-8")
    french.write_bytes(original)

    run(project, "status", "--mark", FR_SHEET)

    first = french.read_bytes()
    hash_line = re.search(rb'source_hash: "[0-9a-f]{12}"\r\n', first).group(0)
    closing = original.index(b"---\r\n", 5)  # the closing fence
    assert first == original[:closing] + hash_line + original[closing:]

    english = project / EN_SHEET
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    again = run(project, "status", "--mark", FR_SHEET)
    second = french.read_bytes()
    assert "changed from" in again.output
    assert second.replace(re.search(rb'source_hash: "[0-9a-f]{12}"\r\n', second).group(0), b"") == original

    unchanged = run(project, "status", "--mark", FR_SHEET)
    assert "already" in unchanged.output and french.read_bytes() == second


@pytest.mark.parametrize(
    "path, expected",
    [
        (EN_SHEET, "is the source of its page (written in en); mark its translation instead"),
        ("practice_sheets/nothing.fr.md", "is not a readable page of the guidebook"),
    ],
)
def test_mark_refuses_what_is_not_a_translation(project, path, expected):
    before = snapshot(project)
    result = run(project, "status", "--mark", path)
    assert result.exit_code == 2 and expected in " ".join(result.output.split())
    assert snapshot(project) == before


def test_deleted_translation_is_missing(project):
    (project / FR_SHEET).unlink()
    status = run(project, "status")
    assert status.exit_code == 0
    assert f"missing     fr  {FR_SHEET}  (not written yet: readers get {EN_SHEET} with a notice)" in status.output
    assert "1 missing" in status.output


def test_status_lists_pages_due_for_review_and_speaks_json(project):
    long_ago = date.today() - timedelta(days=400)
    recently = date.today() - timedelta(days=10)
    (project / EN_SHEET).write_text(sheet("en", last_reviewed=long_ago), encoding="utf-8")
    (project / "docs/index.en.md").write_text(
        page_text({"title": "Home", "status": "published", "last_reviewed": recently}), encoding="utf-8"
    )

    text = run(project, "status").output
    assert "Review: 1 file(s) last reviewed more than 365 days ago." in text
    assert re.search(rf"  {EN_SHEET}:\d+: last_reviewed: {long_ago} \(400 days ago\)", text)
    assert "docs/index.en.md" in run(project, "status", "--review-days", "5").output.split("Review:")[1]

    report = json.loads(run(project, "status", "--format", "json").output)
    assert report["review"][0]["path"] == EN_SHEET and report["review"][0]["days_ago"] == 400
    rows = {(row["path"], row["state"]) for row in report["translations"]}
    assert (FR_SHEET, "unmarked") in rows and (EN_SHEET, "source") in rows
    assert report["summary"] == {"up-to-date": 0, "outdated": 0, "unmarked": 5, "missing": 0}


# help, reference, strings


def test_help_documents_the_exit_codes_and_every_command():
    result = CliRunner().invoke(main, ["--help"])
    assert "Exit codes:" in result.output and "2  the command was called wrongly" in result.output
    for command in (
        ["check"],
        ["status"],
        ["new"],
        ["new", "practice-sheet"],
        ["new", "city-pilot"],
        ["new", "recommendation"],
        ["fields"],
        ["build"],
    ):
        assert CliRunner().invoke(main, [*command, "--help"]).exit_code == 0


def test_contributing_field_reference_is_generated_from_the_schema():
    section = generated_section((PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert section is not None, "CONTRIBUTING.md lost the markers of its field reference"
    assert section == field_reference(read(PROJECT)), "CONTRIBUTING.md is out of date: run `guidebook fields --write`"


def test_fields_write_updates_only_the_generated_section(tmp_path):
    guide = tmp_path / "CONTRIBUTING.md"
    guide.write_text(f"# Guide\n\n{BEGIN}\nstale\n{END}\n\nAfter.\n", encoding="utf-8")
    assert run(tmp_path, "fields", "--write").exit_code == 0
    assert guide.read_text(encoding="utf-8") == f"# Guide\n\n{BEGIN}\n{field_reference(read(PROJECT))}{END}\n\nAfter.\n"
    guide.write_text("# No markers\n", encoding="utf-8")
    refused = run(tmp_path, "fields", "--write")
    assert refused.exit_code == 1 and guide.read_text(encoding="utf-8") == "# No markers\n"


def test_interface_strings_have_the_same_keys_in_every_language():
    keys = {language: list(strings(language)) for language in read(PROJECT).codes}
    assert keys["fr"] == keys["en"]
