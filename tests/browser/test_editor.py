"""The web editor in headless Chromium: a practice sheet made through Decap's form, saved by the editor's
server into files `guidebook check` accepts and the site shows; a save the check refuses writes nothing.

The editor runs on a fixture project in tmp_path (tests/sites.py) with the shipped admin pages, the generated
configuration and Decap from editor/node_modules; every test fails on a request to another host or a
Content-Security-Policy violation.
"""

from __future__ import annotations

import re
import urllib.request

import pytest
from click.testing import CliRunner

from editing import SHEET_TITLE, SLUG, WORDS, field, fill_sheet, front_matter, save_entry, screenshot
from editing import admin, editor, preview_pane  # noqa: F401 (fixtures)
from guidebook.commands.cli import main as guidebook
from sites import build


def test_practice_sheet_made_in_the_form_is_checked_and_published(admin, project, tmp_path):
    page = admin("en")
    fill_sheet(
        page,
        "en",
        french_summary="Les agents de probation de Testville travaillent avec les familles des personnes en probation.",
    )
    save_entry(page, "en")
    page.get_by_text("Entry saved").wait_for()

    english, french = (front_matter(project / f"practice_sheets/{SLUG}.{lang}.md") for lang in ("en", "fr"))
    assert english["title"] == "Case work with families in Testville"
    assert french["title"] == "Travail de cas avec les familles à Testville"
    assert french["summary"].startswith("Les agents de probation")
    for meta in (english, french):
        assert meta["country"] == "BE" and meta["pilot"] == "testville"
        assert meta["approaches"] == ["case-management"] and meta["target_groups"] == ["families"]
        assert meta["recommendations"] == [1] and meta["evaluation"] == {"status": "none"}
        assert meta["partners"] == [] and meta["justice_stages"] == []
        assert meta["contact"] == {"email": "contact@example.org"}
        assert meta["status"] == "draft" and meta["last_reviewed"] is not None
        assert None not in meta.values() and "" not in meta.values()
        assert "lead_organisation" not in meta and "period" not in meta and "hide" not in meta
    assert "source_hash" in french and "source_hash" not in english
    assert "## Transférabilité" in (project / f"practice_sheets/{SLUG}.fr.md").read_text(encoding="utf-8")

    checked = CliRunner().invoke(guidebook, ["--project", str(project), "check"])
    assert checked.exit_code == 0, checked.output
    assert "0 error(s), 0 warning(s)." in checked.output
    status = CliRunner().invoke(guidebook, ["--project", str(project), "status"])
    assert f"up-to-date  fr  practice_sheets/{SLUG}.fr.md" in status.output

    site = build(project, tmp_path / "site")  # strict: any warning fails it
    for prefix, title in (("", english["title"]), ("fr/", french["title"])):
        # A card of the catalogue and an item of the pilot's list of sheets, each linking to the sheet
        # (the title alone is also in the navigation of every page).
        assert f'<h2 class="gb-card__title"><a href="{SLUG}/">{title}</a></h2>' in site.html(f"{prefix}practice-sheets")
        assert f'<li><a href="../../practice-sheets/{SLUG}/">{title}</a></li>' in site.html(
            f"{prefix}city-pilots/testville"
        )
        assert f"<h1>{title}</h1>" in site.html(f"{prefix}practice-sheets/{SLUG}")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_list_and_form_speak_the_interface_language(admin, preview_pane, language):
    """Also takes the screenshots of editor/screenshots/ when EDITOR_SCREENSHOTS names that folder."""
    page = admin(language)
    french = language == "fr"
    page.get_by_text(SHEET_TITLE[language]).wait_for()  # the titles of the interface's language
    assert page.get_by_text(SHEET_TITLE["fr" if language == "en" else "en"]).count() == 0
    for collection in (
        ("Fiches pratiques", "Projets pilotes", "Chapitres de recommandations")
        if french
        else ("Practice sheets", "City pilots")
    ):
        assert page.get_by_role("link", name=collection).is_visible()
    screenshot(page, f"editor-list-{language}.png")
    page.get_by_text(SHEET_TITLE[language]).click()
    summary = page.locator("label[for^='summary-field-']").first
    summary.wait_for()
    assert summary.inner_text().lower() == ("résumé" if french else "summary")
    hint = "Une ou deux phrases décrivant la pratique." if french else "One or two sentences describing the practice."
    assert page.get_by_text(hint).first.is_visible()
    assert page.get_by_text(WORDS[language]["Case management"]).first.is_visible()
    screenshot(page, f"editor-form-{language}.png")
    page.locator(f"button[title='{WORDS[language]['Toggle preview']}']").click()
    preview = (
        page.frame_locator("#preview-pane").locator(f"section[data-language='{language}'] iframe").content_frame
    )  # preview.js
    preview.locator("h1", has_text=SHEET_TITLE[language]).wait_for(timeout=60_000)
    page.goto(page.url.split("#")[0] + "#/collections/pages-docs")
    page.get_by_text(
        "Accueil" if french else "Home"
    ).wait_for()  # docs/index.*.md, a page of the docs/ folder's collection


