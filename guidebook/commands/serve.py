"""`guidebook serve`: the live preview (make serve; guidebook edit starts it too). The logic: publish/live.py."""

from __future__ import annotations

import signal
import threading
from pathlib import Path

import click

from .. import languages
from ..errors import BadArgument
from ..publish.live import LivePreview

SITE_DIR = Path(".cache") / "live-site"  # not site/: `make site` keeps its PDFs and offline bundle there


@click.command()
@click.option("--port", default=8000, show_default=True, help="Port of the live preview on 127.0.0.1.")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=SITE_DIR,
    show_default=True,
    help="Folder the full builds of the preview go to.",
)
@click.pass_obj
def serve(project: Path, port: int, site_dir: Path) -> None:
    """Serve the site on 127.0.0.1 and show each saved page again within a second (Ctrl-C stops it).

    A saved page is rendered alone and served at once; the whole site is then rebuilt in the background.
    """
    languages.read(project)  # a broken mkdocs.yml is said at once, before the preview starts
    preview = LivePreview(project, site_dir, lambda line: click.echo(line, err=True))
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, lambda *_: stop.set())
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started where SIGINT is ignored
    try:
        server = preview.start(port)
    except OSError as error:
        raise BadArgument(
            "--port", f"cannot listen on 127.0.0.1:{port} ({error.strerror}); give another port"
        ) from None
    try:  # entered before the address is printed: whoever reads it may press Ctrl-C at once
        click.echo(f"Live preview: http://127.0.0.1:{server.port}/ (Ctrl-C to stop)")
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        preview.stop()
