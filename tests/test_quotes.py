"""Typographic apostrophes and quotation marks, set at build time in both languages (issue 28): the authors
type straight ones and their files are never rewritten."""

import pytest

from guidebook.typography import for_language, text_for_language

CASES = [
    ("en", "PREPARE's partners' work", "PREPARE’s partners’ work"),
    ("en", 'The "formers" of Vilvoorde', "The “formers” of Vilvoorde"),
    ("en", "the 'formers'", "the ‘formers’"),
    ("fr", "l'Efus et aujourd'hui", "l’Efus et aujourd’hui"),
    ("fr", 'le "travail de type EXIT"', "le «\u00a0travail de type EXIT\u00a0»"),
    ("fr", "« déjà » l’Efus", "«\u00a0déjà\u00a0» l’Efus"),
]


@pytest.mark.parametrize("language, typed, typeset", CASES)
def test_straight_quotes_become_typographic(language, typed, typeset):
    assert text_for_language(typed, language) == typeset


def test_markup_code_and_addresses_keep_their_straight_quotes():
    html = "<p>\"It's\" <em>here</em>'s <code>a='b'</code> <a href=\"https://x/?q='a'\">Efus's</a></p>"
    assert (
        for_language(html, "en")
        == "<p>“It’s” <em>here</em>’s <code>a='b'</code> <a href=\"https://x/?q='a'\">Efus’s</a></p>"
    )


def test_a_quoted_element_gets_its_quotes_on_both_sides():
    assert for_language('<p>The "<em>formers</em>" too</p>', "en") == "<p>The “<em>formers</em>” too</p>"
