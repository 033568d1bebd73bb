"""The review workflow in Chromium (issue 26): in a Git repository a change goes Draft -> In review -> Ready ->
Published on its own branch, merged into main by the staff member; a second editor's save over it gets the
conflict message."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from guidebook.cms.model import settings
from editing import admin, editor, field, front_matter, open_sheet, screenshot  # noqa: F401 (fixtures)
from sites import PROJECT, base_files, write_project

SHEET = "practice_sheets/testville-case-management"
BRANCH = "cms/practice-sheet/testville-case-management"
WORDS = {
    "en": {
        "save": "Save",
        "saved": "Entry saved",
        "status": "Status: ",
        "draft": "Draft",
        "review": "In review",
        "ready": "Ready",
        "publish": "Publish",
        "now": "Publish now",
        "published": "Entry published",
        "updated": "Entry status updated",
        "conflict": "Someone changed this page since you opened it",
    },
    "fr": {
        "save": "Enregistrer",
        "saved": "Entrée enregistrée",
        "status": "Statut : ",
        "draft": "Brouillon",
        "review": "En relecture",
        "ready": "Prête à publier",
        "publish": "Publier",
        "now": "Publier maintenant",
        "published": "Entrée publiée",
        "updated": "Statut de l'entrée mis à jour",
        "conflict": "Quelqu'un a modifié cette page depuis que vous l'avez ouverte",
    },
}


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """The fixture project as a Git repository on main, made once: each test edits a copy of its own."""
    folder = write_project(tmp_path_factory.mktemp("repository") / "project", base_files())
    # As in the real project: the builds' caches (.cache/: the live preview's site, the build stamp) are not content.
    shutil.copyfile(PROJECT / ".gitignore", folder / ".gitignore")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Camille Martin")
    git(folder, "config", "user.email", "camille@example.org")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "The guidebook")
    return folder


@pytest.fixture
def project(repository, tmp_path):
    """A copy of the module's repository, on main; its configured name signs the editor's commits."""
    return Path(shutil.copytree(repository, tmp_path / "project", symlinks=True))


def shot(page, name: str) -> None:
    screenshot(page, name, settle_ms=1500)  # the relation fields show their titles once their options are loaded


def set_status(page, words: dict, current: str, new: str) -> None:
    page.get_by_role("button", name=words["status"] + words[current]).click()
    page.get_by_role("menuitem", name=words[new]).click()
    page.get_by_text(words["updated"]).last.wait_for()
    page.get_by_role("button", name=words["status"] + words[new]).wait_for()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_change_goes_draft_in_review_ready_published_on_its_git_branch(admin, project, language):
    words = WORDS[language]
    main_before = git(project, "rev-parse", "main")
    page = open_sheet(admin(language))
    page.on("dialog", lambda dialog: dialog.accept())  # Decap asks before publishing
    field(page, "summary", "fr").fill("Une pratique de test, relue avant publication.")
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.get_by_text(words["saved"]).first.wait_for()
    page.get_by_role("button", name=words["status"] + words["draft"]).wait_for()
    shot(page, f"editor-review-draft-{language}.png")
    # The pilot's select, reloaded after the save (the form is mounted anew), shows its title again in both columns.
    expect(page.locator("[class*='singleValue']").get_by_text("Testville", exact=True)).to_have_count(2)
    assert git(project, "rev-parse", "main") == main_before  # saved on its branch, not published
    assert git(project, "log", "-1", "--format=%an", BRANCH) == "Camille Martin"
    assert git(project, "diff", "--name-only", "main", BRANCH) == f"{SHEET}.fr.md"
    set_status(page, words, "draft", "review")
    set_status(page, words, "review", "ready")
    shot(page, f"editor-review-ready-{language}.png")
    page.get_by_role("button", name=words["publish"], exact=True).click()
    page.get_by_role("menuitem", name=words["now"]).click()
    page.get_by_text(words["published"]).wait_for()
    shot(page, f"editor-review-published-{language}.png")
    published = front_matter(project / f"{SHEET}.fr.md")
    assert (published["summary"], published["pilot"]) == ("Une pratique de test, relue avant publication.", "testville")
    assert git(project, "log", "-1", "--format=%an %p", "main").startswith("Camille Martin ")
    assert len(git(project, "log", "-1", "--format=%p", "main").split()) == 2  # a merge commit
    assert git(project, "branch", "--list", "cms/*") == "" and git(project, "status", "--porcelain") == ""


def test_the_workflow_board_lists_the_change_in_its_column(admin, project):
    words = WORDS["fr"]
    page = open_sheet(admin("fr"))
    field(page, "summary", "fr").fill("Une pratique de test, à relire.")
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.get_by_text(words["saved"]).first.wait_for()
    set_status(page, words, "draft", "review")
    page.goto(page.url.split("#")[0] + "#/workflow")
    page.get_by_text("Gestion de cas à Testville").wait_for()
    page.get_by_text("En relecture").first.wait_for()
    shot(page, "editor-review-board-fr.png")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_second_editors_save_over_a_change_under_review_gets_the_conflict_message(admin, project, language):
    words = WORDS[language]
    mine, theirs = open_sheet(admin(language)), open_sheet(admin("en"))
    field(theirs, "summary", "en").fill("The colleague's summary.")
    theirs.get_by_role("button", name="Save", exact=True).click()
    theirs.get_by_text("Entry saved").wait_for()
    field(mine, "summary", "en").fill("My summary.")
    mine.get_by_role("button", name=words["save"], exact=True).click()
    mine.get_by_text(words["conflict"]).wait_for()
    shot(mine, f"editor-review-conflict-{language}.png")
    assert "The colleague's summary." in git(project, "show", f"{BRANCH}:{SHEET}.en.md")


REFUSED = {  # the summary of the other language emptied: Decap checks only its default language's required fields
    "fr": ("RÉSUMÉ", "Résumé : manque ; attendu : Une ou deux phrases décrivant la pratique."),
    "en": (
        "SUMMARY",
        "Summary: is missing from this practice sheet; expected: One or two sentences describing the practice.",
    ),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refusal_of_the_check_shows_on_its_field_in_the_interface_language(admin, project, language):
    other = "en" if language == "fr" else "fr"
    page = open_sheet(admin(language))
    field(page, "summary", other).fill("")
    page.get_by_role("button", name=WORDS[language]["save"], exact=True).click()
    message = page.locator(".guidebook-refusal [role=alert]")
    message.wait_for()
    shot(page, f"editor-review-refused-{language}.png")
    assert message.count() == 1 and message.inner_text() == REFUSED[language][1]
    assert field(page, "summary", other).get_attribute("aria-invalid") == "true"
    assert message.bounding_box()["x"] > 600  # above the field of the other language, in the right column
    # Decap's pop-up says where to look (fields.yml refused_on_fields), not its developers' words or a path.
    expect(page.locator(".Toastify")).to_contain_text(settings()["refused_on_fields"][language])
    toast = page.locator(".Toastify").inner_text()
    assert "API_ERROR" not in toast and "practice_sheets/" not in toast
    assert git(project, "branch", "--list", "cms/*") == ""  # nothing committed
    field(page, "summary", other).fill("Corrected.")
    assert message.count() == 0  # typing in the field takes its message away


def test_deleting_a_change_under_review_keeps_it_on_a_branch(admin, project):
    words = WORDS["fr"]
    page = open_sheet(admin("fr"))
    page.on("dialog", lambda dialog: dialog.accept())  # Decap asks before deleting
    field(page, "summary", "fr").fill("Une modification refusée à la relecture.")
    page.get_by_role("button", name=words["save"], exact=True).click()
    page.get_by_text(words["saved"]).first.wait_for()
    page.get_by_role("button", name="Supprimer les modifications non publiées").click()
    page.get_by_text("Modifications non publiées supprimées").wait_for()
    kept = git(project, "for-each-ref", "--format=%(refname:lstrip=2)", "refs/heads/cms-rejected/")
    assert kept.startswith("cms-rejected/practice-sheet/testville-case-management/")
    assert "Une modification refusée à la relecture." in git(project, "show", f"{kept}:{SHEET}.fr.md")
    assert git(project, "branch", "--list", "cms/*") == ""
    assert "refusée" not in (project / f"{SHEET}.fr.md").read_text(encoding="utf-8")