def test_a_source_edited_alone_shows_its_translation_as_outdated(admin, project):
    CliRunner().invoke(
        guidebook, ["--project", str(project), "status", "--mark", "practice_sheets/testville-case-management.fr.md"]
    )
    page = admin("en")
    page.get_by_text("Case management in Testville").click()
    summary = field(page, "summary", "en")
    summary.fill("A test practice, described again.")
    save_entry(page, "en")
    page.get_by_text("Entry saved").wait_for()
    english = front_matter(project / "practice_sheets/testville-case-management.en.md")
    assert english["summary"] == "A test practice, described again."
    status = CliRunner().invoke(guidebook, ["--project", str(project), "status"]).output
    assert "outdated    fr  practice_sheets/testville-case-management.fr.md" in status
    checked = CliRunner().invoke(guidebook, ["--project", str(project), "check"])
    assert checked.exit_code == 0 and "0 error(s), 1 warning(s)." in checked.output


def test_the_admin_page_allows_no_more_than_the_editor_needs(editor):
    """The policy the browser tests run under (any violation fails them), directive by directive."""
    for path in ("/admin/", "/admin/fr/"):
        with urllib.request.urlopen(editor.address + path) as response:
            html = response.read().decode("utf-8")
            assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
        assert dict(directive.split(" ", 1) for directive in policy.split("; ")) == {
            "default-src": "'none'",
            "script-src": "'self' 'unsafe-eval'",  # Decap's bundle compiles code at run time
            "style-src": "'self' 'unsafe-inline'",  # its styles are made in JavaScript
            "img-src": "'self'",
            "connect-src": "'self'",
            "frame-src": "'self'",  # the preview pane's page (guidebook/cms/preview.py), served by the editor itself
            "base-uri": "'none'",
            "form-action": "'none'",
        }


def test_required_french_field_left_empty_is_refused_on_its_field_and_nothing_written(admin, project):
    """In the English interface the French half is checked by the server; its refusal shows on the French field."""
    before = sorted(path.name for path in (project / "practice_sheets").iterdir())
    page = admin("en")
    fill_sheet(page, "en", french_summary="")
    save_entry(page, "en")
    refusal = page.locator(".guidebook-refusal [role=alert]")
    refusal.wait_for()
    assert (
        refusal.inner_text()
        == "Summary: is missing from this practice sheet; expected: One or two sentences describing the practice."
    )
    assert field(page, "summary", "fr").get_attribute("aria-invalid") == "true"
    page.get_by_text(
        "Failed to persist entry: nothing was written; the messages in red on the fields say what to correct."
    ).wait_for()
    assert sorted(path.name for path in (project / "practice_sheets").iterdir()) == before


def test_in_the_french_interface_the_empty_french_summary_is_refused_on_its_field(admin, project):
    before = sorted(path.name for path in (project / "practice_sheets").iterdir())
    page = admin("fr")
    fill_sheet(page, "fr", french_summary="")
    save_entry(page, "fr")
    page.get_by_text("Le champ Résumé est requis.").wait_for()
    assert sorted(path.name for path in (project / "practice_sheets").iterdir()) == before


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "An e-mail address is expected, for example contact@efus.eu"),
        ("fr", "Une adresse électronique est attendue, par exemple contact@efus.eu"),
    ],
)
def test_a_malformed_address_is_refused_on_its_field_in_the_interface_language(admin, project, language, expected):
    before = sorted(path.name for path in (project / "practice_sheets").iterdir())
    page = admin(language)
    fill_sheet(page, language, french_summary="Les agents de probation de Testville travaillent avec les familles.")
    field(page, "email", language).fill("contact(at)example.org")
    save_entry(page, language)
    label = "Adresse électronique : " if language == "fr" else "E-mail address: "
    message = page.get_by_text(label + expected)
    message.wait_for()
    message.scroll_into_view_if_needed()
    screenshot(page, f"editor-field-error-{language}.png")
    assert sorted(path.name for path in (project / "practice_sheets").iterdir()) == before
