"""Print hyphenation that never splits a name: acronyms and capitalised words are kept whole.

The PDFs hyphenate prose (`hyphens: auto`, by the document's language), which splits long words at line
ends. A name cut in two ("PRE-PARE", "Rotter-dam", "Kriminal-vården") reads badly and is harder to look up,
so every word of five letters or more that starts with a capital is wrapped in a span that is not hyphenated
(shorter words are never hyphenated anyway). This only costs a few hyphenation points at sentence starts.
"""

from __future__ import annotations

import re

from ..typography import prose_map

# A word starting with a capital letter, five characters or more, with its inner hyphens and apostrophes
# ("Clichy-sous-Bois", "PREPARE's"); not inside an entity (&Eacute;) or another word.
NAME = re.compile(r"(?<![\w&-])[A-ZÀ-ÖØ-ÞŒ][\w’'-]{4,}")
CLASS = "name"


def keep_names_whole(html: str) -> str:
    return prose_map(html, lambda text: NAME.sub(lambda match: f'<span class="{CLASS}">{match.group(0)}</span>', text))
