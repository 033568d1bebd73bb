"""The unsafe-markup check of each page body, run on the HTML the build renders it to: each body is rendered once.

`guidebook check` renders every body with the extensions of mkdocs.yml and lists what the allow-list would remove
(content/sanitise.py). A build renders every body anyway, so it leaves that out of its content load and runs the
same rules on its own rendering, in the page-content event, before cleaning. Two things make MkDocs' HTML differ
from the check's, and are undone here:
- MkDocs makes the address of each Markdown link and image relative to the page (its `relpath` step), and the
  check judges the address the author wrote: a tree step just before it keeps that address in an attribute
  named with a secret of this process (no author can write it), which the check reads instead (and the cleaning
  then removes, as it removes every attribute outside the allow-list);
- another plugin may change a page's Markdown before it is rendered (static-i18n writes translated admonition
  titles): such a page, and any page the build did not render, is checked on its own rendering, as before.
A build then refuses exactly what `guidebook check` refuses, with the same files, lines and messages.
"""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.frontmatter import SourceFile
from ..content.problems import Problem
from ..content.sanitise import body_problems, body_problems_rendered

# Between the table of contents (5) and MkDocs' relpath (0): after every step that writes links, and before
# Markdown's unescaping (0), which then treats the kept address as it treats the link's own.
PRIORITY = 0.5
ADDRESSES = {"a": "href", "img": "src"}  # what relpath rewrites


class BodyCheck:
    """The body problems of the pages a build rendered, by source file; the pages it could not check that way."""

    def __init__(self) -> None:
        self.marker = f"data-gb-{secrets.token_hex(8)}"
        self.extension = _KeepAddresses(self)
        self.found: dict[str, list[Problem]] = {}  # by the source's path as shown: a page rendered again replaces it
        self.checking = False  # whether the page being rendered is one this check reads

    def begin(self, source: SourceFile, markdown: str) -> bool:
        """Before a page is rendered from `markdown`: whether its rendering can stand for the check's."""
        # What the plugin gave MkDocs, unchanged by other plugins. MkDocs and static-i18n take blank lines off its
        # ends, which Markdown ignores.
        self.checking = markdown.strip("\n") == source.body.strip("\n")
        return self.checking

    def end(self, source: SourceFile, html: str) -> None:
        """After the page of `source` was rendered to `html` (MkDocs' page-content event), before cleaning."""
        if self.checking:
            self.found[source.shown_path] = body_problems(source, html, self.marker)
        self.checking = False

    def take(self, found: dict[str, list[Problem]]) -> None:
        """The problems another process's build found (html/parallel.py)."""
        self.found.update(found)

    def problems(self, sources: list[SourceFile]) -> list[Problem]:
        """Every body problem of `sources`: found in the build, or found now on a rendering of its own."""
        problems = []
        for source in sources:
            found = self.found.get(source.shown_path)
            problems += found if found is not None else body_problems_rendered(source)
        return sorted(set(problems))


class _KeepAddresses(Extension):
    def __init__(self, check: BodyCheck) -> None:
        super().__init__()
        self.check = check

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's name
        md.treeprocessors.register(_KeepAddressesStep(md, self.check), "guidebook_keep_addresses", PRIORITY)


class _KeepAddressesStep(Treeprocessor):
    def __init__(self, md: Markdown, check: BodyCheck) -> None:
        super().__init__(md)
        self.check = check

    def run(self, root: etree.Element) -> None:
        if not self.check.checking:
            return
        for element in root.iter():
            key = ADDRESSES.get(element.tag)
            if key is not None and (address := element.get(key)) is not None:
                element.set(self.check.marker, address)
