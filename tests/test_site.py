"""The bilingual site built from a small fixture project: languages, switcher, fallback, cross-links."""

import re

from sites import base_files, build, page_text, write_project


def test_strict_build_has_no_warning(base_site):
    assert base_site.warnings == []


def test_published_site_is_readable_by_a_web_server(base_site):
    assert base_site.site.stat().st_mode & 0o777 == 0o755


def test_each_language_has_its_lang_attribute(base_site):
    assert '<html lang="en"' in base_site.html("city-pilots/testville")
    assert '<html lang="fr"' in base_site.html("fr/city-pilots/testville")


def test_collections_are_served_under_clean_urls_in_both_languages(base_site):
    for path in (
        "practice-sheets/testville-case-management",
        "recommendations/01-first",
        "city-pilots/testville",
        "state-of-the-art/belgium",
    ):
        assert (base_site.site / path / "index.html").is_file()
        assert (base_site.site / "fr" / path / "index.html").is_file()


def test_switcher_links_to_the_same_page_in_the_other_language(base_site):
    english = base_site.html("recommendations/01-first")
    french = base_site.html("fr/recommendations/01-first")
    assert re.search(r'href="[./]*/?fr/recommendations/01-first/"[^>]*hreflang="fr"', english)
    assert re.search(r'href="[./]*/?recommendations/01-first/"[^>]*hreflang="en"', french)
    assert "<h1" in french and "Premier chapitre" in french


def test_sheet_shows_its_key_facts_and_links_in_the_reader_language(base_site):
    french = base_site.html("fr/practice-sheets/testville-case-management")
    assert "Gestion de cas" in french  # approach label, translated
    assert "Belgique" in french  # country name in French, linked to the country article
    assert 'href="../../state-of-the-art/belgium/"' in french
    assert '<a href="../../recommendations/01-first/">Chapitre 1 — Premier chapitre</a>' in french
    assert '<a href="../../city-pilots/testville/">Testville</a>' in french


def test_pilot_chapter_and_country_list_their_sheets(base_site):
    link = "Gestion de cas à Testville</a>"
    for path in ("fr/city-pilots/testville", "fr/recommendations/01-first", "fr/state-of-the-art/belgium"):
        assert link in base_site.html(path), path


def test_draft_pages_carry_a_draft_notice(base_site):
    assert "gb-notice--draft" in base_site.html("state-of-the-art/belgium")
    assert "Brouillon" in base_site.html("fr/state-of-the-art/belgium")
    assert "gb-notice--draft" not in base_site.html("city-pilots/testville")


def test_permalinks_are_titled_in_the_page_language(base_site):
    assert 'title="Lien vers cette section"' in base_site.html("fr/practice-sheets/testville-case-management")
    assert 'title="Link to this section"' in base_site.html("practice-sheets/testville-case-management")


def test_page_missing_in_french_falls_back_with_a_notice(tmp_path):
    files = base_files()
    files["docs/only-english.en.md"] = page_text({"title": "Only in English", "status": "published"}, "English words.")
    result = build(write_project(tmp_path / "p", files))
    french = result.html("fr/only-english")
    assert '<html lang="fr"' in french
    notice = re.search(r'<div class="admonition warning gb-notice gb-notice--fallback".*?</div>', french, re.S).group(0)
    assert "pas encore traduite en français" in notice and "en anglais" in notice
    assert 'href="../../only-english/" hreflang="en"' in notice
    assert '<div class="gb-body" lang="en">' in french
    assert "gb-notice--fallback" not in result.html("only-english")


def test_page_written_in_french_falls_back_in_english(tmp_path):
    files = base_files()
    files["docs/seulement.fr.md"] = page_text(
        {"title": "Seulement en français", "status": "published", "source_language": "fr"}
    )
    result = build(write_project(tmp_path / "p", files))
    english = result.html("seulement")
    assert "not yet available in English" in english and "in French" in english
    assert 'href="../fr/seulement/" hreflang="fr"' in english


def test_windows_line_endings_and_byte_order_mark_build_normally(tmp_path):
    files = base_files()
    text = page_text({"title": "Windows page", "status": "published"}, "Line one.\n\nLine two.")
    files["docs/windows.en.md"] = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    result = build(write_project(tmp_path / "p", files))
    html = result.html("windows")
    assert "<h1>Windows page</h1>" in html and "Line two." in html and "---" not in html


def test_home_page_title_names_the_site_once(base_site):
    assert re.findall(r"<title>([^<]*)</title>", base_site.html("")) == ["PREPARE guidebook"]
    assert re.findall(r"<title>([^<]*)</title>", base_site.html("fr")) == ["Guide PREPARE"]
    assert "<title>Testville - PREPARE guidebook</title>" in base_site.html("city-pilots/testville")


def test_page_front_matter_is_read_once_and_a_first_line_like_a_field_stays_text(tmp_path):
    """MkDocs is given each page's body and its front matter as the guidebook parsed them (issue 7)."""
    files = base_files()
    # No blank line after the front matter: MkDocs would take 'Note: ...' for a MultiMarkdown field.
    files["docs/notes.en.md"] = (
        "---\ntitle: Notes\nstatus: published\n---\nNote: this line is text, not metadata.\n\nMore.\n"
    )
    html = build(write_project(tmp_path / "p", files)).html("notes")
    assert "<p>Note: this line is text, not metadata.</p>" in html
    assert "<title>Notes - PREPARE guidebook</title>" in html  # the title comes from the front matter
