"""Issue 18, identity and pages: palette, fonts, footer, home page, practice sheet header, evaluation levels, 404.

Small projects built for real in tmp_path; what a browser shows of them is in tests/browser/test_identity_browser.py.
"""

from __future__ import annotations

import re

import pytest

from guidebook import PACKAGE_DIR
from guidebook.content.vocabulary import vocabularies
from guidebook.publish.fingerprint import built_path, original_names
from guidebook.publish.sizes import fill_sizes
from sites import PROJECT, base_files, built_once, sheet

SHEET = "practice-sheets/testville-case-management"
UNDATED = "practice-sheets/testville-undated"
CSS = (PROJECT / "overrides" / "stylesheets" / "identity.css").read_text(encoding="utf-8")
PRINT_CSS = (PACKAGE_DIR / "templates" / "print" / "base.css").read_text(encoding="utf-8")


def _files() -> dict[str, str]:
    files = base_files()
    for lang in ("en", "fr"):
        files[f"practice_sheets/testville-case-management.{lang}.md"] = sheet(
            lang, last_reviewed="2025-03-01", evaluation={"status": "process-evaluation"}
        )
        files[f"practice_sheets/testville-undated.{lang}.md"] = sheet(
            lang, title="Undated practice" if lang == "en" else "Pratique sans date", sources=[]
        )
    return files


@pytest.fixture(scope="module")
def site():
    return built_once("identity", _files())


def _flat(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", html)  # no-break spaces kept: French typography is checked


def _part(html: str, css_class: str) -> str:
    match = re.search(rf'<(\w+) class="{css_class}".*?</\1>', html, re.DOTALL)
    assert match, f"no element of class {css_class}"
    return _flat(match.group(0))


def _header(html: str) -> str:
    """A practice sheet's header, its citation (the last part) included."""
    start = html.index('<div class="gb-sheet-header">')
    return _flat(html[start : html.index("</details>", start)])


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("fr", "fr/")])
def test_footer_has_funding_emblem_licence_contact_accessibility_and_edition_instead_of_the_theme_credit(
    site, lang, prefix
):
    footer = _part(site.html(prefix + SHEET), "md-copyright gb-footer")
    expected = {
        "en": (
            "Co-funded by the Justice Programme",
            "Emblem of the European Union",
            "Text © European Forum for Urban Security (Efus), all rights reserved",
            ">Contact</a>",
            ">Accessibility statement</a>",
            "Online edition of 1 March 2025",
        ),
        "fr": (
            "Cofinancé par le programme Justice",
            "Emblème de l’Union européenne",
            "Textes © Forum européen pour la sécurité urbaine (Efus), tous droits réservés",
            ">Contact</a>",
            ">Déclaration d’accessibilité</a>",
            "Édition en ligne du 1er mars 2025",
        ),  # typographic apostrophes (issue 28)
    }[lang]
    for text in expected:
        assert text.replace("'", "&#39;") in footer or text in footer, text
    assert re.search(r'<img class="gb-footer__emblem" src="(\.\./)+assets/images/eu-emblem\.[0-9a-f]{12}\.svg"', footer)
    assert 'href="mailto:contact@efus.eu"' in footer
    assert re.search(r'href="(\.\./)+(fr/)?about/contact/"', footer)
    assert "Material for MkDocs" not in site.html(prefix + SHEET)


def test_the_site_serves_the_pdfs_fonts_and_emblem_from_the_package(site):
    fonts = PACKAGE_DIR / "vendor" / "fonts"
    # The PDFs' faces, but the site's come from web/ (without hinting: tests/test_fonts.py); the licences beside them.
    for path in [*fonts.glob("*.txt"), *(fonts / "web").iterdir()]:  # content-hashed names (publish/fingerprint.py)
        built = (
            site.site / "assets" / "fonts" / path.name
            if path.suffix == ".txt"
            else built_path(site.site, f"assets/fonts/{path.name}")
        )
        assert built.read_bytes() == path.read_bytes(), path.name
    assert (
        built_path(site.site, "assets/images/eu-emblem.svg").read_bytes()
        == (PACKAGE_DIR / "assets/eu-emblem.svg").read_bytes()
    )
    html = site.html(SHEET)
    bundle = original_names(built_path(site.site, "stylesheets/site.css").read_text(encoding="utf-8"))
    assert bundle.index("/* assets/fonts/fonts.css */") < bundle.index("/* stylesheets/identity.css */")
    assert bundle.index("@font-face") < bundle.index("/* stylesheets/identity.css */")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not list((PROJECT / "overrides").rglob("*.woff2")), "a second copy of the fonts in git"


