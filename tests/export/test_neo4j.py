"""The Neo4j bulk-import files (kgraph.export.neo4j), checked against the header rules of Neo4j's import tool
(Operations Manual, "Import": CSV header format) and read back with Python's CSV reader, as Neo4j reads them: a
comma between fields, ``"`` quoting with quotes doubled, line breaks inside quoted fields (``--multiline-fields``),
an empty field a missing property, arrays split on ``--array-delimiter``. The import itself is not run here."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from datetime import date
from typing import Any

import networkx as nx
import pytest

import kgraph
from kgraph.annotations.vocabulary import STANCES
from kgraph.export import export_folder, neo4j
from kgraph.export.cypher import to_cypher
from kgraph.export.folder import Stream
from kgraph.export.graph_names import EVIDENCE_TYPES, Names
from kgraph.export.neo4j import ARRAY_DELIMITERS, array_delimiter, files
from kgraph.export.property_graph import GRAPH_EDGE_KINDS, GROUPS, ModelError, edge_id, property_graph
from kgraph.graph.attributes import DATE_BOUNDS

from ..helpers import FIXTURES, SEEDS, folder_files, hostile_graph
from .colliding import colliding_corpus

#: The relationship types of a quote's stance, one a stance of the vocabulary.
STANCE_TYPES = {stance.upper() for stance in STANCES}
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


def written(graph: nx.MultiDiGraph) -> dict[str, bytes]:
    """The folder's files as bytes, in their order: each Stream run once into in-memory handles."""
    return folder_files(graph, "neo4j")


def model_of(graph: nx.MultiDiGraph) -> Any:
    with kgraph.export.exporting(graph):
        return property_graph(graph)


@pytest.fixture(scope="module", params=[SEEDS, FIXTURES / "claims", FIXTURES / "readme"], ids=lambda p: p.name)
def corpus(request: Any) -> nx.MultiDiGraph:
    return kgraph.KnowledgeGraph.load(request.param).graph


def test_every_file_follows_neo4js_header_rules_and_reads_back_as_the_model(corpus):
    folder = written(corpus)
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
    found = read(written(corpus))
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
            quotes = [r for r in found["relationships"] if r[2] == node and r[0] in STANCE_TYPES]
            assert len(quotes) == len(data["evidence"])


def test_every_quote_is_written_once_about_what_it_bears_on(corpus):
    found = read(written(corpus))
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
    found = read(written(graph))
    quotes = {n: p for n, (labels, p) in found["nodes"].items() if labels == ("Quote",)}
    denial = next(n for n, p in quotes.items() if p["stance"] == "denies")
    assert quotes[denial]["about"] == "armenian-forces--located-in--nagorno-karabakh"
    out = {(t, e) for t, s, e, _ in found["relationships"] if s == denial}
    assert out == {("CLAIMED_BY", "armenia"), ("FROM", "2020-11-09-terter")}
    relayed = next(n for n, p in quotes.items() if p["text"] == "Armenian forces shelled Terter overnight")
    out = {(t, e) for t, s, e, _ in found["relationships"] if s == relayed}
    assert out >= {("CLAIMED_BY", "defence-ministry"), ("VIA", "foreign-ministry"), ("SUPPORTS", "terter-shelling")}


def run_import_sh(folder: dict[str, bytes], where: Any, *args: str) -> list[str]:
    """Run ``import.sh`` with ``args``, a stand-in ``neo4j-admin`` on the PATH: the arguments it was given."""
    (where / "import.sh").write_bytes(folder["import.sh"])
    bin_folder = where / "bin"
    bin_folder.mkdir(exist_ok=True)
    fake = bin_folder / "neo4j-admin"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done > "$(dirname "$0")/args"\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["sh", str(where / "import.sh"), *args], check=True, env=env, cwd="/")
    return (bin_folder / "args").read_text().splitlines()


def test_import_sh_names_the_database_after_full_then_every_file_and_passes_options_on(corpus, tmp_path):
    folder = written(corpus)
    subprocess.run(["sh", "-n", "-c", folder["import.sh"].decode()], check=True)
    words = run_import_sh(folder, tmp_path)
    assert words[:4] == ["database", "import", "full", "neo4j"]  # Neo4j 5.19+: the name right after full
    assert {"--id-type=string", "--multiline-fields=true"} <= set(words)
    named = [w.split("=", 1)[1] for w in words if w.startswith(("--nodes=", "--relationships="))]
    assert named == [n for n in folder if n.endswith(".csv")]  # every file, in the folder's order
    assert all(w.startswith("--nodes=nodes-") for w in words if w.startswith("--nodes="))
    assert f"--array-delimiter={read(folder)['delimiter']}" in words
    assert words.count("neo4j") == 1
    words = run_import_sh(folder, tmp_path, "kgraph", "--overwrite-destination=true", "--verbose")
    assert words[:4] == ["database", "import", "full", "kgraph"]
    assert words[-2:] == ["--overwrite-destination=true", "--verbose"]
    assert "neo4j" not in words


def test_schema_constrains_every_label_and_indexes_the_events_date_bounds_only(corpus):
    folder = written(corpus)
    schema = folder["schema.cypher"].decode()
    assert schema.endswith(";\n")
    for name in folder:
        if name.startswith("nodes-"):
            label = name.removeprefix("nodes-").removesuffix(".csv")
            assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;" in schema
    indexes = [line for line in schema.splitlines() if line.startswith("CREATE INDEX")]
    expected = [f"FOR (n:Event) ON (n.{bound});" for bound in DATE_BOUNDS] + ["FOR (n:Quote) ON (n.about);"]
    assert [line.split(" IF NOT EXISTS ")[1] for line in indexes] == expected
    comments = " ".join(line for line in schema.splitlines() if line.startswith("//"))
    assert "events' date bounds" in comments
    assert "relation" not in comments
    assert list(folder)[-2:] == ["import.sh", "schema.cypher"]


