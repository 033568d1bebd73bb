"""Print hyphenation, decided here and not by WeasyPrint: soft hyphens in prose words, never in names.

WeasyPrint 70's own hyphenation (`hyphens: auto`) strands words on lines of their own ("préven-" / "tion" /
"de" / "la radicalisation" in the French Sarcelles handout) when a no-break space follows on the line, as
French typography puts inside « » and before ':' (guidebook/typography.py); its line breaker assumes lines
break at word boundaries, which a no-break space is not (WeasyPrint issue 2270 and pull request 2271). So the
PDFs use `hyphens: manual`, and this module inserts soft hyphens (U+00AD) at the points Pyphen, WeasyPrint's
own dictionary library, gives, in each element's language (a `lang` attribute switches dictionary: an English
title in a French page is hyphenated as English). Words starting with a capital (names, acronyms:
"PREPARE", "Rotterdam", "Kriminalvården") and words under six letters are left whole, as
`hyphenate-limit-chars: 6 3 3` did.
"""

from __future__ import annotations

import re
from functools import cache

import pyphen

from ..typography import MARKUP, TAG_NAME, VERBATIM

SOFT_HYPHEN = "\u00ad"
MIN_WORD, MIN_BEFORE, MIN_AFTER = 6, 3, 3
# A word starting with a small letter, six letters or more, not inside an entity (&eacute;) or another word.
WORD = re.compile(r"(?<![\w&#’'-])[a-zß-öø-ÿœ][^\W\d_]{" + str(MIN_WORD - 1) + ",}")
LANG = re.compile(r"""\slang\s*=\s*["']?([A-Za-z-]+)""")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found, left=MIN_BEFORE, right=MIN_AFTER) if found else None


def hyphenate_text(text: str, language: str) -> str:
    """Plain text with soft hyphens in its words of small letters, by the rules of `language`."""
    dictionary = _dictionary(language)
    if dictionary is None:
        return text
    return WORD.sub(lambda match: dictionary.inserted(match.group(0), hyphen=SOFT_HYPHEN), text)


def hyphenate(html: str, language: str) -> str:
    """`html` with soft hyphens in its prose, each element's text by its own `lang` (else `language`);
    markup, code and preformatted text are left alone."""
    parts, position, verbatim = [], 0, 0
    open_elements: list[tuple[str, str]] = [("", language)]  # (tag, the language of its text)
    for markup in MARKUP.finditer(html):
        text = html[position : markup.start()]
        parts.append(text if verbatim else hyphenate_text(text, open_elements[-1][1]))
        parts.append(markup.group(0))
        position = markup.end()
        tag = TAG_NAME.match(markup.group(0))
        if not tag:
            continue
        closing, name = tag.group(1), tag.group(2).lower()
        if name in VERBATIM and not markup.group(0).endswith("/>"):
            verbatim = max(0, verbatim + (-1 if closing else 1))
        if closing:
            names = [element for element, _ in open_elements]
            if name in names[1:]:  # close it and whatever was left open inside it
                del open_elements[len(names) - 1 - names[::-1].index(name) :]
        elif name not in VOID and not markup.group(0).endswith("/>"):
            lang = LANG.search(markup.group(0))
            open_elements.append((name, lang.group(1) if lang else open_elements[-1][1]))
    parts.append(html[position:] if verbatim else hyphenate_text(html[position:], open_elements[-1][1]))
    return "".join(parts)


# Where a printed web address may break: after a slash that does not belong to "//", and before "?", "#" and
# "&", never inside a word or right after "https://". Marked with a zero-width space (U+200B), which
# WeasyPrint breaks at and does not draw; the stylesheet's overflow-wrap stays the last resort for a longer part.
URL_BREAK = re.compile(r"(?<=[^/:]/)(?=[^/])|(?=[?#&])")
ZERO_WIDTH_SPACE = "\u200b"


def url_breaks(url: str) -> str:
    """A web address as printed, breakable only at sensible points ("https://efus.eu/​topics/​…")."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return URL_BREAK.sub(ZERO_WIDTH_SPACE, url)
    return scheme + separator + URL_BREAK.sub(ZERO_WIDTH_SPACE, rest)
