"""What the editor says in Chromium, in both interfaces (issue 26): an untouched page is not "unsaved", a
save says it saved (on the editor's own server nothing is published), no image button or media library,
and Decap's strings its French lacks are supplied."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from editing import admin, editor, field, open_sheet, relations_loaded, save_entry, screenshot  # noqa: F401 (fixtures)

STATUS = {
    "en": {
        "unsaved": "Unsaved changes",
        "clean": "No unsaved changes",
        "saved": "Entry saved",
        "done": "Saved",
        "media": "Media",
    },
    "fr": {
        "unsaved": "Modifications non enregistrées",
        "clean": "Aucune modification non enregistrée",
        "saved": "Entrée enregistrée",
        "done": "Enregistrée",
        "media": "Médias",
    },
}


def _says(page, text: str) -> bool:
    return page.get_by_text(text, exact=True).count() > 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_status_words_say_what_happened(admin, language):
    words = STATUS[language]
    page = open_sheet(admin(language))
    relations_loaded(page)  # the relation fields load their options, which used to mark the page changed
    assert _says(page, words["clean"]) and not _says(page, words["unsaved"])
    screenshot(page, f"editor-untouched-{language}.png")
    field(page, "summary", "fr").fill("Une pratique de test, corrigée.")
    page.get_by_text(words["unsaved"], exact=True).wait_for()
    save_entry(page, language)
    page.get_by_text(words["saved"]).wait_for()
    relations_loaded(page)
    assert _says(page, words["clean"]) and not _says(page, words["unsaved"])
    assert page.get_by_role("button", name=words["done"], exact=True).count() == 1
    assert page.get_by_role("button", name=re.compile("Publi")).count() == 0  # only the page's status field says it


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_image_button_and_no_media_library(admin, language):
    page = admin(language)
    assert page.get_by_role("button", name=STATUS[language]["media"]).count() == 0
    open_sheet(page)
    bold, add = ("Bold", "Add Component") if language == "en" else ("Gras", "Ajouter un composant")
    page.get_by_role("button", name=bold).first.wait_for()  # the text field's toolbar is there
    assert page.get_by_role("button", name=add).count() == 0  # Decap's menu with its Image component
    assert page.get_by_text("Image", exact=True).count() == 0


def test_decaps_missing_french_strings_are_supplied(admin):
    page = open_sheet(admin("fr"))
    assert page.get_by_text("Reprendre d'une autre langue").count() == 2
    assert page.get_by_text("Fill in from another locale").count() == 0


def test_a_french_editor_sees_and_finds_french_titles(admin):
    """The list, the pilot and the chapter selects in French; a chapter found by its French title."""
    page = admin("fr")
    page.get_by_text("Gestion de cas à Testville").wait_for()
    page.goto(page.url.split("#")[0] + "#/collections/recommendation")
    page.get_by_text("Premier chapitre").wait_for()
    assert page.get_by_text("First chapter").count() == 0
    page.goto(page.url.split("#")[0] + "#/collections/practice-sheet/new")
    box = field(page, "recommendations", "fr")
    box.fill("Premier")
    page.get_by_role("option", name="Premier chapitre").wait_for()
    page.get_by_role("option", name="Premier chapitre").click()
    box.fill("First")
    # The search's answer, not a pause: Decap asks half a second after the typing, then the menu shows what it
    # found; "No options" is react-select's word for an answer with nothing in it (the interface has no other).
    expect(page.locator("[class*='-menu']")).to_have_text("No options")
    assert page.get_by_role("option", name="First chapter").count() == 0


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Case management in Testville · French translation never checked against its source"),
        ("fr", "Gestion de cas à Testville · traduction en français jamais vérifiée par rapport à l'original"),
    ],
)
def test_the_list_says_which_translations_are_to_do(admin, language, expected):
    page = admin(language)
    page.get_by_text(expected, exact=True).wait_for()
    assert (
        page.get_by_text("Premier chapitre" if language == "fr" else "First chapter").count() == 0
    )  # another collection
    screenshot(page, f"editor-list-{language}.png")
