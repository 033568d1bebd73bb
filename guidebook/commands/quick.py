"""The `guidebook` command's entry point: `guidebook build` with nothing changed answered in a few milliseconds.

The command line (cli.py) imports the content model, the editor and the publishing code (about a second). A
plain build request (`build`, a site folder, `--no-downloads`, `--project`) is first checked against the
stamp of the last build (buildstamp.py), which imports none of that; anything else, or a site that needs
building, goes to the command line as ever, which checks the stamp again before it builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..buildstamp import up_to_date


def main() -> None:
    request = plain_build(sys.argv[1:])
    if request is not None and _up_to_date(*request):
        print(f"Site built in {request[1]}/ (nothing changed since the last build)")
        return
    from .cli import main as command_line  # the one deferred import (tests/test_layers.py): the command line's second

    command_line()


def plain_build(args: list[str]) -> tuple[Path, Path, bool] | None:
    """(project, site folder, downloads) of `[--project P] build [SITE_DIR] [--no-downloads]`; None for anything else."""
    project = Path(".")
    if args[:1] == ["--project"] and len(args) > 1:
        project, args = Path(args[1]), args[2:]
    elif args[:1] and args[0].startswith("--project="):
        project, args = Path(args[0].split("=", 1)[1]), args[1:]
    if args[:1] != ["build"]:
        return None
    downloads = "--no-downloads" not in args
    rest = [arg for arg in args[1:] if arg != "--no-downloads"]
    if len(rest) > 1 or any(arg.startswith("-") for arg in rest):
        return None
    return project, Path(rest[0] if rest else "site"), downloads


def _up_to_date(project: Path, site_dir: Path, downloads: bool) -> bool:
    try:
        return project.is_dir() and up_to_date(project, site_dir, downloads=downloads)
    except (OSError, ValueError):
        return False  # the command line says what is wrong
