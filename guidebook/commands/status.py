"""`guidebook status`: the translations to write or update, the pages due for review, and `--mark`.

What a translation's state is, is content/freshness.py's; this reports it and records it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from ..content.freshness import HASH_FIELD, State, fingerprint, source_variant, state_of
from ..content.frontmatter import SourceFile, front_matter_node
from ..content.layout import split_language
from ..content.model import Repository, Variant
from ..content.problems import display_path
from ..errors import BadArgument, Refused

DEFAULT_REVIEW_DAYS = 365
# One line of the file with its own ending, so a rewrite keeps every other byte as it was.
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
BOM = "\ufeff"


@dataclass(frozen=True)
class TranslationRow:
    """One page in one language, as `guidebook status` lists it."""

    page: str
    language: str
    path: str  # where the file is, or would be when missing
    state: State
    source_path: str
    recorded_hash: str | None
    current_hash: str

    def as_dict(self) -> dict:
        return {**asdict(self), "state": str(self.state)}


@dataclass(frozen=True)
class ReviewRow:
    """A file whose `last_reviewed` date is older than the review period."""

    path: str
    line: int
    last_reviewed: date
    days_ago: int

    def as_dict(self) -> dict:
        return {**asdict(self), "last_reviewed": self.last_reviewed.isoformat()}


@dataclass(frozen=True)
class EditorNoteRow:
    """A file's `editor_note`: what its editors left to do or check; readers never see it.

    No line number: the web editor writes the front matter in the model's order, so a save that changes
    nothing may still move the field, and the report must stay the same.
    """

    path: str
    note: str

    def as_dict(self) -> dict:
        return asdict(self)


def translation_report(repository: Repository) -> list[TranslationRow]:
    """One row per page and language, pages in key order; pages without a readable source are left to `check`."""
    rows = []
    for key in sorted(repository.entries):
        entry = repository.entries[key]
        source = source_variant(entry)
        if source is None:
            continue
        current = fingerprint(source.source)
        for language in repository.languages.codes:
            variant = entry.variants.get(language)
            path = variant.source.path if variant else _sibling(source.source.path, language)
            recorded = variant.source.meta.get(HASH_FIELD) if variant and variant is not source else None
            rows.append(
                TranslationRow(
                    key,
                    language,
                    display_path(path, repository.root),
                    state_of(entry, language),
                    source.source.shown_path,
                    None if recorded is None else str(recorded),
                    current,
                )
            )
    return rows


def _sibling(path: Path, other: str) -> Path:
    """slug.en.md -> slug.fr.md"""
    return path.with_name(f"{split_language(path.stem)[0]}.{other}.md")


def review_report(repository: Repository, today: date, review_days: int = DEFAULT_REVIEW_DAYS) -> list[ReviewRow]:
    """Files whose own `last_reviewed` is more than `review_days` old (a translation that inherits the date is not repeated)."""
    rows = []
    for key in sorted(repository.entries):
        for variant in repository.entries[key].variants.values():
            reviewed = variant.model.last_reviewed if variant.model and variant.declares("last_reviewed") else None
            if reviewed is None:
                continue
            age = (today - reviewed).days
            if age > review_days:
                rows.append(
                    ReviewRow(variant.source.shown_path, variant.source.line_of(("last_reviewed",)), reviewed, age)
                )
    return rows


def editor_notes(repository: Repository) -> list[EditorNoteRow]:
    """Every file's own `editor_note`, files in key and language order."""
    rows = []
    for key in sorted(repository.entries):
        for variant in sorted(repository.entries[key].variants.values(), key=lambda v: v.language):
            note = variant.model.editor_note if variant.model else None
            if note:
                rows.append(EditorNoteRow(variant.source.shown_path, note))
    return rows


@dataclass(frozen=True)
class StatusReport:
    """What `guidebook status` prints: the translation rows, the files due for review, then the notes to editors."""

    translations: list[TranslationRow]
    review: list[ReviewRow]
    review_days: int
    notes: list[EditorNoteRow]

    def counts(self) -> dict[str, int]:
        """How many translations are in each state (source files are not counted)."""
        states = [state for state in State if state is not State.SOURCE]
        return {str(state): sum(1 for row in self.translations if row.state is state) for state in states}

    def as_dict(self) -> dict:
        return {
            "translations": [row.as_dict() for row in self.translations],
            "review": [row.as_dict() for row in self.review],
            "review_days": self.review_days,
            "editor_notes": [row.as_dict() for row in self.notes],
            "summary": self.counts(),
        }

    def text_lines(self) -> list[str]:
        lines = [f"{row.state:<10}  {row.language}  {row.path}{_hint(row)}" for row in self.translations]
        counts = ", ".join(f"{count} {state}" for state, count in self.counts().items())
        lines.append(f"Translations: {counts}.")
        if self.counts()[State.UNMARKED]:
            lines.append(
                "  unmarked: no source_hash recorded yet; once it matches its source, run guidebook status --mark PATH."
            )
        lines.append(f"Review: {len(self.review)} file(s) last reviewed more than {self.review_days} days ago.")
        lines += [
            f"  {row.path}:{row.line}: last_reviewed: {row.last_reviewed} ({row.days_ago} days ago)"
            for row in self.review
        ]
        lines.append(f"Notes to editors: {len(self.notes)} file(s).")
        lines += [f"  {row.path}: editor_note: {' '.join(row.note.split())}" for row in self.notes]
        return lines


