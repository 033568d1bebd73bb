"""What a built site needs to be served well, done after everything else is in it, the mark of completeness last.

robots.txt naming the sitemap; `x-default` beside each sitemap entry's default-language alternate; content-
hashed asset names (fingerprint.py); the HTTP Content-Security-Policy for the web server; precompressed
copies (compress.py); then the manifest (manifest.py).

The header policy is the union of the pages' own <meta> policies (html/csp.py makes them: one source of
truth) plus `frame-ancestors 'self'`, which only a header can set. A browser enforces both the header and a
page's meta, so each page still runs only its own inline scripts. It is written to `.release/csp.conf` as
an nginx variable the shipped configuration sends (deploy/nginx/).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..content.model import Repository
from ..html.pagefind_index import MATERIAL_SEARCH
from ..site.edition import edition_date
from . import manifest
from .compress import precompress
from .fingerprint import fingerprint

DEFAULT_SITE_URL = "https://prepare.efus.eu/"
META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HEADER_ONLY = "frame-ancestors 'self'"  # no page of another site may frame ours (clickjacking)
CSP_FILE = f"{manifest.FOLDER}/csp.conf"
CSP_VARIABLE = "$guidebook_csp"


def prepare(
    site: Path,
    repository: Repository,
    site_url: str | None,
    previous: Path | None = None,
    gzip_cache: Path | None = None,
) -> manifest.Manifest:
    """`site_url`: mkdocs.yml's, as the build read it; `previous`: the site in place, whose compressed copies of
    unchanged files are kept; `gzip_cache`: the project's compressed copies by content (compress.py)."""
    site_url = site_url or DEFAULT_SITE_URL
    shutil.rmtree(site / MATERIAL_SEARCH, ignore_errors=True)  # only the offline bundle, made by now, uses it
    write_robots(site, site_url)
    add_x_default(site, repository.languages.default)
    fingerprint(site)
    write_header_policy(site)
    precompress(site, previous, gzip_cache)
    edition = edition_date(repository)
    return manifest.write(site, edition.isoformat() if edition else "undated")


def write_robots(site: Path, site_url: str) -> None:
    sitemap = site_url.rstrip("/") + "/sitemap.xml"
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")


_DEFAULT_ALTERNATE = '<xhtml:link rel="alternate" hreflang="{language}" href="(?P<href>[^"]*)"/>'


def add_x_default(site: Path, language: str) -> None:
    """Each sitemap entry's default-language alternate, repeated as x-default (for readers of other languages)."""
    alternate = re.compile(r"(?P<indent>[ \t]*)" + _DEFAULT_ALTERNATE.format(language=re.escape(language)))
    for sitemap in site.rglob("sitemap.xml"):
        text = sitemap.read_text(encoding="utf-8")
        if 'hreflang="x-default"' in text:
            continue
        text = alternate.sub(
            lambda match: (
                f'{match.group(0)}\n{match["indent"]}<xhtml:link rel="alternate" hreflang="x-default" href="{match["href"]}"/>'
            ),
            text,
        )
        sitemap.write_text(text, encoding="utf-8")


def header_policy(site: Path) -> str:
    """The union of the pages' meta policies, with frame-ancestors."""
    sources: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for policy in META_POLICY.findall(_head(page)):
            for directive in filter(None, (part.split() for part in policy.split(";"))):
                known = sources.setdefault(directive[0], [])
                known.extend(source for source in directive[1:] if source not in known)
    directives = [" ".join([name, *_ordered(values)]) for name, values in sources.items() if name != "frame-ancestors"]
    return "; ".join([*directives, HEADER_ONLY])


def _head(page: Path) -> str:
    """The page up to the end of its head, where a policy takes effect (the first 2-3 KB of a page; all of a page
    without one): a site of thousands of pages is not read whole again."""
    read = b""
    with page.open("rb") as file:
        while (end := read.find(b"</head>")) < 0 and (block := file.read(16384)):
            read += block
    return (read if end < 0 else read[:end]).decode("utf-8")


def _ordered(values: list[str]) -> list[str]:
    """Keywords as the pages list them, then hashes sorted: the same pages give the same header."""
    return [value for value in values if not value.startswith("'sha")] + sorted(
        value for value in values if value.startswith("'sha")
    )


def write_header_policy(site: Path) -> None:
    target = site / CSP_FILE
    target.parent.mkdir(exist_ok=True)
    target.write_text(
        "# Written by the build (guidebook/publish/serving.py) for deploy/nginx/: the pages' own policy, and frame-ancestors.\n"
        f'set {CSP_VARIABLE} "{header_policy(site)}";\n',
        encoding="utf-8",
    )
