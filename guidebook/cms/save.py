"""What the editor saves: the files Decap sends, made into what `guidebook check` accepts, or refused.

A save is written only when `guidebook check`, run on the project as it would be after the save, finds no
error in the saved files. Before that check, the files are put in the project's form: fields left empty
are left out (never `null` or `''`), lists the model requires but allows empty are written `[]`, values
follow the model's field order and types, `last_reviewed` is set, an empty practice sheet gets the sections
of its language's template, and the translation's `source_hash` is handled as `guidebook status --mark`
does (see `_set_source_hash`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from .. import languages
from ..content.freshness import HASH_FIELD, fingerprint
from ..content.frontmatter import SourceFile, read_source
from ..content.layout import COLLECTIONS, DOCS_DIR, ContentFile
from ..content.load import inspect
from ..content.messages import missing
from ..content.problems import Problem
from ..content.schema import KINDS
from ..errors import ContentError
from ..languages import SiteLanguages, strings
from .house_yaml import Flow, Quoted, dump, styled
from .model import FormField, form_fields, in_form_order, settings
from .translations import FIELD as LIST_ONLY  # shown in the editor's lists, never written

MOUNT_OF_FOLDER = {folder: mount for mount, folder in COLLECTIONS.items()}
CONFIG_FILE = "mkdocs.yml"


class SaveRefused(ContentError):
    """The save would give files `guidebook check` refuses; nothing was written."""

    def report(self) -> str:
        return "\n".join([*map(str, self.problems), "The save is refused; nothing was written."])


@dataclass
class Draft:
    """One language version of the entry being saved."""

    path: str  # relative to the project, e.g. practice_sheets/slug.fr.md
    content_file: ContentFile
    meta: dict
    body: str

    @property
    def language(self) -> str:
        language = self.content_file.language
        if language is None:  # content_file() refuses a file without one
            raise ValueError(f"{self.path} has no site language")
        return language

    def text(self) -> str:
        front = dump(self.meta) if self.meta else ""
        return f"---\n{front}---\n\n{self.body.strip()}\n"


def content_file(root: Path, path: str, site_languages: SiteLanguages) -> ContentFile:
    """The content file at `path` (relative to the project), refused when it is no page of the guidebook."""
    relative = PurePosixPath(path)
    top = relative.parts[0] if relative.parts else ""
    if ".." in relative.parts or relative.is_absolute() or top not in (DOCS_DIR, *MOUNT_OF_FOLDER):
        raise SaveRefused(
            [
                Problem(
                    path,
                    1,
                    "file name",
                    f"is not a page of the guidebook; pages are in {DOCS_DIR}/ and {', '.join(MOUNT_OF_FOLDER)}/",
                )
            ]
        )
    inside = relative.relative_to(top)
    site_path = inside if top == DOCS_DIR else PurePosixPath(MOUNT_OF_FOLDER[top]) / inside
    found = ContentFile(root / relative, site_path)
    if not site_languages.knows(found.language):
        raise SaveRefused(
            [
                Problem(
                    path,
                    1,
                    "file name",
                    f"has no site language; name it slug.{'.md or slug.'.join(site_languages.codes)}.md",
                )
            ]
        )
    return found


def save(root: Path, files: dict[str, str], today: date) -> list[str]:
    """Check and write the language versions of one entry (path -> the text Decap made); return the paths written.

    Decap sends every language of the entry; a file whose content the save does not change is left as it
    is, byte for byte (a fix of the French must not reach a reviewer as a change to the English)."""
    # Read from the project as it is now: a broken mkdocs.yml is named where the editor's user can mend it.
    site_languages = languages.read(root)
    with tempfile.TemporaryDirectory(prefix="guidebook-save-") as scratch:
        overlay = _overlay(root, Path(scratch))
        drafts = [prepare_draft(root, site_languages, overlay, path, raw, today) for path, raw in sorted(files.items())]
        kept = {
            draft.path for draft in drafts if _same_as_file(root, draft, today)
        }  # sources: before their hash is used
        _set_source_hash(root, overlay, drafts, kept, site_languages.default)
        kept |= {draft.path for draft in drafts if _same_as_file(root, draft, today)}
        changed = [draft for draft in drafts if draft.path not in kept]
        for draft in changed:
            _write(overlay / draft.path, draft.text())
        saved = {draft.path for draft in drafts}
        _, problems = inspect(overlay, check_bodies=saved)  # only the saved files' problems refuse the save
        # A field missing from a new translation can be named by both the editor's rule and the check: once.
        refused = sorted(
            set(_untranslated(root, drafts, site_languages.default))
            | {p for p in problems if p.severity == "error" and p.path in saved}
        )
        if refused:
            raise SaveRefused(refused)
        for draft in changed:
            _write(root / draft.path, draft.text())
    return [draft.path for draft in changed]


def _model_meta(meta: dict, kind: str, today: date) -> dict:
    """Front matter in the model's form, `last_reviewed` set to `today` when it has none."""
    return _in_model_form(
        {**meta, "last_reviewed": meta.get("last_reviewed") or today}, in_form_order(KINDS[kind]), top=True
    )


