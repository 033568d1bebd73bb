"""What content cannot do to readers: run script, inject HTML through front matter, publish a person without consent."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from guidebook.html import csp
from guidebook import publish
from sites import PROJECT, base_files, build, page_text, sheet, write_project

SHEET = "practice_sheets/testville-case-management.en.md"
POLICY_META = re.compile(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def _trusted() -> csp.TrustedScripts:
    return csp.TrustedScripts.of_environment(load_config(str(PROJECT / "mkdocs.yml")).theme.get_env())


def test_every_page_has_its_policy_right_after_the_charset(base_site):
    pages = sorted(base_site.site.rglob("*.html"))
    assert len(pages) > 10 and any(page.name == "404.html" for page in pages)
    trusted = _trusted()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        match = POLICY_META.search(html)
        assert match and html.count("Content-Security-Policy") == 1, page
        assert match.group(1) == csp.policy(html, trusted), page


def test_the_policy_allows_the_inline_scripts_its_templates_write_and_no_other():
    trusted = csp.TrustedScripts(
        ['<script>one()</script><script>go("{{ base_url }}")</script><script src="x.js"></script>']
    )
    html = (
        '<meta charset="utf-8"><script>one()</script><script>go("../..")</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
    )
    policy = csp.add_policy(html, trusted)
    script_src = next(part for part in csp.policy(html, trusted).split("; ") if part.startswith("script-src"))
    assert script_src == "script-src 'self' " + " ".join(sorted([_sha256("one()"), _sha256('go("../..")')]))
    assert policy.startswith('<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy"')
    assert "'unsafe-inline'" not in policy and "object-src 'none'" in policy and "base-uri 'self'" in policy
    # A template's slot holds a quoted value, never code; a script no template writes is never hashed.
    for planted in ('go("x");alert(1)//")', 'go("x"+alert(1)+"")', "two()"):
        with pytest.raises(PluginError, match="comes from no template"):
            csp.policy(f'<meta charset="utf-8"><script>{planted}</script>', trusted, "page.md")


def test_guidebook_templates_escape_front_matter_text(tmp_path):
    files = base_files()
    tricky = 'Tom & Jerry\'s "best" <3 practice'
    files[SHEET] = sheet("en", summary=tricky, city='Test"ville')
    site = build(write_project(tmp_path / "p", files))
    catalogue = site.html("practice-sheets")
    assert "Tom &amp; Jerry’s “best” &lt;3 practice" in catalogue  # escaped, and typeset (typographic quotes)
    assert tricky not in catalogue and 'Test"ville' not in catalogue
    assert "Test”ville" in site.html("practice-sheets/testville-case-management")


def test_a_named_contact_with_consent_is_published_beside_the_mailbox(tmp_path):
    files = base_files()
    files[SHEET] = sheet(
        "en", contact={"email": "contact@example.org", "name": "Alex Martin", "consent_date": "2024-03-01"}
    )
    html = build(write_project(tmp_path / "p", files)).html("practice-sheets/testville-case-management")
    assert 'Alex Martin, <a href="mailto:contact@example.org">contact@example.org</a>' in html


def test_html_that_the_theme_allows_builds(tmp_path):
    files = base_files()
    body = 'The <abbr title="Radicalisation Awareness Network">RAN</abbr> met<sup>1</sup>. See `<script>` and [Efus](https://efus.eu).'
    files["docs/about/ok.en.md"] = page_text(
        {"title": "Allowed", "status": "draft"}, body + "\n\n```html\n<script>shown();</script>\n```"
    )
    html = build(write_project(tmp_path / "p", files)).html("about/ok")
    assert '<abbr title="Radicalisation Awareness Network">RAN</abbr>' in html and "&lt;script&gt;" in html


def test_a_script_in_content_stops_the_build_with_file_and_line(tmp_path):
    files = base_files()
    files["docs/about/bad.en.md"] = page_text({"title": "Bad", "status": "draft"}, "Text.\n\n<script>alert(1)</script>")
    with pytest.raises(
        publish.BuildFailed, match=r"docs/about/bad\.en\.md:8: body: the HTML tag <script> is not allowed"
    ):
        build(write_project(tmp_path / "p", files))


def test_yaml_is_only_ever_read_with_a_safe_loader():
    unsafe = re.compile(
        r"yaml\.(unsafe_load|full_load|load_all)\(|Loader=yaml\.(Loader|FullLoader|UnsafeLoader)|yaml\.load\((?![^)]*SafeLoader)"
    )
    sources = [*Path(PROJECT / "guidebook").rglob("*.py"), *Path(PROJECT / "scripts").rglob("*.py")]
    offenders = [
        f"{path}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if unsafe.search(line)
    ]
    assert sources and offenders == []


def test_no_policy_under_mkdocs_serve_whose_live_reload_script_is_inline(base_site):
    config_file = str(base_site.project / "mkdocs.yml")
    assert csp.applies(load_config(config_file))
    # `mkdocs serve` points site_url at its own address (mkdocs.commands.serve).
    assert not csp.applies(load_config(config_file, site_url="http://127.0.0.1:8000/"))
    assert not csp.applies(load_config(config_file, dev_addr="127.0.0.1:8765", site_url="http://127.0.0.1:8765/guide/"))
