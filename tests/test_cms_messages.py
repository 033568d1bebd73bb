"""The French of the check's messages a form can lead to, worded from their codes and values."""

from __future__ import annotations

import string
import types
import typing

import pytest
from pydantic import BaseModel, ValidationError

from guidebook.cms.messages import described, refusal
from guidebook.cms.model import settings
from guidebook.content.load import inspect
from guidebook.content.messages import ENGLISH
from guidebook.content.problems import Problem
from guidebook.content.schema import KINDS
from guidebook.content.validate import error_message
from guidebook.languages import read
from sites import PROJECT, sheet, write_project, base_files

UNTRANSLATED = settings()["untranslated"]["fr"]


def _problems_of(tmp_path, **overrides) -> list[Problem]:
    files = base_files()
    files["practice_sheets/testville-case-management.en.md"] = sheet("en", **overrides)
    _, problems = inspect(write_project(tmp_path / "project", files))
    return [problem for problem in problems if problem.path.endswith("testville-case-management.en.md")]


@pytest.mark.parametrize(
    ("overrides", "french"),
    [
        ({"contact": {"email": "nobody"}}, "« nobody » n'est pas une adresse électronique"),
        ({"period": {"start": 2019, "end": 2017}}, "l'année de fin 2017 précède l'année de début 2019"),
        ({"period": {"start": 1980}}, "doit être supérieur ou égal à 1990"),
        ({"summary": ""}, "ne peut pas être vide"),
        ({"approaches": []}, "demande au moins un élément"),
        (
            {"pilot": "testvile"},
            "« testvile » n'est pas une valeur admise ; (vouliez-vous dire « testville » ?) valeurs attendues : testville",
        ),
        ({"recommendations": [7]}, "il n'y a pas de chapitre de recommandations 7 ; numéros attendus : 1"),
        ({"approaches": ["mentoring"]}, "« mentoring » n'est pas une valeur admise"),
        ({"contact": {"email": "a@b.org", "name": "A. Person"}}, "une personne à contacter nommée demande la date"),
        (
            {"sources": [{"title": "T", "publisher": "P", "url": "efus.eu", "language": "EN", "date": "2019-13"}]},
            "« efus.eu » n'est pas une adresse web complète",
        ),
        ({"sources": [{"title": "T", "publisher": "P", "language": "EN"}]}, "(vouliez-vous dire « en » ?)"),
        (
            {"sources": [{"title": "T", "publisher": "P", "language": "en", "date": "2019-13"}]},
            "« 2019-13 » n'est pas une date qui existe",
        ),
        (
            {"sources": [{"title": "T", "publisher": "P", "language": "en", "date": "March 2019"}]},
            "« March 2019 » n'est pas une date",
        ),
        (
            {"country": "uk"},
            "« uk » n'est pas un code de pays ISO 3166-1 à deux lettres ; (vouliez-vous dire « GB » ?)",
        ),
        (
            {"coordinates": "here"},
            "« Coordonnées » (coordinates) : n'est pas un champ de cette page ; champs possibles : title",
        ),
        ({"period": {"start": "soon"}}, "un nombre entier est attendu"),
        ({"contact": "contact@example.org"}, "des champs « nom : valeur » sont attendus"),
    ],
)
def test_the_check_s_messages_are_put_in_french(tmp_path, overrides, french):
    problems = _problems_of(tmp_path, **overrides)
    assert problems, "the check found nothing wrong"
    lines = [described(problem, "fr") for problem in problems]
    assert any(french in line for line in lines), lines
    assert not any(line.endswith(UNTRANSLATED) for line in lines), lines


def test_a_message_without_french_says_it_is_the_check_s_english():
    problem = Problem("docs/index.fr.md", 3, "title", "something new the check says")
    assert (
        described(problem, "fr")
        == f"docs/index.fr.md:3 : « Titre » (title) : something new the check says{UNTRANSLATED}"
    )
    assert refusal([problem], "en").splitlines() == [
        "This save is refused (the checks of guidebook check); nothing was written:",
        "• docs/index.fr.md:3: Title (title): something new the check says",
    ]


# Values of every shape a field could be given: pydantic answers each wrong one with one of its error types.
WRONG_VALUES = [
    None,
    True,
    "",
    " ",
    "x",
    "2019-13",
    "2019-02-30",
    "March 2019",
    1.5,
    -1,
    0,
    3000,
    10**20,
    float("nan"),
    float("inf"),
    [],
    {},
    ["x"],
    [1],
    {"x": 1},
    "a@b",
    200.0,
]


def _wrong_values(annotation: object, depth: int = 0) -> list:
    """WRONG_VALUES, and the same inside each list, group and group of groups the annotation holds."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _wrong_values(args[0], depth)
    values = list(WRONG_VALUES)
    if origin in (typing.Union, types.UnionType):
        values += [value for arg in args for value in _wrong_values(arg, depth)]
    if origin is list:
        values += [[value] for value in _wrong_values(args[0], depth)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and depth < 3:
        values += [
            {name: value}
            for name, info in annotation.model_fields.items()
            for value in _wrong_values(info.annotation, depth + 1)
        ]
    return values


def test_every_error_the_model_can_give_has_its_french():
    """Each error type pydantic gives for a wrong value of any field of any kind of page, and each of the
    model's own messages, has a French template; and no French template is left without its message."""
    codes: dict[str, str] = {}  # the check's code -> pydantic's error type
    languages = read(PROJECT)  # read once: parsing mkdocs.yml for each of the 4,000 values took 98 % of the time
    for kind, schema in KINDS.items():
        for value in _wrong_values(schema):
            with pytest.raises(ValidationError) as raised:
                schema.model_validate(value, context=languages)
            for item in raised.value.errors():
                codes.setdefault(error_message(item, schema, kind).code, item["type"])
    french = settings()["messages"]["fr"]
    untranslated = {code: error_type for code, error_type in codes.items() if code not in french}
    assert not untranslated, f"pydantic errors without French in guidebook/cms/fields.yml `messages`: {untranslated}"
    assert not set(ENGLISH) - set(french), "messages of guidebook/content/messages.py without French"
    assert not set(french) - set(ENGLISH) - set(codes), "French of a message the check never gives"
    assert {"string_too_short", "greater_than_equal", "int_parsing", "date_from_datetime_parsing"} <= set(codes)


def test_a_french_template_names_only_the_values_of_its_message():
    """A template naming a value its message lacks would fail when shown (a KeyError in the editor's server)."""
    french = settings()["messages"]["fr"]
    for code, english in ENGLISH.items():
        assert _names(french[code]) <= _names(english) | {"suggestion"}, code


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
