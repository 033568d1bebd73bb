"""Translation freshness: whether a translation was made from its source as it is now (the site's outdated notice).

A translation records, in its front matter field `source_hash`, the fingerprint of the source it was
translated from. The fingerprint covers what a translator renders: the body and the front matter values,
except the bookkeeping fields below, whose changes never call for a new translation. It is computed
from the parsed front matter, so re-quoting or re-indenting YAML does not change it, and from the
body with line endings normalised and surrounding blank lines ignored.

A translation without `source_hash` is "unmarked": nobody has recorded yet what it was translated from
(a file fresh from `guidebook new`, or one written before fingerprints existed). It is reported as
such, never as outdated, so the site shows no notice for it.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum

from .frontmatter import SourceFile
from .model import Entry, Repository, Variant
from .problems import Problem

HASH_FIELD = "source_hash"
# Front matter fields that say nothing a translator translates.
BOOKKEEPING_FIELDS = frozenset({HASH_FIELD, "last_reviewed", "status", "editor_note"})
HASH_LENGTH = 12


class State(StrEnum):
    SOURCE = "source"
    UP_TO_DATE = "up-to-date"
    OUTDATED = "outdated"
    UNMARKED = "unmarked"
    MISSING = "missing"


def fingerprint(source: SourceFile) -> str:
    """The short hash of a source file's translatable content."""
    meta = {name: value for name, value in source.meta.items() if name not in BOOKKEEPING_FIELDS}
    canonical = json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str) + "\n" + source.body.strip("\n")
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def source_variant(entry: Entry) -> Variant | None:
    return entry.variants.get(entry.source_language)


def state_of(entry: Entry, language: str) -> State:
    """How the `language` version of a page stands against its source."""
    if language == entry.source_language:
        return State.SOURCE
    source = source_variant(entry)
    variant = entry.variants.get(language)
    if variant is None:
        return State.MISSING
    recorded = variant.source.meta.get(HASH_FIELD)
    if recorded is None or source is None:
        return State.UNMARKED
    return State.UP_TO_DATE if str(recorded) == fingerprint(source.source) else State.OUTDATED


def freshness_problems(repository: Repository) -> list[Problem]:
    """Outdated translations, as warnings for `guidebook check`: the site still builds, with a notice."""
    problems = []
    for entry in repository.entries.values():
        for language, variant in entry.variants.items():
            if state_of(entry, language) is State.OUTDATED:
                source = entry.variants[entry.source_language].source.shown_path  # outdated: the source was read
                message = (
                    f"{source} has changed since this translation was made; update the translation, "
                    f"then run: guidebook status --mark {variant.source.shown_path}"
                )
                problems.append(variant.source.problem((HASH_FIELD,), message, "warning"))
    return problems
