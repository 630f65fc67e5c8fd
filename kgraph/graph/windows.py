"""Time windows for queries, and what "during" means for uncertain dates.

A date such as ``2020-~09`` (around September 2020) or ``2022-12~/..``
(from around December 2022, still going on) does not say exactly when
something happened. A window can ask one of two questions of it:

* **overlapping** (the default): *could* it fall in the window? Its widest
  possible span (``earliest_possible`` to ``latest_possible``, an open end
  reaching forever) shares at least one day with the window.
* **within**: does it *certainly* fall in the window? Its whole widest
  possible span lies inside the window; an open end is never certainly inside
  a closed window.

Both use the widened bounds, so an approximate date counts as possibly in the
days its qualifier widens it by (a qualified month, ``2020-~09``, the month
before or after; a qualifier after a whole date, ``2020-09~``, a year, a month
and a day, as EDTF says), and as certainly inside only a window that holds all
of its possible days. A relation without a ``valid`` interval is taken to hold at
all times, and so is in every window.

>>> july = within("2023-07")
>>> july.start, july.end
(datetime.date(2023, 7, 1), datetime.date(2023, 7, 31))
>>> from kgraph.annotations.dates import TimeSpan
>>> blockade = TimeSpan.parse("2022-12~/..")
>>> overlapping("2023-07").admits(blockade), july.admits(blockade)
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from kgraph.annotations.dates import TimeSpan
from kgraph.errors import UsageError

Mode = Literal["overlapping", "within"]


@dataclass(frozen=True)
class Window:
    """A span of days (either end may be open) and the question asked of dates: overlapping or within."""

    start: date | None
    end: date | None
    mode: Mode = "overlapping"

    def admits(self, span: TimeSpan | None) -> bool:
        """Whether a date answers the window's question; ``None`` (timeless) always does."""
        if span is None:
            return True
        return self.admits_bounds(span.earliest_possible, span.latest_possible)

    def admits_bounds(self, earliest: date | None, latest: date | None) -> bool:
        """The same test on a pair of bounds, ``None`` meaning open."""
        if self.mode == "overlapping":
            starts_in_time = self.end is None or earliest is None or earliest <= self.end
            ends_in_time = self.start is None or latest is None or latest >= self.start
            return starts_in_time and ends_in_time
        starts_inside = self.start is None or (earliest is not None and earliest >= self.start)
        ends_inside = self.end is None or (latest is not None and latest <= self.end)
        return starts_inside and ends_inside

    def __str__(self) -> str:
        return f"{self.mode} {self.start or '..'}/{self.end or '..'}"


def overlapping(when: str | TimeSpan | tuple[date | str | None, date | str | None]) -> Window:
    """A window of what could fall in ``when`` (EDTF text such as ``"2023"`` or ``"2023-07/.."``, a TimeSpan, or a pair of days)."""
    return _window(when, "overlapping")


def within(when: str | TimeSpan | tuple[date | str | None, date | str | None]) -> Window:
    """A window of what certainly falls in ``when``."""
    return _window(when, "within")


WindowLike = Window | str | TimeSpan | tuple[date | str | None, date | str | None]


def as_window(when: WindowLike | None) -> Window | None:
    """A Window from what a query's ``during`` accepts; plain dates mean overlapping."""
    if when is None or isinstance(when, Window):
        return when
    return _window(when, "overlapping")


def _window(when: str | TimeSpan | tuple[date | str | None, date | str | None], mode: Mode) -> Window:
    if isinstance(when, tuple):
        start, end = (_day(d) for d in when)
        if start and end and end < start:
            raise UsageError(f"time window ends ({end}) before it starts ({start})")
        return Window(start, end, mode)
    if isinstance(when, str):
        try:
            when = TimeSpan.parse(when)
        except ValueError as exc:
            raise UsageError(f"time window: {exc}") from None
    return Window(when.earliest, when.latest, mode)


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"time window: {value!r} is not a day (YYYY-MM-DD)") from None
