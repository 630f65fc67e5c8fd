"""The explorer's panel in a real browser: an actor's partners listed compactly (quotes folded under a count
that names any denial, the partner not named twice), a link's quotes shown in full."""

from __future__ import annotations

import pytest

from kgraph.export.html import to_html
from kgraph.graph.knowledge import KnowledgeGraph

from .browser import Page


def test_an_actors_partners_fold_their_quotes_and_name_the_partner_once(open_page, seed_file):
    page: Page = open_page(seed_file, (1440, 900))
    page.js("kgraph.select('gegham-stepanyan')")
    sections = page.js(
        "[...document.querySelectorAll('#panel section.partner')].map(s => s.innerText.replace(/\\s+/g, ' '))"
    )
    office = next(s for s in sections if s.startswith("Human Rights Defender of Artsakh"))
    assert office.count("Human Rights Defender of Artsakh") == 1
    assert "→ holds office" in office
    folded = page.page.locator("#panel section.partner details.quotes")
    assert folded.count() >= 2
    assert folded.first.locator("summary").inner_text() == "1 quote"
    assert not folded.first.locator("blockquote").is_visible()
    folded.first.locator("summary").click()
    assert folded.first.locator("blockquote").is_visible()


def test_a_links_panel_shows_its_quotes_in_full(open_page, seed_file):
    page: Page = open_page(seed_file, (1440, 900))
    page.js("kgraph.app.selectEdge('gegham-stepanyan~icrc')")
    assert page.page.locator("#panel details").count() == 0
    assert page.page.locator("#panel blockquote").first.is_visible()


def test_a_quotes_source_opens_the_sources_panel_with_everything_it_says(open_page, seed_file, seeds):
    page: Page = open_page(seed_file, (1440, 900), "#view=full")
    page.page.wait_for_function("() => !kgraph.network.physics.physicsEnabled", timeout=30_000)
    page.js("kgraph.app.selectEdge('gegham-stepanyan~icrc')")
    page.page.locator("#panel cite button", has_text="2023-07-blockade").first.click()
    assert page.js("kgraph.app.state.selected") == {"type": "source", "id": "2023-07-blockade"}
    assert "select=source%3A2023-07-blockade" in page.js("location.hash")
    panel = page.page.locator("#panel").inner_text()
    assert "Title supplied by the annotator" in panel
    fields = page.js(
        "[...document.querySelectorAll('#panel dt')].map(dt => [dt.textContent, dt.nextElementSibling.textContent])"
    )
    assert ["dated by", "general knowledge"] in fields  # how its date was worked out
    graph = KnowledgeGraph(seeds).graph
    reported = {
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") == "event" and any(e.get("source") == "2023-07-blockade" for e in d.get("evidence") or [])
    }
    assert f"EVENTS IT REPORTS ({len(reported)})" in panel
    lit = {n for n in reported if page.js("id => kgraph.nodes.get(id).color.background", n) != "#e6e6e6"}
    assert lit == reported  # what it says is lit in the graph
    assert page.js("kgraph.nodes.get('capture-of-shusha').color.background") == "#e6e6e6"  # the 2020 article's
    page.page.go_back()
    assert page.js("kgraph.app.state.selected.type") == "link"
    assert page.errors == []


def test_a_fragment_reopens_a_sources_panel(open_page, seed_file):
    page: Page = open_page(seed_file, (1440, 900), "#select=source:2020-10-shusha-appeal")
    assert page.js("kgraph.app.state.selected") == {"type": "source", "id": "2020-10-shusha-appeal"}
    assert "Armenian leader of Karabakh asks for help" in page.page.locator("#panel h2.title").inner_text()


def panel_fields(page: Page) -> dict[str, str]:
    """The panel's first list of fields, name to value."""
    return dict(
        page.js(
            "[...document.querySelectorAll('#panel dl:first-of-type > dt')]"
            ".map(dt => [dt.textContent, dt.nextElementSibling.textContent])"
        )
    )


@pytest.mark.parametrize("viewport", [(1280, 800), (390, 844)])
def test_an_event_of_one_day_is_on_that_day_not_between_it_and_itself(open_page, seed_file, viewport, tmp_path):
    """A day is said once: by its date alone when that is the day (2020-10-29), else on a line of its own (a day
    about which the date is uncertain, 2020-10-?29). Screenshots: test-output/explorer-panel-one-day-<width>.png."""
    page: Page = open_page(seed_file, viewport)
    page.js("kgraph.select('harutyunyan-video-appeal')")
    page.screenshot(f"explorer-panel-one-day-{viewport[0]}.png")
    fields = panel_fields(page)
    assert fields["date"] == "2020-10-29 (day)"
    assert "on" not in fields
    assert "between" not in fields
    assert "possibly" not in fields
    assert "2020-10-29 and 2020-10-29" not in page.page.locator("#panel").inner_text()
    # a span of days is still said as one, and so is what it may be
    page.js("kgraph.select('azerbaijani-gains-in-southern-karabakh')")
    fields = panel_fields(page)
    assert fields["between"] == "2020-09-01 and 2020-10-29"
    assert fields["possibly"] == "2020-08-01 to 2020-10-29"
    assert "on" not in fields
    page.js("kgraph.select('capture-of-shusha')")  # one day or later: open at its end
    assert panel_fields(page)["between"] == "2020-10-29 and open"
    assert page.errors == []
    graph = KnowledgeGraph.load("seeds").graph
    graph.nodes["harutyunyan-video-appeal"].update(
        date="2020-10-?29", earliest_possible="2020-10-28", latest_possible="2020-10-30"
    )
    path = tmp_path / "uncertain-day.html"
    path.write_text(to_html(graph), encoding="utf-8")
    page = open_page(path, viewport)
    page.js("kgraph.select('harutyunyan-video-appeal')")
    fields = panel_fields(page)
    assert (fields["on"], fields["possibly"]) == ("2020-10-29", "2020-10-28 to 2020-10-30")
    assert "between" not in fields
