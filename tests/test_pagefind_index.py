"""A large catalogue is searched with Pagefind (issue 29), a small one and the offline bundle with Material's index:
what each build writes. The searches themselves run in Chromium (tests/browser/test_pagefind_search.py)."""

from __future__ import annotations

import gzip
import json
import zipfile

import pytest

from guidebook.content.load import load
from guidebook.html import pagefind_index
from guidebook.publish import offline
from guidebook.publish.options import add_download_links
from guidebook.publish.run import run_mkdocs
from sites import base_files, build, fixture_config, sheet, write_project


def pagefind_config(threshold: int) -> dict:
    """The real mkdocs.yml with the guidebook plugin told from how many sheets per language to use Pagefind."""
    config = fixture_config()
    config["plugins"] = [
        {"guidebook": {"pagefind_from": threshold}} if plugin == "guidebook" else plugin for plugin in config["plugins"]
    ]
    return config


def _index(site, prefix=""):
    return json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))


def _policy(html: str) -> str:
    return html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]


@pytest.fixture(scope="module")
def two_sheet_project(tmp_path_factory):
    files = base_files()
    for lang in ("en", "fr"):
        files[f"practice_sheets/testville-mentoring.{lang}.md"] = sheet(
            lang, title="Mentoring in Testville" if lang == "en" else "Mentorat à Testville"
        )
    return files


def test_from_the_threshold_each_language_gets_its_own_pagefind_bundle_and_the_worker_that_reads_it(
    tmp_path, two_sheet_project
):
    site = build(write_project(tmp_path / "p", two_sheet_project, pagefind_config(2))).site
    for prefix, language in (("", "en"), ("fr", "fr")):
        bundle = site / prefix / "pagefind"
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language]  # one language per bundle: French pages never answer English
        pages = [page for page in (site / prefix).rglob("index.html") if prefix or not page.is_relative_to(site / "fr")]
        assert entry["languages"][language]["page_count"] == len(pages)  # every page of the language, not the 404
        assert (bundle / "pagefind.js").is_file() and (bundle / f"wasm.{language}.pagefind").is_file()
        assert not list(bundle.glob("pagefind-*ui*")) and not (bundle / "pagefind-worker.js").exists()
        fragments = [gzip.decompress(path.read_bytes()).decode("utf-8") for path in (bundle / "fragment").iterdir()]
        assert any("Testville" in fragment for fragment in fragments)
        assert not any("¶" in fragment for fragment in fragments)  # the headings' permalinks are not text
        index = _index(site, prefix)
        assert index["docs"] == []  # the pages are in Pagefind's chunks, not downloaded whole
        assert index["config"]["pagefind"] == f"../../../{prefix + '/' if prefix else ''}pagefind/pagefind.js"
        labels = index["config"]["labels"]
        assert labels["sheets"] == "practice-sheets/"
        assert labels["sheet"] == ("Practice sheet" if language == "en" else "Fiche pratique")
        assert labels["pages"]["city-pilots/testville/"] == ("City pilot" if language == "en" else "Projet pilote")
    assert not (site / "pagefind" / "fr").exists()  # English pages only in the English bundle
    [worker] = [
        path for path in (site / "assets" / "javascripts" / "workers").glob("search.*.js") if path.suffix == ".js"
    ]
    assert worker.read_text(encoding="utf-8") == pagefind_index.WORKER_SCRIPT.read_text(encoding="utf-8")
    assert not list(worker.parent.glob("*.map"))  # Material's worker's source map went with it
    assert "'wasm-unsafe-eval'" in _policy((site / "index.html").read_text(encoding="utf-8"))


