"""GraphML and GEXF: valid against the official schemas, Gephi-safe, and read back intact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import igraph
import networkx as nx
import pytest
from lxml import etree

from kgraph.export.gexf import to_gexf
from kgraph.export.graphml import to_graphml
from kgraph.export.prepare import xml_escape
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import CONTROL, SHARED, XML_HOSTILE, hostile_graph

NS = {"g": "http://graphml.graphdrawing.org/xmlns", "x": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
NMTOKEN = re.compile(r"^[\w.\-:]+$")


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


@pytest.fixture(scope="module")
def graphml_schema() -> etree.XMLSchema:
    path = SHARED / "formats" / "graphml-1.0" / "graphml.xsd"
    if not path.is_file():
        pytest.skip("../shared/formats is not beside this clone (CI always has it)")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="module")
def gexf_schema() -> etree.RelaxNG:
    path = SHARED / "formats" / "gexf-1.3" / "gexf.rng"
    if not path.is_file():
        pytest.skip("../shared/formats is not beside this clone (CI always has it)")
    return etree.RelaxNG(etree.parse(str(path)))


def graphs(kg, claims=None):
    return {"seeds": kg.graph, "hostile": hostile_graph(), **({"claims": claims.graph} if claims else {})}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("which", ["seeds", "hostile", "claims"])
def test_graphml_is_valid(kg, claims, graphml_schema, which):
    doc = etree.fromstring(to_graphml(graphs(kg, claims)[which]).encode())
    assert graphml_schema.validate(doc), graphml_schema.error_log


@pytest.mark.parametrize("which", ["seeds", "hostile", "claims"])
def test_gexf_is_valid(kg, claims, gexf_schema, which):
    doc = etree.fromstring(to_gexf(graphs(kg, claims)[which]).encode())
    assert gexf_schema.validate(doc), gexf_schema.error_log


@pytest.mark.parametrize("which", ["seeds", "hostile", "claims"])
def test_graphml_ids_keys_labels_weights(kg, claims, which):
    doc = etree.fromstring(to_graphml(graphs(kg, claims)[which]).encode())
    keys = doc.findall("g:key", NS)
    key_ids = [k.get("id") for k in keys]
    assert len(key_ids) == len(set(key_ids))
    assert not [k for k in key_ids if re.match(r"^d\d+$", k)], "Gephi reads d3 and d7 as labels"
    types: dict[str, set[str]] = {}
    for key in keys:
        assert NMTOKEN.match(key.get("attr.name"))
        types.setdefault(key.get("attr.name"), set()).add(key.get("attr.type"))
    assert all(len(t) == 1 for t in types.values()), types
    special = {
        "label",
        "size",
        "r",
        "g",
        "b",
        "weight",
        "x",
        "y",
        "z",
        "color",
        "id",
        "edgeid",
        "d3",
        "d7",
        "edgelabel",
    }
    assert {k.get("attr.name") for k in keys} & special == {"label", "size", "r", "g", "b", "weight"}
    for kind in ("node", "edge"):
        ids = [e.get("id") for e in doc.iter(f"{{{NS['g']}}}{kind}")]
        assert len(ids) == len(set(ids))
        assert all(NMTOKEN.match(i) for i in ids)
        for element in doc.iter(f"{{{NS['g']}}}{kind}"):
            assert element.findtext(f"g:data[@key='{kind}_label']", namespaces=NS).strip()
    weights = [float(w.text) for w in doc.iterfind(".//g:data[@key='edge_weight']", NS)]
    assert weights
    assert min(weights) > 0


@pytest.mark.parametrize("which", ["seeds", "hostile", "claims"])
def test_gexf_ids_labels_weights_kinds_and_time(kg, claims, which):
    graph = graphs(kg, claims)[which]
    doc = etree.fromstring(to_gexf(graph).encode())
    assert doc.nsmap == {None: NS["x"], "viz": NS["viz"]}
    assert doc.get("version") == "1.3"
    graph_element = doc.find("x:graph", NS)
    assert (graph_element.get("mode"), graph_element.get("timeformat")) == ("dynamic", "date")
    nodes, edges = doc.findall(".//x:node", NS), doc.findall(".//x:edge", NS)
    assert len(nodes) == graph.number_of_nodes()
    assert len(edges) == graph.number_of_edges()
    assert len({n.get("id") for n in nodes}) == len(nodes)
    assert len({e.get("id") for e in edges}) == len(edges)
    assert all(n.get("label").strip() for n in nodes)
    assert all(e.get("label").strip() for e in edges)
    assert all(float(e.get("weight")) > 0 for e in edges)
    assert all(e.get("kind") for e in edges)
    for element in (*nodes, *edges):
        for bound in ("start", "end"):
            if element.get(bound):
                assert re.match(r"^\d{4}-\d{2}-\d{2}$", element.get(bound))
    types: dict[str, set[str]] = {}
    for attribute in doc.iterfind(".//x:attributes/x:attribute", NS):
        types.setdefault(attribute.get("title"), set()).add(attribute.get("type"))
    assert all(len(t) == 1 for t in types.values())


def test_gexf_time_comes_from_the_date_bounds(kg):
    doc = etree.fromstring(to_gexf(kg.graph).encode())
    rally = doc.find(".//x:node[@id='stepanakert-rally']", NS)
    assert (rally.get("start"), rally.get("end")) == ("2023-07-12", "2023-07-12")
    blockade = doc.find(".//x:node[@id='blockade-of-artsakh']", NS)
    assert (blockade.get("start"), blockade.get("end")) == ("2022-12-01", None)
    shusha = doc.find(".//x:node[@id='shusha']", NS)
    assert (shusha.get("start"), shusha.get("end")) == (None, None)
    speaker = doc.find(".//x:edge[@source='gegham-stepanyan'][@target='stepanyan-appeal-to-icrc']", NS)
    assert (speaker.get("kind"), speaker.get("start")) == ("speaker", "2023-07-12")
    assert doc.find("x:meta", NS).get("lastmodifieddate") == "2023-07-13"


def test_an_edge_kind_is_its_type_and_its_category_is_data(kg):
    doc = etree.fromstring(to_gexf(kg.graph).encode())
    titles = {a.get("title") for a in doc.iterfind(".//x:attributes[@class='edge']/x:attribute", NS)}
    assert "category" in titles
    assert "kind" not in titles  # a data attribute named kind would overwrite the edge's kind in graphology


def test_typed_parallel_edges_keep_their_kinds():
    doc = etree.fromstring(to_gexf(hostile_graph()).encode())
    kinds = sorted(e.get("kind") for e in doc.iterfind(".//x:edge[@source='a'][@target='b']", NS))
    assert kinds == ["allied_with", "member_of", "opposes"]


def test_colours_and_sizes(kg):
    graphml = etree.fromstring(to_graphml(kg.graph).encode())
    node = graphml.find(".//g:node[@id='gegham-stepanyan']", NS)
    rgb = [int(node.findtext(f"g:data[@key='node_{c}']", namespaces=NS)) for c in "rgb"]
    assert rgb == [230, 159, 0]
    gexf = etree.fromstring(to_gexf(kg.graph).encode())
    viz = gexf.find(".//x:node[@id='gegham-stepanyan']/viz:color", NS)
    assert [int(viz.get(c)) for c in "rgb"] == rgb
    sizes = {n.get("id"): float(n.find("viz:size", NS).get("value")) for n in gexf.iterfind(".//x:node", NS)}
    degree = dict(kg.graph.degree())
    assert sizes["azerbaijan"] > sizes["armenpress"]
    assert degree["azerbaijan"] > degree["armenpress"]


def test_seeds_read_back_with_networkx(kg, tmp_path):
    for reader, text in ((nx.read_graphml, to_graphml(kg.graph)), (nx.read_gexf, to_gexf(kg.graph))):
        back = reader(write(tmp_path, "g.xml", text))
        assert (back.number_of_nodes(), back.number_of_edges()) == (
            kg.graph.number_of_nodes(),
            kg.graph.number_of_edges(),
        )
        for node, data in kg.graph.nodes(data=True):
            read = back.nodes[node]
            assert (read["label"], read["kind"], read["type"]) == (data["label"], data["kind"], data["type"])
            assert read.get("earliest") == data.get("earliest")
            assert read.get("latest") == data.get("latest")
        categories = sorted(d["category"] for *_, d in back.edges(data=True))
        assert categories == sorted(d["kind"] for *_, d in kg.graph.edges(data=True))


def test_seeds_read_back_with_igraph(kg, tmp_path):
    back = igraph.Graph.Read_GraphML(str(write(tmp_path, "g.graphml", to_graphml(kg.graph))))
    assert (back.vcount(), back.ecount()) == (kg.graph.number_of_nodes(), kg.graph.number_of_edges())
    assert sorted(back.vs["label"]) == sorted(d["label"] for _, d in kg.graph.nodes(data=True))
    assert sorted(back.vs["kind"]) == sorted(d["kind"] for _, d in kg.graph.nodes(data=True))
    assert sorted(back.es["category"]) == sorted(d["kind"] for *_, d in kg.graph.edges(data=True))
    assert sorted(back.es["type"]) == sorted(d["type"] for *_, d in kg.graph.edges(data=True))
    dated = {v["id"]: v["earliest"] for v in back.vs if v["earliest"]}
    assert dated == {n: d["earliest"] for n, d in kg.graph.nodes(data=True) if "earliest" in d}


def clean(text: str) -> str:
    """What XML 1.0 can carry of a text: control characters other than tab and line breaks become U+FFFD."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", text)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_hostile_values_read_back_intact(tmp_path, fmt):
    original = hostile_graph()
    text = to_graphml(original) if fmt == "graphml" else to_gexf(original)
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(write(tmp_path, f"h.{fmt}", text))
    assert back.is_multigraph()
    assert back.number_of_edges() == original.number_of_edges()
    a = back.nodes["a"]
    assert a["label"] == "Ağa Şuşalı — «Ա»"
    assert a["text"] == XML_HOSTILE
    assert a["control"] == clean(CONTROL)
    assert json.loads(a["tags"]) == ["x", "y"]
    assert a["tags_text"] == "x; y"
    assert json.loads(a["meta"]) == {"k": [1, 2], "when": "2023"}
    assert a["born"] == "1970-01-02"
    assert (a["score"], a["ratio"], a["flag"]) == (3.0, 0.5, True)
    assert "note" not in a
    assert back.nodes["b"]["label"] == "b"  # an empty label falls back to the id
    assert back.nodes["b"]["mixed"] == "text"
    assert back.nodes["c"]["mixed"] == "7"  # text in one node, a number in another: text everywhere
    assert back.nodes["c"]["label"] == "Rally\nsecond line\ttab"
    spaced = back.nodes["node_x20_with_x20_spaces"]
    assert (spaced["original_id"], spaced["attr_x"], spaced["attr_size"]) == (
        "node with spaces",
        "not a coordinate",
        "big",
    )
    parallel = sorted(d["type"] for u, v, d in back.edges(data=True) if (u, v) == ("a", "b"))
    assert parallel == ["allied_with", "member_of", "opposes"]
    quotes = sorted(json.loads(d["evidence"])[0]["quote"] for u, v, d in back.edges(data=True) if (u, v) == ("a", "b"))
    assert quotes == ["allied_with & <evidence>", "member_of & <evidence>", "opposes & <evidence>"]
    speaker = next(d for u, v, d in back.edges(data=True) if (u, v) == ("a", "c"))
    assert speaker["attr_weight"] == -2.0  # not a usable weight, so kept as data
    located = next(d for u, v, d in back.edges(data=True) if v == "node_x20_with_x20_spaces")
    assert located["attr_id"] == "clash?"


