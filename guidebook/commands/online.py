"""`guidebook publish` and `guidebook preview-prod`: the built site put online, or served as it will be online."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from ..publish import nginx, releases
from ..publish.targets import target


@click.command()
@click.argument("dest")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="The built site to publish.",
)
@click.option(
    "--rollback", is_flag=True, help="Serve the release published before the current one again (nothing is copied)."
)
@click.option(
    "--keep",
    type=click.IntRange(min=2),
    default=releases.KEEP,
    show_default=True,
    help="Releases to keep in DEST/releases/.",
)
@click.option(
    "--ssh",
    "ssh_command",
    default="ssh",
    show_default=True,
    metavar="COMMAND",
    help='The ssh command and its options, for a DEST on a server, e.g. "ssh -i deploy-key -p 2222".',
)
@click.pass_obj
def publish(project: Path, dest: str, site_dir: Path, rollback: bool, keep: int, ssh_command: str) -> None:
    """Publish the built site as a new release of DEST, which the web server serves from DEST/current.

    DEST is a folder of this machine (/srv/prepare-guidebook) or of a server reached with ssh
    (deploy@example.org:/srv/prepare-guidebook). The site is copied to DEST/releases/<release>/, then
    DEST/current is switched to it in one step: readers get the old release or the new one, never a mix.
    A site the build did not finish (or changed since) is refused. The last releases are kept for --rollback.
    """
    with target(dest, ssh_command) as where:
        if rollback:
            done = releases.rollback(where)
        else:
            site = site_dir if site_dir.is_absolute() else project / site_dir
            done = releases.publish(site, where, keep)
    if rollback:
        click.echo(f"Rolled back {where.name}: current is {done.release} again (was {done.previous}).")
    else:
        how = "copied and published" if done.copied else "already there, published again"
        click.echo(f"{where.name}: release {done.release} {how}; current was {done.previous or 'nothing'}.")
        if done.removed:
            click.echo(f"Removed old releases: {', '.join(done.removed)}.")
    if done.policy_changed:
        click.echo(
            "The Content-Security-Policy changed with this release: reload nginx (systemctl reload nginx) to send the new one."
        )


@click.command("preview-prod")
@click.argument("site_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("site"))
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1 (default: a free one).")
@click.pass_obj
def preview_prod(project: Path, site_dir: Path, port: int) -> None:
    """Serve the built SITE_DIR through the shipped nginx configuration (deploy/nginx/) until Ctrl-C.

    Headers, compression, caching and 404 pages are those readers will get once it is online.
    """
    site = site_dir if site_dir.is_absolute() else project / site_dir
    server = nginx.start(site, port or None)
    # Ctrl-C even when started from a shell that ignores SIGINT in its background jobs; SIGTERM the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:  # entered before the address is printed: whoever reads it may press Ctrl-C at once
        click.echo(f"Serving {site} through deploy/nginx/ at {server.url} (Ctrl-C stops it)")
        server.process.wait()
        click.echo("nginx stopped.", err=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
