"""Build the whole site atomically: `site/` is replaced only by a complete, strict build.

The content is loaded and validated once, here; the MkDocs build, the PDFs and the offline bundle all
read that one repository.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import ConfigurationError

from .. import pdf
from ..content.load import load
from ..content.model import Repository
from ..errors import BuildFailed, ContentError, PrintError
from . import offline, serving, swap
from .sizes import fill_sizes
from .options import download_options
from .run import run_mkdocs
from ..buildstamp import Stamp, build_options

log = logging.getLogger("mkdocs.plugins.guidebook")


def build_site(
    project: Path, site_dir: Path, *, strict: bool = True, downloads: bool = True, skip_unchanged: bool = False
) -> bool:
    """Build into a temporary folder beside `site_dir`, then swap it in (swap.py: no moment without a site).

    `downloads`: also make the PDFs and the offline bundle (False for a fast preview, without their links).
    `skip_unchanged`: do nothing when the site in place was built from the same inputs (stamp.py).
    Returns whether it built.
    """
    project = project.resolve()
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    _check_output(site_dir)
    stamp = Stamp(project, site_dir, build_options(strict=strict, downloads=downloads))
    if skip_unchanged and stamp.unchanged():
        log.info(f"Nothing changed since {site_dir} was built: it is left as it is")
        return False
    repository = _load(project)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    swap.remove_leftovers(site_dir)
    staging = swap.make_staging(site_dir)
    try:
        options = _download_options(project, repository) if downloads else None
        run_mkdocs(project / "mkdocs.yml", staging, repository, strict=strict, options=options)
        if downloads:
            _build_downloads(project, staging, repository, previous=site_dir)
        serving.prepare(project, staging, repository, previous=site_dir)
        swap.put_in_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    stamp.record()
    return True


def _check_output(site_dir: Path) -> None:
    """An output folder that cannot be made is said before anything is built."""
    for folder in [site_dir, *site_dir.parents]:
        if folder.exists():
            if not folder.is_dir():
                what = "the output folder" if folder == site_dir else f"{folder}, a folder of the output path,"
                raise BuildFailed([], f"cannot build into {site_dir}: {what} is a file; choose another output folder")
            return


def _load(project: Path) -> Repository:
    """The content, or BuildFailed with every problem, logged as the build log shows its errors."""
    try:
        return load(project)
    except ContentError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise BuildFailed([str(problem) for problem in error.problems], error.report().rsplit("\n", 1)[-1]) from None


def _download_options(project: Path, repository: Repository) -> dict | None:
    """The theme's download links, given to it through `extra` (see overrides/partials/guidebook/downloads.html)."""
    try:
        return download_options(project, repository)
    except ConfigurationError:
        return None  # the build itself reports what is wrong with mkdocs.yml


def _build_downloads(project: Path, site_dir: Path, repository: Repository, previous: Path) -> None:
    """The PDFs and the offline bundle, into the staged site: a failure leaves the published site as it was.

    `previous`: the site in place, whose offline zip is kept when the new bundle holds the same files.
    """
    try:
        pdf.render_all(project, site_dir, repository)
    except PrintError as error:
        raise BuildFailed([], str(error)) from None
    offline.build_bundle(site_dir, previous)
    fill_sizes(site_dir)
