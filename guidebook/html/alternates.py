"""The pages' hreflang alternates: absolute, and never a reason for a request.

MkDocs writes every link relative to the page, the head's <link rel="alternate" hreflang> too; search engines
want them absolute (Lighthouse's hreflang audit fails a relative one), so they are resolved against the
public address (site_url), like the canonical link. The default language's is repeated as `x-default`, the
page for readers of any other language (as in the sitemap, publish/serving.py).

Material's language selector fetches `sitemap.xml` beside each alternate, to map a page to its translation
when the alternates are the language homes. static-i18n gives each page its translation as alternate, so the
fetch asked for `<page>/sitemap.xml` and got a 404 on every page but the homes (mkdocs-material issue 6582),
and where it succeeded its click handler sent the reader to the other language's home. The selector's links
already lead to the page's translation (overrides/partials/alternate.html): the lookup is taken out of
Material's script.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

HEAD_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang="[^"]*">)')
BUNDLE = "assets/javascripts/bundle.*.min.js"  # Material's script
SITEMAP_LOOKUP = re.compile(r'\b[\w$]+\("link\[rel=alternate\]"\)')  # the alternates whose sitemaps it fetches
NO_LOOKUP = "[]/*guidebook: no sitemap lookup*/"


def absolute(html: str, page_url: str, site_url: str, default_language: str) -> str:
    """The page with its head's hreflang alternates resolved against its public address, and x-default."""
    base = urljoin(site_url, page_url)
    default = f' hreflang="{default_language}">'

    def resolved(match: re.Match) -> str:
        link = match.group(1) + urljoin(base, match.group(2)) + match.group(3)
        return link + "\n    " + link.replace(default, ' hreflang="x-default">') if link.endswith(default) else link

    return HEAD_ALTERNATE.sub(resolved, html)


def remove_sitemap_lookup(site_dir: Path) -> None:
    for bundle in site_dir.glob(BUNDLE):
        script = bundle.read_text(encoding="utf-8")
        if NO_LOOKUP in script:
            continue
        script, found = SITEMAP_LOOKUP.subn(NO_LOOKUP, script)
        if found != 1:
            raise PluginError(
                f"guidebook: {bundle.name} no longer looks up the alternates' sitemaps as expected: see guidebook/html/alternates.py"
            )
        bundle.write_text(script, encoding="utf-8")
