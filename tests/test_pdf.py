"""The guidebook PDFs and the handouts: order, outline, contents page numbers, language, fonts, links, cache."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from guidebook.content import load as content
from guidebook import publish
from guidebook.pdf import render_all
from guidebook.site.downloads import handout_pdf
from guidebook.languages import print_strings, read
from guidebook.typography import text_for_language
from guidebook.pdf.outline import Item, outline
from real_downloads import page_texts, real_site, shipped_pdf
from sites import PROJECT, base_files, build, fixture_config, page_text, write_project

LANGUAGES = ("en", "fr")
PARTS = {"state-of-the-art": 7, "city-pilots": 9, "recommendations": 12}
SHEETS = 9


# -- reading PDFs ---------------------------------------------------------------------------------


def outline_items(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number counted from 1) of every bookmark, in order; a title without the 2019
    edition's number ("1.1 Belgium" is Belgium)."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                title = re.sub(r"^\d+\.\d+\s+", "", item.title)
                found.append((depth, title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def normalise(text: str) -> str:
    """One space between words; a line broken after a hyphen ('Clichy-' / 'sous-Bois') joined again."""
    return re.sub(r"-\s+", "-", re.sub(r"\s+", " ", text)).strip()


def links(reader: PdfReader) -> list[dict]:
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                found.append(annotation)
    return found


def fonts(reader: PdfReader) -> list[dict]:
    """Every font descriptor of every page (those of composite fonts too)."""
    descriptors = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for part in [font, *(f.get_object() for f in font.get("/DescendantFonts", []))]:
                if "/FontDescriptor" in part:
                    descriptors.append(part["/FontDescriptor"].get_object())
    return descriptors


def nav_keys() -> list[str]:
    def flatten(nodes: list) -> list[str]:
        keys = []
        for node in nodes:
            value = next(iter(node.values())) if isinstance(node, dict) else node
            keys += flatten(value) if isinstance(value, list) else [value[: -len(".md")]]
        return keys

    config = yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return flatten(config["nav"])


@pytest.fixture(scope="module")
def site() -> Path:
    return real_site()


@pytest.fixture(scope="module")
def repository():
    return content.load(PROJECT)


def guidebook(language: str) -> PdfReader:
    return shipped_pdf(f"guidebook-{language}.pdf")


def all_pdfs(site: Path) -> list[str]:
    """The shipped PDFs, by their paths in the site."""
    found = sorted(site.glob("guidebook-*.pdf")) + sorted(site.glob("downloads/**/*.pdf"))
    return [pdf.relative_to(site).as_posix() for pdf in found]


# -- the shipped guidebook ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_outline_lists_every_chapter_in_the_order_of_the_nav(repository, language):
    items = outline_items(guidebook(language))
    titles = [title for _, title, _ in items]
    chapters = [key for key in nav_keys() if key in repository.entries and key != "index"]
    expected = [repository.entries[key].model(language).title for key in chapters]
    assert [title for title in titles if title in expected] == expected
    sheets = [entry.model(language).title for entry in repository.of_kind("practice-sheet")]
    assert len(sheets) == SHEETS and set(sheets) <= set(titles)
    # Parts open with their index page; their chapters are nested under it.
    for folder, count in PARTS.items():
        part = repository.entries[f"{folder}/index"].model(language).title
        start = titles.index(part)
        assert items[start][0] == 0
        assert [depth for depth, _, _ in items[start + 1 : start + 1 + count]] == [1] * count


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapters_follow_in_order_and_each_part_starts_on_a_new_page(language):
    # A chapter inside a part may run on below a chapter ending near a page's top (issue 28, fit.py).
    items = outline_items(guidebook(language))
    pages = [page for _, _, page in items]
    parts = [page for depth, _, page in items if depth == 0]
    assert pages == sorted(pages) and len(set(parts)) == len(parts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_contents_entry_gives_the_page_of_its_heading(language):
    book, texts = guidebook(language), page_texts(f"guidebook-{language}.pdf")
    items = outline_items(book)
    first_chapter = items[0][2]
    contents = normalise(" ".join(texts[index] for index in range(1, first_chapter - 1)))
    assert contents.startswith(print_strings(language)["contents"])
    for _, title, page in items:
        # The dot leaders are drawn, not written (artifacts): the title is followed by its page number.
        match = re.search(re.escape(normalise(title)) + r" ?[. ]*(\d+)", contents)
        assert match, f"{title!r} is not in the contents"
        assert int(match.group(1)) == page, title
        # The page says so too, in its footer.
        assert f"{page} / {len(book.pages)}" in texts[page - 1]


def test_french_guidebook_is_french_and_says_so():
    french, english = guidebook("fr"), guidebook("en")
    assert french.trailer["/Root"]["/Lang"] == "fr" and english.trailer["/Root"]["/Lang"] == "en"
    text = " ".join(page_texts("guidebook-fr.pdf")[:12])
    for word in ("Sommaire", "Avant-propos", "Partie 1", "probation et"):
        assert word in text
    for word in ("Contents", "Foreword", "Part 1"):
        assert word not in text
    assert french.metadata.title == "Guide PREPARE"
    assert french.metadata.author == "Forum européen pour la sécurité urbaine (Efus)"
    assert english.metadata.author == "European Forum for Urban Security (Efus)"


def test_handouts_one_per_sheet_and_language_key_facts_first(site, repository):
    for language in LANGUAGES:
        t = yaml.safe_load((PROJECT / f"guidebook/strings/{language}.yml").read_text(encoding="utf-8"))
        for entry in repository.of_kind("practice-sheet"):
            handout = handout_pdf(entry.slug, language)
            assert shipped_pdf(handout).trailer["/Root"]["/Lang"] == language
            text = normalise(page_texts(handout)[0])
            sections = [text_for_language(title, language) for title in t["sheet_sections"]]  # typeset, as printed
            assert text.index(text_for_language(t["key_facts"], language)) < text.index(sections[0])
            assert normalise(entry.model(language).title) in text
    assert len(list(site.glob("downloads/*.pdf"))) == SHEETS * len(LANGUAGES)


def structure_roles(reader: PdfReader) -> set[str]:
    """The roles (H1, P, Table...) in a PDF's structure tree: what a screen reader follows."""
    roles, pending = set(), [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        node = pending.pop().get_object()
        if isinstance(node, list):
            pending.extend(node)
        elif hasattr(node, "keys"):
            roles.add(node.get("/S"))
            if "/K" in node:
                pending.append(node["/K"])
    return roles


def test_every_pdf_is_tagged_with_headings_lists_and_tables(site):
    for pdf in all_pdfs(site):
        assert shipped_pdf(pdf).trailer["/Root"]["/MarkInfo"]["/Marked"], pdf
        assert {"/H1", "/P", "/L", "/LI"} <= structure_roles(shipped_pdf(pdf)), pdf
    assert {"/H2", "/Table", "/TH", "/TD", "/Link"} <= structure_roles(guidebook("en"))


def test_every_font_is_embedded(site):
    for pdf in all_pdfs(site):
        descriptors = fonts(shipped_pdf(pdf))
        assert descriptors, pdf
        for descriptor in descriptors:
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{pdf}: {descriptor['/FontName']}"


def test_no_link_points_to_a_markdown_file_and_internal_links_stay_inside(site):
    for pdf in all_pdfs(site):
        for link in links(shipped_pdf(pdf)):
            action = link.get("/A") or {}
            uri = str(action.get("/URI", ""))
            assert not re.search(r"\.md($|#)", uri), f"{pdf}: {uri}"
            # Sources may be cited at an http:// address, as their publisher serves them.
            assert (
                uri.startswith(("https://", "http://", "mailto:")) or "/Dest" in link or action.get("/S") == "/GoTo"
            ), f"{pdf}: {link}"
    internal = [
        link for link in links(guidebook("en")) if "/Dest" in link or (link.get("/A") or {}).get("/S") == "/GoTo"
    ]
    assert len(internal) > 100  # the contents, and the cross-links between chapters and sheets


# -- fixture projects -----------------------------------------------------------------------------


def test_second_render_with_nothing_changed_renders_nothing(tmp_path):
    project = write_project(tmp_path / "p", base_files())
    cache = tmp_path / "cache"
    first = render_all(project, tmp_path / "one", cache_dir=cache)
    # Two guidebooks, two handouts and two workshop packs (the sheet's one approach, in each language).
    assert len(first) == 6 and not any(result.cached for result in first)
    # CPU time, its forked renderers' included: on a loaded machine the wall clock measured the other processes.
    start = sum(os.times()[:4])
    second = render_all(project, tmp_path / "two", cache_dir=cache)
    assert all(result.cached for result in second)
    assert sum(os.times()[:4]) - start < 1
    assert (tmp_path / "two/guidebook-fr.pdf").read_bytes() == (tmp_path / "one/guidebook-fr.pdf").read_bytes()
    # A change to one French sheet renders again only what prints it.
    sheet = project / "practice_sheets/testville-case-management.fr.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("Text.", "Texte.", 1), encoding="utf-8")
    third = render_all(project, tmp_path / "three", cache_dir=cache)
    rendered = sorted(result.path.name for result in third if not result.cached)
    assert rendered == ["case-management.fr.pdf", "guidebook-fr.pdf", "testville-case-management.fr.pdf"]


def test_links_between_pages_lead_inside_the_pdf_or_to_the_site(tmp_path):
    files = base_files()
    files["docs/index.en.md"] = page_text(
        {"title": "Home", "status": "published"},
        "See [the pilot](city-pilots/testville.md#context), [the catalogue](practice-sheets/index.md) "
        "and [elsewhere](https://example.org/).",
    )
    files["city_pilots/testville.en.md"] = files["city_pilots/testville.en.md"].replace(
        "Text.", "## Context\n\nBack [home](../index.md) and to [chapter 1](../recommendations/01-first.md)."
    )
    project = write_project(
        tmp_path / "p",
        files,
        fixture_config(nav=["index.md", "city-pilots/testville.md", {"Sheets": ["practice-sheets/index.md"]}]),
    )
    results = render_all(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    reader = PdfReader(tmp_path / "site/guidebook-en.pdf")
    uris = {str((link.get("/A") or {}).get("/URI")) for link in links(reader)}
    # The home page and chapter 1 are not printed (home: the cover stands for it; chapter 1: not in this nav).
    assert "https://prepare.efus.eu/" in uris and "https://prepare.efus.eu/recommendations/01-first/" in uris
    assert [title for _, title, _ in outline_items(reader)] == ["Testville", "Sheets", "Case management in Testville"]
    assert all(result.pages >= 1 for result in results)


def test_a_remote_image_fails_the_build_and_leaves_the_site_as_it_was(tmp_path):
    files = base_files()
    files["docs/state-of-the-art/belgium.en.md"] = page_text(
        {"title": "Belgium", "country": "BE", "summary": "S.", "status": "draft"},
        "![A map](https://example.org/map.png)",
    )
    project = write_project(tmp_path / "p", files)
    site = project / "site"
    site.mkdir()
    (site / "previous.html").write_text("old", encoding="utf-8")
    # Refused by the content check, with its line, before any PDF is drawn (the PDF's fetcher would refuse it too).
    with pytest.raises(
        publish.BuildFailed,
        match=r"belgium\.en\.md:8: body: the image 'https://example\.org/map\.png' comes from another site",
    ):
        publish.build_site(project, site)
    assert [path.name for path in site.iterdir()] == ["previous.html"]


def tiny_png() -> bytes:
    """A 2×2 red PNG, written by hand: no image file needs to be at hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\0" + b"\xff\x00\x00" * 2 for _ in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_images_are_embedded_from_the_project(tmp_path):
    files = base_files()
    files["docs/state-of-the-art/belgium.en.md"] = page_text(
        {"title": "Belgium", "country": "BE", "summary": "S.", "status": "draft"}, "![Icon](../img/icon.png)"
    )
    project = write_project(tmp_path / "p", files)
    (project / "docs/img").mkdir()
    (project / "docs/img/icon.png").write_bytes(tiny_png())
    render_all(project, tmp_path / "site", cache_dir=tmp_path / "cache")
    reader = PdfReader(tmp_path / "site/guidebook-en.pdf")
    assert any("/XObject" in page["/Resources"] for page in reader.pages)


def overrides_with_downloads(tmp_path: Path) -> Path:
    """The theme overrides, with the download partial included if the shipped content.html does not yet."""
    overrides = PROJECT / "overrides"
    if "partials/guidebook/downloads.html" in (overrides / "partials/content.html").read_text(encoding="utf-8"):
        return overrides
    copy = tmp_path / "overrides"
    shutil.copytree(overrides, copy)
    partial = copy / "partials/content.html"
    text = partial.read_text(encoding="utf-8")
    anchor = '{% include "partials/guidebook/facts.html" %}'
    partial.write_text(
        text.replace(anchor, '{% include "partials/guidebook/downloads.html" %}\n  ' + anchor), encoding="utf-8"
    )
    return copy


def test_home_and_sheet_pages_link_to_their_downloads_in_the_reader_language(tmp_path):
    config = fixture_config()
    config["theme"]["custom_dir"] = str(overrides_with_downloads(tmp_path))
    result = build(write_project(tmp_path / "p", base_files(), config), downloads=True)
    expected = {
        "index.html": ["guidebook-en.pdf", "guidebook-offline.zip"],
        "fr/index.html": ["../guidebook-fr.pdf", "../guidebook-offline.zip"],
        "practice-sheets/testville-case-management/index.html": ["../../downloads/testville-case-management.en.pdf"],
        "fr/practice-sheets/testville-case-management/index.html": [
            "../../../downloads/testville-case-management.fr.pdf"
        ],
    }
    for page, targets in expected.items():
        html = result.html(page)
        found = re.findall(r'<a class="md-button" href="([^"]+)"[^>]*download>([^<]+)</a>', html)
        assert [href for href, _ in found] == targets, page
        language = "fr" if page.startswith("fr/") else "en"
        assert found[0][1] in print_strings(language).values()
        for href, _ in found:
            assert (result.site / Path(page).parent / href).resolve().is_file()
    assert "md-button" not in result.html("city-pilots/testville/index.html")


def test_a_fast_build_makes_no_downloads_and_shows_no_links(tmp_path):
    config = fixture_config()
    config["theme"]["custom_dir"] = str(overrides_with_downloads(tmp_path))
    result = build(write_project(tmp_path / "p", base_files(), config))
    assert not list(result.site.glob("*.pdf")) and not (result.site / "guidebook-offline.zip").exists()
    assert "gb-downloads" not in result.html("index.html")


# -- units ----------------------------------------------------------------------------------------


def test_print_strings_exist_in_every_language():
    codes = read(PROJECT).codes
    assert set(codes) == set(LANGUAGES)
    strings = {code: print_strings(code) for code in codes}
    assert set(strings["en"]) == set(strings["fr"])
    assert all(value.strip() for language in strings.values() for value in language.values())


def test_outline_follows_the_nav_with_groups_and_catalogues():
    nav = [
        "index.md",
        "guidebook/foreword.md",
        {"Part 1": ["part/index.md", "part/a.md", "part/missing.md"]},
        {"Practice sheets": ["sheets/index.md", "sheets/themes.md"]},
        {"About": ["about/x.md"]},
    ]
    keys = {"index", "guidebook/foreword", "part/index", "part/a", "sheets/b", "sheets/a", "about/x"}
    assert outline(nav, keys) == [
        Item(1, "guidebook/foreword"),
        Item(1, "part/index", "Part 1"),
        Item(2, "part/a"),
        Item(1, None, "Practice sheets", ("sheets/index",)),
        Item(2, "sheets/a"),
        Item(2, "sheets/b"),
        Item(1, None, "About"),
        Item(2, "about/x"),
    ]


def test_pdfs_rendered_on_two_processes_are_cached_as_if_rendered_on_one(tmp_path, monkeypatch):
    from guidebook import forkmap
    from guidebook.pdf import build as pdf_build

    monkeypatch.setattr(forkmap, "_single_threaded", lambda: True)  # the test session's idle threads are safe
    monkeypatch.setattr(pdf_build, "PARALLEL_FROM", 2)
    project = write_project(tmp_path / "p", base_files())
    cache = tmp_path / "cache"
    first = render_all(project, tmp_path / "one", cache_dir=cache)
    # The second half came from the forked child: its files exist and its cache entries were kept.
    assert all((tmp_path / "one" / r.path.relative_to(tmp_path / "one")).is_file() for r in first)
    second = render_all(project, tmp_path / "two", cache_dir=cache)
    assert all(result.cached for result in second)
    assert [r.path.name for r in second] == [r.path.name for r in first]
