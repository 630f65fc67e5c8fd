"""Figures totalled side by side: sums within a side, ranges kept, denials and non-summable measures respected."""

from __future__ import annotations

import pytest

from kgraph.annotations.evidence import Figure
from kgraph.corpus.corpus import Corpus
from kgraph.errors import UsageError
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.query.figures import figure_text, sum_text
from kgraph.query.results import Total


def rows(totals: list[Total]) -> list[tuple[str, tuple[str, ...], str]]:
    return [(t.measure, t.side, t.text) for t in totals]


def test_competing_claimants_are_kept_apart_and_never_added(conflict):
    killed = conflict.figures(measure="killed")
    assert rows(killed) == [
        ("killed", ("testland-mod",), "at least 5"),
        ("killed", ("testland",), "6"),
    ]


def test_exact_values_of_one_side_are_summed_and_say_what_they_stand_for(conflict):
    testland = next(t for t in conflict.figures(measure="killed") if t.side == ("testland",))
    assert (testland.low, testland.high, testland.unit) == (6, 6, None)
    assert [(f.item, f.text, f.sources) for f in testland.figures] == [
        ("clash-near-oldtown", "3", ("b-report",)),
        ("newtown-clash", "3", ("b-report",)),
    ]
    assert testland.figures[0].quotes == ("three of its soldiers were killed near Oldtown",)


def test_several_figures_of_one_item_count_once_the_latest_sources(conflict):
    """The attack near Oldtown: 2 killed on 29 October, 3 from 10 November; Testland's total counts it once, as 3."""
    before = next(t for t in conflict.figures(measure="killed", as_of="2020-10-30") if t.side == ("testland",))
    assert (before.text, [f.text for f in before.figures]) == ("2", ["2"])


def test_at_least_stays_open_when_summed(conflict):
    ministry = next(t for t in conflict.figures(measure="killed") if t.side == ("testland-mod",))
    assert (ministry.low, ministry.high) == (5, None)
    assert [f.text for f in ministry.figures] == ["at least 4", "1"]


def test_a_figure_a_side_denies_is_not_counted_for_it(conflict):
    sides = {t.side for t in conflict.figures()}
    assert ("neighbourland",) not in sides


def test_population_and_distance_are_listed_one_figure_a_row_not_summed(conflict):
    assert rows(conflict.figures(measure=["population", "distance"])) == [
        ("population", ("a-report",), "about 20,000"),
        ("population", ("b-report",), "about 19,000"),
        ("population", ("b-report",), "about 5,000"),
        ("distance", ("testland",), "at most 5 km"),
    ]
    distance = conflict.figures(measure="distance")[0]
    assert (distance.low, distance.high, distance.unit) == (None, 5, "km")


def test_two_populations_of_one_place_from_one_side_are_both_listed(conflict):
    c = conflict.corpus
    oldtown = c.entities["oldtown"]
    again = oldtown.figures[0].model_copy(update={"value": 21000})
    entities = {**c.entities, "oldtown": oldtown.model_copy(update={"figures": [*oldtown.figures, again]})}
    kg = KnowledgeGraph(Corpus(c.root, c.sources, entities, c.events, c.relations, {}, {}))
    assert rows(kg.figures(measure="population"))[:2] == [
        ("population", ("a-report",), "about 20,000"),
        ("population", ("a-report",), "about 21,000"),
    ]


def test_during_keeps_figures_of_events_in_the_window_and_leaves_entities_out(conflict):
    assert rows(conflict.figures(during="2020-11")) == [
        ("killed", ("testland",), "3"),
        ("killed", ("testland-mod",), "1"),
        ("distance", ("testland",), "at most 5 km"),  # the fall of Oldtown, on 9 November
    ]
    assert rows(conflict.figures(during="2020-10-28")) == [
        ("killed", ("testland-mod",), "at least 4"),
        ("killed", ("testland",), "3"),
    ]


def test_involving_keeps_the_events_an_entity_takes_part_in_and_its_own_figures(conflict):
    assert rows(conflict.figures(involving="Testland")) == [
        ("killed", ("testland",), "6"),
        ("killed", ("testland-mod",), "1"),
    ]
    assert rows(conflict.figures(involving="Newtown")) == [  # a place: its own figures, and those of events there
        ("killed", ("testland",), "3"),
        ("killed", ("testland-mod",), "1"),
        ("population", ("b-report",), "about 5,000"),
    ]