def test_the_site_uses_the_print_palette_and_plex():
    for name in ("primary", "primary-dark", "accent"):
        printed = re.search(rf"--{name}:\s*(#[0-9a-f]{{6}})", PRINT_CSS).group(1)
        assert re.search(rf"--gb-{name}:\s*{printed};", CSS), name
    assert '--md-text-font: "IBM Plex Sans"' in CSS and '"IBM Plex Serif"' in CSS


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_palette_meets_wcag_aa_contrast_for_text():
    colours = dict(re.findall(r"--gb-([a-z-]+):\s*(#[0-9a-f]{6});", CSS))
    white = "#ffffff"
    pairs = [  # text, background: body links, headings, hovered links, header and footer text, the tinted boxes
        (colours["primary"], white),
        (colours["primary-dark"], white),
        (colours["accent"], white),
        (white, colours["primary"]),
        (white, colours["primary-dark"]),
        (colours["primary"], colours["tint"]),
        (colours["primary-dark"], colours["tint"]),
        (colours["accent"], colours["tint"]),
    ]
    for text, background in pairs:
        assert _contrast(text, background) >= 4.5, (text, background, round(_contrast(text, background), 2))


def test_navigation_carries_no_status_icon(site):
    for page in ("", "fr/", SHEET, "city-pilots/testville"):
        assert "md-status" not in site.html(page)


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("fr", "fr/")])
def test_practice_sheet_header_says_evaluation_level_review_date_sources_and_citation(site, lang, prefix):
    html = site.html(prefix + SHEET)
    header = _header(html)
    assert html.index("<h1") < html.index('class="gb-sheet-header"') < html.index('class="gb-body"')
    expected = {
        "en": (
            "Process evaluation",
            "An evaluation looked at how the practice was carried out",
            "What the levels mean",
            '<time datetime="2025-03-01">1 March 2025</time>',
            "1 source, listed at the end of the page",
            "European Forum for Urban Security (Efus), “Case management in Testville”, PREPARE guidebook, online edition, last reviewed 1 March 2025, ",
        ),
        "fr": (
            "Évaluation de processus",
            "Une évaluation a examiné la mise en œuvre de la pratique",
            "Ce que signifient les niveaux",
            '<time datetime="2025-03-01">1er mars 2025</time>',
            "1 source, citée en fin de page",
            "Forum européen pour la sécurité urbaine (Efus), «\u00a0Gestion de cas à Testville\u00a0», Guide PREPARE, édition en ligne, revue le 1er mars 2025, ",
        ),
    }[lang]
    for text in expected:
        assert text in header, text
    assert re.search(r'href="\.\./evaluation-levels/#process-evaluation"', header)
    assert '<a href="#gb-sources-title">' in header and 'id="gb-sources-title"' in html
    site_url = "https://prepare.efus.eu/"
    assert f"{site_url}{prefix}{SHEET}/</p>" in header  # the page's own address, absolute


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("fr", "fr/")])
def test_sheet_without_review_date_or_sources_says_so(site, lang, prefix):
    header = _header(site.html(prefix + UNDATED))
    assert "<time" not in header
    assert {"en": "No source listed yet", "fr": "Aucune source indiquée pour l’instant"}[lang] in header
    assert {"en": "online edition, https://", "fr": "édition en ligne, https://"}[lang] in header
    assert 'href="#gb-sources-title"' not in header


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("fr", "fr/")])
def test_evaluation_levels_page_lists_every_level_with_its_meaning(site, lang, prefix):
    html = site.html(prefix + "practice-sheets/evaluation-levels")
    levels = _part(html, "gb-levels")
    codes = vocabularies()["evaluation_statuses"]
    assert re.findall(r'<dt id="([a-z-]+)">', levels) == codes
    assert levels.count("<dd>") == len(codes)
    assert {"en": "<h1>Evaluation levels</h1>", "fr": "<h1>Niveaux d’évaluation</h1>"}[lang] in html


