"""Benchmark the site build at scale (issue 7): `make bench`, or `python scripts/bench.py 50 500 2000`.

For each N it copies the project into a temporary folder, adds N synthetic, schema-valid practice
sheets per language, builds the HTML site (no PDFs) in a child process per run and measures the wall
time (median of --runs), pages per second, the child's peak memory, the HTML size of one sheet page
and each language's search index. The same sheets go through a bare Material + static-i18n site
(every sheet in the navigation, as the stock stack would list them) in the same run: the ratio
ours/bare holds on a noisy machine. It also times the real guidebook and its PDFs (cold, then
unchanged). It prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import platform
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
sys.path.insert(0, str(PROJECT / "scripts"))  # search_bench, beside this file, when bench.py is imported by path

from guidebook import publish  # noqa: E402
from guidebook.content.vocabulary import label  # noqa: E402
from guidebook.languages import strings  # noqa: E402
import search_bench  # noqa: E402

DEFAULT_SIZES = [50, 500, 2000]
NOT_COPIED = shutil.ignore_patterns("site", ".venv", ".git", ".cache", "__pycache__", ".pytest_cache", ".site-*", "tests")
PILOTS = {  # slug: (city, country), from city_pilots/
    "avignon": ("Avignon", "FR"),
    "catalonia": ("Catalonia", "ES"),
    "clichy-sous-bois": ("Clichy-sous-Bois", "FR"),
    "malaga": ("Málaga", "ES"),
    "rotterdam": ("Rotterdam", "NL"),
    "sarcelles": ("Sarcelles", "FR"),
    "sollentuna": ("Sollentuna", "SE"),
    "the-hague": ("The Hague", "NL"),
    "vilvoorde": ("Vilvoorde", "BE"),
}
CHAPTERS = {
    1: "01-cross-extremisms",
    2: "02-local-multi-agency-strategy",
    3: "03-continuity-prison-probation-release",
    4: "04-risk-assessment",
    5: "05-training",
    6: "06-exit-work",
    7: "07-reintegration",
    8: "08-civil-society-cooperation",
    9: "09-cooperation-across-levels",
    10: "10-returning-foreign-fighters",
    11: "11-communication-strategies",
    12: "12-alternatives-to-imprisonment",
}
APPROACHES = ["risk-assessment", "case-management", "multi-agency-cooperation", "exit-work", "training",
              "restorative-justice", "civic-education", "reintegration", "disengagement"]
STAGES = ["prison", "release", "probation", "after-release"]
GROUPS = ["violent-extremist-offenders", "young-offenders", "people-on-probation", "released-prisoners",
          "frontline-practitioners", "local-authorities", "families"]

# Synthetic text: plainly a benchmark corpus, with the vocabulary and sentence lengths of real sheets.
WORDS = {
    "en": {
        "subjects": ["The probation service", "The municipality", "A local partnership", "The prison administration",
                     "Social workers", "The mentoring team", "Community organisations", "The youth service",
                     "The coordinating officer", "Families and relatives", "The employment agency", "Trained volunteers"],
        "verbs": ["organised", "reviewed", "supported", "coordinated", "documented", "followed up", "evaluated",
                  "strengthened", "planned", "prepared", "discussed", "shared"],
        "objects": ["individual case plans", "the transition from prison to release", "regular case conferences",
                    "training sessions for frontline practitioners", "the exchange of information between agencies",
                    "mentoring for people on probation", "housing and employment support", "risk assessment reviews",
                    "dialogue with families", "disengagement pathways", "the local prevention strategy",
                    "follow-up meetings after release"],
        "endings": ["over several months", "with the support of the expert partner", "in every district of the city",
                    "within the legal framework", "before and after release", "in close cooperation with the courts",
                    "as part of the pilot", "with clear roles for each agency"],
        "headings": ["Background", "Approach", "Method", "Lessons", "Conditions", "Next steps"],
        "table": ["Phase", "Agency", "Frequency"],
        "phases": ["Preparation", "Release", "Follow-up", "Review"],
        "frequency": ["weekly", "monthly", "quarterly", "once"],
        "title": "Bench practice {number}: {approach} in {city}",
        "summary": "A synthetic practice sheet for the build benchmark, about {approach} in {city}.",
        "role": "Expert partner",
        "partner_role": "Pilot city",
        "pilot_link": "Pilot page",
        "chapter_link": "Recommendation chapter",
    },
    "fr": {
        "subjects": ["Le service de probation", "La municipalité", "Un partenariat local", "L'administration pénitentiaire",
                     "Les travailleurs sociaux", "L'équipe de mentorat", "Les associations de quartier", "Le service jeunesse",
                     "Le coordinateur", "Les familles et les proches", "L'agence pour l'emploi", "Des bénévoles formés"],
        "verbs": ["a organisé", "a examiné", "a soutenu", "a coordonné", "a documenté", "a suivi", "a évalué",
                  "a renforcé", "a planifié", "a préparé", "a discuté", "a partagé"],
        "objects": ["des plans de suivi individuels", "le passage de la détention à la sortie", "des réunions de cas régulières",
                    "des formations pour les professionnels de terrain", "l'échange d'informations entre services",
                    "le mentorat des personnes en probation", "l'aide au logement et à l'emploi", "les évaluations des risques",
                    "le dialogue avec les familles", "des parcours de désengagement", "la stratégie locale de prévention",
                    "des rencontres de suivi après la sortie"],
        "endings": ["pendant plusieurs mois", "avec l'appui du partenaire expert", "dans chaque quartier de la ville",
                    "dans le cadre légal", "avant et après la sortie", "en lien étroit avec les tribunaux",
                    "dans le cadre du projet pilote", "avec un rôle clair pour chaque service"],
        "headings": ["Origine", "Démarche", "Méthode", "Leçons", "Conditions", "Suites"],
        "table": ["Phase", "Service", "Fréquence"],
        "phases": ["Préparation", "Sortie", "Suivi", "Bilan"],
        "frequency": ["chaque semaine", "chaque mois", "chaque trimestre", "une fois"],
        "title": "Pratique de test {number} : {approach} à {city}",
        "summary": "Une fiche pratique synthétique pour le banc d'essai de la construction, sur {approach} à {city}.",
        "role": "Partenaire expert",
        "partner_role": "Ville pilote",
        "pilot_link": "Page du projet pilote",
        "chapter_link": "Chapitre de recommandations",
    },
}


# ---------------------------------------------------------------- corpus


def copy_project(target: Path) -> Path:
    shutil.copytree(PROJECT, target, ignore=NOT_COPIED, symlinks=True)
    return target


def generate_sheets(project: Path, count: int) -> list[Path]:
    """`count` practice sheets in each language, written into the project's practice_sheets/."""
    sections = {lang: interface["sheet_sections"] for lang, interface in strings().items()}
    written = []
    for number in range(1, count + 1):
        rng = random.Random(number)
        pilot = rng.choice(sorted(PILOTS))
        chapters = sorted(rng.sample(sorted(CHAPTERS), rng.randint(1, 3)))
        facts = {
            "pilot": pilot,
            "approaches": rng.sample(APPROACHES, rng.randint(1, 3)),
            "justice_stages": rng.sample(STAGES, rng.randint(1, 2)),
            "target_groups": rng.sample(GROUPS, rng.randint(1, 2)),
            "recommendations": chapters,
            "start": rng.randint(2005, 2022),
        }
        slug = f"bench-{number:05d}-{facts['approaches'][0]}-{pilot}"
        for lang in ("en", "fr"):
            path = project / "practice_sheets" / f"{slug}.{lang}.md"
            path.write_text(_sheet(lang, number, facts, sections[lang], random.Random(f"{number}{lang}")), encoding="utf-8")
            written.append(path)
    return written


