"""The report of scripts/bench.py as a Markdown table (what `make bench` prints)."""

from __future__ import annotations

import bench_rebuilds


def table(report: dict) -> str:
    def mb(size: int) -> str:
        return f"{size / 1e6:.2f}"

    lines = [
        "| N per language | pages | time (s, median) | CPU (s) | pages/s | peak RSS (MiB) | sheet page (KB) | index EN raw/gzip (MB) | index FR raw/gzip (MB) | bare time (s) | bare sheet page (KB) | ours/bare |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size in report["sizes"]:
        ours, bare = size["guidebook"], size.get("bare")
        index = ours["search_index"]
        lines.append(
            f"| {size['n']} | {ours['pages']} | {ours['seconds']:.2f} | {ours['cpu_seconds']:.1f} | {ours['pages_per_second']:.0f} | {ours['peak_rss_mib']:.0f} "
            f"| {ours['sheet_page_bytes'] / 1000:.1f} | {mb(index['en']['raw_bytes'])} / {mb(index['en']['gzip_bytes'])} "
            f"| {mb(index['fr']['raw_bytes'])} / {mb(index['fr']['gzip_bytes'])} "
            + (
                f"| {bare['seconds']:.2f} | {bare['sheet_page_bytes'] / 1000:.1f} | {size['ratio_ours_to_bare']:.3f} |"
                if bare
                else "| - | - | - |"
            )
        )
    if "linearity" in report:
        lin = report["linearity"]
        lines.append(
            f"\nLinearity: t({lin['to']}) / t({lin['from']}) = {lin['time_ratio']:.2f} for {lin['size_ratio']:.0f} times the pages"
        )
    if "real_site" in report:
        lines.append(
            f"Real guidebook (HTML only): {report['real_site']['seconds']:.2f} s (runs {report['real_site']['runs']})"
        )
    if "pdf" in report:
        pdf = report["pdf"]
        slowest = max(pdf["documents"].items(), key=lambda item: item[1])
        lines.append(
            f"PDFs: cold {pdf['cold']['seconds']:.1f} s ({pdf['cold']['rendered']} rendered, slowest {slowest[0]} {slowest[1]:.1f} s); "
            f"unchanged {pdf['unchanged']['seconds']:.2f} s ({pdf['unchanged']['rendered']} rendered)"
        )
    lines.extend(bench_rebuilds.table_lines(report))
    machine = report["machine"]
    lines.append(
        f"Runs per size: {report['runs']}; {machine['cpus']} CPUs; load average at start {machine['loadavg_start']}, at end {machine['loadavg_end']}"
    )
    return "\n".join(lines)
