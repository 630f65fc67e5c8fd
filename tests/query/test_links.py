"""Links seen from both ends: an event's place and its participants are connected each way, and ``why`` gives the
same links whichever of two names comes first."""

from __future__ import annotations

import itertools

import pytest

from kgraph.annotations.models import Event
from kgraph.corpus.corpus import Corpus
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.query.results import Link

from ..helpers import FIXTURES, SEEDS, kgraph_cli

CORPORA = [SEEDS, FIXTURES / "claims", FIXTURES / "readme"]


def seen_from(link: Link, end: str) -> tuple[object, ...]:
    """What a link says, with ``end``'s roles first, whichever end it was found from."""
    roles = (link.a_roles, link.b_roles) if link.a == end else (link.b_roles, link.a_roles)
    return (link.via, link.id, *roles, link.date, link.evidence, link.supported)


def with_events(kg: KnowledgeGraph, *events: Event) -> KnowledgeGraph:
    """The graph of ``kg``'s corpus with ``events`` added, or in place of the events of their ids."""
    c = kg.corpus
    every = {**c.events, **{e.id: e for e in events}}
    return KnowledgeGraph(Corpus(c.root, c.sources, c.entities, every, c.relations, {}, {}))


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


def test_why_between_an_actor_and_the_place_of_its_events_is_the_same_in_both_orders(kg):
    forth, back = kg.why("Arthur Osipyan", "Renaissance Square"), kg.why("Renaissance Square", "Arthur Osipyan")
    assert [(link.id, link.a_roles, link.b_roles) for link in forth] == [
        ("stepanakert-rally", ("organizer",), ("place",)),
        ("osipyan-interview", ("speaker",), ("place",)),
    ]
    assert [seen_from(link, "arthur-osipyan") for link in forth] == [seen_from(link, "arthur-osipyan") for link in back]
    assert sum(len(link.evidence) for link in forth) == 4


def test_the_command_line_prints_the_same_rows_in_both_orders():
    forth = kgraph_cli("query", "why", "seeds", "Arthur Osipyan", "Renaissance Square")
    back = kgraph_cli("query", "why", "seeds", "Renaissance Square", "Arthur Osipyan")
    assert (forth.returncode, back.returncode) == (0, 0)
    assert forth.stdout == back.stdout
    assert len(forth.stdout.splitlines()) == 2 + 4  # the header, its rule and a row for each quote


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_why_between_any_two_names_is_the_same_in_both_orders(corpus):
    kg = KnowledgeGraph.load(corpus)
    for a, b in itertools.combinations(sorted([*kg.corpus.entities, *kg.corpus.events]), 2):
        forth, back = kg.why(a, b), kg.why(b, a)
        assert [seen_from(link, a) for link in forth] == [seen_from(link, a) for link in back], (a, b)


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
@pytest.mark.parametrize("via", ["both", "events"])
def test_every_connection_is_seen_from_both_ends(corpus, via):
    kg = KnowledgeGraph.load(corpus)
    for a in sorted([*kg.corpus.entities, *kg.corpus.events]):
        for c in kg.connections(a, via=via):
            back = {seen_from(d.link, a) for d in kg.connections(c.entity, via=via) if d.entity == a}
            assert seen_from(c.link, a) in back, (a, c.entity, c.link.id)


def test_an_actor_is_connected_to_the_place_of_each_event_it_takes_part_in(kg):
    for via in ("both", "events"):
        at = [
            (c.link.id, c.link.a_roles, c.link.b_roles) for c in kg.connections("Osipyan", via=via) if c.kind == "place"
        ]
        assert at == [
            ("stepanakert-rally", ("organizer",), ("place",)),
            ("osipyan-interview", ("speaker",), ("place",)),
        ]
    assert not [c for c in kg.connections("Osipyan", via="relations") if c.kind == "place"]
    # the movement is the only participant of the planned gathering: its place is all that event links it to
    movement = [
        c.entity for c in kg.connections("Popular Movement to Unblock the Corridor") if c.link.id == "planned-gathering"
    ]
    assert movement == ["renaissance-square"]


def test_connections_of_a_place_still_show_everyone_taking_part_in_the_events_there(kg):
    found = [(c.entity, c.link.id, c.link.a_roles, c.link.b_roles) for c in kg.connections("Renaissance Square")]
    assert found == [
        ("stepanakert", "part_of", ("part",), ("whole",)),
        ("popular-movement-to-unblock-the-corridor", "stepanakert-rally", ("place",), ("organizer",)),
        ("arthur-osipyan", "stepanakert-rally", ("place",), ("organizer",)),
        ("rally-participants", "stepanakert-rally", ("place",), ("participant",)),
        ("arthur-osipyan", "osipyan-interview", ("place",), ("speaker",)),
        ("armenpress", "osipyan-interview", ("place",), ("interviewer",)),
        ("popular-movement-to-unblock-the-corridor", "planned-gathering", ("place",), ("organizer",)),
    ]


def test_a_place_that_takes_part_in_an_event_at_it_is_linked_once_by_its_part(kg):
    found = [
        (c.link.id, c.link.b_roles)
        for c in kg.connections("Azerbaijan", via="events")
        if c.entity == "southern-karabakh"
    ]
    assert found == [("azerbaijani-gains-in-southern-karabakh", ("target",))]
    assert [link.b_roles for link in kg.why("Azerbaijan", "southern-karabakh") if link.via == "event"] == [("target",)]


def test_a_role_filter_or_a_time_window_leaves_out_the_places_of_events(kg):
    assert [c.entity for c in kg.connections("Osipyan", via="events", roles=["organizer"])] == [
        "popular-movement-to-unblock-the-corridor"
    ]
    assert kg.connections("Osipyan", via="events", during="2020") == []


def test_a_place_link_is_supported_as_the_participant_s_part_is_from_either_end(conflict):
    event = conflict.corpus.events["clash-near-oldtown"]
    agent = next(p for p in event.participants if p.actor == "neighbourland-forces")
    denied_only = agent.model_copy(update={"evidence": [e for e in agent.evidence if e.denies]})
    kg = with_events(conflict, event.model_copy(update={"participants": [event.participants[0], denied_only]}))
    for a, b, supported in (("Neighbourland forces", "Oldtown", False), ("Testland", "Oldtown", True)):
        assert [(link.id, link.supported) for link in kg.why(a, b) if link.via == "event"] == [(event.id, supported)]
        assert [(link.id, link.supported) for link in kg.why(b, a) if link.via == "event"] == [(event.id, supported)]


def test_a_place_that_takes_part_in_one_event_and_is_the_place_of_another_gives_them_in_time_order(conflict):
    earlier = Event.model_validate(
        {
            "id": "oldtown-appeal",
            "type": "appeal",
            "title": "Oldtown appeals to Testland",
            "date": "2020-10-01",
            "date_basis": "stated",
            "participants": [{"actor": "oldtown", "role": "speaker"}, {"actor": "testland", "role": "addressee"}],
            "evidence": [{"quote": "q", "source": "a-report"}],
        }
    )
    kg = with_events(conflict, earlier)
    for a, b in (("Oldtown", "Testland"), ("Testland", "Oldtown")):
        assert [link.id for link in kg.why(a, b)] == ["oldtown-appeal", "clash-near-oldtown"]