def test_below_the_threshold_the_site_keeps_materials_index_and_a_policy_without_webassembly(
    tmp_path, two_sheet_project
):
    site = build(write_project(tmp_path / "p", two_sheet_project, pagefind_config(3))).site
    assert not (site / "pagefind").exists() and not (site / "fr" / "pagefind").exists()
    assert any(doc["location"] == "practice-sheets/testville-mentoring/" for doc in _index(site)["docs"])
    assert "pagefind" not in _index(site)["config"]
    assert "wasm" not in _policy((site / "index.html").read_text(encoding="utf-8"))
    [worker] = [
        path for path in (site / "assets" / "javascripts" / "workers").glob("search.*.js") if path.suffix == ".js"
    ]
    assert "foldsAccents" in worker.read_text(encoding="utf-8")  # Material's worker, taught to fold accents


def _pagefind_run(folder, files, *, downloads: bool):
    """The MkDocs run of a build searched with Pagefind, as `guidebook build` makes it with or without the downloads
    (PDFs and offline bundle), before the serving step."""
    project = write_project(folder / "p", files, pagefind_config(0))
    repository = load(project)
    configured = (lambda config: add_download_links(config, repository)) if downloads else None
    run_mkdocs(project / "mkdocs.yml", folder / "site", repository, strict=True, configured=configured)
    return folder / "site"


def _kept_material_docs(site, prefix=""):
    return _index(site / pagefind_index.MATERIAL_SEARCH, prefix)["docs"]


def test_without_the_downloads_materials_search_reads_no_page_and_the_pages_keep_their_text(
    tmp_path, two_sheet_project
):
    """Beside Pagefind, only the offline bundle, made with the downloads, reads Material's index."""
    site = _pagefind_run(tmp_path, two_sheet_project, downloads=False)
    for prefix in ("", "fr"):
        assert _kept_material_docs(site, prefix) == []
        assert _index(site, prefix)["config"]["lang"]  # the worker's settings, which Pagefind's worker reads
    for page in (site / "practice-sheets").glob("testville-*/index.html"):
        assert page.read_text(encoding="utf-8").count("<p>Text.</p>") == 7  # the sections, after the search read none


def test_the_offline_bundle_keeps_materials_index_whatever_the_size(tmp_path, two_sheet_project):
    site = _pagefind_run(tmp_path, two_sheet_project, downloads=True)
    for prefix in ("", "fr"):
        sections = [
            doc["text"]
            for doc in _kept_material_docs(site, prefix)
            if doc["location"].startswith("practice-sheets/testville-mentoring/#")
        ]
        assert len(sections) == 7 and set(sections) == {"<p>Text.</p>"}  # every section's text
    assert (site / "pagefind").is_dir() and not _index(site)["docs"]  # the site searches with Pagefind
    with zipfile.ZipFile(offline.build_bundle(site)) as bundle:
        bundle.extractall(tmp_path / "unpacked")
    unpacked = tmp_path / "unpacked" / offline.BUNDLE_FOLDER
    assert not (unpacked / "pagefind").exists() and not (unpacked / "fr" / "pagefind").exists()
    assert not (unpacked / pagefind_index.MATERIAL_SEARCH).exists()
    assert any(doc["location"].startswith("practice-sheets/testville-mentoring") for doc in _index(unpacked)["docs"])
    assert any(
        doc["location"].startswith("practice-sheets/testville-mentoring") for doc in _index(unpacked, "fr")["docs"]
    )
    [worker] = (unpacked / "assets" / "javascripts" / "workers").glob("search.*.js")
    assert "foldsAccents" in worker.read_text(encoding="utf-8")  # Material's worker, not Pagefind's


def test_the_site_served_keeps_nothing_of_materials_index_once_pagefind_searches_it(tmp_path, two_sheet_project):
    site = build(write_project(tmp_path / "p", two_sheet_project, pagefind_config(0))).site
    assert (site / "pagefind").is_dir()
    assert not (site / pagefind_index.MATERIAL_SEARCH).exists()


def test_the_default_threshold_leaves_the_real_guidebook_on_materials_index():
    assert (
        pagefind_index.PAGEFIND_FROM > 9
    )  # the real guidebook has 9 practice sheets per language (no loss at its size)
