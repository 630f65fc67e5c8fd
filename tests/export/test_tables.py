"""The CSV tables (``kgraph export --format csv``): the columns Gephi and Kumu read, a row for every node, edge
and quote, the formula guard on every text field, and the same bytes for the same graph."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

import kgraph
from kgraph.cli.main import main
from kgraph.export.evidence_table import quote_count
from kgraph.export.tables import EDGES, EVIDENCE, NODES, tables

from ..helpers import FIXTURES, SEEDS, folder_files
from .spreadsheets import (
    CORPUS_PAYLOADS,
    PAYLOADS,
    guarded,
    hostile_corpus,
    poisoned,
    quotes_in,
    read_csv_rows,
    starts_like_formula,
)


def csv_files(graph) -> dict[str, bytes]:
    """The three CSV files of ``graph``, written in memory through the stream a folder export runs."""
    return folder_files(graph, "csv")


def as_dicts(data: bytes) -> list[dict[str, str]]:
    header, *rows = read_csv_rows(data)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.fixture(scope="module")
def seeds():
    return kgraph.KnowledgeGraph.load(SEEDS)


def test_gephi_and_kumu_find_their_columns(seeds):
    """Kumu needs Label (or ID) in A1 for elements and From, To right after ID for connections; Gephi finds Id,
    Label, Source, Target, Type, Kind, Weight by name whatever the case, and refuses a name given twice."""
    written = csv_files(seeds.graph)
    nodes, edges = (read_csv_rows(written[name])[0] for name in (NODES, EDGES))
    assert nodes[:7] == ["ID", "Label", "Type", "Description", "Tags", "Start", "End"]
    assert edges[:3] == ["ID", "From", "To"]
    assert {"Source", "Target", "Type", "Kind", "Label", "Weight", "direction"} <= set(edges)
    for header in (nodes, edges, read_csv_rows(written[EVIDENCE])[0]):
        assert len({name.lower() for name in header}) == len(header)
    assert "source" not in {name.lower() for name in nodes}  # Gephi would take it for an edges table


def test_every_node_edge_and_quote_has_its_row(seeds):
    graph = seeds.graph
    written = csv_files(graph)
    nodes, edges, evidence = (as_dicts(written[name]) for name in (NODES, EDGES, EVIDENCE))
    assert [row["ID"] for row in nodes] == list(graph.nodes)
    assert [row["Label"] for row in nodes] == [data["label"] for _, data in graph.nodes(data=True)]
    assert Counter((row["From"], row["To"], row["Type"]) for row in edges) == Counter(
        (u, v, data["type"]) for u, v, data in graph.edges(data=True)
    )
    assert all(row["Source"] == row["From"] and row["Target"] == row["To"] for row in edges)
    assert len({row["ID"] for row in edges}) == len(edges)
    assert len(evidence) == quotes_in(seeds.corpus) == quote_count(graph)
    ids = {row["ID"] for row in nodes} | {row["ID"] for row in edges}
    assert all((row["node"] or row["edge"]) in ids for row in evidence)


def test_each_quote_says_what_it_is_evidence_of(claims):
    """The claims corpus: a relayed denial of a relation, competing figures, a participant added later."""
    rows = as_dicts(csv_files(claims.graph)[EVIDENCE])
    assert len(rows) == quotes_in(claims.corpus)
    denial = next(row for row in rows if row["stance"] == "denies" and row["edge"])
    assert (denial["edge_source"], denial["edge_target"], denial["edge_key"]) == (
        "army",
        "region",
        "army--located-in--region",
    )
    assert (denial["claimed_by"], denial["via"]) == ("republic", "foreign-ministry; defence-ministry")
    assert denial["source_title"] == "The town fell"
    figures = [row for row in rows if row["figure"]]
    assert {row["figure"] for row in figures} >= {"killed: 2", "killed: between 2 and 5", "population: about 20,000"}
    assert all(row["node"] and not row["edge"] for row in figures)
    # an event's quotes are listed under the event, never again under its participants' edges
    assert not [row for row in rows if row["edge_key"] in ("agent", "affected")]


def test_tags_and_direction_for_kumu(claims):
    written = csv_files(claims.graph)
    nodes = {row["ID"]: row for row in as_dicts(written[NODES])}
    assert nodes["fall-of-town"]["Tags"] == "event|occurred|denies"
    assert nodes["fall-of-town"]["Start"] == nodes["fall-of-town"]["End"] == "2020-11-08"
    assert nodes["army"]["Tags"] == "organization"
    assert nodes["army"]["Start"] == ""
    edges = as_dicts(written[EDGES])
    assert {row["direction"] for row in edges} == {"directed"}
    located = next(row for row in edges if row["Type"] == "located_in")
    assert located["Tags"] == "relation|denies"
    assert located["Kind"] == "located_in"


def test_tags_list_the_stances_of_the_vocabulary_in_use():
    """The stances tags list come from the vocabulary in use, in its order, never from a list of the module's."""
    import networkx as nx

    from kgraph.annotations.terms import Terms, using

    graph = nx.MultiDiGraph()
    quotes = [{"quote": "q", "stance": stance} for stance in ("doubts", "disputes", "supports", "denies")]
    graph.add_node("e", kind="event", status="occurred", evidence=quotes)
    with using(Terms.extended({"stance": {"doubts": "The quote doubts the fact."}})):
        row = next(row for name, row in tables(graph).rows() if name == NODES)
    assert row[4] == "event|occurred|denies|disputes|doubts"


