"""The explorer's timeline in a real browser (Debian's Chromium, driven by Playwright): an axis that fits the
seeds, zooms, pans and sets the time window; items coloured by type, labelled without overlap, with their open
ends and uncertain parts; lanes by type or by actor; the selection marked; the area resizable; and fast.

Every test opens its own page from file://, with every other request blocked and recorded. Screenshots of the
timeline are saved under test-output/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.export.html import to_html
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import TIMELINE_PAYLOADS, big_graph, hostile_timeline
from .browser import Page

LAPTOP = (1440, 900)
ACTOR_KINDS = {"person", "organization", "group"}
#: Every text box drawn in the timeline, in page coordinates, with its font size.
TEXT_BOXES = """() => [...document.querySelectorAll('#timeline text')].map(t => {
  const r = t.getBoundingClientRect();
  return {text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
          size: parseFloat(getComputedStyle(t).fontSize)};
}).filter(b => b.w > 0)"""


def box(page: Page, selector: str) -> dict[str, float]:
    """The bounding box of the first element the selector finds."""
    found: dict[str, float] = page.page.locator(selector).first.bounding_box()
    return found


def item(page: Page, event: str, part: str = "") -> dict[str, float]:
    """The bounding box of an event's item on the timeline, or of a part of it (".mark", ".approx")."""
    return box(page, f'#timeline g.event[data-id="{event}"] {part}'.strip())


def unit(page: Page) -> str:
    """The unit of the axis's ticks: day, month or year."""
    return str(page.js("document.querySelector('#timeline .tl-axis-svg').dataset.unit"))


def settle(page: Page) -> None:
    """Waits for the timeline's redraw, on the next frame."""
    page.page.wait_for_timeout(120)


@pytest.fixture(scope="module")
def seed_file(seeds: Any, tmp_path_factory: Any) -> Path:
    path: Path = tmp_path_factory.mktemp("timeline") / "graph.html"
    KnowledgeGraph(seeds).to_html(path)
    return path


@pytest.fixture
def seed_page(open_page: Any, seed_file: Path) -> Page:
    page: Page = open_page(seed_file, LAPTOP)
    return page


def overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The pairs of text boxes that overlap (by more than half a pixel each way)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"]) > 0.5 and (
                min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"]) > 0.5
            ):
                found.append((a["text"], b["text"]))
    return found


def test_the_first_view_fits_the_bulk_and_counts_the_two_earlier_events(seed_page: Page) -> None:
    """The two 1990s events would squeeze 2020-2023 into a sliver: they are left out of the fit, counted at the
    edge, and the count pans there."""
    july_2023 = item(seed_page, "stepanyan-appeal-to-icrc")
    october_2020 = item(seed_page, "harutyunyan-video-appeal")
    assert july_2023["x"] - october_2020["x"] > 100
    assert seed_page.page.locator('#timeline g.event[data-id="war-over-karabakh-1990s"]').count() == 0
    earlier = seed_page.page.locator("#timeline .tl-earlier")
    assert earlier.inner_text() == "◀ 2 earlier"
    earlier.click()
    settle(seed_page)
    assert seed_page.page.locator('#timeline g.event[data-id="war-over-karabakh-1990s"]').count() == 1
    assert seed_page.page.locator("#timeline .tl-later").is_visible()
    assert seed_page.errors == []
    assert seed_page.requests == []


def test_the_wheel_and_the_buttons_zoom_and_the_ticks_follow(seed_page: Page) -> None:
    assert unit(seed_page) == "month"
    axis = box(seed_page, "#timeline .tl-axis")
    seed_page.page.mouse.move(axis["x"] + axis["width"] - 60, axis["y"] + 20)
    for _ in range(12):
        seed_page.page.mouse.wheel(0, -300)
        seed_page.page.wait_for_timeout(30)
    settle(seed_page)
    assert unit(seed_page) == "day"
    seed_page.page.get_by_role("button", name="Fit the timeline").click()
    settle(seed_page)
    assert unit(seed_page) == "month"
    for _ in range(3):
        seed_page.page.get_by_role("button", name="Zoom out").click()
    settle(seed_page)
    assert unit(seed_page) == "year"
    assert seed_page.errors == []


