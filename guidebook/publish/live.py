"""`guidebook serve`: the live preview (also `guidebook edit`'s): a saved page served within a second, at any size.

The last full build is served from its folder (live_http.py). The content folders are watched; the change
events of a save (an editor writes, renames, writes again) are gathered until none came for DEBOUNCE
seconds, then each saved page is rendered alone by the one-page renderer (html/onepage.py, the build's own
templates and checks) and served at once, its assets under the built site's hashed names. A full build then
runs in the background, one at a time (saves made meanwhile ask for one more), and is swapped in whole
(publish/swap.py, through `full_build`). A new or deleted page, or a change to mkdocs.yml or the theme,
waits for that full build, after which the renderer reads the site again.

A save the build would refuse is not published: its page shows the problems, by file and line, and the
terminal says them, until the file is mended.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..content.layout import COLLECTIONS, DOCS_DIR
from ..errors import BuildFailed, ContentError, GuidebookError
from ..html.onepage import PageRenderer
from ..languages import strings
from .fingerprint import renamed_in, with_hashed_names
from .live_http import LivePages, LiveServer

DEBOUNCE = 0.08  # seconds without a change event before a save is taken as finished
WATCHED_FILES = ("mkdocs.yml",)
READY = "The one-page preview is ready: a saved page is served again within a second."
WATCHED_FOLDERS = (DOCS_DIR, *COLLECTIONS.values(), "overrides")


def full_build(project: Path, site_dir: Path) -> None:
    """THE seam to the full build: the whole site built into `site_dir` and swapped in atomically (publish/
    site.py's build_site, through `guidebook build`); BuildFailed with its output when the build refuses.

    It runs in a process of its own: a build sets process-wide state (the mkdocs logger's handlers,
    SOURCE_DATE_EPOCH, static-i18n's module) that the renderer in this process reads meanwhile.
    """
    command = [
        str(Path(sys.executable).with_name("guidebook")),
        "--project",
        str(project),
        "build",
        "--no-downloads",
        str(site_dir),
    ]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    ) as build:
        _builds.add(build)
        try:
            output = build.communicate()[0]
        finally:
            _builds.discard(build)
    if build.returncode != 0:
        said = [line for line in output.splitlines() if line.startswith(("ERROR", "WARNING")) or ":" in line]
        raise BuildFailed(said[-40:], "the full build failed; the preview keeps serving the last site that built")


_builds: set[subprocess.Popen] = set()  # full builds running, ended with the preview (their swap is atomic)


class LivePreview:
    """The served site, kept up to date with the content folders."""

    def __init__(
        self,
        project: Path,
        site_dir: Path,
        say: Callable[[str], None],
        build: Callable[[Path, Path], None] = full_build,
    ):
        self.project = project.resolve()
        self.site_dir = site_dir if site_dir.is_absolute() else self.project / site_dir
        self.say = say
        self.build = build
        self.pages = LivePages(self.site_dir)
        self.renderer: PageRenderer | None = None
        self._render_lock = threading.Lock()  # one renderer call at a time, a new renderer included
        self._changes: set[Path] = set()
        self._last_change = 0.0
        self._wake = threading.Condition()
        self._build_wanted = threading.Event()
        self.building = False
        self._rewarm = False
        self._renamed: tuple[int, dict[str, str]] | None = None
        self._observer = Observer()
        self._stopping = threading.Event()

    def start(self, port: int) -> LiveServer:
        """Serve on 127.0.0.1:`port` and watch; a full build starts at once, in the background."""
        server = LiveServer(port, self.pages)
        if not (self.site_dir / "index.html").is_file():
            self.say("Building the site for the first time (the pages are served once it is built)...")
        self._build_wanted.set()  # what is there may be older than the content
        handler = _Events(self._changed, self.project)
        for name in WATCHED_FOLDERS:
            if (self.project / name).is_dir():
                self._observer.schedule(handler, str(self.project / name), recursive=True)
        self._observer.schedule(handler, str(self.project), recursive=False)
        self._observer.start()
        for work in (self._read_site, self._gather_saves, self._build_in_background, server.serve_forever):
            threading.Thread(target=work, daemon=True).start()
        return server

    def stop(self) -> None:
        self._stopping.set()
        with self._wake:
            self._wake.notify_all()
        self._build_wanted.set()
        self._observer.stop()
        for build in list(_builds):
            build.terminate()
        if self._render_lock.acquire(timeout=2):  # not behind a long read of the site: the process ends anyway
            if self.renderer is not None:
                self.renderer.close()
            self._render_lock.release()

    def _read_site(self) -> None:
        with self._render_lock:
            old, self.renderer = self.renderer, None
            if old is not None:
                old.close()
            try:
                self.renderer = PageRenderer(self.project)
            except Exception as error:
                if self._stopping.is_set():
                    return  # stopped while reading the site: its temporary folders went away under it
                if not isinstance(error, GuidebookError):
                    raise
                self.say(f"The one-page preview waits for content that builds:\n{error}")
            else:
                self.say(READY)

    def _changed(self, path: Path) -> None:
        with self._wake:
            self._changes.add(path)
            self._last_change = time.monotonic()
            self._wake.notify_all()

    def _gather_saves(self) -> None:
        """Take the changes once no event came for DEBOUNCE seconds: one save, or several, done at once."""
        while not self._stopping.is_set():
            with self._wake:
                while not self._changes and not self._stopping.is_set():
                    self._wake.wait()
                while (quiet := time.monotonic() - self._last_change) < DEBOUNCE:
                    self._wake.wait(DEBOUNCE - quiet)
                changes, self._changes = self._changes, set()
            if changes and not self._stopping.is_set():
                self._publish(sorted(changes))

    def _publish(self, changes: list[Path]) -> None:
        for path in changes:
            if not (path.suffix == ".md" and path.is_file() and self._render_saved(path)):
                self._rewarm = True  # a new or deleted page, the theme, the configuration: read again after the build
        self._build_wanted.set()

    def _render_saved(self, path: Path) -> bool:
        """Render and serve the saved page in every language that shows it; False when the renderer does not
        know the page (a new one, or the renderer is still reading the site): the full build shows it."""
        relative = path.relative_to(self.project).as_posix()
        with self._render_lock:
            renderer = self.renderer
            if renderer is None or not renderer.knows(relative):
                return False
            pages = renderer.pages_of(relative)
            try:
                for language, shown, site_path in pages:  # the saved file's own first: it is the one awaited
                    body = renderer.render(shown, language, keep=True)
                    self.pages.put(
                        site_path,
                        with_hashed_names(body.decode("utf-8"), site_path, self.site_dir, self._hashed()).encode(
                            "utf-8"
                        ),
                    )
            except ContentError as refused:
                self.say(f"{relative} is not published:\n{refused.report()}")
                for language, _, site_path in pages:
                    self.pages.put(site_path, _problems_page(relative, refused, language))
                return True
        self.say(
            f"{relative}: served again ({', '.join(language for language, _, _ in pages)}); the full build follows."
        )
        return True

    def _hashed(self) -> dict[str, str]:
        """The built site's asset names (read once per site swapped in)."""
        if self._renamed is None or self._renamed[0] != self.pages.site_version:
            self._renamed = (self.pages.site_version, renamed_in(self.site_dir))
        return self._renamed[1]

    def _build_in_background(self) -> None:
        while True:
            self._build_wanted.wait()
            if self._stopping.is_set():
                return
            self.building = True
            self._build_wanted.clear()
            since = self.pages.version
            try:
                self.build(self.project, self.site_dir)
                self.pages.rebuilt(since)
                if self._rewarm:
                    self._rewarm = False
                    self._read_site()
            except BuildFailed as failed:  # the author mends the files with the preview running: it builds then
                if self._stopping.is_set():
                    return  # ended by the stop, not refused
                self.say(
                    f"{failed}\nThe preview shows the changes once the site builds: mend the files named above and save them."
                )
            finally:
                self.building = False


def _problems_page(relative: str, refused: ContentError, language: str) -> bytes:
    """A plain page in the page's language naming the problems of a refused save (the check's messages, escaped)."""
    words = strings(language)
    title = html.escape(words["live_refused"].format(path=relative))
    items = "".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in refused.problems)
    return (
        f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><h1>{title}</h1><ul>{items}</ul><p>{html.escape(words['live_mend'])}</p></body></html>\n"
    ).encode()


class _Events(FileSystemEventHandler):
    """The files of a change event that matter: not folders, not hidden files (an editor's scratch copies)."""

    def __init__(self, changed: Callable[[Path], None], project: Path):
        self.changed = changed
        self.project = project

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = Path(os.fsdecode(raw)) if raw else None
            if path is None or path.name.startswith(".") or path.name.endswith(("~", ".swp")):
                continue
            if event.is_directory and event.event_type == "modified":
                continue
            if path.parent != self.project or path.name in WATCHED_FILES:  # of the project's own files, mkdocs.yml only
                self.changed(path)
