"""What the explorer shows of claims: how evidence stands as a whole, figures in words, states with their bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.export.claims import SUMMARIES, figure_entries, stance_summary, states


def test_a_denial_never_reads_as_support():
    assert stance_summary([{"quote": "q"}, {"quote": "r", "stance": "supports"}]) is None
    assert stance_summary([{"quote": "q", "stance": "denies"}]) == "denied"
    assert stance_summary([{"quote": "q", "stance": "denies"}, {"quote": "r", "stance": "disputes"}]) == "disputed"
    assert stance_summary([{"quote": "q", "stance": "disputes"}]) == "disputed"
    assert stance_summary([{"quote": "q"}, {"quote": "r", "stance": "denies"}]) == "contested"
    assert stance_summary([]) is None
    assert set(SUMMARIES) == {"denied", "disputed", "contested"}


def test_figures_in_words_with_what_they_count_and_their_evidence():
    entry = figure_entries(
        [
            {
                "measure": "killed",
                "value": 2,
                "counts": "russian-servicemen",
                "note": "n",
                "evidence": [{"quote": "q", "claimed_by": ["x"], "stance": "disputes"}],
            }
        ]
    )
    assert entry == [
        {
            "measure": "killed",
            "amount": "2",
            "counts": ["russian-servicemen"],
            "evidence": [{"quote": "q", "claimed_by": ["x"], "stance": "disputes"}],
            "note": "n",
        }
    ]


def test_each_state_keeps_its_source_and_gets_its_bounds():
    found = states(
        [
            {"source": "doc-a", "status": "predicted", "date": "[2020-10-29..]"},
            {"source": "doc-b", "status": "occurred", "date": "2020-11-08"},
            {"status": "ongoing", "date": "2020-09-27/.."},
        ]
    )
    assert found == [
        {
            "status": "predicted",
            "date": "[2020-10-29..]",
            "t": ["2020-10-29", None, "2020-10-29", None],
            "source": "doc-a",
        },
        {
            "status": "occurred",
            "date": "2020-11-08",
            "t": ["2020-11-08", "2020-11-08", "2020-11-08", "2020-11-08"],
            "source": "doc-b",
        },
        {"status": "ongoing", "date": "2020-09-27/..", "t": ["2020-09-27", None, "2020-09-27", None]},
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)
items = st.lists(
    st.dictionaries(
        st.sampled_from(["measure", "value", "min", "max", "evidence", "stance", "status", "date", "source", "counts"]),
        json_values,
    )
    | json_values,
    max_size=3,
)


@pytest.mark.hostile
@given(items)
def test_anything_a_foreign_graph_holds_is_passed_over_never_an_error(value):
    assert stance_summary(value) in (None, *SUMMARIES)
    assert isinstance(figure_entries(value), list)
    assert all(len(state["t"]) == 4 for state in states(value))
