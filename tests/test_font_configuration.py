"""PDFs share one WeasyPrint font configuration per process (guidebook/pdf/render.py): the print faces are
decompressed by the first document only, and every document still gets them.

If this fails after upgrading WeasyPrint: look at how `FontConfiguration.add_font_face` keys the faces it has added,
and redo `_process_font_configuration` (or remove it: PDFs are then slower, not wrong)."""

from __future__ import annotations

import os
import subprocess
import sys

from fontTools.ttLib import woff2
from pypdf import PdfReader

from guidebook.pdf import render
from guidebook.pdf.fonts import font_faces
from sites import PROJECT


def _document(words: str) -> str:
    faces, _ = font_faces()
    return (
        f"<!doctype html><html lang='en'><head><title>{words}</title><style>{faces}"
        "body { font-family: 'IBM Plex Serif' } h1 { font-family: 'IBM Plex Sans'; font-weight: 700 }</style></head>"
        f"<body><h1>{words}</h1><p>{words}, <em>Straße</em>.</p></body></html>"
    )


def _fonts(pdf) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_the_faces_are_decompressed_once_per_process_and_every_pdf_embeds_them(tmp_path, monkeypatch):
    decompressed = []
    real = woff2.decompress
    monkeypatch.setattr(woff2, "decompress", lambda *args: decompressed.append(1) or real(*args))
    render._process_font_configuration.cache_clear()
    cache = render.Cache(tmp_path / "cache")
    first = render.render(_document("First"), tmp_path, tmp_path / "first.pdf", cache, set())
    after_first = len(decompressed)
    second = render.render(_document("Second"), tmp_path, tmp_path / "second.pdf", cache, set())
    assert not first.cached and not second.cached
    assert after_first > 0 and len(decompressed) == after_first, "the second PDF decompressed the faces again"
    for pdf in (first.path, second.path):
        assert {"IBM-Plex-Serif", "IBM-Plex-Sans-Bold", "IBM-Plex-Serif-Italic"} <= _fonts(pdf), _fonts(pdf)


def test_a_process_that_rendered_a_pdf_ends_without_a_traceback_and_removes_the_faces_folder(tmp_path):
    """The shared configuration outlived the interpreter's teardown: its cleaning then failed ("Exception ignored in
    FontConfiguration.__del__ ... TypeError") and left its folder of decompressed faces in the temporary folder."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    script = (
        "import sys; from pathlib import Path; from guidebook.pdf import render;"
        # Held until the interpreter's teardown (in `sys`, cleared last), as a test process held it: WeasyPrint's
        # cleaning then came too late, failed or never ran.
        "from weasyprint.text import fonts; sys.kept = (fonts, render._font_configuration());"
        "out = Path(sys.argv[1]); document = (out / 'alone.html').read_text(encoding='utf-8');"
        "render.render(document, out, out / 'alone.pdf', render.Cache(out / 'c'), set())"
    )
    (tmp_path / "alone.html").write_text(_document("Alone"), encoding="utf-8")
    env = {**os.environ, "TMPDIR": str(temporary)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True, text=True, cwd=PROJECT
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert (tmp_path / "alone.pdf").exists()
    assert [path.name for path in temporary.iterdir()] == []


def test_a_build_rendering_on_two_cores_leaves_no_faces_folder(tmp_path):
    """render_all renders half of the PDFs in a forked child, which ends without exit handlers: it removes the
    folder of the configuration it made itself (`release_font_configuration`), and each build left one otherwise."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for number in (1, 2):
        (tmp_path / f"{number}.html").write_text(_document(f"Document {number}"), encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; from guidebook.pdf import render; from guidebook.forkmap import split_map;"
        "out = Path(sys.argv[1]); cache = render.Cache(out / 'c');"
        "make = lambda n: render.render((out / f'{n}.html').read_text(encoding='utf-8'), out, out / f'{n}.pdf', cache, set()).path.name;"
        "print(split_map(make, [1, 2], min_items=2, finish=render.release_font_configuration))"
    )
    env = {**os.environ, "TMPDIR": str(temporary)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True, text=True, cwd=PROJECT
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.strip() == "['1.pdf', '2.pdf']"
    assert [path.name for path in temporary.iterdir()] == []
