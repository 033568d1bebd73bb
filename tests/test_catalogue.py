"""Catalogue, themes and open data from a fixture project; the shipped JSON Schema is the generated one."""

import json

from guidebook.languages import read
from guidebook.site.catalogue import export_schema
from sites import PROJECT, base_files, build, sheet, write_project


def test_shipped_schema_is_the_one_derived_from_the_content_model():
    shipped = json.loads((PROJECT / "schemas" / "catalogue.schema.json").read_text(encoding="utf-8"))
    assert shipped == export_schema(read(PROJECT)), "run: .venv/bin/python scripts/write_schemas.py"


def test_cards_carry_filter_values_and_translated_labels(tmp_path):
    files = base_files()
    # Case management on both sheets: a filter whose every value names a single sheet is left out (issue 28).
    files["practice_sheets/testville-training.en.md"] = sheet(
        "en", title="Training in Testville", approaches=["training", "case-management"], recommendations=[1]
    )
    files["practice_sheets/testville-training.fr.md"] = sheet(
        "fr", title="Formation à Testville", approaches=["training", "case-management"], recommendations=[1]
    )
    result = build(write_project(tmp_path / "p", files))
    html = result.html("fr/practice-sheets")
    assert html.count('<li class="gb-card"') == 2
    assert 'data-approach="case-management"' in html and 'data-approach="training case-management"' in html
    assert 'value="case-management" data-label="Gestion de cas">' in html
    assert (
        '<a href="../practice-sheets/testville-training/">Formation à Testville</a>' in html
        or '<a href="testville-training/">Formation à Testville</a>' in html
    )
    assert "2 fiches pratiques" in html
    themes = result.html("fr/practice-sheets/themes")
    assert "Formation à Testville" in themes and "Gestion de cas à Testville" in themes


def test_fallback_sheet_appears_once_with_its_original_title(tmp_path):
    files = base_files()
    files["practice_sheets/only-english.en.md"] = sheet("en", title="Only English practice")
    result = build(write_project(tmp_path / "p", files))
    html = result.html("fr/practice-sheets")
    assert html.count('<h2 class="gb-card__title"><a href="only-english/">Only English practice</a>') == 1
    export = json.loads((result.site / "fr" / "practice-sheets" / "catalogue.json").read_text(encoding="utf-8"))
    record = next(r for r in export["practice_sheets"] if r["slug"] == "only-english")
    assert record["language"] == "en"  # the French export says which language the content is in
    french_index = json.loads((result.site / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("Only English practice" == doc["title"] for doc in french_index["docs"])
