"""The base map of the explorer's map view: country outlines that kgraph ships, and the projection of the page.

The outlines are Natural Earth's 1:50m countries (public domain), reduced once by ``scripts/natural_earth.py``
into ``kgraph/export/data/countries.json``; nothing is fetched, at build time or when a page opens. Places and
outlines are drawn in spherical Mercator, in the units vis-network uses for node positions: one degree of
longitude is :data:`SCALE` units, so a region a few hundred kilometres across spans a few hundred units, and
``y`` grows downward, as on a canvas.

>>> x, y = project(40.18, 44.51)  # Yerevan
>>> round(x), round(y)
(4451, -4395)
>>> any(len(ring) > 20 for ring in outlines((40.18, 44.51, 40.18, 44.51)))
True
>>> [label["name"] for label in labels((40.18, 44.51, 40.18, 44.51))][:3]
['Armenia', 'Azerbaijan', 'Georgia']
"""

from __future__ import annotations

import heapq
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Units of the page (vis-network's node coordinates) per degree of longitude.
SCALE = 100.0

#: Latitudes are clamped to ±MAX_LATITUDE, where Mercator's y would grow without bound.
MAX_LATITUDE = 85.0

#: The smallest box, in degrees each way, that :func:`outlines` draws around its bounds: a single place or a
#: town's streets still get the countries around them.
MIN_EXTENT = 10.0

Bounds = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass(frozen=True)
class Ring:
    """One ring of a country's outline: flat [lon, lat, ...] degrees and its bounding box (south, west, north, east)."""

    country: str
    coordinates: tuple[float, ...]
    box: Bounds


@cache
def _shipped() -> tuple[str, tuple[Ring, ...], dict[str, Point]]:
    text = resources.files("kgraph").joinpath("export", "data", "countries.json").read_text(encoding="utf-8")
    data = json.loads(text)
    rings = []
    names: dict[str, Point] = {}
    for country in data["countries"]:
        names[country["name"]] = (float(country["label"][1]), float(country["label"][0]))
        for flat in country["rings"]:
            lons, lats = flat[0::2], flat[1::2]
            box = (min(lats), min(lons), max(lats), max(lons))
            rings.append(Ring(country["name"], tuple(float(v) for v in flat), box))
    return str(data["source"]), tuple(rings), names


def source() -> str:
    """The attribution line of the shipped outlines, to show under the map.

    >>> "Natural Earth" in source()
    True
    """
    return _shipped()[0]


def rings() -> tuple[Ring, ...]:
    """Every ring of the shipped outlines, countries in name order, read once.

    >>> sorted({ring.country for ring in rings() if ring.country.startswith("Arm")})
    ['Armenia']
    """
    return _shipped()[1]


def project(lat: float, lon: float) -> tuple[float, float]:
    """Page coordinates (x east, y down) of a latitude and longitude in degrees: spherical Mercator, SCALE a degree.

    >>> project(0, 1)
    (100.0, 0.0)
    >>> project(10, 0)[1] < project(0, 0)[1] < project(-10, 0)[1]
    True
    """
    phi = math.radians(max(-MAX_LATITUDE, min(MAX_LATITUDE, lat)))
    return SCALE * lon + 0.0, 0.0 - SCALE * math.degrees(math.atanh(math.sin(phi)))


def padded(bounds: Bounds, margin: float = 3.0, minimum: float = MIN_EXTENT) -> Bounds:
    """Bounds (south, west, north, east) grown by ``margin`` degrees, and to at least ``minimum`` each way.

    >>> padded((40.0, 44.0, 40.0, 44.0))
    (35.0, 39.0, 45.0, 49.0)
    >>> padded((30.0, 20.0, 50.0, 60.0))
    (27.0, 17.0, 53.0, 63.0)
    """
    south, west, north, east = bounds
    pad_lat = max(margin, (minimum - (north - south)) / 2)
    pad_lon = max(margin, (minimum - (east - west)) / 2)
    return south - pad_lat, west - pad_lon, north + pad_lat, east + pad_lon


def outlines(bounds: Bounds, margin: float = 3.0) -> list[list[float]]:
    """Projected rings (flat x, y lists, one decimal) of the outlines that meet ``bounds`` grown by :func:`padded`.

    ``bounds`` is (south, west, north, east) in degrees. Rings are kept whole, not clipped, so that the map still
    looks right when zoomed out a little; a country's rings far from the bounds (an overseas island) are left
    out. The order is the shipped file's: countries by name, then their rings.

    >>> near_yerevan = outlines((40.18, 44.51, 40.18, 44.51))
    >>> near_yerevan == outlines((40.18, 44.51, 40.18, 44.51)), all(len(ring) % 2 == 0 for ring in near_yerevan)
    (True, True)
    """
    south, west, north, east = padded(bounds, margin)
    drawn = []
    for ring in rings():
        ring_south, ring_west, ring_north, ring_east = ring.box
        if ring_north < south or ring_south > north or ring_east < west or ring_west > east:
            continue
        flat: list[float] = []
        coordinates = ring.coordinates
        for index in range(0, len(coordinates), 2):
            x, y = project(coordinates[index + 1], coordinates[index])
            flat.extend((round(x, 1) + 0.0, round(y, 1) + 0.0))
        drawn.append(flat)
    return drawn


def _segment_distance(point: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / length))
    return math.hypot(point[0] - a[0] - t * dx, point[1] - a[1] - t * dy)


