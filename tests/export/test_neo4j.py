"""The Neo4j bulk-import files (kgraph.export.neo4j), checked against the header rules of Neo4j's import tool
(Operations Manual, "Import": CSV header format) and read back with Python's CSV reader, as Neo4j reads them: a
comma between fields, ``"`` quoting with quotes doubled, line breaks inside quoted fields (``--multiline-fields``),
an empty field a missing property, arrays split on ``--array-delimiter``. The import itself is not run here."""

from __future__ import annotations

import csv
import io
import os
import re
import shlex
import subprocess
import sys
from datetime import date
from typing import Any

import networkx as nx
import pytest

import kgraph
from kgraph.export import export_folder
from kgraph.export.neo4j import ARRAY_DELIMITERS, array_delimiter, files
from kgraph.export.property_graph import GRAPH_EDGE_KINDS, GROUPS, ModelError, edge_id, property_graph

from ..helpers import FIXTURES, SEEDS, hostile_graph

#: The property types Neo4j's import header knows, each also as an array (``string[]``).
NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string", "point"}
NEO4J_TYPES |= {"date", "localtime", "time", "localdatetime", "datetime", "duration"}
#: A header field: ``name:type``, ``name`` (text), or a special field (``id:ID``, ``:ID(group)``, ``:LABEL`` ...).
FIELD = re.compile(
    r"(?P<name>[^:]*)(?::(?P<kind>ID|LABEL|START_ID|END_ID|TYPE|IGNORE|\w+(?:\[\])?)(?:\((?P<group>[^)]*)\))?)?\Z"
)


def parse_header(field: str) -> tuple[str, str]:
    """A header field's property name and type ('ID', 'LABEL', ... for the special ones), as Neo4j reads it."""
    match = FIELD.match(field)
    assert match, f"not a Neo4j header field: {field!r}"
    name, kind = match["name"], match["kind"] or "string"
    if kind not in ("ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"):
        assert kind.removesuffix("[]") in NEO4J_TYPES, f"{field}: Neo4j knows no type {kind!r}"
        assert name, f"{field}: a property needs a name"
    return name, kind


def typed(kind: str, text: str, delimiter: str) -> Any:
    """A cell's value as Neo4j would type it (None for an empty cell: no property)."""
    if text == "":
        return None
    if kind.endswith("[]"):
        return tuple(typed(kind[:-2], item, delimiter) for item in text.split(delimiter))
    if kind in ("long", "int"):
        return int(text)
    if kind in ("double", "float"):
        return float(text)
    if kind == "boolean":
        assert text in ("true", "false")
        return text == "true"
    if kind == "date":
        return date.fromisoformat(text).isoformat()
    return text


def read(folder: dict[str, Any]) -> dict[str, Any]:
    """Every CSV file parsed, header checked: nodes by id (labels, properties) and relationships (type, ends, props)."""
    delimiter = re.search(r"--array-delimiter='([^']+)'", folder["import.sh"].decode())[1]
    nodes: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {}
    rels: list[tuple[str, str, str, dict[str, Any]]] = []
    for name, data in folder.items():
        if not name.endswith(".csv"):
            continue
        table = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
        fields = [parse_header(field) for field in table[0]]
        kinds = [kind for _, kind in fields]
        for row in table[1:]:
            assert len(row) == len(fields), f"{name}: a row of {len(row)} fields under {len(fields)}"
            props = {n: typed(k, v, delimiter) for (n, k), v in zip(fields, row, strict=True) if n and v != ""}
            props = {n: v for n, v in props.items() if v is not None}
            if name.startswith("nodes-"):
                assert kinds.count("ID") == 1, name
                assert kinds.count("LABEL") == 1, name
                node_id, labels = row[kinds.index("ID")], tuple(row[kinds.index("LABEL")].split(delimiter))
                assert node_id not in nodes, f"{node_id} is in two node files"
                nodes[node_id] = (labels, props)
            else:
                assert {"START_ID", "END_ID", "TYPE"} <= set(kinds), name
                assert not {"ID", "LABEL"} & set(kinds), name
                rels.append((row[kinds.index("TYPE")], row[kinds.index("START_ID")], row[kinds.index("END_ID")], props))
    return {"nodes": nodes, "relationships": rels, "delimiter": delimiter}


