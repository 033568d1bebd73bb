"""Search with Pagefind (issue 29), as a large catalogue gets it, in Chromium through Debian's nginx with the shipped
configuration and its header policy: the real guidebook built with the threshold at 0, so its own pages answer.

What Material's index does at the real size (tests/browser/test_catalogue_search_map.py), Pagefind does here:
accents folded, words stemmed and found as they are typed, each result labelled with its kind, each language's
pages only; and the home page's ?q= opens the search. `served_site` is overridden: the tabs reach this build.
"""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from browsing import search_results
from guidebook.content.load import load
from guidebook.publish import nginx, offline
from guidebook.publish.options import add_download_links
from guidebook.publish.run import run_mkdocs
from shared_builds import shared
from sites import PROJECT, build
from test_csp import guarded  # noqa: F401 - the fixture failing a test on any policy violation
from test_offline_bundle import offline_tab  # noqa: F401 - a tab on file:// failing a test on any other request

sys.path.insert(0, str(PROJECT / "scripts"))
import search_bench  # noqa: E402 - scripts/ is not a package

NOT_COPIED = shutil.ignore_patterns(
    "site", ".venv", ".git", ".cache", "__pycache__", ".pytest_cache", ".site-*", "tests", "editor"
)


def _build_with_pagefind(folder: Path) -> list[str]:
    project = folder / "project"
    shutil.copytree(PROJECT, project, ignore=NOT_COPIED, symlinks=True)
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert "\n  - guidebook\n" in text, "mkdocs.yml lists the guidebook plugin without options: the test sets one"
    config_file.write_text(
        text.replace("\n  - guidebook\n", "\n  - guidebook:\n      pagefind_from: 0\n", 1), encoding="utf-8"
    )
    warnings = build(project, folder / "site").warnings
    # The offline bundle of the same build, without its PDFs (not needed to search), derived from the built pages as
    # `guidebook build` derives it: Material's index, kept aside by the Pagefind step, from file://. The run is made
    # as a build with its downloads makes it: only then does Material's search read the pages beside Pagefind.
    built = folder / "built"
    repository = load(project)
    run_mkdocs(
        config_file, built, repository, strict=True, configured=lambda config: add_download_links(config, repository)
    )
    with zipfile.ZipFile(offline.build_bundle(built)) as bundle:
        bundle.extractall(folder / "offline")
    return warnings


def _built(name: str) -> Path:
    folder, warnings = shared("real-pagefind", _build_with_pagefind)
    assert warnings == []
    assert (folder / "site" / "fr" / "pagefind" / "pagefind.js").is_file()
    return folder / name


def _site() -> Path:
    return _built("site")


@pytest.fixture(scope="module")
def served_site():
    server = nginx.start(_site())
    yield server.url.rstrip("/")
    server.stop()


@pytest.mark.parametrize(
    "path, words, first, kind",
    [
        ("/", "Malaga", "/practice-sheets/malaga-", "Practice sheet"),  # "Málaga", accent folded
        ("/fr/", "Malaga", "/fr/practice-sheets/malaga-", "Fiche pratique"),
        ("/fr/", "reinsertion", "/fr/", None),  # "réinsertion"
        ("/fr/", "desengagement", "/fr/", None),  # "désengagement"
        ("/fr/", "récidives", "/fr/", None),  # stemmed: the plural finds "récidive"
        ("/", "reintegrating", "/", None),  # stemmed: finds "reintegration"
        ("/", "reintegr", "/", None),  # a word being typed
        ("/fr/", "Rotterdam", "/fr/city-pilots/rotterdam/", "Projet pilote"),
    ],
)
def test_pagefind_folds_accents_stems_and_labels_each_result_with_its_kind(guarded, path, words, first, kind):  # noqa: F811
    page = guarded.open(path)
    results = search_results(page, words)
    assert results and (guarded.base + first) in results[0], results[:3]
    assert all(("/fr/" in url) == path.startswith("/fr/") for url in results), results  # this language's pages only
    assert page.locator(".md-search-result__terms").count() == 0  # no "Missing:" / « Non trouvé » line
    labels = page.locator(".md-search-result__item").first.locator(".md-tag").all_inner_texts()
    assert labels and (kind is None or labels[0] == kind)
    response = page.request.get(guarded.base + path)
    assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]


def test_the_first_search_fetches_a_part_of_the_index_and_each_section_links_to_its_heading(guarded):  # noqa: F811
    page = guarded.open("/fr/")
    fetched: list[str] = []
    page.context.on("requestfinished", lambda request: fetched.append(request.url))
    results = search_results(page, "mentorat")
    assert any("/fr/pagefind/index/" in url for url in fetched) and not any(
        url.endswith("search_index.js") for url in fetched
    )
    sections = [url for url in results if "#" in url]
    assert sections and all(url.split("#")[0] in results for url in sections)


def test_the_home_pages_search_form_opens_the_results(guarded):  # noqa: F811
    page = guarded.open("/fr/?q=reinsertion")
    page.wait_for_selector(".md-search-result__item", timeout=30000)
    assert page.locator("#__search").is_checked()
    assert "/fr/" in page.locator(".md-search-result__link").first.get_attribute("href")


def test_the_search_bench_measures_what_the_first_search_transfers_in_each_language(browser):
    measured = search_bench.measure_in(browser, _site(), tries=1)  # the bench's median is of `tries` such runs
    for language, found in (("en", "matching documents"), ("fr", "documents trouvés")):
        assert found in measured[language]["found"]
        # Pagefind's script and WebAssembly (about 85 KB), index chunks, fragments, the worker and its config.
        assert 90 < measured[language]["kib"] < 300, measured
        assert 0 < measured[language]["seconds"] < search_bench.RESULT_TIMEOUT / 1000


@pytest.mark.parametrize(
    "start, words, own",
    [
        ("index.html", "Malaga", "/prepare-guidebook/"),
        ("fr/index.html", "reinsertion", "/prepare-guidebook/fr/"),
    ],
)
def test_the_offline_bundle_of_a_pagefind_site_searches_with_materials_index_from_file(offline_tab, start, words, own):  # noqa: F811
    bundle = _built("offline") / offline.BUNDLE_FOLDER
    assert not (bundle / "pagefind").exists()
    offline_tab.goto((bundle / start).as_uri())
    results = search_results(offline_tab, words)
    assert results and all(url.startswith("file://") and own in url for url in results), results
    assert all(("/fr/" in url) == start.startswith("fr/") for url in results), results
