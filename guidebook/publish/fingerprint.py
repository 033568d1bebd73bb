"""Content-hashed names for the site's stylesheets, scripts, fonts and images, every reference rewritten.

A file named after its content can be cached by browsers for a year: a changed file gets a new name.
`main.484c7ddc.min.css` becomes `main.484c7ddc.min.<12 hex digits>.css`; the theme's files are renamed
too, since the build edits some of them (the search worker, Material's bundle). A file's hash is taken
after its own references are rewritten (a stylesheet after the fonts it names), so a font that changes
renames the stylesheet too.

A reference is a path ending in a renamed file's name, relative to the file holding it or to the site's
root, in any text file (HTML attributes, CSS url(), the theme's JSON configuration, scripts); it is
rewritten only when it resolves to that very file. Left alone: Lunr's language files, whose names the
search worker puts together at run time, and licence texts.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildFailed
from ..forkmap import split_map

ASSET_FOLDERS = ("assets", "stylesheets", "javascripts")
HASHED = {".css", ".js", ".woff2", ".woff", ".ttf", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"}
LEFT_ALONE = ("assets/javascripts/lunr/",)  # loaded under names the search worker builds
TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest"}
HASH_LENGTH = 12
# What nginx caches as immutable (deploy/nginx/site.conf holds the same pattern).
HASHED_NAME = re.compile(rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.\w+$")


def fingerprint(site: Path) -> dict[str, str]:
    """Rename the assets of `site` after their content and rewrite every reference; return old -> new paths."""
    assets = {
        _relative(path, site): path
        for folder in ASSET_FOLDERS
        for path in sorted((site / folder).rglob("*"))
        if _hashable(path, site)
    }
    if not assets:
        return {}
    finder = _Finder({posixpath.basename(name) for name in assets})
    # Read once: an asset's text changes only when its own turn comes.
    names = {name: _references(path, site, finder) - {name} for name, path in assets.items()}
    renamed: dict[str, str] = {}
    pending = dict(assets)
    while pending:
        ready = [name for name in pending if not names[name] & pending.keys()]
        if not ready:
            raise BuildFailed(
                [], f"these files name each other, so none can be named after its content: {', '.join(sorted(pending))}"
            )
        for name in ready:
            path = pending.pop(name)
            _rewrite(path, site, finder, renamed)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]
            new = path.with_name(f"{path.stem}.{digest}{path.suffix}")
            path.rename(new)
            renamed[name] = _relative(new, site)
    holders = [
        path
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.suffix in TEXT and _relative(path, site) not in renamed.values()
    ]
    # Each file on its own: on both cores (thousands of pages at scale).
    split_map(lambda path: _rewrite(path, site, finder, renamed), holders)
    return renamed


def built_path(site: Path, name: str) -> Path:
    """Where the file the theme wrote as `name` is in a built site: under its content-hashed name."""
    path = site / name
    [found] = [
        candidate
        for candidate in path.parent.glob(f"{path.stem}.*{path.suffix}")
        if HASHED_NAME.search(candidate.name)
        and candidate.name.removesuffix(candidate.suffix).rsplit(".", 1)[0] == path.stem
    ]
    return found


def original_names(text: str) -> str:
    """`text` with the content hashes taken out of the names it holds (what the theme wrote)."""
    return re.sub(rf"\.[0-9a-f]{{{HASH_LENGTH}}}(\.\w+)(?![\w.-])", r"\1", text)


def _hashable(path: Path, site: Path) -> bool:
    name = _relative(path, site)
    return (
        path.is_file()
        and path.suffix in HASHED
        and not name.startswith(LEFT_ALONE)
        and not HASHED_NAME.search(path.name)
    )


def _relative(path: Path, site: Path) -> str:
    return path.relative_to(site).as_posix()


class _Finder:
    r"""Where a text names the assets: the matches of
    `(?<![\w.~/-])(?P<prefix>(?:[\w.~:-]*/)*)(?P<name>one of the names)(?![\w.-])`, found faster.

    That pattern tried a match at every character of every page (a quarter of a build's time at 500 sheets
    per language): here the regular expression looks only for the endings of the names (a dot, then one of
    their extensions, at the end of a word), which the engine finds by searching for the dot; the word and
    the path before it are read backwards from there, and kept when the word is one of the names.
    """

    def __init__(self, basenames: set[str]) -> None:
        self.names = basenames
        endings = "|".join(sorted({re.escape(name.rpartition(".")[2]) for name in basenames}))
        self.endings = re.compile(rf"\.(?:{endings})(?![\w.~-])")

    def occurrences(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, prefix, name) of each path ending in one of the names."""
        floor = 0
        for match in self.endings.finditer(text):
            name_start = match.start()
            while name_start > 0 and _word_character(text[name_start - 1]):
                name_start -= 1
            name = text[name_start : match.end()]
            if name not in self.names:
                continue
            run = name_start
            while run > floor and _path_character(text[run - 1]):
                run -= 1
            candidates = (
                range(run, name_start + 1) if name_start == run or text[name_start - 1] == "/" else (name_start,)
            )
            start = next(
                (p for p in candidates if p == 0 or not (_path_character(text[p - 1]) and text[p - 1] != ":")), None
            )
            if start is not None:
                yield start, match.end(), text[start:name_start], name
                floor = match.end()


