"""A state stands for its territory: connections show it as an actor and as a place."""

from __future__ import annotations

import pytest

import kgraph

from ..helpers import ROOT


@pytest.fixture(scope="module")
def claims() -> kgraph.KnowledgeGraph:
    return kgraph.KnowledgeGraph.load(ROOT / "tests" / "fixtures" / "claims")


def test_a_state_is_connected_as_an_actor_and_as_a_place(claims):
    rows = {(c.entity, c.link.via, c.link.a_roles) for c in claims.connections("Armenia")}
    assert ("yerevan", "part_of", ("whole",)) in rows  # a place inside it
    assert ("russian-armed-forces", "event", ("place",)) in rows  # an event at it
    assert ("azerbaijan", "event", ("party",)) in rows  # an event it takes part in


def test_places_are_connected_to_the_places_they_lie_in_and_contain():
    kg = kgraph.KnowledgeGraph.load("seeds")
    assert [(c.entity, c.link.a_roles) for c in kg.connections("Renaissance Square") if c.link.via == "part_of"] == [
        ("stepanakert", ("part",))
    ]
    assert [link.via for link in kg.why("Shusha", "Nagorno-Karabakh")] == ["part_of"]


def test_a_role_filter_leaves_out_what_happens_at_a_place(claims):
    roles = {c.link.a_roles for c in claims.connections("Armenia", roles=["party"]) if c.link.via == "event"}
    assert roles == {("party",)}


def test_events_at_a_state_and_its_timeline_include_what_happens_there(claims):
    at = [e.id for e in claims.events(at="Armenia")]
    assert "helicopter-downing" in at  # its place is the state
    assert "yerevan-protest" in at  # at a place inside it
    assert "helicopter-downing" in {t.event for t in claims.timeline("Armenia")}


def test_figures_involving_a_place_include_those_of_events_there():
    example = kgraph.KnowledgeGraph.load(ROOT / "tests" / "fixtures" / "readme")
    assert [t.text for t in example.figures(involving="Terter")] == ["about 20,000"]
    assert [t.text for t in example.figures(involving="Azerbaijan", measure="displaced")] == ["about 20,000"]


def test_an_event_may_be_named_by_its_title():
    example = kgraph.KnowledgeGraph.load(ROOT / "tests" / "fixtures" / "readme")
    [link] = example.why("Azerbaijan admits shooting down the helicopter", "russian helicopter shot down over armenia")
    assert (link.type, link.a, link.b) == ("confirms", "downing-admitted", "helicopter-downing")
