"""The map view's base map: the shipped country outlines, the script that made them, the projection, the outlines
picked for a region, and the page's drawing of them (basemap.js, in Chromium)."""

from __future__ import annotations

import importlib.util
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kgraph.export import basemap
from kgraph.export.basemap import outlines, padded, project
from tests.helpers import inside

from ..helpers import ROOT
from .browser import Page

SHIPPED = ROOT / "kgraph" / "export" / "data" / "countries.json"
YEREVAN = (40.18, 44.51)
BAKU = (40.41, 49.87)
NAKHCHIVAN = (39.21, 45.41)
STEPANAKERT = (39.82, 46.75)


def lonlat(point: tuple[float, float]) -> tuple[float, float]:
    return point[1], point[0]


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def countries(shipped: dict[str, Any]) -> dict[str, list[list[float]]]:
    return {country["name"]: country["rings"] for country in shipped["countries"]}


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("natural_earth", ROOT / "scripts" / "natural_earth.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The shipped file


def test_shipped_file_is_small_and_public_domain(shipped: dict[str, Any]) -> None:
    assert SHIPPED.stat().st_size <= 360_000
    assert "Natural Earth" in shipped["source"]
    assert "public domain" in shipped["source"]
    assert list(shipped) == ["source", "countries"]


def test_shipped_file_shape(shipped: dict[str, Any]) -> None:
    names = [country["name"] for country in shipped["countries"]]
    assert names == sorted(names)
    assert len(names) > 200
    assert len(set(names)) == len(names)
    for country in shipped["countries"]:
        assert list(country) == ["name", "label", "rings"]
        assert country["rings"], country["name"]
        for ring in country["rings"]:
            assert len(ring) % 2 == 0
            assert len(ring) >= 6
            assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in ring)
            assert all(-180 <= v <= 180 for v in ring[0::2])
            assert all(-90 <= v <= 90 for v in ring[1::2])
            assert ring[:2] != ring[-2:], "rings are open"


def test_shipped_numbers_have_two_decimals_at_most() -> None:
    numbers = re.findall(r"-?\d+(?:\.\d+)?", SHIPPED.read_text(encoding="utf-8").split('"countries"', 1)[1])
    assert numbers
    assert all(len(n.split(".")[1]) <= 2 for n in numbers if "." in n)


def test_every_countrys_name_goes_on_its_own_land(shipped: dict[str, Any]) -> None:
    for country in shipped["countries"]:
        lon, lat = country["label"]
        assert inside((lon, lat), country["rings"]), country["name"]


def test_label_points_are_inland_not_at_the_middle_of_the_box(
    countries: dict[str, Any], shipped: dict[str, Any]
) -> None:
    label = {country["name"]: country["label"] for country in shipped["countries"]}
    assert 44.0 < label["Armenia"][0] < 45.5
    assert 39.8 < label["Armenia"][1] < 41.0
    # Norway's box centre is at sea or in Sweden; its name goes on Norway
    assert inside(tuple(label["Norway"]), countries["Norway"])
    assert not inside(tuple(label["Norway"]), countries["Sweden"])


def test_pole_is_the_point_farthest_from_the_borders() -> None:
    square = [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]]
    assert basemap.pole(square, 0.01) == pytest.approx((5.0, 5.0), abs=0.02)
    with_hole = [*square, [(3.0, 3.0), (7.0, 3.0), (7.0, 7.0), (3.0, 7.0)]]  # a lake in the middle
    x, y = basemap.pole(with_hole, 0.01)
    assert not (3.0 < x < 7.0 and 3.0 < y < 7.0), "not in the lake"
    corner = 3 * math.sqrt(2) / (1 + math.sqrt(2))  # as far from the shore as from the lake's nearest corner
    assert min(x, y, 10 - x, 10 - y) == pytest.approx(corner, abs=0.02)


def test_clip_keeps_what_is_inside_the_box() -> None:
    ring = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]
    assert sorted(basemap.clip(ring, (5.0, 5.0, 20.0, 20.0))) == [(5.0, 5.0), (5.0, 10.0), (10.0, 5.0), (10.0, 10.0)]
    assert basemap.clip(ring, (20.0, 20.0, 30.0, 30.0)) == []


def test_armenia_and_azerbaijan_contain_their_capitals(countries: dict[str, list[list[float]]]) -> None:
    assert inside(lonlat(YEREVAN), countries["Armenia"])
    assert not inside(lonlat(YEREVAN), countries["Azerbaijan"])
    assert inside(lonlat(BAKU), countries["Azerbaijan"])
    assert not inside(lonlat(BAKU), countries["Armenia"])


