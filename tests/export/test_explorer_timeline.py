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

from kgraph.export.explorer_large import large_page_data
from kgraph.export.html import to_html
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import FIXTURES, TIMELINE_PAYLOADS, big_graph, hostile_timeline
from .browser import Page

LAPTOP = (1440, 900)
PHONE = (390, 844)
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


def test_fit_shows_every_dated_event_and_main_the_opening_bulk(seed_page: Page) -> None:
    """The lane of the 1990s events' type is greyed until Fit brings them into view."""
    founding = '#timeline g.lane[data-lane="founding"]'
    assert "empty" in seed_page.page.locator(founding).get_attribute("class")
    fit = seed_page.page.get_by_role("button", name="Fit the timeline to every dated event")
    fit.click()
    settle(seed_page)
    drawn = set(seed_page.js("[...document.querySelectorAll('#timeline g.event')].map(g => g.dataset.id)"))
    dated = {n["id"] for n in seed_page.js("kgraph.data.nodes") if n["kind"] == "event" and any(n["t"])}
    assert drawn == dated
    assert {"war-over-karabakh-1990s", "stepanyan-appeal-to-icrc"} <= drawn
    assert seed_page.page.locator("#timeline .tl-edge").filter(has_text="earlier").is_hidden()
    assert seed_page.page.locator("#timeline .tl-edges").is_hidden()
    assert "empty" not in seed_page.page.locator(founding).get_attribute("class")
    seed_page.page.get_by_role("button", name="Show the main period").click()
    settle(seed_page)
    assert seed_page.page.locator('#timeline g.event[data-id="war-over-karabakh-1990s"]').count() == 0
    assert seed_page.page.locator("#timeline .tl-earlier").inner_text() == "◀ 2 earlier"
    assert seed_page.errors == []


def test_the_shares_that_leave_far_events_out_come_from_python(
    open_page: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page reads the bulk's shares from its data (timeline_bulk.BULK), as a large page's axis is worked out in
    Python: with a smaller share than the seeds' two 1990s events of its 25 dated ones (8%), they stay in the first view."""
    from kgraph.export import explorer_data

    monkeypatch.setattr(explorer_data, "BULK", {"break": 0.4, "minor": 0.05})
    path = tmp_path / "graph.html"
    path.write_text(to_html(KnowledgeGraph.load("seeds").graph), encoding="utf-8")
    page: Page = open_page(path, LAPTOP)
    settle(page)
    assert page.js("kgraph.data.bulk") == {"break": 0.4, "minor": 0.05}
    assert page.page.locator('#timeline g.event[data-id="war-over-karabakh-1990s"]').count() == 1
    assert page.page.locator("#timeline .tl-earlier").is_hidden()
    assert page.errors == []


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE])
def test_the_counts_beyond_the_edges_cover_no_tick(open_page: Any, seed_file: Path, viewport: tuple[int, int]) -> None:
    """The "◀ 2 earlier" and "later ▶" buttons sit in a strip above the axis: they overlap neither the axis nor
    the lanes."""
    page = open_page(seed_file, viewport)

    def apart(a: dict[str, float], b: dict[str, float]) -> bool:
        return (
            a["x"] + a["width"] <= b["x"]
            or b["x"] + b["width"] <= a["x"]
            or a["y"] + a["height"] <= b["y"]
            or b["y"] + b["height"] <= a["y"]
        )

    def check(side: str) -> None:
        button = box(page, f"#timeline .tl-{side}")
        assert button["width"] > 0
        assert apart(button, box(page, "#timeline .tl-axis-svg")), side
        assert apart(button, box(page, "#timeline .tl-body")), side
        assert all(apart(button, {**t, "width": t["w"], "height": t["h"]}) for t in page.js(TEXT_BOXES)), side

    check("earlier")
    page.page.locator("#timeline .tl-earlier").click()
    settle(page)
    check("later")
    page.screenshot(f"timeline-edges-{viewport[0]}.png")
    assert page.errors == []


@pytest.fixture(scope="module")
def dates_file(tmp_path_factory: Any) -> Path:
    path: Path = tmp_path_factory.mktemp("timeline-dates") / "dates.html"
    KnowledgeGraph.load(FIXTURES / "dates").to_html(path)
    return path