def test_dragging_the_plot_pans(seed_page: Page) -> None:
    before = item(seed_page, "stepanyan-appeal-to-icrc", ".mark")["x"]
    lanes = box(seed_page, "#timeline .tl-body")
    y = lanes["y"] + 30
    seed_page.page.mouse.move(lanes["x"] + 700, y)
    seed_page.page.mouse.down()
    for step in range(1, 11):
        seed_page.page.mouse.move(lanes["x"] + 700 - 20 * step, y)
    seed_page.page.mouse.up()
    settle(seed_page)
    assert item(seed_page, "stepanyan-appeal-to-icrc", ".mark")["x"] == pytest.approx(before - 200, abs=2)
    assert seed_page.js("kgraph.app.state.selected") is None  # a drag is not a click


def test_a_brush_across_the_axis_sets_the_time_window_and_shades_it(seed_page: Page) -> None:
    axis = box(seed_page, "#timeline .tl-axis")
    x0, x1, y = axis["x"] + 700, axis["x"] + 1100, axis["y"] + 20
    seed_page.page.mouse.move(x0, y)
    seed_page.page.mouse.down()
    seed_page.page.mouse.move((x0 + x1) / 2, y)
    seed_page.page.mouse.move(x1, y)
    seed_page.page.mouse.up()
    settle(seed_page)
    window = seed_page.js("kgraph.app.state.window")
    assert window["start"] is not None
    assert window["end"] > window["start"]
    shaded = box(seed_page, "#timeline .tl-axis-svg rect.window")
    assert shaded["x"] == pytest.approx(x0, abs=4)
    assert shaded["x"] + shaded["width"] == pytest.approx(x1, abs=4)
    assert seed_page.page.locator("#time-window").input_value().count("-") == 4  # the typed window follows
    seed_page.page.dblclick("#timeline .tl-axis-svg")
    assert seed_page.js("kgraph.app.state.window") == {"start": None, "end": None, "mode": "overlapping"}
    assert seed_page.page.locator("#timeline rect.window").count() == 0


def test_an_ongoing_event_is_a_bar_to_the_windows_end_or_the_axiss(seed_page: Page) -> None:
    plot = box(seed_page, "#timeline .tl-axis-svg .axis-bg")
    bar = item(seed_page, "blockade-of-artsakh", ".mark")
    assert bar["x"] + bar["width"] == pytest.approx(plot["x"] + plot["width"], abs=4)
    seed_page.js("kgraph.setWindow('2022-06-01', '2023-03-31')")
    settle(seed_page)
    window = box(seed_page, "#timeline .tl-axis-svg rect.window")
    bar = item(seed_page, "blockade-of-artsakh", ".mark")
    assert bar["x"] + bar["width"] == pytest.approx(window["x"] + window["width"], abs=1.5)
    assert bar["width"] > 20
    assert "ongoing" in seed_page.js(
        "document.querySelector('#timeline g.event[data-id=\"blockade-of-artsakh\"]').className.baseVal"
    )


def test_the_uncertain_part_of_a_date_is_drawn_apart_from_the_certain_part(seed_page: Page) -> None:
    """ "2020-09~/..": the approximate month, widened to its possible start, hatched before the solid bar."""
    approx = item(seed_page, "war-over-karabakh-2020", ".approx")
    certain = item(seed_page, "war-over-karabakh-2020", ".mark")
    assert approx["x"] + approx["width"] == pytest.approx(certain["x"], abs=1)
    fills = seed_page.js(
        "['.approx', '.mark'].map(s => document.querySelector(`#timeline g.event[data-id=\"war-over-karabakh-2020\"] "
        "${s}`).getAttribute('fill'))"
    )
    assert fills[0].startswith("url(#")
    assert not fills[1].startswith("url(")
    assert seed_page.page.locator('#timeline g.event[data-id="stepanakert-rally"] .approx').count() == 0


def test_items_are_coloured_by_event_type(seed_page: Page) -> None:
    colours = seed_page.js(
        "Object.fromEntries([...document.querySelectorAll('#timeline g.event')].map(g => "
        "[g.dataset.id, g.querySelector('.mark').getAttribute('fill')]))"
    )
    types = {n["id"]: n["type"] for n in seed_page.js("kgraph.data.nodes") if n["id"] in colours}
    by_type: dict[str, set[str]] = {}
    for event, colour in colours.items():
        by_type.setdefault(types[event], set()).add(colour)
    assert all(len(found) == 1 for found in by_type.values())
    assert len({next(iter(found)) for found in by_type.values()}) == len(by_type)  # distinct for these few types


