"""Page bodies to HTML with the site's Markdown extensions, links and ids made fit for one PDF."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..content.sanitise import clean
from .links import Linker
from .settings import Settings


class _Relink(Treeprocessor):
    def __init__(self, md: Markdown, linker: Linker):
        super().__init__(md)
        self.linker = linker

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if "id" in element.attrib:
                element.set("id", self.linker.local_id(element.attrib["id"]))
            if element.tag == "a" and "href" in element.attrib:
                href = self.linker.href(element.attrib["href"])
                if href is None:
                    del element.attrib["href"]
                else:
                    element.set("href", href)
            if element.tag == "img" and "src" in element.attrib:
                element.set("src", self.linker.src(element.attrib["src"]))


class _RelinkExtension(Extension):
    def __init__(self, linker: Linker):
        super().__init__()
        self.linker = linker

    def extendMarkdown(self, md: Markdown) -> None:
        # Lowest priority: after toc (5) and footnotes have set their ids and links.
        md.treeprocessors.register(_Relink(md, self.linker), "guidebook_relink", 0)


class Renderer:
    """One Markdown converter per document, reset between pages."""

    def __init__(self, settings: Settings, linker: Linker):
        self.linker = linker
        self.md = Markdown(
            extensions=[*settings.extensions, _RelinkExtension(linker)],
            extension_configs=settings.markdown_configs(),
        )

    def render(self, key: str, body: str) -> str:
        self.linker.page = key
        return clean(self.md.reset().convert(body))  # page text is untrusted here too (content/sanitise.py)
