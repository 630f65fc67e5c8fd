"""Reduce Natural Earth's country outlines once into the small file kgraph ships for the explorer's map view.

The explorer draws places on an offline base map of country outlines: no tile server, no request when a page
opens. The outlines are Natural Earth's 1:50m countries, which are in the public domain, as TopoJSON in the
npm package ``world-atlas`` 2.0.2. This script decodes that TopoJSON (quantized, delta-encoded arcs), simplifies
every arc with Douglas–Peucker (arcs, not rings, so that neighbours keep exactly the same border), rounds
coordinates to two decimals, drops rings that collapse and small islands (but never a country's largest ring,
so every country stays on the map), finds where each country's name goes (the point of its land farthest from
its borders, on the map's Mercator projection) and writes ``kgraph/export/data/countries.json``:
``{"source": ..., "countries": [{"name": ..., "label": [lon, lat], "rings": [[lon, lat, ...], ...]}, ...]}``,
sorted by name, each ring open (its first point is not repeated at its end). The same input gives the same bytes.

It is run by hand, once, when the outlines should change; kgraph itself never reads the network::

    cd /tmp && npm pack world-atlas@2.0.2
    python scripts/natural_earth.py /tmp/world-atlas-2.0.2.tgz

The argument may also be the path of ``countries-50m.json`` itself; ``--out`` writes elsewhere.

>>> topology = {
...     "type": "Topology",
...     "transform": {"scale": [1, 1], "translate": [0, 0]},
...     "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
...     "objects": {"countries": {"type": "GeometryCollection", "geometries": [
...         {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "Square"}}]}},
... }
>>> reduce_countries(topology, tolerance=0.5)
[{'name': 'Square', 'label': [2, 2], 'rings': [[0, 0, 4, 0, 4, 4, 0, 4]]}]
"""

from __future__ import annotations

import argparse
import json
import math
import tarfile
from pathlib import Path
from typing import Any

Point = tuple[float, float]

#: Where the reduced outlines go, relative to the repository's root.
OUTPUT = Path(__file__).resolve().parent.parent / "kgraph" / "export" / "data" / "countries.json"

#: The attribution line written into the file and shown under the map.
SOURCE = "Made with Natural Earth: 1:50m countries, public domain, via world-atlas 2.0.2, simplified by kgraph"

#: Douglas–Peucker tolerance in degrees: about 5 km, which keeps the file near 350 KB while Armenia, Azerbaijan
#: and its Nakhchivan exclave keep their shape (0.03 would give about 500 KB).
TOLERANCE = 0.05

#: A ring smaller than this, in square degrees, is dropped unless it is its country's largest: an islet.
MIN_AREA = 0.03

