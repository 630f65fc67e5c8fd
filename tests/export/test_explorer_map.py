"""The explorer's map view in a real browser: a first look wide enough to know the region, country names, markers of
one size on screen at any zoom, places that would overlap drawn as one marker that splits on zoom, a note of what is
not on the map, and what a selection lights.

Screenshots at 1440×900 and 390×844, with and without a selection, are saved under test-output/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kgraph.export.html import to_html
from kgraph.export.mapdata import map_data
from kgraph.graph.knowledge import KnowledgeGraph

from .browser import Page

LAPTOP, PHONE = (1440, 900), (390, 844)
DIM = "#e6e6e6"


@pytest.fixture(scope="module")
def graph(seeds: Any) -> Any:
    return KnowledgeGraph(seeds).graph


@pytest.fixture(scope="module")
def seed_file(graph: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = tmp_path_factory.mktemp("map") / "graph.html"
    path.write_text(to_html(graph), encoding="utf-8")
    return path


def open_map(open_page: Any, path: Path, viewport: tuple[int, int] = LAPTOP) -> Page:
    page: Page = open_page(path, viewport, "#view=map")
    page.page.wait_for_timeout(200)
    return page


def zoom(page: Page, factor: float, at: str | None = None) -> None:
    """Zooms by a factor of the current scale, centred on a node if given, and lets the map lay itself out."""
    page.js(
        """([f, id]) => { const n = kgraph.network, s = n.getScale() * f;
        n.moveTo(id ? {position: n.getPositions([id])[id], scale: s, animation: false} : {scale: s, animation: false}); }""",
        [factor, at],
    )
    page.page.wait_for_timeout(250)


# The markers, drawn: a circle of each shown node in CSS pixels of the canvas (at the network's own positions:
# getPositions rounds them to whole units, several pixels when zoomed in).
MARKERS = """() => { const n = kgraph.network, v = kgraph.app.views.made.get('map'), s = n.getScale();
    return [...v.shownNodes].map((id) => { const d = n.canvasToDOM(n.body.nodes[id]);
        return {id, x: d.x, y: d.y, r: v.nodes.get(id).size * s, kind: kgraph.app.byId.get(id).kind}; }); }"""


def test_the_first_look_shows_the_region_with_country_names(open_page, seed_file):
    page = open_map(open_page, seed_file)
    corners = page.js(
        """() => { const n = kgraph.network, c = n.canvas.frame.canvas;
        const a = n.DOMtoCanvas({x: 0, y: 0}), b = n.DOMtoCanvas({x: c.clientWidth, y: c.clientHeight});
        return [(b.x - a.x) / kgraph.app.parts.mapview(kgraph.app).K / 100, c.clientWidth]; }"""
    )
    assert corners[0] >= 6.5, corners  # degrees of longitude across the map
    names = page.js("kgraph.app.views.made.get('map').names")
    drawn = {name["text"] for name in names}
    assert {"ARMENIA", "AZERBAIJAN"} <= drawn, drawn
    labels = page.js("kgraph.drawnLabels()")
    for name in names:
        assert name["size"] >= 12
        for other in [*labels, *[n for n in names if n is not name]]:
            overlap = (
                name["x"] < other["x"] + other["w"]
                and other["x"] < name["x"] + name["w"]
                and name["y"] < other["y"] + other["h"]
                and other["y"] < name["y"] + name["h"]
            )
            assert not overlap, (name["text"], other["text"])
    assert page.requests == []
    assert page.errors == []


def test_markers_keep_their_size_on_screen_at_any_zoom(open_page, seed_file):
    page = open_map(open_page, seed_file)
    before = {m["id"]: m["r"] for m in page.js(MARKERS)}
    for factor in (0.25, 16.0):
        zoom(page, factor, "stepanakert")
        after = {m["id"]: m["r"] for m in page.js(MARKERS) if m["kind"] == "event"}
        assert after
        for r in after.values():
            assert r == pytest.approx(5, rel=0.1)  # events: 5 px whatever the zoom
        zoom(page, 1 / factor, "stepanakert")
    assert {m["id"]: m["r"] for m in page.js(MARKERS)} == pytest.approx(before, rel=0.1)
    assert page.errors == []


def overlaps(markers: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(markers)
        for b in markers[i + 1 :]
        if (a["x"] - b["x"]) ** 2 + (a["y"] - b["y"]) ** 2 < (a["r"] + b["r"]) ** 2
    ]


def test_places_that_would_overlap_are_one_marker_that_splits_on_zoom(open_page, seed_file):
    page = open_map(open_page, seed_file)
    clusters = page.js("kgraph.app.views.made.get('map').clusters.map(c => c.members)")
    together = next(members for members in clusters if "shusha" in members)
    assert "stepanakert" in together  # 6 km apart: one marker at the first look
    leader = page.js("kgraph.app.views.made.get('map').clusters.find(c => c.members.includes('shusha')).leader")
    assert f"+{len(together) - 1}" in {label["text"].split(" ")[-1] for label in page.js("kgraph.drawnLabels()")}
    assert "places here" in page.js("id => kgraph.nodes.get(id).title", leader)
    for _ in range(6):
        zoom(page, 2.0, "shusha")
        assert overlaps(page.js(MARKERS)) == []  # no marker or event covers another, at any zoom
    clusters = page.js("kgraph.app.views.made.get('map').clusters.map(c => c.members)")
    assert ["shusha"] in clusters
    assert ["stepanakert"] in clusters
    shown = set(page.js("kgraph.visibleNodes()"))
    assert {"shusha", "stepanakert", "capture-of-shusha", "stepanakert-rally"} <= shown
    page.screenshot("explorer-map-1440-zoomed.png")
    assert page.errors == []


def test_a_note_says_what_the_window_and_filters_show_that_is_not_on_the_map(open_page, seed_file, graph):
    data = map_data(graph)
    nodes = dict(graph.nodes(data=True))
    places = sorted(n for n, d in nodes.items() if d.get("kind") == "place" and "lat" not in d)
    events = sorted(n for n, d in nodes.items() if d.get("kind") == "event" and n not in data["eventPlace"])
    page = open_map(open_page, seed_file)
    note = page.page.locator("#graph .map-note")
    assert note.is_visible()
    summary = note.locator("summary").inner_text()
    assert f"Not on the map: {len(places)} places without coordinates, {len(events)} events with no place" in summary
    title = note.get_attribute("title")
    for node in places + events:
        assert nodes[node]["label"] in title, node
    note.locator("summary").click()
    assert note.locator("button").count() == len(places) + len(events)
    # the time window and the filters change what the note counts
    page.js("kgraph.setWindow('2020-01-01', '2020-12-31')")
    assert not set(events) & set(page.js("kgraph.app.shownEvents()"))
    assert note.locator("summary").inner_text() == f"Not on the map: {len(places)} places without coordinates"
    page.page.uncheck('input[data-filter="kind"][value="place"]')
    assert note.is_hidden()
    page.page.check('input[data-filter="kind"][value="place"]')
    page.js("kgraph.setWindow(null, null)")
    # a button selects its node, in a view that draws it
    note.evaluate("details => { details.open = true; }")
    note.locator("button", has_text=nodes[events[0]]["label"]).click()
    assert page.js("kgraph.app.state.selected") == {"type": "node", "id": events[0]}
    assert page.js("kgraph.app.state.view") == "full"
    assert page.errors == []


def colour(page: Page, node: str) -> str:
    return str(page.js("id => kgraph.nodes.get(id).color.background", node))


def test_selecting_an_actor_a_place_or_an_event_lights_what_belongs_to_it(open_page, seed_file):
    page = open_map(open_page, seed_file)
    zoom(page, 64.0, "stepanakert")  # every place on its own
    page.js("kgraph.select('azerbaijani-army')")
    for event in ("azerbaijani-advance-on-shusha", "capture-of-shusha"):
        assert colour(page, event) != DIM, event
    assert colour(page, "shusha") != DIM
    assert colour(page, "stepanakert-rally") == DIM
    assert colour(page, "stepanakert") == DIM
    page.js("kgraph.select('nagorno-karabakh')")  # its events, the places in it and theirs
    for node in ("threat-of-starvation", "shusha", "stepanakert", "capture-of-shusha", "stepanakert-rally"):
        assert colour(page, node) != DIM, node
    assert colour(page, "hakari-bridge") == DIM
    page.js("kgraph.select('stepanakert-rally')")
    assert colour(page, "stepanakert") != DIM
    assert colour(page, "shusha") == DIM
    page.js("kgraph.select('gegham-stepanyan')")  # none of his events has a place: the note says so
    assert "Gegham Stepanyan: none of its events" in page.page.locator("#graph .map-note summary").inner_text()
    page.js("kgraph.app.clearSelection()")  # and stops saying so when the selection goes
    assert "Gegham Stepanyan" not in page.page.locator("#graph .map-note summary").inner_text()
    assert page.errors == []


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE])
def test_screenshots(open_page, seed_file, viewport):
    page = open_map(open_page, seed_file, viewport)
    page.screenshot(f"explorer-map-{viewport[0]}-first-look.png")
    page.js("kgraph.select('azerbaijani-army')")
    page.page.wait_for_timeout(200)
    page.screenshot(f"explorer-map-{viewport[0]}-actor.png")
    assert page.errors == []


def test_a_5000_node_map_zooms_into_its_clusters(open_page, tmp_path):
    from kgraph.synth.graphs import graph_of_size

    path = tmp_path / "big.html"
    path.write_text(to_html(graph_of_size(5000)), encoding="utf-8")
    page = open_map(open_page, path)
    first = len(page.js("kgraph.visibleNodes()"))
    assert 0 < first < 2000  # clustered: fewer markers than places and events
    zoom(page, 8.0)
    assert overlaps(page.js(MARKERS)) == []
    assert page.errors == []
