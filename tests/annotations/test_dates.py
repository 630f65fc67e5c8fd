"""EDTF dates: bounds, precision, qualifiers, and the errors annotators see."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kgraph.annotations.dates import TimeSpan

from ..helpers import at_the_months_end, on_its_finest_part


@pytest.mark.hostile
@pytest.mark.parametrize("text", ["0001-01-~01", "9999-12-~31", "0001-~01", "9999-12-31?", "0001?"])
def test_a_date_widened_beyond_the_supported_years_is_an_error_not_an_overflow(text):
    with pytest.raises(ValueError, match="supported"):
        TimeSpan.parse(text)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2023-07-12", date(2023, 7, 12), date(2023, 7, 12), "day"),
        ("2023-07", date(2023, 7, 1), date(2023, 7, 31), "month"),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        ("199X", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("2023-06-15/..", date(2023, 6, 15), None, "interval"),
        ("../2020-10-29", None, date(2020, 10, 29), "interval"),
        ("2023-07-12/", date(2023, 7, 12), None, "interval"),
        ("2020-10-29/2020-11", date(2020, 10, 29), date(2020, 11, 30), "interval"),
        ("[2023-07-12,2023-07-13]", date(2023, 7, 12), date(2023, 7, 13), "set"),
        ("[2020-10-29..]", date(2020, 10, 29), None, "set"),
    ],
)
def test_bounds_and_precision(text, earliest, latest, precision):
    span = TimeSpan.parse(text)
    assert (span.earliest, span.latest, span.precision) == (earliest, latest, precision)
    assert span.edtf == str(span) == text


def test_a_bare_year_may_be_given_as_a_number():
    assert TimeSpan.parse(2023) == TimeSpan.parse("2023")


def test_approximate_month_widens_by_a_month_either_side():
    span = TimeSpan.parse("2020-~09")
    assert (span.earliest, span.latest) == (date(2020, 9, 1), date(2020, 9, 30))
    assert (span.earliest_possible, span.latest_possible) == (date(2020, 8, 1), date(2020, 10, 31))
    assert span.approximate
    assert not span.uncertain


def test_uncertain_day_only_widens_the_day():
    span = TimeSpan.parse("2023-07-?12")
    assert (span.earliest_possible, span.latest_possible) == (date(2023, 7, 11), date(2023, 7, 13))
    assert span.uncertain
    assert not span.approximate


@pytest.mark.parametrize(
    ("text", "earliest_possible", "latest_possible"),
    [
        ("2023-07-12?", date(2023, 7, 11), date(2023, 7, 13)),
        ("2023-07~", date(2023, 6, 1), date(2023, 8, 31)),
        ("2023-04~", date(2023, 3, 1), date(2023, 5, 31)),  # to May's end: the library would stop on 30 May
        ("2024-02%", date(2023, 12, 1), date(2024, 4, 30)),
        ("2023%", date(2021, 1, 1), date(2025, 12, 31)),
        ("2022-12~/..", date(2022, 11, 1), None),
        ("../2020-10-29?", None, date(2020, 10, 30)),
        ("2020-09~/2020-10-29%", date(2020, 8, 1), date(2020, 10, 31)),
    ],
)
def test_a_qualifier_after_the_whole_date_widens_it_by_one_unit_of_its_finest_part(
    text, earliest_possible, latest_possible
):
    span = TimeSpan.parse(text)
    assert (span.earliest_possible, span.latest_possible) == (earliest_possible, latest_possible)


def test_open_start_of_an_approximate_interval():
    span = TimeSpan.parse("2022-12~/..")
    assert span.earliest == date(2022, 12, 1)
    assert span.latest is None
    assert span.latest_possible is None
    assert span.approximate


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "2023-02-30 does not exist: February 2023 has 28 days"),
        ("2024-04-31/..", "2024-04-31 does not exist: April 2024 has 30 days"),
        ("2023-02-29", "2023-02-29 does not exist: February 2023 has 28 days"),  # read by the library
        ("2100-02-29", "2100-02-29 does not exist: February 2100 has 28 days"),
        ("2021-02-29/..", "2021-02-29 does not exist: February 2021 has 28 days"),
        ("2023-02-29~", "2023-02-29 does not exist: February 2023 has 28 days"),
        ("2023-07-12/2023-07-01", "2023-07-12/2023-07-01: the end (2023-07-01) is before the start (2023-07-12)"),
        ("2023-07/2023-06-15", "2023-07/2023-06-15: the end (2023-06-15) is before the start (2023-07-01)"),
        (
            "summer",
            "'summer' is not a valid EDTF date: the EDTF library cannot read it (examples: 2023-07-12, 2023-07,"
            " 2023-06-15/.., 2020-~09, 2020-09-2X, [2020-09-21..2020-09-30])",
        ),
        ("July 2023", "'July 2023' is not a valid EDTF date: write a month as year-month, 2023-07"),
        ("15/01/2024", "'15/01/2024' is not a valid EDTF date: write a day as year-month-day, 2024-01-15"),
        ("01/15/2024", "'01/15/2024' is not a valid EDTF date: write a day as year-month-day, 2024-01-15"),
        ("03/04/2024", "'03/04/2024' is not a valid EDTF date: write 2024-04-03 (3 April) or 2024-03-04 (4 March)"),
        ("2024-1-5", "'2024-1-5' is not a valid EDTF date: write a day as year-month-day, 2024-01-05"),
        ("04/04/2024", "'04/04/2024' is not a valid EDTF date: write a day as year-month-day, 2024-04-04"),
        ("31/02/2024", "'31/02/2024' is not a valid EDTF date: no such day"),
        ("29 Feb 2023", "'29 Feb 2023' is not a valid EDTF date: no such day"),
        ("1/1/0000", "'1/1/0000' is not a valid EDTF date: no such day"),
        ("2024-01-15T10:00", "'2024-01-15T10:00' is not a valid EDTF date: write a day as year-month-day, 2024-01-15"),
        ("12 March 2024", "'12 March 2024' is not a valid EDTF date: write a day as year-month-day, 2024-03-12"),
        ("March 12, 2024", "'March 12, 2024' is not a valid EDTF date: write a day as year-month-day, 2024-03-12"),
        (
            "early March 2024",
            "'early March 2024' is not a valid EDTF date: for one day in early March 2024, write"
            " '[2024-03-01..2024-03-10]'",
        ),
        (
            "late Feb 2023",
            "'late Feb 2023' is not a valid EDTF date: for one day in late February 2023, write"
            " '[2023-02-21..2023-02-28]'",
        ),
        ("2021-02-3X", "2021-02-3X: no day of the month fits 3X"),
    ],
)
def test_invalid_dates_say_why(text, message):
    with pytest.raises(ValueError, match="^" + __import__("re").escape(message) + "$"):
        TimeSpan.parse(text)


def test_sort_key_orders_open_starts_first_and_open_ends_last():
    texts = ["2023-07-12", "../2020-10-29", "2020-10-29", "2023-06-15/..", "2023-06-15", "199X"]
    ordered = sorted((TimeSpan.parse(t) for t in texts), key=lambda s: s.sort_key)
    assert [s.edtf for s in ordered] == [
        "../2020-10-29",
        "199X",
        "2020-10-29",
        "2023-06-15",
        "2023-06-15/..",
        "2023-07-12",
    ]


days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(days)
def test_any_real_day_parses_to_itself(day):
    span = TimeSpan.parse(day.isoformat())
    assert span.earliest == span.latest == span.earliest_possible == span.latest_possible == day


@given(days, st.integers(min_value=0, max_value=4000))
def test_any_ordered_interval_keeps_its_ends(start, length):
    end = start + timedelta(days=min(length, (date(9999, 12, 31) - start).days))
    span = TimeSpan.parse(f"{start.isoformat()}/{end.isoformat()}")
    assert (span.earliest, span.latest) == (start, end)


@given(days, st.integers(min_value=1, max_value=4000))
def test_any_reversed_interval_is_an_error(end, length):
    start = end + timedelta(days=length) if end.year < 9989 else end
    if start == end:
        return
    with pytest.raises(ValueError, match="is before the start"):
        TimeSpan.parse(f"{start.isoformat()}/{end.isoformat()}")


simple_dates = st.builds(
    lambda day, form: {"year": f"{day.year:04d}", "month": day.isoformat()[:7], "day": day.isoformat()}[form],
    st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)),
    st.sampled_from(["year", "month", "day"]),
)
part_qualified = st.builds(
    lambda day, q, on_day: (
        f"{day.isoformat()[:8]}{q}{day.isoformat()[8:]}"
        if on_day
        else f"{day.isoformat()[:5]}{q}{day.isoformat()[5:7]}"
    ),
    st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)),
    st.sampled_from(["~", "?", "%"]),
    st.booleans(),
)
fast_forms = st.one_of(
    simple_dates,
    part_qualified,
    st.builds(
        lambda a, b: f"{a}/{b}", simple_dates | st.sampled_from(["..", ""]), simple_dates | st.sampled_from(["..", ""])
    ),
)
whole_qualified = st.builds(lambda d, q: d + q, simple_dates, st.sampled_from(["~", "?", "%"]))


@given(fast_forms)
def test_the_fast_forms_match_the_edtf_library(text):
    """kgraph computes common forms itself (the library's parser takes milliseconds); the results must be the library's."""
    from kgraph.annotations.dates import _fast, _parse_with_library

    fast = _fast(text)
    try:
        expected = _parse_with_library(text)
    except ValueError:
        assert fast is None  # invalid input is left to the library, which words the error
        return
    if text in ("../..", "/", "../", "/.."):
        return  # nothing to compute: the library handles these
    assert fast == dataclasses.replace(expected, latest_possible=at_the_months_end(text, expected.latest_possible))


@given(whole_qualified, st.sampled_from(["alone", "start", "end"]))
def test_a_whole_date_qualifier_widens_as_the_library_widens_its_finest_part(text, place):
    """The library widens every part of 2023-07-12~ (a year, a month and a day); kgraph, the day alone, as the library
    widens 2023-07-~12, alone or as an end of an interval (which the library reads only qualified as a whole)."""
    from kgraph.annotations.dates import _parse_with_library

    try:
        expected = _parse_with_library(on_its_finest_part(text))
    except ValueError:
        with pytest.raises(ValueError, match="supported years"):
            TimeSpan.parse(text)
        return
    whole = {"alone": text, "start": f"{text}/..", "end": f"../{text}"}[place]
    span = TimeSpan.parse(whole)
    if place != "end":
        assert (span.earliest, span.earliest_possible) == (expected.earliest, expected.earliest_possible)
    if place != "start":
        latest_possible = at_the_months_end(on_its_finest_part(text), expected.latest_possible)
        assert (span.latest, span.latest_possible) == (expected.latest, latest_possible)
    assert (span.approximate, span.uncertain) == (expected.approximate, expected.uncertain)


@pytest.mark.parametrize(
    ("text", "earliest_possible", "latest_possible"),
    [
        ("{2022-12~,2023-03}", date(2022, 11, 1), date(2023, 3, 31)),
        ("[2023-03,2023-07-12?]", date(2023, 3, 1), date(2023, 7, 13)),
        ("[..2022-12,2023~]", None, date(2024, 12, 31)),
        ("{2022-12,2023-03}", date(2022, 12, 1), date(2023, 3, 31)),
    ],
)
def test_a_sets_dates_are_widened_as_each_is_alone(text, earliest_possible, latest_possible):
    """The EDTF library ignores the qualifiers inside a set; kgraph widens each date as it would alone."""
    span = TimeSpan.parse(text)
    assert (span.earliest_possible, span.latest_possible) == (earliest_possible, latest_possible)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{9999~,2020}", "9999~: widened for its qualifier, it reaches beyond the supported years 1 to 9999"),
        ("1000-~02-29", "1000-02-29 does not exist: February 1000 has 28 days"),
        ("[2023-02-29?,2024]", "2023-02-29 does not exist: February 2023 has 28 days"),
    ],
)
def test_a_qualified_date_that_cannot_be_is_an_error_that_says_why(text, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        TimeSpan.parse(text)


@pytest.mark.parametrize("text", ["2020-01% /2021", "/ 2020-01%", "2020-01%/ 2021", "/ 9998-01%"])
def test_spaces_around_the_slash_change_nothing(text):
    """The EDTF library reads spaces around an interval's slash; its ends are widened as they are without them."""
    assert TimeSpan.parse(text).latest_possible == TimeSpan.parse(text.replace(" ", "")).latest_possible
    assert TimeSpan.parse(text).earliest_possible == TimeSpan.parse(text.replace(" ", "")).earliest_possible


def test_an_intervals_end_qualified_on_its_month_is_widened_as_it_is_alone():
    """The library widens 2020-~11 as an interval's end keeping the day number (30 December); alone it ends on 31."""
    alone = TimeSpan.parse("2020-~11")
    assert TimeSpan.parse("2020-01/2020-~11").latest_possible == alone.latest_possible == date(2020, 12, 31)
    assert TimeSpan.parse("2020-~01/2020-05").earliest_possible == date(2019, 12, 1)
