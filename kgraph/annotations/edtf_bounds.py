"""Bounds of the EDTF dates whose bounds the ``edtf`` library parses but cannot compute, why it cannot read
the dates it refuses, and its results read as days and precisions.

The library (5.0.2) parses unspecified digits in a month or a day (``2020-09-2X``, ``20XX-1X-XX``, and
intervals or sets of them) but fails when asked for their bounds. Here each such date is replaced by the
earliest and by the latest day its X's allow (respecting month lengths and leap years), and the library
computes the lower bounds from the first text and the upper bounds from the second.

>>> extremes("2020-09-2X/2020-11-10")
('2020-09-20/2020-11-10', '2020-09-29/2020-11-10')
>>> extremes("10X0")
('1000', '1090')
>>> extremes("19XX-02-2X")
('1900-02-20', '1999-02-28')
>>> extremes("2021-02-3X")
Traceback (most recent call last):
...
ValueError: 2021-02-3X: no day of the month fits 3X
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

#: A day in ISO form, in a date the library refuses.
_ISO_DAY = re.compile(r"(-?\d{4})-(\d{2})-(\d{2})")
#: A date with unspecified digits (X) in its year, month or day; a negative year has a minus sign before it.
_UNSPECIFIED = re.compile(r"(?<![\dX])(-?)([\dX]{4})(?:-([\dX]{2})(?:-([\dX]{2}))?)?(?![\dX])")


def _digits(pattern: str, low: int, high: int) -> Iterator[int]:
    """The numbers from low to high that a pattern of digits and X's allows, in order."""
    regex = re.compile(pattern.replace("X", r"\d"))
    return (n for n in range(low, high + 1) if regex.fullmatch(f"{n:0{len(pattern)}d}"))


def _extreme(year: str, month: str | None, day: str | None, latest: bool) -> str | None:
    """The earliest (or latest) date that the X's of a year, month and day allow, or None if there is none."""
    years = list(_digits(year, 1, 9999)) if "X" in year else [int(year)]
    if month is None:
        return f"{years[-1] if latest else years[0]:04d}" if years else None
    months = list(_digits(month, 1, 12))
    for y in reversed(years) if latest else years:
        for m in reversed(months) if latest else months:
            if day is None:
                return f"{y:04d}-{m:02d}"
            days = list(_digits(day, 1, calendar.monthrange(y, m)[1]))
            if days:
                return f"{y:04d}-{m:02d}-{days[-1] if latest else days[0]:02d}"
    return None


def extremes(text: str) -> tuple[str, str] | None:
    """The text with each date with unspecified digits made its earliest and its latest day; None if it has none."""
    found = [m for m in _UNSPECIFIED.finditer(text) if "X" in m.group(0)]
    if not found:
        return None
    texts = []
    for latest in (False, True):
        parts, end = [], 0
        for match in found:
            sign, year, month, day = match.groups()
            if sign or year == "0000":
                raise ValueError(f"{text}: years before 1 are not supported (the supported years are 1 to 9999)")
            value = _extreme(year, month, day, latest)
            if value is None:
                what = f"day of the month fits {day}" if day and "X" in day else f"month fits {month}"
                what = what if month else f"year from 1 to 9999 fits {year}"
                raise ValueError(f"{match.group(0)}: no {what}")
            parts += [text[end : match.start()], value]
            end = match.end()
        texts.append("".join(parts) + text[end:])
    return texts[0], texts[1]


def unspecified_bounds(text: str) -> tuple[Any, Any, Any, Any]:
    """The library's bounds of a date with unspecified digits: from its earliest and its latest days."""
    from edtf import parse_edtf

    texts = extremes(text)
    reason = f"{text!r}: the EDTF library reads this date but cannot compute its bounds (supported years: 1 to 9999)"
    if texts is None:
        raise ValueError(reason)
    try:
        low, high = parse_edtf(texts[0]), parse_edtf(texts[1])
        return low.lower_strict(), high.upper_strict(), low.lower_fuzzy(), high.upper_fuzzy()
    except Exception:
        raise ValueError(reason) from None


def missing_day(text: str) -> str | None:
    """Why a day that ``text`` names does not exist, which the library reads as if it did; None when all exist.

    >>> missing_day("2023-02-29/.."), missing_day("2024-02-29"), missing_day("1000-~02-29")
    ('2023-02-29 does not exist: February 2023 has 28 days', None, '1000-02-29 does not exist: February 1000 has 28 days')
    """
    for match in _ISO_DAY.finditer(re.sub(r"[?~%]", "", text)):  # the day, whatever part is qualified
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and year > 0:
            days = calendar.monthrange(year, month)[1]
            if day > days:
                return f"{match.group(0)} does not exist: {calendar.month_name[month]} {year} has {days} days"
    return None


