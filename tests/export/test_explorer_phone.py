"""What a selection shows on a phone's screen (390×844) and on a laptop's, in a real browser: the selected node and
every node it lights in the part of the graph the bottom sheet leaves in sight, and labelled there, before any
greyed node is; whether the selection came from a shared link, the search box or a click.

Screenshots are saved under test-output/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browser import Page

PHONE, LAPTOP = (390, 844), (1366, 768)
HOW = ("link", "search", "click")
#: An activist whose three partners sit below him in the actor view: on a phone, where the sheet comes up.
ACTOR = "arthur-osipyan"


def selected(open_page: Any, seed_file: Path, viewport: tuple[int, int], how: str, node: str = ACTOR) -> Page:
    """A page at ``viewport`` with ``node`` selected in the actor view: opened from a shared link, picked in the
    search box as a reader types, or clicked in the graph."""
    if how == "link":
        page: Page = open_page(seed_file, viewport, f"#view=actors&select=node%3A{node}")
    else:
        page = open_page(seed_file, viewport)
        page.page.wait_for_timeout(200)
        if how == "search":
            label = page.js("id => kgraph.app.byId.get(id).label", node)
            box = page.page.locator("#search")
            box.click()
            box.press_sequentially(label)
            page.page.keyboard.press("Enter")
        else:
            page.click_node(node)
    page.page.wait_for_function("id => (kgraph.app.state.selected || {}).id === id", arg=node)
    page.page.wait_for_timeout(200)  # a frame or two: the labels follow the last one drawn
    return page


def seen(page: Page) -> dict[str, Any]:
    """What the current view draws, in CSS pixels of its canvas: the part of the canvas in sight (the sheet over
    its bottom taken away), each drawn node with its radius and whether the selection lights it, and the labels."""
    return dict(
        page.js(
            """() => {
            const app = kgraph.app, view = app.views.made.get(app.state.view), net = view.network;
            const canvas = view.box.querySelector('canvas').getBoundingClientRect();
            const panel = document.getElementById('panel'), sheet = panel.getBoundingClientRect();
            const over = !panel.hidden && sheet.left < canvas.right && sheet.right > canvas.left
                && sheet.top < canvas.bottom && sheet.bottom > canvas.top;
            const bottom = over ? Math.max(0, sheet.top - canvas.top) : canvas.height;
            const ids = [...view.shownNodes], at = net.getPositions(ids), scale = net.getScale();
            return {
                width: canvas.width, bottom, selected: app.state.selected.id,
                nodes: ids.map(id => { const p = net.canvasToDOM(at[id]);
                    return {id, x: p.x, y: p.y, r: (view.nodes.get(id).size || 10) * scale,
                            lit: !!view.lit && view.lit.has(id)}; }),
                labels: kgraph.drawnLabels().filter(l => view.nodes.get(l.id)),
            };
        }"""
        )
    )


def out_of_sight(page: Page) -> list[str]:
    """The selection and what it lights that the sheet covers or the canvas cuts, or whose label is not drawn in
    the part in sight."""
    view = seen(page)
    labels = {label["id"]: label for label in view["labels"]}
    problems = []
    for n in view["nodes"]:
        if not n["lit"]:
            continue
        if not (n["r"] <= n["x"] <= view["width"] - n["r"] and n["r"] <= n["y"] <= view["bottom"] - n["r"]):
            problems.append(f"{n['id']} at ({n['x']:.0f}, {n['y']:.0f}): out of sight")
        label = labels.get(n["id"])
        if label is None:
            problems.append(f"{n['id']}: no label")
        elif not (label["x"] >= 0 and label["x"] + label["w"] <= view["width"] + 0.5):
            problems.append(f"{n['id']}: label cut by the canvas")
        elif not (label["y"] >= 0 and label["y"] + label["h"] <= view["bottom"] + 0.5):
            problems.append(f"{n['id']}: label under the sheet")
    return problems


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether two boxes (x, y, w, h) overlap."""
    return (
        a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    )


def places(n: dict[str, Any], w: float, h: float) -> list[dict[str, float]]:
    """Where a label may go by a node: below or above it (centred, or from either of its sides, at a canvas's
    edge), else to its right or left."""
    x, y, r = n["x"], n["y"], n["r"]
    below, above = y + r + 2, y - r - 2 - h
    spots = [(x - w / 2, below), (x - w / 2, above), (x - r, below), (x + r - w, below), (x - r, above)]
    spots += [(x + r - w, above), (x + r + 3, y - h / 2), (x - r - 3 - w, y - h / 2)]
    return [{"x": px, "y": py, "w": w, "h": h} for px, py in spots]


