"""The explorer's controls in a real browser: the filters' drawer on a phone, Escape, a view with nothing to
draw, the typed window's error, "Show it" undoing only what hides a match, the sheet that keeps the selection
in sight, the PNG's caption and legend, and event colours that agree between the graph and the timeline."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from .browser import OUTPUT, Page

LAPTOP, PHONE = (1440, 900), (390, 844)
#: Where the graph view stands, as flat numbers: its centre's x and y, and its scale.
CAMERA = "(({ x, y }, scale) => [x, y, scale])(kgraph.network.getViewPosition(), kgraph.network.getScale())"


def drawer_open(page: Page) -> bool:
    return bool(page.js("document.body.classList.contains('sidebar-open')"))


def test_the_phone_drawer_closes_on_escape_and_outside_and_is_out_of_the_tab_order(open_page, seed_file):
    page: Page = open_page(seed_file, PHONE)
    opener = page.page.locator("#open-sidebar")
    assert opener.get_attribute("aria-expanded") == "false"
    assert page.js("document.getElementById('sidebar').inert")  # closed: its controls take no focus
    opener.click()
    assert drawer_open(page)
    assert opener.get_attribute("aria-expanded") == "true"
    assert not page.js("document.getElementById('sidebar').inert")
    assert page.js("document.activeElement.id") == "close-sidebar"
    page.page.keyboard.press("Escape")
    assert not drawer_open(page)
    assert page.js("document.activeElement.id") == "open-sidebar"
    opener.click()
    page.page.wait_for_timeout(250)
    page.page.mouse.click(370, 500)  # on the graph, outside the drawer
    assert not drawer_open(page)
    assert page.errors == []


def test_the_drawer_button_counts_the_filters_that_hide_something(open_page, seed_file):
    page: Page = open_page(seed_file, PHONE)
    opener = page.page.locator("#open-sidebar")
    assert opener.inner_text() == "Filters"
    opener.click()
    page.page.uncheck("input[data-filter='kind'][value='group']")
    page.page.check("#disputed-only")
    assert opener.inner_text() == "Filters (2)"
    page.page.uncheck("#disputed-only")
    assert opener.inner_text() == "Filters (1)"


def test_escape_closes_the_panel_but_not_while_typing(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    page.js("kgraph.select('gegham-stepanyan')")
    page.page.focus("#time-window")
    page.page.keyboard.press("Escape")
    assert page.js("kgraph.app.state.selected") is not None
    page.js("document.activeElement.blur()")
    page.page.keyboard.press("Escape")
    assert page.js("kgraph.app.state.selected") is None
    assert page.js("document.getElementById('panel').hidden")


def test_a_view_with_nothing_to_draw_says_why_and_offers_the_way_back(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    notice = page.page.locator("#graph .empty-view")
    assert not notice.is_visible()
    page.page.check("#disputed-only")
    page.js("kgraph.setWindow('1800-01-01', '1800-12-31')")
    assert notice.is_visible()
    assert notice.locator(".why").inner_text() == (
        "Nothing to show in this view: the filters and the time window leave nothing."
    )
    notice.locator("text=All time").click()
    assert page.js("kgraph.app.state.window.start") is None
    if notice.is_visible():  # the window alone does not empty it: the disputed-only filter still may
        assert notice.locator(".why").inner_text() == "Nothing to show in this view: the filters leave nothing."
        notice.locator("text=Clear the filters").click()
    assert not notice.is_visible()
    assert not page.js("kgraph.app.state.disputedOnly")
    assert len(page.js("kgraph.visibleNodes()")) == 17


def test_the_typed_windows_error_goes_when_the_window_is_set_another_way(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    page.page.fill("#time-window", "2023-13")
    page.page.press("#time-window", "Enter")
    error = page.page.locator("#time-window-error")
    assert error.inner_text() != ""
    assert page.page.locator("#time-window").get_attribute("aria-invalid") == "true"
    page.page.click("#time-reset")
    assert error.inner_text() == ""
    assert page.page.locator("#time-window").get_attribute("aria-invalid") is None


def test_show_it_undoes_only_what_hides_the_match(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=full")
    page.page.uncheck("input[data-filter='kind'][value='group']")
    page.js("kgraph.setWindow('2023-01-01', '2023-12-31')")
    page.page.uncheck("input[data-filter='type'][value='capture']")
    assert page.js("kgraph.app.isShown('capture-of-shusha')") is False
    page.js("kgraph.app.reveal('capture-of-shusha')")  # what "Show it" calls
    assert page.js("kgraph.app.isShown('capture-of-shusha')") is True
    assert page.js("[...kgraph.app.state.off.kind]") == ["group"]  # unrelated: stays
    assert page.js("kgraph.app.state.window.start") is not None  # the window did not hide it: stays
    page.js("kgraph.app.reveal('azerbaijani-advance-on-shusha')")  # a 2020 event: the window goes
    assert page.js("kgraph.app.state.window.start") is None
    assert page.js("[...kgraph.app.state.off.kind]") == ["group"]


def test_on_a_phone_the_sheet_never_covers_the_selected_node(open_page, seed_file):
    page: Page = open_page(seed_file, PHONE)
    page.page.wait_for_timeout(200)
    opened_at, opened_scale = page.js("[kgraph.network.getViewPosition(), kgraph.network.getScale()]")
    # the node drawn lowest on the screen, where the sheet will come up
    lowest = page.js(
        """() => { const net = kgraph.network; const ids = kgraph.visibleNodes();
           const pos = net.getPositions(ids);
           return ids.sort((a, b) => net.canvasToDOM(pos[b]).y - net.canvasToDOM(pos[a]).y)[0]; }"""
    )
    page.js("id => kgraph.select(id)", lowest)
    page.page.wait_for_timeout(100)
    node_y = page.js("id => kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]).y", lowest)
    graph = page.page.locator("#graph").bounding_box()
    sheet = page.page.locator("#panel").bounding_box()
    assert graph["y"] + node_y < sheet["y"] - 20
    assert node_y > 0
    page.screenshot("explorer-phone-sheet.png")
    # an actor and the partners it lights are all above the sheet, labelled
    page.js("kgraph.select('gegham-stepanyan')")
    page.page.wait_for_timeout(100)
    lit = page.js("[...kgraph.app.views.get('actors').lit]")
    assert {"icrc", "international-community"} <= set(lit)
    sheet = page.page.locator("#panel").bounding_box()
    for node in lit:
        y = page.js("id => kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]).y", node)
        assert y > 0, node
        assert graph["y"] + y < sheet["y"] - 20, node
    page.screenshot("explorer-phone-sheet-actor.png")
    drawn = {label["text"] for label in page.js("kgraph.drawnLabels()")}
    assert {"Gegham Stepanyan", "International Committee of the Red Cross", "international community"} <= drawn
    # closing the sheet puts the view back where it was before the sheet moved it
    page.page.click("#close-panel")
    after = page.js("[kgraph.network.getViewPosition(), kgraph.network.getScale()]")
    assert after == [opened_at, opened_scale]


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_png_carries_a_caption_a_legend_and_the_credits(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=full")
    graph = page.js("document.getElementById('graph').clientWidth")  # before the panel opens beside it
    page.js("kgraph.setWindow('2023-01-01', '2023-12-31')")
    page.js("kgraph.select('gegham-stepanyan')")
    caption = page.js("kgraph.app.png.caption()")
    assert caption[0].endswith("· Actors and events")
    assert "Time window: could fall in 2023-01-01/2023-12-31" in caption
    assert "Selected: Gegham Stepanyan" in caption
    with page.page.expect_download() as download:
        page.page.click("#save-png")
    data = Path(download.value.path()).read_bytes()
    canvas = page.js(
        "(() => { const c = kgraph.app.views.get('full').box.querySelector('canvas'); return [c.width, c.height]; })()"
    )
    width, height = png_size(data)
    assert width == graph  # the graph's whole width, as without the panel
    # the caption's lines, the legend's rows and the credit line, 18 px each, under the drawing
    assert height >= canvas[1] + 18 * (len(caption) + 2)
    assert page.errors == []


def test_events_have_one_colour_per_type_in_the_graph_the_timeline_and_the_filters(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP, "#view=full")
    colours = page.js("kgraph.data.typeColors")
    event = page.js("kgraph.app.byId.get('stepanyan-appeal-to-icrc')")
    assert event["type"] == "appeal"
    assert page.js("kgraph.nodes.get('stepanyan-appeal-to-icrc').color.background") == colours["appeal"]
    swatch = page.js(
        "getComputedStyle(document.querySelector(\"input[data-filter='type'][value='appeal']\")"
        ".parentElement.querySelector('.swatch')).backgroundColor"
    )
    red, green, blue = (int(colours["appeal"][i : i + 2], 16) for i in (1, 3, 5))
    assert swatch == f"rgb({red}, {green}, {blue})"
    assert len(set(colours.values())) == len(colours)


def test_the_footer_says_what_is_drawn_and_what_is_hidden(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    stats = page.page.locator("#stats")
    assert stats.inner_text() == "Actors view: 17 of its 17 nodes drawn · nothing hidden"
    page.js("kgraph.setWindow('2020-10-01', '2020-11-30')")
    hidden = 56 - len(page.js("[...kgraph.app.visible.nodes]"))
    assert hidden > 0
    assert stats.inner_text().endswith(f"the filters and the time window hide {hidden} of 56")


def test_a_fragment_naming_filter_values_the_data_lacks_sets_no_filter(open_page, seed_file):
    page: Page = open_page(seed_file, PHONE, "#claimant=nobody&off=kind:bogus,type:protest")
    assert page.js("kgraph.app.state.claimant") == ""
    assert page.js("[...kgraph.app.state.off.kind]") == []
    assert page.js("[...kgraph.app.state.off.type]") == ["protest"]  # a value the data has is kept
    assert page.page.locator("#open-sidebar").inner_text() == "Filters (1)"


def test_on_a_phone_a_filter_change_keeps_the_readers_pan(open_page, seed_file):
    page: Page = open_page(seed_file, PHONE)
    page.page.wait_for_timeout(200)
    page.js("kgraph.select('gegham-stepanyan')")
    page.js("kgraph.network.moveTo({position: {x: 40, y: 40}, animation: false})")  # the reader pans
    page.page.locator("#open-sidebar").click()
    page.page.uncheck("input[data-filter='kind'][value='group']")
    at = page.js("kgraph.network.getViewPosition()")
    assert at["x"] == pytest.approx(40)
    assert at["y"] == pytest.approx(40)


def test_the_png_caption_names_a_selected_link(open_page, seed_file):
    page: Page = open_page(seed_file, LAPTOP)
    page.js("kgraph.app.selectEdge('gegham-stepanyan~icrc')")
    assert "Selected: Gegham Stepanyan — International Committee of the Red Cross" in page.js(
        "kgraph.app.png.caption()"
    )


def saved_png(page: Page) -> bytes:
    with page.page.expect_download() as download:
        page.page.click("#save-png")
    return Path(download.value.path()).read_bytes()


def inked(page: Page, data: bytes, height: int) -> dict:
    """How many pixels of each column and each row of an image's drawing (its first ``height`` rows, above the
    caption) are not white, read by the page from the PNG's bytes."""
    return dict(
        page.js(
            """async ([png, height]) => {
                const image = new Image();
                image.src = `data:image/png;base64,${png}`;
                await image.decode();
                const canvas = document.createElement('canvas');
                [canvas.width, canvas.height] = [image.width, image.height];
                const ctx = canvas.getContext('2d');
                ctx.drawImage(image, 0, 0);
                const pixels = ctx.getImageData(0, 0, image.width, height).data;
                const columns = new Array(image.width).fill(0), rows = new Array(height).fill(0);
                for (let y = 0; y < height; y++) for (let x = 0; x < image.width; x++) {
                    const i = 4 * (y * image.width + x);
                    if (Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) < 245) { columns[x]++; rows[y]++; }
                }
                return { width: image.width, columns, rows };
            }""",
            [base64.b64encode(data).decode(), height],
        )
    )