def _word_character(character: str) -> bool:
    r"""What `[\w.~-]` matches: a name's characters."""
    return character.isalnum() or character in "_.~-"


def _path_character(character: str) -> bool:
    return character.isalnum() or character in "_.~:/-"


def _resolve(prefix: str, name: str, holder: Path, site: Path) -> str | None:
    """The site path a reference points at, or None when it leaves the site or names another host."""
    if "://" in prefix or prefix.startswith("//"):
        return None  # an absolute address: the theme never names its assets so
    if prefix.startswith("/"):
        target = posixpath.normpath(prefix.lstrip("/") + name)
    else:
        target = posixpath.normpath(
            posixpath.join(_relative(holder.parent, site) if holder.parent != site else "", prefix, name)
        )
    return None if target.startswith("..") else target


def _references(path: Path, site: Path, finder: _Finder) -> set[str]:
    if path.suffix not in TEXT:
        return set()
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    return {target for _, _, prefix, name in finder.occurrences(text) if (target := _resolve(prefix, name, path, site))}


def _rewrite(path: Path, site: Path, finder: _Finder, renamed: dict[str, str]) -> None:
    if path.suffix not in TEXT or not renamed:
        return
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    rewritten = _renamed_text(text, path, site, finder, renamed)
    if rewritten != text:
        path.write_text(rewritten, encoding="utf-8", errors="surrogateescape")


def renamed_in(site: Path) -> dict[str, str]:
    """The names a fingerprinted site gave its assets: what the theme wrote -> the hashed name (site paths)."""
    return {
        original_names(name): name
        for folder in ASSET_FOLDERS
        for path in (site / folder).rglob("*")
        if HASHED_NAME.search(path.name) and (name := _relative(path, site)) != original_names(name)
    }


def with_hashed_names(text: str, page: str, site: Path, renamed: dict[str, str]) -> str:
    """A page rendered after its site was fingerprinted (`page`: its site path), naming the hashed assets."""
    if not renamed:
        return text
    return _renamed_text(text, site / page, site, _Finder({posixpath.basename(name) for name in renamed}), renamed)


def _renamed_text(text: str, holder: Path, site: Path, finder: _Finder, renamed: dict[str, str]) -> str:
    pieces, done = [], 0
    for start, end, prefix, name in finder.occurrences(text):
        target = _resolve(prefix, name, holder, site)
        if target in renamed:
            pieces += [text[done:start], prefix, posixpath.basename(renamed[target])]
            done = end
    return "".join(pieces) + text[done:]
