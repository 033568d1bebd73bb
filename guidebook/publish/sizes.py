"""The size of each download, written beside its link once the files exist.

The theme renders the pages before the PDFs and the offline bundle are made (they are made from the same
content, after it), so a link carries an empty <span class="gb-size" data-file="..."> that this fills
in, in the page's language: "(1.2 MB)", "(1,2 Mo)", "(45 kB)", "(45 ko)".
"""

from __future__ import annotations

import re
from pathlib import Path

from ..languages import strings

PLACEHOLDER = re.compile(r'<span class="gb-size" data-file="([^"]+)"></span>')
LANGUAGE = re.compile(r'<html lang="([\w-]+)"')


def fill_sizes(site: Path) -> int:
    """Fill every page's size placeholders from the files under `site`; return how many were filled."""
    filled = 0
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'class="gb-size"' not in html:
            continue
        language = LANGUAGE.search(html)
        if language is None:  # every page the theme writes has one
            raise ValueError(f"{page}: no <html lang> attribute")
        t = strings(language.group(1))
        sized, count = PLACEHOLDER.subn(lambda match: _sized(match, site, t), html)
        page.write_text(sized, encoding="utf-8")
        filled += count
    return filled


def _sized(match: re.Match, site: Path, t: dict) -> str:
    path = site / match.group(1)
    if not path.is_file():
        return match.group(0)  # a file this build did not make: its link says nothing of a size
    octets = path.stat().st_size
    if octets < 1_000_000:  # a handout: "0.0 MB" would say nothing
        size = t["download_size_kb"].format(size=max(1, round(octets / 1000)))
    else:
        size = t["download_size"].format(size=f"{octets / 1e6:.1f}".replace(".", t["decimal_separator"]))
    return f'<span class="gb-size" data-file="{match.group(1)}">{size}</span>'
