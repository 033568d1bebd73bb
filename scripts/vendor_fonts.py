"""Vendor the guidebook's fonts, IBM Plex Sans and IBM Plex Serif (SIL Open Font License 1.1), from npm.

    npm pack @fontsource/ibm-plex-sans@5.3.0 @fontsource/ibm-plex-serif@5.3.0
    for f in fontsource-ibm-plex-*.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python scripts/vendor_fonts.py fontsource-ibm-plex-sans-5.3.0/package fontsource-ibm-plex-serif-5.3.0/package

Copies the Latin and Latin Extended WOFF2 files of the weights the site and the PDFs use, each licence, and
writes guidebook/vendor/fonts/fonts.css: one @font-face per file with its unicode-range, addresses relative
to that stylesheet. WeasyPrint reads these files; the site serves the same faces from web/, written from them
without their hinting instructions (a quarter of their bytes; phones and Mac OS ignore hinting, Windows then draws
them smoothed, as Google Fonts serves them): fewer bytes before the first paint. Nothing is fetched at build or view
time. `python scripts/vendor_fonts.py --web` writes web/ again from the vendored files alone.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

from fontTools import subset

TARGET = Path(__file__).resolve().parent.parent / "guidebook" / "vendor" / "fonts"
WEB = TARGET / "web"
SUBSETS = ("latin", "latin-ext")
STYLES = {"ibm-plex-sans": ("400", "400-italic", "600", "700"), "ibm-plex-serif": ("400", "400-italic", "600")}
FACE = re.compile(r"/\* (?P<name>[\w-]+) \*/\s*@font-face \{(?P<body>.*?)\}", re.DOTALL)


def faces(package: Path, family: str) -> list[str]:
    css = []
    for style in STYLES[family]:
        for match in FACE.finditer((package / f"{style}.css").read_text(encoding="utf-8")):
            name = match["name"]
            if not any(
                name == f"{family}-{subset}-{style.split('-')[0]}-{'italic' if 'italic' in style else 'normal'}"
                for subset in SUBSETS
            ):
                continue
            shutil.copyfile(package / "files" / f"{name}.woff2", TARGET / f"{name}.woff2")
            body = re.sub(r"src: [^;]+;", f"src: url({name}.woff2) format('woff2');", match["body"])
            css.append(f"/* {name} */\n@font-face {{{body}}}\n")
    return css


def unhinted_web_copies(web: Path = WEB) -> None:
    """Every vendored face again in web/, every glyph, feature and name kept, without hinting."""
    if web.exists():
        shutil.rmtree(web)
    web.mkdir()
    options = subset.Options(
        hinting=False, layout_features=["*"], name_IDs=["*"], name_languages=["*"], notdef_outline=True, flavor="woff2"
    )
    for source in sorted(TARGET.glob("*.woff2")):
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(glyphs=font.getGlyphOrder())
        subsetter.subset(font)
        subset.save_font(font, str(web / source.name), options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="*", type=Path, help="unpacked @fontsource packages")
    parser.add_argument("--web", action="store_true", help="only write web/ again from the vendored files")
    args = parser.parse_args()
    if args.web or not args.packages:
        unhinted_web_copies()
        return
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    css = [
        "/* IBM Plex Sans and IBM Plex Serif, SIL Open Font License 1.1 (LICENSE-*.txt beside this file).\n"
        "   Vendored from npm by scripts/vendor_fonts.py; do not edit. */\n"
    ]
    for package in args.packages:
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        family = meta["name"].split("/")[-1]
        shutil.copyfile(package / "LICENSE", TARGET / f"LICENSE-{family}.txt")
        css.append(f"/* {meta['name']} {meta['version']} */\n")
        css += faces(package, family)
    (TARGET / "fonts.css").write_text("\n".join(css), encoding="utf-8")
    unhinted_web_copies()


if __name__ == "__main__":
    main()
