"""The site languages come from mkdocs.yml alone: a third takes its entry there and its strings file, no code."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guidebook import languages
from guidebook.commands.cli import main
from guidebook.errors import ConfigError
from guidebook.site.citations import language_name
from sites import PROJECT, base_files, build, fixture_config, write_project


@pytest.fixture
def german(tmp_path, monkeypatch):
    """The fixture project with German as a third language, without a single German page.

    Its strings file is the English one under another name: what is tested is that this file and the entry in
    mkdocs.yml are all a language needs, not the German words.
    """
    strings = tmp_path / "strings"
    shutil.copytree(languages.STRINGS_DIR, strings)
    shutil.copyfile(strings / "en.yml", strings / "de.yml")
    monkeypatch.setattr(languages, "STRINGS_DIR", strings)
    config = fixture_config()
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    i18n["languages"].append({"locale": "de", "name": "Deutsch", "build": True, "site_name": "PREPARE-Leitfaden"})
    return write_project(tmp_path / "project", base_files(), config)


def test_a_third_language_without_pages_is_built_with_every_page_falling_back(german):
    site = build(german).site
    assert languages.read(german).codes == ("en", "fr", "de")
    notice = languages.strings("de")["fallback_notice"].format(language=language_name("en", "de"))
    for page in (
        "de/index.html",
        "de/city-pilots/testville/index.html",
        "de/practice-sheets/testville-case-management/index.html",
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert '<html lang="de"' in html and notice in html, page
    catalogue = (site / "de/practice-sheets/index.html").read_text(encoding="utf-8")
    assert "Case management in Testville" in catalogue and 'data-approach="case-management"' in catalogue
    assert (site / "de/map/index.html").is_file() and (site / "de/search/search_index.json").is_file()
    assert (site / "de/practice-sheets/catalogue.json").is_file()
    assert '"language": "de"' in (site / "de/practice-sheets/catalogue.json").read_text(encoding="utf-8")


def test_guidebook_new_writes_a_translation_to_do_in_every_language(german):
    runner = CliRunner()
    result = runner.invoke(
        main, ["--project", str(german), "new", "practice-sheet", "Mentoring in Testville", "--pilot", "testville"]
    )
    assert result.exit_code == 0, result.output
    for language in ("fr", "de"):
        path = german / f"practice_sheets/mentoring-in-testville.{language}.md"
        awaiting = languages.new_page_strings(language)["awaiting_title"]
        assert f'!!! warning "{awaiting}"' in path.read_text(encoding="utf-8")
        assert f"Created practice_sheets/mentoring-in-testville.{language}.md (awaiting translation)" in result.output
    check = runner.invoke(main, ["--project", str(german), "check"])
    assert check.exit_code == 0, check.output


def test_a_language_without_strings_is_named_with_the_file_to_add(tmp_path):
    config = fixture_config()
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    i18n["languages"].append({"locale": "nl", "name": "Nederlands", "build": True})
    project = write_project(tmp_path / "project", base_files(), config)
    with pytest.raises(ConfigError, match=r"the site language 'nl' has no interface strings; add .*strings/nl\.yml"):
        languages.read(project)
    result = CliRunner().invoke(main, ["--project", str(project), "check"])
    assert result.exit_code == 1 and "the site language 'nl' has no interface strings" in result.output
    assert "Traceback" not in result.output


def test_libyaml_reads_mkdocs_yml_and_the_strings_as_pythons_parser_does():
    assert languages._FastSafeLoader is yaml.CSafeLoader, "the locked PyYAML wheel comes with libyaml"
    pure = type("Pure", (yaml.SafeLoader,), {})
    pure.add_multi_constructor("", lambda loader, suffix, node: None)
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert languages._read_config(text) == yaml.load(text, Loader=pure)
    for path in languages.STRINGS_DIR.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=languages._FastSafeLoader) == yaml.safe_load(text), path


@pytest.mark.parametrize(
    "nav",
    [
        "[" * 100_000,  # past the length libyaml reads: Python's parser, which stops at its recursion limit
        "[" * 4_990 + "]" * 4_990,  # within it: libyaml's composer, which recurses in C, then Python's constructor
        "\n" + "- " * 4_990 + "x",
    ],
    ids=["flow, long", "flow, within the fast parser's length", "block, within it"],
)
def test_a_deeply_nested_mkdocs_yml_is_said_and_never_crashes(tmp_path, nav):
    """libyaml's composer recurses in C, past Python's limit: deep enough nesting would kill the process."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ntheme:\n  language: xx\nnav: {nav}\n", encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("guidebook")), "--project", str(tmp_path), "check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert done.stderr == (
        f"{tmp_path / 'mkdocs.yml'}: its lists and mappings are nested too deeply to be read (thousands of levels); "
        "nest them less deeply, as the shipped mkdocs.yml does\n"
    )
