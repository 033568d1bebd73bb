"""What a build adds to mkdocs.yml's settings: the download links the theme shows."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..content.model import Repository
from ..languages import print_strings
from ..site.downloads import LINKS_KEY, links, pack_pdf

# The `config.extra` entry overrides/themes.html reads: per language, the label and address pattern of the workshop packs.
PACKS_KEY = "guidebook_packs"


def add_download_links(config: MkDocsConfig, repository: Repository) -> None:
    """Give the theme the download links (see downloads.html), in the config MkDocs read for this build."""
    config.extra[LINKS_KEY] = links(repository)
    # A pack is made for every approach some sheet has, which are the approaches the themes page lists.
    config.extra[PACKS_KEY] = {
        language: {"label": print_strings(language)["download_pack"], "path": pack_pdf("{approach}", language)}
        for language in repository.languages.codes
    }