def test_figures_refuse_unknown_measures_and_events_as_involving(conflict):
    with pytest.raises(UsageError, match="unknown measure 'kiled'; did you mean 'killed'"):
        conflict.figures(measure="kiled")
    with pytest.raises(UsageError, match="involving must be an entity, not the event 'newtown-clash'"):
        conflict.figures(involving="newtown-clash")


def test_totals_become_records(conflict):
    record = conflict.figures(measure="distance").to_records()[0]
    assert record["text"] == "at most 5 km"
    assert record["side"] == ["testland"]
    assert record["figures"][0]["item"] == "fall-of-oldtown"


def figure(**number: object) -> Figure:
    return Figure.model_validate({"measure": "killed", **number, "evidence": [{"quote": "q"}]})


@pytest.mark.parametrize(
    ("numbers", "text", "bounds"),
    [
        ([{"value": 2}, {"value": 3}], "5", (5, 5)),
        ([{"value": 2}, {"min": 4}], "at least 6", (6, None)),
        ([{"value": 2}, {"min": 4, "qualifier": "more_than"}], "more than 6", (6, None)),
        ([{"value": 2}, {"max": 5}], "between 2 and 7", (2, 7)),
        ([{"max": 5}, {"max": 3, "qualifier": "fewer_than"}], "fewer than 8", (None, 8)),
        ([{"value": 20000, "qualifier": "about"}, {"value": 5}], "about 20,005", (20005, 20005)),
        ([{"min": 2, "max": 5}, {"value": 1}], "between 3 and 6", (3, 6)),
    ],
)
def test_sums_keep_ranges_as_ranges(numbers, text, bounds):
    low, high, words = sum_text([figure(**n) for n in numbers])
    assert (words, (low, high)) == (text, bounds)


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ({"value": 2}, "2"),
        ({"value": 200, "qualifier": "at_least"}, "at least 200"),
        ({"value": 20000, "qualifier": "about"}, "about 20,000"),
        ({"min": 2, "max": 5, "measure": "distance"}, "between 2 and 5 km"),
        ({"min": 2, "max": 5, "qualifier": "about"}, "about 2 to 5"),
        ({"max": 10, "qualifier": "fewer_than"}, "fewer than 10"),
        ({"value": 2.5, "measure": "distance", "unit": "m"}, "2.5 m"),
        ({"value": 1, "measure": "duration", "unit": "months"}, "1 month"),
        ({"value": 7, "measure": "duration", "unit": "months"}, "7 months"),
        ({"value": 1, "measure": "quantity", "unit": "trucks", "qualifier": "about"}, "about 1 truck"),
    ],
)
def test_each_figure_reads_as_words(number, text):
    assert figure_text(figure(**number)) == text


def test_a_side_that_also_denies_a_figure_does_not_count_it(tmp_path):
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "article.txt").write_text(
        "Four were killed, Baku said. Baku later denied that anyone was killed. Yerevan said four were killed.",
        encoding="utf-8",
    )
    (tmp_path / "doc" / "annotations.yaml").write_text(
        """\
source: {id: doc, title: Doc, published: 2020-11-10, published_basis: stated, language: en, text: article.txt}
organizations:
  - {id: baku, name: Baku, kind: government}
  - {id: yerevan, name: Yerevan, kind: government}
events:
  - id: shelling
    type: shelling
    title: Shelling
    date: 2020-11
    date_basis: stated
    figures:
      - measure: killed
        value: 4
        evidence:
          - {quote: "Four were killed, Baku said", claimed_by: baku}
          - {quote: Baku later denied that anyone was killed, stance: denies, claimed_by: baku}
          - {quote: Yerevan said four were killed, claimed_by: yerevan}
    evidence: [{quote: Four were killed}]
""",
        encoding="utf-8",
    )
    assert rows(KnowledgeGraph.load(tmp_path).figures()) == [("killed", ("yerevan",), "4")]
