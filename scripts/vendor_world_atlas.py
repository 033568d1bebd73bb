"""Vendor the map's geometry: Europe's countries from the npm package world-atlas (Natural Earth 1:50m).

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/vendor_world_atlas.py package/

Writes guidebook/vendor/world-atlas/europe-50m.json (countries cropped to Europe's surroundings and
simplified, in degrees) and copies the package's LICENCE beside it. The build projects this data; it
never reads the network or the npm package.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from guidebook.site.geo import clip_ring, decode_topojson, simplify  # noqa: E402
from guidebook.site.map import GEOMETRY  # noqa: E402

CROP = (-30.0, 28.0, 50.0, 75.0)  # lon/lat box, wider than the map's frame (guidebook/content/area.py)
TOLERANCE = 0.03  # degrees, about half a pixel on the map
SOURCE = "countries-50m.json"


def vendor(package: Path) -> dict:
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    topology = json.loads((package / SOURCE).read_text(encoding="utf-8"))
    countries = []
    for numeric, name, polygons in decode_topojson(topology, "countries"):
        rings = []
        for polygon in polygons:
            for ring in polygon:
                kept = simplify(clip_ring(ring, *CROP), TOLERANCE)
                if len(kept) >= 4:
                    rings.append([[round(lon, 3), round(lat, 3)] for lon, lat in kept])
        if rings:
            country = pycountry.countries.get(numeric=numeric) if numeric else None
            countries.append({"code": country.alpha_2 if country else None, "name": name, "rings": rings})
    return {
        "source": f"npm {meta['name']} {meta['version']}, {SOURCE} (Natural Earth 1:50m Admin 0 countries, public domain)",
        "crop": CROP,
        "tolerance_degrees": TOLERANCE,
        "countries": sorted(countries, key=lambda c: c["name"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", type=Path, help="the unpacked npm package folder (with countries-50m.json)")
    package = parser.parse_args().package
    GEOMETRY.parent.mkdir(parents=True, exist_ok=True)
    GEOMETRY.write_text(json.dumps(vendor(package), separators=(",", ":")) + "\n", encoding="utf-8")
    shutil.copyfile(package / "LICENSE", GEOMETRY.parent / "LICENSE")
    print(f"wrote {GEOMETRY.relative_to(ROOT)} ({GEOMETRY.stat().st_size / 1000:.0f} KB)")


if __name__ == "__main__":
    main()
