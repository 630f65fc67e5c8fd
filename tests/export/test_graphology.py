"""The exports read by graphology-graphml and graphology-gexf, the parsers of Gephi Lite and sigma.js (Node.js)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import ROOT

JS = ROOT / "tests" / "js"


def read_with_graphology(graphml: str, gexf: str) -> dict:
    if shutil.which("node") is None or not (JS / "node_modules" / "graphology-gexf").is_dir():
        if os.environ.get("CI"):
            pytest.fail("CI must run this test: .ci/run installs Node.js packages with 'npm ci' in tests/js")
        pytest.skip("graphology is not installed: run 'npm ci' in tests/js")
    result = subprocess.run(
        ["node", str(JS / "read_exports.mjs"), graphml, gexf], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_graphology_reads_both_exports_of_the_seeds(seeds):
    kg = KnowledgeGraph(seeds)
    read = read_with_graphology(str(ROOT / "exports" / "graph.graphml"), str(ROOT / "exports" / "graph.gexf"))
    nodes = {n: (d["label"], d["kind"]) for n, d in kg.graph.nodes(data=True)}
    types = sorted(d["type"] for *_, d in kg.graph.edges(data=True))
    for fmt in ("graphml", "gexf"):
        graph = read[fmt]
        assert (graph["order"], graph["size"]) == (kg.graph.number_of_nodes(), kg.graph.number_of_edges())
        assert {n: (d["label"], d["kind"]) for n, d in graph["nodes"].items()} == nodes
        assert sorted(e["type"] for e in graph["edges"]) == types
        assert sorted(e["label"] for e in graph["edges"]) == sorted(d["label"] for *_, d in kg.graph.edges(data=True))
    assert sorted(e["kind"] for e in read["gexf"]["edges"]) == types  # GEXF's edge kind is the role or relation type


def test_graphology_reads_the_hostile_graph(tmp_path):
    from kgraph.export.gexf import to_gexf
    from kgraph.export.graphml import to_graphml

    from ..helpers import hostile_graph

    graph = hostile_graph()
    (tmp_path / "h.graphml").write_text(to_graphml(graph), encoding="utf-8")
    (tmp_path / "h.gexf").write_text(to_gexf(graph), encoding="utf-8")
    read = read_with_graphology(str(tmp_path / "h.graphml"), str(tmp_path / "h.gexf"))
    for fmt in ("graphml", "gexf"):
        assert (read[fmt]["order"], read[fmt]["size"]) == (4, 5)
        assert read[fmt]["nodes"]["a"]["label"] == "Ağa Şuşalı — «Ա»"
        parallel = sorted(e["type"] for e in read[fmt]["edges"] if (e["source"], e["target"]) == ("a", "b"))
        assert parallel == ["allied_with", "member_of", "opposes"]


def test_graphology_reads_figures_stances_and_histories(claims, tmp_path):
    """The columns kgraph flattens figures, stances and histories into arrive in Gephi Lite as it wrote them."""
    from kgraph.export.gexf import to_gexf
    from kgraph.export.graphml import to_graphml

    (tmp_path / "c.graphml").write_text(to_graphml(claims.graph), encoding="utf-8")
    (tmp_path / "c.gexf").write_text(to_gexf(claims.graph), encoding="utf-8")
    read = read_with_graphology(str(tmp_path / "c.graphml"), str(tmp_path / "c.gexf"))
    for fmt in ("graphml", "gexf"):
        killed = read[fmt]["nodes"]["soldiers-killed"]["attributes"]
        assert (killed["killed_min"], killed["killed_max"]) == (2, 2)  # the 2 to 5 is disputed: not counted, fmt
        assert killed["figures_text"].endswith("killed: between 2 and 5 (claimed by rebels; disputes)")
        assert (killed["acled_event_type"], killed["cameo"]) == ("Violence against civilians", "18")
        fall = read[fmt]["nodes"]["fall-of-town"]["attributes"]
        assert fall["history_text"] == "predicted [2020-10-29..] (doc-a) → occurred 2020-11-08 (doc-b)"
        assert fall["distance_max"] == 2
        assert "distance_min" not in fall
        assert json.loads(fall["history"])[0]["status"] == "predicted"
        denial = next(e for e in read[fmt]["edges"] if e["source"] == "army" and e["target"] == "region")
        assert denial["attributes"]["evidence_text"].endswith("via foreign-ministry, defence-ministry; denies)")
        link = next(e for e in read[fmt]["edges"] if e["source"] == "spokesman-confirms")
        assert (link["target"], link["type"], link["label"]) == ("fall-of-town", "confirms", "confirms")
