"""What the ACLED tests share: the hand-written sample, its rows, and a column-by-column comparison."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kgraph.imports.acled_terms import COLUMNS

from ..helpers import FIXTURES

SAMPLE = FIXTURES / "acled" / "sample.csv"
#: The sample's malformed row: its line, and its event_id_cnty.
BAD_LINE, BAD_ID = 35, "NIG2010"
#: Columns of ACLED's files kgraph derives from others, so does not write: year, disorder_type, region.
DERIVED = ("year", "disorder_type", "region")


def rows(text: str) -> dict[str, dict[str, str]]:
    """The rows of ACLED CSV text, by event_id_cnty."""
    return {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}


def sample_rows() -> dict[str, dict[str, str]]:
    """The sample's rows (the malformed one too), by event_id_cnty."""
    return rows(SAMPLE.read_text(encoding="utf-8"))


def differences(original: dict[str, dict[str, str]], back: dict[str, dict[str, str]]) -> list[str]:
    """Every column of every row of ``back`` that differs from ``original``; coordinates compared as numbers."""
    found = []
    for key, row in back.items():
        for column in COLUMNS:
            was, now = original[key][column], row[column]
            same = float(was) == float(now) if column in ("latitude", "longitude") else was == now
            if not same:
                found.append(f"{key} {column}: {was!r} became {now!r}")
    return found


def write_csv(path: Path, header: list[str], records: list[list[str]]) -> Path:
    """Write rows as CSV, as ACLED does (quoted where needed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(records)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
