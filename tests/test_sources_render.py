"""A page's `sources` on the site in both languages, in the guidebook PDF and the handouts, and in the open data."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from pdf_reading import page_texts

from sites import base_files, built_once, page_text, rendered_once, sheet

SHEET = "practice_sheets/testville-case-management"
ACTIVITIES = {
    "title": "Local activities",
    "publisher": "Efus",
    "url": "https://efus.eu/local-activities",
    "date": "2019-03-12",
    "language": "en",
}
PRESS = {"title": "Málaga aprueba un plan", "publisher": "La Opinión de Málaga", "date": 2017, "language": "es"}
ACTIVITES = {
    "title": "Activités locales",
    "publisher": "Efus",
    "url": "https://efus.eu/activites-locales",
    "date": "2018-11",
    "language": "fr",
}


def _without_lead(text: str) -> str:
    """A sheet whose sources name no leading body, no partner and no justice stage."""
    text = re.sub(r"lead_organisation:\n(  .*\n)+", "", text)
    text = re.sub(r"partners:\n(- .*\n(  .*\n)*)+", "partners: []\n", text)
    return text.replace("justice_stages:\n- probation\n", "justice_stages: []\n")


def _files() -> dict[str, str]:
    files = base_files()
    files[f"{SHEET}.en.md"] = sheet("en", sources=[ACTIVITIES, PRESS])
    files[f"{SHEET}.fr.md"] = sheet("fr", sources=[ACTIVITES, ACTIVITIES])
    belgium = "docs/state-of-the-art/belgium.en.md"
    files[belgium] = files[belgium].replace(
        "status: draft", "status: draft\nsources:\n- {title: Justice houses, publisher: FWB, language: fr}"
    )
    for lang in ("en", "fr"):
        files[f"docs/state-of-the-art/france.{lang}.md"] = page_text(
            {"title": "France", "country": "FR", "summary": "S.", "status": "draft"}
        )
        files[f"practice_sheets/testville-other.{lang}.md"] = _without_lead(
            sheet(lang, title="Other practice" if lang == "en" else "Autre pratique")
        )
    return files


@pytest.fixture(scope="module")
def site():
    return built_once("sources", _files())


def _section(html: str) -> str:
    match = re.search(r'<section class="gb-sources".*?</section>', html, re.DOTALL)
    assert match, "no Sources section"
    return re.sub(r"\s+", " ", match.group(0))


def test_english_page_lists_its_sources_after_the_body(site):
    html = site.html("practice-sheets/testville-case-management")
    section = _section(html)

    assert '<h2 id="gb-sources-title">Sources</h2>' in section
    assert '<a href="https://efus.eu/local-activities">Local activities</a>, Efus, 12 March 2019 </li>' in section
    assert '<cite lang="es">Málaga aprueba un plan</cite>, La Opinión de Málaga, 2017 (in Spanish) </li>' in section
    assert html.index('class="gb-body"') < html.index('class="gb-sources"')


def test_french_page_lists_its_own_sources_in_french(site):
    section = _section(site.html("fr/practice-sheets/testville-case-management"))

    assert '<h2 id="gb-sources-title">Sources</h2>' in section
    assert '<a href="https://efus.eu/activites-locales">Activités locales</a>, Efus, novembre 2018 </li>' in section
    assert (
        '<a href="https://efus.eu/local-activities" lang="en">Local activities</a>, Efus, 12 mars 2019 (en anglais) </li>'
        in section
    )


def test_every_kind_of_page_shows_its_sources_and_a_page_without_none(site):
    assert '<cite lang="fr">Justice houses</cite>, FWB (in French)' in _section(site.html("state-of-the-art/belgium"))
    # The French article inherits the English one's sources: its French one is no longer flagged.
    assert "<cite>Justice houses</cite>, FWB </li>" in _section(site.html("fr/state-of-the-art/belgium"))
    assert 'class="gb-sources"' not in site.html("recommendations/01-first")


def test_a_fact_no_source_gives_is_left_out_of_the_key_facts(site):
    facts = site.html("practice-sheets/testville-other").split('class="gb-facts"')[1].split("</section>")[0]
    assert "Lead organisation" not in facts and "Justice stage" not in facts and "Partners" not in facts
    assert "<dt>Target groups</dt>" in facts and "<dt>Evaluation</dt>" in facts
    assert "No evaluation documented" in facts
    assert "Lead organisation" in site.html("practice-sheets/testville-case-management")


def test_a_cross_link_list_with_no_page_is_left_out(site):
    assert 'class="gb-related"' in site.html("state-of-the-art/belgium")  # Testville is in Belgium
    for page in ("state-of-the-art/france", "fr/state-of-the-art/france"):
        html = site.html(page)
        assert 'class="gb-related"' not in html and "documented" not in html and "documentée" not in html


def test_catalogue_cards_leave_out_an_unknown_stage_and_say_no_evaluation_is_documented(site):
    for page, stage, evaluation in (
        ("practice-sheets", "Justice stage", "No evaluation documented"),
        ("fr/practice-sheets", "Étape pénale", "Aucune évaluation documentée"),
    ):
        cards = re.findall(r'<li class="gb-card".*?</li>', site.html(page), re.DOTALL)
        other = next(card for card in cards if "testville-other" in card)
        known = next(card for card in cards if "testville-case-management" in card)
        assert stage not in other and stage in known
        assert f"<dd>{evaluation}</dd>" in other
        assert "valuated" not in other and "valuée" not in other


def test_open_data_exports_the_sources_and_its_schema_accepts_them(site):
    for folder in ("practice-sheets", "fr/practice-sheets"):
        export = json.loads((site.site / folder / "catalogue.json").read_text(encoding="utf-8"))
        schema = json.loads((site.site / folder / "catalogue.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(export, schema)
        records = {record["slug"]: record for record in export["practice_sheets"]}
        sources = records["testville-case-management"]["sources"]
        if folder.startswith("fr"):
            assert sources[0] == {**ACTIVITES, "date": "2018-11"}
        else:
            assert sources == [ACTIVITIES, {**PRESS, "date": "2017", "url": None}]
        assert records["testville-other"]["lead_organisation"] is None
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(
                {**export, "practice_sheets": [{**records["testville-other"], "sources": [{"title": "No publisher"}]}]},
                schema,
            )


@pytest.fixture(scope="module")
def pdfs():
    return rendered_once("sources-pdf", _files())


def _text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(path)))


@pytest.mark.parametrize("name", ["guidebook-en.pdf", "downloads/testville-case-management.en.pdf"])
def test_english_pdfs_print_the_sources_with_their_addresses(pdfs, name):
    text = _text(pdfs / name)
    assert "Sources Local activities, Efus, 12 March 2019 https://efus.eu/local-activities" in text
    assert "Málaga aprueba un plan, La Opinión de Málaga, 2017 (in Spanish)" in text


@pytest.mark.parametrize("name", ["guidebook-fr.pdf", "downloads/testville-case-management.fr.pdf"])
def test_french_pdfs_print_the_french_sources(pdfs, name):
    text = _text(pdfs / name)
    assert "Sources Activités locales, Efus, novembre 2018 https://efus.eu/activites-locales" in text
    assert "Local activities, Efus, 12 mars 2019 (en anglais)" in text