def test_nakhchivan_exclave_is_kept(countries: dict[str, list[list[float]]]) -> None:
    """Nakhchivan is a ring of Azerbaijan of its own, apart from the mainland, with Armenia between them."""
    assert inside(lonlat(NAKHCHIVAN), countries["Azerbaijan"])
    assert not inside(lonlat(NAKHCHIVAN), countries["Armenia"])
    holding = [ring for ring in countries["Azerbaijan"] if inside(lonlat(NAKHCHIVAN), [ring])]
    assert len(holding) == 1
    assert not inside(lonlat(BAKU), holding)
    assert len(holding[0]) // 2 >= 8, "recognisable: more than a triangle"
    assert len(max(countries["Armenia"], key=len)) // 2 >= 20


# The script's decoding, on a hand-written topology (the full reduction needs the npm tarball: not in tests)

TOPOLOGY: dict[str, Any] = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "arcs": [
        [[0, 0], [0, 40]],  # 0: the shared border, x = 10, y 20 → 30
        [[0, 40], [20, 0], [0, -40], [-20, 0]],  # 1: east square's other three sides, closing at the start of 0
        [[0, 0], [-20, 0], [0, 40], [20, 0]],  # 2: west square's other three sides, from the start of 0 to its end
        [[40, 80], [1, 0], [0, 1], [-1, 0], [0, -1]],  # 3: an islet, a ring of its own, too small to keep
        [[60, 60], [40, 0], [0, 1], [-40, -1]],  # 4: a thin triangle, 0.25 high, that a tolerance of 0.3 collapses
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "MultiPolygon", "arcs": [[[0, 1]], [[3]]], "properties": {"name": "East"}},
                {"type": "Polygon", "arcs": [[~0, 2]], "properties": {"name": "West"}},
                {"type": "Polygon", "arcs": [[4]], "properties": {"name": "Collapsed"}},
                {"type": None, "properties": {"name": "Empty"}},
            ],
        }
    },
}


def test_script_decodes_delta_arcs_with_the_transform(script: ModuleType) -> None:
    arcs = script.decode_arcs(TOPOLOGY)
    assert arcs[0] == [(10.0, 20.0), (10.0, 30.0)]
    assert arcs[1] == [(10.0, 30.0), (20.0, 30.0), (20.0, 20.0), (10.0, 20.0)]
    assert arcs[3][0] == (30.0, 40.0)
    assert arcs[3][2] == (30.5, 40.25)


def test_script_reverses_negative_arcs(script: ModuleType) -> None:
    arcs = script.decode_arcs(TOPOLOGY)
    ring = script.ring_points([~0, 2], arcs)
    assert ring == [(10.0, 30.0), (10.0, 20.0), (0.0, 20.0), (0.0, 30.0), (10.0, 30.0)]
    assert script.ring_points([0, 1], arcs)[0] == script.ring_points([0, 1], arcs)[-1]


def test_script_reduces_countries(script: ModuleType) -> None:
    squares = [
        {"name": "East", "label": [15, 25.1], "rings": [[10, 20, 10, 30, 20, 30, 20, 20]]},
        {"name": "West", "label": [5, 25.1], "rings": [[10, 30, 10, 20, 0, 20, 0, 30]]},
    ]  # the names at the squares' middles on the Mercator plane, a little north of 25°
    assert script.reduce_countries(TOPOLOGY, tolerance=0.3, digits=2, min_area=0.01) == squares
    pruned = script.reduce_countries(TOPOLOGY, tolerance=0.1, digits=2, min_area=1.0)
    assert pruned == [{"name": "Collapsed", "label": [59.72, 35.13], "rings": [[40, 35, 60, 35, 60, 35.25]]}, *squares]
    kept = script.reduce_countries(TOPOLOGY, tolerance=0.1, digits=2, min_area=0.01)
    assert kept[1]["rings"] == [squares[0]["rings"][0], [30, 40, 30.5, 40, 30.5, 40.25, 30, 40.25]]


def test_script_keeps_a_countrys_only_ring_however_small(script: ModuleType) -> None:
    topology = json.loads(json.dumps(TOPOLOGY))
    topology["objects"]["countries"]["geometries"] = [{"type": "Polygon", "arcs": [[3]], "properties": {"name": "I"}}]
    assert script.reduce_countries(topology, tolerance=0.01, min_area=1.0)[0]["rings"] == [
        [30, 40, 30.5, 40, 30.5, 40.25, 30, 40.25]
    ]


def test_script_simplifies_within_tolerance(script: ModuleType) -> None:
    wiggly = [(x / 10, 0.02 * math.sin(x)) for x in range(101)]
    simple = script.simplify(wiggly, 0.05)
    assert simple == [wiggly[0], wiggly[-1]]
    assert len(script.simplify(wiggly, 0.001)) > 50


def test_script_writes_the_same_bytes_twice(script: ModuleType, tmp_path: Path) -> None:
    source = tmp_path / "countries-50m.json"
    source.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    script.main([str(source), "--out", str(first)])
    script.main([str(source), "--out", str(second)])
    assert first.read_bytes() == second.read_bytes()
    written = json.loads(first.read_text(encoding="utf-8"))
    assert written["source"] == script.SOURCE
    assert [c["name"] for c in written["countries"]] == ["Collapsed", "East", "West"]


