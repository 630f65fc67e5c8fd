"""The explorer page as written: self-contained, data kept as data, built without touching the graph."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

import pytest

from kgraph.export.html import LAYOUT_THRESHOLD, PANEL_FIELDS, SCRIPTS, STYLES, explorer_data, layout, to_html
from kgraph.export.pack import unpack
from kgraph.export.style import EDGE_COLORS, EVENT_LINK, hex_color
from kgraph.graph.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import CONTROL, XML_HOSTILE, big_graph, hostile_graph


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', page, re.S)
    assert block
    return unpack(json.loads(block.group(1)))


class Elements(HTMLParser):
    """The start tags of a page and their (decoded) attributes, as a browser parses them."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def policy(page: str) -> dict[str, list[str]]:
    meta = next(a for t, a in Elements(page).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    return {d.split()[0]: d.split()[1:] for d in (meta["content"] or "").split(";") if d.strip()}


def test_nothing_is_fetched(kg):
    page = to_html(kg.graph)
    tags = Elements(page).tags
    # the data block, vis-network, and the page's own parts
    assert [t for t, a in tags if t == "script"] == ["script"] * (2 + len(SCRIPTS))
    assert not [a for t, a in tags if "src" in a or "href" in a]
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object", "embed")]
    rules = policy(page)
    for directive in ("default-src", "connect-src", "font-src", "frame-src"):
        assert rules[directive] == ["'none'"]


def test_only_the_pages_own_scripts_may_run(kg):
    page = to_html(kg.graph)
    scripts = policy(page)["script-src"]
    assert len(scripts) == 1 + len(SCRIPTS)
    assert len(policy(page)["style-src"]) == len(STYLES)
    assert all(p.startswith("'sha256-") for p in scripts)
    assert not [p for values in policy(page).values() for p in values if "unsafe" in p]


def test_data_cannot_close_its_script_block():
    page = to_html(hostile_graph())
    block = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    assert ">" not in block
    data = unpack(json.loads(block))
    a = next(n for n in data["nodes"] if n["id"] == "a")
    assert (a["details"]["text"], a["details"]["control"]) == (XML_HOSTILE, CONTROL)
    assert a["details"]["born"] == "1970-01-02"
    assert len(data["edges"]) == 5


def test_the_callers_graph_is_not_modified(kg):
    before = copy.deepcopy(kg.graph)
    to_html(kg.graph)
    assert list(kg.graph.nodes(data=True)) == list(before.nodes(data=True))
    assert list(kg.graph.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))
    assert kg.graph.graph == before.graph


def test_every_node_and_edge_is_in_the_data(kg):
    data = explorer_data(kg.graph)
    assert [n["id"] for n in data["nodes"]] == list(kg.graph)
    assert len(data["edges"]) == kg.graph.number_of_edges()
    assert len({e["id"] for e in data["edges"]}) == len(data["edges"])
    shusha = next(n for n in data["nodes"] if n["id"] == "shusha")
    assert shusha["names"] == ["Shusha", "Shushi", "Şuşa"]
    filters = {group["name"]: group for group in data["filters"]}
    assert list(filters) == ["kind", "type", "role", "relation"]
    assert filters["kind"]["values"] == ["group", "organization", "person", "place"]
    assert filters["role"]["values"][:2] == ["addressee", "affected"]
    assert (filters["role"]["items"], filters["role"]["kind"]) == ("edges", "participation")
    assert "capital_of" in filters["relation"]["values"]
    assert data["options"]["physics"]["enabled"] is True


