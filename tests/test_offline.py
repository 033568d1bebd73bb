"""The offline bundle: one folder that works from file:// in both languages, with search in each."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from guidebook.publish.fingerprint import built_path, original_names
from guidebook.publish.offline import BUNDLE_FOLDER, SHIM_PATH, write_zip
from real_downloads import real_site, unzipped_bundle

LOCAL_REFERENCE = re.compile(r'\b(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def bundle() -> Path:
    return unzipped_bundle()


def pages(bundle: Path) -> list[Path]:
    return sorted(bundle.rglob("*.html"))


def search_index(bundle: Path, prefix: str) -> dict:
    script = (bundle / prefix / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    return json.loads(script[len("var __index = ") :])


def test_both_languages_are_there_as_files(bundle):
    for page in ("index.html", "fr/index.html", "city-pilots/avignon/index.html", "fr/city-pilots/avignon/index.html"):
        assert (bundle / page).is_file(), page
    assert '<html lang="fr"' in (bundle / "fr/city-pilots/avignon/index.html").read_text(encoding="utf-8")


def test_every_local_link_and_asset_leads_to_a_file(bundle):
    """From file:// a link to a folder shows a file listing, not the page: every reference must name a file."""
    broken = []
    for page in pages(bundle):
        for reference in LOCAL_REFERENCE.findall(page.read_text(encoding="utf-8")):
            parts = urlsplit(reference)
            if parts.scheme or reference.startswith(("#", "//")) or not parts.path:
                continue
            if not (page.parent / unquote(parts.path)).resolve().is_file():
                broken.append(f"{page.relative_to(bundle)}: {reference}")
    assert broken == []


def test_no_page_names_a_third_party_host_and_the_shim_is_local(bundle):
    shim = built_path(bundle, SHIM_PATH)  # under its content-hashed name, as every asset
    assert shim.is_file() and (shim.parent.parent.parent.parent / "assets").is_dir()
    for page in pages(bundle):
        html = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in html, page
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert all(not urlsplit(src).scheme and not src.startswith("//") for src in scripts), page
        if "__config" in html:  # a theme page (not a redirect)
            assert any(original_names(src).endswith(SHIM_PATH) for src in scripts), page


def test_each_language_searches_its_own_index(bundle):
    english, french = search_index(bundle, ""), search_index(bundle, "fr")
    assert english["config"]["lang"] == ["en"] and french["config"]["lang"] == ["fr"]
    english_text = " ".join(doc["title"] + " " + doc["text"] for doc in english["docs"])
    french_text = " ".join(doc["title"] + " " + doc["text"] for doc in french["docs"])
    assert "Foreword" in english_text and "Avant-propos" not in english_text
    assert "Avant-propos" in french_text and "Foreword" not in french_text
    for index in (english, french):
        assert all(
            doc["location"].split("#")[0].endswith(".html") or doc["location"].split("#")[0] == ""
            for doc in index["docs"]
        )


def test_pdfs_come_with_the_bundle(bundle):
    assert (bundle / "guidebook-en.pdf").is_file() and (bundle / "guidebook-fr.pdf").is_file()
    assert len(list((bundle / "downloads").glob("*.pdf"))) == len(list((real_site() / "downloads").glob("*.pdf")))
    assert "guidebook-offline.zip" not in (bundle / "index.html").read_text(encoding="utf-8")


def test_the_same_files_make_the_same_zip(tmp_path):
    folder = tmp_path / BUNDLE_FOLDER
    (folder / "fr").mkdir(parents=True)
    (folder / "index.html").write_text("<p>Welcome</p>", encoding="utf-8")
    (folder / "fr/index.html").write_text("<p>Bienvenue</p>", encoding="utf-8")
    write_zip(folder, tmp_path / "one.zip")
    write_zip(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_a_zip_of_the_same_files_is_reused_and_a_changed_file_makes_a_new_one(tmp_path):
    folder = tmp_path / BUNDLE_FOLDER
    folder.mkdir()
    (folder / "index.html").write_text("<p>Welcome</p>", encoding="utf-8")
    assert write_zip(folder, tmp_path / "first.zip") == (1, False)
    assert write_zip(folder, tmp_path / "second.zip", tmp_path / "first.zip") == (1, True)
    assert (tmp_path / "second.zip").read_bytes() == (tmp_path / "first.zip").read_bytes()
    (folder / "index.html").write_text("<p>Welcome back</p>", encoding="utf-8")
    assert write_zip(folder, tmp_path / "third.zip", tmp_path / "first.zip") == (1, False)
    with zipfile.ZipFile(tmp_path / "third.zip") as bundle:
        assert bundle.read(f"{BUNDLE_FOLDER}/index.html") == b"<p>Welcome back</p>"


def test_bundle_pages_carry_the_sites_content_security_policy(bundle):
    """From file:// 'self' is the bundle's own files; the vendored shim writes no inline script."""
    policies = [
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text(encoding="utf-8"))
        for page in pages(bundle)
    ]
    assert policies and all(policy and "'unsafe-inline'" not in policy.group(1) for policy in policies)
    assert "<script>" not in built_path(bundle, SHIM_PATH).read_text(encoding="utf-8")