# Projection and outlines


def test_projection_is_monotonic() -> None:
    xs = [project(40.0, lon)[0] for lon in range(-180, 181, 5)]
    ys = [project(lat, 45.0)[1] for lat in range(-85, 86)]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    assert ys == sorted(ys, reverse=True), "y grows downward: north is up"
    assert len(set(ys)) == len(ys)
    assert project(90, 0) == project(85, 0), "clamped where Mercator runs off"
    assert all(math.isfinite(v) for v in project(90, 180) + project(-90, -180))


def test_projection_scale_is_about_a_hundred_units_a_degree() -> None:
    x1, y1 = project(*YEREVAN)
    x2, y2 = project(*BAKU)
    assert 400 < math.hypot(x2 - x1, y2 - y1) < 800  # 460 km apart


def test_outlines_near_the_caucasus(countries: dict[str, list[list[float]]]) -> None:
    near = outlines((STEPANAKERT[0], STEPANAKERT[1], STEPANAKERT[0], STEPANAKERT[1]))

    def projected(ring: list[float]) -> list[float]:
        return [round(v, 1) + 0.0 for i in range(0, len(ring), 2) for v in project(ring[i + 1], ring[i])]

    assert all(projected(ring) in near for ring in countries["Armenia"])
    assert all(projected(ring) in near for ring in countries["Azerbaijan"])
    assert not any(projected(ring) in near for ring in countries["Brazil"])
    assert inside(project(*YEREVAN), near)
    assert near == outlines((STEPANAKERT[0], STEPANAKERT[1], STEPANAKERT[0], STEPANAKERT[1]))


def test_outlines_margin_grows_the_box() -> None:
    assert padded((40.0, 45.0, 40.0, 45.0), 3.0) == (35.0, 40.0, 45.0, 50.0)
    assert padded((10.0, 10.0, 50.0, 60.0), 3.0) == (7.0, 7.0, 53.0, 63.0)
    assert len(outlines((-10.0, -50.0, -10.0, -50.0), 20.0)) > len(outlines((-10.0, -50.0, -10.0, -50.0)))


def test_outlines_far_out_at_sea_are_empty() -> None:
    assert outlines((-40.0, -130.0, -40.0, -130.0)) == []


def test_outlines_are_read_once() -> None:
    assert basemap.rings() is basemap.rings()


# basemap.js in Chromium


@pytest.fixture(scope="module")
def canvas_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    """basemap.js alone on a page with a 200×200 canvas (ready as soon as it loads), asked for nothing else."""
    script = (ROOT / "kgraph" / "templates" / "explorer" / "basemap.js").read_text(encoding="utf-8")
    page_file = tmp_path_factory.mktemp("basemap") / "basemap.html"
    page_file.write_text(
        '<!DOCTYPE html><html><body style="margin:0" data-ready="true">'
        '<canvas id="c" width="200" height="200"></canvas>'
        f"<script>{script}</script></body></html>",
        encoding="utf-8",
    )
    page = Page(browser, page_file, (200, 200))
    yield page
    page.close()
    assert page.requests == []


DRAW_AT_ZOOM = """zoom => {
  const ctx = document.getElementById("c").getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = "#0000ff";
  ctx.fillRect(0, 0, 200, 200);
  ctx.setTransform(zoom, 0, 0, zoom, 100, 100);
  const [a, b] = [-40.5 / zoom, 39.5 / zoom];
  const square = [a, a, b, a, b, b, a, b];
  const line = [-95 / zoom, 0.5 / zoom, -50 / zoom, 0.5 / zoom];  // two points: no area, not drawn
  kgraphParts.basemap.draw(ctx, [square, [1, 2], line], { land: "#00ff00", coast: "#ff0000" });
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  const px = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
  const row = Array.from({ length: 200 }, (_, x) => px(x, 100));
  const red = row.filter(([r, g, b]) => r > 100 && g < 100 && b < 100).length;
  return { inside: px(100, 100), outside: px(10, 10), red };
}"""


@pytest.mark.parametrize("zoom", [0.05, 1.0, 8.0])
def test_basemap_js_fills_land_and_strokes_one_pixel(canvas_page: Page, zoom: float) -> None:
    drawn = canvas_page.js(DRAW_AT_ZOOM, zoom)
    assert drawn["inside"] == [0, 255, 0]
    assert drawn["outside"] == [0, 0, 255]
    assert 2 <= drawn["red"] <= 4, "two borders crossed, each about one pixel wide at any zoom"


def test_basemap_js_draws_nothing_without_outlines(canvas_page: Page) -> None:
    assert canvas_page.js(
        "() => { const ctx = document.getElementById('c').getContext('2d');"
        " kgraphParts.basemap.draw(ctx, []); kgraphParts.basemap.draw(ctx, undefined); return true; }"
    )
