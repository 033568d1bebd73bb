"""The six places where the guidebook relies on Material for MkDocs' internals, checked against the installed Material
without a build or a browser, so that an upgrade fails here by name instead of breaking search or the theme silently.

Each place is recorded with the SHA-256 of the Material file (or part of it) it was written against, in Material
9.7.1: when an upgrade changes that file, the test names the package, the file and what to redo; once done, put the
new hash here. The browser tests (tests/browser/test_catalogue_search_map.py) then prove the behaviour itself.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import re
from pathlib import Path

import material
from material.plugins.search.plugin import SearchPlugin

from guidebook.html import search_index, search_on_demand
from sites import PROJECT

MATERIAL = Path(material.__file__).parent
TEMPLATES = MATERIAL / "templates"
VERSION = importlib.metadata.version("mkdocs-material")
CHECKED_WITH = "9.7.1"

# overrides/partials/<name>: copies of Material's partials, changed where their first comment says.
COPIED_PARTIALS = {
    "alternate.html": "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
    "content.html": "ce33929c85af129f6e2f3b0aed47159e9c4a519482d1938bae15f5ff4a3cfae5",
    "search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
}
SEARCH_WORKER = "cfb35333fafd6d2eb148eba21452849fb7fbde32fdfbf986836573f963106188"
SEARCH_PLUGIN = "cc8a3ac0a8862662d11e87fefcdaa4a42d9ebd70a7943fa921c1c80e2661730b"
CONFIG_BLOCK = "9ae6b67ef424a20da14d369f4b001ae9d31e29cf8629b30372d79771ce3086d2"
SEARCH_BUNDLE = "5908e9000b0e251a652d702ba341e243a1d9978bc30a75aff83f8ce55f4d2383"


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def upgraded(what: str) -> str:
    return f"mkdocs-material {VERSION} (the guidebook was checked with {CHECKED_WITH}) changed {what}"


def config_block() -> str:
    """The {% block config %} of Material's base.html, which overrides/main.html rewrites."""
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    match = re.search(r"{% block config %}.*?{% endblock %}", base, re.DOTALL)
    assert match, upgraded("base.html: it has no {% block config %}; overrides/main.html overrides that block")
    return match.group(0)


def test_the_copied_partials_are_copies_of_the_installed_materials_originals():
    for name, original in COPIED_PARTIALS.items():
        assert (PROJECT / "overrides" / "partials" / name).is_file()
        assert sha256((TEMPLATES / "partials" / name).read_bytes()) == original, upgraded(
            f"partials/{name}, which overrides/partials/{name} copies: compare Material's old and new {name}, carry "
            f"the change into the copy (keeping the guidebook's changes its first comment names), then put the new "
            f"file's hash in COPIED_PARTIALS of tests/test_material_glue.py"
        )


def test_search_folding_is_appended_to_the_search_worker_it_was_written_for():
    workers = list((TEMPLATES / "assets").glob(search_index.WORKER.removeprefix("assets/")))
    assert len(workers) == 1, upgraded(
        f"its search worker's name: guidebook/html/search_index.py looks for {search_index.WORKER}"
    )
    code = workers[0].read_text(encoding="utf-8")
    assert sha256(code) == SEARCH_WORKER, upgraded(
        f"its search worker ({workers[0].name}), to which guidebook/assets/search-folding.js is appended and whose "
        "lunr internals it extends (lunr.Builder.prototype.add, Pipeline._stack, Query.prototype.clause, the "
        "stemmer's label): check them in the new worker, run tests/browser/test_catalogue_search_map.py (accents "
        "and stems found as typed), then put the worker's hash in SEARCH_WORKER of tests/test_material_glue.py"
    )
    assert 'version="2.3.9"' in code, "search-folding.js was written for lunr 2.3.9"


