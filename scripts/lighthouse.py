#!/usr/bin/env python3
"""Lighthouse (mobile) on the home page, the catalogue and one practice sheet, in both languages.

    make lighthouse            # or: .venv/bin/python scripts/lighthouse.py [--fast] [--runs N] [--keep DIR]

Builds the site for the address it is then served at (http://127.0.0.1:<port>/: canonical and hreflang
links name the site's own address, as they do once deployed), serves it on 127.0.0.1 through Debian's nginx
with the shipped configuration (deploy/nginx/: precompressed text, caching and security headers) and prints
the four scores per page as a Markdown table. Lighthouse 12.2.3 (the last release that runs on Node 20) is
pinned with its lock file in tools/lighthouse/ and installed there on first use (`npm ci`); it drives Debian's
chromium, or the one CHROMIUM names. Slow (a minute or two): not part of `make test`. Lighthouse simulates a slow
phone from the page load it observes, so a busy machine lowers the scores: `--runs 3` measures each page three
times and prints the median of each score.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from guidebook.publish import nginx
from guidebook.publish.nginx import free_port

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"


def pages() -> list[str]:
    sheet = sorted((ROOT / "practice_sheets").glob("*.en.md"))[0].name.removesuffix(".en.md")
    return [prefix + path for prefix in ("/", "/fr/") for path in ("", "practice-sheets/", f"practice-sheets/{sheet}/")]


def install() -> None:
    if not LIGHTHOUSE.exists():
        print("Installing Lighthouse into tools/lighthouse (npm ci, once)", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOLS, check=True)


def build(site: Path, base_url: str, fast: bool) -> None:
    guidebook = Path(sys.executable).parent / "guidebook"
    command = [str(guidebook), "build", str(site)] + (["--no-downloads"] if fast else [])
    print(f"Building the site for {base_url}", file=sys.stderr)
    built = subprocess.run(
        command, cwd=ROOT, env={**os.environ, "GUIDEBOOK_SITE_URL": base_url}, capture_output=True, text=True
    )
    if built.returncode != 0:
        sys.exit(built.stdout + built.stderr)


def scores(url: str, report: Path) -> dict[str, int]:
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    # Lighthouse now and then fails to record a page load (NO_NAVSTART) on a busy machine: one more try, then a word.
    if all(subprocess.run(command, env={**os.environ, "CHROME_PATH": chromium}).returncode != 0 for _ in range(2)):
        sys.exit(f"Lighthouse could not measure {url} twice in a row; run make lighthouse again")
    result = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="build without the PDFs and the offline bundle")
    parser.add_argument("--keep", type=Path, help="write the Lighthouse JSON reports into this folder")
    parser.add_argument("--runs", type=int, default=1, help="measure each page this many times; the median is printed")
    options = parser.parse_args()
    install()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="guidebook-lighthouse-") as temporary:
        site = Path(temporary) / "site"
        reports = options.keep or Path(temporary) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        build(site, base_url, options.fast)
        server = nginx.start(site, port)  # the shipped configuration (deploy/nginx/), as readers get the site
        try:
            rows = []
            for path in pages():
                name = path.strip("/").replace("/", "_") or "home"
                runs = [
                    scores(base_url.rstrip("/") + path, reports / f"{name}{f'-{run}' if run else ''}.json")
                    for run in range(options.runs)
                ]
                rows.append(
                    (
                        path,
                        {category: round(statistics.median(run[category] for run in runs)) for category in CATEGORIES},
                    )
                )
                print(f"{path}: {rows[-1][1]}" + (f" (median of {runs})" if options.runs > 1 else ""), file=sys.stderr)
        finally:
            server.stop()
    print("| Page | " + " | ".join(CATEGORIES) + " |")
    print("|---|" + "---:|" * len(CATEGORIES))
    for path, found in rows:
        print(f"| {path} | " + " | ".join(str(found[name]) for name in CATEGORIES) + " |")
    return 0 if all(score >= 95 for _, found in rows for score in found.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
