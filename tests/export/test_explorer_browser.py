"""The HTML explorer in a real browser: headless Chromium (Debian's) driven by Playwright.

Every test opens its own page (the browser is shared by the module), from file://, with every other
request blocked and recorded. A screenshot of the seed explorer is saved under test-output/.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.export.html import PANEL_FIELDS, SCRIPTS, to_html
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, big_graph
from .browser import PAYLOADS

OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: .ci/run installs Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Page:
    """A page opened from disk, with its console errors, dialogs and blocked requests recorded."""

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int] = (1500, 950), fragment: str = ""):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", self._route)
        started = time.perf_counter()
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=60_000)
        self.seconds = time.perf_counter() - started

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.page.close()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def click_node(self, node: str) -> None:
        point = self.js("id => kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id])", node)
        box = self.page.locator("#graph").bounding_box()
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def hidden(self, node: str) -> bool:
        return bool(self.js("id => !!kgraph.nodes.get(id).hidden", node))

    def set_range(self, selector: str, iso: str) -> None:
        """Move a slider as a drag does, and wait for the frame in which the page follows it."""
        self.page.locator(selector).evaluate(
            "(el, iso) => { el.value = Math.floor(Date.parse(iso + 'T00:00:00Z') / 86400000);"
            " el.dispatchEvent(new Event('input'));"
            " return new Promise((done) => requestAnimationFrame(() => done())); }",
            iso,
        )


@pytest.fixture
def open_page(browser) -> Iterator[Any]:
    """Opens pages for one test and closes them after it, so that no test sees another's clicks and filters."""
    pages: list[Page] = []

    def opened(path: Path, viewport: tuple[int, int] = (1500, 950), fragment: str = "") -> Page:
        pages.append(Page(browser, path, viewport, fragment))
        return pages[-1]

    yield opened
    for page in pages:
        page.close()


@pytest.fixture
def seed_page(open_page, seed_file) -> Page:
    """A fresh page of the seed explorer for each test, in the view of actors and events (the whole graph)."""
    page: Page = open_page(seed_file, fragment="#view=full")
    return page


def test_each_test_gets_a_fresh_page(seed_page):
    """Part one of two: this test leaves a filter unticked and a node selected; the next one must not see them."""
    seed_page.page.uncheck('input[data-filter="kind"][value="place"]')
    seed_page.js("kgraph.select('icrc', false)")
    assert seed_page.hidden("shusha")


def test_each_test_gets_a_fresh_page_too(seed_page):
    """Part two: a new page, with every filter ticked and nothing selected."""
    assert not seed_page.hidden("shusha")
    assert seed_page.js("kgraph.network.getSelectedNodes()") == []
    assert seed_page.page.locator('input[data-filter="kind"][value="place"]').is_checked()


def test_the_seed_explorer_draws_every_node_and_edge_offline(seed_page, seeds):
    graph = KnowledgeGraph(seeds).graph
    assert seed_page.js("kgraph.network.body.nodeIndices.length") == graph.number_of_nodes()
    assert seed_page.js("kgraph.network.body.edgeIndices.length") == graph.number_of_edges()
    assert seed_page.requests == []
    assert seed_page.errors == []
    OUTPUT.mkdir(exist_ok=True)
    seed_page.page.screenshot(path=str(OUTPUT / "explorer-seeds.png"))
    assert (OUTPUT / "explorer-seeds.png").stat().st_size > 10_000


def test_searching_shushi_selects_shusha(seed_page):
    seed_page.page.fill("#search", "Shushi")
    seed_page.page.press("#search", "Enter")
    assert seed_page.js("kgraph.network.getSelectedNodes()") == ["shusha"]
    assert seed_page.page.locator("#panel h2.title").inner_text() == "Shusha"
    seed_page.page.fill("#search", "khankendi")
    seed_page.page.press("#search", "Enter")
    assert seed_page.js("kgraph.network.getSelectedNodes()") == ["stepanakert"]


def test_clicking_the_icrc_shows_the_appeal_quote_and_its_claimant(seed_page):
    seed_page.click_node("icrc")
    assert seed_page.js("kgraph.network.getSelectedNodes()") == ["icrc"]
    panel = seed_page.page.locator("#panel").inner_text()
    assert "International Committee of the Red Cross" in panel
    assert "sound the alarm of danger and genocide." in panel
    assert "claimed by Gegham Stepanyan" in panel
    assert "reported by the source" in panel
    # the neighbourhood stands out: a node not linked to the ICRC is dimmed, a linked event is not
    assert seed_page.js("kgraph.nodes.get('armenpress').color.background") == "#e6e6e6"
    assert seed_page.js("kgraph.nodes.get('stepanyan-appeal-to-icrc').color.background") != "#e6e6e6"


