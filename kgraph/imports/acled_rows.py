"""Reading an ACLED CSV file into checked rows: every row that cannot be used is a problem at its line.

A row is checked whole, and every problem of every row is reported, as ``FILE.csv:17: message``: a field count
that is not the header's, a required column left empty, a character kgraph does not allow (a tab or line break
in a name, a control character), a date, code or number that cannot be read, an ACLED event type and sub-event
type that do not go together, an ``interaction`` that does not follow from ``inter1`` and ``inter2``, an
``event_id_cnty`` given twice, a country given two ``iso`` codes. A file without ACLED's columns in its header is
one problem, at its first line. Line ends in notes are read as ``\\n`` (a file written on Windows has ``\\r\\n``).

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = path.write_text("event_id_cnty,notes\\nX1,a\\n")
>>> rows, problems = read_rows(path)
>>> print(problems[0].message[:60])
not ACLED's format: the header lacks event_date, time_precis
"""

from __future__ import annotations

import csv
import math
import re
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kgraph.annotations.fields import LINE_PATTERN, MAX_LINE, MAX_TEXT, TEXT_PATTERN
from kgraph.errors import Problem, UsageError, shown
from kgraph.imports.acled_terms import COLUMNS, kgraph_type

#: Columns a row must fill.
# fmt: off
REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
            "interaction", "iso", "country", "location", "latitude", "longitude", "geo_precision", "notes",
            "fatalities", "timestamp")
# fmt: on
_LINE, _TEXT = re.compile(LINE_PATTERN), re.compile(TEXT_PATTERN)


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
    """Checks rows one by one, remembering what later rows must agree with."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.ids: dict[str, int] = {}
        self.iso: dict[str, tuple[str, int]] = {}

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
        for lower, upper in (("admin1", "admin2"), ("admin2", "admin3")):
            if values[upper].strip() and not values[lower].strip():
                said.append(f"{upper} is given without {lower}")
        said += self.agreement(line, values)
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

    def agreement(self, line: int, values: dict[str, str]) -> list[str]:
        said = []
        key = values["event_id_cnty"].strip()
        if key:
            first = self.ids.setdefault(key, line)
            if first != line:
                said.append(f"event_id_cnty {key!r} is already the id of the row at line {first}")
        country, iso = values["country"].strip(), values["iso"].strip()
        if country and iso:
            known, at = self.iso.setdefault(country, (iso, line))
            if known != iso:
                said.append(f"iso {iso} of {country!r} differs from {known} at line {at}")
        return said


def read_rows(path: Path) -> tuple[list[Row], list[Problem]]:
    """The usable rows of an ACLED CSV file, and a problem for each mistake in the others (see the module).

    A file that cannot be read is a :class:`~kgraph.errors.UsageError`.
    """
    name = str(path)
    try:
        if not stat.S_ISREG(Path(path).stat().st_mode):  # a FIFO or a device is never opened: it could block
            raise UsageError(f"{shown(path)}: is not a regular file")
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise UsageError(f"{shown(path)}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        return [], [Problem(name, 0, f"not UTF-8 text (byte {exc.start}); ACLED's files are UTF-8")]
    reader = csv.reader(text.splitlines(keepends=True))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [Problem(name, 1, f"not ACLED's format: the header lacks {', '.join(missing)}")]
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
        values = {c: fields[i] for c, i in positions}
        values["notes"] = values["notes"].replace("\r\n", "\n").replace("\r", "\n")  # line ends as kgraph reads them
        row, found = checker.check(start, values)
        problems += found
        if row is not None:
            rows.append(row)
    return rows, problems
