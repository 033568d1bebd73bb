"""The site/ layer as plain functions over small repositories built in memory: no files, no MkDocs."""

from datetime import date
from pathlib import Path, PurePosixPath

import pytest
from mkdocs.utils import get_relative_url  # what site/urls.py stands in for

from guidebook.content.frontmatter import SourceFile
from guidebook.content.layout import ContentFile
from guidebook.content.model import Entry, Repository, Variant
from guidebook.content.schema import KINDS
from guidebook.languages import SiteLanguages
from guidebook.site import catalogue, downloads
from guidebook.site.citations import shown_date
from guidebook.site.crosslinks import build_index
from guidebook.site.edition import content_epoch
from guidebook.site.urls import relative, relative_url
from guidebook.site.views import ViewBuilder

PILOT = {
    "title": "Testville",
    "summary": "S.",
    "city": "Testville",
    "country": "BE",
    "coordinates": {"lat": 50.9, "lon": 4.4},
    "local_action": "Case management",
    "expert_partner": "Test NGO",
    "status": "published",
}
SHEET = {
    "title": "Mentoring",
    "summary": "A practice.",
    "city": "Testville",
    "country": "BE",
    "pilot": "testville",
    "partners": [],
    "approaches": ["training"],
    "justice_stages": [],
    "target_groups": [],
    "recommendations": [1],
    "evaluation": {"status": "none"},
    "contact": {"email": "contact@example.org"},
    "status": "draft",
    "last_reviewed": date(2024, 5, 17),
}
LANGUAGES = SiteLanguages(("en", "fr"))
CHAPTER = {"title": "First chapter", "summary": "S.", "number": 1, "status": "published"}
COUNTRY = {"title": "Belgium", "summary": "S.", "country": "BE", "status": "published"}


def page(folder: str, slug: str, kind: str, languages: dict[str, dict]) -> Entry:
    """An entry whose language versions are given as their front matter (the first one is the source)."""
    entry = Entry(f"{folder}/{slug}", kind, source_language=next(iter(languages)))
    for language, meta in languages.items():
        file = ContentFile(
            Path(f"/nowhere/{folder}/{slug}.{language}.md"), PurePosixPath(f"{folder}/{slug}.{language}.md")
        )
        source = SourceFile(file.path, f"{folder}/{slug}.{language}.md", meta=meta)
        entry.variants[language] = Variant(language, file, source, KINDS[kind].model_validate(meta, context=LANGUAGES))
    return entry


@pytest.fixture
def repository() -> Repository:
    entries = [
        page("city-pilots", "testville", "pilot", {"en": PILOT, "fr": {**PILOT, "local_action": "Gestion de cas"}}),
        page("practice-sheets", "mentoring", "practice-sheet", {"en": SHEET}),  # no French version yet
        page(
            "recommendations",
            "01-first",
            "recommendation",
            {"en": CHAPTER, "fr": {**CHAPTER, "title": "Premier chapitre"}},
        ),
        page("state-of-the-art", "belgium", "country", {"en": COUNTRY, "fr": {**COUNTRY, "title": "Belgique"}}),
    ]
    return Repository(Path("/nowhere"), LANGUAGES, [], {entry.key: entry for entry in entries})


def test_the_index_links_sheets_to_their_pilot_chapter_and_country(repository):
    index = build_index(repository)
    sheet = repository.entries["practice-sheets/mentoring"]
    assert index.sheets_by_pilot["testville"] == [sheet] and index.sheets_by_chapter[1] == [sheet]
    assert index.sheets_by_country["BE"] == [sheet] and index.countries["BE"].key == "state-of-the-art/belgium"
    assert [entry.slug for entry in index.pilots_by_country["BE"]] == ["testville"]


