"""The offline bundle: the site built again for reading from the file system (file://), zipped.

Material's offline plugin does most of it (file URLs, search index inlined as a script), with three
gaps this module fills after the build:
- the plugin names a CDN copy of the iframe-worker shim unless extra.polyfills has one: a vendored copy
  (guidebook/vendor/iframe-worker, MIT) is used instead, so no page names a third-party host;
- it inlines only search/search_index.json, which static-i18n leaves with the last language built:
  each language's own index (guidebook/html/search_index.py) is inlined beside it;
- the guidebook's cross-links are directory URLs ('../city-pilots/avignon/'), which a browser does not
  resolve to index files from file://: they are pointed at the page files.
The PDFs of the site are copied in, so the download links work offline too, and each language's handouts
are also written into a script (downloads/handouts.<language>.js), from which the catalogue's workshop pack
reads them (javascripts/pack.js: fetch cannot read files from file://); the files only a web server uses
(404 page, sitemaps) are left out. Its assets are named after their content, as the site's (fingerprint.py).
"""

from __future__ import annotations

import base64
import json
import logging
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

from .. import PACKAGE_DIR
from ..content.layout import split_language
from ..content.model import Repository
from ..files import write_beside
from ..site.downloads import OFFLINE_ZIP, guidebook_pdf
from .options import download_options, raw_config
from .fingerprint import fingerprint
from .run import run_mkdocs
from .sizes import fill_sizes

log = logging.getLogger("mkdocs.plugins.guidebook.offline")
SHIM = PACKAGE_DIR / "vendor" / "iframe-worker" / "shim.js"
SHIM_PATH = "assets/javascripts/iframe-worker/shim.js"  # the offline plugin looks for 'iframe-worker'
BUNDLE_FOLDER = "prepare-guidebook"
# Only a web server uses these; the 404 page's links are absolute, so broken from file://.
SERVER_ONLY = ("404.html", "sitemap.xml", "sitemap.xml.gz")  # the one folder the zip unpacks to
# Relative links to a folder: 'x/', '../x/', '.', '..' (with a fragment or query perhaps).
HREF = re.compile(r'(\bhref=")([^"#?:/][^"#?:]*/|\.\.?)([#?][^"]*)?"')
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries without build times: same content, same zip


def offline_options(project: Path, repository: Repository) -> dict:
    raw = raw_config(project)
    options = download_options(project, repository, offline=False)
    options["extra"]["polyfills"] = [*options["extra"].get("polyfills", []), SHIM_PATH]
    plugins = raw.get("plugins") or []
    options["plugins"] = {**plugins, "offline": {}} if isinstance(plugins, dict) else [*plugins, "offline"]
    return options


def build_bundle(project: Path, site_dir: Path, repository: Repository, *, strict: bool = True) -> Path:
    """Build the offline site from the loaded `repository` and write it, with the PDFs already in `site_dir`,
    to site_dir/OFFLINE_ZIP."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="guidebook-offline-") as folder:
        offline_site = Path(folder) / BUNDLE_FOLDER
        log.info("Offline bundle: building the site for file://")
        run_mkdocs(project / "mkdocs.yml", offline_site, repository, strict=strict, options=offline_options(project, repository))
        finish(offline_site)
        copy_downloads(site_dir, offline_site)
        fill_sizes(offline_site)
        write_handout_scripts(offline_site)
        fingerprint(offline_site)  # as on the site: a reader who unpacks a newer bundle over an older one gets no stale file
        target = site_dir / OFFLINE_ZIP
        files = write_zip(offline_site, target)
    log.info(f"Offline bundle {OFFLINE_ZIP}: {files} files, {target.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - start:.1f} s")
    return target


def finish(site: Path) -> None:
    """Fill the offline plugin's gaps (see the module's docstring)."""
    for name in SERVER_ONLY:
        for path in site.rglob(name):
            path.unlink()
    (site / SHIM_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIM, site / SHIM_PATH)
    for index in site.rglob("search/search_index.json"):
        data = index.read_text(encoding="utf-8")
        index.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = HREF.sub(lambda match: _file_link(page, match), html)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def _file_link(page: Path, match: re.Match) -> str:
    """A directory link, pointed at the page file that stands for it, when there is one."""
    prefix, path, rest = match.group(1), match.group(2), match.group(3) or ""
    folder = (page.parent / path).resolve()
    path = path.rstrip("/")
    for candidate, written in ((folder / "index.html", f"{path}/index.html"), (folder.with_suffix(".html"), f"{path}.html")):
        if candidate.is_file():
            return f'{prefix}{written}{rest}"'
    return match.group(0)


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


def copy_downloads(site_dir: Path, offline_site: Path) -> None:
    for pdf in [*site_dir.glob(guidebook_pdf("*")), *site_dir.glob("downloads/**/*.pdf")]:
        target = offline_site / pdf.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)


def write_zip(folder: Path, target: Path) -> int:
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    with write_beside(target) as partial, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder.parent).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())
    return len(files)