def explain_invalid(text: str) -> str:
    """Why the EDTF library cannot read ``text``, in words: a day that does not exist, a set of parts, or examples.

    >>> explain_invalid("2023-[01,02]")
    "'2023-[01,02]' is not a valid EDTF date: a set lists whole dates, such as [2023-01,2023-02]"
    >>> explain_invalid("15/01/2024")
    "'15/01/2024' is not a valid EDTF date: write a day as year-month-day, 2024-01-15"
    """
    missing = missing_day(text)
    if missing:
        return missing
    part_set = re.search(r"(\d{4}-(?:\d{2}-)?)\[([^\]]*)\]", text)
    if part_set:  # EDTF sets list whole dates, not parts of one
        prefix, inner = part_set.groups()
        whole = re.sub(r"(?<![\d-])(\d{2})(?![\d-])", lambda m: prefix + m.group(1), inner)
        return f"{text!r} is not a valid EDTF date: a set lists whole dates, such as [{whole}]"
    likely = _likely(text.strip())
    if likely:
        return f"{text!r} is not a valid EDTF date: {likely}"
    return (
        f"{text!r} is not a valid EDTF date: the EDTF library cannot read it"
        " (examples: 2023-07-12, 2023-07, 2023-06-15/.., 2020-~09, 2020-09-2X, [2020-09-21..2020-09-30])"
    )


_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
#: Parts of a month a reporter names, as the days of a one-of set.
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _likely(text: str) -> str | None:
    """What a date written in another common way is in EDTF, in words; None when it is no such date.

    >>> _likely("2024-1-5")
    'write a day as year-month-day, 2024-01-05'
    >>> _likely("late Feb 2024")
    "for one day in late February 2024, write '[2024-02-21..2024-02-29]'"
    >>> _likely("03/04/2024")
    'write 2024-04-03 (3 April) or 2024-03-04 (4 March)'
    """
    lower = " ".join(text.lower().replace(",", " ").split())
    if match := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d.*)?", lower):
        readings = [(match.group(1), match.group(2), match.group(3))]
    elif match := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", lower):
        first, second, year = match.groups()
        readings = list(dict.fromkeys([(year, second, first), (year, first, second)]))  # day first, then month first
    elif match := re.fullmatch(rf"(\d{{1,2}}) {_MONTH} (\d{{4}})|{_MONTH} (\d{{1,2}}) (\d{{4}})", lower):
        day, name, year = match.groups()[:3] if match.group(1) else (match.group(5), match.group(4), match.group(6))
        readings = [(year, str(_MONTHS[name]), day)]
    elif match := re.fullmatch(rf"(early|mid|late)[- ]{_MONTH} (\d{{4}})", lower):
        part, name, year = match.groups()
        y, m = int(year), _MONTHS[name]
        if y < 1:
            return None
        first_day, last_day = _PARTS[part][0], min(_PARTS[part][1], calendar.monthrange(y, m)[1])
        days = f"'[{y:04d}-{m:02d}-{first_day:02d}..{y:04d}-{m:02d}-{last_day:02d}]'"  # quoted, as YAML needs
        return f"for one day in {part} {calendar.month_name[m]} {year}, write {days}"
    elif match := re.fullmatch(rf"{_MONTH} (\d{{4}})|(\d{{4}})[-/](\d{{1,2}})", lower):
        year, month = (match.group(2), str(_MONTHS[match.group(1)])) if match.group(1) else match.groups()[2:]
        return f"write a month as year-month, {year}-{int(month):02d}" if 1 <= int(month) <= 12 and int(year) else None
    else:
        return None
    real = [(day, f"{y}-{int(m):02d}-{int(d):02d}") for y, m, d in readings if (day := _real_day(y, m, d))]
    if len(real) == 2:
        (a, a_text), (b, b_text) = real
        return f"write {a_text} ({a.day} {a:%B}) or {b_text} ({b.day} {b:%B})"
    if real:
        return f"write a day as year-month-day, {real[0][1]}"
    return "no such day" if any(1 <= int(m) <= 12 for _, m, _ in readings) else None


def _real_day(year: str, month: str, day: str) -> date | None:
    """The day, if it exists."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def is_unbounded(section: Any) -> bool:
    """Whether an end of an interval the library parsed is open (``..``) or unknown (empty).

    >>> from edtf import parse_edtf
    >>> is_unbounded(parse_edtf("2020/..").upper), is_unbounded(parse_edtf("2020/2021").upper)
    (True, False)
    """
    return type(section).__name__ == "UnspecifiedIntervalSection" or str(section) in ("", "..")


def library_day(value: Any) -> date | None:
    """A bound the library gives (a ``struct_time``, or infinity for an open end) as a day, or None.

    >>> from edtf import parse_edtf
    >>> library_day(parse_edtf("2020-09").upper_strict()), library_day(float("inf"))
    (datetime.date(2020, 9, 30), None)
    """
    if isinstance(value, float):  # the library's +/- infinity for open ends
        return None
    if not isinstance(value, time.struct_time):
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except (ValueError, OverflowError):
        raise ValueError(f"year {value.tm_year} is outside the supported range 1 to 9999") from None


def library_precision(parsed: Any) -> str:
    """What a date the library parsed is: a year, month, day, season, interval or set.

    >>> from edtf import parse_edtf
    >>> [library_precision(parse_edtf(t)) for t in ("2020", "2020-21", "2020/2021", "[2020,2021]")]
    ['year', 'season', 'interval', 'set']
    """
    kind = type(parsed).__name__
    if "Interval" in kind:
        return "interval"
    if kind in ("OneOfASet", "MultipleDates"):
        return "set"
    if kind in ("Season", "PartialUncertainOrApproximate") and getattr(parsed, "season", None):
        return "season"
    inner = getattr(parsed, "date", parsed)
    try:
        precision = getattr(inner, "precision", None) or getattr(parsed, "precision", None)
    except ValueError:  # the library has none for unspecified digits inside a year (10X0)
        precision = "year"
    return str(precision) if precision else "season" if kind == "Season" else "day"
