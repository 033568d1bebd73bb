"""Where the downloads (PDFs, offline bundle) go in the site, and which page links to which."""

from __future__ import annotations

from ..content.layout import HOME_KEY
from ..content.model import Repository
from ..languages import print_strings

SHEET_KIND = "practice-sheet"
# The `config.extra` entry of the download links overrides/partials/guidebook/downloads.html shows: a build has it
# exactly when it makes the downloads (the PDFs and the offline bundle).
LINKS_KEY = "guidebook_downloads"
OFFLINE_ZIP = "guidebook-offline.zip"


def guidebook_pdf(language: str) -> str:
    return f"guidebook-{language}.pdf"


def handout_pdf(slug: str, language: str) -> str:
    return f"downloads/{slug}.{language}.pdf"


def pack_pdf(approach: str, language: str) -> str:
    """The workshop pack of the practice sheets of one approach."""
    return f"downloads/packs/{approach}.{language}.pdf"


def links(repository: Repository) -> dict[str, dict[str, list[dict[str, str]]]]:
    """Per language, page key -> its download links, each {label, path (from the site root), type}.

    The offline bundle takes its own link out of its copy of the home pages (publish/offline.py).
    """
    sheets = sorted(entry.key for entry in repository.of_kind(SHEET_KIND))
    result: dict[str, dict[str, list[dict[str, str]]]] = {}
    for language in repository.languages.codes:
        t = print_strings(language)
        home = [
            {"label": t["download_guidebook"], "path": guidebook_pdf(language), "type": "application/pdf"},
            {"label": t["download_offline"], "path": OFFLINE_ZIP, "type": "application/zip"},
        ]
        pages = {HOME_KEY: home}
        for key in sheets:
            slug = key.rsplit("/", 1)[-1]
            pages[key] = [
                {"label": t["download_sheet"], "path": handout_pdf(slug, language), "type": "application/pdf"}
            ]
        result[language] = pages
    return result
