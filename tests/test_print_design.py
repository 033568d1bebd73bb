"""The designed guidebook: its cover, colophon, fonts and hyphenation, as a trainer would check them in print."""

from __future__ import annotations

import re

import pytest

from guidebook.languages import print_strings
from guidebook.pdf.hyphenation import SOFT_HYPHEN, hyphenate
from guidebook.languages import strings
from real_downloads import page_texts, real_site
from test_pdf import fonts, guidebook, normalise

LANGUAGES = ("en", "fr")
NAMES = ("PREPARE", "Kriminalvården", "Rotterdam", "Sollentuna", "Fryshuset", "Sarcelles", "Catalonia", "Avignon")


def test_names_get_no_hyphenation_point_and_prose_does():
    html = hyphenate(
        "<p>The PREPARE pilot in Clichy-sous-Bois, <code>Rotterdam</code> &amp; Éducation nationale.</p>", "fr"
    )
    assert (
        html
        == f"<p>The PREPARE pilot in Clichy-sous-Bois, <code>Rotterdam</code> &amp; Éducation natio{SOFT_HYPHEN}nale.</p>"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_name_is_split_at_a_line_end(language):
    text = "\n".join(page_texts(f"guidebook-{language}.pdf"))
    for name in NAMES:
        for cut in range(2, len(name) - 1):
            split = re.escape(name[:cut]) + r"-\n" + re.escape(name[cut:])
            assert not re.search(split, text), f"{name} split as {name[:cut]}-/{name[cut:]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_cover_has_the_title_project_emblem_funding_and_edition(language):
    reader = guidebook(language)
    cover = normalise(page_texts(f"guidebook-{language}.pdf")[0])
    p = print_strings(language)
    assert p["publisher"] in cover and p["edition_label"] in cover
    assert re.search(r"\b20\d\d\b", cover)  # the edition's date
    assert "Justice" in cover  # the funding statement beside the emblem
    assert "/XObject" in reader.pages[0]["/Resources"]  # the EU emblem, drawn from its SVG


@pytest.mark.parametrize("language", LANGUAGES)
def test_colophon_says_edition_how_to_cite_licence_and_the_2019_guidebook(language):
    colophon = normalise(" ".join(page_texts(f"guidebook-{language}.pdf")[-2:]))
    p = print_strings(language)
    for key in ("colophon_title", "colophon_cite_title", "colophon_licence_title", "colophon_record_title"):
        assert p[key] in colophon, key
    assert "978-2-913181-75-9" in colophon and "Konradi" in colophon


@pytest.mark.parametrize("language", LANGUAGES)
def test_draft_notices_are_left_out_of_the_book_and_named_in_the_colophon(language):
    notice = normalise(strings(language)["draft_notice"])[:40]
    body = normalise(" ".join(page_texts(f"guidebook-{language}.pdf")[:-2]))
    assert notice not in body


def test_the_book_is_set_in_the_vendored_fonts():
    names = {str(descriptor["/FontName"]).split("+", 1)[-1] for descriptor in fonts(guidebook("en"))}
    assert {"IBM-Plex-Serif", "IBM-Plex-Sans"} <= names


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_workshop_pack_per_approach_holds_its_sheets(language):
    from guidebook.content import load as content
    from guidebook.pdf.build import approaches
    from guidebook.site.downloads import pack_pdf
    from sites import PROJECT

    repository = content.load(PROJECT)
    packs = approaches(repository)
    assert packs
    for approach, keys in packs.items():
        pages = page_texts(pack_pdf(approach, language))
        text = normalise(" ".join(pages))
        assert len(pages) >= len(keys)
        for key in keys:
            title = normalise(repository.entries[key].model(language).title)
            assert title in text, f"{approach}: {title}"


def test_the_themes_page_links_each_approach_to_its_pack():
    html = (real_site() / "practice-sheets/themes/index.html").read_text(encoding="utf-8")
    linked = re.findall(r'class="gb-pack"><a href="[./]*(downloads/packs/[\w-]+\.en\.pdf)"', html)
    assert linked and all((real_site() / path).is_file() for path in linked)
