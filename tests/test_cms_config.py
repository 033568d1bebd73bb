"""The editor's configuration and pages (editor/admin/, editor/admin/fr/) follow the content model and the site languages."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from guidebook import languages
from guidebook.cms import config as editor_config, model as editor_model
from guidebook.cms.model import MODEL_LANGUAGE, form_fields, settings
from guidebook.content.schema import KINDS
from guidebook.content.vocabulary import label, vocabularies
from guidebook.errors import ConfigError
from guidebook.languages import SiteLanguages
from sites import PROJECT

SITE = languages.read(PROJECT)
LANGUAGES = SITE.codes
REGENERATE = "the shipped editor configuration differs from the content model: run `.venv/bin/guidebook editor-config` and commit editor/admin/"


def test_shipped_configuration_and_pages_are_the_generated_ones():
    generated = editor_config.admin_files(PROJECT)
    assert sorted(path.relative_to(PROJECT).as_posix() for path in generated) == sorted(
        f"editor/admin/{'' if language == 'en' else language + '/'}{name}"
        for language in LANGUAGES
        for name in ("config.yml", "index.html")
    )
    for path, text in generated.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(PROJECT)}: {REGENERATE}"


def test_each_interface_page_is_in_its_language_and_finds_decap_from_its_folder():
    english, french = (
        editor_config.admin_page(SITE, "en", ["practice-sheet"]),
        editor_config.admin_page(SITE, "fr", ["practice-sheet"]),
    )
    assert '<html lang="en">' in english and "<title>PREPARE guidebook editor</title>" in english
    assert '<html lang="fr">' in french and "<title>Éditeur du guide PREPARE</title>" in french
    assert (
        '<script src="decap/decap-cms.js"></script>' in english
        and '<script src="../decap/decap-cms.js"></script>' in french
    )


def test_a_change_of_the_model_is_seen_as_drift(monkeypatch):
    changed = {**vocabularies(), "approaches": [*vocabularies()["approaches"], "mentoring"]}
    monkeypatch.setattr(editor_config, "vocabularies", lambda: changed)
    monkeypatch.setattr(
        editor_config,
        "label",
        lambda vocabulary, code, language: "Mentoring" if code == "mentoring" else label(vocabulary, code, language),
    )
    shipped = editor_config.config_path(PROJECT, SITE, "en").read_text(encoding="utf-8")
    assert shipped != editor_config.config_text(PROJECT, SITE, "en")


def test_every_field_and_description_has_its_labels_and_help_in_every_site_language():
    missing = []
    for model in _models():
        for field in form_fields(model):
            if field.name not in settings()["labels"]:
                missing.append(f"labels: {field.name}")
            for language in set(LANGUAGES) - {MODEL_LANGUAGE}:
                if field.info.description not in settings()["hints"][language]:
                    missing.append(f"hints: {language}: {field.info.description!r}")
    assert missing == [], f"guidebook/cms/fields.yml lacks: {sorted(set(missing))}"


def test_a_site_language_without_the_editor_words_is_named_with_the_file_to_complete(monkeypatch):
    with pytest.raises(
        ConfigError,
        match=r"fields\.yml: the site language 'de' has no editor words for labels: title, .* and more; add them",
    ):
        editor_config.config_text(PROJECT, SiteLanguages(("en", "fr", "de")), "en")


def _models():
    seen, todo = [], list(KINDS.values())
    while todo:
        model = todo.pop()
        if model not in seen:
            seen.append(model)
            todo += [field.type.group for field in form_fields(model) if field.type.group]
    return seen


def _collections(language: str) -> dict[str, dict]:
    config = yaml.safe_load(editor_config.config_path(PROJECT, SITE, language).read_text(encoding="utf-8"))
    return {collection["name"]: collection for collection in config["collections"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_kind_has_its_collection_with_every_field_of_the_model(language):
    collections = _collections(language)
    for kind in ("practice-sheet", "pilot", "recommendation", "country"):
        fields = {field["name"]: field for field in collections[kind]["fields"]}
        model = KINDS[kind]
        assert set(fields) == set(model.model_fields) - {"source_hash"} | {"body"}
        for name, info in model.model_fields.items():
            if name != "source_hash":
                assert fields[name]["required"] == (
                    info.is_required() and name not in ("partners", "justice_stages", "target_groups")
                ), name
    assert any(name.startswith("pages-") for name in collections)


def test_selects_offer_the_vocabulary_with_its_labels_in_the_interface_language():
    for language in LANGUAGES:
        sheet = {field["name"]: field for field in _collections(language)["practice-sheet"]["fields"]}
        approaches = {option["value"]: option["label"] for option in sheet["approaches"]["options"]}
        assert approaches == {code: label("approaches", code, language) for code in vocabularies()["approaches"]}
        assert sheet["approaches"]["multiple"] is True and sheet["approaches"]["min"] == 1
        countries = {option["value"]: option["label"] for option in sheet["country"]["options"]}
        assert countries["BE"] == {"en": "Belgium", "fr": "Belgique"}[language]
    french = {field["name"]: field for field in _collections("fr")["practice-sheet"]["fields"]}
    assert french["summary"]["label"] == "Résumé"
    assert french["summary"]["hint"] == "Une ou deux phrases décrivant la pratique."


def test_translated_fields_are_edited_per_language_and_the_others_once():
    sheet = {field["name"]: field for field in _collections("en")["practice-sheet"]["fields"]}
    assert sheet["title"]["i18n"] is True and sheet["body"]["i18n"] is True
    assert sheet["country"]["i18n"] == "duplicate" and sheet["approaches"]["i18n"] == "duplicate"
    evaluation = {field["name"]: field for field in sheet["evaluation"]["fields"]}
    assert evaluation["note"]["i18n"] is True and evaluation["status"]["i18n"] == "duplicate"
    period = {field["name"]: field for field in sheet["period"]["fields"]}
    assert period["start"]["i18n"] == "duplicate" and period["start"]["required"] is False  # the period may be left out


def test_locales_come_from_the_site_languages():
    config = yaml.safe_load(editor_config.config_path(PROJECT, SITE, "fr").read_text(encoding="utf-8"))
    # The interface's language first and Decap's default: its titles in lists and selects, its column on the left.
    assert config["i18n"] == {"structure": "multiple_files", "locales": ["fr", "en"], "default_locale": "fr"}
    assert config["locale"] == "fr" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"


@pytest.fixture
def german_editor(tmp_path, monkeypatch):
    """German as a third site language, its strings and editor words those of English under another code: what
    is tested is that they are all the editor needs, not the German words."""
    strings = tmp_path / "strings"
    shutil.copytree(languages.STRINGS_DIR, strings)
    shutil.copyfile(strings / "en.yml", strings / "de.yml")
    monkeypatch.setattr(languages, "STRINGS_DIR", strings)
    monkeypatch.setattr(editor_config, "read", lambda project: SiteLanguages(("en", "fr", "de")))
    words = yaml.safe_load(editor_model.SETTINGS_FILE.read_text(encoding="utf-8"))
    for entry in [
        *words["labels"].values(),
        *(labels for values in words["choices"].values() for labels in values.values()),
    ]:
        entry["de"] = entry["en"]
    for names in words["collections"].values():
        names.update(de=names["en"], de_one=names["en_one"])
    for text_format in [*words["formats"].values(), *words["preview"].values()]:
        text_format["de"] = text_format["en"]
    for key in editor_model.PER_LANGUAGE:
        words[key]["de"] = words[key]["en"]
    words["hints"]["de"] = {description: description for description in words["hints"]["fr"]}
    words["untranslated"]["de"] = " (in English)"
    (tmp_path / "fields.yml").write_text(yaml.safe_dump(words, allow_unicode=True), encoding="utf-8")
    settings.cache_clear()
    monkeypatch.setattr(editor_model, "SETTINGS_FILE", tmp_path / "fields.yml")
    yield
    settings.cache_clear()


def test_a_third_site_language_with_its_editor_words_gets_its_interface_and_locale(german_editor):
    files = {path.relative_to(PROJECT).as_posix(): text for path, text in editor_config.admin_files(PROJECT).items()}
    assert {"editor/admin/de/config.yml", "editor/admin/de/index.html"} <= set(files)
    german = yaml.safe_load(files["editor/admin/de/config.yml"])
    assert german["locale"] == "de" and german["i18n"]["locales"] == ["de", "en", "fr"]
    assert (
        german["local_backend"]["url"] == "http://127.0.0.1:8081/api/de/v1"
        and german["site_url"] == "http://127.0.0.1:8000/de/"
    )
    assert yaml.safe_load(files["editor/admin/config.yml"])["i18n"]["locales"] == ["en", "fr", "de"]
    assert '<html lang="de">' in files["editor/admin/de/index.html"]


def _fields_with_pattern(fields: list[dict]) -> dict[str, list]:
    found = {}
    for field in fields:
        if "pattern" in field:
            found[field["name"]] = field["pattern"]
        found.update(_fields_with_pattern(field.get("fields", [])))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_of_a_known_form_is_checked_on_the_field_with_an_example(language):
    """A date typed day first, an address without https://...: refused under the field as it is typed, in the
    interface's language, never dropped; the patterns accept what the check accepts."""
    sheet = next(
        c for c in editor_config.editor_config(PROJECT, SITE, language)["collections"] if c["name"] == "practice-sheet"
    )
    patterns = _fields_with_pattern(sheet["fields"])
    assert sorted(patterns) == ["date", "email", "language", "url"]
    accepted = {
        "date": ["2019", "2019-03", "2019-03-12"],
        "email": ["contact@efus.eu"],
        "language": ["en", "ca"],
        "url": ["https://efus.eu/"],
    }
    refused = {
        "date": ["12/03/2019", "12-03-2019", "March 2019", "19"],
        "email": ["contact(at)efus.eu", "contact@efus"],
        "language": ["EN", "eng", "français"],
        "url": ["efus.eu", "www.efus.eu", "javascript:alert(1)"],
    }
    for name, (pattern, message) in patterns.items():
        assert all(re.fullmatch(pattern, value) for value in accepted[name]), name
        assert not any(re.fullmatch(pattern, value) for value in refused[name]), name
        assert any(example in message for example in accepted[name]), message  # says what to write
    assert (
        "2019-03-12 (et non 12/03/2019)" in patterns["date"][1]
        if language == "fr"
        else "(not 12/03/2019)" in patterns["date"][1]
    )