def test_lanes_by_actor_hold_actors_only(seed_page: Page) -> None:
    seed_page.page.select_option("#lanes", "actor")
    lanes = seed_page.js("[...document.querySelectorAll('#timeline g.lane')].map(g => g.dataset.lane)")
    kinds = {n["id"]: n["kind"] for n in seed_page.js("kgraph.data.nodes")}
    assert lanes[-1] == ""  # "(no actor)", last
    assert {kinds[lane] for lane in lanes[:-1]} <= ACTOR_KINDS
    assert "shusha" not in lanes
    assert "icrc" in lanes
    assert seed_page.js("kgraph.app.state.lanes") == "actor"
    body = seed_page.page.locator("#timeline .tl-body")
    body.evaluate("b => b.scrollTop = b.scrollHeight")
    settle(seed_page)
    last = box(seed_page, '#timeline g.lane[data-lane=""] .lane-label')
    frame = body.bounding_box()
    assert frame["y"] <= last["y"]
    assert last["y"] + last["height"] <= frame["y"] + frame["height"]
    assert seed_page.js("document.querySelector('#timeline g.lane[data-lane=\"\"] .lane-label').firstChild.data") == (
        "(no actor)"
    )


def test_selecting_an_actor_marks_its_events_and_an_event_is_selected(seed_page: Page) -> None:
    seed_page.js("kgraph.select('gegham-stepanyan', false)")
    marked = seed_page.js("[...document.querySelectorAll('#timeline g.event.marked')].map(g => g.dataset.id)")
    assert sorted(set(marked)) == sorted(seed_page.js("kgraph.app.eventsOf('gegham-stepanyan')"))
    assert len(set(marked)) == 3
    seed_page.page.locator('#timeline g.event[data-id="stepanyan-appeal-to-icrc"]').first.click()
    assert seed_page.js("kgraph.app.state.selected") == {"type": "node", "id": "stepanyan-appeal-to-icrc"}
    assert seed_page.page.locator("#timeline g.event.selected").count() == 1
    related = seed_page.js("[...document.querySelectorAll('#timeline g.event.related')].map(g => g.dataset.id)")
    assert set(related) >= {"stepanyan-sounds-alarm", "icrc-transport-blocked"}  # the others of its actors


def test_the_tooltip_gives_the_full_title_and_the_edtf_date(seed_page: Page) -> None:
    title = seed_page.js(
        "document.querySelector('#timeline g.event[data-id=\"war-over-karabakh-2020\"] > title').textContent"
    )
    label = next(n["label"] for n in seed_page.js("kgraph.data.nodes") if n["id"] == "war-over-karabakh-2020")
    assert title == f"{label} (2020-09~/..)"


@pytest.mark.parametrize("viewport", [(1440, 900), (390, 844)])
def test_labels_are_readable_and_never_overlap(open_page: Any, seed_file: Path, viewport: tuple[int, int]) -> None:
    page = open_page(seed_file, viewport)
    for lanes in ("type", "actor"):
        page.js("lanes => kgraph.app.setLanes(lanes)", lanes)
        for zoom in ("Fit the timeline", "Zoom in", "Zoom in", "Zoom in", "Zoom out"):
            page.page.get_by_role("button", name=zoom).click()
            settle(page)
            boxes = page.js(TEXT_BOXES)
            assert len([b for b in boxes if b["text"].count("·")]) >= 3, (lanes, zoom)
            assert min(b["size"] for b in boxes) >= 12
            assert overlapping(boxes) == [], (lanes, zoom)
    page.js("kgraph.app.setLanes('type')")
    page.page.get_by_role("button", name="Fit the timeline").click()
    settle(page)
    assert page.js("document.documentElement.scrollWidth") <= viewport[0]
    shot = page.screenshot(f"timeline-{viewport[0]}.png")
    assert shot.stat().st_size > 10_000
    assert page.errors == []


MARKUP = "<img src=x onerror=\"window.__xss = 'timeline'\">"


def crowded_graph() -> nx.MultiDiGraph:
    """Forty events in three weeks, of two types (one written as markup), a few of them spanning days."""
    graph = nx.MultiDiGraph()
    graph.add_node("someone", kind="person", label=MARKUP)
    for i in range(40):
        first = 1 + (i * 7) % 20
        last = first + (3 if i % 5 == 0 else 0)
        event = f"event-{i}"
        graph.add_node(
            event,
            kind="event",
            type=MARKUP if i % 3 == 0 else "protest",
            label=f"{MARKUP} {i}",
            date=f"2023-07-{first:02d}/2023-07-{last:02d}",
            earliest=f"2023-07-{first:02d}",
            latest=f"2023-07-{last:02d}",
        )
        graph.add_edge("someone", event, kind="participation", role="agent")
    return graph