def test_a_2023_window_hides_the_2020_events(seed_page):
    seed_page.set_range("#time-from", "2023-01-01")
    seed_page.set_range("#time-to", "2023-12-31")
    assert seed_page.page.locator("#time-from-label").inner_text() == "2023-01-01"
    for event in (
        "harutyunyan-video-appeal",
        "azerbaijani-advance-on-shusha",
        "war-over-karabakh-1990s",
        "azerbaijani-gains-in-southern-karabakh",
        "damage-to-shusha-cathedral",
    ):
        assert seed_page.hidden(event), event
    assert not seed_page.hidden("stepanakert-rally")
    # The 2020 war was still going on when reported, with no end given: it could reach into 2023 ...
    assert not seed_page.hidden("war-over-karabakh-2020")
    # ... but it does not certainly fall in 2023, nor does the blockade that began in December 2022.
    seed_page.page.select_option("#time-mode", "within")
    assert seed_page.hidden("war-over-karabakh-2020")
    assert seed_page.hidden("blockade-of-artsakh")
    assert not seed_page.hidden("stepanakert-rally")
    seed_page.page.select_option("#time-mode", "overlapping")
    seed_page.page.click("#time-reset")
    assert not seed_page.hidden("harutyunyan-video-appeal")


def test_picking_an_event_in_the_timeline_selects_it_in_the_graph(seed_page):
    seed_page.page.locator('#timeline g.event[data-id="stepanakert-rally"]').first.click()
    assert seed_page.js("kgraph.network.getSelectedNodes()") == ["stepanakert-rally"]
    assert "Rally in Renaissance Square" in seed_page.page.locator("#panel").inner_text()
    seed_page.click_node("icrc")  # and the reverse: selecting in the graph marks the timeline
    seed_page.js("kgraph.select('stepanyan-appeal-to-icrc', false)")
    marked = seed_page.page.locator("#timeline g.event.selected").first.get_attribute("data-id")
    assert marked == "stepanyan-appeal-to-icrc"


def test_filters_hide_by_kind_type_role_and_relation(seed_page):
    seed_page.page.uncheck('input[data-filter="type"][value="protest"]')
    assert seed_page.hidden("stepanakert-rally")
    seed_page.page.check('input[data-filter="type"][value="protest"]')
    assert not seed_page.hidden("stepanakert-rally")
    seed_page.page.uncheck('input[data-filter="kind"][value="place"]')
    assert seed_page.hidden("shusha")
    seed_page.page.check('input[data-filter="kind"][value="place"]')
    seed_page.page.uncheck('input[data-filter="role"][value="addressee"]')
    assert seed_page.js("!!kgraph.edges.get('icrc--addressee--stepanyan-appeal-to-icrc').hidden")
    seed_page.page.check('input[data-filter="role"][value="addressee"]')
    seed_page.page.uncheck('input[data-filter="relation"][value="capital_of"]')
    assert seed_page.js("!!kgraph.edges.get('stepanakert--capital-of--artsakh-republic').hidden")
    seed_page.page.check('input[data-filter="relation"][value="capital_of"]')
    assert seed_page.errors == []


#: The panel's labels that are also attribute names: what it shows under any other label must not be listed raw.
SAME_NAME = {"date", "status", "place", "description", "notes", "sources", "note"}


def panel_terms(page: Page) -> list[str]:
    return list(page.js("Array.from(document.querySelectorAll('#panel dt'), dt => dt.textContent)"))


def test_the_panel_shows_each_attribute_once_and_lists_the_others_by_name(open_page, seeds, tmp_path):
    graph = KnowledgeGraph(seeds).graph.copy()
    graph.nodes["shusha"]["motto"] = "a town on a rock"
    graph.edges["stepanakert", "artsakh-republic", "stepanakert--capital-of--artsakh-republic"]["since"] = "1923"
    path = tmp_path / "extra.html"
    path.write_text(to_html(graph), encoding="utf-8")
    page = open_page(path, fragment="#view=full")
    for node in graph:
        page.js("id => kgraph.select(id, false)", node)
        terms = panel_terms(page)
        assert len(terms) == len(set(terms)), (node, terms)
        assert not set(terms) & (set(PANEL_FIELDS["node"]) - SAME_NAME), (node, terms)
    page.js("kgraph.select('shusha', false)")
    assert "motto" in panel_terms(page)
    assert "coordinates" in panel_terms(page)
    for edge in page.js("kgraph.data.edges.map(e => e.id)"):
        page.js("id => kgraph.network.emit('click', {nodes: [], edges: [id]})", edge)
        terms = panel_terms(page)
        assert len(terms) == len(set(terms)), (edge, terms)
        assert not set(terms) & (set(PANEL_FIELDS["edge"]) - SAME_NAME), (edge, terms)
    page.js("kgraph.network.emit('click', {nodes: [], edges: ['stepanakert--capital-of--artsakh-republic']})")
    assert panel_terms(page)[:2] == ["from", "to"]
    assert "since" in panel_terms(page)
    assert page.errors == []