def _sheet(lang: str, number: int, facts: dict, sections: list[str], rng: random.Random) -> str:
    words = WORDS[lang]
    city, country = PILOTS[facts["pilot"]]
    approach = label("approaches", facts["approaches"][0], lang).lower()
    meta = {
        "title": words["title"].format(number=number, approach=approach, city=city),
        "summary": words["summary"].format(approach=approach, city=city),
        "city": city,
        "country": country,
        "pilot": facts["pilot"],
        "lead_organisation": {"name": f"Bench organisation {number % 37}", "role": words["role"]},
        "partners": [{"name": f"City of {city}", "role": words["partner_role"]}],
        "approaches": facts["approaches"],
        "justice_stages": facts["justice_stages"],
        "target_groups": facts["target_groups"],
        "recommendations": facts["recommendations"],
        "period": {"start": facts["start"], "end": facts["start"] + 2},
        "evaluation": {"status": "none"},
        "contact": {"email": "contact@example.org"},
        "status": "published",
    }
    blocks = []
    for index, section in enumerate(sections):
        blocks.append(f"## {section}\n\n{_paragraph(words, rng, 4)}")
        if index == 1:
            blocks.append("\n".join(f"- {_sentence(words, rng)}" for _ in range(4)))
        if index == 2:
            blocks.append(f"### {rng.choice(words['headings'])}\n\n{_paragraph(words, rng, 3)}")
            blocks.append(_table(words, rng))
        if index in (3, 4):
            blocks.append(f"### {rng.choice(words['headings'])}\n\n{_paragraph(words, rng, 2)}")
        if index == len(sections) - 1:
            links = [f"- {words['pilot_link']}: [{city}](../city-pilots/{facts['pilot']}.md)"]
            links += [f"- {words['chapter_link']} {n}: [{n}](../recommendations/{CHAPTERS[n]}.md)" for n in facts["recommendations"]]
            blocks.append("\n".join(links))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(blocks) + "\n"