def test_labels_never_overlap_where_events_crowd_and_stay_text(open_page: Any, tmp_path: Path) -> None:
    path = tmp_path / "crowded.html"
    path.write_text(to_html(crowded_graph()), encoding="utf-8")
    page = open_page(path, LAPTOP)
    for lanes in ("type", "actor"):
        page.js("lanes => kgraph.app.setLanes(lanes)", lanes)
        for zoom in ("Fit the timeline", "Zoom out", "Zoom out", "Zoom in", "Zoom in", "Zoom in"):
            page.page.get_by_role("button", name=zoom).click()
            settle(page)
            boxes = page.js(TEXT_BOXES)
            assert len([b for b in boxes if "<img src=x onerror=" in b["text"]]) >= 2, (lanes, zoom)
            assert overlapping(boxes) == [], (lanes, zoom)
    page.page.locator("#timeline g.event").first.hover()
    page.page.locator("#timeline g.event").first.click()
    page.page.wait_for_timeout(200)
    assert page.js("window.__xss === undefined")
    assert page.js("document.querySelectorAll('#timeline img, #timeline-area img').length") == 0
    assert page.errors == []


def test_the_area_resizes_from_its_top_edge_within_bounds(seed_page: Page) -> None:
    before = box(seed_page, "#timeline")["height"]
    handle = box(seed_page, "#timeline-area .tl-resize")
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    seed_page.page.mouse.move(x, y)
    seed_page.page.mouse.down()
    seed_page.page.mouse.move(x, y - 150, steps=5)
    seed_page.page.mouse.up()
    assert box(seed_page, "#timeline")["height"] == pytest.approx(before + 150, abs=2)
    seed_page.page.mouse.move(x, y - 150)
    seed_page.page.mouse.down()
    seed_page.page.mouse.move(x, 850, steps=5)
    seed_page.page.mouse.up()
    assert box(seed_page, "#timeline")["height"] == 100  # the least height
    seed_page.page.focus("#timeline-area .tl-resize")
    for _ in range(40):
        seed_page.page.keyboard.press("ArrowUp")
    assert box(seed_page, "#timeline")["height"] == pytest.approx(900 * 0.7, abs=1)  # the most
    assert box(seed_page, "#graph")["height"] > 50


def test_a_thousand_events_draw_in_well_under_100_ms(open_page: Any, tmp_path: Path) -> None:
    """The 5,000-node synthetic graph has 1,000 events, all open-ended in one lane: a thousand rows."""
    path = tmp_path / "big.html"
    path.write_text(to_html(big_graph(5000)), encoding="utf-8")
    page = open_page(path, LAPTOP)
    assert page.js("kgraph.data.nodes.filter(n => n.kind === 'event').length") == 1000
    timings = page.js(
        """() => {
        const area = document.getElementById('timeline-area').cloneNode(true);
        for (const extra of area.querySelectorAll('.tl-resize, .tl-zoom, .tl-key')) extra.remove();
        area.querySelector('#timeline').replaceChildren();
        document.body.appendChild(area);
        const started = performance.now();
        const part = kgraph.app.parts.timeline(kgraph.app, area);
        const made = performance.now() - started;
        const draws = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          part.draw();
          draws.push(performance.now() - t);
        }
        return {made, draws, items: area.querySelectorAll('g.event').length, types: Object.keys(part.typeColors)};
      }"""
    )
    assert timings["types"] == ["event"]
    assert timings["items"] > 0
    assert timings["made"] < 100
    assert max(timings["draws"]) < 50, timings


def test_annotation_text_in_the_timeline_stays_text(open_page: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(to_html(hostile_timeline().graph), encoding="utf-8")
    page = open_page(path, LAPTOP)
    page.js("kgraph.app.setLanes('actor')")
    page.page.locator("#timeline g.event").first.click()
    page.page.wait_for_timeout(300)
    assert page.js("window.__xss === undefined")
    names = page.js("[...document.querySelectorAll('#timeline *')].flatMap(e => [...e.attributes].map(a => a.name))")
    assert not [name for name in names if name.startswith("on")]
    titles = page.js("[...document.querySelectorAll('#timeline g.event > title')].map(t => t.textContent)")
    assert any(TIMELINE_PAYLOADS[0] in title for title in titles)
    assert page.errors == []
    assert page.requests == []
