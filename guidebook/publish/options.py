"""What a build changes of mkdocs.yml: the download links the theme shows."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import yaml_load

from ..content.model import Repository
from ..languages import print_strings
from ..site.downloads import links, pack_pdf

# Name of the `config.extra` entry that overrides/partials/guidebook/downloads.html reads.
EXTRA_KEY = "guidebook_downloads"
# ... and the one overrides/themes.html reads: per language, the label and address pattern of the workshop packs.
PACKS_KEY = "guidebook_packs"


def raw_config(project: Path) -> dict:
    """mkdocs.yml as written (INHERIT and !ENV resolved), to override a few of its options."""
    with open(project / "mkdocs.yml", "rb") as file:
        return yaml_load(file)


def download_options(project: Path, repository: Repository) -> dict:
    """load_config() options that give the theme the download links (see downloads.html)."""
    extra = dict(raw_config(project).get("extra") or {})
    extra[EXTRA_KEY] = links(repository)
    # A pack is made for every approach some sheet has, which are the approaches the themes page lists.
    extra[PACKS_KEY] = {
        language: {"label": print_strings(language)["download_pack"], "path": pack_pdf("{approach}", language)}
        for language in repository.languages.codes
    }
    return {"extra": extra}
