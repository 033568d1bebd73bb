"""Pages the guidebook generates from the content: written into the staged docs tree, per language.

They are real files of the staged tree (not File.generated) because static-i18n pairs languages only
for files it finds under docs_dir.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..content.layout import CATALOGUE_KEY, EVALUATION_KEY, MAP_KEY, THEMES_KEY
from ..languages import SiteLanguages, strings

# key -> (title string, intro string, page template)
GENERATED = {
    CATALOGUE_KEY: ("catalogue_title", "catalogue_intro", "catalogue.html"),
    THEMES_KEY: ("themes_title", "themes_intro", "themes.html"),
    MAP_KEY: ("map_title", "map_intro", "map.html"),
    EVALUATION_KEY: ("evaluation_title", "evaluation_intro", "evaluation.html"),
}


def write_generated(staged: Path, languages: SiteLanguages) -> dict[str, str]:
    """Write every generated page in every language; return site path -> key."""
    written = {}
    for key, (title, intro, template) in GENERATED.items():
        for language in languages.codes:
            t = strings(language)
            site_path = f"{key}.{language}.md"
            meta = {"title": t[title], "template": template, "hide": ["toc"]}
            text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + t[intro] + "\n"
            path = staged / site_path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written[site_path] = key
    return written
