"""What a reader sees of the model in the explorer, in a real browser: events as hexagons, hollow and named so
when they had not happened yet; what a place or a link lights; the Fit button; the map's clusters zooming in."""

from __future__ import annotations

from .browser import Page

LAPTOP = (1440, 900)
DIM = "#e6e6e6"


def settle(page: Page) -> None:
    page.page.wait_for_function(
        "() => { const v = kgraph.app.views.made.get(kgraph.app.state.view);"
        " return v && !v.network.physics.physicsEnabled; }",
        timeout=30_000,
    )
    page.page.wait_for_timeout(150)


def background(page: Page, node: str) -> str:
    return str(page.js("id => kgraph.nodes.get(id).color.background", node))


def test_events_not_yet_happened_are_hollow_and_say_their_status(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=full")
    settle(page)
    assert page.js("kgraph.nodes.get('capture-of-shusha').shape") == "hexagon"
    assert page.js("kgraph.app.byId.get('capture-of-shusha').short").startswith("predicted capture · ")
    assert page.js("kgraph.app.byId.get('planned-gathering').short").startswith("planned ")
    assert background(page, "capture-of-shusha") == "#ffffff"  # hollow
    border = page.js("kgraph.nodes.get('capture-of-shusha').color.border")
    assert border == page.js("kgraph.data.typeColors.capture")  # in its type's colour
    # an event that happened, or is happening, is filled and says no status
    assert background(page, "azerbaijani-advance-on-shusha") != "#ffffff"
    assert not page.js("kgraph.app.byId.get('azerbaijani-advance-on-shusha').short").startswith("ongoing")
    assert "hollow: not yet happened" in page.page.locator("#legend").inner_text()


def test_a_place_lights_the_actors_of_its_events_in_the_actor_view(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    settle(page)
    page.js("kgraph.select('shusha')")
    lit = {n for n in page.js("kgraph.visibleNodes()") if background(page, n) != DIM}
    actors = set(page.js("[...new Set(kgraph.app.eventsAt('shusha').flatMap(e => kgraph.app.actorsOf(e)))]"))
    assert "azerbaijani-army" in actors
    assert lit == actors & set(page.js("kgraph.visibleNodes()"))
    page.js("kgraph.select('nagorno-karabakh')")  # the places within it count too
    assert "azerbaijani-army" in page.js(
        "[...new Set(kgraph.app.eventsAt('nagorno-karabakh').flatMap(e => kgraph.app.actorsOf(e)))]"
    )
    assert background(page, "azerbaijani-army") != DIM


def test_a_link_lights_the_events_behind_it_in_the_full_view(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=full")
    settle(page)
    page.js("kgraph.app.selectEdge('gegham-stepanyan~international-community')")
    events = page.js("kgraph.app.linkById.get('gegham-stepanyan~international-community').events.map(e => e[0])")
    assert events
    for event in events:
        assert background(page, event) != DIM
    assert background(page, "capture-of-shusha") == DIM


def test_the_fit_button_brings_what_is_shown_back_to_the_screen(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    settle(page)
    page.js("kgraph.network.moveTo({position: {x: 5000, y: 5000}, scale: 3, animation: false})")
    page.page.click("#graph .graph-fit")
    inside = page.js(
        """() => { const net = kgraph.network; const ids = kgraph.visibleNodes(); const pos = net.getPositions(ids);
           const box = document.getElementById('graph').getBoundingClientRect();
           return ids.filter(id => { const p = net.canvasToDOM(pos[id]);
             return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }).length; }"""
    )
    assert inside == len(page.js("kgraph.visibleNodes()"))


def test_clicking_a_map_marker_of_several_places_zooms_in_until_they_split(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=map")
    page.page.wait_for_timeout(300)
    leader = page.js(
        "(() => { const c = kgraph.app.views.get('map').clusters.find(k => k.members.length > 1); return c.leader; })()"
    )
    before = page.js("kgraph.app.views.get('map').clusters.length")
    for _ in range(8):
        several = page.js(
            "id => { const c = kgraph.app.views.get('map').clusters.find(k => k.leader === id); return c ? c.members.length : 0; }",
            leader,
        )
        if several <= 1:
            break
        page.click_node(leader)
        page.page.wait_for_timeout(100)
    assert page.js("kgraph.app.views.get('map').clusters.length") > before
    assert page.js("kgraph.app.state.selected") is None  # a marker of several places zooms, it does not select
    assert page.errors == []


def test_with_a_time_window_actors_with_nothing_in_it_are_greyed(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    settle(page)
    assert background(page, "gegham-stepanyan") != DIM
    page.js("kgraph.setWindow('2020-10-01', '2020-11-30')")
    assert background(page, "gegham-stepanyan") == DIM  # he acts in July 2023
    assert background(page, "azerbaijani-army") != DIM  # the October 2020 advance
    labels = {label["text"]: label for label in page.js("kgraph.drawnLabels()")}
    assert "Azerbaijani army" in labels
    page.js("kgraph.select('gegham-stepanyan')")  # a selection lights what it reaches, window or not
    assert background(page, "icrc") != DIM
    page.js("kgraph.app.clearSelection()")
    page.page.click("#time-reset")
    assert background(page, "gegham-stepanyan") != DIM


def test_a_node_at_the_canvas_edge_keeps_its_label(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    settle(page)
    width = page.js("document.querySelector('#graph .view:not([hidden]) canvas').clientWidth")
    # ICRC 20 pixels from the right edge: its long label cannot be centred under it
    page.js(
        """w => { const net = kgraph.network; const p = net.getPositions(['icrc']).icrc; const s = net.getScale();
           net.moveTo({position: {x: p.x - (w / 2 - 20) / s, y: p.y}, scale: s, animation: false}); net.redraw(); }""",
        width,
    )
    page.page.wait_for_timeout(100)
    labels = [label for label in page.js("kgraph.drawnLabels()") if label["id"] == "icrc"]
    assert labels, "the ICRC's label is left out"
    assert labels[0]["x"] + labels[0]["w"] <= width


def test_selecting_a_place_folded_into_a_map_marker_zooms_in_on_it(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=map")
    page.page.wait_for_timeout(300)
    assert "stepanakert-airport" not in page.js("kgraph.visibleNodes()")  # folded into a marker at first
    page.js("kgraph.app.select('stepanakert-airport', {focus: true, show: true})")  # as search does
    assert page.js("kgraph.app.state.view") == "map"
    assert "stepanakert-airport" in page.js("kgraph.visibleNodes()")
