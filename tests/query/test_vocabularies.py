"""Queries know a corpus's own terms (event types, statuses, roles, measures) and refuse unknown ones with a
suggestion."""

from __future__ import annotations

import pytest

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.terms import Terms
from kgraph.corpus.corpus import Corpus
from kgraph.errors import UsageError
from kgraph.graph.knowledge import KnowledgeGraph

TERMS = Terms.extended(
    {"event type": {"sit_in": "A sit-in protest."}, "event status": {"rumoured": "Only rumoured."}},
    roles={"witness": vocab.Role("Saw it happen.", vocab.ACTOR_TYPES)},
    measures={"shells": vocab.Measure("Shells fired.")},
)


@pytest.fixture(scope="module")
def own_terms(conflict) -> KnowledgeGraph:
    """The conflict corpus with a sit-in, only rumoured, that Testland witnessed and its ministry took part in."""
    c = conflict.corpus
    event = c.events["newtown-clash"]
    participants = [p.model_copy(update={"role": "witness"}) for p in event.participants]
    participants.append(participants[0].model_copy(update={"actor": "testland-mod"}))
    figure = event.figures[0].model_copy(update={"measure": "shells", "value": 40})
    changed = event.model_copy(
        update={"type": "sit_in", "status": "rumoured", "participants": participants, "figures": [figure]}
    )
    events = {**c.events, event.id: changed}
    return KnowledgeGraph(Corpus(c.root, c.sources, c.entities, events, c.relations, {}, {}, terms=TERMS))


def test_events_find_a_corpus_s_own_type_and_status(own_terms):
    assert [e.id for e in own_terms.events(type="sit_in")] == ["newtown-clash"]
    assert [e.id for e in own_terms.events(status="rumoured")] == ["newtown-clash"]
    assert [e.id for e in own_terms.events(type=["sit_in", "attack"])] == ["clash-near-oldtown", "newtown-clash"]


def test_connections_and_the_actor_network_take_a_corpus_s_own_role(own_terms):
    assert [c.entity for c in own_terms.connections("Testland", roles=["witness"])] == ["testland-mod"]
    assert list(own_terms.actor_network(roles=["witness"]).edges) == [("testland", "testland-mod")]


def test_figures_take_a_corpus_s_own_measure(own_terms):
    assert [(t.measure, t.text) for t in own_terms.figures(measure="shells")] == [("shells", "40")]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda kg: kg.events(type="sit_inn"), "unknown event type 'sit_inn'; did you mean 'sit_in'?"),
        (lambda kg: kg.events(status="rumored"), "unknown event status 'rumored'; did you mean 'rumoured'?"),
        (lambda kg: kg.connections("Testland", roles=["witnes"]), "unknown role 'witnes'; did you mean 'witness'?"),
        (lambda kg: kg.figures(measure="shell"), "unknown measure 'shell'; did you mean 'shells'?"),
    ],
)
def test_unknown_terms_are_refused_with_the_closest_one(own_terms, call, message):
    with pytest.raises(UsageError) as raised:
        call(own_terms)
    assert str(raised.value) == message


def test_kgraph_s_own_terms_do_not_know_a_corpus_s(conflict):
    with pytest.raises(UsageError, match="unknown event type 'sit_in'"):
        conflict.events(type="sit_in")
    with pytest.raises(UsageError, match=r"unknown role 'zzz' \(roles: agent, target, "):
        conflict.connections("Testland", roles=["zzz"])
