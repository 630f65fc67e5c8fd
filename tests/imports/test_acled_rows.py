"""Reading ACLED rows: one bad row never knocks out good ones, updated rows, exact lines, formula guards."""

from __future__ import annotations

from pathlib import Path

import kgraph
from kgraph.imports.acled import import_acled
from kgraph.imports.acled_rows import read_rows

from ..helpers import kgraph_cli
from .acled_sample import sample_rows, write_csv


def _syria(count: int, **first: str) -> tuple[list[str], list[list[str]]]:
    """A header and ``count`` good rows of the sample's first row, ids SYR1..., the first changed by ``first``."""
    values = next(iter(sample_rows().values()))
    records = [
        list({**values, "event_id_cnty": f"SYR{n}", **(first if n == 1 else {})}.values()) for n in range(1, 1 + count)
    ]
    return list(values), records


def test_a_bad_row_does_not_knock_out_the_good_rows_after_it(tmp_path: Path):
    header, records = _syria(12, iso="76", fatalities="several")
    rows, problems = read_rows(write_csv(tmp_path / "a.csv", header, records))
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'a.csv'}:2: fatalities 'several' is not a whole number, 0 or more"
    ]
    assert [r.values["event_id_cnty"] for r in rows] == [f"SYR{n}" for n in range(2, 13)]
    header, records = _syria(3, event_id_cnty="SYR2", fatalities="several")  # a bad copy of a good row's id
    rows, problems = read_rows(write_csv(tmp_path / "b.csv", header, records))
    assert ([r.line for r in rows], [p.line for p in problems]) == ([3, 4], [2])


def test_two_iso_codes_of_a_country_are_reported_at_every_row_involved(tmp_path: Path):
    header, records = _syria(4)
    records[2][header.index("iso")] = "76"
    path = write_csv(tmp_path / "a.csv", header, records)
    rows, problems = read_rows(path)
    assert rows == []
    assert [str(p) for p in problems] == [
        f"{path}:2: iso 760 of 'Syria' disagrees with other rows: 76 at line 4",
        f"{path}:3: iso 760 of 'Syria' disagrees with other rows: 76 at line 4",
        f"{path}:4: iso 76 of 'Syria' disagrees with other rows: 760 at lines 2, 3, 5",
        f"{path}:5: iso 760 of 'Syria' disagrees with other rows: 76 at line 4",
    ]


def test_an_updated_row_replaces_its_older_copy_with_a_warning(tmp_path: Path):
    header, records = _syria(3)
    stamp = header.index("timestamp")
    newer = [*records[0]]
    newer[stamp] = str(int(newer[stamp]) + 86400)
    newer[header.index("fatalities")] = "9"
    path = write_csv(tmp_path / "a.csv", header, [*records, newer])
    result = kgraph_cli("import", "acled", str(path), str(tmp_path / "out"))  # a warning: no --skip-bad needed
    assert result.returncode == 0, result.stderr
    old = records[0][stamp]
    assert result.stderr == (
        f"{path}:2: warning: event_id_cnty 'SYR1' is updated at line 5 (timestamp {newer[stamp]}, this row's {old}): "
        "this older copy is left out\n"
    )
    assert "3 events" in result.stdout
    assert "skipped 1 row" in result.stdout
    assert kgraph.load(tmp_path / "out").events["syr1"].figures[0].value == 9
    same = write_csv(tmp_path / "b.csv", header, [*records, records[0]])  # same timestamp: which is latest?
    rows, problems = read_rows(same)
    assert [r.line for r in rows] == [3, 4]
    assert [(p.line, p.is_error) for p in problems] == [(2, True), (5, True)]
    assert "with the same timestamp" in problems[0].message


def test_rows_split_at_line_ends_only_and_lines_stay_exact(tmp_path: Path):
    header, records = _syria(4)
    notes = header.index("notes")
    records[0][notes] = "Split\u2028here\u2029and there."  # Python's csv writer leaves these unquoted
    records[1][notes] = "Control\x85characters\x0bkgraph\x0cdoes\x1cnot\x1dallow\x1e."
    records[2][notes] = "One\nquoted\r\nfield\nof four lines."
    records[3][header.index("fatalities")] = "-1"
    path = write_csv(tmp_path / "a.csv", header, records)
    rows, problems = read_rows(path)
    assert [str(p) for p in problems] == [
        f"{path}:3: notes hold a control character",  # one row, one problem
        f"{path}:8: fatalities '-1' is not a whole number, 0 or more",  # the quoted field's lines counted
    ]
    assert [r.values["notes"] for r in rows] == [records[0][notes], "One\nquoted\nfield\nof four lines."]
    import_acled(path, tmp_path / "out", skip_bad=True)
    assert kgraph.load(tmp_path / "out").events["syr1"].evidence[0].quote == records[0][notes]


def test_leftovers_of_a_killed_import_are_removed(tmp_path: Path):
    header, records = _syria(1)
    path = write_csv(tmp_path / "a.csv", header, records)
    (tmp_path / ".out.0badf00d.tmp" / "acled-x").mkdir(parents=True)  # what kill -9 midway leaves
    (tmp_path / ".out.not-ours.tmp").mkdir()
    import_acled(path, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.not-ours.tmp", "a.csv", "out"]