def _same_as_file(root: Path, draft: Draft, today: date) -> bool:
    """Whether the file on disk already says what the draft says (in the model's form, whatever its layout)."""
    old = _read(root, draft.path)
    if old is None:
        return False
    meta = _model_meta(old.meta, draft.content_file.kind, today)
    if HASH_FIELD in old.meta:
        meta[HASH_FIELD] = str(old.meta[HASH_FIELD])
    return meta == draft.meta and old.body.strip() == draft.body.strip()


def _untranslated(root: Path, drafts: list[Draft], default_language: str) -> list[Problem]:
    """Required translated fields a translation leaves out. The check lets a translation inherit them from
    its source; the editor, where both languages are filled in side by side, wants each language's own in a
    new page, and refuses to empty one a translation had (an existing file may go on inheriting a field)."""
    source_language = _source_language(drafts, default_language)
    problems = []
    for draft in drafts:
        if draft.language == source_language:
            continue
        kind = draft.content_file.kind
        old = _read(root, draft.path)
        for field in form_fields(KINDS[kind]):
            own = old is None or field.name in old.meta
            if own and field.required and field.name in settings()["translated"] and field.name not in draft.meta:
                problems.append(Problem.of(draft.path, 1, field.name, missing(kind, field.info.description)))
    return problems


