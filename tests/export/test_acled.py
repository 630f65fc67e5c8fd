"""``kgraph export --format acled``: kgraph's events in ACLED's columns, and the round trip from ACLED and back."""

from __future__ import annotations

import calendar
import os
import re
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kgraph
from kgraph.annotations.vocabulary import NOT_YET
from kgraph.export.acled import tally, to_acled
from kgraph.export.cells import formula_like
from kgraph.imports.acled import import_acled
from kgraph.imports.acled_rows import read_rows
from kgraph.imports.acled_terms import COLUMNS, TYPES

from ..helpers import ROOT, SEEDS, corpus_copy, kgraph_cli
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


_GOVERNMENT_GAIN, _NON_STATE_GAIN = "Government regains territory", "Non-state actor overtakes territory"
#: The kinds of organization ACLED codes as state forces (1).
_STATE_FORCES = ("state", "government", "government_body", "armed_force")
#: The columns an export leaves empty where the corpus lacks what they need (see kgraph.export.acled).
MAY_BE_EMPTY = {"actor1", "inter1", "interaction", "country", "iso", "location", "latitude", "longitude", "timestamp"}


def _happened(graph: nx.MultiDiGraph) -> list[str]:
    return sorted(
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") == "event" and d.get("acled_event_type") and d.get("status") not in NOT_YET
    )


def _read_back(text: str, folder: Path) -> tuple[dict[str, dict[str, str]], list[str]]:
    path = folder / "acled.csv"
    path.write_text(text, encoding="utf-8")
    _read, problems = read_rows(path)
    return rows(text), [f"{p.line}: {p.message}" for p in problems]


def _given_what_acled_needs(graph: nx.MultiDiGraph) -> None:
    """Give every state an ISO code, every place coordinates and a state, every event a place and an actor."""
    state = next(n for n, d in graph.nodes(data=True) if d.get("kind") == "organization" and d.get("type") == "state")
    for _node, data in graph.nodes(data=True):
        if data.get("type") == "state":
            data["external_ids"] = {**data.get("external_ids", {}), "iso-3166-numeric": "51"}
        if data.get("kind") == "place":
            data["part_of"] = data.get("part_of") or state
        if data.get("kind") == "place" or data.get("type") == "state":  # an event may be placed in a state
            data["lat"], data["lon"] = 40.0, 45.0
        if data.get("kind") == "event":
            data["place"] = data.get("place") or "shusha"
            data["participants"] = [*data.get("participants", []), {"actor": state, "role": "participant"}]


@pytest.mark.parametrize("corpus", ["tests/fixtures/claims", "seeds"])
def test_events_of_other_corpora_are_rows_kgraphs_importer_reads(corpus: str, tmp_path: Path):
    graph = kgraph.KnowledgeGraph.load(corpus).graph
    back, problems = _read_back(to_acled(graph), tmp_path)
    assert sorted(back) == _happened(graph)  # a statement, a planned or predicted event: left out
    assert {p.split(": ")[1].removesuffix(" is empty") for p in problems} <= MAY_BE_EMPTY  # data the corpus lacks
    for key, row in back.items():
        node = graph.nodes[key]
        assert (row["event_type"], row["sub_event_type"]) == (node["acled_event_type"], node["acled_sub_event_type"])
    _given_what_acled_needs(graph)
    back, problems = _read_back(to_acled(graph), tmp_path)
    assert problems == []
    assert sorted(back) == _happened(graph)


