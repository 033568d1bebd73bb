"""Spelling of the content with Debian's hunspell (en_GB, fr) and the project's word lists in tests/spelling/.

Checked: the prose of every content file (body and front matter text values), not code, addresses, link
targets, e-mail addresses or HTML tags. Run as a script, it prints the unknown words of the current content,
one a line with how often they occur, to review before adding the real ones to a word list:

    .venv/bin/python tests/spellcheck.py            # every unknown word, by language
    .venv/bin/python tests/spellcheck.py --where    # each occurrence as path:line: word
    .venv/bin/python tests/spellcheck.py --project DIR  # another copy of the content, e.g. a `git archive`
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from guidebook.content.frontmatter import read_source
from guidebook.content.layout import walk
from guidebook.content.schema import PROSE_FIELDS

PROJECT = Path(__file__).resolve().parent.parent

WORD_LISTS = PROJECT / "tests" / "spelling"
DICTIONARIES = {"en": "en_GB", "fr": "fr"}
INSTALL = "apt-get install hunspell hunspell-en-gb hunspell-fr"
# Front matter prose, less the fields that hold names (an organisation's name is spelt in its own language).
CHECKED_FIELDS = PROSE_FIELDS - {"name", "publisher", "expert_partner"}
NOT_PROSE = [
    re.compile(r"(`+).*?\1"),  # inline code
    re.compile(r"<(?:https?|mailto):[^>]*>"),  # autolinks
    re.compile(r"<!--.*?-->|</?[a-zA-Z][^>]*>"),  # HTML comments and tags
    re.compile(r"\]\([^)]*\)"),  # link and image targets (the link text stays)
    re.compile(r"\]\[[^\]]*\]"),  # reference-style link labels
    re.compile(r"\[\^[^\]]*\]:?"),  # footnote references
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$"),  # link reference definitions
    re.compile(r"\b(?:https?://|www\.)\S+"),  # addresses written out
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|eu|int|info|blog|cat|mx|fr|be|de|es|nl|se|uk)\b"),  # site names
    re.compile(r"\b\d+(?:-\d+)+\b"),  # ISBNs and other hyphenated numbers
    re.compile(r"&#?\w+;"),  # HTML entities
    re.compile(r"\{[:#.][^}]*\}"),  # attribute lists
    re.compile(r"^\s*[!?]{3}\+?\s+\w+"),  # admonition markers (their quoted title stays)
]
BOLD = re.compile(r"\*\*|__")
# A word or title in another language is set in italics or quoted: there, a word either dictionary knows is
# accepted ("le projet SIPREV (*Innovative Strategies to Prevent Re-Offending*)", « Associate Partners »).
QUOTED = re.compile(r"(?<![*\w])\*(?!\s)([^*]+?)\*(?![*\w])|(?<![_\w])_(?!\s)([^_]+?)_(?![_\w])|«([^»]*)»|“([^”]*)”")
LANG_SPAN = re.compile(r'<span lang="[^"]*">([^<]*)</span>')
MARKUP_SIGNS = re.compile(r"[*_#>|~=]|-{2,}")  # emphasis, headings, quotes, tables, rules
ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
PHRASE = re.compile(r"[ \-/']")  # an entry hunspell reads as several words: taken out of the text before it checks
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Unknown:
    path: str
    line: int
    word: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.word}"


def prose(text: str) -> tuple[str, str]:
    """The text to check of one line, as (its own language, in italics or quoted: maybe another language)."""
    marked = LANG_SPAN.findall(text)  # words marked with their language: checked as the quoted ones are
    text = LANG_SPAN.sub(" ", text)
    for pattern in NOT_PROSE:
        text = pattern.sub(" ", text)
    text = BOLD.sub(" ", text.replace("’", "'"))
    quoted = " ".join([*marked, *(next(filter(None, match.groups()), "") for match in QUOTED.finditer(text))])
    return MARKUP_SIGNS.sub(" ", QUOTED.sub(" ", text)), MARKUP_SIGNS.sub(" ", quoted)


def _front_matter_prose(meta, lines: dict, location: tuple, language: str):
    """(line, text) of each prose value; a cited source's title only when it is in the file's language."""
    if isinstance(meta, dict):
        if location[:1] == ("sources",) and meta.get("language") != language:
            meta = {key: value for key, value in meta.items() if key != "title"}
        for key, value in meta.items():
            yield from _front_matter_prose(value, lines, (*location, key), language)
    elif isinstance(meta, list):
        for index, value in enumerate(meta):
            yield from _front_matter_prose(value, lines, (*location, index), language)
    elif (
        isinstance(meta, str)
        and location
        and next((p for p in reversed(location) if isinstance(p, str)), None) in CHECKED_FIELDS
    ):
        yield lines.get(location, 1), meta


def units(project: Path, language: str) -> list[tuple[str, int, str, str]]:
    """(path, line, text, text in italics or quoted) of every line to check in the content files of `language`."""
    found = []
    for content_file in walk(project):
        if not content_file.is_markdown or content_file.language != language:
            continue
        shown = content_file.path.relative_to(project).as_posix()
        source, problems = read_source(content_file.path, shown)
        if problems:
            continue  # `guidebook check` reports it
        for line, text in list(_front_matter_prose(source.meta, source.lines, (), language)) + source.body_lines:
            plain, italics = prose(text)
            if plain.strip() or italics.strip():
                found.append((shown, line, plain, italics))
    return found


def word_lists(language: str) -> tuple[set[str], list[str]]:
    """The words, and the phrases (names in another language, such as an English title quoted on a French page,
    so that its words are not accepted everywhere; and the compounds hunspell would split), of `language`'s lists."""
    entries = set()
    for name in ("words.txt", f"words.{language}.txt"):
        path = WORD_LISTS / name
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            entries |= {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    phrases = sorted((entry for entry in entries if PHRASE.search(entry)), key=len, reverse=True)
    return {entry for entry in entries if not PHRASE.search(entry)}, phrases


def hunspell_problem() -> str | None:
    """Why hunspell cannot check both languages here, in one line; None when it can."""
    if shutil.which("hunspell") is None:
        return f"hunspell is not installed; install it with: {INSTALL}"
    for dictionary in DICTIONARIES.values():
        result = subprocess.run(["hunspell", "-d", dictionary, "-a"], input="", capture_output=True, text=True)
        if result.returncode != 0 or "Can't open" in result.stderr:
            return f"hunspell has no {dictionary} dictionary; install it with: {INSTALL}"
    return None


def unknown_words(project: Path, language: str) -> list[Unknown]:
    known, phrases = word_lists(language)
    checked = [
        (path, line, _without(phrases, plain), _without(phrases, quoted))
        for path, line, plain, quoted in units(project, language)
    ]
    other = next(dictionary for code, dictionary in DICTIONARIES.items() if code != language)
    unknown = _unknown_to(DICTIONARIES[language], [plain for _, _, plain, _ in checked], known)
    unknown_quoted = _unknown_to(
        other, sorted(_unknown_to(DICTIONARIES[language], [q for _, _, _, q in checked], known)), known
    )
    found = []
    for path, line, plain, quoted in checked:
        found += [
            Unknown(path, line, word) for word in _occurrences(unknown, plain) + _occurrences(unknown_quoted, quoted)
        ]
    return found


def _unknown_to(dictionary: str, texts: list[str], known: set[str]) -> set[str]:
    """The words of `texts` that neither `dictionary` nor the word lists know."""
    # hunspell -l lists them (its pipe mode, which says where, also computes suggestions: a hundred times
    # slower); each line is then searched for them.
    result = subprocess.run(
        ["hunspell", "-l", "-i", "utf-8", "-d", dictionary],
        input="\n".join(texts) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    return {word.rstrip(".") for word in result.stdout.split() if not _is_known(word, known)}  # "end." too


def _occurrences(words: set[str], text: str) -> list[str]:
    if not words:
        return []
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.findall(rf"(?<![\w'])(?:{alternatives})(?![\w'])", text)


def _without(phrases: list[str], text: str) -> str:
    for phrase in phrases:
        if phrase in text:
            text = text.replace(phrase, " ")
    return text


def _is_known(word: str, known: set[str]) -> bool:
    """In a word list as written, in lower case, or once a French elision or an English possessive is removed."""
    word = word.rstrip(".")  # hunspell keeps the full stop of a word it takes for an abbreviation
    candidates = {word, ELISION.sub("", word), POSSESSIVE.sub("", word)}
    return any(c in known or c.lower() in known for c in candidates)


def main(arguments: list[str]) -> int:
    problem = hunspell_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    project = Path(arguments[arguments.index("--project") + 1]) if "--project" in arguments else PROJECT
    for language in DICTIONARIES:
        found = unknown_words(project, language)
        if "--where" in arguments:
            print("\n".join(str(unknown) for unknown in found))
            continue
        if not found:
            print(f"# {language}: no unknown word")
            continue
        print(
            f"# {language}: correct the misspellings; add the real names to tests/spelling/words.txt (both languages) or words.{language}.txt"
        )
        for word, count in sorted(Counter(u.word for u in found).items(), key=lambda item: item[0].lower()):
            print(f"{word}\t{count}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