@pytest.mark.parametrize("viewport", [(1280, 800), PHONE])
def test_the_png_shows_the_graph_under_the_panel_as_without_it(open_page, seed_file, viewport):
    """On a laptop the panel narrows the graph, on a phone the sheet covers its bottom and moves the selection
    above it: the image shows the whole view as the reader sees it with the panel closed, the selection lit.
    Saved as test-output/explorer-png-panel-<width>.png, beside the one saved with the panel closed."""
    page: Page = open_page(seed_file, viewport)
    page.page.wait_for_timeout(200)
    height = page.js("kgraph.app.views.get('actors').box.querySelector('canvas').height")
    width = page.page.locator("#graph").bounding_box()["width"]
    closed = saved_png(page)
    page.js("kgraph.select('gegham-stepanyan')")
    page.page.wait_for_timeout(200)
    camera = page.js(CAMERA)
    assert page.page.locator("#panel").is_visible()
    # where the panel lies over the graph or beside it: columns from its left edge, or rows from its top
    graph = page.page.locator("#graph").bounding_box()
    panel = page.page.locator("#panel").bounding_box()
    opened = saved_png(page)
    (OUTPUT / f"explorer-png-panel-{viewport[0]}.png").write_bytes(opened)
    (OUTPUT / f"explorer-png-closed-{viewport[0]}.png").write_bytes(closed)
    before, after = inked(page, closed, height), inked(page, opened, height)
    assert after["width"] == before["width"] == width
    if viewport == PHONE:
        under = slice(round(panel["y"] - graph["y"]), height)
        lines = [sum(1 for n in ink[under] if n) for ink in (before["rows"], after["rows"])]
    else:
        under = slice(round(panel["x"] - graph["x"]), round(width))
        lines = [sum(1 for n in ink[under] if n) for ink in (before["columns"], after["columns"])]
    assert lines[0] > 40  # the graph reaches under the panel
    assert lines[1] >= 0.8 * lines[0]  # and the image shows it there
    # the same drawing, the selection lit: what is inked, row by row and column by column, is where it was
    for axis in ("columns", "rows"):
        inked_before = {i for i, n in enumerate(before[axis]) if n}
        inked_after = {i for i, n in enumerate(after[axis]) if n}
        assert len(inked_before & inked_after) >= 0.9 * len(inked_before | inked_after), axis
    # and the screen is as it was: the panel open, the view where it stood
    assert page.page.locator("#panel").is_visible()
    assert page.js(CAMERA) == pytest.approx(camera)
    assert page.errors == []