#: Events of tests/fixtures/dates whose whole date is not exact: a decade, a year, a month, a season, one of a set
#: of days, unspecified digits, or a qualified date.
NOT_EXACT = [
    "talks-in-the-1990s",  # 199X
    "first-chairman-elected",  # 1995
    "flight-from-the-villages",  # 1991-12~
    "accord",  # 1998?
    "second-campaign",  # 1994~
    "meeting-in-2021",  # 2021%
    "ostrova-appeal",  # ?2022-03-04
    "march-to-the-capital",  # 2021-05-?17
    "internet-cut",  # 2023-XX
    "spring-protest",  # 2023-21
    "capture-of-stonebridge",  # 2020-09-2X
    "attack-on-stonebridge",  # [2023-05-03, 2023-05-07]
    "bridge-damaged",  # 202X
]


def test_a_date_that_is_not_exact_is_hatched_across_its_range_and_only_the_certain_part_is_solid(
    open_page: Any, dates_file: Path
) -> None:
    page = open_page(dates_file, LAPTOP)
    page.page.get_by_role("button", name="Fit the timeline").click()
    settle(page)
    for event in NOT_EXACT:
        group = page.page.locator(f'#timeline g.event[data-id="{event}"]')
        assert group.count() == 1, event
        assert group.locator(".mark").count() == 0, event  # nothing solid
        assert group.locator(".approx").count() >= 1, event
        assert group.locator(".approx").first.get_attribute("fill").startswith("url(#kgtl-hatch-"), event
    for event in ("council-founded", "ceasefire", "humanitarian-crisis", "council-dissolved"):  # exact: solid
        group = page.page.locator(f'#timeline g.event[data-id="{event}"]')
        assert (group.locator(".mark").count(), group.locator(".approx").count()) == (1, 0), event

    def span(event: str, part: str) -> tuple[float, float]:
        """Where a rectangle of an item starts and ends, in the drawing's pixels (its stroke left out)."""
        x, width = page.js(
            f"['x', 'width'].map(a => +document.querySelector('#timeline g.event[data-id=\"{event}\"] {part}')"
            ".getAttribute(a))"
        )
        return x, x + width

    # the hatching spans the whole range the date gives: a decade is ten times a year
    decade = span("talks-in-the-1990s", ".approx")
    year = span("first-chairman-elected", ".approx")
    assert decade[0] < year[0] < year[1] < decade[1]  # 1995 in the 1990s
    assert decade[1] - decade[0] == pytest.approx(10 * (year[1] - year[0]), rel=0.005)
    # "../1994-05": certain until 1 May 1994 (the first day it may have ended), the rest of May hatched after it
    solid = span("first-war", ".mark")
    may = span("first-war", ".approx")
    assert may[0] == pytest.approx(solid[1], abs=0.01)
    assert may[1] - may[0] == pytest.approx((year[1] - year[0]) * 30 / 365, rel=0.01)
    # "1991-12~", zoomed in: hatched over the days it may be (November 1991 to January 1992: a month either side),
    # the month it says outlined
    for _ in range(4):
        page.page.get_by_role("button", name="Zoom in").click()
    page.js("kgraph.select('flight-from-the-villages', false)")  # the view pans to it
    settle(page)
    month = span("flight-from-the-villages", ".stated")
    around2 = span("flight-from-the-villages", ".approx")
    assert around2[0] < month[0] < month[1] < around2[1]
    assert month[1] - month[0] == pytest.approx((around2[1] - around2[0]) * 31 / 92, rel=0.01)
    page.screenshot("timeline-dates-1440.png")
    assert page.errors == []


def test_the_wheel_and_the_buttons_zoom_and_the_ticks_follow(seed_page: Page) -> None:
    assert unit(seed_page) == "month"
    axis = box(seed_page, "#timeline .tl-axis")
    seed_page.page.mouse.move(axis["x"] + axis["width"] - 60, axis["y"] + 20)
    for _ in range(12):
        seed_page.page.mouse.wheel(0, -300)
        seed_page.page.wait_for_timeout(30)
    settle(seed_page)
    assert unit(seed_page) == "day"
    seed_page.page.get_by_role("button", name="Show the main period").click()
    settle(seed_page)
    assert unit(seed_page) == "month"
    for _ in range(4):  # from the main period, about three years (August 2020 to 2023), to some fifteen
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


def brush(page: Page, x0: float, x1: float) -> None:
    """Drags across the axis from x0 to x1 (pixels from the axis's left)."""
    axis = box(page, "#timeline .tl-axis")
    y = axis["y"] + 20
    page.page.mouse.move(axis["x"] + x0, y)
    page.page.mouse.down()
    page.page.mouse.move(axis["x"] + (x0 + x1) / 2, y)
    page.page.mouse.move(axis["x"] + x1, y)
    page.page.mouse.up()
    settle(page)


