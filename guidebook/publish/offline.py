"""The offline bundle: the built site, made readable from the file system (file://), zipped.

It is derived from the site's own pages, once they are built and the PDFs are in, before their download
sizes and content-hashed names are written (a second MkDocs build took as long as the first). The pages
keep their folders (`city-pilots/avignon/index.html`); what file:// needs besides is done here:
- a browser shows a folder's listing, not its index file, from file://: every link to a folder
  ('../city-pilots/avignon/', '../..', '.') is pointed at its index.html, and so is every search result;
- fetch cannot read files from file://: each language's search index (guidebook/html/search_index.py) is
  also written as a script (search/search_index.js, which Material reads from file://), and each language's
  handouts too (downloads/handouts.<language>.js, from which the catalogue's workshop pack reads them,
  javascripts/pack.js);
- nor can a worker be started from file://: the pages load a vendored copy of the iframe-worker shim
  (guidebook/vendor/iframe-worker, MIT), which runs Material's search worker in a frame;
- the home pages' link to the bundle itself is taken out, and the files only a web server uses (404 page,
  sitemaps) are left out. Its assets are named after their content, as the site's (fingerprint.py).
The zip names no build time, so the same files make the same zip; its comment is the digest of those files,
and a build whose bundle holds the same files as the site in place reuses that site's zip.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from .. import PACKAGE_DIR
from ..content.layout import split_language
from ..files import link_or_copy, write_beside
from ..html.pagefind_index import BUNDLE as PAGEFIND_BUNDLE
from ..html.pagefind_index import MATERIAL_SEARCH
from ..site.downloads import OFFLINE_ZIP
from .fingerprint import TEXT, fingerprint
from .sizes import fill_sizes

log = logging.getLogger("mkdocs.plugins.guidebook.offline")
SHIM = PACKAGE_DIR / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"
BUNDLE_FOLDER = "prepare-guidebook"  # the one folder the zip unpacks to
# Only a web server uses these; the 404 page's links are absolute, so broken from file://.
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")
# Links to a folder: 'x/', '../x/', '.', '..', '../..', and links from the site's root ('/', '/fr/': the language
# selector's on the home pages), with a fragment or query perhaps.
HREF = re.compile(r'(\bhref=")([^"#?:/][^"#?:]*/|\.\.?(?:/\.\.?)*|/(?!/)[^"#?:]*)([#?][^"]*)?"')
# The bundle's own link on the home pages (overrides/partials/guidebook/downloads.html), with its size.
OWN_LINK = re.compile(
    rf'\s*<a class="md-button" href="[^"]*{re.escape(OFFLINE_ZIP)}"[^>]*>[^<]*</a>\s*<span class="gb-size" data-file="{re.escape(OFFLINE_ZIP)}"></span>'
)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries without build times: same content, same zip


def build_bundle(site_dir: Path, previous: Path | None = None) -> Path:
    """Derive the offline bundle from the site built in `site_dir` (its PDFs in) and write it to site_dir/OFFLINE_ZIP.

    `previous`: the site in place, whose zip is reused when it holds the same files.
    """
    start = time.perf_counter()
    folder = Path(
        tempfile.mkdtemp(prefix=f"{site_dir.name}-offline-", dir=site_dir.parent)
    )  # removed with the staging's leftovers
    try:
        offline_site = folder / BUNDLE_FOLDER
        copy_site(site_dir, offline_site)
        restore_material_search(site_dir, offline_site)
        finish(offline_site)
        fill_sizes(offline_site)
        write_handout_scripts(offline_site)
        fingerprint(
            offline_site
        )  # as on the site: a reader who unpacks a newer bundle over an older one gets no stale file
        target = site_dir / OFFLINE_ZIP
        files, reused = write_zip(offline_site, target, previous / OFFLINE_ZIP if previous else None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    how = "unchanged, the previous zip kept" if reused else "zipped"
    log.info(
        f"Offline bundle {OFFLINE_ZIP}: {files} files, {target.stat().st_size / 1e6:.1f} MB, {how} in {time.perf_counter() - start:.1f} s"
    )
    return target


def copy_site(site_dir: Path, offline_site: Path) -> None:
    """The site's files but those only a server uses; text files copied (they are rewritten), others linked."""
    for folder, subfolders, names in os.walk(site_dir):
        subfolders[:] = sorted(name for name in subfolders if name not in (MATERIAL_SEARCH, PAGEFIND_BUNDLE))
        target_folder = offline_site / Path(folder).relative_to(site_dir)
        target_folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            if name in SERVER_ONLY or name == OFFLINE_ZIP:
                continue
            source, target = Path(folder) / name, target_folder / name
            if source.suffix in TEXT:
                shutil.copyfile(source, target)
            else:
                link_or_copy(source, target)  # nothing writes these (fingerprint.py renames them, a name of its own)


