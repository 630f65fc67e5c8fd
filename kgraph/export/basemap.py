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
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Ring:
    """One ring of a country's outline: flat [lon, lat, ...] degrees and its bounding box (south, west, north, east)."""

    country: str
    coordinates: tuple[float, ...]
    box: Bounds


@cache
def _shipped() -> tuple[str, tuple[Ring, ...]]:
    text = resources.files("kgraph").joinpath("export", "data", "countries.json").read_text(encoding="utf-8")
    data = json.loads(text)
    rings = []
    for country in data["countries"]:
        for flat in country["rings"]:
            lons, lats = flat[0::2], flat[1::2]
            box = (min(lats), min(lons), max(lats), max(lons))
            rings.append(Ring(country["name"], tuple(float(v) for v in flat), box))
    return str(data["source"]), tuple(rings)


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


def padded(bounds: Bounds, margin: float = 3.0) -> Bounds:
    """Bounds (south, west, north, east) grown by ``margin`` degrees, and to at least MIN_EXTENT each way.

    >>> padded((40.0, 44.0, 40.0, 44.0))
    (35.0, 39.0, 45.0, 49.0)
    >>> padded((30.0, 20.0, 50.0, 60.0))
    (27.0, 17.0, 53.0, 63.0)
    """
    south, west, north, east = bounds
    pad_lat = max(margin, (MIN_EXTENT - (north - south)) / 2)
    pad_lon = max(margin, (MIN_EXTENT - (east - west)) / 2)
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
