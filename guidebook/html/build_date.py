"""The date a build stamps on its output (sitemap lastmod, gzip headers), taken from the content.

MkDocs uses SOURCE_DATE_EPOCH when it is set, else the clock: two builds of the same tree on different
days would differ. When it is not set, the build sets it to the newest `last_reviewed` date of the
content for its duration, so the same tree always gives the same files.
"""

from __future__ import annotations

import os

from ..content.model import Repository
from ..site.edition import content_epoch

VARIABLE = "SOURCE_DATE_EPOCH"


class ContentDate:
    """Sets SOURCE_DATE_EPOCH from the content unless the caller set it; `release` restores the environment."""

    def __init__(self) -> None:
        self.owned = False

    def apply(self, repository: Repository) -> None:
        if VARIABLE in os.environ:
            return
        epoch = content_epoch(repository)
        if epoch is not None:  # no page has a date: MkDocs keeps using the clock
            os.environ[VARIABLE] = str(epoch)
            self.owned = True

    def release(self) -> None:
        if self.owned:
            os.environ.pop(VARIABLE, None)
            self.owned = False
