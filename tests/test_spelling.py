"""Every content file is spelt right: hunspell (en_GB, fr) and the project's word lists (tests/spelling/).

An unknown word fails with `path:line: word`. A real name goes in tests/spelling/words.txt (both languages)
or words.en.txt / words.fr.txt; `.venv/bin/python tests/spellcheck.py` lists the current unknown words.
"""

import pytest

import spellcheck
from sites import base_files, page_text, write_project


@pytest.fixture(scope="module", autouse=True)
def hunspell():
    problem = spellcheck.hunspell_problem()
    if problem:
        pytest.fail(problem, pytrace=False)


@pytest.mark.parametrize("language", spellcheck.DICTIONARIES)
def test_every_content_file_is_spelt_right(language):
    unknown = spellcheck.unknown_words(spellcheck.PROJECT, language)
    assert not unknown, (
        f"{len(unknown)} unknown word(s) in the {language} content: correct them, or add real names to "
        f"tests/spelling/words.txt or words.{language}.txt\n" + "\n".join(map(str, unknown))
    )


def _word_lists(tmp_path, monkeypatch, **lists: str) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    for name, text in lists.items():
        (folder / f"{name.replace('_', '.')}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(spellcheck, "WORD_LISTS", folder)


def test_misspellings_are_named_with_file_and_line_and_code_addresses_and_markup_are_not_checked(tmp_path, monkeypatch):
    _word_lists(tmp_path, monkeypatch, words="Efus\nTestville\n")
    files = base_files()
    files["docs/about/spelling.en.md"] = page_text(
        {"title": "Recieved wisdom", "status": "draft", "summary": "An organisation."},
        "Efus's organisation is here.\n\n"
        "A `mispeled` code, [a link](https://example.org/mispeled), https://example.org/wrongg, "
        '<span class="notaword">fine</span>, contact@exampel.org and\n\n'
        "```\nmispeled in a block\n```\n\nThe centre is definately open.\n",
    )
    files["docs/about/spelling.fr.md"] = page_text(
        {
            "title": "Sagesse reçue",
            "summary": "Une organisation.",
            "sources": [{"title": "Unchecked English title", "publisher": "Efus", "language": "en"}],
        },
        "L'Efus et la réinsertion : le « travail de type EXIT », une érreur.\n",
    )
    project = write_project(tmp_path / "p", files)

    english = [str(u) for u in spellcheck.unknown_words(project, "en") if "spelling" in u.path]
    french = [str(u) for u in spellcheck.unknown_words(project, "fr") if "spelling" in u.path]

    assert english == ["docs/about/spelling.en.md:2: Recieved", "docs/about/spelling.en.md:15: definately"]
    assert french == ["docs/about/spelling.fr.md:10: érreur"]


def test_a_phrase_in_a_word_list_is_accepted_only_as_a_whole(tmp_path, monkeypatch):
    _word_lists(tmp_path, monkeypatch, words_fr="# English titles quoted in French\nUrban Security\n")
    files = {
        "docs/index.fr.md": page_text(
            {"title": "Accueil", "status": "draft", "source_language": "fr"},
            "Le forum Urban Security.\n\nLa Security.\n",
        )
    }
    project = write_project(tmp_path / "p", files)

    assert [str(u) for u in spellcheck.unknown_words(project, "fr")] == ["docs/index.fr.md:9: Security"]


def test_words_in_italics_or_quoted_may_be_in_the_other_language_but_not_misspelt(tmp_path, monkeypatch):
    _word_lists(tmp_path, monkeypatch)
    body = "Sa devise (*Cities help cities*, « Associate Partners ») : les **cities**, *Citys*.\n"
    files = {"docs/index.fr.md": page_text({"title": "Accueil", "status": "draft", "source_language": "fr"}, body)}
    project = write_project(tmp_path / "p", files)

    assert [str(u) for u in spellcheck.unknown_words(project, "fr")] == [
        "docs/index.fr.md:7: cities",
        "docs/index.fr.md:7: Citys",
    ]


def test_without_hunspell_or_a_dictionary_the_check_says_in_one_line_what_to_install(monkeypatch):
    monkeypatch.setattr(spellcheck, "DICTIONARIES", {"en": "en_GB", "fr": "xx_XX"})
    assert (
        spellcheck.hunspell_problem()
        == "hunspell has no xx_XX dictionary; install it with: apt-get install hunspell hunspell-en-gb hunspell-fr"
    )
    monkeypatch.setattr(spellcheck.shutil, "which", lambda name: None)
    assert (
        spellcheck.hunspell_problem()
        == "hunspell is not installed; install it with: apt-get install hunspell hunspell-en-gb hunspell-fr"
    )