def _overlay(root: Path, scratch: Path) -> Path:
    """A copy of the project's content and of mkdocs.yml (the site languages) made of hard links (a file is
    replaced, never written through)."""
    for folder in (DOCS_DIR, *MOUNT_OF_FOLDER):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, scratch / folder, copy_function=_link_or_copy)
    _link_or_copy(root / CONFIG_FILE, scratch / CONFIG_FILE)
    return scratch


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _write(path: Path, text: str) -> None:
    """Replace the file whole: a reader never sees half of it, and a hard link to it is left as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.saving")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def prepare_draft(root: Path, site_languages: SiteLanguages, overlay: Path, path: str, raw: str, today: date) -> Draft:
    found = content_file(root, path, site_languages)
    sent = overlay / f".sent-{found.path.name}"
    sent.write_text(raw, encoding="utf-8")
    source, problems = read_source(sent, path)
    sent.unlink()
    if problems:
        raise SaveRefused(problems)
    meta = _model_meta({name: value for name, value in source.meta.items() if name != LIST_ONLY}, found.kind, today)
    draft = Draft(path, found, meta, source.body.strip())
    if found.kind == "practice-sheet" and not draft.body:
        draft.body = "\n\n".join(f"## {section}" for section in strings(draft.language)["sheet_sections"])
    return draft


def _in_model_form(values: dict, fields: list[FormField], *, top: bool = False) -> dict:
    """`values` without empty values, in the model's order and types; fields the model does not know are kept
    (for the check to name them)."""
    known = {field.name: field for field in fields}
    tidy = {}
    for field in fields:
        value = _tidy(values.get(field.name), field)
        default = None if field.info.is_required() else field.info.default
        if value is not None and not (top and value == default):
            tidy[field.name] = styled(value, field, bare=field.name in (*settings()["relations"], *settings()["bare"]))
        elif value is None and field.type.many and field.info.is_required() and field.type.min_items == 0:
            tidy[field.name] = Flow()
    tidy.update({name: value for name, value in values.items() if name not in known and name != HASH_FIELD})
    return tidy


def _tidy(value: object, field: FormField) -> object:
    """The value to write, or None when there is none."""
    if value is None or value == "" or value == {}:
        return None
    if field.type.many and isinstance(value, list):
        items = [_tidy_one(item, field) for item in value]
        kept = [item for item in items if item is not None]
        return kept or None
    return _tidy_one(value, field)


def _tidy_one(value: object, field: FormField) -> object:
    kind = field.type.kind
    if value is None or value == "":
        return None
    if field.type.group is not None and isinstance(value, dict):  # kind "group"
        return _in_model_form(value, form_fields(field.type.group)) or None
    if kind == "int" and isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)  # a relation's value, such as a chapter number, comes as text
    if kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value  # the check names it
    if isinstance(value, str):
        return value.strip() or None
    return value


def _set_source_hash(root: Path, overlay: Path, drafts: list[Draft], kept: set[str], default_language: str) -> None:
    """Give each translation of the save the `source_hash` `guidebook status --mark` would, or keep its own.

    A translation is recorded as up to date with its source when this save wrote its text (a new page, or
    its body or a translated field changed), or when it was up to date before and the source's text did not
    change (only fields edited once, such as the country, did). Otherwise it keeps the fingerprint it had,
    so a source edited alone shows its translation as outdated.
    """
    source_language = _source_language(drafts, default_language)
    fields = form_fields(KINDS[drafts[0].content_file.kind])
    for draft in drafts:
        if draft.language == source_language and draft.path not in kept:
            _write(overlay / draft.path, draft.text())  # the source as saved, for its fingerprint
    for draft in drafts:
        if draft.language == source_language:
            continue
        source_path = draft.path.removesuffix(f".{draft.language}.md") + f".{source_language}.md"
        new_source, old_source, old = _read(overlay, source_path), _read(root, source_path), _read(root, draft.path)
        old_hash = old.meta.get(HASH_FIELD) if old else None
        if new_source is None:  # no readable source: the check says so; the fingerprint stays as it was
            up_to_date = False
        else:
            was_current = old is not None and old_source is not None and str(old_hash) == fingerprint(old_source)
            source_text_same = old_source is not None and _own_text(old_source, fields) == _own_text(new_source, fields)
            up_to_date = (
                old is None or _own_text(old, fields) != _own_text(draft, fields) or (was_current and source_text_same)
            )
        if up_to_date and new_source is not None:
            draft.meta[HASH_FIELD] = Quoted(fingerprint(new_source))
        elif old_hash is not None:
            draft.meta[HASH_FIELD] = Quoted(old_hash)


def _source_language(drafts: list[Draft], default_language: str) -> str:
    return next((d.meta["source_language"] for d in drafts if d.meta.get("source_language")), default_language)


def _own_text(version: Draft | SourceFile, fields: list[FormField]) -> tuple:
    """What a translator writes: the translated fields (in the model's form, as saved) and the body."""
    meta = _in_model_form(version.meta, fields, top=True)
    return tuple((name, meta.get(name)) for name in settings()["translated"]) + (version.body.strip(),)


def _read(root: Path, path: str) -> SourceFile | None:
    if not (root / path).is_file():
        return None
    source, problems = read_source(root / path, path)
    return None if problems else source
