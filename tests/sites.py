"""Small fixture projects in tmp_path, built for real with the project's plugin, theme overrides and config."""

from __future__ import annotations

import copy
import hashlib
import logging
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from guidebook import publish
from guidebook.content.layout import walk
from guidebook.pdf import render_all
from shared_builds import shared

PROJECT = Path(__file__).resolve().parent.parent

SHEET_SECTIONS = {
    "en": [
        "Context",
        "Objectives",
        "Activities",
        "Partners",
        "Results and lessons learnt",
        "Transferability",
        "Resources",
    ],
    "fr": [
        "Contexte",
        "Objectifs",
        "Activités",
        "Partenaires",
        "Résultats et enseignements",
        "Transférabilité",
        "Ressources",
    ],
}


def let_unsafe_markup_through(patch) -> None:
    """Tell the content check, at load and in the build (html/bodycheck.py), to let unsafe markup through:
    for the tests of what the build's own cleaning, the policy and the PDF fetcher must stop then."""
    from guidebook.content import load as content_load
    from guidebook.html import bodycheck

    patch.setattr(content_load, "unsafe_markup", lambda source: [])
    patch.setattr(bodycheck.BodyCheck, "problems", lambda check, sources: [])


def fixture_config(nav: list | None = None) -> dict:
    """The real mkdocs.yml with its theme overrides, without the real navigation."""
    config = copy.deepcopy(_real_config())
    config["theme"]["custom_dir"] = str(PROJECT / "overrides")
    config.pop("nav", None)
    if nav is not None:
        config["nav"] = nav
    return config


@cache
def _real_config() -> dict:
    """The real mkdocs.yml, parsed once per test process (each small build's config starts from it)."""
    return yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)


class _EnvLoader(yaml.SafeLoader):
    pass


_EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def sheet(lang: str = "en", **overrides) -> str:
    meta = {
        "title": "Case management in Testville" if lang == "en" else "Gestion de cas à Testville",
        "summary": "A test practice." if lang == "en" else "Une pratique de test.",
        "city": "Testville",
        "country": "BE",
        "pilot": "testville",
        "lead_organisation": {"name": "Test NGO", "role": "Expert partner" if lang == "en" else "Partenaire expert"},
        "partners": [{"name": "City of Testville", "role": "Pilot city" if lang == "en" else "Ville pilote"}],
        "approaches": ["case-management"],
        "justice_stages": ["probation"],
        "target_groups": ["people-on-probation"],
        "recommendations": [1],
        "period": {"start": 2017, "end": 2019},
        "evaluation": {"status": "none"},
        "contact": {"email": "contact@example.org"},
        "status": "published",
        "sources": [
            {
                "title": "Testville's page",
                "publisher": "City of Testville",
                "url": "https://testville.example.org/",
                "language": lang,
            }
        ],
    }
    meta.update(overrides)
    body = "\n\n".join(f"## {section}\n\nText." for section in SHEET_SECTIONS[lang])
    return page_text(meta, body)


def page_text(meta: dict, body: str = "Text.") -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


def base_files() -> dict[str, str]:
    """A tiny but complete guidebook: home, one country, one pilot, one chapter, one sheet, in two languages."""
    files = {}
    for lang in ("en", "fr"):
        english = lang == "en"
        files[f"docs/index.{lang}.md"] = page_text(
            {"title": "Home" if english else "Accueil", "status": "published"}, "Welcome." if english else "Bienvenue."
        )
        files[f"docs/state-of-the-art/belgium.{lang}.md"] = page_text(
            {"title": "Belgium" if english else "Belgique", "country": "BE", "summary": "S.", "status": "draft"}
        )
        files[f"city_pilots/testville.{lang}.md"] = page_text(
            {
                "title": "Testville",
                "summary": "S.",
                "city": "Testville",
                "country": "BE",
                "coordinates": {"lat": 50.93, "lon": 4.43},
                "local_action": "Case management" if english else "Gestion de cas",
                "expert_partner": "Test NGO",
                "status": "published",
                "sources": [
                    {
                        "title": "Testville",
                        "publisher": "City of Testville",
                        "url": "https://testville.example.org/",
                        "language": "en",
                    }
                ],
            }
        )
        files[f"recommendations/01-first.{lang}.md"] = page_text(
            {
                "title": "First chapter" if english else "Premier chapitre",
                "number": 1,
                "summary": "S.",
                "status": "published",
            }
        )
        files[f"practice_sheets/testville-case-management.{lang}.md"] = sheet(lang)
    return files


@dataclass
class BuildResult:
    project: Path
    site: Path
    warnings: list[str]

    def html(self, path: str) -> str:
        return (
            (self.site / path / "index.html").read_text(encoding="utf-8")
            if not path.endswith(".html")
            else (self.site / path).read_text(encoding="utf-8")
        )


def write_project(root: Path, files: dict[str, str], config: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config or fixture_config(), allow_unicode=True), encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    return root


def build(project: Path, site: Path | None = None, *, downloads: bool = False) -> BuildResult:
    """A strict build of `project`; raises publish.BuildFailed on any warning or error.

    `downloads`: also render the PDFs and the offline bundle (slow: only the tests of those ask for them).
    """
    site = site or project / "site"
    collector = publish.LogCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        publish.build_site(project, site, downloads=downloads)
    finally:
        logger.removeHandler(collector)
    return BuildResult(project, site, collector.messages)


def built_once(name: str, files: dict[str, str], config: dict | None = None) -> BuildResult:
    """`files` built once per test run for every test process (shared_builds.py). For a module's fixture project:
    pytest-xdist hands a module's tests to both workers in turn, and a module-scoped fixture is made on each."""

    def make(folder: Path) -> list[str]:
        return build(write_project(folder / "project", files, config)).warnings

    folder, warnings = shared(name, make)
    return BuildResult(folder / "project", folder / "project" / "site", warnings)


def rendered_once(name: str, files: dict[str, str], config: dict | None = None) -> Path:
    """The PDFs of `files` (render_all, with a cache of their own), rendered once per test run; their folder."""

    def make(folder: Path) -> list[str]:
        project = write_project(folder / "project", files, config)
        return [result.path.name for result in render_all(project, folder / "site", cache_dir=folder / "cache")]

    folder, _ = shared(name, make)
    return folder / "site"


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path: two equal results mean byte-identical trees."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def content_snapshot(project: Path) -> dict[str, bytes]:
    """The author's files (content and mkdocs.yml), to prove a command left them alone."""
    paths = [content_file.path for content_file in walk(project)] + [project / "mkdocs.yml"]
    return {path.relative_to(project).as_posix(): path.read_bytes() for path in paths}