def _sentence(words: dict, rng: random.Random) -> str:
    return f"{rng.choice(words['subjects'])} {rng.choice(words['verbs'])} {rng.choice(words['objects'])} {rng.choice(words['endings'])}."


def _paragraph(words: dict, rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(words, rng) for _ in range(sentences))


def _table(words: dict, rng: random.Random) -> str:
    header = "| " + " | ".join(words["table"]) + " |"
    rows = [f"| {phase} | {rng.choice(words['subjects'])} | {rng.choice(words['frequency'])} |" for phase in words["phases"]]
    return "\n".join([header, "| --- | --- | --- |", *rows])


def bare_project(project: Path, target: Path) -> Path:
    """The same sheets as a stock Material + static-i18n site: every sheet listed in the navigation."""
    docs = target / "docs" / "practice-sheets"
    docs.mkdir(parents=True)
    for lang, title in (("en", "Home"), ("fr", "Accueil")):
        (target / "docs" / f"index.{lang}.md").write_text(f"# {title}\n", encoding="utf-8")
    sheets = sorted((project / "practice_sheets").glob("bench-*.md"))
    for sheet in sheets:
        shutil.copy(sheet, docs / sheet.name)
    slugs = sorted({sheet.name.split(".")[0] for sheet in sheets})
    config = {
        "site_name": "Bare",
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "plugins": [
            "search",
            {"i18n": {"docs_structure": "suffix", "languages": [
                {"locale": "en", "default": True, "name": "English", "build": True},
                {"locale": "fr", "name": "Français", "build": True},
            ]}},
        ],
        "markdown_extensions": ["tables", "toc"],
        "nav": ["index.md", {"Practice sheets": [f"practice-sheets/{slug}.md" for slug in slugs]}],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return target


# ---------------------------------------------------------------- one build, in this process


def build_in_process(project: Path, site: Path, stack: str) -> dict:
    """Build `project` once: 'guidebook' through publish.build_site (strict, HTML only), 'bare' with plain MkDocs."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    collector = publish.LogCollector()
    import logging

    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    start = time.perf_counter()
    try:
        if stack == "guidebook":
            publish.build_site(project, site, downloads=False)
        else:
            from mkdocs.commands.build import build
            from mkdocs.config import load_config

            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collector)
    seconds = time.perf_counter() - start
    # The build process's peak plus its language children's (they run at the same time): an upper bound,
    # since the pages they share after the fork count twice. Kilobytes on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": seconds, "peak_rss_mib": peak / 1024, "warnings": collector.messages}


def build_in_child(project: Path, site: Path, stack: str) -> dict:
    """One build in a child process: its wall time, peak memory and CPU time (less sensitive to a busy machine)."""
    shutil.rmtree(site, ignore_errors=True)
    with tempfile.NamedTemporaryFile("r", suffix=".json") as result:
        child = subprocess.Popen(
            [sys.executable, __file__, "--build-one", stack, str(project), str(site), result.name],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        _, status, usage = os.wait4(child.pid, 0)
        stderr = child.stderr.read()
        child.stderr.close()
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise RuntimeError(f"{stack} build of {project} failed:\n{stderr}")
        measured = json.loads(Path(result.name).read_text(encoding="utf-8"))
    measured["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # the child's and its own children's
    return measured


# ---------------------------------------------------------------- measures


def site_facts(site: Path, sheet_url: str) -> dict:
    pages = sum(1 for _ in site.rglob("index.html"))
    indexes = {}
    for lang, folder in (("en", site), ("fr", site / "fr")):
        index = folder / "search" / "search_index.json"
        raw = index.read_bytes() if index.is_file() else b""
        indexes[lang] = {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 6))}
    sheet_page = site / sheet_url / "index.html"
    return {"pages": pages, "sheet_page_bytes": sheet_page.stat().st_size, "search_index": indexes}


def measure_stack(project: Path, site: Path, stack: str, runs: int, sheet_url: str) -> dict:
    builds = [build_in_child(project, site, stack) for _ in range(runs)]
    seconds = statistics.median(b["seconds"] for b in builds)
    facts = site_facts(site, sheet_url)
    return {
        "seconds": seconds,
        "runs": [round(b["seconds"], 3) for b in builds],
        "pages_per_second": facts["pages"] / seconds,
        "peak_rss_mib": max(b["peak_rss_mib"] for b in builds),
        "cpu_seconds": statistics.median(b["cpu_seconds"] for b in builds),
        "warnings": builds[-1]["warnings"],
        **facts,
    }


def bench_size(workdir: Path, count: int, runs: int, bare: bool, bare_runs: int) -> dict:
    project = copy_project(workdir / f"project-{count}")
    generate_sheets(project, count)
    sheet_url = f"practice-sheets/{sorted(p.name for p in (project / 'practice_sheets').glob('bench-*.en.md'))[0].split('.')[0]}"
    result = {"n": count, "guidebook": measure_stack(project, workdir / f"site-{count}", "guidebook", runs, sheet_url)}
    shutil.rmtree(workdir / f"site-{count}", ignore_errors=True)
    if bare:
        bare_root = bare_project(project, workdir / f"bare-{count}")
        result["bare"] = measure_stack(bare_root, workdir / f"bare-site-{count}", "bare", bare_runs, sheet_url)
        result["bare"].pop("warnings")  # the bare site is not strict: links to pages it lacks warn
        result["ratio_ours_to_bare"] = result["guidebook"]["seconds"] / result["bare"]["seconds"]
        shutil.rmtree(workdir / f"bare-site-{count}", ignore_errors=True)
        shutil.rmtree(bare_root, ignore_errors=True)
    shutil.rmtree(project, ignore_errors=True)
    return result


def bench_real(workdir: Path, runs: int) -> dict:
    project = copy_project(workdir / "project-real")
    builds = [build_in_child(project, workdir / "site-real", "guidebook") for _ in range(runs)]
    return {"seconds": statistics.median(b["seconds"] for b in builds), "runs": [round(b["seconds"], 3) for b in builds],
            "peak_rss_mib": max(b["peak_rss_mib"] for b in builds)}


def bench_pdf(workdir: Path) -> dict:
    """The real guidebook's PDFs: a cold render (empty cache), then the same with nothing changed."""
    from guidebook.pdf import render_all

    project = workdir / "project-real"
    if not project.exists():
        copy_project(project)
    site = workdir / "pdf-site"
    site.mkdir(exist_ok=True)
    cache = workdir / "pdf-cache"
    timings = {}
    for state in ("cold", "unchanged"):
        start = time.perf_counter()
        results = render_all(project, site, cache_dir=cache)
        timings[state] = {"seconds": time.perf_counter() - start, "rendered": sum(1 for r in results if not r.cached)}
        if state == "cold":
            timings["documents"] = {r.path.relative_to(site).as_posix(): round(r.seconds, 2) for r in results}
    return timings


def run(sizes: list[int], runs: int = 3, *, bare: bool = True, bare_runs: int = 1, real: bool = True, pdf: bool = True,
        workdir: Path | None = None) -> dict:
    """The whole benchmark; returns what it writes as JSON."""
    own_workdir = workdir is None
    workdir = workdir or Path(tempfile.mkdtemp(prefix="guidebook-bench-"))
    report = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "loadavg_start": _loadavg()},
        "runs": runs,
        "sizes": [],
    }
    try:
        for count in sizes:
            report["sizes"].append(bench_size(workdir, count, runs, bare, bare_runs))
            print(f"  N={count} done ({report['sizes'][-1]['guidebook']['seconds']:.2f} s)", file=sys.stderr)
        by_n = {s["n"]: s["guidebook"]["seconds"] for s in report["sizes"]}
        if 500 in by_n and max(by_n) > 500:
            report["linearity"] = {"from": 500, "to": max(by_n), "time_ratio": by_n[max(by_n)] / by_n[500],
                                   "size_ratio": max(by_n) / 500}
        if real:
            report["real_site"] = bench_real(workdir, runs)
        if pdf:
            report["pdf"] = bench_pdf(workdir)
    finally:
        if own_workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    report["machine"]["loadavg_end"] = _loadavg()
    return report


