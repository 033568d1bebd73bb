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

Languages other than English are stemmed (lunr-languages' stemmer), and their lunr script learns to
stem what readers type (guidebook/assets/stem-type-ahead.js explains why it is needed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import PACKAGE_DIR
from ..languages import default_language, language_codes

INDEX = Path("search") / "search_index.json"
SITEMAP = Path("sitemap.xml")
LUNR_LANGUAGE = Path("assets/javascripts/lunr/min/lunr.{language}.min.js")  # Material's copy of lunr-languages
STEM_TYPE_AHEAD = PACKAGE_DIR / "assets" / "stem-type-ahead.js"
STEMMED = ["stemmer", "stopWordFilter", "trimmer"]
HEADING = re.compile(r"<h[1-6][\s>]")
HEADING_ELEMENT = re.compile(r"<h([1-6])\b.*?</h\1>", re.DOTALL)
FIRST_BLOCK = re.compile(r"\s*(<(p|ul|ol)>.*?</\2>)", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
SENTENCE_END = re.compile(r"[.!?…](?=\s)")
TEASER_LENGTH = 240  # characters: about the two lines a search result shows


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


def split(site_dir: Path, fallback_urls: set[str]) -> None:
    if not (site_dir / INDEX).is_file():
        return  # search is not enabled
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    prefixes = {language: f"{language}/" for language in language_codes() if language != default_language()}
    per_language: dict[str, list[dict]] = {language: [] for language in language_codes()}
    for doc in merged["docs"]:
        if doc["location"].split("#")[0] in fallback_urls:
            continue
        language = next((lang for lang, prefix in prefixes.items() if doc["location"].startswith(prefix)), default_language())
        location = doc["location"][len(prefixes.get(language, "")) :]
        per_language[language].append({**doc, "location": location})
    for language, docs in per_language.items():
        target = site_dir / prefixes.get(language, "") / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        config = {**merged["config"], "lang": [language]}
        if language != "en":  # English is lunr's own language, without a script to extend
            config["pipeline"] = STEMMED
        index = {"config": config, "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def copy_sitemap(site_dir: Path) -> None:
    """Each language's pages read the sitemap beside their own base (the language selector asks for it)."""
    for language in language_codes():
        if language != default_language() and (site_dir / SITEMAP).is_file():
            (site_dir / language / SITEMAP).write_bytes((site_dir / SITEMAP).read_bytes())


def stem_type_ahead(site_dir: Path) -> None:
    script = STEM_TYPE_AHEAD.read_text(encoding="utf-8")
    for language in language_codes():
        target = site_dir / str(LUNR_LANGUAGE).format(language=language)
        if language != "en" and target.is_file() and "stemsTypeAhead" not in target.read_text(encoding="utf-8"):
            with target.open("a", encoding="utf-8") as lunr_script:
                lunr_script.write(script.replace('"LANGUAGE"', f'"{language}"'))
