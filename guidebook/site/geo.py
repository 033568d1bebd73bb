"""Plane geometry for the map: TopoJSON decoding, ring clipping and simplification (its projection: content/area.py).

Small and dependency-free on purpose: the map needs a few dozen polygons, not a GIS library.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

Point = tuple[float, float]
Ring = list[Point]


def decode_topojson(topology: dict[str, Any], name: str) -> list[tuple[str | None, str, list[list[Ring]]]]:
    """The geometries of object `name` as (id, name, polygons), each polygon a list of (lon, lat) rings."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:  # quantized and delta-encoded (TopoJSON specification, 2.1.4 and 2.2.2)
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]  # a negative index is the reversed arc
            points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
        return points

    shapes = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif geometry["type"] == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        shapes.append((geometry.get("id"), geometry.get("properties", {}).get("name", ""), polygons))
    return shapes


def clip_ring(ring: Ring, x_min: float, y_min: float, x_max: float, y_max: float) -> Ring:
    """Sutherland-Hodgman clipping of a closed ring to a rectangle (fine for filled shapes)."""
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= x_min, lambda a, b: _at_x(a, b, x_min)),
        (lambda p: p[0] <= x_max, lambda a, b: _at_x(a, b, x_max)),
        (lambda p: p[1] >= y_min, lambda a, b: _at_y(a, b, y_min)),
        (lambda p: p[1] <= y_max, lambda a, b: _at_y(a, b, y_max)),
    )
    points = ring
    for inside, cross in edges:
        if not points:
            break
        result: Ring = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(cross(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(cross(previous, point))
            previous = point
        points = result
    return points


def _at_x(a: Point, b: Point, x: float) -> Point:
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker: drop the points closer than `tolerance` to the line their neighbours keep."""
    if len(ring) < 3:
        return list(ring)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = 0, 0.0
        for index in range(first + 1, last):
            d = _distance_to_segment(ring[index], ring[first], ring[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(ring, keep) if kept]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)
