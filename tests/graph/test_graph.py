"""The knowledge graph built from the seed corpus: its shape, attributes and sanity."""

from __future__ import annotations

import copy

import networkx as nx
import pytest

import kgraph
from kgraph.graph.knowledge import KnowledgeGraph, build_graph

from ..paths import SEEDS


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_one_node_per_entity_and_event(kg, seeds):
    assert set(kg.graph) == set(seeds.entities) | set(seeds.events)
    assert kg.graph.number_of_nodes() == len(seeds.entities) + len(seeds.events)


def test_every_edge_joins_existing_nodes(kg):
    for u, v in kg.graph.edges():
        assert u in kg.graph
        assert v in kg.graph


def test_every_node_and_edge_has_kind_type_and_label(kg):
    for node, data in kg.graph.nodes(data=True):
        assert data["kind"] in {"person", "organization", "group", "place", "event"}, node
        assert data["type"]
        assert data["label"].strip()
    for u, v, key, data in kg.graph.edges(keys=True, data=True):
        assert data["kind"] in {"participation", "location", "part_of", "relation"}, (u, v, key)
        assert data["type"]
        assert data["label"].strip()


def test_no_attribute_is_none(kg):
    for _, data in kg.graph.nodes(data=True):
        assert None not in data.values()
    for _, _, data in kg.graph.edges(data=True):
        assert None not in data.values()


def test_edge_counts_follow_the_annotations(kg, seeds):
    kinds = [kind for _, _, kind in kg.graph.edges(data="kind")]
    assert kinds.count("participation") == sum(len(e.participants) for e in seeds.events.values())
    assert kinds.count("relation") == len(seeds.relations)
    assert kinds.count("location") == sum(1 for e in seeds.events.values() if e.place)
    part_of = sum(1 for e in seeds.events.values() if e.part_of) + sum(1 for p in seeds.places if p.part_of)
    assert kinds.count("part_of") == part_of


def test_participation_edges_are_keyed_by_role_and_carry_the_event(kg):
    edge = kg.graph.edges["gegham-stepanyan", "stepanyan-appeal-to-icrc", "speaker"]
    assert (edge["kind"], edge["role"], edge["earliest"], edge["latest"]) == (
        "participation",
        "speaker",
        "2023-07-12",
        "2023-07-12",
    )
    assert {
        "quote": "sound the alarm of danger and genocide.",
        "source": "2023-07-blockade",
        "claimed_by": "gegham-stepanyan",
    } in edge["evidence"]


def test_a_participants_own_evidence_comes_first(kg):
    edge = kg.graph.edges["azerbaijan", "blockade-of-artsakh", "agent"]
    assert edge["evidence"][0] == {
        "quote": "being literally besieged by Azerbaijan",
        "source": "2023-07-blockade",
        "claimed_by": "gegham-stepanyan",
    }


def test_open_bounds_are_left_out(kg):
    blockade = kg.graph.nodes["blockade-of-artsakh"]
    assert (blockade["date"], blockade["earliest"], blockade["precision"]) == ("2022-12~/..", "2022-12-01", "interval")
    assert "latest" not in blockade
    assert "latest_possible" not in blockade


def test_relations_are_keyed_by_their_id(kg):
    edge = kg.graph.edges["stepanakert", "artsakh-republic", "stepanakert--capital-of--artsakh-republic"]
    assert (edge["kind"], edge["type"], edge["label"]) == ("relation", "capital_of", "capital of")
    conflict = kg.graph.edges["artsakh-republic", "azerbaijan", "artsakh-republic--in-conflict-with--azerbaijan"]
    assert conflict["symmetric"] is True
    assert conflict["date"] == "2020-09~/.."


def test_entities_list_the_sources_that_mention_them(kg):
    assert kg.graph.nodes["azerbaijan"]["sources"] == ["2020-10-shusha-appeal", "2023-07-blockade"]
    assert kg.graph.nodes["icrc"]["sources"] == ["2023-07-blockade"]


def test_place_attributes(kg):
    shusha = kg.graph.nodes["shusha"]
    assert (shusha["part_of"], shusha["lat"], shusha["lon"]) == ("nagorno-karabakh", 39.7581, 46.7487)
    assert {
        "name": "Shushi",
        "lang": "hy-Latn",
        "note": "Armenian name, used by Harutyunyan (\u201creferring to the town\u2019s Armenian name\u201d).",
    }.keys() <= shusha["aliases"][0].keys()


def test_building_does_not_change_the_corpus(seeds):
    before = copy.deepcopy({k: e.model_dump() for k, e in seeds.events.items()})
    graph = build_graph(seeds)
    for _, data in graph.nodes(data=True):
        data.clear()
    assert {k: e.model_dump() for k, e in seeds.events.items()} == before


def test_building_twice_gives_the_same_graph(seeds):
    one, two = build_graph(seeds), build_graph(seeds)
    assert list(one.nodes(data=True)) == list(two.nodes(data=True))
    assert list(one.edges(keys=True, data=True)) == list(two.edges(keys=True, data=True))


def test_graph_is_weakly_connected_except_for_nothing(kg):
    assert nx.number_weakly_connected_components(kg.graph) == 1


def test_load_from_a_path():
    assert (
        KnowledgeGraph.load(SEEDS).graph.number_of_nodes()
        == kgraph.KnowledgeGraph(kgraph.load(SEEDS)).graph.number_of_nodes()
    )


def test_node_order_is_corpus_order(kg, seeds):
    assert list(kg.graph) == [*seeds.entities, *seeds.events]