def payload_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(sources={"s": {"title": PAYLOADS[1], "id": "s"}})
    for i, text in enumerate(PAYLOADS):
        kind = ["person", "organization", "event", "place"][i % 4]
        graph.add_node(
            text,
            kind=kind,
            type=text,
            label=text,
            description=text,
            aliases=[{"name": text, "lang": text}],
            notes=text,
            date=text,
            earliest="2023-07-12",
            latest="2023-07-13",
            evidence=[{"quote": text, "source": "s", "claimed_by": PAYLOADS[0]}],
            participants=[{"actor": text, "role": text}],
        )
    for a, b in itertools.pairwise(PAYLOADS):
        graph.add_edge(
            a, b, key=b, kind="relation", type=a, label=b, description=a, evidence=[{"quote": b, "source": "s"}]
        )
    return graph


def test_markup_in_annotations_stays_text(open_page, tmp_path):
    path = tmp_path / "payloads.html"
    path.write_text(to_html(payload_graph(), title=PAYLOADS[2]), encoding="utf-8")
    page = open_page(path, fragment="#view=full")
    assert page.js("kgraph.network.body.nodeIndices.length") == len(PAYLOADS)
    assert page.page.title() == PAYLOADS[2]
    for node in PAYLOADS:
        page.js("id => kgraph.select(id, true)", node)
        panel = page.page.locator("#panel").inner_text()
        assert node in panel
        page.page.mouse.move(700, 400)
    page.page.fill("#search", "javascript")
    page.page.press("#search", "Enter")
    page.page.locator("#timeline g.event").first.click()
    page.page.wait_for_timeout(200)
    assert page.js("window.__xss === undefined")
    assert page.dialogs == []
    assert page.js("document.querySelectorAll('#panel img, #panel script, #panel svg, #panel a').length") == 0
    assert page.js("document.querySelectorAll('script').length") == 2 + len(SCRIPTS)
    assert page.requests == []
    assert page.errors == []


def test_a_5000_node_graph_draws(open_page, tmp_path):
    """The time to interactive is measured and printed by benchmarks/explorer.py; here it only has to draw."""
    graph = big_graph()
    path = tmp_path / "big.html"
    path.write_text(to_html(graph), encoding="utf-8")
    page = open_page(path, fragment="#view=full")
    assert page.js("kgraph.network.body.nodeIndices.length") == 5000
    assert page.js("kgraph.network.body.edgeIndices.length") == graph.number_of_edges()
    assert page.js("kgraph.data.options.physics.enabled") is False
    assert page.errors == []
    print(f"\n5,000-node explorer ready {page.seconds:.2f} s after opening")


@pytest.fixture(scope="module")
def claims_file(claims, tmp_path_factory) -> Path:
    path: Path = tmp_path_factory.mktemp("claims") / "graph.html"
    claims.to_html(path)
    return path


def quote_style(page: Page, text: str) -> dict[str, str]:
    """The border colour, background and stance word of the panel's quote that contains ``text``."""
    return dict(
        page.js(
            """text => {
                const quote = [...document.querySelectorAll('#panel blockquote')].find(q => q.textContent.includes(text));
                const style = getComputedStyle(quote), word = quote.querySelector('.stance-word');
                return {border: style.borderLeftColor, background: style.backgroundColor,
                        word: word ? word.textContent : ''};
            }""",
            text,
        )
    )


def test_a_denial_stands_out_from_support_by_colour_and_word(open_page, claims_file):
    page = open_page(claims_file, fragment="#view=full")
    page.js("kgraph.select('fall-of-town', false)")
    denial = quote_style(page, "The republic denied that the town had fallen.")
    support = quote_style(page, "The town fell on Sunday")
    assert denial["word"] == "✗ denies"
    assert support["word"] == ""
    assert (denial["border"], denial["background"]) != (support["border"], support["background"])
    assert denial["border"] != support["border"]
    panel = page.page.locator("#panel").inner_text()
    assert "CONTESTED" in panel  # the event's evidence as a whole: some quotes support it, one denies it
    page.click_node("army")
    relayed = page.page.locator("#panel").inner_text()
    assert "claimed by The republic, via The foreign ministry, quoting The defence ministry" in relayed
    assert "located in → The region DENIED" in relayed
    assert page.js("kgraph.edges.get('army--located-in--region').title").startswith("located in (denied): ")
    page.js("kgraph.select('army', false)")
    page.page.wait_for_timeout(100)
    drawn = {label["text"] for label in page.js("kgraph.drawnLabels()")}
    assert "located in (denied)" in drawn
    assert page.js("kgraph.edges.get('army--located-in--region').dashes") == [6, 4]
    assert page.errors == []


