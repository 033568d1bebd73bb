"""What the PDF engine may read: the project's content folders and the package's print assets, nothing else.

WeasyPrint fetches every address a document names (images, stylesheets, fonts, attachments) through its URL
fetcher; its security notes ask for a restrictive one for untrusted HTML (advisory GHSA-35jj-wx47-4w8r: an
attachment read any local file). Page text is sanitised before it gets here (content/sanitise.py); this is
the second wall: only `file:` addresses whose resolved path (symbolic links followed) lies inside an allowed
folder, and inline `data:`; no `..` in an address, no network, no attachment.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .. import PACKAGE_DIR
from ..content.layout import COLLECTIONS, DOCS_DIR

# The print assets: the vendored fonts and the EU emblem.
PACKAGE_ASSETS = (PACKAGE_DIR / "vendor" / "fonts", PACKAGE_DIR / "assets")


def allowed_folders(project: Path) -> tuple[Path, ...]:
    """The folders a PDF of `project` may read, resolved."""
    folders = [project / DOCS_DIR, *(project / folder for folder in COLLECTIONS.values()), *PACKAGE_ASSETS]
    return tuple(folder.resolve() for folder in folders)


def refusal(url: str, folders: tuple[Path, ...]) -> str | None:
    """Why the PDF may not read `url`, or None when it may."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return None
    if parts.scheme != "file":
        return f"'{_shown(url)}' is not a file of the site; a PDF reads nothing from the network"
    if ".." in unquote(parts.path).split("/"):
        return f"'{_shown(url)}' climbs out of its folder ('..'); a PDF reads only the site's own files"
    try:
        path = Path(url2pathname(parts.path)).resolve(strict=True)
    except (OSError, RuntimeError):
        return f"'{_shown(url)}' does not exist (or is a link that leads nowhere)"
    if not any(path.is_relative_to(folder) for folder in folders):
        return f"'{_shown(url)}' lies outside the site's folders ({', '.join(folder.name for folder in folders[:-2])}); a PDF reads only the site's own files"
    return None


def confined_fetcher(project: Path):
    """A WeasyPrint URL fetcher that reads only what `refusal` allows; a refusal stops the PDF."""
    import weasyprint  # slow to import: only when a PDF is rendered

    folders = allowed_folders(project)

    class ConfinedFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if reason := refusal(url, folders):
                raise weasyprint.urls.FatalURLFetchingError(reason)
            return super().fetch(url, headers)

    return ConfinedFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def _shown(url: str) -> str:
    """The address as the author can find it: a file's path, whole (its name is what they look for)."""
    parts = urlsplit(url)
    return url2pathname(parts.path) if parts.scheme == "file" else (url if len(url) <= 80 else url[:77] + "...")


def attachments(document) -> list[str]:
    """The addresses a laid-out WeasyPrint document would embed as files (<a rel="attachment">, <link rel="attachment">)."""
    linked = [target for page in document.pages for link_type, target, *_ in page.links if link_type == "attachment"]
    return linked + [attachment.name or "a file" for attachment in document.metadata.attachments or []]