def test_the_panel_knows_every_attribute_the_graph_puts_on_nodes_and_edges(kg, claims):
    """The page's field lists name exactly the attributes kgraph's graph may have (as the graph layer names them):
    a new one must be given its place. The seeds and the claims corpus use no other."""
    data = explorer_data(kg.graph)
    assert data["fields"] == {items: list(names) for items, names in PANEL_FIELDS.items()}
    assert set(data["fields"]["node"]) == set(NODE_ATTRIBUTES)
    assert set(data["fields"]["edge"]) == set(EDGE_ATTRIBUTES)
    for graph in (kg.graph, claims.graph):
        assert {k for _, d in graph.nodes(data=True) for k in d} <= set(NODE_ATTRIBUTES)
        assert {k for *_, d in graph.edges(data=True) for k in d} <= set(EDGE_ATTRIBUTES)
    assert {"figures", "history", "cameo"} <= {k for _, d in claims.graph.nodes(data=True) for k in d}
    kinds = {d["kind"] for _, d in kg.graph.nodes(data=True)} | {d["kind"] for *_, d in kg.graph.edges(data=True)}
    assert set(data["kinds"].values()) <= kinds
    assert {group["kind"] for group in data["filters"]} - {None} <= kinds


def test_large_graphs_get_positions_and_no_physics():
    graph = big_graph(LAYOUT_THRESHOLD + 1)
    data = explorer_data(graph)
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) > 0.95 * len(data["nodes"])  # nodes are spread out, not piled up


def test_layout_is_deterministic_and_covers_every_node():
    graph = big_graph(300)
    assert layout(graph) == layout(graph)
    assert set(layout(graph)) == set(graph)


def test_show_in_a_notebook(kg):
    pytest.importorskip("IPython")
    shown = kg.show(height=500)
    html = shown.data
    assert html.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts"' in html
    assert "height:500px" in html


def test_to_html_writes_the_page(kg, tmp_path):
    kg.to_html(tmp_path / "page.html", title="Seeds")
    text = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert "<title>Seeds</title>" in text


def test_the_page_says_how_claims_stand(claims):
    """What the panel and the timeline show of claims is worked out in Python and travels with each node and edge."""
    data = explorer_data(claims.graph)
    nodes = {n["id"]: n for n in data["nodes"]}
    edges = {e["id"]: e for e in data["edges"]}
    denial = edges["army--located-in--region"]
    assert denial["stance"] == "denied"
    assert denial["details"]["evidence"][0]["via"] == ["foreign-ministry", "defence-ministry"]
    assert "stance" not in edges["spokesman-confirms--confirms--fall-of-town"]
    assert [(f["measure"], f["amount"]) for f in nodes["soldiers-killed"]["figures"]] == [
        ("killed", "2"),
        ("killed", "between 2 and 5"),
    ]
    assert nodes["soldiers-killed"]["figures"][1]["evidence"][0]["stance"] == "disputes"
    assert [(s["status"], s["source"], s["t"][0]) for s in nodes["fall-of-town"]["states"]] == [
        ("predicted", "doc-a", "2020-10-29"),
        ("occurred", "doc-b", "2020-11-08"),
    ]
    assert "states" not in nodes["soldiers-killed"]
    assert set(data["summaries"]) == {"denied", "disputed", "contested"}


def test_links_between_events_are_drawn_in_their_own_colour_and_in_the_legend(claims):
    data = explorer_data(claims.graph)
    edges = {e["id"]: e for e in data["edges"]}
    link = edges["spokesman-confirms--confirms--fall-of-town"]
    assert (link["link"], link["label"], link["kind"]) == (True, "confirms", "relation")
    assert link["color"] == hex_color(EDGE_COLORS[EVENT_LINK])
    assert "link" not in edges["army--located-in--region"]  # a relation between entities
    assert [k["name"] for k in data["legend"]["edges"]] == ["participation", "relation", "location", "event link"]
    relations = next(group for group in data["filters"] if group["name"] == "relation")
    assert relations["values"] == ["confirms", "located_in"]  # the relation filter hides event links by type too


def test_a_title_that_spells_a_pieces_mark_is_only_text(seeds):
    import io

    from kgraph.export.html import _PIECE, write_html

    graph = KnowledgeGraph(seeds).graph
    title = f"{_PIECE.format(0)} {_PIECE.format(1)}</title><script>"
    page = to_html(graph, title=title)
    assert page.count("<title>") == 1
    shown = title.replace("<", "&lt;").replace(">", "&gt;")  # as the page has it: marks escaped, none placed
    assert page.replace(shown, "") == to_html(graph, title="")
    handle = io.BytesIO()
    write_html(graph, handle, title=title)
    assert handle.getvalue() == page.encode("utf-8")
