"""Build the whole bilingual site atomically: `site/` is replaced only by a complete, strict build."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException


class BuildFailed(Exception):
    """The site could not be built; the previous output is untouched.

    Its text holds every warning and error logged during the build, then MkDocs' verdict.
    """

    def __init__(self, messages: list[str], verdict: str):
        self.messages = messages
        self.verdict = verdict
        super().__init__("\n".join([*messages, verdict]))


class LogCollector(logging.Handler):
    """Keeps the warnings and errors logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(project: Path, site_dir: Path, *, strict: bool = True, downloads: bool = True) -> None:
    """Build into a temporary folder beside `site_dir`, then swap it in.

    `downloads`: also make the PDFs and the offline bundle (False for a fast preview, without their links).
    """
    project = project.resolve()
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site/ must be readable by a web server
    try:
        _build(project / "mkdocs.yml", staging, strict, _download_links(project) if downloads else None)
        if downloads:
            _build_downloads(project, staging, strict)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _download_links(project: Path) -> dict | None:
    """The theme's download links, given to it through `extra` (see overrides/partials/guidebook/downloads.html)."""
    from ..site.downloads import mkdocs_options

    try:
        return mkdocs_options(project)
    except ConfigurationError:
        return None  # the build itself reports what is wrong with mkdocs.yml


def _build_downloads(project: Path, site_dir: Path, strict: bool) -> None:
    """The PDFs and the offline bundle, into the staged site: a failure leaves the published site as it was."""
    # Imported here: WeasyPrint is slow to load, and a fast preview never needs it.
    from . import offline
    from ..pdf import PrintError, render_all

    try:
        render_all(project, site_dir)
    except PrintError as error:
        raise BuildFailed([], str(error)) from None
    offline.build_bundle(project, site_dir, strict=strict)


def _build(config_file: Path, site_dir: Path, strict: bool, options: dict | None = None) -> None:
    """`options`: config values that replace those of the file (see mkdocs.config.load_config)."""
    collector = LogCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **(options or {}))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError, MkDocsException) as error:
        raise BuildFailed(collector.messages, str(error)) from None
    finally:
        logger.removeHandler(collector)


def _swap(new: Path, site_dir: Path) -> None:
    old = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def enable_build_log(level: int = logging.INFO) -> None:
    """Show MkDocs' own log lines (warnings included) as `mkdocs build` does."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_guidebook", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._guidebook = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
