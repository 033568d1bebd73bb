"""Build the whole site atomically: `site/` is replaced only by a complete, strict build.

The content is loaded and validated once, here; the MkDocs build, the PDFs and the offline bundle all
read that one repository. mkdocs.yml is read once by the content load (the site languages) and once by MkDocs,
for the build, the PDFs' settings and the serving step alike.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from .. import pdf
from ..content.load import load
from ..content.model import Repository
from ..errors import BuildFailed, ContentError, PrintError
from ..pdf.settings import Settings, settings_of
from . import compress, offline, serving, swap
from .sizes import fill_sizes
from .options import add_download_links
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
        taken = run_mkdocs(
            project / "mkdocs.yml",
            staging,
            repository,
            strict=strict,
            configured=lambda config: _configured(config, repository, downloads),
        )
        if taken.print_settings:
            _build_downloads(project, staging, repository, taken.print_settings, previous=site_dir)
        serving.prepare(
            staging, repository, taken.site_url, previous=site_dir, gzip_cache=compress.cache_folder(project)
        )
        swap.put_in_place(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    stamp.record()
    return True


@dataclass(frozen=True)
class _FromConfig:
    """What the steps after the MkDocs run take from mkdocs.yml, as MkDocs read it for the run."""

    site_url: str | None
    print_settings: Settings | None  # None: no PDFs in this build


def _configured(config: MkDocsConfig, repository: Repository, downloads: bool) -> _FromConfig:
    """The download links added to the config MkDocs read for the run, and what the steps after it take of it."""
    if not downloads:
        return _FromConfig(config.site_url, None)
    add_download_links(config, repository)
    return _FromConfig(config.site_url, settings_of(config, repository.languages.default))


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
        return load(project, check_bodies=False)  # the build checks them on its own rendering (html/bodycheck.py)
    except ContentError as error:
        for problem in error.problems:
            log.error(str(problem))
        raise BuildFailed([str(problem) for problem in error.problems], error.report().rsplit("\n", 1)[-1]) from None


def _build_downloads(
    project: Path, site_dir: Path, repository: Repository, print_settings: Settings, previous: Path
) -> None:
    """The PDFs and the offline bundle, into the staged site: a failure leaves the published site as it was.

    `previous`: the site in place, whose offline zip is kept when the new bundle holds the same files.
    """
    try:
        pdf.render_all(project, site_dir, repository, settings=print_settings)
    except PrintError as error:
        raise BuildFailed([], str(error)) from None
    offline.build_bundle(site_dir, previous)
    fill_sizes(site_dir)