def _loadavg() -> str:
    return Path("/proc/loadavg").read_text().strip() if Path("/proc/loadavg").exists() else "unknown"


# ---------------------------------------------------------------- search (issue 29)


def bench_search(workdir: Path, count: int) -> dict:
    """The first search with each engine at `count` sheets per language (0: the real guidebook), the same project
    built once per engine (scripts/search_bench.py measures it in Chromium through nginx)."""
    project = copy_project(workdir / f"search-project-{count}")
    if count:
        generate_sheets(project, count)
    result = {"n": count}
    for engine in search_bench.ENGINES:
        search_bench.with_engine(project, engine)
        site = workdir / f"search-site-{count}-{engine}"
        build = build_in_child(project, site, "guidebook")
        result[engine] = {"build_seconds": round(build["seconds"], 2), **search_bench.measure(site)}
        shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project, ignore_errors=True)
    return result


def run_search(sizes: list[int]) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="guidebook-search-bench-"))
    try:
        return {"loadavg_start": _loadavg(), "sizes": [bench_search(workdir, count) for count in [0, *sizes]], "loadavg_end": _loadavg()}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------- output


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
            + (f"| {bare['seconds']:.2f} | {bare['sheet_page_bytes'] / 1000:.1f} | {size['ratio_ours_to_bare']:.3f} |" if bare else "| - | - | - |")
        )
    if "linearity" in report:
        lin = report["linearity"]
        lines.append(f"\nLinearity: t({lin['to']}) / t({lin['from']}) = {lin['time_ratio']:.2f} for {lin['size_ratio']:.0f} times the pages")
    if "real_site" in report:
        lines.append(f"Real guidebook (HTML only): {report['real_site']['seconds']:.2f} s (runs {report['real_site']['runs']})")
    if "pdf" in report:
        pdf = report["pdf"]
        slowest = max(pdf["documents"].items(), key=lambda item: item[1])
        lines.append(f"PDFs: cold {pdf['cold']['seconds']:.1f} s ({pdf['cold']['rendered']} rendered, slowest {slowest[0]} {slowest[1]:.1f} s); "
                     f"unchanged {pdf['unchanged']['seconds']:.2f} s ({pdf['unchanged']['rendered']} rendered)")
    machine = report["machine"]
    lines.append(f"Runs per size: {report['runs']}; {machine['cpus']} CPUs; load average at start {machine['loadavg_start']}, at end {machine['loadavg_end']}")
    return "\n".join(lines)


