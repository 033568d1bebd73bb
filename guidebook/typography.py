"""Typography at build time, so authors type plain keys: typographic apostrophes and quotation marks in every
language (l'Efus -> l’Efus, PREPARE's -> PREPARE’s, "word" -> “word” in English, « word » in French), and the
non-breaking spaces French wants. Authors' files are never rewritten: pages are typeset as they are built.

A no-break space (U+00A0) goes before ':' and inside « »; a narrow no-break space (U+202F) before ';', '!'
and '?'. Only a space the author typed is replaced before : ; ! ? (so '10:30', 'https://' and '?lang=fr'
stay as they are); inside « » one is added where missing. Markup, code and preformatted text are left alone,
and so are attribute values (link targets among them): only the text between tags changes.
"""

from __future__ import annotations

import re

NO_BREAK = "\u00a0"
NARROW_NO_BREAK = "\u202f"
SPACES = "[ \t\r\n]+"  # what an author types; a no-break space already there is kept
# Elements whose text is code or data, never prose.
VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})

BEFORE_COLON = re.compile(SPACES + ":")
BEFORE_OTHERS = re.compile(SPACES + "([;!?])")
AFTER_OPENING = re.compile("«(?:" + SPACES + "|(?![\u00a0\u202f]))")
BEFORE_CLOSING = re.compile("(?:" + SPACES + "|(?<![\u00a0\u202f]))»")
FRENCH_MARKS = ":;!?«»"  # the signs French spacing is about: a text without any is left as it is
MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^>]*>", re.DOTALL)
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")


# Straight quotes as typed: an apostrophe inside or after a word; a quotation mark opening after a space, an
# opening bracket or the start of a text; any other closing.
APOSTROPHE = re.compile(r"(?<=[^\W_])'|^'(?=s\b)")
OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(\[{“«—–-]))'(?=\S)|(?<=\s)'$")
OPENING_DOUBLE = re.compile(r'(?:^|(?<=[\s(\[{‘—–-]))"(?=\S)|(?<=\s)"$')  # "$": the quoted words are markup
CLOSING_DOUBLE = re.compile('"')
DOUBLE_QUOTES = {"fr": ("«", "»")}  # other languages: “ ”


def quotes_text(text: str, language: str) -> str:
    """Plain text with typographic apostrophes and quotation marks for `language`."""
    if "'" not in text and '"' not in text:  # most of a page's texts: five expressions saved
        return text
    text = APOSTROPHE.sub("’", text)
    text = OPENING_SINGLE.sub("‘", text).replace("'", "’")
    opening, closing = DOUBLE_QUOTES.get(language, ("“", "”"))
    return CLOSING_DOUBLE.sub(closing, OPENING_DOUBLE.sub(opening, text))


def french_text(text: str) -> str:
    """Plain text (no markup) with French non-breaking spaces."""
    if not any(mark in text for mark in FRENCH_MARKS):
        return text
    text = BEFORE_COLON.sub(NO_BREAK + ":", text)
    text = BEFORE_OTHERS.sub(NARROW_NO_BREAK + r"\1", text)
    text = AFTER_OPENING.sub("«" + NO_BREAK, text)
    return BEFORE_CLOSING.sub(NO_BREAK + "»", text)


def prose_map(html: str, transform) -> str:
    """`html` with `transform` applied to its prose: the text between tags, outside code and preformatted text."""
    parts, position, verbatim = [], 0, 0
    for markup in MARKUP.finditer(html):
        text = html[position : markup.start()]
        parts.append(text if verbatim else transform(text))
        parts.append(markup.group(0))
        position = markup.end()
        tag = TAG_NAME.match(markup.group(0))
        if tag and tag.group(2).lower() in VERBATIM and not markup.group(0).endswith("/>"):
            verbatim = max(0, verbatim + (-1 if tag.group(1) else 1))
    text = html[position:]
    parts.append(text if verbatim else transform(text))
    return "".join(parts)


def french_html(html: str) -> str:
    """HTML whose prose, outside code and markup, has French non-breaking spaces."""
    return prose_map(html, french_text)


def for_language(html: str, language: str) -> str:
    """`html` as typeset for a page written in `language`: its prose's quotes, and French spacing."""
    return prose_map(html, lambda text: text_for_language(text, language))


def text_for_language(text: str, language: str) -> str:
    """Plain text as typeset in `language`."""
    quoted = quotes_text(text, language)
    return french_text(quoted) if language == "fr" else quoted


def prose_fields(value, fields: frozenset[str], language: str, key: str | None = None):
    """Front matter with the values of `fields` (at any depth) typeset as prose in `language`."""
    if isinstance(value, dict):
        return {name: prose_fields(item, fields, language, name) for name, item in value.items()}
    if isinstance(value, list):
        return [prose_fields(item, fields, language, key) for item in value]
    return text_for_language(value, language) if isinstance(value, str) and key in fields else value


def interface_strings(by_language: dict[str, dict]) -> dict[str, dict]:
    """Interface strings by language (as the strings files hold them), the French ones typeset as prose is."""
    return {language: _typeset(values, language) for language, values in by_language.items()}


def _typeset(value, language: str):
    if isinstance(value, dict):
        return {key: _typeset(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [_typeset(item, language) for item in value]
    return text_for_language(value, language) if isinstance(value, str) else value
