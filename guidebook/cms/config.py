"""The Decap CMS configuration, generated from the content model, one file per interface language.

`guidebook editor-config` writes editor/admin/config.yml (the default language's interface) and
editor/admin/<code>/config.yml for each other site language; tests/test_cms_config.py fails when they differ from what the
model, the vocabularies and the pages of the project give now.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pycountry
import yaml

from ..content.layout import walk
from ..content.schema import KINDS
from ..content.vocabulary import country_name, label, vocabularies
from ..languages import default_language, language_codes, strings
from ..site.citations import language_name
from .model import MODEL_LANGUAGE, FieldType, FormField, form_fields, in_form_order, interface_languages, settings

ADMIN_DIR = Path("editor") / "admin"
HEADER = "# Generated from guidebook/content/schema.py and guidebook/cms/fields.yml by `guidebook editor-config`; do not edit.\n"
# Where `make edit` serves the editor and its API (guidebook/cms/server.py; Decap wants an absolute
# address, which the server rewrites when it listens on another port) and the live preview.
EDITOR_ADDRESS = "http://127.0.0.1:8081"
API_PATH = "/api/{language}/v1"
PREVIEW_ADDRESS = "http://127.0.0.1:8000/"


def config_path(root: Path, language: str) -> Path:
    return root / ADMIN_DIR / ("" if language == default_language() else language) / "config.yml"


def config_text(root: Path, language: str) -> str:
    return HEADER + yaml.safe_dump(editor_config(root, language), allow_unicode=True, sort_keys=False, width=120)


def write_configs(root: Path) -> list[Path]:
    """Write the configuration of every interface language; return the files that changed."""
    texts = {config_path(root, language): config_text(root, language) for language in interface_languages()}  # all, or none
    changed = [path for path, text in texts.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(texts[path], encoding="utf-8")
    return changed


def editor_config(root: Path, language: str) -> dict:
    options = settings()
    return {
        "locale": language,
        "backend": options["backend"],
        "publish_mode": "editorial_workflow",
        "local_backend": {"url": EDITOR_ADDRESS + API_PATH.format(language=language)},
        "site_url": PREVIEW_ADDRESS + ("" if language == default_language() else f"{language}/"),
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "i18n": {"structure": "multiple_files", "locales": list(interface_languages()), "default_locale": default_language()},
        "collections": _collections(root, language),
    }


def _collections(root: Path, language: str) -> list[dict]:
    """One collection per kind of page; pages, being in several folders, get one per folder."""
    found = []
    for kind, names in settings()["collections"].items():
        folders = page_folders(root) if kind == "page" else [names["folder"]]
        for folder in folders:
            label = names[language] if kind != "page" else f"{names[language]} ({folder}/)"
            name = kind if kind != "page" else f"pages-{folder.replace('/', '-')}"
            found.append(_collection(kind, name, label, folder, language))
    return found


def _collection(kind: str, name: str, label: str, folder: str, language: str) -> dict:
    fields = [_field(field, language, translated=None) for field in in_form_order(KINDS[kind])] + [_body(kind, language)]
    return {
        "name": name,
        "label": label,
        "label_singular": settings()["collections"][kind][f"{language}_one"],
        "i18n": True,
        "folder": folder,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,  # other pages may link to it: deleting is done in a pull request
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "fields": fields,
    }


def page_folders(root: Path) -> list[str]:
    """The folders holding pages of kind 'page', except those of another kind's collection (their index pages
    are left out: the editor's server lists a folder for one kind)."""
    kind_folders = {names.get("folder") for names in settings()["collections"].values()}
    found = {
        content_file.path.parent.relative_to(root).as_posix()
        for content_file in walk(root)
        if content_file.is_markdown and content_file.kind == "page" and content_file.language in language_codes()
    }
    return sorted(found - kind_folders)


