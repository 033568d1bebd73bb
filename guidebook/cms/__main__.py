"""`python -m guidebook.cms`: the web editor's commands (`make edit` runs `serve`)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import click

from .config import config_path, write_configs
from .server import DECAP_DIST, EditorServer


@click.group()
@click.option("--project", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("."), show_default=True,
              help="Folder of the guidebook project (the one holding mkdocs.yml).")
@click.pass_context
def main(context: click.Context, project: Path) -> None:
    """The web editor of the guidebook (Decap CMS)."""
    context.obj = project.resolve()


@main.command()
@click.pass_obj
def config(project: Path) -> None:
    """Write the editor's configuration, one file per interface language, from the content model."""
    changed = write_configs(project)
    for path in changed:
        click.echo(f"wrote {path.relative_to(project)}")
    if not changed:
        click.echo(f"{config_path(project, 'en').parent.relative_to(project)}/: the configuration was up to date.")


@main.command()
@click.option("--port", default=8081, show_default=True, help="Port of the editor on 127.0.0.1.")
@click.option("--preview-port", default=8000, show_default=True, help="Port of the live preview (mkdocs serve) on 127.0.0.1.")
@click.pass_obj
def serve(project: Path, port: int, preview_port: int) -> None:
    """Run the editor and the live preview on 127.0.0.1 until Ctrl-C."""
    editor_dir = project / "editor"
    if not (editor_dir / DECAP_DIST / "decap-cms.js").is_file():
        raise click.ClickException("Decap CMS is not installed in editor/node_modules: run `make edit`, which installs it with npm ci")
    try:
        server = EditorServer(("127.0.0.1", port), project, editor_dir)
    except OSError as error:
        raise click.ClickException(f"cannot listen on 127.0.0.1:{port} ({error.strerror}); give another port with --port") from None
    threading.Thread(target=server.serve_forever, daemon=True).start()
    preview = subprocess.Popen(
        [Path(sys.executable).with_name("mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{preview_port}"],
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    click.echo(f"Editor:       {server.address}/admin/ (French interface: {server.address}/admin/fr/)")
    click.echo(f"Live preview: http://127.0.0.1:{preview_port}/ (starting; French at /fr/)")
    click.echo("Press Ctrl-C to stop both.")
    try:
        status = preview.wait()
        raise click.ClickException(f"the live preview (mkdocs serve) stopped with exit code {status}; the editor was stopped too")
    except KeyboardInterrupt:
        click.echo("\nStopping the editor and the live preview.")
        preview.terminate()
        preview.wait(timeout=10)
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
