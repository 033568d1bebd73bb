"""The `sources` front matter field: each malformed value is named with file, line and field; dates normalised."""

import re
from datetime import date

import pytest

from guidebook.content import load as content
from guidebook.content.sources import normalise_date
from sites import base_files, sheet, write_project

SHEET = "practice_sheets/testville-case-management.en.md"
FRENCH_SHEET = "practice_sheets/testville-case-management.fr.md"
GOOD_SOURCE = {
    "title": "Local activities",
    "publisher": "Efus",
    "url": "https://efus.eu/local",
    "date": 2019,
    "language": "en",
}


def _problems(tmp_path, files):
    _, problems = content.inspect(write_project(tmp_path / "project", files))
    return [str(problem) for problem in problems]


def _with_sources(text: str, sources: str | None) -> str:
    """The page with its `sources` replaced by `sources` (YAML flow style), or without any when None."""
    new = "" if sources is None else f"sources: {sources}\n"
    replaced, count = re.subn(r"^sources:\n(?:[- ] .*\n)*", new, text, flags=re.MULTILINE)
    assert count == 1
    return replaced


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


# case: (the source's faulty field and value, field named in the message, wording that says what is expected)
CASES = {
    "relative address": (
        {"url": "efus.eu/local"},
        "sources.0.url",
        "is not an absolute web address; expected one starting with https://",
    ),
    "other scheme": ({"url": "ftp://efus.eu/local"}, "sources.0.url", "is not an absolute web address"),
    "space in address": (
        {"url": "https://efus.eu/local activities"},
        "sources.0.url",
        "is not an absolute web address",
    ),
    "language name": (
        {"language": "English"},
        "sources.0.language",
        "'English' is not a two-letter ISO 639-1 language code",
    ),
    "unknown language": ({"language": "zz"}, "sources.0.language", "expected a lower-case code such as en, fr"),
    "capital language": ({"language": "FR"}, "sources.0.language", "did you mean 'fr'?"),
    "month 13": ({"date": "2019-13"}, "sources.0.date", "'2019-13' is not a real date"),
    "words for a date": (
        {"date": "March 2019"},
        "sources.0.date",
        "expected a year, a month or a day: 2019, 2019-03 or 2019-03-12",
    ),
    "no publisher": ({"publisher": None}, "sources.0.publisher", ""),
}


@pytest.mark.parametrize("case", CASES)
def test_a_malformed_source_is_named_with_file_line_and_field(tmp_path, case):
    change, field, expected = CASES[case]
    source = {key: value for key, value in {**GOOD_SOURCE, **change}.items() if value is not None}
    files = base_files()
    files[SHEET] = sheet("en", sources=[source])
    faulty_key = next(iter(change))
    line = (
        _line_of(files[SHEET], f"  {faulty_key}:") if faulty_key in source else _line_of(files[SHEET], "- title: Local")
    )

    problems = _problems(tmp_path, files)

    assert any(p.startswith(f"{SHEET}:{line}: {field}: ") and expected in p for p in problems), problems


def test_a_source_gives_its_date_as_a_year_a_month_or_a_day(tmp_path):
    files = base_files()
    sources = [{**GOOD_SOURCE, "date": value} for value in (2019, "2019-03", date(2019, 3, 12))]
    files[SHEET] = sheet("en", sources=sources)

    repository, problems = content.inspect(write_project(tmp_path / "project", files))

    assert problems == []
    model = repository.entries["practice-sheets/testville-case-management"].model("en")
    assert [source.date for source in model.sources] == ["2019", "2019-03", "2019-03-12"]


@pytest.mark.parametrize("value", [True, 2019.5, "2019-3", "19-03-12", "1850"])
def test_a_date_that_is_no_year_month_or_day_is_refused(value):
    with pytest.raises(ValueError, match="expected a year, a month or a day|plausible year"):
        normalise_date(value)


def test_a_translation_inherits_the_sources_it_leaves_out_or_gives_its_own(tmp_path):
    french_source = {**GOOD_SOURCE, "title": "Activités locales", "language": "fr"}
    files = base_files()
    files[SHEET] = sheet("en", sources=[GOOD_SOURCE])
    files[FRENCH_SHEET] = _with_sources(sheet("fr"), None)  # no sources: the English ones apply
    files["city_pilots/testville.en.md"] = _with_sources(files["city_pilots/testville.en.md"], "[]")
    files["city_pilots/testville.fr.md"] = _with_sources(
        files["city_pilots/testville.fr.md"], "[{title: Activités locales, publisher: Efus, language: fr}]"
    )

    repository, problems = content.inspect(write_project(tmp_path / "project", files))

    assert problems == []
    sheet_entry = repository.entries["practice-sheets/testville-case-management"]
    assert [s.title for s in sheet_entry.model("fr").sources] == ["Local activities"]
    pilot = repository.entries["city-pilots/testville"]
    assert pilot.model("en").sources == []
    assert [s.title for s in pilot.model("fr").sources] == [french_source["title"]]


def test_check_warns_about_a_published_sheet_pilot_or_country_article_citing_no_public_source(tmp_path):
    from guidebook.content.validate import uncited

    printed = {key: value for key, value in GOOD_SOURCE.items() if key != "url"}
    pilot, french_pilot = "city_pilots/testville.en.md", "city_pilots/testville.fr.md"
    files = base_files()
    files[SHEET] = sheet("en", sources=[printed])  # a printed document only; the French sheet cites a web page
    files[pilot] = _with_sources(
        files[pilot], "[{title: Testville, publisher: City, language: en}]"
    )  # inherited in French
    # The Belgium article cites nothing, but it is a draft.
    repository, problems = content.inspect(write_project(tmp_path / "project", files))
    assert problems == []

    warnings = sorted(str(problem) for problem in uncited(repository))

    expected = "cites at least one public source: add to 'sources' a web page it comes from, with its url"
    assert warnings == [
        f"{pilot}:{_line_of(files[pilot], 'sources:')}: sources: a published city pilot {expected}",
        f"{SHEET}:{_line_of(files[SHEET], 'sources:')}: sources: a published practice sheet {expected}",
    ]
    assert french_pilot not in " ".join(warnings)
    assert all(problem.severity == "warning" for problem in uncited(repository))
