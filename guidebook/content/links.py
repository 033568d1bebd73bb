"""Internal links, anchors and images in page bodies, checked without building (with file and line)."""

from __future__ import annotations

import posixpath
import re

from markdown.extensions.toc import slugify

from .model import Repository, Variant
from .problems import Problem

# The target may hold balanced parentheses, as Markdown allows: 'https://en.wikipedia.org/wiki/Lyon_(city)'.
LINK = re.compile(r"(!?)\[([^\]]*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _anchors(variant: Variant) -> set[str]:
    return {slugify(text, "-") for _, _, text in variant.source.headings}


def check_links(repository: Repository, generated_keys: frozenset[str], only: set[str] | None = None) -> list[Problem]:
    """The problems of the links in every page, or in the pages of the keys `only`."""
    assets = {f.site_path.as_posix() for f in repository.files if not f.is_markdown}
    anchors: dict[tuple[str, str], set[str]] = {}
    problems = []
    for entry in repository.entries.values() if only is None else [repository.entries[key] for key in sorted(only)]:
        if entry.source_language not in entry.variants:
            continue  # its source file could not be read: that is reported already
        # Each reader's language: a fallback page's links resolve to pages of the reader's language.
        for language in repository.languages.codes:
            variant = entry.variant(language)
            folder = posixpath.dirname(variant.file.site_path.as_posix())
            for line_number, line in variant.source.body_lines:
                if "](" not in line:  # no link on this line: the test is much faster than the pattern
                    continue
                for match in LINK.finditer(line):
                    image, text, target = match.group(1) == "!", match.group(2), match.group(3)
                    if EXTERNAL.match(target):
                        continue
                    problem = _check(
                        repository, generated_keys, assets, anchors, entry.key, language, folder, target, image
                    )
                    if image and not text.strip():
                        problem = (
                            problem
                            or f"image '{target}' has no alt text; describe it between the brackets: ![description]({target})"
                        )
                    if problem:
                        problems.append(Problem(variant.source.shown_path, line_number, "body", problem))
    return sorted(set(problems))


def _check(
    repository: Repository,
    generated_keys: frozenset[str],
    assets: set[str],
    anchors: dict[tuple[str, str], set[str]],
    own_key: str,
    language: str,
    folder: str,
    target: str,
    image: bool,
) -> str | None:
    path, _, anchor = target.partition("#")
    if not path:
        key = own_key
    else:
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if image or not path.endswith(".md"):
            if resolved in assets:
                return None
            what = "image" if image else "file"
            return f"{what} '{target}' not found (looked for {resolved} in the site tree); check the path and the file name"
        key = resolved[: -len(".md")]
        if key not in repository.entries and key not in generated_keys:
            looked_for = " / ".join(f"{key}.{code}.md" for code in repository.languages.codes)
            return f"link '{target}' points to no page (looked for {looked_for}); link to a page's .md file without the language suffix"
    if anchor and key in repository.entries:
        entry = repository.entries[key]
        variant = entry.variant(language)
        known = anchors.setdefault((key, variant.language), _anchors(variant))
        if anchor not in known:
            return f"anchor '#{anchor}' is not a heading of {variant.source.shown_path}; headings there: {', '.join(sorted(known)) or 'none'}"
    return None
