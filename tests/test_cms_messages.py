"""The French of the check's messages a form can lead to: each pattern still matches what the check says."""

from __future__ import annotations

import pytest

from guidebook.cms.messages import described, refusal
from guidebook.cms.model import settings
from guidebook.content.load import inspect
from guidebook.content.problems import Problem
from sites import sheet, write_project, base_files

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
        ({"pilot": "testvile"}, "« testvile » n'est pas une valeur admise ; (vouliez-vous dire « testville » ?) valeurs attendues : testville"),
        ({"recommendations": [7]}, "il n'y a pas de chapitre de recommandations 7 ; numéros attendus : 1"),
        ({"approaches": ["mentoring"]}, "« mentoring » n'est pas une valeur admise"),
        ({"contact": {"email": "a@b.org", "name": "A. Person"}}, "une personne à contacter nommée demande la date"),
        ({"sources": [{"title": "T", "publisher": "P", "url": "efus.eu", "language": "EN", "date": "2019-13"}]},
         "« efus.eu » n'est pas une adresse web complète"),
        ({"sources": [{"title": "T", "publisher": "P", "language": "EN"}]}, "(vouliez-vous dire « en » ?)"),
        ({"sources": [{"title": "T", "publisher": "P", "language": "en", "date": "2019-13"}]}, "« 2019-13 » n'est pas une date qui existe"),
        ({"sources": [{"title": "T", "publisher": "P", "language": "en", "date": "March 2019"}]}, "« March 2019 » n'est pas une date"),
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
    assert described(problem, "fr") == f"docs/index.fr.md:3 : « Titre » (title) : something new the check says{UNTRANSLATED}"
    assert refusal([problem], "en").splitlines() == [
        "This save is refused (the checks of guidebook check); nothing was written:",
        "• docs/index.fr.md:3: Title (title): something new the check says",
    ]
