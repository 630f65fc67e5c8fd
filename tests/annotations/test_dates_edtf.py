"""Every EDTF form the EDTF library parses, levels 0 to 2, gets the library's own bounds in kgraph.

Where the library parses a date but cannot bound it (unspecified digits X in a month or a day), the test
finds the earliest and latest completions of the X's by trying every digit, and asks the library for the
bounds of those. A year, month or day qualified as a whole (alone, or as an end of an interval) is widened
as the library widens the same date qualified on its finest part (``2023-07-12~`` as ``2023-07-~12``).
"""

from __future__ import annotations

import calendar
import contextlib
import io
import itertools
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.annotations.dates import TimeSpan

from ..helpers import at_the_months_end, on_its_finest_part

QUALIFIERS = ["~", "?", "%"]


def _two(n: int) -> str:
    return f"{n:02d}"


def _unspecify(digits: str, mask: list[bool]) -> str:
    return "".join("X" if hide else d for d, hide in zip(digits, mask, strict=True))


years = st.integers(min_value=1000, max_value=9990).map(lambda y: f"{y:04d}")
months = st.integers(min_value=1, max_value=12).map(_two)
days = st.integers(min_value=1, max_value=31).map(_two)
plain = st.one_of(years, st.tuples(years, months).map("-".join), st.tuples(years, months, days).map("-".join))
with_x = st.builds(  # unspecified digits anywhere in the last digits of the year, the month or the day
    lambda y, m, d, masks, form: "-".join(
        _unspecify(part, mask) for part, mask in zip((y, m, d)[: form + 1], masks, strict=False)
    ),
    years,
    months,
    days,
    st.tuples(
        st.tuples(st.just(False), st.just(False), st.booleans(), st.booleans()).map(list),
        st.lists(st.booleans(), min_size=2, max_size=2),
        st.lists(st.booleans(), min_size=2, max_size=2),
    ),
    st.integers(min_value=0, max_value=2),
)
whole_qualified = st.builds(lambda d, q: d + q, plain, st.sampled_from(QUALIFIERS))
part_qualified = st.builds(  # a qualifier before one part, or after a part (level 2)
    lambda y, m, d, q, where: [
        f"{q}{y}-{m}-{d}",
        f"{y}-{q}{m}-{d}",
        f"{y}-{m}-{q}{d}",
        f"{y}{q}-{m}-{d}",
        f"{y}-{m}{q}-{d}",
        f"{q}{y}-{m}-{q}{d}",
    ][where],
    years,
    months,
    days,
    st.sampled_from(QUALIFIERS),
    st.integers(min_value=0, max_value=5),
)
seasons = st.builds(lambda y, s: f"{y}-{s}", years, st.integers(min_value=21, max_value=41))
odd_years = st.one_of(  # long years, exponential years, significant digits, negative years
    st.integers(min_value=10000, max_value=10**9).map(lambda y: f"Y{y}"),
    st.integers(min_value=1, max_value=9).map(lambda e: f"Y-17E{e}"),
    st.builds(lambda y, s: f"{y}S{s}", years, st.integers(min_value=1, max_value=4)),
    years.map(lambda y: f"-{y}"),
)
single = st.one_of(plain, with_x, whole_qualified, part_qualified, seasons, odd_years)
intervals = st.builds(
    lambda a, b: f"{a}/{b}", single | st.sampled_from(["..", ""]), single | st.sampled_from(["..", ""])
)
members = st.one_of(single, st.builds(lambda a, b: f"{a}..{b}", plain, plain), plain.map(lambda d: f"..{d}"))
sets = st.builds(
    lambda items, brace, open_end: brace[0] + ",".join(items) + (".." if open_end else "") + brace[1],
    st.lists(members, min_size=1, max_size=3),
    st.sampled_from(["[]", "{}"]),
    st.booleans(),
)
edtf_texts = st.one_of(single, intervals, sets)


def _library(text: str):
    from edtf import parse_edtf

    with contextlib.redirect_stdout(io.StringIO()):
        return parse_edtf(text)


def _day(value):
    if isinstance(value, float):  # the library's infinity for an open end
        return None
    return (value.tm_year, value.tm_mon, value.tm_mday)


#: A year, month or day qualified as a whole.
WHOLE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]")


def _whole_qualified_bounds(text: str, parsed):
    """kgraph's bounds of a date qualified as a whole, or of an interval with such an end (widened as it is alone,
    the other end as the library widens it); None for other texts."""
    ends = text.split("/") if type(parsed).__name__.endswith("Interval") else [text]
    if not any(WHOLE.fullmatch(end) for end in ends):
        return None
    if len(ends) == 1:
        bounds = _expected_bounds(on_its_finest_part(text), _library(on_its_finest_part(text)))
        if not isinstance(bounds, tuple):
            return bounds
        return (*bounds[:3], _at_the_months_end(on_its_finest_part(text), bounds[3]))
    start, end = ends
    bounds = _expected_bounds(text, parsed)
    if not isinstance(bounds, tuple):
        return bounds
    low = _day(_library(on_its_finest_part(start)).lower_fuzzy()) if WHOLE.fullmatch(start) else bounds[2]
    high = bounds[3]
    if WHOLE.fullmatch(end):
        high = _at_the_months_end(on_its_finest_part(end), _day(_library(on_its_finest_part(end)).upper_fuzzy()))
    return (*bounds[:2], low, high)


def _at_the_months_end(text: str, day: tuple[int, int, int] | None) -> tuple[int, int, int] | None:
    """As :func:`tests.helpers.at_the_months_end`, on the (year, month, day) this test compares."""
    if day is None or not re.fullmatch(r"\d{4}-[?~%]\d{2}", text):  # as at_the_months_end: nothing to move
        return day
    moved = at_the_months_end(text, date(*day))
    return None if moved is None else (moved.year, moved.month, moved.day)


def _members_widened(text: str, expected: tuple):
    """A set's bounds, its possible ones widened to those of each of its dates alone (but a range's), which the
    library leaves out; a date's own bounds when they are an error alone (None, "unbounded", beyond 9999)."""
    earliest, latest, low, high = expected
    for member in (m for m in text[1:-1].split(",") if ".." not in m):
        alone = _whole_qualified_bounds(member, _library(member)) or _expected_bounds(member, _library(member))
        if not isinstance(alone, tuple) or any(b is not None and not 1 <= b[0] <= 9999 for b in alone):
            return alone  # an error alone is the set's error
        low = low and alone[2] and min(low, alone[2])
        high = high and alone[3] and max(high, alone[3])
    return earliest, latest, low, high


def _a_day_that_does_not_exist(text: str) -> bool:
    """Whether ``text`` names a day (its qualifiers aside) that the calendar does not have."""
    for year, month, day in re.findall(r"(?<![\dX])(\d{4})-(\d{2})-(\d{2})(?![\dX])", re.sub("[?~%]", "", text)):
        if 1 <= int(month) <= 12 and int(year) > 0 and int(day) > calendar.monthrange(int(year), int(month))[1]:
            return True
    return False


