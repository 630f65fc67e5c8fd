"""Links between events (confirms, causes, ...) in connections, paths, why and snapshots."""

from __future__ import annotations

from kgraph.corpus.corpus import Corpus
from kgraph.graph.knowledge import KnowledgeGraph


def test_connections_from_an_event_reach_the_events_linked_to_it(conflict):
    found = conflict.connections("capture-confirmed", depth=2)
    assert [(c.depth, c.entity, c.kind, c.name, c.link.type) for c in found] == [
        (1, "fall-of-oldtown", "event", "Fall of Oldtown", "confirms"),
        (2, "shelling-of-oldtown", "event", "Shelling of Oldtown", "causes"),
    ]
    assert found[1].link.a == "fall-of-oldtown"
    assert (found[1].link.a_roles, found[1].link.b_roles) == (("object",), ("subject",))
    assert found.to_records()[0]["kind"] == "event"


def test_connections_from_an_event_through_shared_events_find_nothing(conflict):
    assert conflict.connections("capture-confirmed", via="events") == []
    assert [c.entity for c in conflict.connections("fall-of-oldtown", via="relations")] == [
        "capture-confirmed",
        "shelling-of-oldtown",
    ]


def test_paths_run_through_links_between_events(conflict):
    path = conflict.path("capture-confirmed", "shelling-of-oldtown", via="relations")
    assert str(path) == (
        "The defence ministry confirms the fall of Oldtown -[confirms]-> Fall of Oldtown <-[causes]- Shelling of Oldtown"
    )
    assert [h.type for h in path.hops] == ["confirms", "causes"]
    assert all(h.supported for h in path.hops)
    assert [str(p) for p in conflict.paths("capture-confirmed", "shelling-of-oldtown", cutoff=2)] == [str(path)]


def test_a_path_over_a_relation_only_denied_says_so(conflict):
    path = conflict.path("Neighbourland forces", "Newtown", via="relations")
    assert str(path) == "Neighbourland forces -[located in, unsupported]-> Newtown"
    assert [h.supported for h in path.hops] == [False]


def test_a_participant_whose_part_is_only_denied_is_an_unsupported_hop(conflict):
    c = conflict.corpus
    event = c.events["clash-near-oldtown"]
    agent = event.participants[1]
    denied = agent.model_copy(update={"evidence": [e for e in agent.evidence if e.denies]})
    events = {**c.events, event.id: event.model_copy(update={"participants": [event.participants[0], denied]})}
    kg = KnowledgeGraph(Corpus(c.root, c.sources, c.entities, events, c.relations, {}, {}))
    path = kg.path("Neighbourland forces", "clash-near-oldtown", via="events")
    assert [h.supported for h in path.hops] == [False]
    assert [h.supported for h in conflict.path("Neighbourland forces", "clash-near-oldtown", via="events").hops] == [
        True
    ]


def test_a_snapshot_keeps_a_link_between_events_only_with_both_events(conflict):
    october = conflict.snapshot("2020-10-01/2020-10-31")
    assert "shelling-of-oldtown" in october
    assert "fall-of-oldtown" not in october  # on 9 November, as the later report says
    assert not any(kind == "relation" and u in conflict.corpus.events for u, _, kind in october.edges(data="kind"))
    november = conflict.snapshot("2020-10/2020-11")
    assert november.has_edge("shelling-of-oldtown", "fall-of-oldtown")
    assert november.has_edge("capture-confirmed", "fall-of-oldtown")


def test_why_finds_an_event_inside_a_larger_one(conflict):
    c = conflict.corpus
    event = c.events["newtown-clash"].model_copy(update={"part_of": "fall-of-oldtown"})
    kg = KnowledgeGraph(Corpus(c.root, c.sources, c.entities, {**c.events, event.id: event}, c.relations, {}, {}))
    [link] = kg.why("fall-of-oldtown", "newtown-clash")
    assert (link.via, link.a_roles, link.b_roles, link.supported) == ("part_of", ("whole",), ("part",), True)