def _field(field: FormField, language: str, translated: bool | None, parent: str = "", optional: bool = False) -> dict:
    """The Decap field of one model field; `translated` says whether the enclosing field is (None at the top).

    The fields of a group that may be left out are not required by the form (the check names the one missing
    when the group is half filled in)."""
    options = settings()
    if translated is None:
        own = field.name in options["translated"]
    else:
        own = translated and field.name not in options["shared"]
    decap = {
        "label": _label(field.name, parent, language),
        "name": field.name,
        "required": field.required and not optional,
        "hint": _hint(field.info.description or "", language),
        # Decap takes only true for an object, whose fields are then each translated or duplicated.
        "i18n": True if own or (field.type.kind == "group" and not field.type.many) else "duplicate",
    }
    if field.name in settings()["defaults"]:
        decap["default"] = settings()["defaults"][field.name]
    return {**decap, **_widget(field, language, own, optional or not field.required)}


def _widget(field: FormField, language: str, translated: bool, optional: bool) -> dict:
    value = field.type
    relation = settings()["relations"].get(field.name)
    if relation:
        return {
            "widget": "relation",
            "collection": relation["collection"],
            "value_field": relation["value_field"],
            "search_fields": ["title"],
            "display_fields": ["title"],
            "multiple": value.many,
            **({"min": value.min_items} if value.min_items else {}),
            "options_length": 100,
        }
    if value.kind == "choice":
        chosen = {"widget": "select", "options": _choices(value, language), "multiple": value.many}
        return {**chosen, **({"min": value.min_items} if value.min_items else {})}
    if value.kind == "group":
        inner = [_field(inner, language, translated, field.name, optional and not value.many) for inner in form_fields(value.group)]
        if value.many:
            return {"widget": "list", "fields": inner, **({"min": value.min_items} if value.min_items else {})}
        return {"widget": "object", "fields": inner}
    return _scalar(field.name, value)


def _scalar(name: str, value: FieldType) -> dict:
    if value.kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if value.kind in ("int", "float"):
        limits = {key: limit for key, limit in (("min", value.minimum), ("max", value.maximum)) if limit is not None}
        return {"widget": "number", "value_type": value.kind, **limits}
    return {"widget": "text" if name in settings()["multiline"] else "string"}


def _choices(value: FieldType, language: str) -> list[dict]:
    if value.vocabulary == "country":
        codes = [country.alpha_2 for country in pycountry.countries]
        options = [{"label": country_name(code, language), "value": code} for code in codes]
        return sorted(options, key=lambda option: _collation_key(option["label"]))
    if value.vocabulary == "language":
        return [{"label": language_name(code, language), "value": code} for code in language_codes()]
    if value.choices:
        labels = settings()["choices"][value.vocabulary]
        return [{"label": labels[code][language], "value": code} for code in value.choices]
    return [{"label": label(value.vocabulary, code, language), "value": code} for code in vocabularies()[value.vocabulary]]


def _collation_key(label: str) -> str:
    """Accented letters sort with their base letter (Bénin before Bermudes), as a reader expects."""
    return "".join(c for c in unicodedata.normalize("NFKD", label.casefold()) if not unicodedata.combining(c))


def _body(kind: str, language: str) -> dict:
    body = {"label": _label("body", "", language), "name": "body", "widget": "markdown", "i18n": True, "required": False}
    if kind == "practice-sheet":
        colon = settings()["colon"][language]
        sections = "; ".join(f"{language_name(code, language)}{colon}{', '.join(strings()[code]['sheet_sections'])}" for code in language_codes())
        body["hint"] = f"{settings()['sections_hint'][language]}{colon}{sections}."
    return body


def _label(name: str, parent: str, language: str) -> str:
    labels = settings()["labels"]
    return (labels.get(f"{parent}.{name}") or labels[name])[language]


def _hint(description: str, language: str) -> str:
    return description if language == MODEL_LANGUAGE else settings()["hints"][language][description]
