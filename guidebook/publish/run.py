"""One MkDocs build of the project into a folder: the primitive the site and the offline bundle are made of."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from ..content.model import Repository
from ..errors import BuildFailed, GuidebookError
from ..html.logs import LogCollector
from ..html.configure import site_config


def run_mkdocs(
    config_file: Path, site_dir: Path, repository: Repository, *, strict: bool, options: dict | None = None
) -> None:
    """Build the site of `config_file` from the already loaded `repository`; BuildFailed with every message logged.

    `options`: config values that replace those of the file (see mkdocs.config.load_config).
    """
    collector = LogCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = site_config(config_file, site_dir, repository, strict=strict, options=options)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise BuildFailed(collector.messages, str(error)) from None
    except GuidebookError as error:  # raised by the plugin outside MkDocs' own errors (its engine check)
        raise BuildFailed(collector.messages, str(error)) from None
    finally:
        logger.removeHandler(collector)


def enable_build_log(level: int = logging.INFO) -> None:
    """Show MkDocs' own log lines (warnings included) as `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_guidebook", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._guidebook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