def model_of(graph: nx.MultiDiGraph) -> Any:
    with kgraph.export.exporting(graph):
        return property_graph(graph)


@pytest.fixture(scope="module", params=[SEEDS, FIXTURES / "claims", FIXTURES / "readme"], ids=lambda p: p.name)
def corpus(request: Any) -> nx.MultiDiGraph:
    return kgraph.KnowledgeGraph.load(request.param).graph


def test_every_file_follows_neo4js_header_rules_and_reads_back_as_the_model(corpus):
    folder = files(corpus)
    found, model = read(folder), model_of(corpus)
    assert found["nodes"] == {n.id: (n.labels, n.properties) for n in model.nodes}
    for type_, start, end, _ in found["relationships"]:
        assert {start, end} <= set(found["nodes"]), f"{type_}: an end is missing"
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", type_)
    expected = [(r.type, r.start, r.end, r.properties) for r in model.relationships]
    assert sorted(found["relationships"], key=repr) == sorted(expected, key=repr)
    ids = [r[3]["id"] for r in found["relationships"]]
    assert len(ids) == len(set(ids))


def test_the_model_holds_every_node_and_edge_of_the_graph_and_its_evidence(corpus):
    found = read(files(corpus))
    groups = {labels[0] for labels, _ in found["nodes"].values()}
    assert groups <= set(GROUPS)
    graph_nodes = {n for n, (labels, _) in found["nodes"].items() if labels[0] not in ("Source", "Quote", "Figure")}
    assert graph_nodes == set(corpus.nodes)
    edges = [r for r in found["relationships"] if r[3].get("kind") in GRAPH_EDGE_KINDS]
    assert sorted((s, e) for _, s, e, _ in edges) == sorted((u, v) for u, v in corpus.edges())
    for node, data in corpus.nodes(data=True):
        labels, props = found["nodes"][node]
        if data["kind"] == "event":
            assert labels == ("Event", "".join(p.capitalize() for p in data["type"].split("_")))
            assert (props.get("earliest"), props["date"]) == (data.get("earliest"), data["date"])
            quotes = [r for r in found["relationships"] if r[2] == node and r[0] in ("SUPPORTS", "DENIES", "DISPUTES")]
            assert len(quotes) == len(data["evidence"])


def test_every_quote_is_written_once_about_what_it_bears_on(corpus):
    found = read(files(corpus))
    quotes = sorted(
        (p["about"], p["text"])
        for labels, p in found["nodes"].values()
        if labels == ("Quote",) and "figure:" not in p["about"]
    )
    expected = [
        (node, e["quote"]) for node, d in corpus.nodes(data=True) if d["kind"] == "event" for e in d["evidence"]
    ]
    for u, v, key, data in corpus.edges(keys=True, data=True):
        evidence = list(data.get("evidence") or ())
        if data["kind"] == "participation":  # a participant's own quotes; its event's are the event's
            for item in corpus.nodes[v]["evidence"]:
                evidence.remove(item)
        expected += [(edge_id(u, v, key, data), e["quote"]) for e in evidence]
    assert quotes == sorted(expected)


