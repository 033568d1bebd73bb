"""The date of the content: what a build stamps on its output and a printed edition is dated by."""

from __future__ import annotations

from datetime import date, datetime, time, UTC

from ..content.model import Repository


def edition_date(repository: Repository) -> date | None:
    """The newest `last_reviewed` date of the content: the date of this edition."""
    dates = [
        variant.model.last_reviewed
        for entry in repository.entries.values()
        for variant in entry.variants.values()
        if variant.model is not None and variant.model.last_reviewed is not None
    ]
    return max(dates, default=None)


def content_epoch(repository: Repository) -> int | None:
    """Midnight UTC of the edition date, in seconds since 1970."""
    newest = edition_date(repository)
    if newest is None:
        return None
    return int(datetime.combine(newest, time(), tzinfo=UTC).timestamp())
