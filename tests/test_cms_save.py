"""What the editor's server writes: files `guidebook check` accepts, or nothing, with the check's message."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest
import yaml
from click.testing import CliRunner

from guidebook.commands.cli import main as guidebook
from guidebook.cms.save import SaveRefused, save
from guidebook.content.layout import COLLECTIONS, DOCS_DIR
from editor_api import AdminPage, running_editor
from sites import PROJECT, content_snapshot, page_text

TODAY = date(2026, 12, 3)
SHEET = "practice_sheets/testville-case-management"


def decap_text(meta: dict, body: str = "") -> str:
    """A file as Decap writes it: empty optional values as null or '', no sections."""
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body


def new_sheet(language: str) -> str:
    english = language == "en"
    return decap_text(
        {
            "title": "Mentoring in Testville" if english else "Mentorat à Testville",
            "summary": "A mentoring practice." if english else "Une pratique de mentorat.",
            "status": "draft",
            "last_reviewed": None,
            "source_language": "",
            "hide": [],
            "city": "Testville",
            "country": "BE",
            "pilot": "testville",
            "lead_organisation": {"name": "", "role": None},
            "approaches": ["case-management"],
            "recommendations": ["1"],
            "period": {"start": None, "end": None},
            "evaluation": {"status": "none", "note": ""},
            "contact": {"email": "contact@example.org", "name": None, "consent_date": None},
        }
    )


def front_matter(path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def check(project) -> str:
    result = CliRunner().invoke(guidebook, ["--project", str(project), "check"])
    return result.output


def status(project) -> str:
    return CliRunner().invoke(guidebook, ["--project", str(project), "status"]).output


def test_a_new_sheet_is_written_in_the_project_form(project):
    paths = {f"practice_sheets/mentoring.{lang}.md": new_sheet(lang) for lang in ("en", "fr")}
    assert save(project, paths, TODAY) == sorted(paths)
    english, french = (front_matter(project / path) for path in sorted(paths))
    assert list(english)[:3] == ["title", "summary", "city"] and list(english)[-2:] == ["status", "last_reviewed"]
    assert english["last_reviewed"] == TODAY and english["recommendations"] == [1]
    assert english["partners"] == [] and english["justice_stages"] == [] and english["target_groups"] == []
    for meta in (english, french):
        for absent in ("source_language", "hide", "lead_organisation", "period"):
            assert absent not in meta
        assert meta["evaluation"] == {"status": "none"} and meta["contact"] == {"email": "contact@example.org"}
    assert "## Transférabilité" in (project / "practice_sheets/mentoring.fr.md").read_text(encoding="utf-8")
    assert "0 error(s), 0 warning(s)." in check(project)
    assert "up-to-date  fr  practice_sheets/mentoring.fr.md" in status(project)


@pytest.mark.parametrize("folders", [(DOCS_DIR,), tuple(COLLECTIONS.values())], ids=["docs", "collections"])
def test_every_page_of_the_guidebook_saved_unchanged_stays_valid_and_keeps_its_translation_state(tmp_path, folders):
    """In two halves xdist runs side by side: each save checks the whole project (about half a second)."""
    copy = tmp_path / "project"
    for name in (DOCS_DIR, *COLLECTIONS.values()):
        shutil.copytree(PROJECT / name, copy / name)
    shutil.copyfile(PROJECT / "mkdocs.yml", copy / "mkdocs.yml")
    states_before = status(copy)
    for first in sorted(path for folder in folders for path in (copy / folder).rglob("*.en.md")):
        files = {
            path.relative_to(copy).as_posix(): path.read_text(encoding="utf-8")
            for path in (first, first.with_name(first.name.replace(".en.md", ".fr.md")))
            if path.exists()
        }
        save(copy, files, TODAY)
    assert "0 error(s)" in check(copy)
    assert status(copy) == states_before
    for sheet in (copy / "practice_sheets").glob("*.md"):  # written in the house style
        text = sheet.read_text(encoding="utf-8")
        assert re.search(r'^title: ".+"$', text, re.M), sheet.name
        if "\napproaches:" in text:
            assert re.search(r"^approaches: \[[a-z-]+(, [a-z-]+)*\]$", text, re.M), sheet.name
        if "\npartners:" in text:
            assert re.search(r'^partners:\n  - name: ".+"\n    role: ".+"$', text, re.M) or "partners: []" in text, (
                sheet.name
            )


def _edit(project, language: str, **changes) -> str:
    meta = front_matter(project / f"{SHEET}.{language}.md")
    body = (project / f"{SHEET}.{language}.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    return decap_text({**meta, **changes}, body)


def _mark(project) -> None:
    CliRunner().invoke(guidebook, ["--project", str(project), "status", "--mark", f"{SHEET}.fr.md"])


def test_a_source_saved_alone_shows_its_translation_as_outdated(project):
    _mark(project)
    files = {
        f"{SHEET}.en.md": _edit(project, "en", summary="A changed summary."),
        f"{SHEET}.fr.md": _edit(project, "fr"),
    }
    save(project, files, TODAY)
    assert f"outdated    fr  {SHEET}.fr.md" in status(project)


def test_both_languages_saved_together_are_recorded_up_to_date(project):
    _mark(project)
    files = {
        f"{SHEET}.en.md": _edit(project, "en", summary="A changed summary."),
        f"{SHEET}.fr.md": _edit(project, "fr", summary="Un résumé changé."),
    }
    save(project, files, TODAY)
    assert f"up-to-date  fr  {SHEET}.fr.md" in status(project)


def test_a_field_edited_once_keeps_an_up_to_date_translation_up_to_date(project):
    _mark(project)
    files = {f"{SHEET}.{lang}.md": _edit(project, lang, country="NL") for lang in ("en", "fr")}
    save(project, files, TODAY)
    assert f"up-to-date  fr  {SHEET}.fr.md" in status(project)


def test_a_translation_saved_alone_is_marked_against_its_source_when_its_text_changed(project):
    _mark(project)
    save(project, {f"{SHEET}.en.md": _edit(project, "en", summary="A changed summary.")}, TODAY)
    save(project, {f"{SHEET}.fr.md": _edit(project, "fr", status="published")}, TODAY)  # not its text: still outdated
    assert f"outdated    fr  {SHEET}.fr.md" in status(project)
    save(project, {f"{SHEET}.fr.md": _edit(project, "fr", summary="Un résumé changé.")}, TODAY)
    assert f"up-to-date  fr  {SHEET}.fr.md" in status(project)


def test_a_save_the_check_refuses_writes_nothing_and_says_why(project):
    before = content_snapshot(project)
    files = {
        f"practice_sheets/mentoring.{lang}.md": new_sheet(lang).replace("pilot: testville", "pilot: testvile")
        for lang in ("en", "fr")
    }
    with pytest.raises(SaveRefused) as refused:
        save(project, files, TODAY)
    assert [(p.path, p.field) for p in refused.value.problems] == [(path, "pilot") for path in sorted(files)]
    assert "did you mean 'testville'?" in refused.value.problems[0].message
    assert content_snapshot(project) == before


def test_a_save_whose_text_would_run_script_is_refused_on_its_line_and_another_pages_fault_refuses_nothing(project):
    """The save renders the saved files' bodies for the unsafe-markup check, and only theirs: a fault in a page
    the save does not touch is `guidebook check`'s to name, not a reason to refuse this save."""
    elsewhere = project / "docs/state-of-the-art/belgium.en.md"  # written by hand, never saved through the editor
    elsewhere.write_text(
        elsewhere.read_text(encoding="utf-8") + '\n<img src="x" onerror="alert(1)">\n', encoding="utf-8"
    )
    assert save(project, {f"{SHEET}.en.md": _edit(project, "en", summary="A summary.")}, TODAY) == [f"{SHEET}.en.md"]
    before = content_snapshot(project)
    # Saved again as the editor has it now, in the project's form, with a link that would run script.
    planted = (project / f"{SHEET}.en.md").read_text(encoding="utf-8") + '\n<a href="javascript:alert(1)">here</a>\n'
    with pytest.raises(SaveRefused) as refused:
        save(project, {f"{SHEET}.en.md": planted}, TODAY)
    [problem] = refused.value.problems
    assert (problem.path, problem.field) == (f"{SHEET}.en.md", "body") and "javascript:" in problem.message
    assert problem.line == planted.count("\n")
    assert content_snapshot(project) == before
    assert "docs/state-of-the-art/belgium.en.md:" in check(project)  # still named where every fault is listed