def _hint(row: TranslationRow) -> str:
    if row.state is State.OUTDATED:
        return f"  ({row.source_path} changed since; update it, then run: guidebook status --mark {row.path})"
    if row.state is State.MISSING:
        return f"  (not written yet: readers get {row.source_path} with a notice)"
    return ""


def status_report(repository: Repository, today: date, review_days: int = DEFAULT_REVIEW_DAYS) -> StatusReport:
    return StatusReport(
        translation_report(repository),
        review_report(repository, today, review_days),
        review_days,
        editor_notes(repository),
    )


@dataclass(frozen=True)
class Marked:
    """What `mark` did to one translation file."""

    path: str
    line: int
    old_hash: str | None
    new_hash: str
    source_path: str

    @property
    def changed(self) -> bool:
        return self.old_hash != self.new_hash

    def describe(self) -> str:
        where = f"{self.path}:{self.line}: {HASH_FIELD}"
        if not self.changed:
            return f'{where}: already "{self.new_hash}", up to date with {self.source_path}; the file was not changed.'
        before = f'changed from "{self.old_hash}" to' if self.old_hash else "added,"
        return f'{where}: {before} "{self.new_hash}"; the translation is now recorded as up to date with {self.source_path}.'


def mark(repository: Repository, path: Path) -> Marked:
    """Record in the translation at `path` the fingerprint of its source as it is now.

    Only the `source_hash` line is written (or one line is inserted before the closing '---');
    every other byte of the file, line endings included, stays as it was.
    """
    source, variant = _find_translation(repository, path)
    new_hash = fingerprint(source.source)
    recorded = variant.source.meta.get(HASH_FIELD)
    old_hash = None if recorded is None else str(recorded)
    line, present = _hash_line(variant.source)
    if old_hash != new_hash:
        _write_hash(variant.source.path, line, new_hash, replace=present)
    return Marked(variant.source.shown_path, line, old_hash, new_hash, source.source.shown_path)


def _find_translation(repository: Repository, path: Path) -> tuple[Variant, Variant]:
    """The source and the translation at `path`."""
    candidates = {path.resolve(), (repository.root / path).resolve()}
    for entry in repository.entries.values():
        for variant in entry.variants.values():
            if variant.source.path.resolve() in candidates:
                if variant.language == entry.source_language:
                    raise BadArgument(
                        "--mark",
                        f"{variant.source.shown_path} is the source of its page (written in {variant.language}); "
                        "mark its translation instead",
                    )
                source = source_variant(entry)
                if source is None:
                    raise Refused(
                        f"{variant.source.shown_path} has no readable source file; run 'guidebook check' and fix it first"
                    )
                return source, variant
    raise BadArgument(
        "--mark",
        f"'{path}' is not a readable page of the guidebook; give the path of a translation such as "
        "practice_sheets/slug.fr.md (run 'guidebook check' if the file has errors)",
    )


def _hash_line(source: SourceFile) -> tuple[int, bool]:
    """The file line holding `source_hash` (True), or the closing '---' where a new line goes (False)."""
    for key_node, value_node in front_matter_node(source).value:
        if key_node.value == HASH_FIELD:
            if value_node.end_mark.line != key_node.start_mark.line:
                raise Refused(f"{source.shown_path}: write '{HASH_FIELD}' on a single line so it can be updated")
            return key_node.start_mark.line + 2, True
    return source.body_line - 1, False


def _write_hash(path: Path, line: int, new_hash: str, *, replace: bool) -> None:
    text = path.read_bytes().decode("utf-8")
    bom = BOM if text.startswith(BOM) else ""
    lines = LINE.findall(text.removeprefix(BOM))
    index = line - 1
    target = lines[index]
    ending = target[len(target.rstrip("\r\n")) :] or "\n"
    new_line = f'{HASH_FIELD}: "{new_hash}"{ending}'
    if replace:
        lines[index] = new_line
    else:
        lines.insert(index, new_line)
    path.write_bytes((bom + "".join(lines)).encode("utf-8"))
