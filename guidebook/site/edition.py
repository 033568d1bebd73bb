"""The date of the content: what a build stamps on its output and a printed edition is dated by."""

from __future__ import annotations

from datetime import datetime, time, timezone

from ..content.model import Repository


def content_epoch(repository: Repository) -> int | None:
    """Midnight UTC of the newest `last_reviewed` date, in seconds since 1970."""
    dates = [
        variant.model.last_reviewed
        for entry in repository.entries.values()
        for variant in entry.variants.values()
        if variant.model is not None and variant.model.last_reviewed is not None
    ]
    if not dates:
        return None
    return int(datetime.combine(max(dates), time(), tzinfo=timezone.utc).timestamp())
