"""`guidebook edit` and `guidebook editor-config`: the web editor (guidebook/cms/), run and configured."""

from __future__ import annotations

from pathlib import Path

import click

from ..cms import launch
from ..cms.config import ADMIN_DIR, write_configs
from ..html.onepage import PageRenderer


@click.command()
@click.option("--port", default=8081, show_default=True, help="Port of the editor on 127.0.0.1.")
@click.option(
    "--preview-port", default=8000, show_default=True, help="Port of the live preview (guidebook serve) on 127.0.0.1."
)
@click.option(
    "--name", default=None, help="Your name, on the Git commits of your saves (default: git config user.name)."
)
@click.pass_obj
def edit(project: Path, port: int, preview_port: int, name: str | None) -> None:
    """Run the web editor and the live preview on 127.0.0.1 until Ctrl-C (make edit).

    A save is written only when guidebook check accepts it; otherwise the editor shows the check's problems.
    In a Git repository each change is a branch to review, published into the main branch by "Publish".
    """
    launch.run(project, port, preview_port, click.echo, name, renderer=PageRenderer)


@click.command("editor-config")
@click.pass_obj
def editor_config(project: Path) -> None:
    """Write the web editor's configuration (editor/admin/), one file per site language, from the content model.

    Run it after changing the content model, the vocabularies or guidebook/cms/fields.yml; a test fails
    while the shipped configuration differs from the generated one.
    """
    changed = write_configs(project)
    for path in changed:
        click.echo(f"wrote {path.relative_to(project)}")
    if not changed:
        click.echo(f"{ADMIN_DIR}/: the configuration was up to date.")