def test_xml_escape():
    assert xml_escape("<&>") == "&lt;&amp;&gt;"
    assert xml_escape('"\n\t\r', attribute=True) == "&quot;&#10;&#9;&#13;"
    assert xml_escape("a\x00b\ud800") == "a\ufffdb\ufffd"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_figures_stances_histories_and_codes_read_back(claims, tmp_path, fmt):
    """Figures flattened once: numeric bounds beside the readable text; stance in evidence_text; the event's
    ACLED and CAMEO codes and its history as columns."""
    text = to_graphml(claims.graph) if fmt == "graphml" else to_gexf(claims.graph)
    back = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(write(tmp_path, f"c.{fmt}", text))
    killed = back.nodes["soldiers-killed"]
    assert (killed["killed_min"], killed["killed_max"]) == (2, 2)  # the 2 to 5 is disputed: not counted
    assert killed["figures_text"] == (
        "killed: 2 (claimed by ministry); killed: between 2 and 5 (claimed by rebels; disputes)"
    )
    assert json.loads(killed["figures"]) == claims.graph.nodes["soldiers-killed"]["figures"]
    assert (killed["acled_event_type"], killed["acled_sub_event_type"], killed["cameo"]) == (
        "Violence against civilians",
        "Attack",
        "18",
    )
    town = back.nodes["town"]
    assert (town["population_min"], town["population_max"]) == (20000, 20000)
    fall = back.nodes["fall-of-town"]
    assert (fall["distance_max"], "distance_min" in fall) == (2, False)
    assert fall["history_text"] == "predicted [2020-10-29..] (doc-a) → occurred 2020-11-08 (doc-b)"
    assert json.loads(fall["history"]) == claims.graph.nodes["fall-of-town"]["history"]
    denial = next(d for u, v, d in back.edges(data=True) if (u, v) == ("army", "region"))
    assert denial["evidence_text"] == (
        "“The republic has denied the presence of its forces in the region”"
        " (doc-b; claimed by republic via foreign-ministry, defence-ministry; denies)"
    )
    link = next(d for u, v, d in back.edges(data=True) if (u, v) == ("spokesman-confirms", "fall-of-town"))
    assert (link["category"], link["type"], link["label"]) == ("relation", "confirms", "confirms")


def test_figures_columns_are_numbers_for_igraph(claims, tmp_path):
    back = igraph.Graph.Read_GraphML(str(write(tmp_path, "c.graphml", to_graphml(claims.graph))))
    killed = back.vs.find(id="soldiers-killed")
    assert (killed["killed_min"], killed["killed_max"]) == (2, 2)  # the 2 to 5 is disputed: not counted


def test_two_builds_of_the_claims_are_byte_identical(claims_path):
    """Each build loads the corpus afresh: nothing in the exports depends on the order of a set or the hour."""
    from kgraph.export import render_all

    first = render_all(KnowledgeGraph.load(claims_path).graph)
    second = render_all(KnowledgeGraph.load(claims_path).graph)
    assert sorted(first) == ["graph.gexf", "graph.graphml", "graph.html", "graph.json", "timeline.json"]
    assert first == second
