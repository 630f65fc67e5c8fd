"""Issue 12's acceptance, on the corpus of the issue's sentences (tests/fixtures/claims)."""

from __future__ import annotations

import pytest

from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import ROOT


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.load(ROOT / "tests" / "fixtures" / "claims")


def test_the_denial_does_not_support_and_disputes_finds_both_sides(kg):
    link, at = kg.why("Armenian armed forces", "Nagorno-Karabakh")  # the relation, then the withdrawal from there
    assert (link.via, at.id) == ("relation", "withdrawal-from-karabakh")
    assert [e.stance for e in link.against] == ["denies"]
    assert all(e.stance == "supports" for e in link.support)
    [dispute] = [d for d in kg.disputes() if d.item == "armenian-forces-in-karabakh"]
    assert [(s.stance, s.claimants) for s in dispute.sides] == [
        ("supports", ("azerbaijani-defence-ministry",)),
        ("denies", ("armenia",)),
    ]


def test_the_confirmation_links_the_claim_to_the_fact(kg):
    assert [(link.type, link.supported) for link in kg.why("fall-confirmed", "capture-of-shusha")] == [
        ("confirms", True)
    ]
    assert [link.type for link in kg.why("capture-of-shusha", "shusha-may-fall")] == ["realizes"]


def test_as_of_before_and_after_gives_the_two_states(kg):
    def known(day: str) -> list[str]:
        return [e.id for e in kg.events(as_of=day) if e.id in ("capture-of-shusha", "shusha-may-fall")]

    assert known("2020-11-07") == ["shusha-may-fall"]
    assert known("2020-11-08") == ["shusha-may-fall", "capture-of-shusha"]
    war = [
        (e.status, e.date.edtf)
        for d in ("2020-11-09", "2020-11-10")
        for e in kg.events(as_of=d)
        if e.id == "karabakh-war-2020"
    ]
    assert war == [("ongoing", "2020-09-27/.."), ("occurred", "2020-09-27/2020-11-10")]


def test_figures_keep_competing_claims_apart(kg):
    totals = [
        (t.side, t.text)
        for t in kg.figures(measure="killed")
        if {f.item for f in t.figures} == {"fighting-near-shusha"}
    ]
    assert totals == [(("karabakh-defence-army",), "more than 100"), (("azerbaijani-defence-ministry",), "7")]
