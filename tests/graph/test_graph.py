"""The knowledge graph built from the seed corpus: its shape, attributes and sanity."""

from __future__ import annotations

import copy
from typing import Any

import networkx as nx
import pytest

import kgraph
from kgraph.corpus.corpus import Corpus
from kgraph.graph.knowledge import KnowledgeGraph, build_graph

from ..helpers import FIXTURES, SEEDS

OWN_TERMS = FIXTURES / "vocabulary" / "valid"


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_one_node_per_entity_and_event(kg, seeds):
    assert set(kg.graph) == set(seeds.entities) | set(seeds.events)
    assert kg.graph.number_of_nodes() == len(seeds.entities) + len(seeds.events)


def test_every_edge_joins_existing_nodes(kg, seeds):
    # networkx makes a bare node for an endpoint it has not seen: compare with the corpus's ids, not the graph's
    ids = set(seeds.entities) | set(seeds.events)
    for u, v, key in kg.graph.edges(keys=True):
        assert {u, v} <= ids, (u, v, key)
    assert set(kg.graph) == ids


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
        "claimed_by": ["gegham-stepanyan"],
    } in edge["evidence"]


def test_a_participants_own_evidence_comes_first(kg):
    edge = kg.graph.edges["azerbaijan", "blockade-of-artsakh", "agent"]
    assert edge["evidence"][0] == {
        "quote": "being literally besieged by Azerbaijan",
        "source": "2023-07-blockade",
        "claimed_by": ["gegham-stepanyan"],
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
    shusha = dict(kg.graph.nodes["shusha"])
    assert shusha.pop("description").startswith("Historic town of about 20,000 inhabitants")
    assert shusha.pop("figures") == [
        {
            "measure": "population",
            "value": 20000,
            "qualifier": "about",
            "evidence": [
                {"quote": "this strategic town of about 20,000 inhabitants", "source": "2020-10-shusha-appeal"}
            ],
        }
    ]
    assert shusha == {
        "kind": "place",
        "type": "town",
        "label": "Shusha",
        "aliases": [
            {
                "name": "Shushi",
                "lang": "hy-Latn",
                "note": 'Armenian name, used by Harutyunyan ("referring to the town\u2019s Armenian name").',
            },
            {"name": "\u015eu\u015fa", "lang": "az", "note": "Azerbaijani name, added from general knowledge."},
        ],
        "notes": "Coordinates added from general knowledge.",
        "part_of": "nagorno-karabakh",
        "lat": 39.7581,
        "lon": 46.7487,
        "sources": ["2020-10-shusha-appeal"],
    }


def _dump(corpus: Corpus) -> dict[str, Any]:
    parts = ("sources", "entities", "events", "relations")
    return {part: {k: m.model_dump() for k, m in getattr(corpus, part).items()} for part in parts}


def _spoil(value: Any) -> None:
    """Empty every list and dict inside a value, depth first: what a caller editing the graph in place might do."""
    inner = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in list(inner):
        _spoil(item)
    if isinstance(value, dict | list):
        value.clear()


def test_building_does_not_change_the_corpus():
    corpus = kgraph.load(SEEDS)  # its own copy: the session's seeds must survive a failure here
    before = copy.deepcopy(_dump(corpus))
    graph = build_graph(corpus)
    _spoil(graph.graph)
    for _, data in graph.nodes(data=True):
        _spoil(data)
    for *_, data in graph.edges(keys=True, data=True):
        _spoil(data)
    assert _dump(corpus) == before


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


def test_a_corpus_without_terms_of_its_own_has_no_vocabulary_in_its_graph(kg):
    assert "vocabulary" not in kg.graph.graph


def test_a_corpus_own_terms_are_in_its_graph_shaped_like_its_vocabulary_file():
    from kgraph.corpus.yamlfile import parse_yaml

    graph = KnowledgeGraph.load(OWN_TERMS).graph
    written = parse_yaml((OWN_TERMS / "vocabulary.yaml").read_text(encoding="utf-8"), "vocabulary.yaml")[0]
    written["event_types"]["sit_in"]["cameo"] = "14"  # written as a number, kept as the code
    del written["measures"]["fuel"]["summable"]  # written as the default
    assert graph.graph["vocabulary"] == written
    sit_in = graph.nodes["kora-sit-in"]
    assert (sit_in["type"], sit_in["acled_event_type"], sit_in["acled_sub_event_type"], sit_in["cameo"]) == (
        "sit_in",
        "Protests",
        "Peaceful protest",
        "14",
    )
    assert graph.edges["aid-fund", "kora-council", "aid-fund--funds--kora-council"]["type"] == "funds"


def test_a_corpus_with_terms_of_its_own_reads_back_equal_from_graph_json():
    from kgraph.annotations.terms import DEFAULT, active
    from kgraph.export.nodelink import to_json

    kg = KnowledgeGraph.load(OWN_TERMS)
    again = KnowledgeGraph.from_json(to_json(kg.graph))
    for table in ("sources", "entities", "events", "relations", "terms"):
        assert getattr(again.corpus, table) == getattr(kg.corpus, table), table
    assert list(again.graph.nodes(data=True)) == list(kg.graph.nodes(data=True))
    assert list(again.graph.edges(keys=True, data=True)) == list(kg.graph.edges(keys=True, data=True))
    assert again.graph.graph == kg.graph.graph
    assert active() is DEFAULT


def test_a_graph_whose_vocabulary_is_not_kgraphs_is_refused():
    graph = build_graph(kgraph.load(OWN_TERMS))
    graph.graph["vocabulary"]["roles"]["negotiator"]["allowed"] = ["someone"]
    with pytest.raises(kgraph.KgraphError) as raised:
        KnowledgeGraph.from_graph(graph)
    assert str(raised.value) == (
        "not a kgraph graph: its vocabulary: roles.negotiator.allowed[0]: unknown entity type 'someone' "
        "(one of: person, organization, group, place)"
    )
    del graph.graph["vocabulary"]  # without it, the corpus's own terms are unknown
    with pytest.raises(kgraph.KgraphError) as raised:
        KnowledgeGraph.from_graph(graph)
    assert str(raised.value) == "not a kgraph graph: organization kind: unknown organization kind ('residents_council')"