def test_the_csv_files_are_streamed_a_chunk_at_a_time_with_the_same_bytes(monkeypatch):
    graph = kgraph.KnowledgeGraph.load(SEEDS).graph
    whole = written(graph)
    folder = files(graph)
    streams = {id(content) for name, content in folder.items() if name.endswith(".csv")}
    assert len(streams) == 1
    assert all(isinstance(folder[n], Stream) for n in folder if n.endswith(".csv"))
    assert all(isinstance(folder[n], bytes) for n in ("import.sh", "schema.cypher"))
    monkeypatch.setattr(neo4j, "CHUNK", 2000)
    writes: dict[str, list[int]] = {}

    class Recorder(io.BytesIO):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

        def write(self, data: Any) -> int:
            writes.setdefault(self.name, []).append(len(data))
            return super().write(data)

    stream = folder["nodes-Person.csv"]
    assert isinstance(stream, Stream)
    handles = {name: Recorder(name) for name in stream.names}
    stream.write(handles)
    assert {name: h.getvalue() for name, h in handles.items()} == {n: whole[n] for n in stream.names}
    longest = max(len(line) for data in whole.values() for line in data.splitlines(keepends=True))
    big = [name for name in stream.names if len(whole[name]) > 3 * (2000 + longest)]
    assert big
    for name in big:
        assert max(writes[name]) <= 2 * (2000 + longest), name


def test_numbers_that_are_not_finite_are_refused_naming_the_node_by_both_exports():
    with pytest.raises(ModelError, match="lat: inf"):
        neo4j.cell("lat", float("inf"), "|")
    for value in (float("inf"), float("nan")):
        graph = hostile_graph()
        graph.nodes["a"]["lat"] = value
        with pytest.raises(ModelError, match=r"a: lat is (inf|nan)"):
            files(graph)
        with pytest.raises(ModelError, match=r"a: lat is (inf|nan)"):
            to_cypher(graph)
    graph = hostile_graph()
    graph.nodes["c"]["figures"] = [{"measure": "killed", "value": float("-inf")}]
    with pytest.raises(ModelError, match=r"figure:c:1: value is -inf"):
        files(graph)


@pytest.mark.parametrize("text", ["autumn 2020", "2020-02-30", "20201029", "2020-10"])
def test_a_date_property_that_is_not_a_day_is_refused_before_anything_is_written(text, tmp_path):
    graph = hostile_graph()
    graph.nodes["c"]["earliest"] = text
    with pytest.raises(ModelError, match=rf"c: earliest is '{text}', not a day"):
        files(graph)
    with pytest.raises(ModelError, match=r"c: earliest"):
        export_folder(graph, "neo4j", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_corpus_term_never_shares_a_label_or_relationship_type_with_the_model(tmp_path):
    kg = kgraph.KnowledgeGraph.load(colliding_corpus(tmp_path / "corpus"))
    found = read(written(kg.graph))
    labels = {node: labels for node, (labels, _) in found["nodes"].items()}
    assert labels["kora-sit-in"] == ("Event", "EventPerson")
    assert labels["tents-sent"] == ("Event", "EventSource")
    for node, data in kg.graph.nodes(data=True):  # each group's label is on its own nodes only
        assert [label for label in labels[node] if label in GROUPS] == [data["kind"].capitalize()]
    by_type: dict[str, set[str]] = {}
    for type_, start, _, props in found["relationships"]:
        by_type.setdefault(type_, set()).add("edge" if props.get("kind") in GRAPH_EDGE_KINDS else labels[start][0])
    for type_ in EVIDENCE_TYPES:
        assert "edge" not in by_type.get(type_, set()), type_
    types = {(p["kind"], p["type"]): t for t, _, _, p in found["relationships"] if p.get("kind") in GRAPH_EDGE_KINDS}
    assert types[("participation", "via")] == "PARTICIPATION_VIA"
    assert types[("relation", "supports")] == "RELATION_SUPPORTS"
    assert types[("relation", "mentioned_in")] == "RELATION_MENTIONED_IN"
    assert types[("relation", "match")] == "MATCH"


def test_two_terms_that_would_share_a_name_are_refused_naming_both():
    names = Names()
    assert names.relationship("relation", "supports", "r1") == "RELATION_SUPPORTS"
    with pytest.raises(ModelError, match=r"r2: the terms .*'supports'.*'relation_supports'.*RELATION_SUPPORTS"):
        names.relationship("relation", "relation_supports", "r2")
    assert names.label("person", "e1") == "EventPerson"
    with pytest.raises(ModelError, match=r"e2: .*'person'.*'event_person'.* EventPerson"):
        names.label("event_person", "e2")
    assert names.relationship("location", "place", "l1") == names.relationship("participation", "place", "p1")


def test_the_array_delimiter_is_in_no_value_and_refused_when_none_is_free():
    graph = hostile_graph()
    graph.nodes["a"]["aliases"] = [{"name": "one|two"}, {"name": "three;four"}, {"name": 'multi\nline "q", x'}]
    folder = written(graph)
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
    first = written(kgraph.KnowledgeGraph.load(SEEDS).graph)
    assert first == written(kgraph.KnowledgeGraph.load(SEEDS).graph)
    out = export_folder(kgraph.KnowledgeGraph.load(SEEDS).graph, "neo4j", tmp_path / "neo4j")
    assert {w.path.name: w.path.read_bytes() for w in out} == first
