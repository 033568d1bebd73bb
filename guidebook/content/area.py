"""The part of Europe the guidebook's map shows: a city pilot's coordinates must lie inside it.

The map (site/map.py) projects places with the Lambert azimuthal equal-area projection centred on
Europe and frames the places below; a pilot outside that frame could not be drawn, so its coordinates
are refused with their file and line, by `guidebook check` as by the build.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from .messages import refused

Point = tuple[float, float]


class LambertAzimuthalEqualArea:
    """The spherical Lambert azimuthal equal-area projection (the one of EPSG:3035, the EU's map grid)."""

    def __init__(self, lon0: float, lat0: float):
        self.lon0 = math.radians(lon0)
        self.sin0, self.cos0 = math.sin(math.radians(lat0)), math.cos(math.radians(lat0))

    def __call__(self, lon: float, lat: float) -> Point:
        """(x, y) on the unit sphere's plane, y growing northwards."""
        lam, phi = math.radians(lon) - self.lon0, math.radians(lat)
        cos_c = self.sin0 * math.sin(phi) + self.cos0 * math.cos(phi) * math.cos(lam)
        k = math.sqrt(2 / (1 + cos_c))
        return (
            k * math.cos(phi) * math.sin(lam),
            k * (self.cos0 * math.sin(phi) - self.sin0 * math.cos(phi) * math.cos(lam)),
        )


PROJECTION = LambertAzimuthalEqualArea(lon0=10.0, lat0=52.0)
# The frame holds these places (lon, lat): Cape St Vincent and Crete to the south, Ireland's west coast,
# the north of Sweden and Finland's east.
FRAME_POINTS = ((-10.5, 35.5), (26.0, 34.8), (-10.5, 55.0), (30.0, 69.5))
WIDTH = 800  # SVG user units; the picture scales to its container
MARGIN = 12


@dataclass(frozen=True)
class Frame:
    """The map's rectangle in SVG user units, and where a place falls in it."""

    width: int
    height: int
    scale: float
    x0: float
    y0: float

    def position(self, lon: float, lat: float) -> tuple[float, float]:
        """Where a place lies on the map, in SVG user units (y grows downwards)."""
        x, y = PROJECTION(lon, lat)
        return round((x - self.x0) * self.scale, 1), round((self.y0 - y) * self.scale, 1)

    def shows(self, lon: float, lat: float) -> bool:
        x, y = self.position(lon, lat)
        return 0 <= x <= self.width and 0 <= y <= self.height


@cache
def frame() -> Frame:
    projected = [PROJECTION(lon, lat) for lon, lat in FRAME_POINTS]
    x0 = min(x for x, _ in projected)
    y0 = max(y for _, y in projected)
    scale = (WIDTH - 2 * MARGIN) / (max(x for x, _ in projected) - x0)
    x0 -= MARGIN / scale
    y0 += MARGIN / scale
    height = round((y0 - min(y for _, y in projected)) * scale + MARGIN)
    return Frame(WIDTH, height, scale, x0, y0)


def check_on_map(lat: float, lon: float) -> None:
    if not frame().shows(lon, lat):
        raise refused("off_the_map", lat=lat, lon=lon)