def labelled_out_of_order(page: Page) -> list[str]:
    """A greyed node labelled while the selection or a node it lights is not, where that one's label fits: in one
    of its places, in the part of the canvas in sight, it would cover no label of what is lit and no lit node but
    its own (greyed nodes give way: they come last)."""
    view = seen(page)
    labelled = {label["id"] for label in view["labels"]}
    greyed = sorted(n["id"] for n in view["nodes"] if not n["lit"] and n["id"] in labelled)
    lit = [n for n in view["nodes"] if n["lit"]]
    missing = [n for n in lit if n["id"] not in labelled]
    if not greyed or not missing:
        return []
    widths = page.js(
        """ids => { const ctx = document.createElement('canvas').getContext('2d');
        const view = kgraph.app.views.made.get(kgraph.app.state.view);
        ctx.font = '13px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
        return ids.map(id => { const n = kgraph.app.byId.get(id);
            return ctx.measureText(view.marked(n.short, n.stance)).width + 4; }); }""",
        [n["id"] for n in missing],
    )
    taken = [label for label in view["labels"] if label["id"] not in greyed]
    problems = []
    for n, w in zip(missing, widths, strict=True):
        # the lit nodes it may not cover (the selection's label may cover any node)
        others = [
            {"x": o["x"] - o["r"], "y": o["y"] - o["r"], "w": 2 * o["r"], "h": 2 * o["r"]}
            for o in lit
            if o["id"] != n["id"] and n["id"] != view["selected"]
        ]
        for spot in places(n, w, 17):
            inside = spot["x"] >= 0 and spot["y"] >= 0
            inside = inside and spot["x"] + w <= view["width"] and spot["y"] + 17 <= view["bottom"]
            if inside and not any(overlap(spot, o) for o in taken + others):
                problems.append(f"{n['id']} is lit but not labelled, though its label fits, while {greyed} are")
                break
    return problems


@pytest.mark.parametrize("how", HOW)
def test_on_a_phone_the_sheet_covers_neither_the_selection_nor_what_it_lights(open_page, seed_file, how):
    page = selected(open_page, seed_file, PHONE, how)
    assert not page.js("document.getElementById('panel').hidden")  # the sheet is up
    lit = {n["id"] for n in seen(page)["nodes"] if n["lit"]}
    assert lit == {ACTOR, "armenpress", "popular-movement-to-unblock-the-corridor", "rally-participants"}
    page.screenshot(f"explorer-phone-{how}-selected.png")
    assert out_of_sight(page) == []
    assert page.errors == []


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_what_the_selection_lights_is_labelled_before_any_greyed_node(open_page, seed_file, viewport, how):
    page = selected(open_page, seed_file, viewport, how)
    view = seen(page)
    assert any(not n["lit"] for n in view["nodes"])  # greyed nodes are drawn, and could take the room
    assert labelled_out_of_order(page) == []
    assert out_of_sight(page) == []  # every lit node labelled, where it can be read
    assert page.errors == []


def test_on_a_phone_every_actor_and_its_partners_are_in_sight_and_labelled_first(open_page, seed_file):
    """Each actor of the seeds selected in turn, as a click does: what it lights is above the sheet, its labels
    too, and no greyed node is labelled while a lit one whose label fits is not."""
    page: Page = open_page(seed_file, PHONE)
    page.page.wait_for_timeout(200)
    problems = {}
    for actor in page.js("kgraph.visibleNodes()"):
        page.js("id => kgraph.select(id)", actor)
        page.page.wait_for_timeout(100)
        found = labelled_out_of_order(page) + [p for p in out_of_sight(page) if not p.endswith("no label")]
        if found:
            problems[actor] = found
    assert problems == {}
    assert page.errors == []


def test_closing_the_sheet_of_a_shared_link_leaves_the_selection_where_it_was_focused(open_page, seed_file):
    """A link opened on a phone moves the view once the graph has settled; closing the sheet moves it back to the
    selection as it was focused, not to where the view stood before the layout."""
    page = selected(open_page, seed_file, PHONE, "link")
    page.page.click("#close-panel")
    page.page.wait_for_timeout(100)
    at = page.js("id => kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id])", ACTOR)
    box = page.page.locator("#graph").bounding_box()
    # focused: in the middle of the canvas, now that nothing covers it
    assert abs(at["x"] - box["width"] / 2) < 2
    assert abs(at["y"] - box["height"] / 2) < 2
    assert page.errors == []
