"""The site languages are a value read from each project, never state of the process: two projects with other
languages are loaded, checked and built side by side in one process, each as it would be alone. A build reads
mkdocs.yml twice: the content load for the languages, MkDocs for everything else."""

import ast
import builtins
import copy
import io
import traceback
from pathlib import Path

from guidebook import languages
from guidebook.content.load import inspect, load
from guidebook.site.catalogue import export
from sites import PROJECT, base_files, build, fixture_config, write_project


def _config(codes: list[str]) -> dict:
    """The fixture's mkdocs.yml building `codes`, the first the default language."""
    config = fixture_config()
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    by_code = {entry["locale"]: entry for entry in i18n["languages"]}
    i18n["languages"] = [{**copy.deepcopy(by_code[code]), "default": code == codes[0]} for code in codes]
    return config


def test_no_module_of_the_package_keeps_language_state():
    """No `global` statement rebinds a module's name, and the languages module offers no process-wide setting."""
    rebinding = [
        f"{path.relative_to(PROJECT)}:{node.lineno}: global {', '.join(node.names)}"
        for path in sorted((PROJECT / "guidebook").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]
    assert rebinding == []
    for name in ("use", "_current", "language_codes", "default_language"):
        assert not hasattr(languages, name), f"guidebook.languages.{name} would be process-wide language state"


def test_two_projects_in_other_languages_load_and_build_side_by_side(tmp_path):
    english_only = {name: text for name, text in base_files().items() if ".fr.md" not in name}
    english = write_project(tmp_path / "english", english_only, _config(["en"]))
    french_first = write_project(tmp_path / "french", base_files(), _config(["fr", "en"]))
    english_content, english_problems = inspect(english)
    french_content = load(french_first)  # read after the English one: it changes nothing of it
    assert english_problems == [] and english_content.languages.codes == ("en",)
    assert french_content.languages.codes == ("fr", "en")
    # The English project's pages and URLs are those of an English-only site, the French one's French-first.
    assert len(english_content.site_files()) == len(english_only)
    assert all(path.endswith(".en.md") for path in english_content.site_files())
    [english_sheet] = export(english_content, "en", "/")
    [french_sheet] = export(french_content, "fr", "/")
    assert english_sheet["url"] == "/practice-sheets/testville-case-management/" and english_sheet["alternates"] == {}
    assert french_sheet["url"] == "/practice-sheets/testville-case-management/"
    assert french_sheet["alternates"] == {"en": "/en/practice-sheets/testville-case-management/"}
    assert french_sheet["source_language"] == "fr" and english_sheet["source_language"] == "en"
    # Each builds as alone: the French one first, then the English one, in the same process.
    french_site = build(french_first).site
    english_site = build(english).site
    assert '<html lang="fr"' in (french_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (french_site / "en/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (english_site / "index.html").read_text(encoding="utf-8")
    assert not (english_site / "fr").exists() and not (english_site / "en").exists()
    # A French file in the English-only project is no page of it, whatever the other project allows.
    (english / "docs/index.fr.md").write_text((french_first / "docs/index.fr.md").read_text(encoding="utf-8"))
    _, problems = inspect(english)
    assert [(p.path, p.field) for p in problems] == [("docs/index.fr.md", "file name")]
    assert "'.fr' is not a site language; name the file 'index.en.md'" in problems[0].message


def test_a_build_with_its_pdfs_parses_mkdocs_yml_for_the_languages_and_for_mkdocs_only(tmp_path, monkeypatch):
    project = write_project(tmp_path / "project", base_files())
    config_file = project / "mkdocs.yml"
    readers = []
    real_open = io.open

    def reading(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and Path(file) == config_file:
            package = [frame for frame in traceback.extract_stack() if "/guidebook/" in frame.filename]
            readers.append(Path(package[-1].filename).relative_to(PROJECT).as_posix())
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", reading)
    monkeypatch.setattr(builtins, "open", reading)
    build(project, downloads=True)
    monkeypatch.undo()
    # The build stamp hashes the file and looks for the theme folder in it (buildstamp.py): no parse.
    parsed = [reader for reader in readers if reader != "guidebook/buildstamp.py"]
    assert parsed == ["guidebook/languages.py", "guidebook/html/configure.py"]
    assert (project / "site/guidebook-en.pdf").is_file()
