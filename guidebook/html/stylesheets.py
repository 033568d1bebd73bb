"""The site's own stylesheets (mkdocs.yml's extra_css) served as one file.

Every stylesheet in the head blocks the first paint, and on a phone each costs a request: six of them after
Material's two kept the first paint of every page waiting (Lighthouse, make lighthouse). Joined in their order
into one file, they cost one request and the same bytes; the sources stay separate files in git.
"""

from __future__ import annotations

import atexit
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

BUNDLE = "stylesheets/site.css"
# url(...) in CSS, quoted or not; data:, absolute and fragment addresses are left as they are.
URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
KEPT = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)


def bundle(config: MkDocsConfig, files: Files, sources: list[str]) -> File:
    """One stylesheet holding `sources` (site paths, in order), served at BUNDLE; the sources leave `files`."""
    parts = []
    for source in sources:
        file = files.get_file_from_path(source)
        if file is None:
            raise PluginError(f"guidebook: mkdocs.yml: extra_css: {source} is not a file of the site")
        parts.append(f"/* {source} */\n" + _relocate(file.content_string, posixpath.dirname(source)))
        files.remove(file)
    # A file on disk, not generated content: static-i18n sorts the site's files by their source path.
    folder = Path(tempfile.mkdtemp(prefix="guidebook-css-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    written = folder / posixpath.basename(BUNDLE)
    written.write_text("\n".join(parts), encoding="utf-8")
    return File.generated(config, BUNDLE, abs_src_path=str(written))


def _relocate(css: str, folder: str) -> str:
    """`css` from `folder`, with its relative addresses rewritten to be read from the bundle's folder."""
    here = posixpath.dirname(BUNDLE)

    def rewrite(match: re.Match) -> str:
        address = match.group(2).strip()
        if KEPT.match(address):
            return match.group(0)
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(folder, address)), here)
        return f"url({match.group(1)}{moved}{match.group(1)})"

    return URL.sub(rewrite, css)