def test_columns_of_other_corpora_follow_acleds_rules():
    claims = rows(to_acled(kgraph.KnowledgeGraph.load("tests/fixtures/claims").graph))
    assert "shusha-may-fall" not in claims
    assert "withdrawal-from-karabakh" not in claims
    assert claims["fighting-near-shusha"]["fatalities"] == "7"  # "more than 100" is denied; 7 is not
    assert (claims["yerevan-protest"]["country"], claims["yerevan-protest"]["location"]) == ("Armenia", "Yerevan")
    fight = claims["fighting-near-shusha"]
    assert fight["timestamp"] == str(calendar.timegm(date(2020, 10, 28).timetuple()))
    seeds = rows(to_acled(kgraph.KnowledgeGraph.load("seeds").graph))
    march = seeds["march-to-movement-headquarters"]
    assert (march["inter1"], march["interaction"]) == ("6", "60")  # a crowd in a protest: protesters
    # the source's publication date is the set [2020-10-29,2020-10-30]: its last day
    advance = seeds["azerbaijani-advance-on-shusha"]
    assert advance["timestamp"] == str(calendar.timegm(date(2020, 10, 30).timetuple()))


def _organization(graph: nx.MultiDiGraph, kind: str) -> str:
    """A new organization of ``kind`` in the graph, by its id."""
    graph.add_node(kind, kind="organization", type=kind, label=f"An {kind}")
    return kind


def _with_agent(graph: nx.MultiDiGraph, event: str, actor: str, role: str = "agent") -> None:
    """Make ``actor`` the event's only participant in ``role``, besides the places it lists."""
    node = graph.nodes[event]
    places = [p for p in node["participants"] if graph.nodes[p["actor"]].get("kind") == "place"]
    node["participants"] = [{"actor": actor, "role": role}, *places]


@pytest.mark.parametrize(
    ("kind", "sub_event_type", "inter1"),
    [
        (None, _GOVERNMENT_GAIN, "1"),  # Azerbaijan, a state, as the seeds have it
        ("armed_force", _GOVERNMENT_GAIN, "1"),
        ("government_body", _GOVERNMENT_GAIN, "1"),
        ("armed_group", _NON_STATE_GAIN, "2"),
        ("movement", _NON_STATE_GAIN, "8"),
        ("peacekeeping_force", _NON_STATE_GAIN, "8"),
    ],
)
def test_a_capture_is_a_government_regaining_territory_when_state_forces_take_it(
    kind: str | None, sub_event_type: str, inter1: str, tmp_path: Path
):
    """ACLED's Battles sub-event types tell who takes a place: "Government regains territory" when government forces
    (state forces, 1) take it, "Non-state actor overtakes territory" when anyone else does. The event node has the
    same (``acled_sub_event_type``), which the graph's other exports and the explorer show."""
    event = "azerbaijani-gains-in-southern-karabakh"
    corpus = corpus_copy(tmp_path, SEEDS)
    if kind is not None:  # someone else takes the south of Karabakh: an organization of this kind
        document = corpus / "2020-10-shusha-appeal" / "annotations.yaml"
        text = document.read_text(encoding="utf-8")
        assert text.count("{actor: azerbaijan, role: agent}") == 1
        document.write_text(text.replace("{actor: azerbaijan, role: agent}", "{actor: taker, role: agent}"), "utf-8")
        taker = f"organizations:\n  - id: taker\n    name: The taker\n    kind: {kind}\n"
        (corpus / "taker.yaml").write_text(taker, encoding="utf-8")
    graph = kgraph.KnowledgeGraph.load(corpus).graph
    row = rows(to_acled(graph))[event]
    assert (row["event_type"], row["sub_event_type"], row["inter1"]) == ("Battles", sub_event_type, inter1)
    assert graph.nodes[event]["acled_sub_event_type"] == sub_event_type


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    """The graph of a synthetic corpus of 400 events, whose captures are by states and others."""
    from kgraph.synth.corpus import write

    folder = tmp_path_factory.mktemp("synthetic") / "corpus"
    write(folder, events=400, seed=5)
    return kgraph.KnowledgeGraph.load(folder).graph


