"""Short labels for the explorer's event nodes: the event's type and its date, as a reader says them.

An event's title is often a sentence; drawn on the graph it covers its neighbours. The explorer labels an
event with its type and its date instead ("appeal · 12 Jul 2023") and keeps the title for the tooltip and
the panel. The date is said at its own precision, with its uncertainty: ``~`` before an approximate date,
``?`` after an uncertain one, open ends as "from" and "until", a set of possible days as "or later" or
"or earlier".

>>> short_label("appeal", "2023-07-12", "2023-07-12", "2023-07-12", "day")
'appeal · 12 Jul 2023'
>>> short_label("war", "2020-09~/..", "2020-09-01", None, "interval")
'war · from ~Sep 2020'
>>> short_label("war", "199X", "1990-01-01", "1999-12-31", "decade")
'war · 1990s'
>>> short_label("protest", "[2023-07-12..]", "2023-07-12", None, "set")
'protest · 12 Jul 2023 or later'
>>> short_label("military_advance", None, None, None, None)
'military advance'

An event that had not happened when it was reported (planned, threatened, predicted, ...) says so first:

>>> short_label("capture", "[2020-10-29..]", "2020-10-29", None, "set", status="predicted")
'predicted capture · 29 Oct 2020 or later'
"""

from __future__ import annotations

import re
from datetime import date

from kgraph.annotations.vocabulary import NOT_YET

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_SEP = " · "
_QUALIFIERS = re.compile(r"[~?%]")


def short_date(text: str | None, earliest: str | None, latest: str | None, precision: str | None) -> str:
    """An EDTF date said briefly at its own precision: ``12 Jul 2023``, ``~Sep 2020``, ``from 2022``.

    >>> short_date("2020-~09/2020-10-29", "2020-09-01", "2020-10-29", "interval")
    '~Sep 2020 – 29 Oct 2020'
    >>> short_date("../2020-10-29", None, "2020-10-29", "interval")
    'until 29 Oct 2020'
    >>> short_date("2023-07?", "2023-07-01", "2023-07-31", "month")
    'Jul 2023?'
    """
    if not text:
        return _between(earliest, latest)
    if text.startswith("[") or text.startswith("{"):
        inner = text.strip("[]{}")
        if inner.endswith(".."):
            return f"{_part(inner[:-2])} or later"
        if inner.startswith(".."):
            return f"{_part(inner[2:])} or earlier"
        return _between(earliest, latest)
    if "/" in text:
        start, _, end = text.partition("/")
        if start in ("", ".."):
            return f"until {_part(end)}"
        if end in ("", ".."):
            return f"from {_part(start)}"
        return f"{_part(start)} – {_part(end)}"
    if precision == "decade" and earliest and latest:
        return f"{earliest[:3]}0s"
    if precision == "century" and earliest:
        return f"{earliest[:2]}00s"
    return _part(text)


def _part(text: str) -> str:
    """One EDTF date (not an interval) said briefly; text it cannot read is returned as written."""
    approximate = "~" in text or "%" in text
    uncertain = "?" in text or "%" in text
    bare = _QUALIFIERS.sub("", text)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", bare)
    if not match:
        return text
    year, month, day = match.groups()
    if day and month and 1 <= int(month) <= 12:
        said = f"{int(day)} {_MONTHS[int(month) - 1]} {year}"
    elif month and 1 <= int(month) <= 12:
        said = f"{_MONTHS[int(month) - 1]} {year}"
    elif month:
        said = f"{year} ({month})"
    else:
        said = year
    return f"{'~' if approximate else ''}{said}{'?' if uncertain else ''}"


def _between(earliest: str | None, latest: str | None) -> str:
    if earliest and latest:
        return _part(earliest) if earliest == latest else f"{_part(earliest)} – {_part(latest)}"
    if earliest:
        return f"from {_part(earliest)}"
    return f"until {_part(latest)}" if latest else ""


def short_label(
    kind: str,
    text: str | None,
    earliest: str | date | None,
    latest: str | date | None,
    precision: str | None,
    status: str | None = None,
) -> str:
    """An event's short label: its status if it had not happened yet, its type, and its date if it has one."""
    said = short_date(text, _iso(earliest), _iso(latest), precision)
    name = kind.replace("_", " ")
    if status in NOT_YET:
        name = f"{status} {name}"
    return f"{name}{_SEP}{said}" if said else name


def _iso(value: str | date | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value
