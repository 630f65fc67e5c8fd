"""The graph is filled as networkx's own methods fill it, without their copies; what its attributes share."""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx
import pytest

import kgraph
from kgraph.annotations.evidence import all_evidence
from kgraph.corpus.corpus import Corpus
from kgraph.graph import build
from kgraph.graph.build import build_graph


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    from kgraph.synth.corpus import write

    folder = tmp_path_factory.mktemp("synthetic") / "corpus"
    write(folder, events=400, seed=5)
    return kgraph.load(folder)


def same_graphs(ours: nx.MultiDiGraph, theirs: nx.MultiDiGraph) -> None:
    """Equal, and in the same order everywhere: nodes, each node's out- and in-edges, and every attribute."""
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    for node in theirs:
        assert list(ours.in_edges(node, keys=True, data=True)) == list(theirs.in_edges(node, keys=True, data=True))
        assert list(ours.adj[node]) == list(theirs.adj[node])
        assert list(ours.pred[node]) == list(theirs.pred[node])
    assert ours.graph == theirs.graph


def recording(filler: type[build._Filler], nodes: list[Any], edges: list[Any]) -> type[build._Filler]:
    """The filler, noting each node and edge it is given (a copy of its attributes) in ``nodes`` and ``edges``."""

    class Recording(filler):  # type: ignore[misc, valid-type]
        def node(self, node: str, data: dict[str, Any]) -> None:
            nodes.append((node, dict(data)))
            super().node(node, data)

        def edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> None:
            edges.append((u, v, key, dict(data)))
            super().edge(u, v, key, data)

    return Recording


def test_the_graph_is_the_one_networkx_builds_from_the_same_nodes_and_edges(synthetic, seeds, monkeypatch):
    for corpus in (seeds, synthetic):
        nodes: list[tuple[str, dict[str, Any]]] = []
        edges: list[tuple[str, str, str, dict[str, Any]]] = []
        monkeypatch.setattr(build, "_Filler", recording(build._Filler, nodes, edges))
        ours = build_graph(corpus)
        monkeypatch.undo()
        theirs = nx.MultiDiGraph()
        theirs.add_nodes_from(nodes)
        theirs.add_edges_from(edges)
        theirs.graph.update(ours.graph)
        for n in theirs:  # the sources of each entity come last, after the edges, as they always did
            if "sources" in ours.nodes[n]:
                theirs.nodes[n]["sources"] = ours.nodes[n]["sources"]
        assert len(edges) == ours.number_of_edges() > 0
        same_graphs(ours, theirs)


def test_an_edge_to_no_node_and_an_edge_added_twice_fill_as_in_networkx():
    ours, theirs = nx.MultiDiGraph(), nx.MultiDiGraph()
    fill = build._Filler(ours)
    nodes = [("a", {"kind": "person"}), ("b", {"kind": "place"}), ("a", {"label": "A"})]
    edges = [("a", "b", "k", {"x": 1}), ("a", "ghost", "k", {"x": 2}), ("a", "b", "k", {"y": 3}), ("b", "b", "k", {})]
    for n, d in nodes:
        fill.node(n, dict(d))
    for u, v, k, d in edges:
        fill.edge(u, v, k, dict(d))
    theirs.add_nodes_from(nodes)
    theirs.add_edges_from(edges)
    same_graphs(ours, theirs)
    assert ours.nodes["ghost"] == {}
    assert ours.edges["a", "b", "k"] == {"x": 1, "y": 3}


def test_a_participant_without_evidence_of_its_own_shares_the_event_s_list(seeds):
    graph = build_graph(seeds)
    shared = own = 0
    for event in seeds.events.values():
        evidence = graph.nodes[event.id]["evidence"]
        for participant in event.participants:
            on_edge = graph.edges[participant.actor, event.id, participant.role]["evidence"]
            if participant.evidence:  # its own first, then the event's: a list of its own
                own += 1
                assert on_edge is not evidence
                assert on_edge[len(participant.evidence) :] == evidence
            else:
                shared += 1
                assert on_edge is evidence
    assert shared
    assert own


def test_events_on_the_same_date_share_its_text_and_each_keeps_a_dict_of_its_own(synthetic):
    graph = build_graph(synthetic)
    by_date: dict[str, list[dict[str, Any]]] = {}
    for event in synthetic.events.values():
        by_date.setdefault(event.date.edtf, []).append(graph.nodes[event.id])
    pairs = [(a, b) for same in by_date.values() if len(same) > 1 for a, b in itertools.pairwise(same)]
    assert pairs
    for a, b in pairs:
        assert a is not b
        assert a["earliest"] is b["earliest"]


def mentions_as_they_were(corpus: Corpus) -> dict[str, set[str]]:
    """The sources mentioning each entity, computed the plain way (kgraph's before it was made fast)."""
    mentioned: dict[str, set[str]] = {}
    for item in [*corpus.entities.values(), *corpus.events.values(), *corpus.relations.values()]:
        for figure in getattr(item, "figures", ()):
            for e in figure.evidence:
                if figure.counts and e.source:
                    mentioned.setdefault(figure.counts, set()).add(e.source)
        for e in all_evidence(item):
            for actor in (*e.claimed_by, *e.via):
                if e.source:
                    mentioned.setdefault(actor, set()).add(e.source)
    for event in corpus.events.values():
        sources = {e.source for e in event.evidence if e.source}
        for participant in event.participants:
            own = {e.source for e in participant.evidence if e.source}
            mentioned.setdefault(participant.actor, set()).update(sources, own)
        if event.place:
            mentioned.setdefault(event.place, set()).update(sources)
    for relation in corpus.relations.values():
        sources = {e.source for e in relation.evidence if e.source}
        for end in (relation.subject, relation.object):
            mentioned.setdefault(end, set()).update(sources)
    return mentioned


def test_the_sources_mentioning_each_entity_are_as_they_were(seeds, synthetic):
    for corpus in (seeds, synthetic):
        assert corpus.mentions() == mentions_as_they_were(corpus)
    assert any(e.claimed_by for event in synthetic.events.values() for e in event.evidence)


def test_claimants_relayers_and_counted_actors_are_mentioned_where_they_are_quoted(tmp_path):
    from kgraph.annotations.models import Event

    event = Event.model_validate(
        {
            "id": "e",
            "type": "statement",
            "title": "A statement",
            "date": "2020",
            "date_basis": "stated",
            "participants": [{"actor": "p", "role": "speaker", "evidence": [{"quote": "own", "source": "s3"}]}],
            "evidence": [{"quote": "q", "source": "s1", "claimed_by": "c", "via": ["r"]}],
            "figures": [{"measure": "killed", "value": 2, "counts": "k", "evidence": [{"quote": "n", "source": "s2"}]}],
        }
    )
    corpus = Corpus(tmp_path, {}, {}, {"e": event}, {}, {}, {})
    expected = {"p": {"s1", "s3"}, "c": {"s1"}, "r": {"s1"}, "k": {"s2"}}
    assert corpus.mentions() == mentions_as_they_were(corpus) == expected
