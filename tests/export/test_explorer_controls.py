"""The explorer's controls in a real browser: the filters' drawer on a phone, Escape, a view with nothing to
draw, the typed window's error, "Show it" undoing only what hides a match, the sheet that keeps the selection
in sight, the PNG's caption and legend, and event colours that agree between the graph and the timeline."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from .browser import Page

LAPTOP, PHONE = (1440, 900), (390, 844)


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
    assert width == canvas[0]
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
