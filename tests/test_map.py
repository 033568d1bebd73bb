"""The map of PREPARE: country outlines, pilots at their real positions, links in the reader's language."""

from __future__ import annotations

import math
import posixpath
import re
import xml.etree.ElementTree as ET

import pytest

from click.testing import CliRunner

from guidebook.commands.cli import main
from guidebook.content import load as content
from guidebook.site.geo import clip_ring, decode_topojson, simplify
from guidebook.site.map import geometry
from guidebook.errors import BuildFailed
from sites import PROJECT, base_files, build, write_project

SVG = "{http://www.w3.org/2000/svg}"
# Well-known capitals: a projection or data error puts them outside their country.
CAPITALS = {
    "FR": (2.3522, 48.8566),
    "ES": (-3.7038, 40.4168),
    "GB": (-0.1276, 51.5072),
    "SE": (18.0686, 59.3293),
    "DE": (13.405, 52.52),
    "BE": (4.3517, 50.8503),
    "NL": (4.9041, 52.3676),
    "IT": (12.4964, 41.9028),
}
COAST = 4.0  # user units: coastal cities may lie just off a simplified coastline


def svg_of(html: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg class=\"gb-map__svg\".*?</svg>", html, re.S).group(0))


def rings(path: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path written as 'Mx yLx y x y ...Z' (the form guidebook/site/map.py writes)."""
    result = []
    for ring in re.findall(r"M([^Z]*)Z", path):
        numbers = [float(n) for n in ring.replace("L", " ").split()]
        result.append(list(zip(numbers[::2], numbers[1::2])))
    return result


def distance_to_outline(point, outline_rings) -> float:
    """0 inside the outline (even-odd rule), else the distance to its nearest edge."""
    x, y = point
    inside, nearest = False, math.inf
    for ring in outline_rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
            dx, dy = x2 - x1, y2 - y1
            t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy or 1)))
            nearest = min(nearest, math.hypot(x - x1 - t * dx, y - y1 - t * dy))
    return 0.0 if inside else nearest


def outlines(svg: ET.Element) -> dict[str, list]:
    found = {}
    for link in svg.iter(f"{SVG}a"):
        if "gb-map__country" in link.get("class", ""):
            found[link.get("data-country")] = rings(link.find(f"{SVG}path").get("d"))
    return found


@pytest.fixture(scope="module")
def repository():
    return content.load(PROJECT)


@pytest.mark.parametrize("prefix", ["", "fr/"])
def test_every_pilot_is_a_link_at_its_real_position_inside_its_country(real_site, repository, prefix):
    language = prefix.rstrip("/") or "en"
    svg = svg_of(real_site.html(f"{prefix}map"))
    countries = outlines(svg)
    markers = {link.get("href"): link for link in svg.iter(f"{SVG}a") if link.get("class") == "gb-map__pilot"}
    pilots = repository.of_kind("pilot")
    assert len(pilots) == 9 and len(markers) == 9
    for pilot in pilots:
        model = pilot.model(language)
        href = posixpath.relpath(f"{prefix}{pilot.key}", f"{prefix}map") + "/"
        marker = markers[href]
        assert [text.text for text in marker.iter(f"{SVG}text")] == [
            model.title
        ] * 2  # placed for wide screens and phones
        dot = marker.find(f"{SVG}circle")
        position = (float(dot.get("cx")), float(dot.get("cy")))
        assert position == pytest.approx(geometry().position(model.coordinates.lon, model.coordinates.lat), abs=0.05)
        assert distance_to_outline(position, countries[model.country]) <= COAST, (
            f"{pilot.key} is not in {model.country}"
        )


def test_capitals_fall_inside_their_countries():
    shapes = {shape.code: rings(shape.path) for shape in geometry().shapes}
    for code, (lon, lat) in CAPITALS.items():
        assert distance_to_outline(geometry().position(lon, lat), shapes[code]) == 0, code
        others = [c for c in CAPITALS if c != code]
        assert all(distance_to_outline(geometry().position(lon, lat), shapes[c]) > 0 for c in others), code


@pytest.mark.parametrize("prefix, france", [("", "France"), ("fr/", "France")])
def test_part_one_countries_link_to_their_articles_and_the_lists_repeat_every_link(real_site, prefix, france):
    html = real_site.html(f"{prefix}map")
    svg = svg_of(html)
    countries = {link.get("data-country"): link.get("href") for link in svg.iter(f"{SVG}a") if link.get("data-country")}
    assert countries == {
        code: f"../state-of-the-art/{slug}/"
        for code, slug in {
            "BE": "belgium",
            "FR": "france",
            "DE": "germany",
            "NL": "netherlands",
            "ES": "spain",
            "SE": "sweden",
            "GB": "united-kingdom",
        }.items()
    }
    svg_links = {link.get("href") for link in svg.iter(f"{SVG}a")}
    listed = set(re.findall(r'<li><a href="([^"]+)">', html.split("</svg>", 1)[1].split("<footer", 1)[0]))
    assert svg_links == listed and len(listed) == 16
    assert f">{france}</a>" in html.split("</svg>", 1)[1]


def test_map_texts_are_in_the_reader_language(real_site):
    english, french = real_site.html("map"), real_site.html("fr/map")
    assert '<title id="gb-map-label">Map of Europe' in english and ">The Hague</text>" in english
    assert (
        '<title id="gb-map-label">Carte de l’Europe' in french
    )  # typeset, as every interface string and ">La Haye</text>" in french
    assert ">Belgique</title>" in french and ">Belgium</title>" in english


@pytest.mark.parametrize(
    "prefix, title", [("", "Countries and pilots on the map"), ("fr/", "Pays et projets pilotes sur la carte")]
)
def test_home_page_leads_to_the_map(real_site, prefix, title):
    assert re.search(
        rf'<a class="gb-entry gb-entry--map" href="map/">\s*<span class="gb-entry__title">{title}</span>',
        real_site.html(prefix),
    )


def test_swapped_coordinates_stop_the_build_with_file_line_and_field(tmp_path):
    files = base_files()
    files["city_pilots/testville.en.md"] = files["city_pilots/testville.en.md"].replace(
        "lat: 50.93\n  lon: 4.43", "lat: 4.43\n  lon: 50.93"
    )
    assert "lat: 4.43" in files["city_pilots/testville.en.md"]
    with pytest.raises(BuildFailed) as failure:
        build(write_project(tmp_path / "p", files))
    assert any(
        re.search(
            r"city_pilots/testville\.en\.md:\d+: coordinates: lat 4\.43, lon 50\.93 lies outside the map", message
        )
        for message in failure.value.messages
    ), failure.value.messages


def test_topojson_arcs_are_decoded_with_deltas_and_reversed_arcs():
    topology = {
        "transform": {"scale": [1, 1], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
        "objects": {
            "countries": {
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "056", "properties": {"name": "Square"}},
                    {"type": "Polygon", "arcs": [[~1]], "id": "250"},
                ]
            }
        },
    }
    (code, name, polygons), (_, _, reversed_polygons) = decode_topojson(topology, "countries")
    assert (code, name) == ("056", "Square")
    assert polygons == [[[(10, 20), (12, 20), (12, 22), (10, 22), (10, 20)]]]
    assert reversed_polygons == [[[(10, 20), (10, 22), (12, 22)]]]


def test_clipping_and_simplification():
    square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)]
    assert sorted(clip_ring(square, 0, 0, 10, 10)) == [(0, 0), (0, 5.0), (5.0, 0), (5.0, 5.0)]
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]


def test_check_reports_swapped_coordinates_with_file_line_and_field_as_the_build_does(tmp_path):
    files = base_files()
    files["city_pilots/testville.en.md"] = files["city_pilots/testville.en.md"].replace(
        "lat: 50.93\n  lon: 4.43", "lat: 4.43\n  lon: 50.93"
    )
    result = CliRunner().invoke(main, ["--project", str(write_project(tmp_path / "p", files)), "check"])
    line = files["city_pilots/testville.en.md"].split("\n").index("coordinates:") + 1
    assert result.exit_code == 1
    assert (
        f"city_pilots/testville.en.md:{line}: coordinates: lat 4.43, lon 50.93 lies outside the map of Europe"
        in result.output
    )