#: Decimal places kept in the shipped file (0.01° is about 1 km).
DIGITS = 2


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc of a TopoJSON topology as absolute (lon, lat) points: delta-decoded, then transformed.

    >>> decode_arcs({"transform": {"scale": [0.5, 2], "translate": [10, 20]}, "arcs": [[[0, 0], [2, 1], [-1, 1]]]})
    [[(10.0, 20.0), (11.0, 22.0), (10.5, 24.0)]]
    """
    transform = topology.get("transform")
    scale_x, scale_y = transform["scale"] if transform else (1, 1)
    shift_x, shift_y = transform["translate"] if transform else (0, 0)
    decoded = []
    for arc in topology["arcs"]:
        points = []
        x = y = 0
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
            else:
                x, y = position[0], position[1]
            points.append((x * scale_x + shift_x + 0.0, y * scale_y + shift_y + 0.0))
        decoded.append(points)
    return decoded


def ring_points(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """The closed ring a list of arc indexes makes: a negative index ``~i`` is arc ``i`` reversed.

    >>> arcs = [[(0.0, 0.0), (1.0, 0.0)], [(0.0, 1.0), (1.0, 0.0)]]
    >>> ring_points([0, ~1], arcs)
    [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]
    """
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def geometry_rings(geometry: dict[str, Any]) -> list[list[int]]:
    """The rings (lists of arc indexes) of a Polygon or MultiPolygon geometry; none for any other type.

    >>> geometry_rings({"type": "MultiPolygon", "arcs": [[[0, 1]], [[2], [~3]]]})
    [[0, 1], [2], [-4]]
    """
    if geometry.get("type") == "Polygon":
        return [list(ring) for ring in geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return [list(ring) for polygon in geometry["arcs"] for ring in polygon]
    return []


def _distance(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return float(((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: the points, first and last always kept, within ``tolerance`` of the original line.

    >>> simplify([(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (3.0, 2.0)], 0.5)
    [(0.0, 0.0), (2.0, 0.0), (3.0, 2.0)]
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for index in range(first + 1, last):
            d = _distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if distance > tolerance:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _number(value: float, digits: int) -> float | int:
    rounded = round(value, digits) + 0.0
    return int(rounded) if rounded.is_integer() else rounded


def ring_area(ring: list[float | int]) -> float:
    """The area of a flat [x, y, x, y, ...] ring, in squared units of its coordinates (the shoelace formula).

    >>> ring_area([0, 0, 2, 0, 2, 3])
    3.0
    """
    xs, ys = ring[0::2], ring[1::2]
    return abs(sum(x * y2 - x2 * y for x, y, x2, y2 in zip(xs, ys, xs[1:] + xs[:1], ys[1:] + ys[:1], strict=True))) / 2


def flat_ring(points: list[Point], digits: int) -> list[float | int] | None:
    """A ring as a flat open [lon, lat, ...] list, rounded, repeats removed; None if it collapses to no area.

    >>> flat_ring([(0.001, 0.0), (1.0, 0.0), (1.0, 1.004), (0.0, 0.0)], 2)
    [0, 0, 1, 0, 1, 1]
    >>> flat_ring([(0.0, 0.0), (1.0, 1.0), (2.0, 2.0), (0.0, 0.0)], 2) is None
    True
    """
    rounded: list[tuple[float | int, float | int]] = []
    for x, y in points:
        point = (_number(x, digits), _number(y, digits))
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    while len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    flat = [coordinate for point in rounded for coordinate in point]
    return flat if len(rounded) >= 3 and ring_area(flat) > 0 else None


def label_point(rings: list[list[float | int]], precision: float = 0.05) -> list[float | int]:
    """Where a country's name goes: [lon, lat] of the point of its land farthest from every border, on the map's
    Mercator plane, to ``precision`` degrees (:func:`kgraph.export.basemap.pole`).

    >>> label_point([[0, 0, 10, 0, 10, 2, 2, 2, 2, 10, 0, 10]])  # an L: in its corner, not at its middle
    [1.19, 1.16]
    """
    from kgraph.export.basemap import SCALE, pole, project

    planar = [[project(float(ring[i + 1]), float(ring[i])) for i in range(0, len(ring), 2)] for ring in rings]
    x, y = pole(planar, precision * SCALE)
    lat = math.degrees(math.atan(math.sinh(math.radians(-y / SCALE))))
    return [_number(x / SCALE, DIGITS), _number(lat, DIGITS)]


def reduce_countries(
    topology: dict[str, Any], tolerance: float = TOLERANCE, digits: int = DIGITS, min_area: float = MIN_AREA
) -> list[dict[str, Any]]:
    """The countries of a world-atlas topology, each with its simplified flat rings, sorted by name.

    Rings smaller than ``min_area`` go, except each country's largest; a country left with no ring goes too.

    >>> reduce_countries({"arcs": [], "objects": {"countries": {"geometries": [{"type": None}]}}})
    []
    """
    arcs = [simplify(arc, tolerance) for arc in decode_arcs(topology)]
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [flat_ring(ring_points(indexes, arcs), digits) for indexes in geometry_rings(geometry)]
        kept = [ring for ring in rings if ring is not None]
        if kept:
            largest = max(ring_area(ring) for ring in kept)
            kept = [ring for ring in kept if ring_area(ring) >= min(min_area, largest)]
            name = str((geometry.get("properties") or {}).get("name") or geometry.get("id", ""))
            countries.append({"name": name, "label": label_point(kept), "rings": kept})
    countries.sort(key=lambda country: (country["name"], json.dumps(country["rings"])))
    return countries


def dumps(countries: list[dict[str, Any]]) -> str:
    """The shipped file's text: compact JSON, one country a line, source first.

    >>> print(dumps([{"name": "A", "rings": [[0, 0, 1, 0, 1, 1]]}]).replace(SOURCE, "..."), end="")
    {"source":"...","countries":[
    {"name":"A","rings":[[0,0,1,0,1,1]]}
    ]}
    """
    lines = [json.dumps(country, ensure_ascii=False, separators=(",", ":")) for country in countries]
    head = json.dumps(SOURCE, ensure_ascii=False)
    return '{"source":' + head + ',"countries":[\n' + ",\n".join(lines) + "\n]}\n"


def load_topology(path: Path) -> dict[str, Any]:
    """The 1:50m countries topology, from world-atlas's npm tarball or from its ``countries-50m.json``."""
    if path.name.endswith((".tgz", ".tar.gz")):
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile("package/countries-50m.json")
            if member is None:
                raise SystemExit(f"{path}: no package/countries-50m.json in it")
            data: dict[str, Any] = json.loads(member.read())
            return data
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def main(argv: list[str] | None = None) -> None:
    """Read world-atlas's countries, reduce them and write the file kgraph ships."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas-2.0.2.tgz or countries-50m.json")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"where to write (default {OUTPUT})")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="Douglas–Peucker tolerance in degrees")
    arguments = parser.parse_args(argv)
    text = dumps(reduce_countries(load_topology(arguments.source), arguments.tolerance))
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(text, encoding="utf-8", newline="\n")
    print(f"{arguments.out}: {len(text.encode('utf-8')):,} bytes")


if __name__ == "__main__":
    main()
