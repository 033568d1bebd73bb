"""The faces the site serves (guidebook/vendor/fonts/web/) are the PDFs' IBM Plex faces without hinting, nothing else."""

from __future__ import annotations

import importlib.util

import pytest
from fontTools.ttLib import TTFont

from guidebook import PACKAGE_DIR
from sites import PROJECT

FONTS = PACKAGE_DIR / "vendor" / "fonts"
FACES = sorted(path.name for path in FONTS.glob("*.woff2"))
HINTING = {"fpgm", "prep", "cvt "}


def _vendor_fonts():
    spec = importlib.util.spec_from_file_location("vendor_fonts", PROJECT / "scripts" / "vendor_fonts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_web_faces_are_what_vendor_fonts_writes_from_the_pdfs_faces(tmp_path):
    _vendor_fonts().unhinted_web_copies(tmp_path / "web")
    assert sorted(path.name for path in (FONTS / "web").iterdir()) == FACES
    for name in FACES:
        assert (tmp_path / "web" / name).read_bytes() == (FONTS / "web" / name).read_bytes(), (
            f"{name}: run python scripts/vendor_fonts.py --web"
        )


@pytest.mark.parametrize("name", FACES)
def test_a_web_face_draws_every_character_as_the_pdfs_face_does_only_unhinted(name):
    pdf, web = TTFont(FONTS / name), TTFont(FONTS / "web" / name)
    assert HINTING <= set(pdf.keys()) and not HINTING & set(web.keys())
    assert (FONTS / "web" / name).stat().st_size < 0.85 * (FONTS / name).stat().st_size
    assert {code: pdf.getGlyphID(glyph) for code, glyph in pdf.getBestCmap().items()} == {
        code: web.getGlyphID(glyph) for code, glyph in web.getBestCmap().items()
    }
    pdf_glyphs, web_glyphs = pdf.getGlyphOrder(), web.getGlyphOrder()
    assert len(pdf_glyphs) == len(web_glyphs)
    for pdf_glyph, web_glyph in zip(pdf_glyphs, web_glyphs, strict=True):  # same outlines and advances
        assert pdf["hmtx"][pdf_glyph] == web["hmtx"][web_glyph]
        pdf_outline, web_outline = pdf["glyf"][pdf_glyph], web["glyf"][web_glyph]
        assert pdf_outline.getCoordinates(pdf["glyf"])[0] == web_outline.getCoordinates(web["glyf"])[0], pdf_glyph
    for table in ("GSUB", "GPOS", "GDEF", "name", "OS/2", "hhea"):
        assert (table in pdf) == (table in web), table
    for table in ("GSUB", "GPOS"):  # every feature (kerning, ligatures, alternates) kept, with as many rules
        tables = [font[table].table for font in (pdf, web)]
        assert [{record.FeatureTag for record in table.FeatureList.FeatureRecord} for table in tables] == 2 * [
            {record.FeatureTag for record in tables[0].FeatureList.FeatureRecord}
        ]
        assert [len(table.LookupList.Lookup) for table in tables] == 2 * [len(tables[0].LookupList.Lookup)], table
    assert pdf["name"].getDebugName(4) == web["name"].getDebugName(4)
