"""The map of Europe: country outlines projected once per build, pilot markers and labels per language.

Geometry: Natural Earth 1:50m through the npm package world-atlas, vendored (guidebook/vendor/world-atlas,
made by scripts/vendor_world_atlas.py). Projection and frame: content/area.py, which also keeps every
pilot inside the frame.
The SVG itself is written by the overridable template overrides/partials/guidebook/map.html.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from .. import PACKAGE_DIR
from ..content.area import Frame, frame
from .geo import Ring, clip_ring, simplify

GEOMETRY = PACKAGE_DIR / "vendor" / "world-atlas" / "europe-50m.json"
PIXEL_TOLERANCE = 0.6  # simplification after projection, in user units
LABEL_HEIGHT = 14
CHAR_WIDTH = 7.2  # average advance of the label font at LABEL_HEIGHT, to place labels apart
MARKER_RADIUS = 5
# Each label sits in a box this tall that is part of its link: at the map's natural size (one user unit per CSS
# pixel, which the stylesheet keeps on phones too) every target is at least 24 px high (WCAG 2.2, 2.5.8).
TARGET_HEIGHT = 24


@dataclass(frozen=True)
class Shape:
    code: str | None  # ISO 3166-1 alpha-2, None for areas without one
    name: str  # English name from Natural Earth, for the SVG source only
    path: str


@dataclass(frozen=True)
class Geometry(Frame):
    shapes: tuple[Shape, ...] = ()


@cache
def geometry() -> Geometry:
    """Project, clip and simplify the vendored outlines once per process (they do not change)."""
    shown = frame()
    data = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    shapes = []
    for country in data["countries"]:
        rings = [_on_map(shown, ring) for ring in country["rings"]]
        path = "".join(_path(ring) for ring in rings if len(ring) >= 3)
        if path:
            shapes.append(Shape(country["code"], country["name"], path))
    return Geometry(shown.width, shown.height, shown.scale, shown.x0, shown.y0, tuple(shapes))


def _on_map(shown: Frame, ring: list[list[float]]) -> Ring:
    points = [shown.position(lon, lat) for lon, lat in ring]
    return simplify(clip_ring(points, 0, 0, shown.width, shown.height), PIXEL_TOLERANCE)


def _path(ring: Ring) -> str:
    coordinates = " ".join(f"{x:g} {y:g}" for x, y in ring[1:])
    return f"M{ring[0][0]:g} {ring[0][1]:g}L{coordinates}Z"


@dataclass(frozen=True)
class Label:
    """A pilot's name placed where it overlaps no other name or dot, at one display scale."""

    x: float
    y: float
    anchor: str  # SVG text-anchor
    target: tuple[float, float, float, float]  # x, y, width, height of the label's box, part of the link
    size: float  # font size in user units


@dataclass(frozen=True)
class Marker:
    """A pilot's dot at its real position, with its name placed for wide screens and for phones."""

    title: str
    url: str
    x: float
    y: float
    wide: Label
    phone: Label
    radius: float = MARKER_RADIUS


# Phones show the map at this fraction of its natural size, so that every pilot fits in a 390 px screen; their
# labels are placed again, in user units that still make 14 px letters and 24 px targets on the screen.
PHONE_SCALE = 0.64
# Label offsets tried in turn: right, left, above, below, then further out (in label heights).
_OFFSETS = [
    (dx * step, dy * step)
    for step in (1, 2, 3, 4)
    for dx, dy in (
        (0.65, 0),
        (-0.65, 0),
        (0, -0.93),
        (0, 0.93),
        (0.65, -0.93),
        (-0.65, -0.93),
        (0.65, 0.93),
        (-0.65, 0.93),
    )
]


def place_markers(places: list[tuple[str, str, float, float]]) -> list[Marker]:
    """Markers for (title, url, lon, lat), with labels placed at the natural size and at the phone's."""
    shape = geometry()
    dots = [(title, url, *shape.position(lon, lat)) for title, url, lon, lat in places]
    wide = _place_labels(dots, shape.width, 1.0)
    phone = _place_labels(dots, shape.width, PHONE_SCALE)
    markers = [Marker(title, url, x, y, wide[title], phone[title]) for title, url, x, y in dots]
    return sorted(markers, key=lambda marker: marker.title)


def _place_labels(dots: list[tuple[str, str, float, float]], width: float, scale: float) -> dict[str, Label]:
    """Labels placed greedily, west to east, so that no label box overlaps another box or a dot."""
    height, target_height = LABEL_HEIGHT / scale, math.ceil(TARGET_HEIGHT / scale)  # never a hair under 24 px
    taken = [(x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS) for _, _, x, y in dots]
    labels = {}
    for title, _, x, y in sorted(dots, key=lambda dot: (dot[2], dot[3])):
        length = len(title) * CHAR_WIDTH / scale
        for dx, dy in ((dx * height, dy * height) for dx, dy in _OFFSETS):
            anchor = "end" if dx < 0 else "start" if dx > 0 else "middle"
            left = x + dx - (length if anchor == "end" else length / 2 if anchor == "middle" else 0)
            box = (left, y + dy - target_height / 2, left + length, y + dy + target_height / 2)
            if 0 <= box[0] and box[2] <= width and not any(_overlap(box, other) for other in taken):
                break
        taken.append(box)
        target = (round(box[0], 1), round(box[1], 1), round(length, 1), round(target_height, 1))
        labels[title] = Label(round(x + dx, 1), round(y + dy + height * 0.35, 1), anchor, target, round(height, 1))
    return labels


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