def test_a_translation_must_state_its_own_required_translated_fields(project):
    french = new_sheet("fr").replace("summary: Une pratique de mentorat.\n", "")
    with pytest.raises(SaveRefused) as refused:
        save(
            project,
            {"practice_sheets/mentoring.en.md": new_sheet("en"), "practice_sheets/mentoring.fr.md": french},
            TODAY,
        )
    assert [(p.path, p.line, p.field) for p in refused.value.problems] == [
        ("practice_sheets/mentoring.fr.md", 1, "summary")
    ]


@pytest.mark.parametrize(
    "path", ["../outside.en.md", "mkdocs.en.md", "practice_sheets/mentoring.md", "/etc/passwd.en.md"]
)
def test_only_pages_of_the_guidebook_are_written(project, path):
    with pytest.raises(SaveRefused):
        save(project, {path: new_sheet("en")}, TODAY)


@pytest.fixture
def api(project):
    (project / "city_pilots/index.en.md").write_text(
        page_text({"title": "City pilots", "status": "published"}), encoding="utf-8"
    )
    with running_editor(project) as server:
        pages = {language: AdminPage(server, language) for language in ("en", "fr")}

        def call(action: str, language: str = "en", **params) -> tuple[int, object]:
            return pages[language](action, **params)

        yield call


