"""What every build of a test run would redo identically, done once per run (conftest.py installs it).

The plugin keeps the compiled templates in the project's .cache/ (guidebook/html/template_cache.py), but nearly every
test builds a new project in its own folder, and compiled them all again: some 0.5 s of CPU of each small build. Likewise
the precompressed copies (guidebook/publish/compress.py): Material's and the project's theme files, the same bytes in
every build, were compressed again at level 9 by each (some 0.3 s of a small build). Both are keyed by content, so the
run's builds share one folder of them (guidebook/caches.py), the commands the tests start included: Jinja keys each
compiled template by its file's path and checks it against the template's source, so a test that changes a template or
the plugin still gets its own; a test that checks compression itself calls `precompress` without a cache.
"""

from __future__ import annotations

import os

from guidebook import caches
from shared_builds import run_folder


def install() -> None:
    """The caches of compiled templates and compressed copies of this run's builds, in the run's folder."""
    folder = run_folder() / "shared-cache"
    folder.mkdir(mode=0o700, exist_ok=True)  # the user's own: caches.py passes over any other
    os.environ[caches.SHARED] = str(folder)
