"""The warnings and errors logged while a handler is attached: a build's verdict, or a child's to replay."""

from __future__ import annotations

import logging


class LogCollector(logging.Handler):
    """Keeps every record at WARNING or above as (logger name, level, message): plain data, picklable."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    @property
    def messages(self) -> list[str]:
        return [message for _, _, message in self.records]