def test_a_symmetric_relation_is_undirected_for_kumu(seeds):
    edges = as_dicts(csv_files(seeds.graph)[EDGES])
    symmetric = [row for row in edges if row["symmetric"] == "true"]
    assert symmetric
    assert all(row["direction"] == "undirected" for row in symmetric)


@pytest.mark.hostile
@pytest.mark.parametrize("payload", CORPUS_PAYLOADS)
def test_a_payload_in_every_field_of_a_corpus_stays_inert(tmp_path, payload):
    import pandas as pd

    kg = kgraph.KnowledgeGraph.load(hostile_corpus(tmp_path / "corpus", payload))
    written = csv_files(kg.graph)
    guarded_columns: dict[str, set[str]] = {}
    for name, data in written.items():
        table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        assert len(table) == len(read_csv_rows(data)) - 1
        for column in table.columns:
            for text in table[column]:
                assert not starts_like_formula(text), (name, column, text)
                if guarded(text):
                    guarded_columns.setdefault(name, set()).add(column)
    assert len(as_dicts(written[EVIDENCE])) == quotes_in(kg.corpus) == 6
    assert [row["lon"] for row in as_dicts(written[NODES]) if row["lon"]] == ["-46.75"]  # a number stays one
    # the columns whose cells start with a field's text (others hold it inside JSON or after a word)
    expected = {
        NODES: {"Description", "notes", "date_note"},
        EDGES: {"Description", "note"},
        EVIDENCE: {"quote", "note"},
    }
    if payload.isprintable():  # a name cannot hold a tab
        expected[NODES] |= {"Label", "aliases_text"}
        expected[EVIDENCE] |= {"source_title", "source_outlet"}
    for name, columns in expected.items():
        assert columns <= guarded_columns.get(name, set()), (name, columns - guarded_columns.get(name, set()))


@pytest.mark.hostile
def test_a_payload_in_every_string_of_a_graph_stays_inert_and_numbers_stay_numbers(seeds):
    graph = poisoned(seeds.graph)
    written = csv_files(graph)
    cells = [text for data in written.values() for row in read_csv_rows(data) for text in row]
    assert not [text for text in cells if starts_like_formula(text)]
    for payload in PAYLOADS:
        assert sum(text.startswith("'" + payload) for text in cells) > 100, payload
    nodes = as_dicts(written[NODES])
    assert {row["offset"] for row in nodes} == {"-2.5"}  # a negative number is a number, not text to guard
    assert all(guarded(row["original_id"]) for row in nodes)  # ids too


def test_the_same_graph_gives_the_same_bytes_in_rfc_4180_csv(seeds):
    first, second = csv_files(seeds.graph), csv_files(kgraph.KnowledgeGraph.load(SEEDS).graph)
    assert first == second
    for data in first.values():
        assert not data.startswith(b"\xef\xbb\xbf")  # no byte-order mark: Gephi would read it into the first name
        lines = data.split(b"\r\n")
        assert lines[-1] == b""
        assert all(b"\n" not in line or b'"' in line for line in lines)


def test_kgraph_export_csv_writes_the_folder(tmp_path, seeds):
    out = tmp_path / "tables"
    assert main(["export", str(SEEDS), "--format", "csv", "-o", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == csv_files(seeds.graph)


def test_a_graph_from_elsewhere_keeps_its_odd_names_apart(tmp_path: Path):
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("a b", label="A", Tags="mine", type="x", source="s", ID="own id")
    graph.add_node("c", label="C")
    graph.add_edge("a b", "c", key="k", From="f", weight=2.5)
    found = tables(graph)
    assert found.headers[NODES][7:] == ("attr_Tags", "attr_source", "attr_ID", "original_id")
    rows = [row for name, row in found.rows() if name == NODES]
    assert rows[0][:2] == ["a_x20_b", "A"]
    assert rows[0][-1] == "a b"
    edge = next(row for name, row in found.rows() if name == EDGES)
    assert "attr_From" in found.headers[EDGES]
    assert edge[9] == 2.5


def test_claims_fixture_counts_every_quote():
    kg = kgraph.KnowledgeGraph.load(FIXTURES / "claims")
    assert len(as_dicts(csv_files(kg.graph)[EVIDENCE])) == quotes_in(kg.corpus)
