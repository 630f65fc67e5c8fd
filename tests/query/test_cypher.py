"""Cypher over the knowledge graph, with labels for kinds, types, roles and relation types."""

from __future__ import annotations

import pytest

from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.query.cypher import CypherError, labelled


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_node_labels_are_kind_and_type(kg):
    view = labelled(kg.graph)
    assert view.nodes["azerbaijani-army"]["__labels__"] == {"Organization", "armed_force"}
    assert view.nodes["stepanakert-rally"]["__labels__"] == {"Event", "protest"}
    assert "__labels__" not in kg.graph.nodes["stepanakert-rally"]


def test_match_by_role_labels(kg):
    result = kg.cypher("MATCH (o)-[:organizer]->(e:protest) RETURN o.id, e.id")
    assert sorted((row["o.id"], row["e.id"]) for row in result) == [
        ("arthur-osipyan", "stepanakert-rally"),
        ("popular-movement-to-unblock-the-corridor", "planned-gathering"),
        ("popular-movement-to-unblock-the-corridor", "stepanakert-rally"),
    ]


def test_where_on_dates_and_relation_types(kg):
    late = [row["e.id"] for row in kg.cypher('MATCH (e:Event) WHERE e.earliest >= "2023-07-12" RETURN e.id')]
    assert set(late) == {
        e.id for e in kg.corpus.events.values() if e.date.earliest and e.date.earliest.isoformat() >= "2023-07-12"
    }
    controls = kg.cypher("MATCH (a)-[:controls]->(p:Place) RETURN a.id, p.id")
    assert sorted(row["p.id"] for row in controls) == ["karabakh-iran-border", "southern-karabakh"]


def test_whole_nodes_come_back_without_internal_labels(kg):
    result = kg.cypher('MATCH (p:Person) WHERE p.id == "gegham-stepanyan" RETURN p')
    [row] = result
    node = row["p"]
    assert isinstance(node, dict)
    assert node["label"] == "Gegham Stepanyan"
    assert "__labels__" not in node


@pytest.mark.parametrize(
    "query",
    [
        'MATCH (a)-[r]->(b) WHERE a.id == "gegham-stepanyan" AND b.id == "stepanyan-appeal-to-icrc" RETURN r.type',
        'MATCH (a {id: "gegham-stepanyan"})-[r]->(b {id: "stepanyan-appeal-to-icrc"}) RETURN r.type',
    ],
)
def test_a_query_that_fixes_both_ends_of_an_edge_finds_it(kg, query):
    # kgraph's edges are keyed by role or relation id; grand-cypher once checked such matches as (u, v, 0)
    assert kg.cypher(query).to_records() == [{"r.type": "speaker"}]


def test_a_place_and_a_date_window_together(kg):
    query = (
        'MATCH (e:Event)-[:place]->(x)-[:part_of*0..5]->(p) WHERE p.id == "stepanakert" '
        'AND e.earliest >= "2023-07-01" AND e.earliest <= "2023-07-31" RETURN e.id'
    )
    expected = {
        e.id
        for e in kg.events(at="stepanakert")
        if e.date.earliest and "2023-07-01" <= e.date.earliest.isoformat() <= "2023-07-31"
    }
    assert expected
    assert {row["e.id"] for row in kg.cypher(query)} == expected


def test_a_bad_query_is_a_clear_error(kg):
    with pytest.raises(CypherError, match="Cypher query failed"):
        kg.cypher("MATCH (e:Event RETURN e")


def test_text_in_single_quotes_is_told_to_go_in_double_quotes(kg):
    """Neo4j and FalkorDB read 'text'; grand-cypher reads only "text", and its parser's message does not say so."""
    with pytest.raises(CypherError, match=r'; text in a query goes in double quotes here \("2023-07"\), not single'):
        kg.cypher("MATCH (e:Event) WHERE e.earliest >= '2023-07-01' RETURN e.id")
    assert kg.cypher('MATCH (e:Event) WHERE e.earliest >= "2023-07-01" RETURN e.id')


def test_results_are_rows_that_become_records_like_every_query(kg):
    result = kg.cypher("MATCH (c)-[:capital_of]->(s:state) RETURN c.label, s.label")
    assert result == [{"c.label": "Stepanakert", "s.label": "Artsakh Republic"}]
    assert result.to_records() == list(result)
    assert result.truncated is None
