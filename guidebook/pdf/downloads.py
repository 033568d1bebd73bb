"""Where the downloads (PDFs, offline bundle) go in the site, and which page links to which."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from mkdocs.utils import yaml_load

from ..layout import walk
from ..typography import interface_strings
from ..vocabulary import LANGUAGES, PACKAGE_DIR

HOME_KEY = "index"
SHEET_KIND = "practice-sheet"
OFFLINE_ZIP = "guidebook-offline.zip"
# Name of the `config.extra` entry that overrides/partials/guidebook/downloads.html reads.
EXTRA_KEY = "guidebook_downloads"
# ... and the one overrides/themes.html reads: per language, the label and address pattern of the workshop packs.
PACKS_KEY = "guidebook_packs"


def guidebook_pdf(language: str) -> str:
    return f"guidebook-{language}.pdf"


def handout_pdf(slug: str, language: str) -> str:
    return f"downloads/{slug}.{language}.pdf"


def pack_pdf(approach: str, language: str) -> str:
    """The workshop pack of the practice sheets of one approach."""
    return f"downloads/packs/{approach}.{language}.pdf"


@cache
def print_strings() -> dict[str, dict[str, str]]:
    return interface_strings(yaml.safe_load((PACKAGE_DIR / "print_strings.yml").read_text(encoding="utf-8")))


def sheet_keys(project: Path) -> list[str]:
    """Practice sheet keys from the file names alone, so the links are known before the content is checked."""
    return sorted({f.key for f in walk(project.resolve()) if f.is_markdown and f.kind == SHEET_KIND})


def links(project: Path, *, offline: bool = True) -> dict[str, dict[str, list[dict[str, str]]]]:
    """Per language, page key -> its download links, each {label, path (from the site root), type}.

    `offline`: whether the offline bundle is offered (not inside the bundle itself).
    """
    result: dict[str, dict[str, list[dict[str, str]]]] = {}
    for language in LANGUAGES:
        t = print_strings()[language]
        home = [{"label": t["download_guidebook"], "path": guidebook_pdf(language), "type": "application/pdf"}]
        if offline:
            home.append({"label": t["download_offline"], "path": OFFLINE_ZIP, "type": "application/zip"})
        pages = {HOME_KEY: home}
        for key in sheet_keys(project):
            slug = key.rsplit("/", 1)[-1]
            pages[key] = [{"label": t["download_sheet"], "path": handout_pdf(slug, language), "type": "application/pdf"}]
        result[language] = pages
    return result


def raw_config(project: Path) -> dict:
    """mkdocs.yml as written (INHERIT and !ENV resolved), to override a few of its options."""
    with open(project / "mkdocs.yml", "rb") as file:
        return yaml_load(file)


def mkdocs_options(project: Path, *, offline: bool = True) -> dict:
    """load_config() options that give the theme the download links (see downloads.html)."""
    extra = dict(raw_config(project).get("extra") or {})
    extra[EXTRA_KEY] = links(project, offline=offline)
    # A pack is made for every approach some sheet has, which are the approaches the themes page lists.
    extra[PACKS_KEY] = {
        language: {"label": print_strings()[language]["download_pack"], "path": pack_pdf("{approach}", language)}
        for language in LANGUAGES
    }
    return {"extra": extra}
