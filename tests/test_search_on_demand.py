"""The search index fetched on first use (guidebook/html/search_on_demand.py), checked in the built main script.

tests/browser/test_search_when_used.py proves the behaviour in Chromium; tests/test_material_glue.py checks the
installed Material still has the call this wraps.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from guidebook.errors import ConfigError
from guidebook.html.search_on_demand import INDEX_CALL, WRAPPER, wrap

MATERIAL_LIKE = 'var a=1,zi=document.forms.namedItem("search")?ks():tt,fo=new T;'


def _main_script(site) -> str:
    bundles = list((site / "assets" / "javascripts").glob("bundle.*.js"))
    assert len(bundles) == 1, bundles
    return bundles[0].read_text(encoding="utf-8")


def test_the_built_main_script_fetches_the_index_through_the_wrapper_only(base_site):
    code = _main_script(base_site.site)
    wrapper = WRAPPER.read_text(encoding="utf-8").strip()
    assert code.count(wrapper) == 1
    assert INDEX_CALL.search(code) is None  # no direct call left
    # The call Material made is now handed to the wrapper, which calls it on first use.
    assert 'document.forms.namedItem("search")?/* PREPARE guidebook, search-on-demand.js' in code
    assert re.search(re.escape(wrapper) + r"\(\w+\):\w+,", code)


def test_the_built_main_script_is_valid_javascript(base_site, tmp_path):
    node = shutil.which("node")
    assert node, "node is missing: make test installs the editor with npm, which needs Node.js"
    script = tmp_path / "bundle.js"
    script.write_text(_main_script(base_site.site), encoding="utf-8")
    checked = subprocess.run([node, "--check", str(script)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_wrapping_is_done_once_however_often_a_build_runs():
    once = wrap(MATERIAL_LIKE)
    assert once != MATERIAL_LIKE and wrap(once) == once
    assert once.startswith('var a=1,zi=document.forms.namedItem("search")?/*') and once.endswith("(ks):tt,fo=new T;")


@pytest.mark.parametrize("code", ["var zi=fetchIndex();", MATERIAL_LIKE + MATERIAL_LIKE])
def test_a_main_script_fetching_its_index_otherwise_stops_the_build_with_what_to_redo(code):
    with pytest.raises(ConfigError) as refused:
        wrap(code)
    assert "mkdocs-material upgraded" in str(refused.value) and "test_material_glue.py" in str(refused.value)