@pytest.mark.parametrize("corpus", ["seeds", "synthetic"])
def test_the_graph_gives_each_battle_the_sub_event_type_acled_csv_gives(corpus: str, request: pytest.FixtureRequest):
    """The event node's ``acled_sub_event_type`` (what GraphML, GEXF, graph.json and the explorer show) is the row's
    ``sub_event_type`` for every Battles event acled.csv writes; captures by a state and by others among them."""
    graph = request.getfixturevalue("synthetic") if corpus == "synthetic" else kgraph.KnowledgeGraph.load(SEEDS).graph
    battles = {key: row for key, row in rows(to_acled(graph)).items() if row["event_type"] == "Battles"}
    assert {key: graph.nodes[key]["acled_sub_event_type"] for key in battles} == {
        key: row["sub_event_type"] for key, row in battles.items()
    }
    by_name = {data["label"]: data for _, data in graph.nodes(data=True) if "label" in data}
    captures = {
        (by_name[row["actor1"]]["type"], graph.nodes[key]["acled_sub_event_type"])
        for key, row in battles.items()
        if graph.nodes[key]["type"] == "capture"
    }
    assert ("state", _GOVERNMENT_GAIN) in captures  # Azerbaijan takes the south of Karabakh, in the seeds
    if corpus == "synthetic":
        assert ("armed_group", _NON_STATE_GAIN) in captures
        assert {(kind in _STATE_FORCES, sub) for kind, sub in captures} == {
            (True, _GOVERNMENT_GAIN),
            (False, _NON_STATE_GAIN),
        }


def test_an_imported_row_keeps_acleds_own_sub_event_type_whatever_its_codes(tmp_path: Path):
    values = dict(next(iter(sample_rows().values())))
    taken = {**values, "event_type": "Battles", "sub_event_type": _NON_STATE_GAIN, "inter1": "1", "inter2": "0",
             "interaction": "10", "actor2": "", "assoc_actor_2": ""}  # fmt: skip
    original = {taken["event_id_cnty"]: {c: taken[c] for c in COLUMNS}}
    import_acled(write_csv(tmp_path / "a.csv", list(COLUMNS), [next(iter(original.values())).values()]), tmp_path / "o")
    graph = kgraph.KnowledgeGraph.load(tmp_path / "o").graph
    back = rows(to_acled(graph))
    assert differences(original, back) == []
    assert {d.get("acled_sub_event_type") for _, d in graph.nodes(data=True) if d["kind"] == "event"} == {
        _NON_STATE_GAIN
    }


@pytest.mark.parametrize(
    ("pair", "actor", "role", "codes"),
    [
        (("Protests", "Peaceful protest"), None, None, ("6", "0", "60")),  # the seeds' movement, organizer
        (("Protests", "Peaceful protest"), "person", "agent", ("6", "0", "60")),
        (("Protests", "Peaceful protest"), "population", "agent", ("6", "0", "60")),
        (("Protests", "Peaceful protest"), "armed_force", "agent", ("1", "0", "10")),  # its kind says: kept
        (("Riots", "Violent demonstration"), None, None, ("5", "0", "50")),
        (("Riots", "Mob violence"), "political_party", "agent", ("5", "0", "50")),
        (("Riots", "Mob violence"), "armed_group", "agent", ("2", "0", "20")),
        (("Protests", "Excessive force against protesters"), None, None, ("8", "0", "80")),  # not the protesters' side
        (("Protests", "Excessive force against protesters"), "movement", "target", ("", "6", "60")),
        (("Strategic developments", "Other"), None, None, ("8", "0", "80")),  # no one protests: the kind's code
    ],
)
def test_the_side_that_protests_or_riots_is_coded_protesters_or_rioters(
    pair: tuple[str, str], actor: str | None, role: str | None, codes: tuple[str, str, str]
):
    """ACLED codes the people who demonstrate, and the movement, party or person behind them, as protesters (6)
    in a Protests event and rioters (5) in a Riots event; only state forces and armed groups keep their codes.
    In Excessive force against protesters the protesters are the target, actor2."""
    graph = kgraph.KnowledgeGraph.load("seeds").graph
    event = "stepanakert-rally"  # its first participant, an organizer, is the movement (kind: movement): actor1
    graph.nodes[event]["acled_event_type"], graph.nodes[event]["acled_sub_event_type"] = pair
    if actor is not None:
        kind = "group" if actor == "population" else "person" if actor == "person" else "organization"
        graph.add_node(actor, kind=kind, type=actor, label=f"A {actor}")
        _with_agent(graph, event, actor, str(role))
    row = rows(to_acled(graph))[event]
    assert (row["inter1"], row["inter2"], row["interaction"]) == codes


