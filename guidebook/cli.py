"""The `guidebook` command: a thin layer over the Python API.

Exit codes: 0 success; 1 the content or the build has errors (each printed as path:line: field: message);
2 the command was called wrongly.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import content, publish

EXIT_PROBLEMS = 1


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_PROBLEMS)


@click.group(help="Build, check and write the PREPARE guidebook. Run a command with --help for details.")
@click.option(
    "--project",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder of the guidebook project (the one holding mkdocs.yml).",
)
@click.pass_context
def main(context: click.Context, project: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    context.obj = project.resolve()


@main.command(help="Build the whole bilingual site into SITE_DIR (default: site/). The previous site is replaced only when the build succeeds.")
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
@click.pass_obj
def build(project: Path, site_dir: Path) -> None:
    publish.enable_build_log()
    try:
        publish.build_site(project, site_dir)
    except publish.BuildFailed as error:
        # The problems themselves were printed by the build log as they were found.
        _fail(f"{error.verdict}\nThe build failed: {site_dir}/ was left as it was.")
    click.echo(f"Site built in {site_dir}/")


@main.command(help="Check all content without building: schema, references, languages. Lists every problem.")
@click.pass_obj
def check(project: Path) -> None:
    _, problems = content.inspect(project)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(1 for problem in problems if problem.severity == "error")
    click.echo(f"{errors} error(s), {len(problems) - errors} warning(s).")
    if errors:
        sys.exit(EXIT_PROBLEMS)
