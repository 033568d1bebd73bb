"""The order of the printed guidebook, read from the site navigation in mkdocs.yml.

The home page is left out: the cover and the contents take its place. A group opens with its index
page when it has one (a part), else with a heading of its own (About). A nav entry naming a folder's
generated index (the practice catalogue) stands for that folder's pages the nav does not list: on paper
the catalogue becomes the pages themselves. Other generated pages and missing pages are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mkdocs.utils import dirname_to_title

from ..content.layout import HOME_KEY


@dataclass(frozen=True)
class Item:
    level: int  # 1: a top-level chapter or the opening of a group; 2: a chapter inside a group
    key: str | None  # the page, or None for a group heading without a page of its own
    group: str | None = None  # untranslated nav title of the group this item opens
    aliases: tuple[str, ...] = field(default=())  # generated pages whose links lead here


def outline(nav: list, keys: set[str]) -> list[Item]:
    """`nav` as in mkdocs.yml (empty: MkDocs' own order, see default_nav); `keys`: every content page."""
    nav = nav or default_nav(keys)
    listed = {key for key in _nav_keys(nav) if key is not None}
    items: list[Item] = []
    for node in nav:
        title, value = _split(node)
        if isinstance(value, list):
            items += _group(title, value, keys, listed)
        else:
            key = _key(value)
            if key != HOME_KEY:
                items += [Item(1, page) for page in _pages(key, keys, listed)]
    return items


def default_nav(keys: set[str]) -> list:
    """The nav MkDocs makes without one: top-level pages, then a group per folder (its index first)."""
    top = sorted((key for key in keys if "/" not in key), key=lambda key: (key != HOME_KEY, key))
    folders: dict[str, list[str]] = {}
    for key in sorted(keys, key=lambda key: (not key.endswith("/index"), key)):
        if "/" in key:
            folders.setdefault(key.split("/", 1)[0], []).append(f"{key}.md")
    groups = [{dirname_to_title(folder): pages} for folder, pages in sorted(folders.items())]
    return [f"{key}.md" for key in top] + groups


def _group(title: str | None, children: list, keys: set[str], listed: set[str]) -> list[Item]:
    child_keys = [key for key in _nav_keys(children) if key is not None]
    pages = [page for key in child_keys for page in _pages(key, keys, listed)]
    aliases = tuple(key for key in child_keys if key not in keys and key.endswith("/index"))
    if pages and pages[0] == child_keys[0] and pages[0].endswith("index"):
        return [Item(1, pages[0], title, aliases), *(Item(2, page) for page in pages[1:])]
    if not pages:
        return []
    return [Item(1, None, title, aliases), *(Item(2, page) for page in pages)]


def _pages(key: str | None, keys: set[str], listed: set[str]) -> list[str]:
    if key is None:
        return []
    if key in keys:
        return [key]
    if key.endswith("/index"):
        folder = key[: -len("index")]
        return sorted(k for k in keys if k.startswith(folder) and k not in listed)
    return []


def _nav_keys(nav: list) -> list[str | None]:
    found: list[str | None] = []
    for node in nav:
        _, value = _split(node)
        found += _nav_keys(value) if isinstance(value, list) else [_key(value)]
    return found


def _split(node: str | dict) -> tuple[str | None, str | list]:
    if isinstance(node, dict):
        ((title, value),) = node.items()
        return title, value
    return None, node


def _key(path: str) -> str | None:
    """'city-pilots/avignon.md' -> 'city-pilots/avignon'; None for links to other sites."""
    if "://" in path or not path.endswith(".md"):
        return None
    return path[: -len(".md")]
