"""The primary sidebar of pages outside the navigation, rendered once per folder.

Material renders the whole navigation into every page: at thousands of practice sheets, that was the
largest share of the build (a quarter of its time, profiled at 500 sheets per language). A page outside
the navigation marks no item active, and the sidebar's links are relative to the page's folder, so every
page outside the navigation in one folder of one language gets the same sidebar HTML: it is rendered for
the first and reused for the others (overrides/partials/nav.html). Pages in the navigation are rendered
as ever, with their active item.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import material
from markupsafe import Markup

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
PREFIX = "material"  # overrides/partials/nav.html includes Material's own as "material/partials/nav.html"


class SidebarCache:
    """Sidebar HTML by page folder, for one build language (a new theme environment per language build)."""

    def __init__(self) -> None:
        self.html: dict[str, Markup] = {}
        self._nav_pages: tuple[int, set[str]] | None = None

    def key(self, page, nav) -> str | None:
        """The page's folder when the page is outside the navigation; None when its sidebar is its own."""
        if page is None or nav is None or page.url in self._pages_of(nav):
            return None
        return page.url.rstrip("/").rpartition("/")[0]

    def get(self, key: str) -> Markup | None:
        return self.html.get(key)

    def keep(self, key: str, html: str) -> Markup:
        self.html[key] = Markup(html)
        return self.html[key]

    def _pages_of(self, nav) -> set[str]:
        if self._nav_pages is None or self._nav_pages[0] != id(nav):
            self._nav_pages = (id(nav), {page.url for page in nav.pages})
        return self._nav_pages[1]


def install(env: jinja2.Environment) -> jinja2.Environment:
    theme_loader = env.loader
    if theme_loader is None:
        raise ValueError("the theme's Jinja environment has no template loader")
    env.loader = jinja2.ChoiceLoader(
        [theme_loader, jinja2.PrefixLoader({PREFIX: jinja2.FileSystemLoader(str(MATERIAL_TEMPLATES))})]
    )
    env.globals["guidebook_sidebar"] = SidebarCache()
    return env
