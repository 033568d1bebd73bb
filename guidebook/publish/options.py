"""What a build changes of mkdocs.yml: the download links the theme shows, the offline plugin."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import yaml_load

from ..content.model import Repository
from ..site.downloads import links

# Name of the `config.extra` entry that overrides/partials/guidebook/downloads.html reads.
EXTRA_KEY = "guidebook_downloads"


def raw_config(project: Path) -> dict:
    """mkdocs.yml as written (INHERIT and !ENV resolved), to override a few of its options."""
    with open(project / "mkdocs.yml", "rb") as file:
        return yaml_load(file)


def download_options(project: Path, repository: Repository, *, offline: bool = True) -> dict:
    """load_config() options that give the theme the download links (see downloads.html)."""
    extra = dict(raw_config(project).get("extra") or {})
    extra[EXTRA_KEY] = links(repository, offline=offline)
    return {"extra": extra}
