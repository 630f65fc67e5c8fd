"""``as_of``: every query answers on the graph as known from the sources published by a day."""

from __future__ import annotations

from datetime import date

import pytest

import kgraph
from kgraph.annotations.dates import TimeSpan
from kgraph.errors import NotFoundError, UsageError

BEFORE, AFTER = "2020-10-30", "2020-11-10"


def test_a_later_source_turns_a_predicted_fall_into_one_that_happened(conflict):
    before = {e.id: e for e in conflict.events(as_of=BEFORE)}
    after = {e.id: e for e in conflict.events(as_of=AFTER)}
    assert (before["fall-of-oldtown"].status, before["fall-of-oldtown"].date.edtf) == ("predicted", "[2020-10-29..]")
    assert (after["fall-of-oldtown"].status, after["fall-of-oldtown"].date.edtf) == ("occurred", "2020-11-09")
    assert [e.id for e in conflict.events(status="predicted", as_of=date(2020, 10, 30))] == ["fall-of-oldtown"]
    assert conflict.events(status="predicted", as_of=AFTER) == []
    assert conflict.events(status="predicted") == []  # without as_of: the latest known state


def test_the_timeline_as_of_a_day_shows_the_state_known_then(conflict):
    def state(as_of: str | None) -> tuple[str, str]:
        entry = next(t for t in conflict.timeline("Oldtown", as_of=as_of) if t.event == "fall-of-oldtown")
        return entry.status, entry.date

    assert state(BEFORE) == ("predicted", "[2020-10-29..]")
    assert state(AFTER) == state(None) == ("occurred", "2020-11-09")


def test_what_only_a_later_source_reports_is_unknown_before_it(conflict):
    assert len(conflict.why("capture-confirmed", "fall-of-oldtown", as_of=AFTER)) == 1
    with pytest.raises(NotFoundError):
        conflict.why("capture-confirmed", "fall-of-oldtown", as_of=BEFORE)
    assert [c.entity for c in conflict.connections("fall-of-oldtown", as_of=BEFORE)] == []
    assert [d.kind for d in conflict.disputes(as_of=BEFORE)] == ["participant", "figure", "relation"]
    assert "newtown-clash" not in {c.item for c in conflict.claims(as_of=BEFORE)}


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("connections", ("Testland",)),
        ("why", ("Neighbourland forces", "Oldtown")),
        ("path", ("Testland", "Oldtown")),
        ("paths", ("Testland", "Oldtown")),
        ("events", ()),
        ("timeline", ()),
        ("centrality", ()),
        ("communities", ()),
        ("disputes", ()),
        ("claims", ()),
        ("figures", ()),
        ("cypher", ("MATCH (e:Event) RETURN e.id, e.status",)),
    ],
)
def test_every_query_takes_as_of_and_answers_on_the_graph_known_then(conflict, method, args):
    earlier = conflict.as_of(BEFORE)
    assert getattr(conflict, method)(*args, as_of=BEFORE) == getattr(earlier, method)(*args)


def test_the_actor_network_and_snapshot_take_as_of(conflict):
    assert sorted(conflict.actor_network(as_of=BEFORE).nodes) == sorted(conflict.as_of(BEFORE).actor_network().nodes)
    snapshot = conflict.snapshot("2020", as_of=BEFORE)
    assert "capture-confirmed" not in snapshot
    assert snapshot.nodes["fall-of-oldtown"]["status"] == "predicted"


def test_as_of_is_made_once_per_day(conflict):
    assert conflict.as_of(BEFORE) is conflict.as_of(date(2020, 10, 30))
    assert conflict.as_of("2020-10") is conflict.as_of("2020-10-31")  # a month counts from its last day
    assert conflict.as_of(BEFORE) is not conflict.as_of(AFTER)
    assert sorted(conflict.as_of(BEFORE).corpus.sources) == ["a-report"]


@pytest.mark.parametrize("day", ["July", "2020-10-29/.."])
def test_a_day_that_is_not_one_is_a_usage_error(conflict, day):
    with pytest.raises(UsageError, match="as of "):
        conflict.events(as_of=day)


def test_a_source_counts_once_its_whole_publication_date_is_past():
    from kgraph.corpus.asof import known_sources

    corpus = kgraph.load("seeds")  # the blockade article: published "[2023-07-12,2023-07-13]"
    assert "2023-07-blockade" not in known_sources(corpus.sources, date(2023, 7, 12))
    assert "2023-07-blockade" in known_sources(corpus.sources, date(2023, 7, 13))
    uncertain = corpus.sources["2023-07-blockade"].model_copy(update={"published": TimeSpan.parse("2023-07-?13")})
    assert not known_sources({"doc": uncertain}, date(2023, 7, 13))  # possibly the 14th
    assert known_sources({"doc": uncertain}, date(2023, 7, 14)) == {"doc"}


def test_days_with_the_same_sources_share_one_graph_and_few_are_kept():
    kg = kgraph.KnowledgeGraph.load("seeds")
    assert kg.as_of("2020-10-30") is kg.as_of("2021-01-01")  # no source published in between
    first = kg.as_of("2020-10-30")
    for year in range(2024, 2040):  # each a later day, all with the same two sources: one graph
        kg.as_of(f"{year}-01-01")
    assert kg.as_of("2020-10-30") is first
    assert len(kg._known) == 2


def test_only_the_last_few_graphs_as_of_a_day_are_kept(monkeypatch):
    from kgraph.graph import knowledge

    monkeypatch.setattr(knowledge, "_KEEP_AS_OF", 1)
    kg = kgraph.KnowledgeGraph.load("seeds")
    first = kg.as_of("2020-10-30")
    kg.as_of("2024-01-01")
    assert len(kg._known) == 1
    assert kg.as_of("2020-10-30") is not first
