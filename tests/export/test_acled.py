"""``kgraph export --format acled``: kgraph's events in ACLED's columns, and the round trip from ACLED and back."""

from __future__ import annotations

import calendar
import tempfile
import zlib
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kgraph
from kgraph.export.acled import to_acled
from kgraph.imports.acled import import_acled
from kgraph.imports.acled_terms import COLUMNS, TYPES

from ..helpers import kgraph_cli
from ..imports.acled_sample import BAD_ID, SAMPLE, differences, rows, sample_rows, write_csv


def test_the_sample_comes_back_column_by_column(tmp_path: Path):
    out = tmp_path / "out"
    assert kgraph_cli("import", "acled", str(SAMPLE), str(out), "--skip-bad").returncode == 0
    result = kgraph_cli("export", str(out), "--format", "acled", "-o", str(tmp_path / "back.csv"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "back.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    back, original = rows(text), sample_rows()
    assert sorted(back) == sorted(key for key in original if key != BAD_ID)
    assert differences(original, back) == []


def test_events_of_other_corpora_read_as_acled_rows():
    graph = kgraph.KnowledgeGraph.load("tests/fixtures/claims").graph
    back = rows(to_acled(graph))
    acled_events = [n for n, d in graph.nodes(data=True) if d.get("kind") == "event" and d.get("acled_event_type")]
    assert sorted(back) == sorted(acled_events)  # an event of a type ACLED does not code is left out
    for key, row in back.items():
        node = graph.nodes[key]
        assert (row["event_type"], row["sub_event_type"]) == (node["acled_event_type"], node["acled_sub_event_type"])
        assert row["time_precision"] in ("1", "2", "3")
        assert date.fromisoformat(row["event_date"])
        low, high = sorted((int(row["inter1"] or 0), int(row["inter2"])))
        assert row["interaction"] == ("" if not high else f"{high}0" if not low else f"{low}{high}")


# Generated rows: a few names of each kind, so that actors, places and sources meet across rows.
_WORDS = st.sampled_from(["Alpha", "Beta", "Gamma", "Delta", "Testland", "alpha"])
#: Actors, associated actors and sources from one pool, which place names share: the same name in several roles
# (an actor that is also a source, an actor named like a place, an actor coded 1 in one row and 8 in another).
_NAMES = st.one_of(_WORDS, _WORDS.map(lambda w: f"{w} Forces"))
_TEXT = st.text(alphabet="abc XYZ,.;:'\"\n-0123", max_size=40).map(lambda t: f"N{t}z")
_PAIRS = sorted(TYPES)


@st.composite
def _row(draw: st.DrawFn, number: int) -> list[str]:
    day = date(2020, 1, 1) + timedelta(days=draw(st.integers(0, 900)))
    event_type, sub = draw(st.sampled_from(_PAIRS))
    inter1 = draw(st.integers(1, 8))
    inter2 = draw(st.one_of(st.just(0), st.integers(1, 8)))
    low, high = sorted((inter1, inter2))
    admins = draw(st.lists(st.sampled_from(["Alpha", "Beta"]), max_size=3))  # few places, so that rows share them
    location = draw(st.sampled_from(["Alpha", "Gamma"]))
    place = "|".join([*admins, location])  # coordinates follow the path, but one location may have two spots
    lat, lon = (
        (zlib.crc32(place.encode()) % 17000) / 200 - 42.5,
        (zlib.crc32(place[::-1].encode()) % 35000) / 200 - 87.5,
    )
    values = {
        "event_id_cnty": f"GEN{number}",
        "event_date": day.isoformat(),
        "time_precision": str(draw(st.integers(1, 3))),
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": draw(_NAMES),
        "assoc_actor_1": "; ".join(dict.fromkeys(draw(st.lists(_NAMES, max_size=2)))),
        "inter1": str(inter1),
        "actor2": draw(_NAMES) if inter2 else "",
        "assoc_actor_2": "; ".join(dict.fromkeys(draw(st.lists(_NAMES, max_size=2)))) if inter2 else "",
        "inter2": str(inter2),
        "interaction": f"{high}0" if not low else f"{low}{high}",
        "civilian_targeting": draw(st.sampled_from(["", "Civilian targeting"])),
        "iso": "999",
        "country": "Testland",
        "admin1": admins[0] if admins else "",
        "admin2": admins[1] if len(admins) > 1 else "",
        "admin3": admins[2] if len(admins) > 2 else "",
        "location": location,
        "latitude": repr(lat),
        "longitude": repr(lon),
        "geo_precision": str(draw(st.integers(1, 3))),
        "source": "; ".join(dict.fromkeys(draw(st.lists(_NAMES, max_size=3)))),
        "source_scale": draw(st.sampled_from(["", "National", "Local partner-Other"])),
        "notes": draw(_TEXT),
        "fatalities": str(draw(st.integers(0, 500))),
        "tags": draw(st.sampled_from(["", "crowd size=no report"])),
        "timestamp": str(calendar.timegm((day + timedelta(days=60)).timetuple())),
    }
    return [values[c] for c in COLUMNS]


@st.composite
def _rows(draw: st.DrawFn) -> list[list[str]]:
    return [draw(_row(number)) for number in range(draw(st.integers(1, 6)))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows())
def test_generated_rows_come_back_column_by_column(records: list[list[str]]):
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "gen.csv", list(COLUMNS), records)
        import_acled(path, Path(folder) / "out")
        assert kgraph.validate(Path(folder) / "out") == []
        back = rows(to_acled(kgraph.KnowledgeGraph.load(Path(folder) / "out").graph))
    original = {record[0]: dict(zip(COLUMNS, record, strict=True)) for record in records}
    assert sorted(back) == sorted(original)
    assert differences(original, back) == []