def test_the_seeds_rally_is_a_protest_by_protesters():
    row = rows(to_acled(kgraph.KnowledgeGraph.load("seeds").graph))["stepanakert-rally"]
    assert (row["actor1"], row["inter1"], row["interaction"]) == ("Popular Movement to Unblock the Corridor", "6", "60")


SEEDS_NOTE = (
    "8 events written, 18 left out: 15 of types ACLED does not code (appeal, statement, war and 6 more), "
    "3 not yet happened (planned, predicted)\n"
)


def test_the_export_says_how_many_events_it_wrote_and_what_it_left_out_and_why(tmp_path: Path):
    out = tmp_path / "acled.csv"
    result = kgraph_cli("export", "seeds", "--format", "acled", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote {out} ({out.stat().st_size / 1000:.1f} kB)\n" + SEEDS_NOTE
    assert len(rows(out.read_text(encoding="utf-8"))) == 8
    to_stdout = kgraph_cli("export", "seeds", "--format", "acled", "-o", "-")
    assert (to_stdout.stderr, to_stdout.stdout) == (SEEDS_NOTE, out.read_text(encoding="utf-8"))
    other = kgraph_cli("export", "seeds", "--format", "json", "-o", str(tmp_path / "graph.json"))
    assert "left out" not in other.stderr  # the note is the ACLED export's


@pytest.mark.parametrize("corpus", ["seeds", "tests/fixtures/claims", "an ACLED import"])
def test_the_tally_counts_every_event_once_as_a_row_or_under_the_reason_it_is_left_out(corpus: str, tmp_path: Path):
    folder = ROOT / corpus
    if corpus == "an ACLED import":
        folder = tmp_path / "imported"
        import_acled(SAMPLE, folder, skip_bad=True)
    graph = kgraph.KnowledgeGraph.load(folder).graph
    events = {n: d for n, d in graph.nodes(data=True) if d.get("kind") == "event"}
    before = len(rows(to_acled(graph)))
    undated = _happened(graph)[0]
    for key in ("date", "earliest", "latest"):  # a row's event whose date has no bound: left out, and counted
        events[undated].pop(key, None)
    events[undated]["evidence"] = [{**e, "note": ""} for e in events[undated].get("evidence", [])]  # no kept day
    found = tally(graph)
    written = rows(to_acled(graph))
    assert (len(written), found.undated) == (before - 1, 1)
    assert (found.written, found.written + found.left_out) == (len(written), len(events))
    types = Counter(d["type"] for d in events.values() if not d.get("acled_event_type"))
    not_yet = Counter(d["status"] for d in events.values() if d.get("acled_event_type") and d["status"] in NOT_YET)
    assert (found.types, found.not_yet) == (types, not_yet)
    assert found.note().endswith(" 1 without a bounded date")


def test_fatalities_are_the_lowest_figure_not_denied_added_up_over_the_groups_counted():
    graph = kgraph.KnowledgeGraph.load("tests/fixtures/claims").graph
    figures = graph.nodes["fighting-near-shusha"]["figures"]  # "more than 100" (denied) and 7 Azerbaijani soldiers

    def fatalities() -> str:
        return rows(to_acled(graph))["fighting-near-shusha"]["fatalities"]

    figures.append({"measure": "killed", "value": 3, "counts": "azerbaijani-army", "evidence": [{"stance": "denies"}]})
    assert fatalities() == "7"
    figures.append({"measure": "killed", "value": 4, "counts": "azerbaijani-army", "evidence": [{}]})
    figures.append({"measure": "killed", "value": 9, "counts": "azerbaijani-army", "evidence": [{}]})
    assert fatalities() == "4"
    figures.append({"measure": "killed", "value": 2, "counts": "karabakh-defence-army", "evidence": [{}]})
    assert fatalities() == "6"
    figures.append({"measure": "killed", "min": 5, "qualifier": "more_than", "evidence": [{}]})  # a total
    assert fatalities() == "5"


@pytest.mark.parametrize("corpus", ["seeds", "tests/fixtures/claims", "an ACLED import"])
def test_the_same_input_gives_the_same_bytes(corpus: str, tmp_path: Path):
    """Two ``kgraph export --format acled`` runs, each reading the corpus afresh (no cache) under a hash seed of its
    own, write the same bytes, which are those of ``to_acled`` on the corpus loaded twice more."""
    folder = ROOT / corpus
    if corpus == "an ACLED import":  # the columns an imported row's notes keep, and actors in every column
        folder = tmp_path / "imported"
        import_acled(SAMPLE, folder, skip_bad=True)
    written = []
    for seed in ("1", "2"):
        out = tmp_path / f"acled-{seed}.csv"
        subprocess.run(
            [sys.executable, "-m", "kgraph", "export", str(folder), "--format", "acled", "-o", str(out)],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "KGRAPH_CACHE": "off"},
            capture_output=True,
            check=True,
        )
        written.append(out.read_bytes())
    assert written[0] == written[1]
    again = [to_acled(kgraph.KnowledgeGraph.load(folder).graph).encode("utf-8") for _ in range(2)]
    assert again == written
    assert len(rows(written[0].decode("utf-8"))) > 1  # rows of events, not a header alone


