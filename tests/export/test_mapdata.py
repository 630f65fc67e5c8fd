"""The map view's data: places with coordinates, each event at the nearest place with coordinates, outlines."""

from __future__ import annotations

import json
import threading
from typing import Any

import networkx as nx
import pytest

from kgraph.export.basemap import project, rings
from kgraph.export.mapdata import map_data
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import big_graph, inside


@pytest.fixture(scope="module")
def graph(seeds: Any) -> nx.MultiDiGraph:
    built: nx.MultiDiGraph = KnowledgeGraph(seeds).graph
    return built


@pytest.fixture(scope="module")
def data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    made = map_data(graph)
    assert made is not None
    return made


def with_coordinates(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    return {n: (d["lat"], d["lon"]) for n, d in graph.nodes(data=True) if d.get("kind") == "place" and "lat" in d}


def test_every_seed_place_with_coordinates_is_on_the_map(graph: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    expected = with_coordinates(graph)
    assert expected, "the seeds have places with coordinates"
    assert [p["id"] for p in data["places"]] == sorted(expected)
    for place in data["places"]:
        x, y = project(*expected[place["id"]])
        assert (place["x"], place["y"]) == (round(x, 1), round(y, 1))


def test_each_event_maps_to_a_place_with_coordinates(graph: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    located = {p["id"] for p in data["places"]}
    assert data["eventPlace"]
    for event, place in data["eventPlace"].items():
        assert graph.nodes[event]["kind"] == "event"
        assert place in located
        walked, seen = graph.nodes[event]["place"], set()
        while walked != place:  # the place is the event's own, or one above it along part_of
            seen.add(walked)
            walked = graph.nodes[walked]["part_of"]
            assert walked not in seen


def test_events_at_a_place_without_coordinates_go_up_part_of(graph: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    assert "lat" not in graph.nodes["shusha-cathedral"]
    assert graph.nodes["harutyunyan-video-appeal"]["place"] == "shusha-cathedral"
    assert data["eventPlace"]["harutyunyan-video-appeal"] == "shusha"
    assert data["eventPlace"]["stepanakert-rally"] == "stepanakert"  # renaissance-square is part of stepanakert


def test_events_with_no_place_on_the_map_are_left_out(graph: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    for event, attributes in graph.nodes(data=True):
        if attributes.get("kind") != "event":
            continue
        if attributes.get("place") in (None, "movement-headquarters", "iran", "stepanakert-armenia-road"):
            assert event not in data["eventPlace"], event
    assert "march-to-movement-headquarters" not in data["eventPlace"]  # a place with no coordinates, none above it
    assert "stepanyan-appeal-to-icrc" not in data["eventPlace"]  # no place at all


def test_within_lists_the_mapped_places_each_place_is_in(data: dict[str, Any]) -> None:
    assert data["within"]["shusha"] == ["nagorno-karabakh"]
    assert data["within"]["stepanakert"] == ["nagorno-karabakh"]
    assert data["within"]["hakari-bridge"] == ["lachin-corridor"]
    assert "nagorno-karabakh" not in data["within"]  # part of nothing


def test_within_goes_up_through_places_without_coordinates_and_stops_at_cycles() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("country", kind="place", lat=40.0, lon=45.0, part_of="city")  # a cycle back down
    graph.add_node("province", kind="place", part_of="country")  # no coordinates: walked through
    graph.add_node("city", kind="place", lat=40.1, lon=45.1, part_of="province")
    data = map_data(graph)
    assert data is not None
    assert data["within"] == {"city": ["country"], "country": ["city"]}


def test_country_names_are_written_where_their_land_is(data: dict[str, Any]) -> None:
    named = {label["name"]: label for label in data["labels"]}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran", "Turkey", "Russia"} <= set(named)
    for name, label in named.items():
        land = [
            [v for i in range(0, len(r.coordinates), 2) for v in project(r.coordinates[i + 1], r.coordinates[i])]
            for r in rings()
            if r.country == name
        ]
        assert inside((label["x"], label["y"]), land), name
        assert 0 < label["w"] < 1500, name
    assert 100 < named["Armenia"]["w"] < 300  # about 2° of land on the name's line
    # Russia's own label point is in Siberia: on this map its name goes on the land north of the Caucasus
    russia = named["Russia"]
    assert project(0, 40)[0] < russia["x"] < project(0, 50)[0]
    assert project(41, 0)[1] > russia["y"] > project(46, 0)[1]


def test_seed_outlines_show_the_region(data: dict[str, Any]) -> None:
    assert data["outlines"]
    for place in data["places"]:
        assert inside((place["x"], place["y"]), data["outlines"])
    assert inside(project(40.18, 44.51), data["outlines"])  # Yerevan
    assert not inside(project(-15.8, -47.9), data["outlines"])  # Brasília
    assert len(json.dumps(data["outlines"], separators=(",", ":"))) < 60_000
    assert all(v == round(v, 1) for ring in data["outlines"] for v in ring)


def test_source_is_attributed(data: dict[str, Any]) -> None:
    assert "Natural Earth" in data["source"]


def test_map_data_is_json_ready_and_deterministic(graph: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    again = map_data(graph)
    assert again == data
    assert json.dumps(again, sort_keys=False) == json.dumps(data, sort_keys=False)
    assert list(data) == ["places", "eventPlace", "within", "outlines", "labels", "source"]
    assert list(data["eventPlace"]) == sorted(data["eventPlace"])


def test_node_order_does_not_change_the_data(graph: nx.MultiDiGraph, data: dict[str, Any]) -> None:
    reordered = nx.MultiDiGraph()
    reordered.add_nodes_from(reversed(list(graph.nodes(data=True))))
    assert map_data(reordered) == data


def test_no_coordinates_no_map() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("town", kind="place")
    graph.add_node("rally", kind="event", place="town")
    assert map_data(graph) is None
    assert map_data(nx.MultiDiGraph()) is None


def test_part_of_cycle_ends() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="place", part_of="b")
    graph.add_node("b", kind="place", part_of="a")
    graph.add_node("self", kind="place", part_of="self")
    graph.add_node("city", kind="place", lat=40.0, lon=45.0)
    graph.add_node("square", kind="place", part_of="city")
    for event, place in [("e1", "a"), ("e2", "self"), ("e3", "square"), ("e4", "missing"), ("e5", "city")]:
        graph.add_node(event, kind="event", place=place)
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(map_data(graph)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "map_data loops on a part_of cycle"
    assert result[0]["eventPlace"] == {"e3": "city", "e5": "city"}


def test_part_of_through_an_organization() -> None:
    """A place may be part of a state, an organization: the walk goes on through it to a place above it."""
    graph = nx.MultiDiGraph()
    graph.add_node("republic", kind="organization", part_of="region", lat=1.0, lon=1.0)
    graph.add_node("region", kind="place", lat=40.0, lon=45.0)
    graph.add_node("village", kind="place", part_of="republic")
    graph.add_node("raid", kind="event", place="village")
    data = map_data(graph)
    assert data is not None
    assert [p["id"] for p in data["places"]] == ["region"]
    assert data["eventPlace"] == {"raid": "region"}


@pytest.mark.parametrize("value", [None, "40.1", float("nan"), float("inf"), True, [40.0], 91.0, -200.0], ids=repr)
def test_unusable_coordinates_are_ignored(value: Any) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("good", kind="place", lat=40.0, lon=45.0)
    graph.add_node("bad", kind="place", lat=value, lon=value)
    graph.add_node("odd", kind="place", lat=40.0, lon=45.0, part_of=["not", "hashable"])
    graph.add_node("e", kind="event", place="bad")
    graph.add_node("f", kind="event", place=["not", "hashable"])
    data = map_data(graph)
    assert data is not None
    assert [p["id"] for p in data["places"]] == ["good", "odd"]
    assert data["eventPlace"] == {}


def test_a_large_graph_has_every_place_and_event_on_the_map() -> None:
    """How fast is for benchmarks/explorer.py; here the synthetic graph's places and events are all placed."""
    graph = big_graph(5000)
    data = map_data(graph)
    assert data is not None
    assert len(data["places"]) == sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "place")
    assert len(data["eventPlace"]) == sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "event")
    places = [n for n, d in graph.nodes(data=True) if d["kind"] == "place"]
    for i, node in enumerate(places):  # half the places lose their coordinates and lean on another
        if i % 2 == 0:
            del graph.nodes[node]["lat"]
            graph.nodes[node]["part_of"] = places[(i * 7 + 1) % len(places)]  # an odd index: a place with coordinates
    data = map_data(graph)
    assert data is not None
    assert len(data["places"]) == len(places) // 2
    assert len(data["eventPlace"]) == sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "event")
