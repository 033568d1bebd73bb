"""The shipped guidebook, built once for real: every page in both languages, switcher, sitemap, no third party."""

import json
import re
from pathlib import Path

import jsonschema
import pytest

import page_audit
from guidebook.content.layout import GENERATED_KEYS
from sites import PROJECT

COUNTS = {"state-of-the-art": 7, "city-pilots": 9, "practice-sheets": 9, "recommendations": 12}
# Anything the browser would load by itself: scripts, images, frames, media, stylesheets, icons, fonts.
LOADED_FROM_ELSEWHERE = re.compile(
    r'<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc="(?:https?:)?//[^"]+"'
    r'|<link\b[^>]*\bhref="(?:https?:)?//[^"]+"[^>]*>'
    r'|url\(["\']?(?:https?:)?//'
)


def _pages(site: Path, folder: str) -> list[Path]:
    """Content pages of a section (not its index, not generated pages)."""
    generated = {f"{folder}/{p.parent.name}" for p in (site / folder).glob("*/index.html")} & GENERATED_KEYS
    return [p for p in sorted((site / folder).glob("*/index.html")) if f"{folder}/{p.parent.name}" not in generated]


def test_real_site_builds_strict_with_no_warning(real_site):
    assert real_site.warnings == []


@pytest.mark.parametrize("folder, count", sorted(COUNTS.items()))
def test_every_page_exists_in_both_languages(real_site, folder, count):
    english = _pages(real_site.site, folder)
    french = _pages(real_site.site / "fr", folder)
    assert len(english) == count and len(french) == count
    for page in french:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="fr"' in html
        assert "gb-notice--fallback" not in html, f"{page} is not translated"
        slug = page.parent.name
        assert re.search(rf'href="[./]*/{folder}/{slug}/" hreflang="en"', html), f"switcher of {page}"


def test_navigation_follows_the_guidebook_order_in_both_languages(real_site):
    for prefix, parts in (
        ("", ["Part 1: State of the art", "Part 2: City pilots", "Part 3: Recommendations"]),
        (
            "fr/",
            ["Partie 1\u00a0: état des lieux", "Partie 2\u00a0: projets pilotes", "Partie 3\u00a0: recommandations"],
        ),
    ):
        html = real_site.html(f"{prefix}city-pilots/avignon")
        positions = [html.index(part) for part in parts]
        assert positions == sorted(positions)


