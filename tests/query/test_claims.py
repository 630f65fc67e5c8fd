"""Stance in links, why between events, disputes and claims, on the conflict corpus (``conftest.py``)."""

from __future__ import annotations

import pytest

from kgraph.annotations.evidence import Evidence
from kgraph.annotations.models import Event
from kgraph.corpus.corpus import Corpus
from kgraph.errors import NotFoundError, UsageError
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.query.results import Claim, Dispute, Side


def with_event(kg: KnowledgeGraph, event: Event) -> KnowledgeGraph:
    """The graph of ``kg``'s corpus with ``event`` in place of the event of its id."""
    c = kg.corpus
    return KnowledgeGraph(Corpus(c.root, c.sources, c.entities, {**c.events, event.id: event}, c.relations, {}, {}))


def test_a_denial_never_counts_as_support(conflict):
    [link] = conflict.why("Neighbourland forces", "Newtown")
    assert (link.via, link.type) == ("relation", "located_in")
    assert [e.stance for e in link.evidence] == ["denies"]
    assert link.supported is False
    assert link.support == ()
    assert [e.quote for e in link.against] == ["Neighbourland also denied any presence in Newtown"]
    assert link.evidence[0].claimed_by == ("neighbourland",)


def test_a_disputed_relation_keeps_both_sides_and_is_supported(conflict):
    link, at = conflict.why("Neighbourland forces", "Oldtown")  # the relation, then the attack at Oldtown
    assert (link.via, at.id) == ("relation", "clash-near-oldtown")
    assert link.supported is True
    assert [(e.stance, e.claimed_by) for e in link.evidence] == [
        ("supports", ("testland",)),
        ("denies", ("neighbourland",)),
    ]
    assert [e.stance for e in link.support] == ["supports"]
    assert [e.stance for e in link.against] == ["denies"]


def test_an_event_link_is_not_supported_when_a_part_in_it_is_only_denied(conflict):
    event = conflict.corpus.events["clash-near-oldtown"]
    agent = next(p for p in event.participants if p.actor == "neighbourland-forces")
    denied_only = agent.model_copy(update={"evidence": [e for e in agent.evidence if e.denies]})
    kg = with_event(conflict, event.model_copy(update={"participants": [event.participants[0], denied_only]}))
    [link] = kg.why("Testland", "Neighbourland forces")
    assert (link.id, link.supported) == ("clash-near-oldtown", False)
    [before] = conflict.why("Testland", "Neighbourland forces")
    assert before.supported is True  # one supporting quote for its part is enough


def test_why_between_two_events_shows_the_link_its_stance_and_chain(conflict):
    [link] = conflict.why("capture-confirmed", "fall-of-oldtown")
    assert (link.via, link.type, link.a_roles, link.b_roles) == ("relation", "confirms", ("subject",), ("object",))
    assert [(e.stance, e.claimed_by, e.source) for e in link.evidence] == [("supports", ("testland-mod",), "b-report")]
    [back] = conflict.why("fall-of-oldtown", "capture-confirmed")
    assert (back.type, back.a_roles) == ("confirms", ("object",))


def test_why_keeps_the_relayers_of_a_claim(conflict):
    link = next(c.link for c in conflict.connections("Testland", via="events") if c.entity == "neighbourland-forces")
    assert link.supported
    [claim] = [c for c in conflict.claims(by="foreign ministry") if c.kind == "event"]
    assert (claim.part, claim.claimed_by, claim.via) == ("relays", ("testland-mod",), ("testland-fm",))


def test_disputes_list_each_side_with_its_claimants_and_quotes(conflict):
    found = conflict.disputes()
    assert all(isinstance(d, Dispute) for d in found)
    assert [(d.kind, d.item) for d in found] == [
        ("participant", "clash-near-oldtown"),
        ("figure", "clash-near-oldtown"),
        ("relation", "neighbourland-forces--located-in--oldtown"),
    ]
    relation = found[2]
    assert relation.label == "Neighbourland forces located in Oldtown"
    assert relation.sides == (
        Side(
            stance="supports",
            claimants=("testland",),
            quotes=("in an attack by Neighbourland forces",),
            sources=("a-report",),
        ),
        Side(
            stance="denies",
            claimants=("neighbourland",),
            quotes=("Neighbourland denied that its forces were in Oldtown",),
            sources=("a-report",),
        ),
    )
    assert found[1].label == "killed 2 in: Attack near Oldtown"
    assert [s.claimants for s in found[1].sides] == [("testland",), ("neighbourland",)]


