"""Whether the usable rows of an ACLED file agree with each other: one id a row, one ``iso`` a country.

Only rows without a problem of their own are compared, so one bad row cannot make good rows fail.

- ``event_id_cnty`` given twice: ACLED's dataset is alive, and a file put together from several downloads can
  hold a row and its later update, with a newer ``timestamp``. The copy with the latest timestamp is imported;
  each older one is left out with a warning at its line, naming the line of the copy kept. Copies that share the
  latest timestamp cannot be told apart: each of them is an error.
- a country given two ``iso`` codes: no row can be trusted over another, so every row of that country is an
  error, naming the lines that give the other code.

>>> from typing import NamedTuple
>>> class Row(NamedTuple):
...     line: int
...     values: dict[str, str]
...     timestamp: int
>>> def row(line, key, iso, timestamp):
...     return Row(line, {"event_id_cnty": key, "country": "Syria", "iso": iso}, timestamp)
>>> kept, problems = agree("a.csv", [row(2, "S1", "760", 5), row(3, "S1", "760", 9), row(4, "S2", "760", 5)])
>>> [r.line for r in kept]
[3, 4]
>>> print(problems[0])
a.csv:2: warning: event_id_cnty 'S1' is updated at line 3 (timestamp 9, this row's 5): this older copy is left out
>>> kept, problems = agree("a.csv", [row(2, "S1", "76", 5), row(3, "S2", "760", 5), row(4, "S3", "760", 5)])
>>> kept, [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
([], ["a.csv:2: iso 76 of 'Syria' disagrees with other rows: 760 at lines 3, 4",
      "a.csv:3: iso 760 of 'Syria' disagrees with other rows: 76 at line 2",
      "a.csv:4: iso 760 of 'Syria' disagrees with other rows: 76 at line 2"])
"""

from __future__ import annotations

from typing import Protocol, TypeVar

from kgraph.errors import Problem


class Checked(Protocol):
    """What agreement reads of a row (:class:`kgraph.imports.acled_rows.Row`): its line, columns and timestamp."""

    @property
    def line(self) -> int: ...
    @property
    def values(self) -> dict[str, str]: ...
    @property
    def timestamp(self) -> int: ...


Row = TypeVar("Row", bound=Checked)

#: The most line numbers a message lists.
SHOWN_LINES = 5


def lines_text(lines: list[int]) -> str:
    """Line numbers as a message gives them, at most :data:`SHOWN_LINES`.

    >>> lines_text([4]), lines_text([3, 4]), lines_text(list(range(2, 10)))
    ('line 4', 'lines 3, 4', 'lines 2, 3, 4, 5, 6 and 3 more')
    """
    shown = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    more = f" and {len(lines) - SHOWN_LINES} more" if len(lines) > SHOWN_LINES else ""
    return f"line{'' if len(lines) == 1 else 's'} {shown}{more}"


def _copies(name: str, rows: list[Row]) -> tuple[list[Row], list[Problem]]:
    """The rows without an older copy of an id, and a problem for each row left out (see the module)."""
    by_id: dict[str, list[Row]] = {}
    for row in rows:
        by_id.setdefault(row.values["event_id_cnty"].strip(), []).append(row)
    problems, out = [], set()
    for key, copies in by_id.items():
        if len(copies) == 1:
            continue
        latest = max(r.timestamp for r in copies)
        newest = [r for r in copies if r.timestamp == latest]
        for row in copies:
            out.add(row.line)
            others = [r.line for r in copies if r is not row]
            if len(newest) > 1 and row.timestamp == latest:
                message = (
                    f"event_id_cnty {key!r} is also the id of the rows at {lines_text(others)}, with the same "
                    f"timestamp {latest}: which copy is ACLED's latest cannot be told"
                )
                problems.append(Problem(name, row.line, message))
            elif row.timestamp < latest:
                message = (
                    f"event_id_cnty {key!r} is updated at {lines_text([r.line for r in newest])} (timestamp "
                    f"{latest}, this row's {row.timestamp}): this older copy is left out"
                )
                problems.append(Problem(name, row.line, message, "warning"))
            else:
                out.discard(row.line)
    return [r for r in rows if r.line not in out], problems


def agree(name: str, rows: list[Row]) -> tuple[list[Row], list[Problem]]:
    """The rows that agree with each other, and a problem at the line of each other row (see the module)."""
    rows, problems = _copies(name, rows)
    isos: dict[str, dict[str, list[int]]] = {}
    for row in rows:
        isos.setdefault(row.values["country"].strip(), {}).setdefault(row.values["iso"].strip(), []).append(row.line)
    wrong: set[int] = set()
    for country, codes in isos.items():
        if len(codes) < 2:
            continue
        for iso, lines in codes.items():
            others = "; ".join(f"{other} at {lines_text(at)}" for other, at in codes.items() if other != iso)
            for line in lines:
                wrong.add(line)
                problems.append(Problem(name, line, f"iso {iso} of {country!r} disagrees with other rows: {others}"))
    return [r for r in rows if r.line not in wrong], sorted(problems, key=lambda p: p.line)
