"""Search set up on first use, not on every page load.

Material's main script fetches the language's whole search index (45 KB compressed, the largest text file a
page loads) and hands it to its search worker as soon as any page loads, before the page's first paint on a slow
phone: Lighthouse counts it against every page. guidebook/assets/search-on-demand.js wraps the call that fetches
it, in the built site's copy of the script, so that the index is fetched when the reader first uses the search
(the script explains when). Results, labels, accent folding, the offline bundle's index and the Pagefind worker
are unchanged: they are all set up from that index, later.

This rewrites minified code of Material 9.7.1: tests/test_material_glue.py names what to redo after an upgrade.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import PACKAGE_DIR
from ..errors import ConfigError

BUNDLE = "assets/javascripts/bundle.*.min.js"  # Material's main script
WRAPPER = PACKAGE_DIR / "assets" / "search-on-demand.js"
# `index$ = document.forms.namedItem("search") ? fetchSearchIndex() : NEVER` in Material's bundle.ts, minified.
INDEX_CALL = re.compile(r'(\w+=document\.forms\.namedItem\("search"\)\?)(\w+)\(\)(:\w+)')
MARK = "search-on-demand.js"  # the wrapper's first comment names it: a bundle holding it is done already


def wrap(code: str) -> str:
    """Material's main script with the search index fetched on first use; ConfigError if the call is not found."""
    if MARK in code:
        return code
    calls = INDEX_CALL.findall(code)
    if len(calls) != 1:
        raise ConfigError(
            f"Material's main script ({BUNDLE}) fetches its search index in a way guidebook/html/search_on_demand.py "
            f"does not know ({len(calls)} matches of {INDEX_CALL.pattern}): was mkdocs-material upgraded? "
            "tests/test_material_glue.py says what to redo"
        )
    wrapper = WRAPPER.read_text(encoding="utf-8").strip()
    return INDEX_CALL.sub(lambda match: f"{match[1]}{wrapper}({match[2]}){match[3]}", code)


def defer_search(site_dir: Path) -> None:
    for bundle in site_dir.glob(BUNDLE):
        bundle.write_text(wrap(bundle.read_text(encoding="utf-8")), encoding="utf-8")
