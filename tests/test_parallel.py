"""The French site is built by a forked process (guidebook/html/parallel.py): same output, same strictness."""

from __future__ import annotations

import json
import logging
import os

import pytest

from guidebook.html import parallel
from guidebook import publish
from guidebook.site.views import ViewBuilder
from sites import base_files, build, write_project


@pytest.fixture
def forks(monkeypatch):
    """The processes forked during the test, counted (parallel.py calls os.fork)."""
    calls = []
    real_fork = os.fork

    def counting_fork():
        calls.append(1)
        return real_fork()

    monkeypatch.setattr(parallel.os, "fork", counting_fork)
    return calls


def test_french_is_built_by_a_child_and_the_search_indexes_are_merged_then_split(tmp_path, forks):
    result = build(write_project(tmp_path / "p", base_files()))

    assert len(forks) == 1
    assert result.warnings == []
    assert 'lang="fr"' in result.html("fr/practice-sheets/testville-case-management")
    english = json.loads((result.site / "search/search_index.json").read_text(encoding="utf-8"))
    french = json.loads((result.site / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert "Gestion de cas à Testville" in {doc["title"] for doc in french["docs"]}
    assert "Case management in Testville" in {doc["title"] for doc in english["docs"]}
    assert not any(doc["location"].startswith("fr/") for doc in english["docs"] + french["docs"])


def test_the_parallel_build_writes_the_same_site_as_the_sequential_one(tmp_path, forks, monkeypatch):
    project = write_project(tmp_path / "p", base_files())
    parallel_site = build(project, tmp_path / "parallel").site
    monkeypatch.setattr(parallel, "can_fork", lambda config: False)
    sequential_site = build(project, tmp_path / "sequential").site

    assert len(forks) == 1
    files = sorted(path.relative_to(sequential_site) for path in sequential_site.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(parallel_site) for path in parallel_site.rglob("*") if path.is_file())
    for name in files:
        # 404.html: in one process, static-i18n lets its language links point at the last page built before
        # it (here the Belgian article); so differ its compressed copy and the manifest of every file.
        if name.name not in ("404.html", "404.html.gz", "manifest.json"):
            assert (parallel_site / name).read_bytes() == (sequential_site / name).read_bytes(), name
    # Each language's 404 page in its place, whichever process built it (the default language's at the root).
    for name, language in (("404.html", "en"), ("fr/404.html", "fr")):
        for site in (parallel_site, sequential_site):
            assert f'<html lang="{language}"' in (site / name).read_text(encoding="utf-8"), (site, name)
        not_found = (parallel_site / name).read_text(encoding="utf-8")
        assert '<a href="/" hreflang="en"' in not_found and '<a href="/fr/" hreflang="fr"' in not_found, name


def test_a_warning_logged_while_french_pages_are_built_fails_the_strict_build_and_is_reported(
    tmp_path, forks, monkeypatch
):
    def build_view(self, entry):
        if self.language == "fr":
            logging.getLogger("mkdocs.plugins.guidebook").warning(f"French page {entry.key} warns")
        return real_build(self, entry)

    real_build = ViewBuilder.build
    monkeypatch.setattr(ViewBuilder, "build", build_view)  # before the fork: the child inherits it

    with pytest.raises(publish.BuildFailed) as failure:
        build(write_project(tmp_path / "p", base_files()))

    assert len(forks) == 1
    assert "French page practice-sheets/testville-case-management warns" in failure.value.messages
    assert len(failure.value.messages) == len(set(failure.value.messages))  # each warning logged once
    assert failure.value.verdict.startswith("Aborted with") and "in strict mode" in failure.value.verdict
    assert not (tmp_path / "p" / "site").exists()  # nothing published
