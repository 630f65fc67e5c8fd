"""Reading an ACLED CSV file into checked rows: every row that cannot be used is a problem at its line.

Every problem of every row is reported, as ``FILE.csv:17: message``: a field count that is not the header's, a
required column left empty, a character kgraph does not allow, a date, code or number that cannot be read, event
and sub-event types that do not go together, an ``interaction`` that does not follow from ``inter1`` and
``inter2``, a ``timestamp`` or a week or month (``time_precision`` 2 or 3) outside years 1 to 9999 (:data:`DAYS`).
Then the rows without a problem must agree (:mod:`kgraph.imports.acled_agreement`: one id a row, one ``iso`` a
country). A file that is not ACLED's CSV (not UTF-8, empty, without ACLED's columns) is one
:class:`~kgraph.errors.UsageError`. Rows are split at line ends only (``\\n``, ``\\r\\n``, ``\\r``), not at U+2028
and the other characters Python calls line breaks, which notes may hold; line ends in notes are read as ``\\n``.
A cell's formula guard (``'=...``, written by kgraph's ACLED export) is taken off (:func:`unguard`).

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = path.write_text("event_id_cnty,notes\\nX1,a\\n")
>>> read_rows(path)
Traceback (most recent call last):
...
kgraph.errors.UsageError: ...a.csv:1: not ACLED's format: the header lacks event_date, time_precision, ...
"""

from __future__ import annotations

import csv
import io
import math
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kgraph.annotations.fields import LINE_PATTERN, MAX_LINE, MAX_TEXT, TEXT_PATTERN
from kgraph.errors import Problem, UsageError, shown
from kgraph.export.cells import FORMULA_TRIGGERS, GUARD
from kgraph.imports.acled_agreement import agree
from kgraph.imports.acled_terms import COLUMNS, kgraph_type

#: Columns a row may leave empty, and those it must fill.
OPTIONAL = {"assoc_actor_1", "actor2", "assoc_actor_2", "inter2", "civilian_targeting", "admin1", "admin2", "admin3",
            "source", "source_scale", "tags"}  # fmt: skip
REQUIRED = tuple(column for column in COLUMNS if column not in OPTIONAL)
_LINE, _TEXT = re.compile(LINE_PATTERN), re.compile(TEXT_PATTERN)
#: The last ``timestamp`` kgraph can date (9999-12-31 23:59:59 UTC).
LAST_TIMESTAMP = 253402300799
#: The days an ``event_date`` of each ``time_precision`` may be, so that its EDTF date stays within years 1 to
#: 9999: a week is three days either side, an approximate month (``0001-~01``) may be the month before or after.
DAYS = {1: (date(1, 1, 1), date(9999, 12, 31)), 2: (date(1, 1, 4), date(9999, 12, 28)),
        3: (date(1, 2, 1), date(9999, 11, 30))}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Row:
    """One usable ACLED row: its line, its columns as written, and what kgraph reads from them."""

    line: int
    values: dict[str, str]
    day: date
    precision: int
    type: str
    inter1: int
    inter2: int | None
    lat: float
    lon: float
    fatalities: int
    timestamp: int

    def names(self, column: str) -> list[str]:
        """The names a column lists, split at ``;``, each once, in order.

        >>> _row({"assoc_actor_1": "A; B;  A"}).names("assoc_actor_1")
        ['A', 'B']
        """
        return list(dict.fromkeys(n.strip() for n in self.values.get(column, "").split(";") if n.strip()))


def _row(values: dict[str, str]) -> Row:
    return Row(0, values, date(2000, 1, 1), 1, "attack", 1, None, 0.0, 0.0, 0, 0)


def parse_day(text: str) -> date | None:
    """ACLED's ``event_date``: ``2021-04-15`` (ACLED's API) or ``15 April 2021`` (its website's files).

    >>> parse_day("2021-04-15"), parse_day("15 April 2021"), parse_day("15/04/2021")
    (datetime.date(2021, 4, 15), datetime.date(2021, 4, 15), None)
    """
    for form in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    return None


