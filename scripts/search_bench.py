"""The first search at scale (issue 29): Material's index against Pagefind, in Chromium, through nginx.

For each N (practice sheets per language, made by bench.py) the same project is built twice, once with each
engine (the guidebook plugin's `pagefind_from` set to force one), served through the shipped nginx configuration
(precompressed files, as readers get them) and searched in a fresh Chromium context in each language, as a
reader who opens the search as soon as the page has loaded and types a word once the box takes it: the bytes the
search transferred (compressed, as sent: the index or Pagefind's script, WebAssembly, chunks and pages, and the
worker) and the time from opening the search to the first result shown. The French word is typed without its
accent ("desengagement" for "désengagement").

`python scripts/bench.py --search 500 2000` runs it at the real size and at each N (bench.py's `bench_search`) and
writes bench.json; the build timings are a separate run.

Measured on 7 December 2026 at a840f26 (branch search), 2 cores shared by other jobs (load average 11-24: the times
are several times a quiet desktop's; compare the engines, not the absolute figures). Median of 3, EN / FR:

| sheets per language | Material: KiB | Material: s | Pagefind: KiB | Pagefind: s |
|---|---|---|---|---|
| real (9) | 45.5 / 57.1 | 0.66 / 1.83 | 183.0 / 195.4 | 1.27 / 1.33 |
| 250 | 93.4 / 105.7 | 1.51 / 3.17 | 170.2 / 194.0 | 1.65 / 1.11 |
| 500 | 137.9 / 152.1 | 4.95 / 6.72 | 177.1 / 201.9 | 1.32 / 1.18 |
| 2,000 | 408.1 / 428.6 | 8.23 / 19.13 | 189.0 / 231.4 | 1.60 / 1.86 |
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from guidebook.publish import nginx

WORDS = {"en": ("/", "disengagement"), "fr": ("/fr/", "desengagement")}
ENGINES = {"material": 10**9, "pagefind": 0}  # pagefind_from: never, always
SEARCH_FILES = ("/search/", "/pagefind/", "/workers/", "/lunr/")  # what only the search fetches
TRIES = 3
RESULT_TIMEOUT = 60_000  # ms
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's, as the browser tests
SETTLE_MS = 1000
READY = "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''"


def with_engine(project: Path, engine: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - guidebook")
    end = text.index("\n  - i18n", start)
    config.write_text(
        f"{text[:start]}  - guidebook:\n      pagefind_from: {ENGINES[engine]}{text[end:]}", encoding="utf-8"
    )


def first_search(browser, url: str, words: str) -> dict:
    """One search in a fresh context: bytes the search transferred, seconds from typing to the first result."""
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(url, wait_until="load")
    start = time.perf_counter()
    page.locator("input.md-search__input").click()
    # Material takes what is typed once its worker is ready (its prompt then fills the results' meta line).
    page.wait_for_function(READY, timeout=RESULT_TIMEOUT)
    page.keyboard.insert_text(words)  # the whole word at once, then a key: Material reads the box on keyup
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=RESULT_TIMEOUT)
    seconds = time.perf_counter() - start
    settled = -1
    while settled != len(requests):  # what the search fetches after its first results (Pagefind: the next pages)
        settled = len(requests)
        page.wait_for_timeout(SETTLE_MS)
    found = page.locator(".md-search-result__meta").inner_text()
    transferred = 0
    for request in requests:
        if any(part in request.url for part in SEARCH_FILES):
            sizes = request.sizes()
            transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    context.close()
    return {"bytes": transferred, "seconds": seconds, "found": found}


def measure(site: Path) -> dict:
    """Both languages' first search on the built `site`, in a Chromium of its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            return measure_in(browser, site)
        finally:
            browser.close()


def measure_in(browser, site: Path, tries: int = TRIES) -> dict:
    """Both languages' first search on the built `site`, served through nginx (median of `tries`)."""
    server = nginx.start(site, nginx.free_port())
    try:
        result = {}
        for language, (path, words) in WORDS.items():
            runs = [first_search(browser, f"{server.url}{path.lstrip('/')}", words) for _ in range(tries)]
            result[language] = {
                "kib": round(statistics.median(t["bytes"] for t in runs) / 1024, 1),
                "seconds": round(statistics.median(t["seconds"] for t in runs), 3),
                "runs": [round(t["seconds"], 3) for t in runs],
                "found": runs[0]["found"],
            }
        return result
    finally:
        server.stop()


def table(results: list[dict]) -> str:
    lines = ["| sheets per language | engine | EN KiB | EN s | FR KiB | FR s |", "|---|---|---|---|---|---|"]
    for result in results:
        for engine in ENGINES:
            en, fr = result[engine]["en"], result[engine]["fr"]
            lines.append(
                f"| {result['n'] or 'real'} | {engine} | {en['kib']} | {en['seconds']} | {fr['kib']} | {fr['seconds']} |"
            )
    return "\n".join(lines)
