"""What the build adds for serving (issue 25): content-hashed asset names with every reference rewritten, .gz copies,
robots.txt, x-default alternates, the header policy; checked on the fixture site as built."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from guidebook.publish import manifest
from guidebook.publish.compress import COMPRESSIBLE, precompress
from guidebook.publish.fingerprint import ASSET_FOLDERS, HASHED, HASHED_NAME, LEFT_ALONE, with_hashed_names
from guidebook.publish.serving import header_policy

REFERENCE = re.compile(r'(?:href|src|data-library)="([^"#?]+)"|url\(([^)#?"\']+)\)')


def test_every_asset_is_named_after_its_content_and_every_reference_to_one_leads_to_it(base_site):
    site = base_site.site
    assets = [path for folder in ASSET_FOLDERS for path in (site / folder).rglob("*") if path.suffix in HASHED]
    assert assets and all(
        HASHED_NAME.search(path.name) for path in assets if not path.relative_to(site).as_posix().startswith(LEFT_ALONE)
    )
    checked = 0
    for page in [*site.rglob("*.html"), *site.rglob("*.css")]:
        base = "/" + page.relative_to(site).as_posix()
        for match in REFERENCE.finditer(page.read_text(encoding="utf-8")):
            url = urljoin(base if not page.name == "404.html" else "/", match[1] or match[2])
            if (
                urlsplit(url).scheme
                or url.startswith(("//", "mailto:"))
                or Path(urlsplit(url).path).suffix not in HASHED
            ):
                continue  # pages are the link checks' (test_real_site.py); here, the renamed files
            target = site / urlsplit(url).path.lstrip("/")
            assert target.is_file() and HASHED_NAME.search(target.name), f"{page.relative_to(site)}: {url}"
            checked += 1
    assert checked > 150  # 182 once the stylesheets became one file and the font preloads went


def test_a_reference_is_rewritten_only_where_it_is_a_path_to_the_renamed_file(tmp_path):
    renamed = {"assets/main.css": "assets/main.0123456789ab.css", "assets/é.png": "assets/é.0123456789ab.png"}
    page = (
        '<link href="../assets/main.css"><link href="/assets/main.css"><img src="../assets/é.png">'
        '<a href="https://host/assets/main.css">xmain.css ../assets/main.css.map other/main.css ../../assets/main.css'
        " e.js main.css~ ../assets/main.css.</a>"
    )
    assert with_hashed_names(page, "guide/index.html", tmp_path, renamed) == (
        '<link href="../assets/main.0123456789ab.css"><link href="/assets/main.0123456789ab.css">'
        '<img src="../assets/é.0123456789ab.png">'
        '<a href="https://host/assets/main.css">xmain.css ../assets/main.css.map other/main.css ../../assets/main.css'
        " e.js main.css~ ../assets/main.css.</a>"
    )
    stylesheet = "a{background:url(main.css)} b{background:url('./é.png')}"
    assert with_hashed_names(stylesheet, "assets/site.css", tmp_path, renamed) == (
        "a{background:url(main.0123456789ab.css)} b{background:url('./é.0123456789ab.png')}"
    )


def test_every_text_file_has_a_smaller_gzip_copy_of_the_same_bytes(base_site):
    site = base_site.site
    texts = [
        path
        for path in site.rglob("*")
        if path.suffix in COMPRESSIBLE
        and path.is_file()
        and path.stat().st_size > 1000
        and manifest.FOLDER not in path.parts
    ]  # the manifest, written after: never served
    assert texts
    for path in texts:
        packed = path.with_name(path.name + ".gz").read_bytes()
        assert gzip.decompress(packed) == path.read_bytes() and len(packed) < path.stat().st_size, path
        assert packed[4:8] == b"\0\0\0\0", path  # no date in the header: reproducible


def test_a_rebuild_keeps_the_copies_of_the_files_it_did_not_change(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    for site, changed in ((before, "old"), (after, "new")):
        site.mkdir()
        (site / "same.html").write_text("<p>same</p>" * 200, encoding="utf-8")
        (site / "changed.html").write_text(f"<p>{changed}</p>" * 200, encoding="utf-8")
    precompress(before)
    (before / "same.html.gz").write_bytes(b"kept")  # a stand-in: the copy itself must be the one kept
    precompress(after, before)
    assert (after / "same.html.gz").read_bytes() == b"kept"
    assert gzip.decompress((after / "changed.html.gz").read_bytes()) == (after / "changed.html").read_bytes()


def test_robots_sitemap_and_alternates_name_x_default(base_site):
    site = base_site.site
    assert (
        site / "robots.txt"
    ).read_text() == "User-agent: *\nAllow: /\n\nSitemap: https://prepare.efus.eu/sitemap.xml\n"
    sitemap = (site / "sitemap.xml").read_text()
    assert sitemap.count("<url>") == sitemap.count('hreflang="x-default"') > 0
    assert (
        '<xhtml:link rel="alternate" hreflang="en" href="https://prepare.efus.eu/city-pilots/testville/"/>\n'
        '        <xhtml:link rel="alternate" hreflang="x-default" href="https://prepare.efus.eu/city-pilots/testville/"/>'
        in sitemap
    )
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    french = base_site.html("fr/city-pilots/testville")
    assert '<link rel="alternate" href="https://prepare.efus.eu/city-pilots/testville/" hreflang="x-default">' in french


def test_the_header_policy_is_the_pages_own_with_frame_ancestors_and_the_manifest_is_complete(base_site):
    site = base_site.site
    policy = header_policy(site)
    page_policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', base_site.html("")).group(
        1
    )
    for directive in page_policy.split("; "):
        name, *sources = directive.split()
        assert all(source in policy.split(f"{name} ", 1)[1].split(";")[0].split() for source in sources), directive
    assert policy.endswith("; frame-ancestors 'self'") and "'unsafe-inline'" not in policy
    assert manifest.verify(site).files == sum(1 for path in site.rglob("*") if path.is_file()) - 1
