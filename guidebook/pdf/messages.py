"""Which of WeasyPrint's log messages are problems with a document and which are notices about the machine.

WeasyPrint logs both through one logger at WARNING. A problem (an image or stylesheet that cannot be
loaded, a font-face that cannot be used, a broken internal link, CSS it ignores) means the PDF differs from
what the templates ask for: the build fails and names it. A notice says how WeasyPrint did its work on this
machine, with the document as intended: it goes to the build log as information, once per build.
"""

from __future__ import annotations

import logging

# Message templates (the record's format string, before its arguments) that are notices, with what a
# reader of the build log can do about each.
NOTICES = {
    "Using fontTools instead of HarfBuzz-Subset": (
        "WeasyPrint subsets fonts with fontTools because HarfBuzz-Subset is missing; the PDFs are the same, "
        "rendered more slowly (Debian: apt-get install libharfbuzz-subset0)"
    ),
}


def notice_for(record: logging.LogRecord) -> str | None:
    """The notice this record stands for, or None when it is a problem."""
    template = str(record.msg)
    return next((text for prefix, text in NOTICES.items() if template.startswith(prefix)), None)


class MessageSorter(logging.Handler):
    """Attached to WeasyPrint's logger while one document renders: sorts its messages into the two kinds."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[str] = []
        self.notices: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        notice = notice_for(record)
        if notice:
            self.notices.add(notice)
        else:
            self.problems.append(record.getMessage())