def _signed_distance(point: Point, polygon: list[list[Point]]) -> float:
    """Distance from a point to the nearest ring edge, negative outside (even-odd: a hole is outside)."""
    x, y = point
    inside, nearest = False, math.inf
    for ring in polygon:
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            if (a[1] > y) != (b[1] > y) and x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]:
                inside = not inside
            nearest = min(nearest, _segment_distance(point, a, b))
    return nearest if inside else -nearest


def pole(polygon: list[list[Point]], precision: float = 1.0) -> Point:
    """The point of a country's land farthest from its borders, within ``precision`` (Mapbox's "polylabel"):
    where its name reads best. Rings are lists of (x, y) points; holes and islands count as borders.

    >>> pole([[(0.0, 0.0), (10.0, 0.0), (10.0, 2.0), (2.0, 2.0), (2.0, 10.0), (0.0, 10.0)]], 0.01)
    (1.17, 1.17)
    """
    largest = max(polygon, key=len)
    xs, ys = [p[0] for p in largest], [p[1] for p in largest]
    cell = max(min(max(xs) - min(xs), max(ys) - min(ys)), precision)
    queue: list[tuple[float, Point, float]] = []

    def push(at: Point, half: float) -> None:
        heapq.heappush(queue, (-(_signed_distance(at, polygon) + half * math.sqrt(2)), at, half))

    for i in range(math.ceil((max(xs) - min(xs)) / cell)):
        for j in range(math.ceil((max(ys) - min(ys)) / cell)):
            push((min(xs) + (i + 0.5) * cell, min(ys) + (j + 0.5) * cell), cell / 2)
    best = (sum(xs) / len(xs), sum(ys) / len(ys))  # the vertices' mean: a first guess the cells must beat
    best_distance = _signed_distance(best, polygon)
    while queue:
        bound, at, half = heapq.heappop(queue)
        distance = _signed_distance(at, polygon)
        if distance > best_distance:
            best, best_distance = at, distance
        if -bound - best_distance > precision:
            for dx in (-half / 2, half / 2):
                for dy in (-half / 2, half / 2):
                    push((at[0] + dx, at[1] + dy), half / 2)
    return round(best[0], 2) + 0.0, round(best[1], 2) + 0.0


def clip(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """The part of a ring inside a box (x0, y0, x1, y1): Sutherland–Hodgman, edges along the box where cut.

    >>> clip([(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)], (2.0, -1.0, 5.0, 5.0))
    [(2.0, 0.0), (4.0, 0.0), (4.0, 4.0), (2.0, 4.0)]
    """
    for axis, limit, keep_above in ((0, box[0], True), (1, box[1], True), (0, box[2], False), (1, box[3], False)):
        kept: list[Point] = []
        for a, b in zip(ring[-1:] + ring[:-1], ring, strict=True):
            a_in, b_in = (a[axis] >= limit) == keep_above, (b[axis] >= limit) == keep_above
            if a_in != b_in:
                t = (limit - a[axis]) / (b[axis] - a[axis])
                kept.append((a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])))
            if b_in:
                kept.append(b)
        ring = kept
    return ring


def _room(at: Point, polygon: list[list[Point]]) -> float:
    """How wide the land is on the horizontal line through a point: between the nearest borders left and right."""
    left, right = -math.inf, math.inf
    for ring in polygon:
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            if (a[1] > at[1]) != (b[1] > at[1]):
                x = (b[0] - a[0]) * (at[1] - a[1]) / (b[1] - a[1]) + a[0]
                left, right = (max(left, x), right) if x <= at[0] else (left, min(right, x))
    return right - left if math.isfinite(left) and math.isfinite(right) else 0.0


def labels(bounds: Bounds, margin: float = 0.5, minimum: float = 5.0) -> list[dict[str, object]]:
    """Where to write the name of each country :func:`outlines` draws: its label point, projected, ``w``, the
    width of its land on that point's line, so that the page writes only names that fit, and ``r``, how far the
    point is from the nearest border, so that the page may move a name that far to make room.

    A country's own label point (made by ``scripts/natural_earth.py``) is used where it lies in the box
    :func:`padded` makes of ``bounds`` (by default ``minimum`` degrees each way, about what the map shows first); a
    country that reaches into the box from afar (Russia, from Siberia) is labelled at the pole of its land inside
    the box. Countries in the shipped file's order, by name.

    >>> armenia = next(label for label in labels((40.18, 44.51, 40.18, 44.51)) if label["name"] == "Armenia")
    >>> armenia["x"], armenia["y"], 100 < armenia["w"] < 400
    (4460.0, -4449.8, True)
    """
    south, west, north, east = padded(bounds, margin, minimum)
    x0, y1 = project(south, west)
    x1, y0 = project(north, east)
    box = (x0, y0, x1, y1)
    countries: dict[str, list[list[Point]]] = {}
    for ring in rings():
        ring_south, ring_west, ring_north, ring_east = ring.box
        if ring_north < south or ring_south > north or ring_east < west or ring_west > east:
            continue
        c = ring.coordinates
        points = [project(c[index + 1], c[index]) for index in range(0, len(c), 2)]
        countries.setdefault(ring.country, []).append(points)
    placed = []
    for name, polygon in countries.items():
        lat, lon = _shipped()[2][name]
        at = project(lat, lon)
        clipped = [part for part in (clip(ring, box) for ring in polygon) if len(part) >= 3]
        if not clipped:
            continue
        if not (south <= lat <= north and west <= lon <= east):
            at = pole(clipped)
        x, y = round(at[0], 1) + 0.0, round(at[1], 1) + 0.0
        room = round(_room(at, polygon), 1) + 0.0
        placed.append({"name": name, "x": x, "y": y, "w": room, "r": round(max(0.0, _signed_distance(at, polygon)), 1)})
    return placed
