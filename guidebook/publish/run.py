"""One MkDocs build of the project into a folder: the primitive the site and the offline bundle are made of."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, overload

from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from ..content.model import Repository
from ..errors import BuildFailed, GuidebookError
from ..html.logs import LogCollector
from ..html.configure import site_config

Read = TypeVar("Read")


@overload
def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    repository: Repository,
    *,
    strict: bool,
    options: dict | None = None,
    configured: Callable[[MkDocsConfig], Read],
) -> Read: ...
@overload
def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    repository: Repository,
    *,
    strict: bool,
    options: dict | None = None,
    configured: None = None,
) -> None: ...


def run_mkdocs(
    config_file: Path,
    site_dir: Path,
    repository: Repository,
    *,
    strict: bool,
    options: dict | None = None,
    configured: Callable[[MkDocsConfig], Read] | None = None,
) -> Read | None:
    """Build the site of `config_file` from the already loaded `repository`; BuildFailed with every message logged.

    `options`: config values that replace those of the file (see mkdocs.config.load_config). `configured`: called
    with the config as MkDocs read it, before the build changes it; what it returns is returned (the other steps
    of a build take what they need of mkdocs.yml there, so that the file is read once).
    """
    collector = LogCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = site_config(config_file, site_dir, repository, strict=strict, options=options)
        taken = configured(config) if configured else None
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
    return taken


def enable_build_log(level: int = logging.INFO) -> None:
    """Show MkDocs' own log lines (warnings included) as `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_guidebook", False) for h in logger.handlers):
        handler = _StandardError()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._guidebook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)


class _StandardError(logging.StreamHandler):
    """Writes to the standard error of the moment, not the one of the first build in the process.

    A second command run in the same process (the tests, a caller of the API) with its error output redirected
    would otherwise see no log line of its own build.
    """

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass
