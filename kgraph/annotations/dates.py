"""Dates as reporting gives them: EDTF strings with bounds you can sort and filter on.

Annotations write dates in the Library of Congress Extended Date/Time Format
(EDTF), parsed by the ``edtf`` library. Its parser takes milliseconds a date,
so the common forms (a year, month or day, qualified or not; intervals of them)
are computed here as the library computes them, which a property test checks;
other forms go to the library. A :class:`TimeSpan` keeps the text as written
and exposes two pairs of bounds:

* ``earliest`` / ``latest``: the days the date covers taken at face value
  (``2023-07`` covers 1 to 31 July 2023);
* ``earliest_possible`` / ``latest_possible``: widened for approximation
  (``~``), uncertainty (``?``) or both (``%``): by one unit of the part
  qualified (a year, a month, a day; two for ``%``), as the EDTF library
  pads a part. A qualifier after a whole date widens it by one unit of its
  finest part: ``2023-07-12?`` by a day, like ``2023-07-?12``; ``2022-12~/..``
  starts from 1 November 2022 at the earliest. (The library widens every
  part of it, a year, a month and a day, and "about 12 July" is not a year off.)

An open end (``2023-06-15/..``) or an unknown end (``2023-06-15/``) has no
bound: ``None``.

>>> span = TimeSpan.parse("2023-06-15/..")
>>> span.earliest, span.latest, span.precision
(datetime.date(2023, 6, 15), None, 'interval')
>>> TimeSpan.parse("2020-~09").earliest_possible
datetime.date(2020, 8, 1)
>>> TimeSpan.parse("199X").latest
datetime.date(1999, 12, 31)
"""

from __future__ import annotations

import calendar
import contextlib
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

#: Characters an EDTF string may contain; editors use it to flag obvious mistakes.
EDTF_PATTERN = r"^[0-9XYSETZ+\-:.?~%/\[\]{}, ]+$"


@dataclass(frozen=True)
class TimeSpan:
    """A parsed EDTF date: its text, its bounds, its precision and qualifiers."""

    edtf: str
    earliest: date | None
    latest: date | None
    earliest_possible: date | None
    latest_possible: date | None
    precision: str
    approximate: bool
    uncertain: bool

    @classmethod
    def parse(cls, text: str | int) -> TimeSpan:
        """Parse EDTF text (or a bare year) into a TimeSpan, raising ValueError with a readable reason.

        >>> TimeSpan.parse("2023-07-12").precision
        'day'
        >>> TimeSpan.parse("2023-02-30")
        Traceback (most recent call last):
        ...
        ValueError: 2023-02-30 does not exist: February 2023 has 28 days
        """
        return _parse(str(text).strip())

    @property
    def sort_key(self) -> tuple[date, date, str]:
        """Chronological order: by earliest day (open starts first), then latest day (open ends last), then text."""
        return (self.earliest or date.min, self.latest or date.max, self.edtf)

    def __str__(self) -> str:
        return self.edtf

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": ["string", "integer"],
            "pattern": EDTF_PATTERN,
            "examples": ["2023-07-12", "2023-07", "2023-06-15/..", "2020-~09", "2023-07-?12", "199X"],
        }


def _validate(value: Any) -> TimeSpan:
    if isinstance(value, TimeSpan):
        return value
    if _a_set_yaml_read(value):  # [a..b] or {a,b} unquoted: YAML reads a list, or a mapping with no values
        brackets = "[]" if isinstance(value, list) else "{}"
        quoted = f"'{brackets[0]}{','.join(map(str, value))}{brackets[1]}'"
        raise PydanticCustomError("edtf", f"expected an EDTF date as text, found a set: write it in quotes, {quoted}")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError("edtf", "expected an EDTF date as text, such as '2023-07-12'")
    try:
        return TimeSpan.parse(value)
    except ValueError as exc:
        raise PydanticCustomError("edtf", str(exc)) from None


def _a_set_yaml_read(value: Any) -> bool:
    if isinstance(value, dict) and any(v is not None for v in value.values()):
        return False
    return isinstance(value, list | dict) and bool(value) and all(_a_set_member(v) for v in value)


def _a_set_member(value: Any) -> bool:
    """Whether a value YAML read may be a date of an EDTF set: 2023-07-12, ..2023, or a year YAML read as a number."""
    if isinstance(value, str):
        return value[:1].isdigit() or value.startswith("..")
    return type(value) is int and 1000 <= value <= 9999


_SIMPLE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_QUALIFIED = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)([~?%])$")
_PART_QUALIFIED = re.compile(r"^(\d{4})-(?:([~?%])(\d{2})|(\d{2})-([~?%])(\d{2}))$")


def _simple_bounds(text: str) -> tuple[date, date, str] | None:
    """Face-value bounds and precision of a plain year, month or day; None if the text is not one."""
    match = _SIMPLE.match(text)
    if match is None or match.group(1) == "0000":
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return date(year, 1, 1), date(year, 12, 31), "year"
    m = int(month)
    if day is None:
        return date(year, m, 1), date(year, m, calendar.monthrange(year, m)[1]), "month"
    one = date(year, m, int(day))
    return one, one, "day"


def _widened(
    earliest: date, latest: date, unit: str, qualifier: str, before: bool = True, after: bool = True
) -> tuple[date, date]:
    """The bounds widened (``before`` and ``after``) by one ``unit`` (year, month or day) of the part a qualifier
    is on, two for %; a month widened ends at its month's end (the library keeps the day: 2023-04~ to 30 May)."""
    from dateutil.relativedelta import relativedelta

    n = 2 if qualifier == "%" else 1
    pad = {"year": relativedelta(years=n), "month": relativedelta(months=n)}.get(unit, relativedelta(days=n))
    high = latest + pad if after else latest
    if unit == "month" and after:
        high = high.replace(day=calendar.monthrange(high.year, high.month)[1])
    return (earliest - pad if before else earliest), high


def _qualified(text: str, before: bool = True, after: bool = True) -> TimeSpan | None:
    """A year, month or day qualified as a whole (2023-07~), widened by one unit of its finest part, or on its month
    or day alone (2020-~09, 2023-07-?12), widened by one unit of that part; twice for %; before and after it (an
    interval's start only before, its end only after). None for other text; OverflowError beyond 1 to 9999."""
    if whole := _QUALIFIED.match(text):
        plain, qualifier, unit = whole.group(1), whole.group(2), ""
    elif part := _PART_QUALIFIED.match(text):
        qualifier, unit = part.group(2) or part.group(5), "month" if part.group(2) else "day"
        plain = (
            f"{part.group(1)}-{part.group(3)}" if part.group(2) else f"{part.group(1)}-{part.group(4)}-{part.group(6)}"
        )
    else:
        return None
    bounds = _simple_bounds(plain)
    if bounds is None:
        return None
    earliest, latest, precision = bounds
    try:
        low, high = _widened(earliest, latest, unit or precision, qualifier, before, after)
    except (ValueError, OverflowError):  # before the year 1 or after 9999
        raise OverflowError(text) from None
    return TimeSpan(text, earliest, latest, low, high, precision, qualifier in "~%", qualifier in "?%")


def _beyond(text: str) -> ValueError:
    return ValueError(f"{text}: widened for its qualifier, it reaches beyond the supported years 1 to 9999")


def _fast(text: str) -> TimeSpan | None:
    """The common forms (a year, month or day; an interval of them with open or unknown ends; a whole-date
    qualifier), computed directly with the EDTF library's rules, since its parser takes milliseconds a date.
    None for any other form, or anything invalid: those go to the library, which also words the errors."""
    try:
        simple = _simple_bounds(text)
        if simple:
            earliest, latest, precision = simple
            return TimeSpan(text, earliest, latest, earliest, latest, precision, False, False)
        qualified = _qualified(text)  # a qualifier after the date, or on its month or day alone
        if qualified:
            return qualified
        if text.count("/") == 1:
            start, end = text.split("/")
            low = None if start in ("", "..") else _simple_bounds(start)
            high = None if end in ("", "..") else _simple_bounds(end)
            if (
                (low is None and start not in ("", ".."))
                or (high is None and end not in ("", ".."))
                or (low is high is None)
            ):
                return None
            first = low[0] if low else None
            last = high[1] if high else None
            if first and last and last < first:
                return None
            return TimeSpan(text, first, last, first, last, "interval", False, False)
    except ValueError:  # a day that does not exist: let the library report it
        return None
    except OverflowError:  # widened past date.min or date.max
        raise _beyond(text) from None
    return None


@lru_cache(maxsize=65536)
def _parse(text: str) -> TimeSpan:
    fast = _fast(text)
    if fast is not None:
        return fast
    return _parse_with_library(text)


def _parse_with_library(text: str) -> TimeSpan:
    from edtf import parse_edtf  # imported here: it takes a tenth of a second

    from kgraph.annotations.edtf_bounds import (
        explain_invalid,
        is_unbounded,
        library_day,
        library_precision,
        missing_day,
        unspecified_bounds,
    )

    if missing := missing_day(text):  # the library reads 2023-02-29, and fails on its bounds
        raise ValueError(missing)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the library prints while it tries some forms
            parsed = parse_edtf(text)
    except Exception:  # the library raises several types for input it cannot read
        raise ValueError(explain_invalid(text)) from None
    try:
        bounds = (parsed.lower_strict(), parsed.upper_strict(), parsed.lower_fuzzy(), parsed.upper_fuzzy())
    except Exception:  # unspecified digits in a month or day: the library parses them but cannot bound them
        bounds = unspecified_bounds(text)
    lower, upper = getattr(parsed, "lower", None), getattr(parsed, "upper", None)
    interval = lower is not None and upper is not None
    try:  # an interval's qualified end is widened as it is alone
        start, _, end = text.partition("/") if interval else ("", "", "")
        alone = [_qualified(start.strip(), after=False), _qualified(end.strip(), before=False)]
    except OverflowError:
        raise _beyond(text) from None
    earliest, latest = library_day(bounds[0]), library_day(bounds[1])
    earliest_possible = alone[0].earliest_possible if alone[0] else library_day(bounds[2])
    latest_possible = alone[-1].latest_possible if alone[-1] else library_day(bounds[3])
    if text[:1] in "[{":  # the library ignores the qualifiers of a set's members
        earliest_possible, latest_possible = _members_widened(text, earliest_possible, latest_possible)
    if interval:  # its ends may be open or unknown
        if is_unbounded(lower):
            earliest = earliest_possible = None
        if is_unbounded(upper):
            latest = latest_possible = None
        if earliest and latest and latest < earliest:
            raise ValueError(f"{text}: the end ({latest}) is before the start ({earliest})")
    return TimeSpan(
        edtf=text,
        earliest=earliest,
        latest=latest,
        earliest_possible=earliest_possible,
        latest_possible=latest_possible,
        precision=library_precision(parsed),
        approximate=bool(re.search(r"[~%]", text)),
        uncertain=bool(re.search(r"[?%]", text)),
    )


def _members_widened(text: str, low: date | None, high: date | None) -> tuple[date | None, date | None]:
    """A set's possible bounds, widened to those of each of its dates on its own (``{2022-12~,2023-03}`` from 1
    November 2022); an open end (None) stays open."""
    for member in text[1:-1].split(","):
        if ".." not in member:  # the ends of a range cannot be qualified
            alone = _parse(member.strip())  # its errors are the set's: widened beyond the year 9999, say
            low = low and alone.earliest_possible and min(low, alone.earliest_possible)
            high = high and alone.latest_possible and max(high, alone.latest_possible)
    return low, high