def _whole(text: str, low: int, high: int | None = None) -> int | None:
    if not re.fullmatch(r"[0-9]+", text.strip()):
        return None
    value = int(text)
    return value if value >= low and (high is None or value <= high) else None


def _degrees(text: str, limit: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


class _Checker:
    """Checks rows one by one; whether they agree with each other is :mod:`kgraph.imports.acled_agreement`'s."""

    def __init__(self, name: str) -> None:
        self.name = name

    def check(self, line: int, values: dict[str, str]) -> tuple[Row | None, list[Problem]]:
        said: list[str] = []
        for column in REQUIRED:
            if not values[column].strip():
                said.append(f"{column} is empty")
        for column, value in values.items():
            if column == "notes":
                if value.strip() and not _TEXT.match(value):
                    said.append("notes hold a control character")
                elif len(value) > MAX_TEXT:
                    said.append(f"notes are longer than {MAX_TEXT:,} characters")
            elif value.strip() and not _LINE.match(value):
                said.append(f"{column} holds a line break, tab or control character, which a name cannot")
            elif len(value) > MAX_LINE:
                said.append(f"{column} is longer than {MAX_LINE:,} characters")
        day = parse_day(values["event_date"]) if values["event_date"].strip() else None
        if values["event_date"].strip() and day is None:
            said.append(f"event_date {values['event_date']!r} is not a date (2021-04-15, or 15 April 2021)")
        precision = self.code(values, "time_precision", 1, 3, said)
        geo = self.code(values, "geo_precision", 1, 3, said)
        kind = kgraph_type(values["event_type"].strip(), values["sub_event_type"].strip())
        if kind is None and values["event_type"].strip() and values["sub_event_type"].strip():
            said.append(
                f"unknown ACLED event type {values['event_type']!r} with sub-event type {values['sub_event_type']!r}"
            )
        inter1 = self.code(values, "inter1", 1, 8, said)
        inter2 = self.second_actor(values, said)
        interaction = values["interaction"].strip()
        if inter1 is not None and inter2 is not False and interaction:
            low, high = sorted((inter1, inter2 or 0))
            expected = f"{high}0" if low == 0 else f"{low}{high}"
            if interaction != expected:
                said.append(f"interaction {interaction!r} does not follow from inter1 and inter2: it is {expected}")
        if values["iso"].strip() and not values["iso"].strip().isdigit():
            said.append(f"iso {values['iso']!r} is not a number (ACLED's numeric country code)")
        lat = self.number(values, "latitude", 90, said)
        lon = self.number(values, "longitude", 180, said)
        fatalities = self.code(values, "fatalities", 0, None, said)
        timestamp = self.code(values, "timestamp", 0, None, said)
        if timestamp is not None and timestamp > LAST_TIMESTAMP:
            said.append(
                f"timestamp {values['timestamp'].strip()} is after the year 9999: ACLED's timestamps are seconds "
                "since 1970 (UTC), not milliseconds"
            )
        if day is not None and precision is not None and not DAYS[precision][0] <= day <= DAYS[precision][1]:
            said.append(
                f"event_date {values['event_date']!r} with time_precision {precision} reaches outside years 1 to 9999"
            )
        for lower, upper in (("admin1", "admin2"), ("admin2", "admin3")):
            if values[upper].strip() and not values[lower].strip():
                said.append(f"{upper} is given without {lower}")
        problems = [Problem(self.name, line, message) for message in said]
        if (
            problems
            or day is None
            or precision is None
            or geo is None
            or kind is None
            or inter1 is None
            or inter2 is False
            or lat is None
            or lon is None
            or fatalities is None
            or timestamp is None
        ):
            return None, problems
        row = Row(line, values, day, precision, kind, inter1, inter2, lat, lon, fatalities, timestamp)
        return row, []

    def code(self, values: dict[str, str], column: str, low: int, high: int | None, said: list[str]) -> int | None:
        text = values[column].strip()
        value = _whole(text, low, high) if text else None
        if text and value is None:
            allowed = f"a code from {low} to {high}" if high else "a whole number, 0 or more"
            said.append(f"{column} {values[column]!r} is not {allowed}")
        return value

    def number(self, values: dict[str, str], column: str, limit: float, said: list[str]) -> float | None:
        text = values[column].strip()
        value = _degrees(text, limit) if text else None
        if text and value is None:
            said.append(f"{column} {values[column]!r} is not a number from {-limit:g} to {limit:g}")
        return value

    def second_actor(self, values: dict[str, str], said: list[str]) -> int | bool | None:
        """``inter2``: a code when there is an ``actor2``, None when there is none, False when it is wrong."""
        text = values["inter2"].strip()
        if values["actor2"].strip():
            if not text:
                said.append("inter2 is empty, but actor2 is given")
                return False
            value = self.code(values, "inter2", 1, 8, said)
            return False if value is None else value
        if text not in ("", "0"):
            said.append(f"inter2 is {text!r}, but there is no actor2")
            return False
        return None


def unguard(text: str) -> str:
    """A cell without the guard :func:`kgraph.export.cells.inert` puts before text that starts like a formula.

    Exactly one ``'`` is taken off text that starts with ``'`` and, after its quotes, like a formula (the export
    writes text that starts so with one more), so text and its guard come back as they were.

    >>> unguard("'=1+1"), unguard("''-2"), unguard("'quoted'"), unguard("=1")
    ('=1+1', "'-2", "'quoted'", '=1')
    """
    return text[1:] if text.startswith(GUARD) and text.lstrip(GUARD).startswith(FORMULA_TRIGGERS) else text


def _text(path: Path) -> str:
    """The file's text; a UsageError when it cannot be read, is not UTF-8 or is empty."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or a device is never opened: it could block
            raise UsageError(f"{shown(path)}: is not a regular file")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{shown(path)}:{line}: not UTF-8 text (byte {exc.start}); ACLED's files are UTF-8: convert it first"
        ) from None
    if not text.strip():
        raise UsageError(f"{shown(path)}: is empty; an ACLED file has a header line and a row an event")
    return text


def _header(path: Path, reader: Iterator[list[str]]) -> list[str]:
    """The header's columns; a UsageError when they are not ACLED's."""
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        hint = ""
        if len(header) == 1 and ";" in header[0]:
            hint = "; its one field holds semicolons: the delimiter is probably ';', and ACLED's files use ','"
        raise UsageError(f"{shown(path)}:1: not ACLED's format: the header lacks {', '.join(missing)}{hint}")
    return header


def read_rows(path: Path) -> tuple[list[Row], list[Problem]]:
    """The usable rows of an ACLED CSV file, and a problem for each mistake in the others (see the module).

    A file that cannot be read, or is not ACLED's format, is a :class:`~kgraph.errors.UsageError`. The problems
    are sorted by line; those of rows that do not agree with others come from
    :func:`~kgraph.imports.acled_agreement.agree`, whose warnings (an older copy of a row) leave the row out too.
    """
    name = str(path)
    reader = csv.reader(io.StringIO(_text(Path(path)), newline=""))  # splits at line ends only, not at U+2028
    header = _header(Path(path), reader)
    checker, rows, problems = _Checker(name), [], []
    positions = [(c, header.index(c)) for c in COLUMNS]
    end = reader.line_num
    while True:
        start = end + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            end = reader.line_num
            problems.append(Problem(name, start, f"cannot be read as CSV: {exc}"))
            continue
        end = reader.line_num
        if not fields:
            continue
        if len(fields) != len(header):
            problems.append(Problem(name, start, f"has {len(fields)} fields; the header has {len(header)}"))
            continue
        values = {c: unguard(fields[i]) for c, i in positions}
        values["notes"] = values["notes"].replace("\r\n", "\n").replace("\r", "\n")  # line ends as kgraph reads them
        row, found = checker.check(start, values)
        problems += found
        if row is not None:
            rows.append(row)
    rows, disagreements = agree(name, rows)
    return rows, sorted(problems + disagreements, key=lambda p: p.line)