def test_a_fact_with_one_stance_is_no_dispute_and_the_source_is_a_claimant(conflict):
    assert "neighbourland-forces--located-in--newtown" not in {d.item for d in conflict.disputes()}
    event = conflict.corpus.events["fall-of-oldtown"]
    doubt = Evidence(
        quote="Oldtown fell on Monday", source="b-report", stance="disputes", claimed_by=("neighbourland",)
    )
    kg = with_event(conflict, event.model_copy(update={"evidence": [*event.evidence, doubt]}))
    [dispute] = [d for d in kg.disputes() if d.kind == "event"]
    assert [(s.stance, s.claimants) for s in dispute.sides] == [
        ("supports", ("a-report", "b-report")),
        ("disputes", ("neighbourland",)),
    ]


def test_claims_by_an_actor_list_its_claims_and_denials(conflict):
    found = conflict.claims(by="Neighbourland")
    assert all(isinstance(c, Claim) for c in found)
    assert [(c.part, c.stance, c.kind) for c in found] == [
        ("claims", "denies", "participant"),
        ("claims", "denies", "figure"),
        ("claims", "denies", "relation"),
        ("claims", "denies", "relation"),
    ]
    assert found[3].quote == "Neighbourland also denied any presence in Newtown"
    assert found[3].item == "neighbourland-forces--located-in--newtown"
    assert found[3].source == "a-report"
    testland = conflict.claims(by="testland")
    assert {c.stance for c in testland} == {"supports"}
    assert ("relation", "shelling-of-oldtown--causes--fall-of-oldtown") in {(c.kind, c.item) for c in testland}


def test_claims_without_an_actor_list_every_claimant_and_relayer(conflict):
    found = conflict.claims()
    assert {c.actor for c in found} == {"testland", "testland-mod", "testland-fm", "neighbourland"}
    assert {c.part for c in found if c.actor == "testland-fm"} == {"relays"}
    records = found.to_records()
    assert records[0]["claimed_by"] == ["testland-mod"]
    assert set(records[0]) == {
        "actor",
        "part",
        "stance",
        "kind",
        "item",
        "label",
        "quote",
        "source",
        "claimed_by",
        "via",
    }


def test_claims_by_refuses_an_event_and_an_unknown_name(conflict):
    with pytest.raises(UsageError, match="by must be an entity, not the event 'fall-of-oldtown'"):
        conflict.claims(by="fall-of-oldtown")
    with pytest.raises(NotFoundError, match="did you mean 'Neighbourland'"):
        conflict.claims(by="Neighbourlnd")


def test_disputes_become_records(conflict):
    record = conflict.disputes().to_records()[2]
    assert record["sides"][1] == {
        "stance": "denies",
        "claimants": ["neighbourland"],
        "quotes": ["Neighbourland denied that its forces were in Oldtown"],
        "sources": ["a-report"],
    }


def test_a_participant_whose_own_quotes_only_deny_is_disputed_against_the_events_quotes(tmp_path):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "article.txt").write_text(
        "Azerbaijan said Armenian forces shelled Terter. Armenia denied that its forces took part.", encoding="utf-8"
    )
    (tmp_path / "doc" / "annotations.yaml").write_text(
        """\
source: {id: doc, title: Doc, published: 2020-11-10, published_basis: stated, language: en, text: article.txt}
organizations:
  - {id: azerbaijan, name: Azerbaijan, kind: state}
  - {id: armenia, name: Armenia, kind: state}
  - {id: armenian-forces, name: Armenian forces, kind: armed_force}
events:
  - id: shelling
    type: shelling
    title: Shelling of Terter
    date: 2020-11
    date_basis: stated
    participants:
      - actor: armenian-forces
        role: agent
        evidence: [{quote: Armenia denied that its forces took part, stance: denies, claimed_by: armenia}]
    evidence: [{quote: Azerbaijan said Armenian forces shelled Terter, claimed_by: azerbaijan}]
""",
        encoding="utf-8",
    )
    [dispute] = KnowledgeGraph.load(tmp_path).disputes()
    assert (dispute.kind, [(s.stance, s.claimants) for s in dispute.sides]) == (
        "participant",
        [("supports", ("azerbaijan",)), ("denies", ("armenia",))],
    )
