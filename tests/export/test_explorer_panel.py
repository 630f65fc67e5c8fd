"""The explorer's panel in a real browser: an actor's partners listed compactly (quotes folded under a count
that names any denial, the partner not named twice), a link's quotes shown in full."""

from __future__ import annotations

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
