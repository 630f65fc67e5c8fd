"""Each event's ACLED event type and sub-event type and its CAMEO root code, the codes its type names in the corpus's
vocabulary (``acled_event_type``, ``acled_sub_event_type``, ``cameo``; a capture's sub-event type by who takes the
place), in every export that writes event nodes' attributes: the graph, graph.json, the explorer's data, the CSV
tables, the workbook, Neo4j's bulk import and the Cypher script (loaded into FalkorDB). GraphML and GEXF are read
back in test_xml.py and test_graphology.py, and acled.csv, whose columns ACLED names ``event_type`` and
``sub_event_type`` (it has no CAMEO column), in test_acled.py; timeline.json carries none of them."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx
import pytest

from kgraph.export import render
from kgraph.export.pack import unpack
from kgraph.graph.acled import acled_sub_event_type
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import FIXTURES, SEEDS, folder_files
from .falkordb import falkordb_server, load, rows  # noqa: F401  (the session's server)
from .spreadsheets import workbook_rows

CODES = ("acled_event_type", "acled_sub_event_type", "cameo")
#: The seeds, the export tests' claims, and a corpus whose vocabulary adds an event type with codes of its own.
CORPORA = ["seeds", "claims", "own terms"]


@pytest.fixture(scope="module", params=CORPORA)
def corpus(request: pytest.FixtureRequest) -> KnowledgeGraph:
    if request.param == "claims":
        return request.getfixturevalue("claims")
    return KnowledgeGraph.load(SEEDS if request.param == "seeds" else FIXTURES / "vocabulary" / "valid")


def expected(kg: KnowledgeGraph) -> dict[str, dict[str, str]]:
    """Each event's codes, as the vocabulary (the corpus's terms) gives them for its type, but a capture's sub-event
    type by who takes the place (as acled.csv has it: test_acled.py); none where it has none."""
    found = {}
    for event in kg.corpus.events.values():
        kind = kg.corpus.terms.event_types[event.type]
        codes = dict(zip(CODES[:2], kind.acled, strict=True)) if kind.acled else {}
        if codes.get("acled_event_type") == "Battles":
            node = {**kg.graph.nodes[event.id], **codes}  # the type's own pair, then the rule of kgraph.graph.acled
            codes["acled_sub_event_type"] = str(acled_sub_event_type(kg.graph, event.id, node))
        found[event.id] = {**codes, **({"cameo": kind.cameo} if kind.cameo else {})}
    return found


def codes(record: Mapping[str, Any]) -> dict[str, str]:
    """The codes a record holds (an empty cell holds none)."""
    return {name: record[name] for name in CODES if record.get(name) not in (None, "")}


def in_graph(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    return {node: codes(data) for node, data in graph.nodes(data=True) if data["kind"] == "event"}


def in_json(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    nodes = json.loads(render(graph, "json"))["nodes"]
    return {node["id"]: codes(node) for node in nodes if node["kind"] == "event"}


def in_explorer(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """The details the explorer's panel shows of each event, from the data in its page."""
    page = render(graph, "html").decode("utf-8")
    block = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', page, re.S)
    assert block
    nodes = unpack(json.loads(block.group(1)))["nodes"]
    return {node["id"]: codes(node["details"]) for node in nodes if node["kind"] == "event"}


def in_tables(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    text = folder_files(graph, "csv")["nodes.csv"].decode("utf-8")
    return {row["ID"]: codes(row) for row in csv.DictReader(io.StringIO(text, newline="")) if row["kind"] == "event"}


def in_workbook(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    header, *records = workbook_rows(render(graph, "xlsx"))["Nodes"]
    found = [dict(zip(header, values, strict=True)) for values in records]
    return {row["ID"]: codes(row) for row in found if row["kind"] == "event"}


def in_neo4j(graph: nx.MultiDiGraph) -> dict[str, dict[str, str]]:
    """The event nodes of Neo4j's bulk import, their fields named without their types (``cameo:string``)."""
    reader = csv.reader(io.StringIO(folder_files(graph, "neo4j")["nodes-Event.csv"].decode("utf-8"), newline=""))
    header = [field.split(":")[0] for field in next(reader)]
    return {row["id"]: codes(row) for row in (dict(zip(header, values, strict=True)) for values in reader)}


EXPORTS: dict[str, Callable[[nx.MultiDiGraph], dict[str, dict[str, str]]]] = {
    "graph": in_graph,
    "graph.json": in_json,
    "graph.html": in_explorer,
    "tables/nodes.csv": in_tables,
    "graph.xlsx": in_workbook,
    "neo4j/nodes-Event.csv": in_neo4j,
}


def test_each_corpus_has_events_with_every_code_and_events_without_some(corpus):
    found = expected(corpus).values()
    assert any(len(c) == len(CODES) for c in found)
    assert any(len(c) < len(CODES) for c in found)


@pytest.mark.parametrize("export", EXPORTS)
def test_every_event_carries_its_types_codes_in_each_export(corpus, export):
    assert EXPORTS[export](corpus.graph) == expected(corpus)


def test_every_event_carries_its_types_codes_in_the_cypher_script_loaded_into_falkordb(corpus, falkordb_server):  # noqa: F811
    name = f"codes-{min(corpus.corpus.sources)}"
    graph = load(falkordb_server, name, render(corpus.graph, "cypher").decode("utf-8"))
    found = rows(graph, "MATCH (e:Event) RETURN e.id, e.acled_event_type, e.acled_sub_event_type, e.cameo")
    assert {row[0]: codes(dict(zip(CODES, row[1:], strict=True))) for row in found} == expected(corpus)