def test_sitemap_has_hreflang_alternates(real_site):
    sitemap = (real_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="fr" href="https://prepare.efus.eu/fr/city-pilots/avignon/"' in sitemap
    assert 'hreflang="en" href="https://prepare.efus.eu/city-pilots/avignon/"' in sitemap


def test_built_html_names_no_third_party_host(real_site):
    assert LOADED_FROM_ELSEWHERE.search('<script src="https://unpkg.com/iframe-worker/shim">')  # the check can fail
    offenders = []
    for page in [*real_site.site.rglob("*.html"), *real_site.site.rglob("*.css")]:
        for match in LOADED_FROM_ELSEWHERE.finditer(page.read_text(encoding="utf-8")):
            # Canonical and alternate links name the site's own public address; they load nothing.
            if 'rel="canonical"' not in match.group(0) and 'rel="alternate"' not in match.group(0):
                offenders.append((page.name, match.group(0)))
    assert offenders == []


def test_guidebook_scripts_name_no_other_host(real_site):
    """The guidebook's own scripts name no URL of another host. Material's bundle names some it only loads
    for features this site leaves off (Mermaid, a polyfill, the GitHub API), and the vendored pdf-lib names
    some in its messages: the browser tests, which fail on any request to another host (the workshop pack's
    among them), cover those."""
    own = [
        path
        for path in real_site.site.rglob("*.js")
        if "assets/javascripts" not in path.as_posix() and "javascripts/vendor/" not in path.as_posix()
    ]
    assert own, "no script of the guidebook found"
    assert [
        path.name
        for path in own
        if re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", path.read_text(encoding="utf-8"))
    ] == []


def test_catalogue_lists_every_sheet_in_both_languages(real_site):
    for prefix in ("", "fr/"):
        html = real_site.html(f"{prefix}practice-sheets")
        assert html.count('<li class="gb-card"') == 9


def test_open_data_validates_against_the_shipped_schema(real_site):
    schema = json.loads((PROJECT / "schemas" / "catalogue.schema.json").read_text(encoding="utf-8"))
    for prefix, language in (("", "en"), ("fr/", "fr")):
        export = json.loads(
            (real_site.site / prefix / "practice-sheets" / "catalogue.json").read_text(encoding="utf-8")
        )
        jsonschema.validate(export, schema)
        assert export["language"] == language and len(export["practice_sheets"]) == 9
        first = export["practice_sheets"][0]
        other = "en" if language == "fr" else "fr"
        assert first["alternates"][other].endswith(f"practice-sheets/{first['slug']}/")


def test_each_language_has_its_own_search_index(real_site):
    english = json.loads((real_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    french = json.loads((real_site.site / "fr" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and french["config"]["lang"] == ["fr"]
    titles_en = {doc["title"] for doc in english["docs"]}
    titles_fr = {doc["title"] for doc in french["docs"]}
    assert (
        "Fostering risk assessment capacities" in titles_en and "Fostering risk assessment capacities" not in titles_fr
    )
    assert "Renforcer les capacités d’évaluation des risques" in titles_fr  # typographic apostrophe (issue 28)
    assert not any(doc["location"].startswith("fr/") for doc in english["docs"] + french["docs"])


def test_every_internal_link_and_anchor_resolves_in_both_languages(real_site):
    assert page_audit.broken_links(real_site.site) == []
    pages = len(list(real_site.site.rglob("*.html")))
    assert pages > 2 * sum(COUNTS.values())  # both languages were walked


def test_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="../b/">b</a><a href="#gone">g</a><a href="#here">h</a>'
    )
    assert page_audit.broken_links(tmp_path) == ["a/index.html: ../b/", "a/index.html: #gone (no id 'gone')"]


def test_every_image_has_a_text_alternative(real_site):
    unnamed = {}
    for path in real_site.site.rglob("*.html"):
        page = page_audit.read(path.read_text(encoding="utf-8"))
        if page.unnamed_images:
            unnamed[str(path.relative_to(real_site.site))] = page.unnamed_images
    assert unnamed == {}
    assert page_audit.read('<img src="a.png" alt=" "><svg role="img"></svg>').unnamed_images != []  # the check can fail
    map_page = page_audit.read(real_site.html("fr/map"))
    assert map_page.unnamed_images == [] and "gb-map-label" in map_page.ids


def test_every_page_links_the_accessibility_statement_in_its_language(real_site):
    site = real_site.site
    label = {"en": "Accessibility statement", "fr": "Déclaration d’accessibilité"}  # typeset (issue 28)
    checked = 0
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue  # its links are from the site root: tested in the browser (tests/browser/test_identity_browser.py)
        html = path.read_text(encoding="utf-8")
        language = re.search(r'<html lang="(\w+)"', html).group(1)
        text = label[language].replace("'", "(?:'|&#39;)")
        link = re.search(rf'<a href="([^"]+)">({text})</a>', html.split('class="gb-footer__links"', 1)[-1])
        assert link and link.group(2).replace("&#39;", "'") == label[language], path
        target = (path.parent / link.group(1) / "index.html").resolve()
        assert target == (site / ("fr/" if language == "fr" else "") / "accessibility" / "index.html").resolve(), path
        # The language switcher names each language in that language (WCAG 3.1.2).
        assert 'hreflang="en" lang="en"' in html and 'hreflang="fr" lang="fr"' in html, path
        # The footer is the guidebook's own: no theme credit.
        assert "squidfunk" not in html, path
        checked += 1
    assert checked > 2 * sum(COUNTS.values())
