"""Search by Pagefind once the catalogue is large (issue 29).

Material's search downloads a language's whole index and builds it in the browser before the first result: fine
at the real size (about 50 KB), 416-433 KB gzipped and 3-4 s at 2,000 practice sheets per language. Pagefind
splits its index into chunks by word and fetches only those a query needs, plus the pages shown; its fixed part
(script and WebAssembly, about 90 KB gzipped) makes it the heavier one for a small catalogue. So a site with at
least PAGEFIND_FROM practice sheets per language searches with Pagefind, a smaller one keeps Material's index;
scripts/search_bench.py measures both (the figures are in its docstring). The offline bundle always keeps
Material's index: Pagefind cannot fetch its chunks from file://. Both are made from one build: Material's
index and worker are kept aside (MATERIAL_SEARCH) for the bundle, which is derived from the built site.

With Pagefind, each language gets its own bundle beside its home page (<language root>/pagefind/), and
Material's search worker is replaced by guidebook/assets/search-pagefind.js, which answers Material's search box
in Material's own message format from that bundle: the search box, the results' labels (the page's kind), the
home page's ?q= and the highlighting work as before. Each language's search/search_index.json then holds no
pages, only Material's config and what the worker needs: where the bundle is and the labels. Pagefind folds
accents and stems English and French itself; it needs 'wasm-unsafe-eval' in the policy (html/csp.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pagefind_bin
from mkdocs.exceptions import PluginError

from ..content.layout import site_url
from ..content.model import Repository
from ..languages import strings
from . import search_index
from .search_index import INDEX, SHEET_KIND, WORKER, kind_of

# Practice sheets per language (scripts/search_bench.py, first search, EN / FR, on a busy machine). Pagefind's time
# stays flat (1.1-1.9 s here at every size) while Material's grows with its index: as fast at the real size (0.7 /
# 1.8 s, and 46 / 57 KiB against 183 / 195), no faster at 250 (1.5 / 3.2 s against 1.6 / 1.1; 93 / 106 KiB against
# 170 / 194), 4-6 times slower at 500 and 2,000 (408 / 429 KiB there, over the 300 KB a first search may cost).
PAGEFIND_FROM = 250
WORKER_SCRIPT = Path(__file__).resolve().parent.parent / "assets" / "search-pagefind.js"
BUNDLE = "pagefind"
ROOT_SELECTOR = "article.md-content__inner"  # the page's text, without the navigation, header and footer
EXCLUDED = (".headerlink", ".md-content__button")  # the headings' "¶" links, the page's action buttons
SERVER_FOLDERS = {"assets", "search", "downloads", BUNDLE}
# Material's index and worker as the offline bundle needs them (publish/offline.py), kept aside in the built site
# while Pagefind takes their place; the build removes the folder before the site is served.
MATERIAL_SEARCH = ".material-search"  # folders of the site that hold no page
# What the worker uses of a bundle; the rest (Pagefind's own search interfaces, its worker) is removed.
USED = ("pagefind.js", "pagefind-entry.json", "wasm.", "pagefind.", "index", "fragment")


def wanted(repository: Repository, threshold: int, live_preview: bool) -> bool:
    """Whether this build searches with Pagefind: a large catalogue, not rebuilt on every save."""
    sheets = sum(1 for entry in repository.entries.values() if entry.kind == SHEET_KIND)
    return not live_preview and sheets >= threshold


def index(site_dir: Path, repository: Repository) -> None:
    """Write each language's Pagefind bundle, its search_index.json for the worker, and the worker itself."""
    prefixes = {language: repository.languages.prefix(language) for language in repository.languages.codes}
    others = {prefix.rstrip("/") for prefix in prefixes.values() if prefix}
    # The languages are indexed side by side, in one process each: the wall time of the slower, not the sum.
    _keep_material_search(site_dir, prefixes.values())
    runs = {
        prefix: _start_pagefind(site_dir / prefix, _page_glob(site_dir / prefix, set() if prefix else others))
        for prefix in prefixes.values()
    }
    outputs = {prefix: run.communicate()[0] for prefix, run in runs.items()}  # all finished before any error is raised
    for prefix, run in runs.items():
        if run.returncode != 0:
            raise PluginError(f"guidebook: Pagefind could not index {site_dir / prefix}: {outputs[prefix].strip()}")
    for language, prefix in prefixes.items():
        root = site_dir / prefix
        for unused in (root / BUNDLE).iterdir():
            if not unused.name.startswith(USED):
                unused.unlink()
        worker_to_bundle = "../../../" + prefix + BUNDLE + "/pagefind.js"  # from assets/javascripts/workers/
        target = root / INDEX
        merged = json.loads(target.read_text(encoding="utf-8"))
        config = {**merged["config"], "pagefind": worker_to_bundle, "labels": labels(repository, language)}
        target.write_text(
            json.dumps({"config": config, "docs": []}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    script = WORKER_SCRIPT.read_text(encoding="utf-8")
    for worker in site_dir.glob(WORKER):
        worker.write_text(script, encoding="utf-8")
        worker.with_name(worker.name + ".map").unlink(missing_ok=True)  # the source map of Material's worker


def _keep_material_search(site_dir: Path, prefixes) -> None:
    """Copy each language's Material index and the worker, taught to fold accents, into MATERIAL_SEARCH."""
    search_index.teach_worker(site_dir)
    kept = [
        *(Path(prefix) / INDEX for prefix in prefixes),
        *(path.relative_to(site_dir) for path in site_dir.glob(WORKER)),
    ]
    for relative in kept:
        target = site_dir / MATERIAL_SEARCH / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site_dir / relative, target)


def labels(repository: Repository, language: str) -> dict:
    """What the worker labels a result with: practice sheets by their folder (the collection that grows), every
    other page by its location, relative to the language's root as Material's locations are."""
    names = strings(language)["search_kind"]
    pages = {}
    sheet_folder = None
    for key, entry in repository.entries.items():
        location = site_url(key, repository.languages.default, repository.languages)
        kind = kind_of(location, entry.kind)
        if kind == SHEET_KIND:
            sheet_folder = location.rsplit("/", 2)[0] + "/"
        else:
            pages[location] = names[kind]
    return {"pages": pages, "sheets": sheet_folder, "sheet": names[SHEET_KIND], "page": names["page"]}


def _page_glob(root: Path, skipped: set[str]) -> str:
    """The language's pages (index.html in each page folder), without another language's folder or the 404 page."""
    folders = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name not in SERVER_FOLDERS | skipped)
    return "{" + ",".join(["index.html", *(f"{folder}/**/index.html" for folder in folders)]) + "}"


def _start_pagefind(root: Path, glob: str) -> subprocess.Popen:
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(root),
        "--glob",
        glob,
        "--root-selector",
        ROOT_SELECTOR,
        "--output-subdir",
        BUNDLE,
        "--quiet",
    ]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