def test_the_search_plugin_reads_the_page_between_the_abridging_and_the_restoring():
    priority = getattr(SearchPlugin.on_page_context, "mkdocs_priority", 0)
    assert -60 < priority < 60, upgraded(
        f"the priority of its search plugin's on_page_context ({priority}): guidebook/html/plugin.py hands it an "
        "abridged practice sheet at priority 60 and restores the page at -60; move them around the new priority"
    )
    source = (MATERIAL / "plugins" / "search" / "plugin.py").read_text(encoding="utf-8")
    assert sha256(source) == SEARCH_PLUGIN, upgraded(
        "material/plugins/search/plugin.py, whose on_page_context indexes page.content, which guidebook/html/plugin.py "
        "swaps for search_index.abridge(...) around it: check that the plugin still reads the page's content in "
        "on_page_context (and nothing after it), that the search index of a practice sheet still holds only its "
        "headings and their openings (tests/test_search_index.py), then put the file's hash in SEARCH_PLUGIN"
    )


def test_main_html_finds_the_base_it_rewrites_in_materials_config_block():
    block = config_block()
    assert '"base": base_url,' in block and "} | tojson" in block, upgraded(
        "base.html's config block: overrides/main.html replaces its '\"base\": <base_url as JSON>' to point each "
        "language's pages at their own search index; make the replacement match the new block"
    )
    assert sha256(block) == CONFIG_BLOCK, upgraded(
        "base.html's {% block config %}, in which overrides/main.html replaces the text '\"base\": <base_url as "
        "JSON>' (the French pages then search /fr/search/search_index.json): check that the block still writes "
        "base_url with tojson under that key, run tests/browser/test_catalogue_search_map.py (French search), "
        "then put the block's hash in CONFIG_BLOCK of tests/test_material_glue.py"
    )


def test_the_pagefind_worker_speaks_the_protocol_of_the_installed_search_box():
    """guidebook/assets/search-pagefind.js replaces Material's worker on a large site (html/pagefind_index.py): it
    answers Material's search box in the messages of Material's own worker, which its main script renders."""
    worker = next((TEMPLATES / "assets").glob(search_index.WORKER.removeprefix("assets/"))).read_text(encoding="utf-8")
    for message in ("case 0:", "{type:1}", "case 2:", "{type:3,data:"):
        assert message in worker, upgraded(
            f"its search worker's messages ({message!r} is gone): see search-pagefind.js"
        )
    bundles = list((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1 and sha256(bundles[0].read_bytes()) == SEARCH_BUNDLE, upgraded(
        "its main script (assets/javascripts/bundle.*.min.js), whose search box guidebook/assets/search-pagefind.js "
        "answers in Material's worker protocol (SETUP 0 -> READY 1, QUERY 2 -> RESULT 3 with items grouped by page, "
        "each with location, title, text, tags, score and terms): check how the new script sends the query and renders "
        "the results, run tests/browser/test_pagefind_search.py, then put the script's hash in SEARCH_BUNDLE of "
        "tests/test_material_glue.py"
    )


def test_the_main_script_fetches_its_search_index_in_the_one_call_made_to_wait_for_first_use():
    bundles = list((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, upgraded(
        f"its main script's name: guidebook/html/search_on_demand.py looks for {search_on_demand.BUNDLE}"
    )
    code = bundles[0].read_text(encoding="utf-8")
    assert len(search_on_demand.INDEX_CALL.findall(code)) == 1 and sha256(code) == SEARCH_BUNDLE, upgraded(
        "its main script (assets/javascripts/bundle.*.min.js), in which guidebook/html/search_on_demand.py wraps the "
        'call that fetches the search index (`index$` in bundle.ts: document.forms.namedItem("search") ? '
        "fetchSearchIndex() : NEVER) in guidebook/assets/search-on-demand.js, so that it is fetched when the search "
        "toggle is first checked or ?h= is in the address: check that bundle.ts still builds index$ that way and "
        "still accepts a promise for it (mountSearch's setupSearchWorker and mountSearchHiglight take an "
        "ObservableInput), make INDEX_CALL match the new minified call, run tests/browser/test_search_when_used.py, "
        "then put the script's hash in SEARCH_BUNDLE of tests/test_material_glue.py"
    )