def _completions(token: str) -> list[str]:
    """Every real date that a date with X's stands for, found by trying every digit."""
    holes = token.count("X")
    found = []
    for digits in itertools.product("0123456789", repeat=holes):
        candidate = token.replace("X", "{}").format(*digits)
        parts = [int(p) for p in candidate.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            continue
        found.append(candidate)
    return sorted(found)


def _expected_bounds(text: str, parsed):
    """The library's bounds, or for unspecified digits, those of the earliest and latest completions."""
    try:
        return tuple(
            _day(b) for b in (parsed.lower_strict(), parsed.upper_strict(), parsed.lower_fuzzy(), parsed.upper_fuzzy())
        )
    except Exception:
        pass
    tokens = re.findall(r"(?<![\dX])[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?(?![\dX])", text)
    if not any("X" in t for t in tokens):
        return "unbounded"  # such as Y-17E9, whose year the library cannot even hold
    low, high = text, text
    for token in (t for t in tokens if "X" in t):
        real = _completions(token)
        if not real:
            return None
        low, high = low.replace(token, real[0], 1), high.replace(token, real[-1], 1)
    lower, upper = _library(low), _library(high)
    try:
        return tuple(
            _day(b) for b in (lower.lower_strict(), upper.upper_strict(), lower.lower_fuzzy(), upper.upper_fuzzy())
        )
    except Exception:  # the library cannot bound the completed dates either, such as {1000,1000..}
        return "unbounded"


@pytest.mark.hostile
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edtf_texts)
def test_every_date_the_edtf_library_parses_has_the_librarys_bounds(text):
    try:
        parsed = _library(text)
    except Exception:
        return  # not EDTF as the library reads it: kgraph need not accept it
    if _a_day_that_does_not_exist(text):  # which the library reads: 2023-02-29, 1000-~02-29
        with pytest.raises(ValueError, match="does not exist"):
            TimeSpan.parse(text)
        return
    expected = _whole_qualified_bounds(text, parsed) or _expected_bounds(text, parsed)
    if isinstance(expected, tuple) and type(parsed).__name__ in ("OneOfASet", "MultipleDates"):
        expected = _members_widened(text, expected)
    if expected is None:  # X's that no real date fits, such as 2021-02-3X
        with pytest.raises(ValueError, match=r"no (day of the month|month|year from 1 to 9999) fits"):
            TimeSpan.parse(text)
        return
    if expected == "unbounded":
        with pytest.raises(ValueError, match="supported years"):
            TimeSpan.parse(text)
        return
    if type(parsed).__name__.endswith("Interval"):  # kgraph's convention: an open or unknown end has no bound
        start, end = text.split("/")
        if start in ("", ".."):
            expected = (None, expected[1], None, expected[3])
        if end in ("", ".."):
            expected = (expected[0], None, expected[2], None)
        expected = (*expected[:3], _at_the_months_end(end, expected[3]))  # an end qualified on its month alone
    if any(b is not None and not 1 <= b[0] <= 9999 for b in expected):
        with pytest.raises(ValueError, match="supported"):
            TimeSpan.parse(text)
        return
    if "Interval" in type(parsed).__name__ and expected[0] and expected[1] and expected[1] < expected[0]:
        with pytest.raises(ValueError, match="is before the start"):
            TimeSpan.parse(text)
        return
    span = TimeSpan.parse(text)
    got = tuple(
        None if d is None else (d.year, d.month, d.day)
        for d in (span.earliest, span.latest, span.earliest_possible, span.latest_possible)
    )
    assert got == expected
    assert span.edtf == text


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2020-09-2X/2020-11-10", date(2020, 9, 20), date(2020, 11, 10)),
        ("2020-09-2X", date(2020, 9, 20), date(2020, 9, 29)),
        ("2021-02-2X", date(2021, 2, 20), date(2021, 2, 28)),
        ("19XX-02-2X", date(1900, 2, 20), date(1999, 2, 28)),
        ("20XX-1X-XX", date(2000, 10, 1), date(2099, 12, 31)),
        ("{2020-09-2X,2020-10}", date(2020, 9, 20), date(2020, 10, 31)),
        ("[2020-09-21..2020-09-30]", date(2020, 9, 21), date(2020, 9, 30)),
    ],
)
def test_unspecified_digits_and_sets_have_the_days_they_allow(text, earliest, latest):
    span = TimeSpan.parse(text)
    assert (span.earliest, span.latest) == (earliest, latest)


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-02-3X", "2021-02-3X: no day of the month fits 3X"),
        (
            "2020-09-[21..30]",
            "'2020-09-[21..30]' is not a valid EDTF date: a set lists whole dates, such as [2020-09-21..2020-09-30]",
        ),
        ("-2020-09-2X", "-2020-09-2X: years before 1 are not supported (the supported years are 1 to 9999)"),
        ("Y170000002", "year 170000002 is outside the supported range 1 to 9999"),
    ],
)
def test_dates_kgraph_cannot_bound_say_why(text, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        TimeSpan.parse(text)


def test_the_library_prints_nothing(capsys):
    with pytest.raises(ValueError, match="the EDTF library cannot read it"):
        TimeSpan.parse("2020-1X")
    assert capsys.readouterr().out == ""
