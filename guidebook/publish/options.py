"""What a build adds to mkdocs.yml's settings: the download links the theme shows."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..content.model import Repository
from ..languages import print_strings
from ..site.downloads import links, pack_pdf

# Name of the `config.extra` entry that overrides/partials/guidebook/downloads.html reads.
EXTRA_KEY = "guidebook_downloads"
# ... and the one overrides/themes.html reads: per language, the label and address pattern of the workshop packs.
PACKS_KEY = "guidebook_packs"


def add_download_links(config: MkDocsConfig, repository: Repository) -> None:
    """Give the theme the download links (see downloads.html), in the config MkDocs read for this build."""
    config.extra[EXTRA_KEY] = links(repository)
    # A pack is made for every approach some sheet has, which are the approaches the themes page lists.
    config.extra[PACKS_KEY] = {
        language: {"label": print_strings(language)["download_pack"], "path": pack_pdf("{approach}", language)}
        for language in repository.languages.codes
    }