def restore_material_search(site_dir: Path, offline_site: Path) -> None:
    """A site searched with Pagefind (html/pagefind_index.py) kept Material's index and worker aside: the bundle,
    read from file:// where Pagefind cannot fetch its chunks, searches with them."""
    kept = site_dir / MATERIAL_SEARCH
    for path in kept.rglob("*"):
        if path.is_file():
            shutil.copyfile(path, offline_site / path.relative_to(kept))


def finish(site: Path) -> None:
    """What file:// needs (see the module's docstring)."""
    site = site.resolve()
    (site / SHIM_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, site / SHIM_PATH)
    for index in site.rglob("search/search_index.json"):
        data = json.loads(index.read_text(encoding="utf-8"))
        for doc in data.get("docs", []):
            doc["location"] = _file_location(doc["location"])
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        index.write_text(text, encoding="utf-8")
        index.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        to_root = "../" * (len(page.relative_to(site).parts) - 1)
        fixed = OWN_LINK.sub("", HREF.sub(lambda match: _file_link(page, to_root, match), html))
        if "__config" in fixed:  # a theme page: its search runs in a worker
            shim = to_root + SHIM_PATH
            fixed = fixed.replace("</head>", f'  <script src="{shim}"></script>\n  </head>', 1)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def _file_location(location: str) -> str:
    """A search result's page ('city-pilots/avignon/#intro', '' for the home) as its index file."""
    path, hash_mark, fragment = location.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path + hash_mark + fragment


def _file_link(page: Path, to_root: str, match: re.Match) -> str:
    """A link relative to the page; a directory link pointed at the index file that stands for it."""
    prefix, path, rest = match.group(1), match.group(2), match.group(3) or ""
    if path.startswith("/"):
        path = to_root + path[1:]
    if (page.parent / path / "index.html").is_file():
        path = f"{path.rstrip('/')}/index.html" if path else "index.html"
    return f'{prefix}{path}{rest}"'


def write_handout_scripts(offline_site: Path) -> None:
    """downloads/handouts.<language>.js: window.guidebookHandouts maps each handout's site path to its bytes."""
    by_language: dict[str, dict[str, str]] = {}
    for pdf in sorted(offline_site.glob("downloads/*.pdf")):
        language = split_language(pdf.stem)[1] or ""  # a handout's name always has its language
        path = pdf.relative_to(offline_site).as_posix()
        by_language.setdefault(language, {})[path] = base64.b64encode(pdf.read_bytes()).decode("ascii")
    for language, handouts in by_language.items():
        script = "window.guidebookHandouts = " + json.dumps(handouts, sort_keys=True) + ";\n"
        (offline_site / "downloads" / f"handouts.{language}.js").write_text(script, encoding="ascii")


def write_zip(folder: Path, target: Path, previous: Path | None = None) -> tuple[int, bool]:
    """Zip `folder` (under its own name) to `target`; (files, whether `previous` was reused as holding the same)."""
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    contents = hashlib.sha256()
    for path in files:
        contents.update(f"{path.relative_to(folder).as_posix()}\0".encode())
        contents.update(hashlib.sha256(path.read_bytes()).digest())
    comment = f"guidebook offline bundle {contents.hexdigest()}".encode()
    if previous is not None and _comment(previous) == comment:
        target.unlink(missing_ok=True)
        link_or_copy(previous, target)
        return len(files), True
    with write_beside(target) as partial, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
        bundle.comment = comment
    return len(files), False


def _comment(path: Path) -> bytes | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.comment
    except (OSError, zipfile.BadZipFile):
        return None
