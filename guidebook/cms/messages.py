"""The check's problems as the editor shows them, in the language of its interface.

`guidebook check` words its messages in English. In the French interface, the messages a form can
lead to are put in French; any other keeps the check's English words, said to be so (so does every
message in a site language with no translations here).
"""

from __future__ import annotations

import re

from ..content.problems import Problem
from .model import MODEL_LANGUAGE, settings

DATE_FR = "une année, un mois ou un jour est attendu : 2019, 2019-03 ou 2019-03-12"
# Messages of the check a form can lead to, and their French ({suggestion} is the French of "did you mean...?").
FRENCH = [
    (r"is missing from this ([a-z ]+?)(?:; expected: (?P<expected>.*))?", "manque ; attendu : {expected}"),
    (r"[Ss]tring should have at least 1 character.*", "ne peut pas être vide"),
    (r"[Ll]ist should have at least 1 item.*", "demande au moins un élément"),
    (r"[Ii]nput should be greater than or equal to (?P<n>[\d.]+).*", "doit être supérieur ou égal à {n}"),
    (r"[Ii]nput should be less than or equal to (?P<n>[\d.]+).*", "doit être inférieur ou égal à {n}"),
    (r"section '## (?P<wanted>.+)' is missing; a practice sheet has the sections (?P<all>.+), in this order",
     "la section « ## {wanted} » manque ; une fiche pratique a les sections {all}, dans cet ordre"),
    (r"found section '## (?P<found>.+)' where '## (?P<wanted>.+)' was expected; a practice sheet has the sections (?P<all>.+), in this order",
     "section « ## {found} » trouvée là où « ## {wanted} » était attendue ; une fiche pratique a les sections {all}, dans cet ordre"),
    (r"unexpected section '## (?P<found>.+)' after '## (?P<last>.+)'; use '### .+' inside a section, or remove it",
     "section « ## {found} » inattendue après « ## {last} » ; écrivez « ### {found} » dans une section, ou supprimez-la"),
    (r"'(?P<value>.*)' is not an e-mail address; .*",
     "« {value} » n'est pas une adresse électronique ; une adresse d'organisation est attendue, comme contact@efus.eu"),
    (r"the end year (?P<end>\d+) is before the start year (?P<start>\d+)", "l'année de fin {end} précède l'année de début {start}"),
    (r"a named contact person needs 'consent_date: YYYY-MM-DD'.*",
     "une personne à contacter nommée demande la date à laquelle elle a accepté d'être publiée (AAAA-MM-JJ) ; "
     "sans elle, retirez le nom et donnez une adresse d'organisation"),
    (r"'(?P<value>.*)' is not an absolute web address; .*",
     "« {value} » n'est pas une adresse web complète ; une adresse commençant par https:// ou http:// est attendue, comme https://efus.eu/"),
    (r"'?(?P<value>.*?)'? is not a date; .*", "« {value} » n'est pas une date ; " + DATE_FR),
    (r"'(?P<value>.*)' is not a real date .*", "« {value} » n'est pas une date qui existe ; " + DATE_FR),
    (r"'(?P<value>.*)' is not a plausible year for a source; .*", "« {value} » n'est pas une année plausible pour une source ; " + DATE_FR),
    (r"'(?P<value>.*)' is not a two-letter ISO 639-1 language code; (?:did you mean '(?P<hint>.+)'\? )?.*",
     "« {value} » n'est pas un code de langue ISO 639-1 à deux lettres ; {suggestion}un code en minuscules est attendu, comme en, fr, es, ca, nl, sv ou de"),
    (r"there is no recommendation chapter (?P<n>\d+); expected one of: (?P<all>.+)",
     "il n'y a pas de chapitre de recommandations {n} ; numéros attendus : {all}"),
    (r"'(?P<value>.*)' is not (?:allowed|an? [a-z ]+); (?:did you mean '(?P<hint>.+)'\? )?expected one of: (?P<all>.+?)(?: \(the files in .+\))?",
     "« {value} » n'est pas une valeur admise ; {suggestion}valeurs attendues : {all}"),
]


# A value expected, and a "did you mean", in French.
FRENCH_WORDS = {"a_value": "une valeur", "did_you_mean": "(vouliez-vous dire « {hint} » ?) "}
# The translations of the check's messages, by language: (message patterns, words they are completed with).
TRANSLATED = {"fr": (FRENCH, FRENCH_WORDS)}


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
        {"language": _file_language(problem.path), "field": problem.field, "message": _message(problem, language), "text": described(problem, language)}
        for problem in problems
    ]


def _message(problem: Problem, language: str) -> str:
    return problem.message if language == MODEL_LANGUAGE else _translated(problem.message, language)


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


def _translated(message: str, language: str) -> str:
    patterns, words = TRANSLATED.get(language, ([], {}))
    for pattern, translation in patterns:
        match = re.fullmatch(pattern, message)
        if match:
            found = {name: value or "" for name, value in match.groupdict().items()}
            if "expected" in found:
                found["expected"] = settings()["hints"][language].get(found["expected"], found["expected"] or words["a_value"])
            found["suggestion"] = words["did_you_mean"].format(hint=found["hint"]) if found.get("hint") else ""
            return translation.format(**found)
    return message + settings()["untranslated"][language]
