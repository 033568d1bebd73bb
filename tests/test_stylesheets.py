"""What a page makes the browser fetch before its first paint (make lighthouse, issue 25): Material's two
stylesheets and the site's own as one file (guidebook/html/stylesheets.py), no font preload; fallback faces
shaped like IBM Plex so the late swap to Plex moves nothing (overrides/stylesheets/font-fallbacks.css)."""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from guidebook import PACKAGE_DIR
from guidebook.html.stylesheets import _relocate
from guidebook.publish.fingerprint import built_path, original_names
from sites import PROJECT, fixture_config

STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
FALLBACKS = (PROJECT / "overrides" / "stylesheets" / "font-fallbacks.css").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["", "fr/", "practice-sheets/", "fr/practice-sheets/testville-case-management/"])
def test_a_page_loads_two_stylesheets_and_preloads_no_font(base_site, path):
    html = base_site.html(path)
    head = html[: html.index("</head>")]
    names = [original_names(href).rsplit("/", 1)[-1] for href in STYLESHEET.findall(head)]
    # Material's main.css and the guidebook's bundle; not palette.css (mkdocs.yml: no palette), whose rules match
    # nothing here and would hold the first paint.
    assert len(names) == 2 and names[0].startswith("main."), names
    assert names[1] == "site.css"
    assert 'rel="preload"' not in head  # a preloaded font holds the first paint until it arrives (Chrome)


def test_the_bundle_holds_every_extra_stylesheet_in_order_and_its_fonts_resolve(base_site):
    bundle = built_path(base_site.site, "stylesheets/site.css")
    css = original_names(bundle.read_text(encoding="utf-8"))
    sources = fixture_config()["extra_css"]
    positions = [css.index(f"/* {source} */") for source in sources]
    assert positions == sorted(positions) and len(sources) >= 6
    assert "@font-face" in css and ".gb-card" in css and "@media print" in css
    fonts = re.findall(r"url\(([^)]+\.woff2)\)", bundle.read_text(encoding="utf-8"))
    assert fonts and all((bundle.parent / font).is_file() for font in fonts)
    for source in sources:  # served only inside the bundle
        assert not list(base_site.site.glob(re.sub(r"\.css$", ".*css", source))), source


def test_addresses_are_rewritten_for_the_bundles_folder():
    css = "a{background:url(x.svg)} b{src:url('f.woff2')} c{background:url(data:image/png;base64,AA)} d{x:url(#m)} e{x:url(/y.png)}"
    assert _relocate(css, "assets/fonts") == (
        "a{background:url(../assets/fonts/x.svg)} b{src:url('../assets/fonts/f.woff2')} c{background:url(data:image/png;base64,AA)} "
        "d{x:url(#m)} e{x:url(/y.png)}"
    )
    assert _relocate("a{b:url(../images/m.svg)}", "stylesheets") == "a{b:url(../images/m.svg)}"


def _percent(face: str, descriptor: str) -> float:
    return float(re.search(rf"{descriptor}:\s*([\d.]+)%", face).group(1)) / 100


@pytest.mark.parametrize("font", ["ibm-plex-sans-latin-400-normal", "ibm-plex-serif-latin-600-normal"])
def test_each_fallback_face_has_the_height_of_plex_at_its_scale(font):
    plex = TTFont(PACKAGE_DIR / "vendor" / "fonts" / f"{font}.woff2")
    em = plex["head"].unitsPerEm
    ascent, descent = plex["hhea"].ascent / em, -plex["hhea"].descent / em
    family = "IBM Plex Sans" if "sans" in font else "IBM Plex Serif"
    faces = [face for face in FALLBACKS.split("@font-face")[1:] if f'font-family: "{family} fallback' in face]
    assert len(faces) == 2
    for face in faces:
        scale = _percent(face, "size-adjust")
        assert 0.8 < scale < 1.2
        assert abs(_percent(face, "ascent-override") * scale - ascent) < 0.002, face
        assert abs(_percent(face, "descent-override") * scale - descent) < 0.002, face
    identity = (PROJECT / "overrides" / "stylesheets" / "identity.css").read_text(encoding="utf-8")
    assert f'"{family}", "{family} fallback", "{family} fallback DejaVu"' in identity
