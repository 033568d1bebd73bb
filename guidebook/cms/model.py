"""The content model seen as form fields: what kind of value each field of `guidebook.schema` holds.

Read by the configuration generator (which widget, which choices) and by the save step (which values to
leave out or convert), so both follow the one model.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from annotated_types import Ge, Le, MinLen
from pydantic import AfterValidator, BaseModel, BeforeValidator
from pydantic.fields import FieldInfo

from ..content.schema import Email, PageBase
from ..content.sources import check_language, check_url, normalise_date
from ..content.vocabulary import check_code, check_country, check_site_language
from ..errors import ConfigError
from ..languages import SiteLanguages

SETTINGS_FILE = Path(__file__).with_name("fields.yml")
# The language of the model's descriptions and of the check's messages: the others have their translations.
MODEL_LANGUAGE = "en"
# The entries of fields.yml every interface language has its own words in.
PER_LANGUAGE = (
    "page_title",
    "colon",
    "field_label",
    "sections_hint",
    "refusal",
    "conflict",
    "reload",
    "decap_phrases_local",
    "translation_states",
    "refused_on_fields",
    "commit_messages",
    "publish_message",
    "publish_conflict",
    "publish_dirty",
    "publish_not_ready",
    "publish_moved",
)
# Text whose form the check knows, by its validator: the editor checks it on the field (fields.yml `formats`).
FORMATS = {
    check_url: "url",
    normalise_date: "source_date",
    check_language: "language_code",
    typing.get_args(Email)[1].func: "email",
}
# Written by the editor's server, never typed into the form.
BOOKKEEPING = ("source_hash",)


@dataclass(frozen=True)
class FieldType:
    """The value of one field: its kind, whether a list of them, and its constraints."""

    kind: str  # text, int, float, date, group or choice
    many: bool = False
    optional: bool = False
    group: type[BaseModel] | None = None
    vocabulary: str = ""  # of vocabularies.yml, "country", "language" or, for literal choices, the field's name
    choices: tuple[str, ...] = ()  # literal choices
    minimum: float | None = None
    maximum: float | None = None
    min_items: int = 0
    format: str | None = None  # of FORMATS, for text


@dataclass(frozen=True)
class FormField:
    name: str
    info: FieldInfo
    type: FieldType

    @property
    def required(self) -> bool:
        """Whether the form must have a value: a list that may be empty is required in the model but not in the form."""
        return self.info.is_required() and not self.type.optional and (not self.type.many or self.type.min_items > 0)


@cache
def settings() -> dict:
    return yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))


def interface_languages(languages: SiteLanguages) -> tuple[str, ...]:
    """The site languages, the editor's interface languages: ConfigError when fields.yml lacks the words of one."""
    for code in languages.codes:
        missing = _missing_words(code)
        if missing:
            raise ConfigError(
                f"{SETTINGS_FILE}: the site language '{code}' has no editor words for {', '.join(missing[:5])}"
                f"{' and more' if len(missing) > 5 else ''}; add them beside the English and French ones"
            )
    return languages.codes


def _missing_words(code: str) -> list[str]:
    words = settings()
    missing = [f"labels: {name}" for name, labels in words["labels"].items() if code not in labels]
    missing += [
        f"collections: {kind}"
        for kind, names in words["collections"].items()
        if not {code, f"{code}_one"} <= set(names)
    ]
    missing += [
        f"choices: {name}.{value}"
        for name, values in words["choices"].items()
        for value, labels in values.items()
        if code not in labels
    ]
    missing += [key for key in PER_LANGUAGE if code not in words[key]]
    missing += [f"formats: {name}" for name, text_format in words["formats"].items() if code not in text_format]
    missing += [f"preview: {key}" for key, texts in words["preview"].items() if code not in texts]
    if code != MODEL_LANGUAGE:  # the model's own words need no translation
        missing += [key for key in ("hints", "untranslated") if code not in words[key]]
    return missing


def form_fields(model: type[BaseModel]) -> list[FormField]:
    """The fields of `model` an editor fills in, in the model's order."""
    return [
        FormField(name, info, field_type(name, info.annotation, list(info.metadata)))
        for name, info in model.model_fields.items()
        if name not in BOOKKEEPING
    ]


def in_form_order(model: type[BaseModel]) -> list[FormField]:
    """Title and summary, then the fields of this kind of page, then those every page has (the order of the
    project's files)."""
    fields = form_fields(model)
    first = ["title", "summary"]
    common = set(PageBase.model_fields) - set(first)
    return sorted(fields, key=lambda field: (field.name not in first, field.name in common))


def field_type(name: str, annotation: object, metadata: list) -> FieldType:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        # Field(...) inside Annotated carries its constraints in its own metadata.
        inner = [part for item in args[1:] for part in (item.metadata if isinstance(item, FieldInfo) else [item])]
        return field_type(name, args[0], [*inner, *metadata])
    if origin in (typing.Union, types.UnionType):
        present = field_type(name, next(arg for arg in args if arg is not type(None)), metadata)
        return _replace(present, optional=True)
    if origin is list:
        min_items = next((item.min_length for item in metadata if isinstance(item, MinLen)), 0)
        return _replace(field_type(name, args[0], []), many=True, min_items=min_items)
    if origin is typing.Literal:  # labelled by fields.yml's `choices`
        return FieldType("choice", vocabulary=name, choices=tuple(str(arg) for arg in args))
    vocabulary = next(filter(None, (_vocabulary_of(item) for item in metadata)), None)
    if vocabulary:
        return FieldType("choice", vocabulary=vocabulary)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldType("group", group=annotation)
    kinds: dict[object, str] = {str: "text", int: "int", float: "float", date: "date"}
    kind = kinds[annotation]
    minimum = next((item.ge for item in metadata if isinstance(item, Ge) and isinstance(item.ge, int | float)), None)
    maximum = next((item.le for item in metadata if isinstance(item, Le) and isinstance(item.le, int | float)), None)
    text_format = next(
        (
            FORMATS[item.func]
            for item in metadata
            if isinstance(item, AfterValidator | BeforeValidator) and item.func in FORMATS
        ),
        None,
    )
    return FieldType(kind, minimum=minimum, maximum=maximum, format=text_format)


def _replace(field: FieldType, **changes) -> FieldType:
    return FieldType(**{**field.__dict__, **changes})


def _vocabulary_of(item: object) -> str | None:
    if not isinstance(item, AfterValidator):
        return None
    if item.func is check_country:
        return "country"
    if item.func is check_site_language:
        return "language"
    if isinstance(item.func, functools.partial) and item.func.func is check_code:
        return item.func.args[0]
    return None
