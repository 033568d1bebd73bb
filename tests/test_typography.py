"""French non-breaking spaces: where French typography wants them, and nowhere code, addresses or markup are."""

import pytest

from guidebook.typography import for_language, french_html, french_text
from pdf_reading import page_texts

NB = "\u00a0"  # before : and inside « »
NNB = "\u202f"  # before ; ! ?

TEXT_CASES = {
    "colon": ("Objectifs : former", f"Objectifs{NB}: former"),
    "semicolon, exclamation and question marks": ("un ; deux ! trois ?", f"un{NNB}; deux{NNB}! trois{NNB}?"),
    "guillemets with spaces": ("« travail de type EXIT »", f"«{NB}travail de type EXIT{NB}»"),
    "guillemets without spaces": ("«EXIT»", f"«{NB}EXIT{NB}»"),
    "several spaces and a line break": ("Note  :\nvoir\n; ensuite", f"Note{NB}:\nvoir{NNB}; ensuite"),
    "no space typed before a colon": ("à 10:30, https://efus.eu/?lang=fr", "à 10:30, https://efus.eu/?lang=fr"),
    "already right": (f"Note{NB}: « oui{NB}» {NB}!", f"Note{NB}: «{NB}oui{NB}» {NB}!"),
    "nested quotation": ("« il dit “non” ! »", f"«{NB}il dit “non”{NNB}!{NB}»"),
}


@pytest.mark.parametrize("case", TEXT_CASES)
def test_french_text_gets_its_no_break_spaces(case):
    typed, expected = TEXT_CASES[case]
    assert french_text(typed) == expected


def test_no_break_spaces_are_not_doubled_when_applied_twice():
    once = french_text("« Quoi ? » : voilà ; fin !")
    assert french_text(once) == once


HTML_CASES = {
    "inline code": ("<p>Voir <code>a ? b : c</code> !</p>", f"<p>Voir <code>a ? b : c</code>{NNB}!</p>"),
    "code block": ('<pre><code class="language-css">p { color: red !important; }\n</code></pre>', None),
    "link target and title": (
        '<p><a href="https://efus.eu/?p=1 :x" title="Efus : site">Efus</a> :</p>',
        f'<p><a href="https://efus.eu/?p=1 :x" title="Efus : site">Efus</a>{NB}:</p>',
    ),
    "guillemets around markup": ("<p>«<em>formers</em>»</p>", f"<p>«{NB}<em>formers</em>{NB}»</p>"),
    "address as text": ('<p><a href="https://efus.eu/">https://efus.eu/</a></p>', None),
    "comment": ("<!-- a : b --><p>a : b</p>", f"<!-- a : b --><p>a{NB}: b</p>"),
    "prose after code": ("<pre>x ?</pre><p>Et après ?</p>", f"<pre>x ?</pre><p>Et après{NNB}?</p>"),
}


@pytest.mark.parametrize("case", HTML_CASES)
def test_french_html_changes_prose_only(case):
    typed, expected = HTML_CASES[case]
    assert french_html(typed) == (typed if expected is None else expected)


def test_english_is_never_changed():
    html = "<p>Why ? Because : « formers » !</p>"
    assert for_language(html, "en") == html
    assert for_language(html, "fr") != html


# -- on a fixture site and in its PDFs -------------------------------------------------------------

