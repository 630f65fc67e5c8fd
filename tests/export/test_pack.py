"""The explorer's data, packed for the page (kgraph/export/pack.py), comes back as it was: in Python and in the
page itself, whose ``unpack`` part restores it in the browser."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.export.explorer_data import explorer_data
from kgraph.export.html import _script_json, to_html
from kgraph.export.pack import MASK, SHARES, pack, unpack
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import big_graph, hostile_graph
from .browser import Page


@pytest.fixture(scope="module")
def graphs(seeds, claims, tmp_path_factory) -> dict[str, object]:
    from kgraph.synth.corpus import write

    folder = tmp_path_factory.mktemp("pack") / "synthetic"
    write(folder, events=1000, seed=2)
    return {
        "seeds": KnowledgeGraph(seeds).graph,
        "claims": claims.graph,
        "hostile": hostile_graph(),
        "big": big_graph(3000),
        "synthetic": KnowledgeGraph.load(folder).graph,
    }


@pytest.mark.parametrize("name", ["seeds", "claims", "hostile", "big", "synthetic"])
def test_packed_data_unpacks_to_what_was_packed(graphs, name):
    data = explorer_data(graphs[name])
    packed = pack(data)
    kept = copy.deepcopy(packed)
    assert unpack(packed) == data
    assert packed == kept  # unpacking leaves the packed data as it is


def test_packing_leaves_out_what_records_repeat(graphs):
    data = explorer_data(graphs["synthetic"])
    packed = pack(data)
    edges = packed["edges"]
    keys = edges["keys"]
    shared = [row for row in edges["rows"] if row[keys.index(SHARES)]]
    participations = [e for e in data["edges"] if e["kind"] == "participation" and e["details"].get("evidence")]
    assert participations
    assert len(shared) == len(participations)  # each participant's edge leaves out its event's evidence
    assert all(row[keys.index(MASK)] for row in edges["rows"])  # and what its details repeat of its fields
    assert len(_script_json(packed)) < 0.7 * len(_script_json(data))


def test_a_participants_own_evidence_is_kept_before_its_events():
    import networkx as nx

    shared = [{"quote": "It met.", "source": "doc"}]
    own = {"quote": "A attended.", "source": "doc", "claimed_by": ["b"]}
    graph = nx.MultiDiGraph()
    graph.add_node("e", kind="event", type="meeting", label="Meeting", evidence=shared)
    graph.add_node("a", kind="person", label="A")
    graph.add_edge("a", "e", key="party", kind="participation", type="party", evidence=[own, *shared])
    data = explorer_data(graph)
    packed = pack(data)
    row = dict(zip(packed["edges"]["keys"], packed["edges"]["rows"][0], strict=True))
    assert row["details"]["evidence"] == [own]
    assert row[SHARES] is True
    assert unpack(packed)["edges"][0]["details"]["evidence"] == [own, *shared]


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)
bounds = st.lists(st.none() | st.sampled_from(["2023-01-01", "2023-02-01"]), min_size=4, max_size=4)


@st.composite
def records(draw: st.DrawFn) -> dict:
    """Records shaped as the explorer's, with details that may or may not repeat their fields."""
    kind = draw(st.sampled_from(["event", "participation", "person"]))
    t = draw(bounds)
    details = draw(st.dictionaries(st.sampled_from(["x", "y"]), values, max_size=2))
    for key, value in (("kind", kind), ("earliest", t[0]), ("latest_possible", t[3]), ("label", "L")):
        if value is not None and draw(st.booleans()):
            details[key] = value if draw(st.booleans()) else "other"
    if draw(st.booleans()):
        details["evidence"] = draw(st.lists(st.sampled_from([{"quote": "a"}, {"quote": "b"}]), max_size=3))
    record = {"id": draw(st.text(min_size=1, max_size=4)), "kind": kind, "label": "L", "t": t, "details": details}
    if kind == "participation":
        record["to"] = "e"
    return {k: v for k, v in record.items() if v is not None}


@settings(max_examples=300, deadline=None)
@given(st.lists(records(), max_size=4), st.lists(st.sampled_from([{"quote": "a"}, {"quote": "b"}]), max_size=2))
def test_any_records_come_back_as_they_were(items, event_evidence):
    data = {
        "nodes": [{"id": "e", "kind": "event", "details": {"evidence": event_evidence}}, *items],
        "edges": [i for i in items if i["kind"] == "participation"],
        "links": [],
        "other": {"kept": True},
    }
    assert unpack(pack(data)) == data


def test_the_page_unpacks_its_data_as_python_does(graphs, open_page: Callable[..., Page], tmp_path: Path) -> None:
    for name in ("seeds", "claims", "hostile"):
        path = tmp_path / f"{name}.html"
        path.write_text(to_html(graphs[name]), encoding="utf-8")
        page = open_page(path)
        in_page = json.loads(page.js("JSON.stringify(kgraph.data)"))
        assert in_page == json.loads(json.dumps(explorer_data(graphs[name]))), name
        assert page.errors == []