def test_a_brush_across_the_axis_sets_the_time_window_in_whole_units_of_the_ticks(seed_page: Page) -> None:
    """Months at the opening zoom, years zoomed out: the window starts on the first day of one and ends on the
    last day of another, and its shading lies on the ticks."""
    from datetime import date, timedelta

    def day(number: int) -> date:
        return date(1970, 1, 1) + timedelta(days=number)

    for zoom_outs, kind in ((0, "month"), (4, "year")):
        for _ in range(zoom_outs):
            seed_page.page.get_by_role("button", name="Zoom out").click()
        settle(seed_page)
        assert unit(seed_page) == kind
        brush(seed_page, 707, 1093)
        window = seed_page.js("kgraph.app.state.window")
        start, end = day(window["start"]), day(window["end"])
        after = end + timedelta(days=1)
        assert (start.day, after.day) == (1, 1), (start, end)
        if kind == "year":
            assert (start.month, after.month) == (1, 1), (start, end)
        assert after > start
        # the shading lies on the nearest boundaries of the unit to where the brush began and ended
        shaded = box(seed_page, "#timeline .tl-axis-svg rect.window")
        axis = box(seed_page, "#timeline .tl-axis")
        half_unit = shaded["width"] / (after - start).days * (31 if kind == "month" else 366) / 2
        assert abs(shaded["x"] - axis["x"] - 707) <= half_unit + 1
        assert abs(shaded["x"] + shaded["width"] - axis["x"] - 1093) <= half_unit + 1
        typed = seed_page.page.locator("#time-window").input_value()
        assert typed == f"{start.isoformat()}/{end.isoformat()}"  # the typed window follows, in clean dates
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
        "[g.dataset.id, g.getAttribute('color')]))"
    )
    solid = seed_page.js(
        "[...document.querySelectorAll('#timeline g.event .mark')].map(m => "
        "[m.closest('g.event').getAttribute('color'), m.getAttribute('fill')])"
    )
    assert len(solid) > 10
    assert all(colour == fill for colour, fill in solid)
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
        for zoom in ("Fit the timeline", "Show the main period", "in", "in", "in", "Zoom out"):
            if zoom == "in":  # the wheel over the rally zooms in on the events of July 2023 around it
                rally = item(page, "stepanakert-rally")
                page.page.mouse.move(rally["x"] + 2, rally["y"] + rally["height"] / 2)
                page.page.mouse.wheel(0, -300)
            else:
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


def test_a_thousand_events_draw(open_page: Any, tmp_path: Path) -> None:
    """The 5,000-node synthetic graph has 1,000 events, all open-ended in one lane: a thousand rows. The times are
    printed, not checked (the machine is shared): benchmarks/ is where speed is measured."""
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
    print(f"\n1,000 events: timeline made in {timings['made']:.0f} ms, drawn in {max(timings['draws']):.0f} ms at most")


@pytest.mark.parametrize("far", [2, 400])
def test_a_large_graphs_axis_extent_from_python_is_the_one_its_items_give(
    open_page: Any, tmp_path: Path, far: int
) -> None:
    """A large page's data gives the axis's extent (timeline_bulk.timeline_extent), so that the page need not make
    an item for every event: it is the one a small page works out from its items. Two events decades earlier are
    left out of the bulk; four hundred are too many to leave out."""
    graph = big_graph(3000)
    graph.add_node("far-0", kind="event", label="Far", earliest="1950-03-01", latest="1950-03-02")
    graph.add_node("far-1", kind="event", label="Farther", earliest="1949-01-01", latest_possible="1949-06-30")
    for n in range(2, far):
        graph.add_node(f"far-{n}", kind="event", label=f"Far {n}", earliest=f"1950-{1 + n % 12:02d}-01")
    graph.add_node("open", kind="event", label="Open", earliest_possible="2015-01-01")
    path = tmp_path / "graph.html"
    path.write_text(to_html(graph), encoding="utf-8")
    page: Page = open_page(path, LAPTOP)
    from_items = page.js("kgraph.timelineExtent()")
    assert from_items["dated"] > 100
    assert (from_items["outliers"] > 0) == (far == 2)  # the bulk leaves two far events out, not four hundred
    assert large_page_data(graph)[0]["timeline"] == from_items
    assert page.errors == []


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