def test_formulas_are_guarded_in_the_file_and_come_back_as_they_were(tmp_path: Path):
    values = dict(next(iter(sample_rows().values())))
    # what kgraph's corpus is to hold (imported from a file written as ACLED writes, unguarded)
    payloads = {"notes": "=HYPERLINK(\"http://x\",\"y\")", "actor1": "+Actor", "source": "@Source; -Other",
                "assoc_actor_1": "'=Looks guarded", "admin1": "-Region", "tags": "=1+1"}  # fmt: skip
    written = {**payloads, "assoc_actor_1": "''=Looks guarded"}  # in a file, text that looks guarded is guarded
    record = [{**values, **written}[c] for c in COLUMNS]
    import_acled(write_csv(tmp_path / "a.csv", list(COLUMNS), [record]), tmp_path / "out")
    names = {e.name for e in kgraph.load(tmp_path / "out").entities.values()}
    assert names >= {"+Actor", "@Source", "-Other", "'=Looks guarded", "-Region"}
    text = to_acled(kgraph.KnowledgeGraph.load(tmp_path / "out").graph)
    (row,) = rows(text).values()
    assert {c: row[c] for c in payloads} == {c: f"'{v}" for c, v in payloads.items()}
    assert not any(formula_like(cell) for cell in row.values() if not re.fullmatch(r"-?[0-9.]+", cell))
    (tmp_path / "back.csv").write_text(text, encoding="utf-8")
    import_acled(tmp_path / "back.csv", tmp_path / "again")  # and the way back: as it was
    again = rows(to_acled(kgraph.KnowledgeGraph.load(tmp_path / "again").graph))
    assert again == rows(text)
    read, _ = read_rows(tmp_path / "back.csv")
    assert {c: read[0].values[c] for c in payloads} == payloads


def test_an_actor_on_both_sides_comes_back_on_both_sides(tmp_path: Path):
    values = dict(next(iter(sample_rows().values())))
    both = {**values, "actor2": values["actor1"], "inter2": values["inter1"], "interaction": "11",
            "assoc_actor_1": "A; B", "assoc_actor_2": "B; A"}  # fmt: skip
    original = {both["event_id_cnty"]: {c: both[c] for c in COLUMNS}}
    import_acled(write_csv(tmp_path / "a.csv", list(COLUMNS), [next(iter(original.values())).values()]), tmp_path / "o")
    assert differences(original, rows(to_acled(kgraph.KnowledgeGraph.load(tmp_path / "o").graph))) == []


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
