"""A smoke run of scripts/bench.py at N=20: its corpus builds strict and its JSON carries every figure."""

from __future__ import annotations

import importlib.util
import json
import shutil

from guidebook.content.layout import COLLECTIONS, DOCS_DIR
from sites import PROJECT

spec = importlib.util.spec_from_file_location("bench", PROJECT / "scripts" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def test_bench_corpus_builds_strict_and_the_report_has_every_figure(tmp_path):
    # PDFs and the real site are left out: the PDF tests cover them, and this stays a quick smoke run.
    report = json.loads(json.dumps(bench.run([20], runs=1, real=False, pdf=False, workdir=tmp_path)))

    (size,) = report["sizes"]
    assert size["n"] == 20
    ours = size["guidebook"]
    assert ours["warnings"] == []
    assert ours["pages"] > 2 * 20
    assert ours["seconds"] > 0 and ours["pages_per_second"] > 0 and ours["peak_rss_mib"] > 0
    assert ours["sheet_page_bytes"] > 0
    for language in ("en", "fr"):
        assert ours["search_index"][language]["raw_bytes"] > ours["search_index"][language]["gzip_bytes"] > 0
    assert size["bare"]["pages"] > 2 * 20
    assert size["ratio_ours_to_bare"] > 0
    rebuilds = size["rebuilds"]
    assert rebuilds["cold_seconds"] > 0 and len(rebuilds["unchanged_runs"]) == len(rebuilds["one_edit_runs"]) == 1
    assert rebuilds["unchanged_seconds"] < rebuilds["cold_seconds"]  # nothing changed: nothing built
    assert {"preview_latency", "search_bytes"} <= size.keys()
    assert report["machine"]["loadavg_start"] and report["machine"]["loadavg_end"]
    assert "| 20 |" in bench.table(report)


def test_generated_sheets_are_valid_practice_sheets_of_about_600_words(tmp_path):
    from guidebook.content import load as content

    project = tmp_path / "project"  # what the check reads: the content and mkdocs.yml (not the editor's node_modules)
    for folder in (DOCS_DIR, *COLLECTIONS.values()):
        shutil.copytree(PROJECT / folder, project / folder)
    shutil.copyfile(PROJECT / "mkdocs.yml", project / "mkdocs.yml")
    bench.generate_sheets(project, 3)

    repository, problems = content.inspect(project)
    assert problems == []
    sheets = [e for e in repository.of_kind("practice-sheet") if e.slug.startswith("bench-")]
    assert len(sheets) == 3
    for entry in sheets:
        for language in ("en", "fr"):
            words = len(entry.variants[language].source.body.split())
            assert 450 <= words <= 900
            assert (
                "| --- |" in entry.variants[language].source.body and "\n### " in entry.variants[language].source.body
            )
