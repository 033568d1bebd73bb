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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(project: Path, site_dir: Path, *, strict: bool = True) -> None:
    """Build into a temporary folder beside `site_dir`, then swap it in."""
    project = project.resolve()
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        _build(project / "mkdocs.yml", staging, strict)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _build(config_file: Path, site_dir: Path, strict: bool) -> None:
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
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
