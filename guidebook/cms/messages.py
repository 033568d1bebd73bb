"""The check's problems as the editor shows them, in the language of its interface.

`guidebook check` words its messages in English. In another interface language, a message with a code
(guidebook/content/messages.py: the model's own, or pydantic's error type) is worded from the code and its
values with that language's template (fields.yml `messages`); any other keeps the check's English words,
said to be so.
"""

from __future__ import annotations

from ..content.messages import worded
from ..content.problems import Problem
from .model import MODEL_LANGUAGE, settings


def refusal(problems: list[Problem], language: str) -> str:
    """The whole message: one line per problem, as path:line: field: message."""
    lines = [settings()["refusal"][language]]
    lines += [f"• {described(problem, language)}" for problem in problems]
    return "\n".join(lines)


def described(problem: Problem, language: str) -> str:
    field = _field_label(problem.field, language)
    separator = settings()["colon"][language]
    return f"{problem.path}:{problem.line}{separator}{field}{separator}{_message(problem, language)}"


def on_fields(problems: list[Problem], language: str) -> list[dict]:
    """Each problem as the form shows it on its field (editor/admin/editor.js): the language of its file, the
    field's name in the file, the message; and the whole line, for a problem no field of the form shows."""
    return [
        {
            "language": _file_language(problem.path),
            "field": problem.field,
            "message": _message(problem, language),
            "text": described(problem, language),
        }
        for problem in problems
    ]


def _message(problem: Problem, language: str) -> str:
    return problem.message if language == MODEL_LANGUAGE else _translated(problem, language)


def _file_language(path: str) -> str:
    """`fr` of practice_sheets/mentoring.fr.md; empty for a file named with no language."""
    parts = path.rsplit("/", 1)[-1].split(".")
    return parts[-2] if len(parts) >= 3 else ""


def _field_label(field: str, language: str) -> str:
    """`contact.email` as `E-mail address (contact.email)`: the form's label, then the name in the file."""
    names = [part for part in field.split(".") if not part.isdigit()]
    labels = settings()["labels"]
    if not names:
        return field
    key = ".".join(names[-2:]) if ".".join(names[-2:]) in labels else names[-1]
    label = labels.get(key, {}).get(language)
    if label is None:
        return field
    return settings()["field_label"][language].format(label=label, field=field)


def _translated(problem: Problem, language: str) -> str:
    template = settings()["messages"].get(language, {}).get(problem.code)
    if template is None:
        return problem.message + settings()["untranslated"][language]
    params = {name: _shown(name, value, language) for name, value in problem.params.items()}
    return worded(template, params, settings()["did_you_mean"][language])


def _shown(name: str, value: object, language: str) -> object:
    """A value as the message gives it: a field's description in `language`, 90 rather than 90.0."""
    if name == "description" and isinstance(value, str):
        return settings()["hints"][language].get(value, value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
