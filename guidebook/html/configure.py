"""mkdocs.yml read for one run of the engine, the guidebook plugin handed the content already loaded: what a full
build (publish/run.py) and the one-page preview (warm.py) both start from."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError

from ..content.model import Repository
from .plugin import PLUGIN_NAME


def site_config(
    config_file: Path, site_dir: Path, repository: Repository, *, strict: bool, options: dict | None = None
) -> MkDocsConfig:
    """`options`: config values that replace those of the file (see mkdocs.config.load_config)."""
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **(options or {}))
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise ConfigurationError(f"mkdocs.yml must list the '{PLUGIN_NAME}' plugin among its plugins")
    plugin.preloaded = repository  # the content is read once per build, here given to the plugin
    return config
