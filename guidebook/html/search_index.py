"""One search index per language.

Material's search plugin, under static-i18n, writes one index holding both languages that every page
loads. This splits it: each language gets its own index (with its own stemmer) beside its home page,
without the fallback pages whose text is in the other language, and the theme points each language's
pages at their own index (see overrides/main.html).

Practice sheets, the collection that grows, are indexed by their headings and the opening of each section
(its first paragraph or list, as text, cut at a sentence end within TEASER_LENGTH characters): at 2,000
sheets per language their full text made each index over 10 MB, a download every reader pays before the
first result (issue 7); this way each sheet adds at most a few kilobytes. The search plugin is handed that
abridged page (`abridge`), which also spares it parsing the rest.

Languages other than English are stemmed (lunr-languages' stemmer). Material's search worker learns to fold
accents at index and query time in every language, and to stem what readers type
(guidebook/assets/search-folding.js explains both).

Each page's result is labelled with its kind (practice sheet, city pilot...), which Material prints as the
result's tag; the tag is not indexed (Material would boost it above the title).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import PACKAGE_DIR
from ..content.layout import site_url
from ..content.model import Repository
from ..languages import strings

INDEX = Path("search") / "search_index.json"
WORKER = "assets/javascripts/workers/search.*.min.js"  # Material's search worker
SEARCH_FOLDING = PACKAGE_DIR / "assets" / "search-folding.js"
CHAPTER_FOLDER = "guidebook/"  # foreword, introduction, conclusion, bibliography: chapters of the printed guidebook
STEMMED = ["stemmer", "stopWordFilter", "trimmer"]
HEADING = re.compile(r"<h[1-6][\s>]")
HEADING_ELEMENT = re.compile(r"<h([1-6])\b.*?</h\1>", re.DOTALL)
FIRST_BLOCK = re.compile(r"\s*(<(p|ul|ol)>.*?</\2>)", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
SENTENCE_END = re.compile(r"[.!?…](?=\s)")
TEASER_LENGTH = 240  # characters: about the two lines a search result shows
SHEET_KIND = "practice-sheet"
SHEET_BOOST = 3  # Material's per-document boost (front matter search.boost): practice sheets rank first


def abridge(html: str) -> str:
    """The text before the first heading, then each heading with the opening of the paragraph or list after it.

    A section that starts otherwise (a table, a quote) is kept whole.
    """
    starts = [match.start() for match in HEADING.finditer(html)]
    kept = [html[: starts[0]] if starts else html]
    for start, end in zip(starts, starts[1:] + [len(html)]):
        heading = HEADING_ELEMENT.match(html, start, end)
        if heading is None:
            kept.append(html[start:end])
            continue
        block = FIRST_BLOCK.match(html, heading.end(), end)
        kept.append(heading.group(0) + (_teaser(block.group(1)) if block else html[heading.end() : end]))
    return "".join(kept)


def _teaser(block: str) -> str:
    """A paragraph or list as one paragraph of text, cut after the last sentence ending within TEASER_LENGTH."""
    text = " ".join(TAG.sub("", block.replace("</li>", "; ")).split()).rstrip(";")
    if len(text) <= TEASER_LENGTH:
        return f"<p>{text}</p>"
    ends = [match.end() for match in SENTENCE_END.finditer(text, 0, TEASER_LENGTH)]
    if ends:
        return f"<p>{text[: ends[-1]]}</p>"
    space = text.rfind(" ", 0, TEASER_LENGTH)  # a first sentence longer than that: cut between two words
    return f"<p>{text[: space if space > 0 else TEASER_LENGTH]}…</p>"


def split(site_dir: Path, fallback_urls: set[str], repository: Repository) -> None:
    if not (site_dir / INDEX).is_file():
        return  # search is not enabled
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    languages = repository.languages
    prefixes = {language: languages.prefix(language) for language in languages.codes if language != languages.default}
    kinds = {site_url(key, languages.default, languages): entry.kind for key, entry in repository.entries.items()}
    per_language: dict[str, list[dict]] = {language: [] for language in languages.codes}
    for doc in merged["docs"]:
        if doc["location"].split("#")[0] in fallback_urls:
            continue
        language = next(
            (lang for lang, prefix in prefixes.items() if doc["location"].startswith(prefix)), languages.default
        )
        location = doc["location"][len(prefixes.get(language, "")) :]
        labelled = {**doc, "location": location}
        page = location.split("#")[0]
        kind = kind_of(page, kinds.get(page, "page"))
        if "#" not in location:  # the page itself, not one of its sections
            labelled["tags"] = [strings(language)["search_kind"][kind]]
        if kind == SHEET_KIND:  # what a practitioner searches for first: ranked above other pages
            labelled["boost"] = SHEET_BOOST
        per_language[language].append(labelled)
    fields = {name: field for name, field in merged["config"]["fields"].items() if name != "tags"}
    for language, docs in per_language.items():
        target = site_dir / prefixes.get(language, "") / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**merged["config"], "lang": [language], "fields": fields}
        if language != "en":  # English is lunr's own language, without a script to extend
            config["pipeline"] = STEMMED
        index = {"config": config, "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def kind_of(location: str, kind: str) -> str:
    """The kind a page's result is labelled with: a page of the guidebook's folder is one of its chapters."""
    return "chapter" if kind == "page" and location.startswith(CHAPTER_FOLDER) else kind


def teach_worker(site_dir: Path) -> None:
    """Append search-folding.js to Material's search worker (once: a rebuild may find it there already)."""
    script = SEARCH_FOLDING.read_text(encoding="utf-8")
    for worker in site_dir.glob(WORKER):
        if "foldsAccents" not in worker.read_text(encoding="utf-8"):
            with worker.open("a", encoding="utf-8") as code:
                code.write("\n" + script)