def test_a_collection_lists_its_pages_without_the_folder_index(api):
    status_code, entries = api("entriesByFolder", folder="city_pilots", extension="md", depth=1)
    assert status_code == 200
    assert sorted(entry["file"]["path"] for entry in entries) == [
        "city_pilots/testville.en.md",
        "city_pilots/testville.fr.md",
    ]
    assert entries[0]["data"].startswith("---\n")
    _, pages = api("entriesByFolder", folder="docs", extension="md", depth=1)
    assert sorted(entry["file"]["path"] for entry in pages) == ["docs/index.en.md", "docs/index.fr.md"]


def test_a_refused_save_answers_with_the_problems_in_the_interface_language(api, project):
    files = [
        {
            "slug": "mentoring",
            "path": f"practice_sheets/mentoring.{lang}.md",
            "raw": new_sheet(lang).replace("contact@example.org", "nobody"),
        }
        for lang in ("en", "fr")
    ]
    status_code, answer = api("persistEntry", "fr", entry=files[0], dataFiles=files, assets=[])
    assert status_code == 422
    assert (
        answer["error"].splitlines()[0]
        == "Cet enregistrement est refusé (contrôles de guidebook check) ; rien n'a été écrit :"
    )
    assert "practice_sheets/mentoring.fr.md:" in answer["error"]
    assert "« Adresse électronique » (contact.email) : « nobody » n'est pas une adresse électronique" in answer["error"]
    assert not (project / "practice_sheets/mentoring.en.md").exists()
    status_code, answer = api(
        "persistEntry",
        "en",
        entry=files[0],
        dataFiles=files,
        assets=[{"path": "docs/assets/images/a.png", "content": "", "encoding": "base64"}],
    )
    assert status_code == 422 and "images are not added through the editor" in answer["error"]


def test_a_project_the_check_cannot_read_answers_with_the_reason_and_writes_nothing(api, project):
    (project / "mkdocs.yml").write_text("plugins: [\n", encoding="utf-8")
    files = [
        {"slug": "mentoring", "path": f"practice_sheets/mentoring.{lang}.md", "raw": new_sheet(lang)}
        for lang in ("en", "fr")
    ]
    status_code, answer = api("persistEntry", "en", entry=files[0], dataFiles=files, assets=[])
    assert status_code == 422
    assert answer["error"].startswith(f"{project.resolve()}/mkdocs.yml: is not valid YAML"), answer
    assert not (project / "practice_sheets/mentoring.en.md").exists()


def test_a_change_to_the_french_alone_writes_the_french_file_alone(project):
    """Decap sends both languages in its own YAML style; the English file keeps its bytes."""
    _mark(project)
    english_before = (project / f"{SHEET}.en.md").read_bytes()
    as_decap_writes = {"source_language": "", "hide": [], "last_reviewed": None}  # its empty fields
    files = {
        f"{SHEET}.en.md": _edit(project, "en", **as_decap_writes),
        f"{SHEET}.fr.md": _edit(project, "fr", summary="Un résumé corrigé."),
    }
    assert files[f"{SHEET}.en.md"].encode() != english_before  # Decap's style differs from the file's
    assert save(project, files, TODAY) == [f"{SHEET}.fr.md"]
    assert (project / f"{SHEET}.en.md").read_bytes() == english_before
    assert front_matter(project / f"{SHEET}.fr.md")["summary"] == "Un résumé corrigé."
    assert f"up-to-date  fr  {SHEET}.fr.md" in status(project)
    assert save(project, {path: text for path, text in files.items()}, TODAY) == []  # the same again: nothing to write


def _listed_state(api, language: str) -> str:
    _, entries = api("entriesByFolder", language, folder="practice_sheets", extension="md", depth=1)
    data = next(entry["data"] for entry in entries if entry["file"]["path"] == f"{SHEET}.{language}.md")
    meta = yaml.safe_load(data.split("---\n")[1])
    return meta.get("translation_state", "")


def test_the_list_says_which_translations_are_to_do_as_guidebook_status_does(api, project):
    assert _listed_state(api, "en") == " · French translation never checked against its source"
    assert _listed_state(api, "fr") == " · traduction en français jamais vérifiée par rapport à l'original"
    _mark(project)
    assert _listed_state(api, "en") == _listed_state(api, "fr") == ""
    save(project, {f"{SHEET}.en.md": _edit(project, "en", summary="A changed summary.")}, TODAY)
    assert "outdated    fr" in status(project)
    assert _listed_state(api, "fr") == " · traduction en français à mettre à jour"
    (project / f"{SHEET}.fr.md").unlink()
    assert _listed_state(api, "en") == " · French translation missing"
    # The state is the list's, never written: a save that brings it back leaves it out.
    text = _edit(project, "en").replace("---\n", "---\ntranslation_state: ' · French translation missing'\n", 1)
    save(project, {f"{SHEET}.en.md": text}, TODAY)
    assert "translation_state" not in (project / f"{SHEET}.en.md").read_text(encoding="utf-8")