def test_a_french_reader_gets_the_english_sheet_with_a_fallback_link_and_french_facts(repository):
    view = ViewBuilder(build_index(repository), "fr", "fr/practice-sheets/mentoring/").build(
        repository.entries["practice-sheets/mentoring"]
    )
    assert view.content_language == "en" and view.is_draft
    assert (view.fallback.title, view.fallback.url) == ("anglais", "../../../practice-sheets/mentoring/")
    facts = dict(view.facts)
    assert facts["Pays"][0].title == "Belgique" and facts["Pays"][0].url == "../../state-of-the-art/belgium/"
    assert facts["Chapitres de recommandations"][0].title == "Chapitre 1 — Premier chapitre"
    assert "Organisation chef de file" not in facts and "Période" not in facts  # facts no source gives are left out


def test_a_pilot_lists_its_sheets_and_a_chapter_the_sheets_that_illustrate_it(repository):
    views = ViewBuilder(build_index(repository), "en", "city-pilots/testville/")
    related = dict(views.build(repository.entries["city-pilots/testville"]).related)
    assert [(link.title, link.url) for link in related["Practice sheets of this pilot"]] == [
        ("Mentoring", "../../practice-sheets/mentoring/")
    ]
    chapter = dict(views.build(repository.entries["recommendations/01-first"]).related)
    assert [link.title for link in chapter["Practice sheets that illustrate this chapter"]] == ["Mentoring"]


def test_catalogue_rows_facets_and_export_in_the_reader_language(repository):
    index = build_index(repository)
    rows = catalogue.build_rows(repository, index, "fr", "fr/practice-sheets/")
    assert [(row.title, row.url, row.country) for row in rows] == [("Mentoring", "mentoring/", "Belgique")]
    assert rows[0].labels["approach"] == ["Formation"] and "formation" in rows[0].search_text
    facets = {facet.name: facet for facet in catalogue.build_facets(rows, "fr")}
    assert [(option.code, option.label, option.count) for option in facets["approach"].options] == [
        ("training", "Formation", 1)
    ]
    assert facets["stage"].options == []
    [record] = catalogue.export(repository, "fr", "https://example.org/")
    assert record["language"] == "en" and record["url"] == "https://example.org/fr/practice-sheets/mentoring/"
    assert record["alternates"] == {"en": "https://example.org/practice-sheets/mentoring/"}


def test_download_links_name_every_sheet_handout_in_each_language(repository):
    links = downloads.links(repository)
    assert [link["path"] for link in links["fr"]["practice-sheets/mentoring"]] == ["downloads/mentoring.fr.pdf"]
    assert [link["path"] for link in links["en"]["index"]] == ["guidebook-en.pdf", "guidebook-offline.zip"]


def test_the_edition_is_dated_by_the_newest_review(repository):
    assert content_epoch(repository) == 1715904000  # 2024-05-17T00:00:00Z
    assert content_epoch(Repository(Path("/nowhere"), LANGUAGES, [], {})) is None


@pytest.mark.parametrize(
    "url, other, expected",
    [
        ("fr/city-pilots/avignon/", "city-pilots/", "../fr/city-pilots/avignon/"),
        ("practice-sheets/", "practice-sheets/a/", "../"),
        ("guidebook-en.pdf", "fr/", "../guidebook-en.pdf"),
        ("map/", "index.html", "map/"),
        (".", "fr/map/", "../.."),
    ],
)
def test_relative_urls_are_those_mkdocs_writes(url, other, expected):
    assert relative(url, other) == expected == get_relative_url(url, other)


def test_page_urls_put_the_default_language_at_the_root():
    assert (
        relative_url("index", "fr", "", LANGUAGES) == "fr/"
        and relative_url("city-pilots/index", "en", "fr/", LANGUAGES) == "../city-pilots/"
    )


def test_source_dates_are_written_out_in_the_reader_language():
    assert shown_date("2019-03-01", "fr") == "1er mars 2019" and shown_date("2019-03-12", "en") == "12 March 2019"
    assert shown_date("2019-03", "en") == "March 2019" and shown_date("2019", "fr") == "2019"
