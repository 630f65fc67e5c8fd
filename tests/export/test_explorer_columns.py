"""A large graph's page reads its data from columns, and its details from blocks parsed when needed
(kgraph/export/explorer_columns.py, the page's parts "columns" and "meetingsLarge"): every node, edge and actor
link reads in the page as a small graph's page reads it, and nothing of the details is parsed before a selection
needs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kgraph.export.explorer_data import DETAIL_THRESHOLD, explorer_data
from kgraph.export.explorer_details import CHUNK
from kgraph.export.html import to_html
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import ROOT, big_graph
from .browser import Page

#: The fields of a record the page reads (a small graph's records have them as keys).
NODE_FIELDS = ["id", "label", "short", "when", "degree", "kind", "type", "color", "border", "shape", "size", "t"]
NODE_FIELDS += ["uncertain", "names", "details", "notYet", "stance", "figures", "states", "x", "y"]
EDGE_FIELDS = ["id", "from", "to", "kind", "type", "label", "color", "t", "details", "link", "stance", "figures"]
EDGE_FIELDS += ["states"]
READ = """([nodes, edges, fields]) => JSON.stringify({
  nodes: nodes.map((id) => Object.fromEntries(fields[0].map((f) => [f, kgraph.app.byId.get(id)[f]]))),
  edges: edges.map((id) => Object.fromEntries(fields[1].map((f) => [f, kgraph.app.edgeById.get(id)[f]]))),
})"""


@pytest.fixture(scope="module")
def mixed(seeds: Any, claims: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> tuple[nx.Graph, Path]:
    """The seeds and the claims (aliases, quotes, stances, figures, histories), with enough synthetic nodes
    around them to be drawn at a level of detail, and its page."""
    graph = nx.compose_all([KnowledgeGraph(seeds).graph, claims.graph, big_graph(DETAIL_THRESHOLD)])
    graph.graph.update(KnowledgeGraph(seeds).graph.graph)
    graph.graph["sources"] = {**KnowledgeGraph(seeds).graph.graph["sources"], **claims.graph.graph["sources"]}
    assert graph.number_of_nodes() > DETAIL_THRESHOLD
    path = tmp_path_factory.mktemp("columns") / "graph.html"
    path.write_text(to_html(graph), encoding="utf-8")
    return graph, path


def test_a_large_pages_records_read_as_a_small_pages(open_page: Callable[..., Page], mixed, seeds, claims) -> None:
    graph, path = mixed
    data = json.loads(json.dumps(explorer_data(graph)))
    small = set(KnowledgeGraph(seeds).graph) | set(claims.graph)
    nodes = [n for n in data["nodes"] if n["id"] in small or n.get("x") is not None][:900]
    edges = [e for e in data["edges"] if e["from"] in small or e["to"] in small][:1500]
    page: Page = open_page(path)
    assert page.js("kgraph.data.columns.parsed()") == 0  # no details read to open the page
    read = json.loads(page.js(READ, [[n["id"] for n in nodes], [e["id"] for e in edges], [NODE_FIELDS, EDGE_FIELDS]]))
    for expected, found in zip(nodes, read["nodes"], strict=True):
        assert {k: v for k, v in found.items() if v is not None} == expected, expected["id"]
    for expected, found in zip(edges, read["edges"], strict=True):
        assert {k: v for k, v in found.items() if v is not None} == expected, expected["id"]
    assert page.js("kgraph.data.columns.parsed()") > 0
    assert page.js("kgraph.data.edges.length") == len(data["edges"])
    assert page.errors == []


def test_an_actors_links_are_the_ones_a_small_page_lists(open_page: Callable[..., Page], mixed, seeds) -> None:
    graph, path = mixed
    data = explorer_data(graph)
    page: Page = open_page(path)
    actors = [n["id"] for n in data["nodes"] if n["kind"] in data["actorKinds"]]
    for actor in [*actors[:40], *[a for a in actors if a in KnowledgeGraph(seeds).graph]]:
        expected = [k for k in data["links"] if actor in (k["from"], k["to"])]
        assert page.js("id => kgraph.app.linksOf(id)", actor) == expected, actor
        for link in expected[:3]:
            assert page.js("id => kgraph.app.linkById.get(id)", link["id"]) == link
    assert page.js("kgraph.app.linkById.has('no~such')") is False
    assert page.errors == []


def test_the_claimants_are_every_one_a_quote_names(open_page: Callable[..., Page], mixed) -> None:
    graph, path = mixed
    data = explorer_data(graph)
    quotes = [q for item in data["nodes"] + data["edges"] for q in item["details"].get("evidence", [])]
    quotes += [q for item in data["nodes"] + data["edges"] for f in item.get("figures", []) for q in f["evidence"]]
    named = {str(w) for q in quotes for key in ("claimed_by", "via") for w in _list(q.get(key)) if w not in (None, "")}
    assert named
    page: Page = open_page(path)
    assert set(page.js("[...document.querySelectorAll('#claimant option')].map((o) => o.value)")) - {""} == named
    assert page.js("kgraph.data.columns.parsed()") == 0  # listed without reading a quote
    assert page.errors == []


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_search_finds_an_alias_of_a_node_not_drawn(open_page: Callable[..., Page], mixed) -> None:
    graph, path = mixed
    data = explorer_data(graph)
    initial = set(data["detail"]["initial"])
    node = next(n for n in data["nodes"] if len(n["names"]) > 1 and n["id"] not in initial)
    page: Page = open_page(path)
    box = page.page.locator("#search")
    box.click()
    box.press_sequentially(node["names"][1])
    option = page.page.locator("#search-list [role=option]", has_text=node["label"]).first
    assert node["names"][1] in option.inner_text()  # found by its alias, named with it
    option.click()
    assert page.js("kgraph.app.state.selected") == {"type": "node", "id": node["id"]}
    assert page.errors == []


#: Renders a large page (the seeds among enough synthetic nodes) in a fresh process, which has no other thread
#: (as a command's has; a test process that drove a browser may not, and would do the work itself), noting in the
#: file it is given which process made which blocks of details.
_RENDER = """
import os, sys
import networkx as nx
from kgraph.export import explorer_columns, explorer_details
from kgraph.export.explorer_data import DETAIL_THRESHOLD
from kgraph.export.html import to_html
from kgraph.graph.knowledge import KnowledgeGraph
from tests.helpers import big_graph

