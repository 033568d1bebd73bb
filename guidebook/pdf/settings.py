"""What the print step takes from mkdocs.yml: languages, navigation, Markdown extensions, notices."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..typography import text_for_language


@dataclass(frozen=True)
class Language:
    locale: str
    site_name: str
    description: str | None
    notice: str | None  # the EU funding notice: the site's copyright line in this language
    nav_titles: dict[str, str] = field(default_factory=dict)  # nav group title -> its translation


@dataclass(frozen=True)
class Settings:
    languages: list[Language]
    site_url: str | None
    nav: list
    extensions: list
    extension_configs: dict

    def language(self, locale: str) -> Language:
        return next(language for language in self.languages if language.locale == locale)

    def markdown_configs(self) -> dict:
        """The site's extension options, without the heading permalinks that mean nothing on paper."""
        configs = copy.deepcopy(self.extension_configs)
        if "toc" in configs:
            configs["toc"]["permalink"] = False
        return configs


def load_settings(project: Path, default_language: str) -> Settings:
    """Read mkdocs.yml as MkDocs does (defaults, !ENV, INHERIT), so the PDF renders the site's Markdown."""
    return settings_of(load_config(config_file=str(project / "mkdocs.yml")), default_language)


def settings_of(config: MkDocsConfig, default_language: str) -> Settings:
    """The print settings of mkdocs.yml as MkDocs read it (a build's own read): copies, which the build, changing
    its config as it goes, leaves alone."""
    base = Language(default_language, config.site_name, config.site_description, config.copyright)
    i18n = config.plugins.get("i18n")
    languages = [base]
    if i18n is not None:
        languages = [
            Language(
                item.locale,
                item.site_name or base.site_name,
                item.site_description or base.description,
                item.copyright or base.notice,
                {
                    title: text_for_language(shown, item.locale)
                    for title, shown in (item.nav_translations or {}).items()
                },
            )
            for item in i18n.config.languages
            if item.build
        ]
    return Settings(
        languages=languages,
        site_url=config.site_url,
        nav=copy.deepcopy(list(config.nav or [])),
        extensions=list(config.markdown_extensions),
        extension_configs=copy.deepcopy(dict(config.mdx_configs)),
    )