def test_figures_show_with_their_claimants_and_qualifiers(open_page, claims_file):
    page = open_page(claims_file, fragment="#view=full")
    page.js("kgraph.select('soldiers-killed', false)")
    figures = page.js(
        "[...document.querySelectorAll('#panel .figures > *')].map(e => e.innerText.replace(/\\s+/g, ' ').trim())"
    )
    assert figures == [
        "killed 2",
        "two soldiers were killed claimed by The ministry · doc-a",
        "killed between 2 and 5",
        "? DISPUTES Between 2 and 5 soldiers were killed, the rebels claimed. claimed by The rebels · doc-b",
    ]
    # each quote's source by its id, with its title in the tooltip
    cites = page.js("[...document.querySelectorAll('#panel .figures cite')].map(c => [c.textContent, c.title])")
    assert cites == [["doc-a", "The army nears the town"], ["doc-b", "The town fell"]]
    page.js("kgraph.select('fall-of-town', false)")
    assert "distance at most 2 km" in page.page.locator("#panel .figures").inner_text().replace("\n", " ")
    page.js("kgraph.select('town', false)")
    assert "population about 20,000" in page.page.locator("#panel .figures").inner_text().replace("\n", " ")
    assert "Shushi (The town fell)" in page.page.locator("#panel").inner_text()
    assert page.errors == []


def test_an_events_history_keeps_the_earlier_state_with_its_source(open_page, claims_file):
    page = open_page(claims_file, fragment="#view=full")
    page.js("kgraph.select('fall-of-town', false)")
    states = page.js("[...document.querySelectorAll('#panel ol.history li')].map(li => [li.className, li.innerText])")
    assert states == [
        ["earlier", "predicted [2020-10-29..] — The army nears the town"],
        ["latest", "occurred 2020-11-08 — The town fell (latest)"],
    ]
    assert "The rebels — affected (added by The town fell)" in page.page.locator("#panel").inner_text()
    # the timeline shows the change: the earlier state as a hollow mark where its own date puts it, joined to the
    # current one, and the item's tooltip lists every state with its source
    item = page.page.locator('#timeline g.event[data-id="fall-of-town"]')
    assert item.locator(".state").count() == 1
    assert item.locator("line.change").count() == 1
    mark = item.locator(".state").first.bounding_box()
    now = item.locator("circle:not(.state)").first.bounding_box()
    assert mark["x"] < now["x"]  # 29 October, before 8 November
    assert page.js("document.querySelector('#timeline g.event[data-id=\"fall-of-town\"] > title').textContent") == (
        "The town falls (2020-11-08)\npredicted [2020-10-29..] — The army nears the town\n"
        "occurred 2020-11-08 — The town fell"
    )
    assert page.js("document.getElementById('timeline-key').hidden") is False
    assert page.js("document.querySelector('#timeline g.event[data-id=\"soldiers-killed\"] .state')") is None
    assert page.errors == []


def test_links_between_events_are_drawn_labelled_and_listed(open_page, claims_file):
    page = open_page(claims_file, fragment="#view=full")
    edge = page.js("kgraph.edges.get('spokesman-confirms--confirms--fall-of-town')")
    assert (edge["title"].split(":")[0], edge["width"], edge["color"]["color"]) == ("confirms", 2.5, "#0072b2")
    assert page.js("kgraph.network.body.edges['spokesman-confirms--confirms--fall-of-town'].options.hidden") is False
    page.js("kgraph.select('fall-of-town', false)")
    panel = page.page.locator("#panel").inner_text()
    assert "LINKS TO EVENTS" in panel
    assert "confirms ← A spokesman confirms the fall" in panel
    assert "event link" in page.page.locator("#legend").inner_text()
    assert page.errors == []


@pytest.mark.parametrize("viewport", [(1440, 900), (390, 844)])
def test_screenshots_of_the_panel_with_a_denial_figures_and_a_history(open_page, claims_file, viewport):
    """Saved as test-output/explorer-claims-<width>.png: the event with its earlier state, a figure and a denial."""
    page = open_page(claims_file, viewport)
    page.js("kgraph.select('fall-of-town', false)")
    page.js("document.querySelector('#panel ol.history').previousElementSibling.scrollIntoView()")
    for text in ("predicted", "at most 2 km", "✗ denies"):  # all three in sight
        box = page.page.get_by_text(text, exact=True).bounding_box()
        assert box["y"] >= 0, text
        assert box["y"] + box["height"] <= viewport[1], text
    panel = page.page.locator("#panel").bounding_box()
    assert panel["width"] <= viewport[0]  # the panel fits the screen, on a phone too
    assert panel["x"] >= 0
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"explorer-claims-{viewport[0]}.png"
    page.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    assert page.errors == []