from kgraph.export.claims import stance_summary

seeds, claims = KnowledgeGraph.load("seeds").graph, KnowledgeGraph.load("tests/fixtures/claims").graph
big = big_graph(3 * DETAIL_THRESHOLD)
graph = nx.compose_all([seeds, claims, big])
graph.graph.update(seeds.graph)
graph.graph["sources"] = {**seeds.graph["sources"], **claims.graph["sources"]}
disputed = next(d for *_, d in claims.edges(keys=True, data=True) if d.get("evidence") and stance_summary(d["evidence"]))
late = list(big)[-40:]
for a, b in zip(late[::2], late[1::2]):  # disputed edges among the last ones too
    graph.add_edge(a, b, key="disputed", **disputed)
blocks = explorer_details._blocks

def noted(prefix, items):
    with open(sys.argv[1], "a", encoding="utf-8") as note:
        note.write(f"{prefix} {len(items)} {os.getpid()}\\n")
    return blocks(prefix, items)

explorer_columns._blocks = explorer_details._blocks = noted
sys.stdout.buffer.write(to_html(graph).encode("utf-8"))
sys.stderr.write(str(os.getpid()))
"""


def test_the_edges_details_are_made_on_the_other_core_and_read_the_same(tmp_path: Path) -> None:
    pages, makers = [], []
    for parallel in ("on", "off"):
        made = tmp_path / f"made-{parallel}"
        run = subprocess.run(
            [sys.executable, "-c", _RENDER, str(made)],
            cwd=ROOT,
            env={**os.environ, "KGRAPH_PARALLEL": parallel},
            capture_output=True,
            check=True,
        )
        pages.append(run.stdout)
        lines = [line.split() for line in made.read_text(encoding="utf-8").splitlines()]
        makers.append(({prefix: (int(count), int(pid)) for prefix, count, pid in lines}, int(run.stderr)))
    (on, parent), (off, parent_off) = makers
    assert sorted(on) == sorted(off) == ["e", "n"]  # the nodes' details, and every edge's, once each
    assert on["n"][1] == parent != on["e"][1]  # the edges' details beside, the nodes' here
    assert {pid for _, pid in off.values()} == {parent_off}  # KGRAPH_PARALLEL=off: all of it here
    assert on["e"][0] == off["e"][0] > 2 * CHUNK  # every edge, more than two blocks of them
    assert pages[0] == pages[1]
    data = pages[0].split(b'id="kgraph-data">', 1)[1].split(b"</script>", 1)[0]
    stances = [int(i) for i in json.loads(data)["columns"]["edges"]["stance"]]
    assert stances == sorted(stances)  # in the edges' order
    assert stances[-1] > CHUNK  # in a later block too


def test_edges_of_one_kind_and_type_keep_their_own_labels() -> None:
    from kgraph.export.explorer_columns import large_data
    from kgraph.export.explorer_large import _edges

    graph = nx.MultiDiGraph()
    graph.add_nodes_from(["a", "b", "c"], kind="person")
    for target, label in [("b", "allied"), ("c", "allied since 2020"), ("c", "allied")]:
        graph.add_edge("a", target, kind="relation", type="ally_of", label=label)
    columns, _ = large_data(graph, _edges(graph), {}, {"a": 3, "b": 1, "c": 2})
    names, triples = columns["names"], columns["edges"]["triples"]
    found = [[names[i] for i in triples[t]] for t in columns["edges"]["triple"]]
    assert found == [
        ["relation", "ally_of", "allied"],
        ["relation", "ally_of", "allied since 2020"],
        ["relation", "ally_of", "allied"],
    ]
