"""The guidebook's last page: which edition this is, how to cite it, its licence, what it is based on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, UTC

from ..content.model import Repository
from ..site.citations import shown_date
from ..site.edition import content_epoch


@dataclass(frozen=True)
class Colophon:
    date: str  # the edition's date, written out in the document's language
    edition: str
    cite: str
    drafts: list[str]  # titles of the chapters still in draft, in the order of the book


def colophon(
    repository: Repository, p: dict, title: str, site_url: str | None, drafts: list[str], language: str
) -> Colophon:
    """`p`: the print strings of `language`. The edition is dated by the newest review of the content."""
    epoch = content_epoch(repository)
    day = datetime.fromtimestamp(epoch, UTC).date().isoformat() if epoch is not None else None
    date = shown_date(day, language) if day else ""
    cite = p["colophon_cite"].format(title=title, date=date, url=site_url or "").rstrip(", .") + "."
    return Colophon(date, p["colophon_edition"].format(date=date), cite, drafts)
