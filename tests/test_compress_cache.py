"""The cache of compressed copies by content (guidebook/publish/compress.py): a copy made once is taken again for the
same bytes and never for other bytes, builds running at once share it safely, and it keeps one site's copies."""

from __future__ import annotations

import gzip
import os

import pytest

from guidebook import caches
from guidebook.forkmap import fork
from guidebook.publish.compress import NO_COPY, SETTINGS, precompress
from guidebook.publish.site import build_site
from sites import base_files, write_project

THEME = "body { color: black; }\n" * 300  # the same bytes in every build, as the theme's files are


def _site(folder, pages):
    folder.mkdir()
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _entry(cache, site, name):
    """The cache entry a site's copy of `name` is, by inode."""
    [entry] = [path for path in (cache / SETTINGS).iterdir() if os.path.samefile(path, site / f"{name}.gz")]
    return entry


def test_a_copy_made_once_is_taken_again_for_the_same_bytes_only(tmp_path):
    cache = tmp_path / "cache"
    first = _site(tmp_path / "first", {"theme.css": THEME, "page.html": "<p>first</p>" * 100, "tiny.txt": "a"})
    assert precompress(first, cache=cache) == 2
    _entry(cache, first, "theme.css").write_bytes(b"stand-in")  # shared by the link: the cache's own copy now
    assert not (first / "tiny.txt.gz").exists() and len(list((cache / SETTINGS).glob(f"*{NO_COPY}"))) == 1

    second = _site(tmp_path / "second", {"theme.css": THEME, "page.html": "<p>second</p>" * 100, "tiny.txt": "a"})
    assert precompress(second, cache=cache) == 2
    assert (second / "theme.css.gz").read_bytes() == b"stand-in"  # taken, not compressed again
    assert gzip.decompress((second / "page.html.gz").read_bytes()) == (second / "page.html").read_bytes()
    assert not (second / "tiny.txt.gz").exists()


def test_the_cache_keeps_what_the_last_site_used_and_only_its_own_settings(tmp_path):
    cache = tmp_path / "cache"
    (cache / "level9-zlib0.0-python2.7").mkdir(parents=True)  # the copies of another zlib or Python
    (cache / "level9-zlib0.0-python2.7" / "old.gz").write_bytes(b"old")
    first = _site(tmp_path / "first", {"theme.css": THEME, "page.html": "<p>first</p>" * 100})
    precompress(first, cache=cache)
    second = _site(tmp_path / "second", {"theme.css": THEME, "page.html": "<p>second</p>" * 100})
    precompress(second, cache=cache)
    assert [folder.name for folder in cache.iterdir()] == [SETTINGS]
    kept = sorted((cache / SETTINGS).iterdir())
    assert kept == sorted([_entry(cache, second, "theme.css"), _entry(cache, second, "page.html")])
    assert gzip.decompress((first / "page.html.gz").read_bytes()) == (first / "page.html").read_bytes()  # its own link


def test_builds_compressing_at_once_into_one_cache_each_get_every_copy_right(tmp_path):
    cache = tmp_path / "cache"
    pages = {f"page{number}.html": f"<p>{number % 7}</p>" * 400 for number in range(300)}
    sites = [_site(tmp_path / f"site{number}", {**pages, "theme.css": THEME}) for number in range(4)]
    children = [fork(lambda site=site: precompress(site, cache=cache)) for site in sites]
    assert [child.result() for child in children] == [301] * 4
    for site in sites:
        for path in site.glob("*[!z]"):
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes(), path
    assert not [path for path in (cache / SETTINGS).iterdir() if path.name.startswith(".")]  # no partial entry left


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    site = _site(tmp_path / "site", {"theme.css": THEME})
    assert precompress(site, cache=blocked) == 1
    assert gzip.decompress((site / "theme.css.gz").read_bytes()) == THEME.encode()


def test_a_build_keeps_its_copies_in_the_project_cache(tmp_path, monkeypatch):
    """The project's own .cache/, where no shared cache is named (the tests' builds share one: template_cache.py)."""
    monkeypatch.delenv(caches.SHARED)
    project = write_project(tmp_path / "project", base_files())
    build_site(project, project / "site", downloads=False)
    entries = {(path.stat().st_dev, path.stat().st_ino) for path in (project / ".cache" / "gzip" / SETTINGS).iterdir()}
    copies = list((project / "site").rglob("*.gz"))
    assert len(copies) > 20 and all((copy.stat().st_dev, copy.stat().st_ino) in entries for copy in copies)


def test_a_shared_cache_holds_the_copies_and_the_compiled_templates_of_every_project(tmp_path, monkeypatch):
    (tmp_path / "shared").mkdir(mode=0o700)
    monkeypatch.setenv(caches.SHARED, str(tmp_path / "shared"))
    for name in ("first", "second"):
        project = write_project(tmp_path / name, base_files())
        build_site(project, project / "site", downloads=False)
        assert not (project / ".cache" / "gzip").exists() and not (project / ".cache" / "templates").exists()
    assert len(list((tmp_path / "shared" / "gzip" / SETTINGS).iterdir())) > 20
    assert len(list((tmp_path / "shared" / "templates").rglob("__jinja2_*.cache"))) > 20


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_a_shared_folder_others_may_write_into_is_passed_over(tmp_path, monkeypatch, mode):
    """Compiled templates are code the build runs: a folder anyone else can write into is not used."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    monkeypatch.setenv(caches.SHARED, str(shared))
    project = tmp_path / "project"
    assert caches.by_content(project, "templates") == project / ".cache" / "templates"
    shared.chmod(0o755)
    assert caches.by_content(project, "templates") == shared / "templates"
    monkeypatch.setenv(caches.SHARED, str(tmp_path / "missing"))
    assert caches.by_content(project, "gzip") == project / ".cache" / "gzip"
