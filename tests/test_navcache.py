"""Pages outside the navigation reuse their folder's sidebar: the site is the same as when each renders its own."""

from __future__ import annotations

from guidebook.html import navcache
from sites import base_files, build, fixture_config, sheet, write_project

# The sheets, the chapter and the country article stay outside the navigation, as in the real mkdocs.yml.
NAV = ["index.md", {"Part 2": ["city-pilots/testville.md"]}, {"Practice sheets": ["practice-sheets/index.md"]}]


def test_pages_are_identical_with_and_without_the_sidebar_cache(tmp_path, monkeypatch):
    files = base_files()
    for lang in ("en", "fr"):
        files[f"practice_sheets/testville-training.{lang}.md"] = sheet(
            lang, title="Training" if lang == "en" else "Formation"
        )
    project = write_project(tmp_path / "p", files, fixture_config(NAV))
    cached = build(project, tmp_path / "cached").site
    monkeypatch.setattr(navcache.SidebarCache, "key", lambda self, page, nav: None)
    rendered = build(project, tmp_path / "rendered").site

    pages = sorted(path.relative_to(rendered) for path in rendered.rglob("*.html"))
    assert len(pages) > 15
    assert pages == sorted(path.relative_to(cached) for path in cached.rglob("*.html"))
    for page in pages:
        assert (cached / page).read_text(encoding="utf-8") == (rendered / page).read_text(encoding="utf-8"), page
    sheet_page = (cached / "practice-sheets/testville-training/index.html").read_text(encoding="utf-8")
    assert 'href="../../city-pilots/testville/"' in sheet_page or 'href="../../city-pilots/"' in sheet_page


def test_the_sidebar_is_rendered_once_per_folder_of_pages_outside_the_navigation(tmp_path, monkeypatch):
    kept = []
    real_keep = navcache.SidebarCache.keep
    monkeypatch.setattr(
        navcache.SidebarCache, "keep", lambda self, key, html: kept.append(key) or real_keep(self, key, html)
    )
    files = base_files()
    for lang in ("en", "fr"):
        files[f"practice_sheets/testville-training.{lang}.md"] = sheet(
            lang, title="Training" if lang == "en" else "Formation"
        )
    build(write_project(tmp_path / "p", files, fixture_config(NAV)))

    assert kept.count("practice-sheets") == 1  # two English sheets, one rendering (French: in the forked process)
