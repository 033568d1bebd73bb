"""HTML to PDF with WeasyPrint, offline and cached by content hash.

The cache key covers everything the PDF is made of: the HTML (template and stylesheet are inlined in
it), the files it embeds and the renderer's version. A PDF whose key is cached is copied, not rendered.
Beside each PDF the cache keeps what the build measured on its layout (audit.py), under the same key.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..errors import PrintError
from ..files import write_beside
from . import audit
from .accessibility import finish
from .fetcher import attachments, confined_fetcher
from .fit import Chapters, Pack, Variants
from .messages import MessageSorter

# Bump when a change outside the HTML (render options, post-processing) must render every PDF again.
RENDERER = "guidebook-print-4"
# Part of every key: a change to what is measured on a layout measures every PDF again.
AUDIT_SOURCE = Path(audit.__file__)


@dataclass(frozen=True)
class Rendered:
    path: Path
    pages: int
    seconds: float
    cached: bool
    key: str  # in the cache
    layout: dict  # audit.measure of the document the PDF was written from
    notices: frozenset[str] = frozenset()  # what WeasyPrint said about the machine, not the document


class Cache:
    """PDFs by key in a folder, each with a small JSON of what was measured on its layout (audit.measure)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()

    def key(self, html: str, assets: set[Path]) -> str:
        # The version from the package metadata: importing WeasyPrint takes longer than a cached build.
        digest = hashlib.sha256(f"{RENDERER}\0{version('weasyprint')}\0{html}".encode())
        for asset in sorted(assets | {AUDIT_SOURCE}):
            digest.update(b"\0" + str(asset).encode() + b"\0" + asset.read_bytes())
        return digest.hexdigest()

    def get(self, key: str) -> tuple[Path, dict] | None:
        pdf, facts = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        if not (pdf.is_file() and facts.is_file()):
            return None
        self.used.add(key)
        return pdf, json.loads(facts.read_text(encoding="utf-8"))

    def put(self, key: str, pdf: Path, layout: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        # An interrupted build never leaves a truncated PDF in the cache.
        with write_beside(self.folder / f"{key}.pdf") as partial:
            shutil.copyfile(pdf, partial)
        with write_beside(self.folder / f"{key}.json") as partial:  # read by other processes' builds too
            partial.write_text(json.dumps(layout), encoding="utf-8")
        self.used.add(key)

    def prune(self) -> None:
        """Forget the PDFs no document of this build produced: they can only be stale."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.stem.lstrip(".").split(".")[0] not in self.used:
                path.unlink(missing_ok=True)


def render(
    html: str | Variants | Chapters | Pack, base: Path, target: Path, cache: Cache, assets: set[Path]
) -> Rendered:
    """Write `html` as a PDF at `target`; raise PrintError on any problem WeasyPrint reports (see messages).

    Given the variants of a handout at several type sizes, it writes the one that fills its pages best (fit.py).
    """
    start = time.perf_counter()
    key = cache.key(html if isinstance(html, str) else "\0".join(html.all()), assets)
    target.parent.mkdir(parents=True, exist_ok=True)
    hit = cache.get(key)
    if hit:
        shutil.copyfile(hit[0], target)
        return Rendered(target, hit[1]["pages"], time.perf_counter() - start, True, key, hit[1])
    # Importing WeasyPrint takes about a second, once per build: the step's time, not the first document's.
    importlib.import_module("weasyprint")
    start = time.perf_counter()
    layout, notices = _weasyprint(html, base, target)
    cache.put(key, target, layout)
    return Rendered(target, layout["pages"], time.perf_counter() - start, False, key, layout, notices)


def _weasyprint(html: str | Variants | Chapters | Pack, base: Path, target: Path) -> tuple[dict, frozenset[str]]:
    import weasyprint  # slow to import: only when something must be rendered

    # No request leaves the machine, and only the site's own files and inline data are read (fetcher.py).
    fetcher = confined_fetcher(base)
    messages = MessageSorter()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(messages)

    def layout(source: str):
        html = weasyprint.HTML(string=source, base_url=base.as_uri() + "/", url_fetcher=fetcher)
        return html.render(font_config=_font_configuration())

    try:
        document = layout(html) if isinstance(html, str) else html.lay_out(layout)  # fit.py: sizes, run-on chapters
        if attached := attachments(document):
            raise PrintError(
                f"PDF {target.name}: '{attached[0]}' would be attached to the PDF; PDFs carry no attachments"
            )
        # PDF/UA-1: tagged (headings, lists, tables, reading order reach screen readers), with XMP metadata.
        document.write_pdf(target, pdf_variant="pdf/ua-1")
    except weasyprint.urls.FatalURLFetchingError as error:
        cause = f" ({error.__cause__})" if error.__cause__ else ""
        raise PrintError(f"PDF {target.name}: {error}{cause}") from None
    finally:
        logger.removeHandler(messages)
    if messages.problems:
        problems = messages.problems
        shown = problems[:5] + ([f"and {len(problems) - 5} more"] if len(problems) > 5 else [])
        raise PrintError(f"PDF {target.name}: WeasyPrint: " + "; ".join(shown))
    finish(target, document.metadata.lang)
    return audit.measure(document), frozenset(messages.notices)


def _font_configuration():
    return _process_font_configuration()[1]


@cache
def _process_font_configuration():
    """One WeasyPrint font configuration for every PDF this process renders, and the process that made it. WeasyPrint
    otherwise makes one per document: it reads the system's font list again and decompresses the 14 WOFF2 faces of
    the print stylesheet with fontTools, in Python, about half of a handout's rendering. Every document declares the
    same faces (page text carries no style), and a face is known by its rule, its file's address included: what the
    first document added, the others find. A forked renderer (forkmap.py) may inherit its parent's, whose folder the
    parent removes, or make its own, which it removes itself (`release_font_configuration`)."""
    from weasyprint.text.fonts import FontConfiguration

    configuration = FontConfiguration()
    atexit.register(_remove_faces_folder, configuration)
    return os.getpid(), configuration


def release_font_configuration() -> None:
    """At the end of a forked renderer, which skips the exit handlers: the folder of decompressed faces of the
    configuration it made itself, if any (each build that rendered PDFs on two cores left one in /tmp)."""
    if _process_font_configuration.cache_info().currsize:
        maker, configuration = _process_font_configuration()
        if maker == os.getpid():
            _remove_faces_folder(configuration)


def _remove_faces_folder(configuration) -> None:
    """The decompressed faces' folder removed while the interpreter still runs: WeasyPrint's own cleaning, run when
    the configuration is dropped, came at the interpreter's teardown and failed there ("Exception ignored in
    FontConfiguration.__del__ ... TypeError"), leaving the folder behind. `_folder` is WeasyPrint's; guarded by
    tests/test_font_configuration.py."""
    if configuration._folder:
        shutil.rmtree(configuration._folder, ignore_errors=True)
        configuration._folder = None