def profile(count: int, top: int = 25) -> str:
    """cProfile of one guidebook build at N sheets per language: the top entries by cumulative time."""
    workdir = Path(tempfile.mkdtemp(prefix="guidebook-profile-"))
    try:
        project = copy_project(workdir / "project")
        generate_sheets(project, count)
        profiler = cProfile.Profile()
        profiler.enable()
        build_in_process(project, workdir / "site", "guidebook")
        profiler.disable()
        from io import StringIO

        out = StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
        return out.getvalue()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--build-one"]:  # the child of build_in_child
        stack, project, site, result = argv[1:5]
        measured = build_in_process(Path(project), Path(site), stack)
        Path(result).write_text(json.dumps(measured), encoding="utf-8")
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=DEFAULT_SIZES, help="practice sheets per language (default: 50 500 2000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per size; the median is reported (default 3)")
    parser.add_argument("--bare-runs", type=int, default=1, help="builds of the bare stack per size (default 1: it is slow at 2,000)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Material + static-i18n comparison")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF timings")
    parser.add_argument("--json", type=Path, default=Path("bench.json"), help="where to write the results (default bench.json)")
    parser.add_argument("--profile", action="store_true", help="only profile one build at the largest size (cProfile, top 25 cumulative)")
    parser.add_argument("--search", action="store_true", help="only measure the first search with each engine in Chromium (and the real guidebook)")
    args = parser.parse_args(argv)
    if args.profile:
        print(profile(max(args.sizes)))
        return
    if args.search:
        report = run_search(args.sizes)
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
        print(search_bench.table(report["sizes"]))
        return
    report = run(args.sizes, args.runs, bare=not args.no_bare, bare_runs=args.bare_runs, pdf=not args.no_pdf)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(table(report))
    print(f"\nJSON written to {args.json}")


if __name__ == "__main__":
    main()
