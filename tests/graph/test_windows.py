"""Time windows: what 'overlapping' and 'within' mean for exact, uncertain and open dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.annotations.dates import TimeSpan
from kgraph.errors import UsageError
from kgraph.graph.windows import Window, as_window, overlapping, within

JULY = ("2023-07-01", "2023-07-31")


@pytest.mark.parametrize(
    ("edtf", "possibly", "certainly"),
    [
        ("2023-07-12", True, True),
        ("2023-06-30", False, False),
        ("2023-07", True, True),
        ("2023", True, False),
        ("2023-07-?31", True, False),  # may be 1 August
        ("2023-06-?30", True, False),  # may be 1 July
        ("2023-06-15/..", True, False),  # open end
        ("../2023-07-05", True, False),  # open start
        ("2022-12~/..", True, False),
        ("[2023-07-12,2023-07-13]", True, True),
        ("2024", False, False),
    ],
)
def test_july_2023(edtf, possibly, certainly):
    span = TimeSpan.parse(edtf)
    assert overlapping(JULY).admits(span) is possibly
    assert within(JULY).admits(span) is certainly


def test_timeless_things_are_in_every_window():
    assert overlapping("2023").admits(None)
    assert within("2023").admits(None)


def test_open_windows():
    since = overlapping("2023-07-01/..")
    assert (since.start, since.end) == (date(2023, 7, 1), None)
    assert since.admits(TimeSpan.parse("2030"))
    assert within((None, "2020-12-31")).admits(TimeSpan.parse("199X"))
    assert within((None, None)).admits(TimeSpan.parse("2023-06-15/.."))


def test_as_window():
    assert as_window(None) is None
    assert as_window("2023") == Window(date(2023, 1, 1), date(2023, 12, 31), "overlapping")
    assert as_window(within("2023")).mode == "within"


@pytest.mark.hostile
@pytest.mark.parametrize("when", ["0001-01-~01", "9999-12-~31"])
def test_a_window_widened_beyond_the_supported_years_is_a_usage_error(when):
    with pytest.raises(UsageError, match="beyond the supported years 1 to 9999"):
        within(when)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("July", "not a valid EDTF date"),
        (("2023-02-30", None), "not a day"),
        (("2023-02-02", "2023-02-01"), "before it starts"),
    ],
)
def test_bad_windows(when, message):
    with pytest.raises(UsageError, match=message):
        overlapping(when)


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days, days, days, days)
def test_within_implies_overlapping(a, b, c, d):
    window_start, window_end = sorted((a, b))
    start, end = sorted((c, d))
    span = TimeSpan.parse(f"{start.isoformat()}/{end.isoformat()}")
    if within((window_start, window_end)).admits(span):
        assert overlapping((window_start, window_end)).admits(span)
    expected = start <= window_end and end >= window_start
    assert overlapping((window_start, window_end)).admits(span) is expected
