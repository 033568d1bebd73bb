"""The site languages, and the interface strings of each.

mkdocs.yml is the one list of languages: those its static-i18n block builds (`plugins: i18n: languages`),
the `default: true` one first. Each language has its strings, the site's, the PDFs' (`print`) and the
vocabularies' labels, in guidebook/strings/<code>.yml. Adding a language takes its entry in mkdocs.yml and
that file: no code.

The languages are a value, read once from the project being worked on (`read`) and handed down with the
content it loads (`Repository.languages`); nothing here remembers a project. The strings of a language are
those of its file, whatever the project: they are read once per process and kept (a file of this package).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeGuard

import yaml

from . import PACKAGE_DIR
from .errors import ConfigError
from .typography import interface_strings

STRINGS_DIR = PACKAGE_DIR / "strings"
SECTIONS = ("print", "vocabularies", "new_page")  # the parts of a strings file that are not the site's strings


@dataclass(frozen=True)
class SiteLanguages:
    """The languages one project's site is built in."""

    codes: tuple[str, ...]  # the default language first

    @property
    def default(self) -> str:
        """The language of the site root and of the page sources, unless a page says otherwise."""
        return self.codes[0]

    def knows(self, language: str | None) -> TypeGuard[str]:
        return language in self.codes

    def prefix(self, language: str) -> str:
        """Where `language`'s pages are, from the site root: '' for the default language, 'fr/' for French."""
        return "" if language == self.default else f"{language}/"


def read(project: Path) -> SiteLanguages:
    """The languages of `project`/mkdocs.yml; ConfigError when it names none, or one without a strings file."""
    config_file = project / "mkdocs.yml"
    try:
        config = _read_config(config_file.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ConfigError(
            f"{config_file}: cannot be read ({error.strerror}); the project folder holds mkdocs.yml"
        ) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{config_file}: is not valid YAML ({error}); the site languages are read from it") from None
    except RecursionError:
        raise ConfigError(
            f"{config_file}: its lists and mappings are nested too deeply to be read (thousands of levels); "
            "nest them less deeply, as the shipped mkdocs.yml does"
        ) from None
    languages = _built_languages(config)
    for code in languages:
        if not (STRINGS_DIR / f"{code}.yml").is_file():
            raise ConfigError(
                f"{config_file}: the site language '{code}' has no interface strings; add {STRINGS_DIR / f'{code}.yml'}, "
                f"a translation of {STRINGS_DIR / 'en.yml'}"
            )
    return SiteLanguages(languages)


def _built_languages(config: dict) -> tuple[str, ...]:
    """The locales static-i18n builds, the default first; without static-i18n, the theme's language."""
    plugins = config.get("plugins") or []
    options = (
        plugins.get("i18n")
        if isinstance(plugins, dict)
        else next((item["i18n"] for item in plugins if isinstance(item, dict) and "i18n" in item), None)
    )
    entries = [
        entry
        for entry in (options or {}).get("languages") or []
        if isinstance(entry, dict) and entry.get("build", True)
    ]
    if not entries:
        return (str((config.get("theme") or {}).get("language") or "en"),)
    ordered = sorted(entries, key=lambda entry: not entry.get("default", False))  # stable: the others in file order
    return tuple(str(entry["locale"]) for entry in ordered)


# libyaml's parser where PyYAML was built with it (its wheels are): mkdocs.yml and a strings file read some ten
# times faster than by the pure-Python one, with the same data. Its composer recurses in C, past Python's recursion
# limit: values nested some 25,000 deep (on an 8 MB stack) kill the process. So it reads mkdocs.yml, which anyone
# may edit, only while the file is short enough not to nest that deep (as content/frontmatter.py does front matter);
# a longer one goes to the pure parser, which stops at the recursion limit (reported by `read`). The strings files
# are the package's own.
_FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FAST_CONFIG_LIMIT = 10_000  # characters: the shipped mkdocs.yml has about 6,000


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as data: its tags (!ENV, !relative, Python names) mean nothing to the language list."""


class _FastConfigLoader(_FastSafeLoader):  # type: ignore[valid-type,misc]  # a class chosen at import
    """_ConfigLoader with libyaml's parser."""


def _no_value(loader: yaml.BaseLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("", _no_value)
_FastConfigLoader.add_multi_constructor("", _no_value)


def _read_config(text: str):
    loader = (_FastConfigLoader if len(text) <= FAST_CONFIG_LIMIT else _ConfigLoader)(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def strings(language: str) -> dict:
    """The site's interface strings in `language`."""
    return _site_strings(STRINGS_DIR / f"{language}.yml")


def print_strings(language: str) -> dict[str, str]:
    """The strings of the PDFs and the download links in `language`."""
    found: dict[str, str] = _file(STRINGS_DIR / f"{language}.yml")["print"]
    return found


def vocabulary_labels(language: str) -> dict[str, dict[str, str]]:
    """Vocabulary name -> code -> its label in `language`."""
    return _file(STRINGS_DIR / f"{language}.yml")["vocabularies"]


def new_page_strings(language: str) -> dict:
    """What `guidebook new` writes into a translation to be done, as typed (not typeset: authors edit it)."""
    return _read_strings(STRINGS_DIR / f"{language}.yml")["new_page"]


@cache
def _site_strings(path: Path) -> dict:
    return {key: value for key, value in _file(path).items() if key not in SECTIONS}


@cache
def _file(path: Path) -> dict:
    code = path.stem
    return interface_strings({code: _read_strings(path)})[code]


def _read_strings(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    strings: dict = yaml.load(text, Loader=_FastSafeLoader)
    return strings