@pytest.mark.parametrize(
    "lang, prefix, search, entries",
    [
        (
            "en",
            "",
            "Search the guidebook (practice sheets first)",
            ("Find a practice", "The recommendations", "Countries and pilots on the map"),
        ),
        (
            "fr",
            "fr/",
            "Chercher dans le guide (fiches pratiques en premier)",
            ("Trouver une pratique", "Les recommandations", "Pays et projets pilotes sur la carte"),
        ),
    ],
)
def test_home_page_leads_with_a_search_and_three_entries(site, lang, prefix, search, entries):
    html = site.html(prefix)
    form = _part(html, "gb-home__search")
    # The header's search, on the home page itself (Material opens it on ?q=): issue 28's one search.
    assert 'action=""' in form and 'name="q"' in form and search in form
    nav = _part(html, "gb-home__entries")
    hrefs = re.findall(r'<a class="gb-entry gb-entry--\w+" href="([^"]+)">', nav)
    assert hrefs == ["practice-sheets/", "recommendations/", "map/"]
    for title in entries:
        assert title in nav
    assert {"en": "2 practice sheets", "fr": "2 fiches pratiques"}[lang] in nav  # counted in the content
    assert (
        html.index('class="gb-home__search"') < html.index('class="gb-home__entries"') < html.index('class="gb-body"')
    )


@pytest.mark.parametrize(
    "path, lang, title, other_lang, other_title",
    [
        ("404.html", "en", "Page not found", "fr", "Page introuvable"),
        ("fr/404.html", "fr", "Page introuvable", "en", "Page not found"),
    ],
)
def test_each_language_has_its_own_404_page(site, path, lang, title, other_lang, other_title):
    html = site.html(path)
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{title}</h1>" in html
    assert re.search(rf'<p lang="{other_lang}" class="gb-not-found__other">\s*{other_title}\.', html)


def test_download_sizes_are_written_in_each_page_language_once_the_files_exist(tmp_path):
    (tmp_path / "fr").mkdir()
    (tmp_path / "guidebook-en.pdf").write_bytes(b"x" * 1_250_000)
    (tmp_path / "handout.pdf").write_bytes(b"x" * 45_400)
    placeholders = "".join(
        f'<span class="gb-size" data-file="{name}"></span>'
        for name in ("guidebook-en.pdf", "handout.pdf", "missing.zip")
    )
    (tmp_path / "index.html").write_text(f'<html lang="en">{placeholders}', encoding="utf-8")
    (tmp_path / "fr" / "index.html").write_text(f'<html lang="fr">{placeholders}', encoding="utf-8")
    (tmp_path / "plain.html").write_text('<html lang="en">nothing to fill', encoding="utf-8")

    assert fill_sizes(tmp_path) == 6
    english, french = (
        (tmp_path / "index.html").read_text(encoding="utf-8"),
        (tmp_path / "fr" / "index.html").read_text(encoding="utf-8"),
    )
    assert '<span class="gb-size" data-file="guidebook-en.pdf">(1.2\u00a0MB)</span>' in english
    assert '<span class="gb-size" data-file="guidebook-en.pdf">(1,2\u00a0Mo)</span>' in french
    assert '<span class="gb-size" data-file="handout.pdf">(45\u00a0kB)</span>' in english
    assert '<span class="gb-size" data-file="handout.pdf">(45\u00a0ko)</span>' in french
    assert '<span class="gb-size" data-file="missing.zip"></span>' in english  # no file, no size
