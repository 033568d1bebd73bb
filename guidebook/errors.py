"""Every failure the guidebook reports to its user in plain words: one hierarchy, caught in one place.

The command line (commands/cli.py) turns a GuidebookError into its message and exit code; anything else
reaching it is a bug, reported with where its full traceback was written.
"""

from __future__ import annotations


class GuidebookError(Exception):
    """What went wrong, in words the user can act on; exits 1 unless a subclass says otherwise."""

    exit_code = 1


class BadArgument(GuidebookError):
    """An argument or option has a wrong value (an unknown country, an empty title...)."""

    exit_code = 2

    def __init__(self, option: str, message: str):
        self.option = option
        self.message = message
        super().__init__(f"{option}: {message}")


class Refused(GuidebookError):
    """The request is valid but doing it would damage something (overwrite a file...); nothing was changed."""


class ContentError(GuidebookError):
    """The content cannot be published; holds every problem found (content/problems.py), not only the first."""

    def __init__(self, problems: list):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(problem) for problem in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} in the content; nothing was published.")
        return "\n".join(lines)


class ConfigError(GuidebookError):
    """mkdocs.yml, or the installed engine, is not what the guidebook is built for."""


class BuildFailed(GuidebookError):
    """The site could not be built; the previous output is untouched.

    Its text holds every warning and error logged during the build, then the verdict.
    """

    def __init__(self, messages: list[str], verdict: str):
        self.messages = messages
        self.verdict = verdict
        super().__init__("\n".join([*messages, verdict]))


class PrintError(GuidebookError):
    """A PDF could not be made: its content, or a problem WeasyPrint reported, named with the file."""