FRENCH_BODY = "## Objectifs : former\n\nLe « travail de type EXIT » ; voir `a ? b : c` et [Efus](https://efus.eu/?lang=fr) !\n\n```\nx = 1 ; y ?\n```\n"
ENGLISH_BODY = "## Aims : training\n\nThe « EXIT work » ; see `a ? b : c` !\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from sites import base_files, fixture_config, page_text, write_project

    files = base_files()
    files["docs/about/typography.fr.md"] = page_text(
        {
            "title": "Typographie : essai",
            "summary": "Quoi ? Un essai.",
            "status": "published",
            "source_language": "fr",
            "sources": [
                {
                    "title": "Le « guide » : mode d'emploi",
                    "publisher": "Efus",
                    "url": "https://efus.eu/?p=1",
                    "language": "fr",
                }
            ],
        },
        FRENCH_BODY,
    )
    files["docs/about/english.en.md"] = page_text({"title": "English", "status": "published"}, ENGLISH_BODY)
    config = fixture_config(
        nav=[
            "index.md",
            {"About: the project": ["about/typography.md", "about/english.md"]},
            "practice-sheets/index.md",
        ]
    )
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    french = next(language for language in i18n["languages"] if language["locale"] == "fr")
    french["nav_translations"] = {"About: the project": "À propos : le projet"}
    return write_project(tmp_path_factory.mktemp("typography") / "project", files, config)


def test_french_html_has_no_break_spaces_outside_code_and_english_html_none(project):
    from sites import build

    result = build(project)
    french = result.html("fr/about/typography")
    assert f"Objectifs{NB}: former" in french
    assert f"Le «{NB}travail de type EXIT{NB}»{NNB}; voir <code>a ? b : c</code>" in french
    assert f'<a href="https://efus.eu/?lang=fr">Efus</a>{NNB}!' in french
    assert "x = 1 ; y ?" in french
    assert "Objectifs : former" not in french  # nor in the table of contents
    # Front matter prose too: the title (heading, window title, navigation), the summary, the sources.
    assert f"<title>Typographie{NB}: essai" in french and f"<h1>Typographie{NB}: essai</h1>" in french
    assert "Typographie : essai" not in french
    assert f"À propos{NB}: le projet" in french and "À propos : le projet" not in french  # a nav section
    assert "About: the project" in result.html("about/english")
    assert f'<a href="https://efus.eu/?p=1">Le «{NB}guide{NB}»{NB}: mode d’emploi</a>' in french
    # English pages, on the English site and shown to French readers while untranslated, stay as typed.
    for english in (result.html("about/english"), result.html("fr/about/english")):
        body = english.split('class="gb-body"')[1].split("</div>")[0]
        assert "The « EXIT work » ; see <code>a ? b : c</code> !" in body and NB not in body and NNB not in body


def test_french_pdf_has_no_break_spaces_and_english_pdf_none(project, tmp_path):
    from guidebook.pdf import render_all
    from guidebook.pdf.build import Printer

    render_all(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    for language in ("en", "fr"):
        text = "".join(page_texts(tmp_path / f"site/guidebook-{language}.pdf"))
        assert (
            f"Objectifs{NB}: former" in text and f"Le «{NB}travail de type EXIT{NB}»" in text
        )  # French, in either guidebook
        assert f"Typographie{NB}: essai" in text and "Typographie : essai" not in text
        assert "The « EXIT work » ; see a ? b : c !" in text  # English, in either guidebook
        # The print fonts have no U+202F: the PDF draws a narrow space that its text layer gives as a space,
        # so the narrow no-break spaces are read in the HTML the PDF is made from.
        html = Printer(project).guidebook(language).html.html.replace("\u00ad", "")  # without its soft hyphens
        assert (
            f"»{NNB}; voir <code>a ? b : c</code>" in html
            and "The « EXIT work » ; see <code>a ? b : c</code> !" in html
        )
    french = "".join(page_texts(tmp_path / "site/guidebook-fr.pdf"))
    assert f"À propos{NB}: le projet" in french and "À propos : le projet" not in french


def test_french_interface_strings_are_typeset_and_english_ones_as_typed():
    from guidebook.languages import print_strings, strings

    assert strings("fr")["draft_notice"].startswith(f"Brouillon{NB}: cette page")
    assert print_strings("fr")["handout_source"] == f"Extrait du guide PREPARE{NB}: {{url}}"
    assert strings("en")["draft_notice"].startswith("Draft: this page")
