"""What the explorer's map view draws: places with coordinates, the events at each, and the country outlines.

An event is drawn at its place if that place has coordinates, else at the nearest place above it (following
``part_of``) that has them; an event with neither is not on the map. The page sizes each place by the events
at it within the time window. Places and outlines are projected by :mod:`kgraph.export.basemap`, in the units
of vis-network's node positions. The graph is only read.

>>> import kgraph
>>> data = map_data(kgraph.KnowledgeGraph.load("seeds").graph)
>>> [place["id"] for place in data["places"]][-3:]
['shusha', 'stepanakert', 'stepanakert-airport']
>>> data["eventPlace"]["stepanakert-rally"], "Natural Earth" in data["source"]
('stepanakert', True)
>>> data["within"]["shusha"], [label["name"] for label in data["labels"]][:2]
(['nagorno-karabakh'], ['Armenia', 'Azerbaijan'])
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from kgraph.export.basemap import labels, outlines, project, source


def coordinates(data: dict[str, Any]) -> tuple[float, float] | None:
    """A node's (lat, lon) if it is a place with usable coordinates, else None.

    >>> coordinates({"kind": "place", "lat": 39.8, "lon": 46.75}), coordinates({"kind": "place", "lat": 39.8})
    ((39.8, 46.75), None)
    """
    if data.get("kind") != "place":
        return None
    lat, lon = _number(data.get("lat")), _number(data.get("lon"))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)  # NaN and infinities then fail the range check


def located(graph: nx.Graph, place: Any, located_places: set[Any]) -> Any | None:
    """The place itself if it has coordinates, else the nearest one above it along ``part_of``; None if none.

    A ``part_of`` chain that comes back on itself, or that names no node, ends the search instead of looping.

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"part_of": "b"}), ("b", {"part_of": "a"}), ("c", {"part_of": "b"})])
    >>> located(g, "c", {"x"}) is None, located(g, "c", {"a"})
    (True, 'a')
    """
    seen: set[Any] = set()
    node = place
    while isinstance(node, Hashable) and node is not None and node not in seen:
        if node in located_places:
            return node
        seen.add(node)
        node = graph.nodes[node].get("part_of") if node in graph else None
    return None


def map_data(graph: nx.Graph) -> dict[str, Any] | None:
    """The map view's data: projected places, each event's place on the map, the places each place is within,
    outlines, country names and their source; None if no place has coordinates.

    >>> import networkx as nx
    >>> map_data(nx.Graph([("a", "b")])) is None
    True
    """
    points: dict[Any, tuple[float, float]] = {}
    for node, data in graph.nodes(data=True):
        where = coordinates(data)
        if where is not None:
            points[node] = where
    if not points:
        return None
    located_places = set(points)
    resolved: dict[Any, Any | None] = {}
    event_place: dict[Any, Any] = {}
    for node, data in graph.nodes(data=True):
        place = data.get("place")
        if data.get("kind") != "event" or place is None or not isinstance(place, Hashable):
            continue
        if place not in resolved:
            resolved[place] = located(graph, place, located_places)
        if resolved[place] is not None:
            event_place[node] = resolved[place]
    places = []
    for node in sorted(points, key=str):
        x, y = project(*points[node])
        places.append({"id": node, "x": round(x, 1) + 0.0, "y": round(y, 1) + 0.0})
    within: dict[Any, list[Any]] = {}
    for node in sorted(points, key=str):
        above = located(graph, graph.nodes[node].get("part_of"), located_places)
        while above is not None and above != node and above not in within.get(node, []):
            within.setdefault(node, []).append(above)
            above = located(graph, graph.nodes[above].get("part_of"), located_places)
    lats = [lat for lat, _ in points.values()]
    lons = [lon for _, lon in points.values()]
    bounds = (min(lats), min(lons), max(lats), max(lons))
    return {
        "places": places,
        "eventPlace": {event: event_place[event] for event in sorted(event_place, key=str)},
        "within": within,
        "outlines": outlines(bounds),
        "labels": labels(bounds),
        "source": source(),
    }
