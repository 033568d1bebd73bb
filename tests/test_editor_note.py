"""`editor_note`: a file's note to editors, checked by the schema, listed by `guidebook status`, never shown to readers."""

from __future__ import annotations

import json

from click.testing import CliRunner
from pdf_reading import page_texts

from guidebook.commands.cli import main
from sites import base_files, build, page_text, sheet, write_project

EN_CHAPTER = "recommendations/01-first.en.md"
FR_CHAPTER = "recommendations/01-first.fr.md"
EN_SHEET = "practice_sheets/testville-case-management.en.md"
NOTE = "Ask Efus for the printed chapter: ZEBRA-NOTE-7."
FR_NOTE = "Relire le texte imprimé : NOTE-ZEBRE-8."


def run(project, *args):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def chapter(language: str, **extra) -> str:
    english = language == "en"
    meta = {
        "title": "First chapter" if english else "Premier chapitre",
        "number": 1,
        "summary": "S.",
        "status": "published",
        **extra,
    }
    return page_text(meta, "Text of the chapter." if english else "Texte du chapitre.")


def noted_files() -> dict[str, str]:
    files = base_files()
    files[EN_CHAPTER] = chapter("en", editor_note=NOTE)
    files[FR_CHAPTER] = chapter("fr", editor_note=FR_NOTE)
    files[EN_SHEET] = sheet("en", editor_note=NOTE)
    return files


def test_status_lists_each_file_with_its_note_in_text_and_json(tmp_path):
    project = write_project(tmp_path / "p", noted_files())
    assert run(project, "check").exit_code == 0
    text = run(project, "status").output
    notes = text.split("Notes to editors: 3 file(s).\n")[1].splitlines()
    assert notes == [
        f"  {EN_SHEET}: editor_note: {NOTE}",
        f"  {EN_CHAPTER}: editor_note: {NOTE}",
        f"  {FR_CHAPTER}: editor_note: {FR_NOTE}",
    ]
    report = json.loads(run(project, "status", "--format", "json").output)
    assert {(row["path"], row["note"]) for row in report["editor_notes"]} == {
        (EN_SHEET, NOTE),
        (EN_CHAPTER, NOTE),
        (FR_CHAPTER, FR_NOTE),
    }


def test_a_translation_neither_inherits_the_note_nor_goes_out_of_date_when_it_changes(tmp_path):
    files = base_files()
    files[EN_CHAPTER] = chapter("en")
    project = write_project(tmp_path / "p", files)
    assert run(project, "status", "--mark", FR_CHAPTER).exit_code == 0
    (project / EN_CHAPTER).write_text(chapter("en", editor_note=NOTE), encoding="utf-8")
    report = json.loads(run(project, "status", "--format", "json").output)
    assert [row["path"] for row in report["editor_notes"]] == [EN_CHAPTER]  # the French file has none of its own
    assert {row["path"]: row["state"] for row in report["translations"]}[FR_CHAPTER] == "up-to-date"


def test_a_note_that_is_not_text_is_refused_with_file_line_and_field(tmp_path):
    files = base_files()
    files[EN_CHAPTER] = chapter("en", editor_note=["a", "list"])
    files[FR_CHAPTER] = chapter("fr", editor_note="")
    result = run(write_project(tmp_path / "p", files), "check")
    assert result.exit_code != 0
    assert (
        f"{EN_CHAPTER}:6: editor_note:" in result.output and f"{FR_CHAPTER}:6: editor_note:" in result.output
    )  # line 6: after 4 fields
    assert "Traceback" not in result.output


def test_the_note_is_nowhere_readers_look_pages_search_open_data_or_pdfs(tmp_path):
    result = build(write_project(tmp_path / "p", noted_files()), downloads=True)
    published = [path for path in result.site.rglob("*") if path.suffix in {".html", ".json", ".xml", ".js"}]
    assert any(path.name == "search_index.json" for path in published) and any(
        path.name == "catalogue.json" for path in published
    )
    for path in published:
        text = path.read_text(encoding="utf-8")
        assert "ZEBRA-NOTE-7" not in text and "NOTE-ZEBRE-8" not in text and "editor_note" not in text, path
    assert "Text of the chapter." in result.html("recommendations/01-first")
    pdfs = [*result.site.glob("*.pdf"), *result.site.glob("downloads/*.pdf")]
    assert len(pdfs) >= 4
    for pdf in pdfs:
        text = " ".join(page_texts(pdf))
        assert "ZEBRA" not in text and "ZEBRE" not in text, pdf
    assert "Text of the chapter." in " ".join(page_texts(result.site / "guidebook-en.pdf"))
