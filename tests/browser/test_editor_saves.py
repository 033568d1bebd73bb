"""Saves in Chromium, in both interfaces: a change to one language writes that language's file alone, and
a save over someone else's is refused with the conflict message (issues 24 and 26)."""

from __future__ import annotations

import pytest

from editing import admin, editor, field, front_matter, open_sheet, save_entry, screenshot  # noqa: F401 (fixtures)

SHEET = "practice_sheets/testville-case-management"
SAVED = {"en": "Entry saved", "fr": "Entrée enregistrée"}
CONFLICT = {
    "en": "Someone changed this page since you opened it",
    "fr": "Quelqu'un a modifié cette page depuis que vous l'avez ouverte",
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_change_to_the_french_alone_leaves_the_english_file_byte_for_byte(admin, project, language):
    english, french = project / f"{SHEET}.en.md", project / f"{SHEET}.fr.md"
    english_before = english.read_bytes()
    page = open_sheet(admin(language))
    field(page, "summary", "fr").fill("Une pratique de test, décrite à nouveau.")
    save_entry(page, language)
    page.get_by_text(SAVED[language]).wait_for()
    assert front_matter(french)["summary"] == "Une pratique de test, décrite à nouveau."
    assert english.read_bytes() == english_before


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_save_over_a_colleagues_gets_the_conflict_message_and_keeps_theirs(admin, project, language):
    mine, theirs = open_sheet(admin(language)), open_sheet(admin("en"))
    field(theirs, "summary", "en").fill("The colleague's summary.")
    save_entry(theirs, "en")
    theirs.get_by_text(SAVED["en"]).wait_for()
    field(mine, "summary", "en").fill("My summary.")
    save_entry(mine, language)
    message = mine.get_by_text(CONFLICT[language])
    message.wait_for()
    screenshot(mine, f"editor-conflict-{language}.png", settle_ms=800)  # the notice slides in
    assert front_matter(project / f"{SHEET}.en.md")["summary"] == "The colleague's summary."