def test_quotes_keep_stance_source_claimants_and_relayers():
    graph = kgraph.KnowledgeGraph.load(FIXTURES / "readme").graph
    found = read(files(graph))
    quotes = {n: p for n, (labels, p) in found["nodes"].items() if labels == ("Quote",)}
    denial = next(n for n, p in quotes.items() if p["stance"] == "denies")
    assert quotes[denial]["about"] == "armenian-forces--located-in--nagorno-karabakh"
    out = {(t, e) for t, s, e, _ in found["relationships"] if s == denial}
    assert out == {("CLAIMED_BY", "armenia"), ("FROM", "2020-11-09-terter")}
    relayed = next(n for n, p in quotes.items() if p["text"] == "Armenian forces shelled Terter overnight")
    out = {(t, e) for t, s, e, _ in found["relationships"] if s == relayed}
    assert out >= {("CLAIMED_BY", "defence-ministry"), ("VIA", "foreign-ministry"), ("SUPPORTS", "terter-shelling")}


def test_import_sh_names_every_file_with_the_right_flags_and_is_valid_shell(corpus, tmp_path):
    folder = files(corpus)
    script = folder["import.sh"].decode()
    words = shlex.split(script.split("\nneo4j-admin ", 1)[1].replace("\\\n", " ").split("\n")[0])
    assert words[:3] == ["database", "import", "full"]
    assert {"--id-type=string", "--multiline-fields=true"} <= set(words)
    named = [w.split("=", 1)[1] for w in words if w.startswith(("--nodes=", "--relationships="))]
    assert sorted(named) == sorted(n for n in folder if n.endswith(".csv"))
    assert all(w.startswith("--nodes=nodes-") for w in words if w.startswith("--nodes="))
    assert f"--array-delimiter={read(folder)['delimiter']}" in words
    (tmp_path / "import.sh").write_bytes(folder["import.sh"])
    subprocess.run(["sh", "-n", str(tmp_path / "import.sh")], check=True)


def test_schema_constrains_every_label_and_indexes_the_date_bounds(corpus):
    folder = files(corpus)
    schema = folder["schema.cypher"].decode()
    for name in folder:
        if name.startswith("nodes-"):
            label = name.removeprefix("nodes-").removesuffix(".csv")
            assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;" in schema
    for bound in ("earliest", "latest"):
        assert f"FOR (n:Event) ON (n.{bound});" in schema
    assert list(folder)[-2:] == ["import.sh", "schema.cypher"]


def test_the_array_delimiter_is_in_no_value_and_refused_when_none_is_free():
    graph = hostile_graph()
    graph.nodes["a"]["aliases"] = [{"name": "one|two"}, {"name": "three;four"}, {"name": 'multi\nline "q", x'}]
    folder = files(graph)
    found = read(folder)
    assert found["delimiter"] not in ("|", ";")
    items = [i for n in property_graph(graph).nodes for v in n.properties.values() if isinstance(v, tuple) for i in v]
    assert items
    assert not [item for item in items if found["delimiter"] in item]
    assert found["nodes"]["a"][1]["aliases"] == ("one|two", "three;four", 'multi\nline "q", x')
    graph.nodes["a"]["aliases"] = [{"name": f"x{d}y"} for d in ARRAY_DELIMITERS]
    with pytest.raises(ModelError, match="no array delimiter is free"):
        array_delimiter(property_graph(graph))


def test_the_same_input_gives_the_same_bytes(tmp_path):
    program = "import hashlib, kgraph; from kgraph.export import export_folder; "
    program += "[print(w.path.name, hashlib.sha256(w.path.read_bytes()).hexdigest()) for w in export_folder("
    program += f"kgraph.KnowledgeGraph.load({str(SEEDS)!r}).graph, 'neo4j', {str(tmp_path / 'run')!r} + seed)]"
    runs = {
        subprocess.run(
            [sys.executable, "-c", f"seed = {seed!r}; {program}"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    first = files(kgraph.KnowledgeGraph.load(SEEDS).graph)
    assert first == files(kgraph.KnowledgeGraph.load(SEEDS).graph)
    written = export_folder(kgraph.KnowledgeGraph.load(SEEDS).graph, "neo4j", tmp_path / "neo4j")
    assert {w.path.name: w.path.read_bytes() for w in written} == first
