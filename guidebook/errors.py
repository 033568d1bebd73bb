"""Why a command could not do what it was asked: raised by the Python API, turned into exit codes by the CLI."""

from __future__ import annotations


class CommandFailure(Exception):
    """Base of the failures a command reports to its user in plain words."""


class BadArgument(CommandFailure):
    """An argument or option has a wrong value (an unknown country, an empty title...)."""

    def __init__(self, option: str, message: str):
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}")


class Refused(CommandFailure):
    """The request is valid but doing it would damage something (overwrite a file...); nothing was changed."""

