"""``kgraph import acled``: ACLED's CSV into a corpus kgraph validates, bad rows reported by line, never half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kgraph
from kgraph.errors import CorpusError, UsageError
from kgraph.imports.acled import ROWS_A_DOCUMENT, import_acled
from kgraph.imports.acled_terms import COLUMNS

from ..helpers import kgraph_cli
from .acled_sample import BAD_ID, BAD_LINE, SAMPLE, sample_rows, write_csv


def test_the_malformed_row_is_reported_by_line_and_nothing_is_written(tmp_path: Path):
    out = tmp_path / "out"
    result = kgraph_cli("import", "acled", str(SAMPLE), str(out))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"{SAMPLE}:{BAD_LINE}: event_date '2023-04-31' is not a date (2021-04-15, or 15 April 2021)",
        f"{SAMPLE}:{BAD_LINE}: fatalities 'several' is not a whole number, 0 or more",
    ]
    assert "nothing was written" in lines[2]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary folder left either


def test_skip_bad_writes_the_other_rows_and_the_corpus_validates_without_a_warning(tmp_path: Path):
    out = tmp_path / "out"
    result = kgraph_cli("import", "acled", str(SAMPLE), str(out), "--skip-bad")
    assert result.returncode == 0
    assert f"{SAMPLE}:{BAD_LINE}: event_date '2023-04-31' is not a date (2021-04-15, or 15 April 2021) (skipped)" in (
        result.stderr.splitlines()
    )
    good = [key for key in sample_rows() if key != BAD_ID]
    assert result.stdout.startswith(f"imported {len(good)} rows into {out}")
    assert sorted(kgraph.load(out).events) == sorted(key.lower() for key in good)
    checked = kgraph_cli("validate", "--strict", str(out))  # --strict: a warning would fail it
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    assert f"{len(good)} events" in checked.stdout


def _header_and_row() -> tuple[list[str], list[str]]:
    row = next(iter(sample_rows().values()))
    return list(row), list(row.values())


def _with(values: dict[str, str], **changes: str) -> list[str]:
    return list({**values, **changes}.values())


# each bad row, and the message it must give
BAD_ROWS = [
    ({"event_date": "31/02/2023"}, "event_date '31/02/2023' is not a date (2021-04-15, or 15 April 2021)"),
    (
        {"sub_event_type": "Peaceful protest"},
        "unknown ACLED event type 'Battles' with sub-event type 'Peaceful protest'",
    ),
    ({"actor1": ""}, "actor1 is empty"),
    ({"actor2": "Two\tWords"}, "actor2 holds a line break, tab or control character, which a name cannot"),
    ({"latitude": "north"}, "latitude 'north' is not a number from -90 to 90"),
    ({"time_precision": "4"}, "time_precision '4' is not a code from 1 to 3"),
    ({"interaction": "17"}, "interaction '17' does not follow from inter1 and inter2: it is 12"),
    ({"fatalities": "-1"}, "fatalities '-1' is not a whole number, 0 or more"),
    ({"admin2": "", "admin3": "Somewhere"}, "admin3 is given without admin2"),
    (
        {"timestamp": "1678147200000"},
        "timestamp 1678147200000 is after the year 9999: ACLED's timestamps are seconds since 1970 (UTC), "
        "not milliseconds",
    ),
    (
        {"event_date": "0001-01-02", "time_precision": "2"},
        "event_date '0001-01-02' with time_precision 2 reaches outside years 1 to 9999",
    ),
    (
        {"event_date": "9999-12-30", "time_precision": "2"},
        "event_date '9999-12-30' with time_precision 2 reaches outside years 1 to 9999",
    ),
    (
        {"event_date": "0001-01-31", "time_precision": "3"},
        "event_date '0001-01-31' with time_precision 3 reaches outside years 1 to 9999",
    ),
    (
        {"event_date": "9999-12-01", "time_precision": "3"},
        "event_date '9999-12-01' with time_precision 3 reaches outside years 1 to 9999",
    ),
]


def test_every_bad_row_is_reported_at_its_line_and_nothing_is_written(tmp_path: Path):
    header, good = _header_and_row()
    values = dict(zip(header, good, strict=True))
    records = [good]
    for number, (changes, _) in enumerate(BAD_ROWS):
        records.append(_with(values, **{"event_id_cnty": f"BAD{number}", **changes}))
    records.append(good[:-1])  # a field short
    path = write_csv(tmp_path / "bad.csv", header, records)
    with pytest.raises(CorpusError) as raised:
        import_acled(path, tmp_path / "out")
    expected = [f"{path}:{line}: {message}" for line, (_, message) in enumerate(BAD_ROWS, 3)]
    expected.append(f"{path}:{len(BAD_ROWS) + 3}: has {len(header) - 1} fields; the header has {len(header)}")
    assert [str(p) for p in raised.value.problems] == expected
    assert not (tmp_path / "out").exists()
    result = import_acled(path, tmp_path / "out", skip_bad=True)  # the good row alone
    assert (result.events, len(result.skipped)) == (1, len(expected))


def test_one_location_at_two_spots_is_two_places(tmp_path: Path):
    header, good = _header_and_row()
    values = dict(zip(header, good, strict=True))
    moved = _with(values, event_id_cnty="SYR9", latitude="36.5")
    import_acled(
        write_csv(tmp_path / "two.csv", header, [good, moved, _with(values, event_id_cnty="SYR10")]), tmp_path / "out"
    )
    corpus = kgraph.load(tmp_path / "out")
    spots = {key: corpus.entities[corpus.events[key].place].coordinates for key in ("syr1001", "syr9", "syr10")}
    assert [(s.lat, s.lon) for s in spots.values() if s] == [(36.2021, 37.1343), (36.5, 37.1343), (36.2021, 37.1343)]


def test_a_file_written_on_windows_reads_the_same(tmp_path: Path):
    header, good = _header_and_row()
    values = dict(zip(header, good, strict=True))
    path = tmp_path / "windows.csv"
    text = write_csv(tmp_path / "unix.csv", header, [_with(values, notes="One line.\nAnother.")]).read_text()
    path.write_bytes(text.replace("\n", "\r\n").encode())  # line ends inside the notes too
    import_acled(path, tmp_path / "out")
    assert kgraph.validate(tmp_path / "out") == []
    assert kgraph.load(tmp_path / "out").events["syr1001"].evidence[0].quote == "One line.\nAnother."


def test_a_day_of_more_than_500_rows_is_split_into_documents_of_500_in_file_order(tmp_path: Path):
    header, good = _header_and_row()
    values = dict(zip(header, good, strict=True))
    day, next_day = "1678147200", "1678233600"  # 2023-03-07 and 2023-03-08, UTC
    # 1,203 rows, ids out of sorted order; every 400th row was changed the next day: 1,200 rows on the first day.
    records = [
        _with(values, event_id_cnty=f"SYR{n * 7919 % 100_000}", timestamp=next_day if n % 400 == 0 else day)
        for n in range(1, 1204)
    ]
    in_file_order = [row[0].lower() for row in records]
    path = write_csv(tmp_path / "big.csv", header, records)
    assert import_acled(path, tmp_path / "out").events == 1203
    documents: dict[str, list[str]] = {}
    for file in sorted((tmp_path / "out").glob("*/annotations.jsonl")):
        lines = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
        assert [line["record"] for line in lines[:1]] == ["source"]
        documents[lines[0]["id"]] = [line["id"] for line in lines[1:]]
    assert {source: len(events) for source, events in documents.items()} == {
        "acled-2023-03-07-part-1": 500,
        "acled-2023-03-07-part-2": 500,
        "acled-2023-03-07-part-3": 200,
        "acled-2023-03-08": 3,
    }
    first_day = [event for event in in_file_order if event not in documents["acled-2023-03-08"]]
    assert [e for part in (1, 2, 3) for e in documents[f"acled-2023-03-07-part-{part}"]] == first_day
    assert documents["acled-2023-03-08"] == [in_file_order[n - 1] for n in (400, 800, 1200)]
    corpus = kgraph.load(tmp_path / "out")
    assert corpus.sources["acled-2023-03-07-part-2"].title == "[ACLED's events as of 2023-03-07] [part 2 of 3]"
    assert sorted(corpus.events) == sorted(in_file_order)
    # The same file gives the same documents: another import is the same, byte for byte.
    import_acled(path, tmp_path / "again")
    assert _files(tmp_path / "again") == _files(tmp_path / "out")


def _files(folder: Path) -> dict[Path, bytes]:
    """Every file below ``folder``, by its path there: its bytes."""
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_help_says_what_a_document_holds():
    result = kgraph_cli("import", "acled", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "one event a row, and one source document a day of ACLED's changes (the rows' timestamp, UTC)" in text
    assert f"at most {ROWS_A_DOCUMENT} rows a document" in text


_BEFORE_BAD_BYTE = (",".join(COLUMNS) + "\nSYR1,caf\xe9\n").encode()
# files not in ACLED's format, and the one message each must give after "kgraph: error: FILE"
NOT_ACLED = [
    (b"id,date,what\n1,2023-01-01,something\n", f":1: not ACLED's format: the header lacks {', '.join(COLUMNS)}"),
    (b"", ": is empty; an ACLED file has a header line and a row an event"),
    (b"\n \n", ": is empty; an ACLED file has a header line and a row an event"),
    (
        (";".join(COLUMNS) + "\n").encode(),
        f":1: not ACLED's format: the header lacks {', '.join(COLUMNS)}; its one field holds semicolons: the "
        "delimiter is probably ';', and ACLED's files use ','",
    ),
    (
        _BEFORE_BAD_BYTE + b"\xe9\n",
        f":3: not UTF-8 text (byte {len(_BEFORE_BAD_BYTE)}); ACLED's files are UTF-8: convert it first",
    ),
]


@pytest.mark.parametrize(("content", "message"), NOT_ACLED)
def test_a_file_not_in_acleds_format_is_a_usage_error_with_one_message(tmp_path: Path, content: bytes, message: str):
    path = tmp_path / "other.csv"
    path.write_bytes(content)
    result = kgraph_cli("import", "acled", str(path), str(tmp_path / "out"), "--skip-bad")
    assert (result.returncode, result.stderr) == (2, f"kgraph: error: {path}{message}\n")
    with pytest.raises(UsageError):
        import_acled(path, tmp_path / "out")
    assert list(tmp_path.iterdir()) == [path]


def test_the_output_must_be_a_new_or_empty_folder(tmp_path: Path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep me")
    result = kgraph_cli("import", "acled", str(SAMPLE), str(tmp_path / "out"), "--skip-bad")
    assert result.returncode == 2
    assert "the folder is not empty" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["mine.txt"]
    (tmp_path / "empty").mkdir()
    assert import_acled(SAMPLE, tmp_path / "empty", skip_bad=True).events == 31


def test_the_same_file_gives_the_same_corpus_byte_for_byte(tmp_path: Path):
    import_acled(SAMPLE, tmp_path / "a", skip_bad=True)
    kgraph_cli("import", "acled", str(SAMPLE), str(tmp_path / "b"), "--skip-bad")  # another process, hash seed
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    days = {int(row["timestamp"]) // 86400 for key, row in sample_rows().items() if key != BAD_ID}
    assert len(files) == 2 + 2 * len(days)  # registry, vocabulary, and each day's annotations and text
    for relative in files:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> kgraph.Corpus:
    out = tmp_path_factory.mktemp("acled") / "out"
    import_acled(SAMPLE, out, skip_bad=True)
    return kgraph.load(out)


def test_actors_are_merged_by_name_with_kinds_from_their_codes(corpus: kgraph.Corpus):
    named = {e.name: e for e in corpus.entities.values()}
    syria = named["Military Forces of Syria (2000-)"]
    events = [e for e in corpus.events.values() if any(p.actor == syria.id for p in e.participants)]
    assert len(events) == 6  # one entity for every row that names it
    assert (named["Military Forces of Turkey (2016-)"].kind, named["HTS: Hayat Tahrir al Sham"].kind) == (
        "armed_force",
        "armed_group",
    )
    # an actor (inter 7) that is also associated elsewhere keeps its actor kind; one only associated is a community
    assert (named["Civilians (Syria)"].kind, named["Farmers (Syria)"].kind) == ("population", "community")
    assert (named["Protesters (Armenia)"].kind, named["Reuters"].kind, named["Syria"].kind) == (
        "crowd",
        "media_outlet",
        "state",
    )
    assert named["Syria"].external_ids == {"iso-3166-numeric": "760"}


def test_places_follow_the_admin_hierarchy_with_acleds_names_kept(corpus: kgraph.Corpus):
    event = corpus.events["syr1001"]
    chain, place = [], event.place
    while place is not None:
        entity = corpus.entities[place]
        chain.append((entity.external_ids.get("acled", entity.name), getattr(entity, "kind", None)))
        place = getattr(entity, "part_of", None)
    assert chain == [
        ("Aleppo", "town"),
        ("Aleppo", "district"),
        ("Jebel Saman", "district"),
        ("Aleppo", "region"),
        ("Syria", "state"),
    ]
    assert corpus.entities[event.place].coordinates.lat == 36.2021
    lagos = [e for e in corpus.places if e.external_ids.get("acled") == "Lagos" and e.kind == "town"]
    assert len(lagos) == 2  # two locations of one name, in two districts


def test_dates_keep_their_precision(corpus: kgraph.Corpus):
    dates = {key: corpus.events[key].date for key in ("syr1001", "syr1003", "syr1008")}
    assert [d.edtf for d in dates.values()] == ["2023-03-02", "[2023-03-02..2023-03-08]", "2023-~03"]
    week = dates["syr1003"]
    assert (week.earliest.isoformat(), week.latest.isoformat()) == ("2023-03-02", "2023-03-08")
    assert dates["syr1008"].earliest_possible.isoformat() == "2023-02-01"  # a month, possibly more


def test_fatalities_and_notes_are_claimed_by_the_rows_sources(corpus: kgraph.Corpus):
    event = corpus.events["syr1006"]
    (figure,) = event.figures
    assert (figure.measure, figure.value, figure.evidence[0].claimed_by) == ("killed", 5, ("reuters", "afp"))
    assert event.evidence[0].quote == sample_rows()["SYR1006"]["notes"]
    assert event.evidence[0].claimed_by == ("reuters", "afp")
    assert [(p.actor, p.role, p.note) for p in event.participants] == [
        ("isis-s-islamic-state-syria", "agent", "ACLED actor1, inter1: 2 (rebel group)"),
        ("military-forces-of-syria-2000", "target", "ACLED actor2, inter2: 1 (state forces)"),
        ("civilians-syria", "target", "ACLED assoc_actor_2, name 1"),  # a suicide bomb: one-sided
    ]
    assert corpus.sources["acled-2023-03-21"].title == "[ACLED's events as of 2023-03-21]"
    assert event.evidence[0].source == "acled-2023-03-21"  # the day of the row's timestamp
    assert event.evidence[0].note is not None
    assert "\nevent_id_cnty: SYR1006\n" in event.evidence[0].note


def test_roles_follow_the_event_type_as_acled_implies_no_direction(corpus: kgraph.Corpus):
    def roles(key: str) -> list[tuple[str, str]]:
        return [(corpus.entities[p.actor].external_ids.get("acled", corpus.entities[p.actor].name), p.role)
                for p in corpus.events[key].participants]  # fmt: skip

    assert roles("syr1001") == [  # a battle: two parties, neither the target
        ("Military Forces of Syria (2000-)", "party"),
        ("HTS: Hayat Tahrir al Sham", "party"),
    ]
    assert roles("arm0006") == [
        ("Government of Armenia (2018-)", "party"),
        ("Government of Azerbaijan (2003-)", "party"),
    ]
    assert roles("arm0003") == [("Police Forces of Armenia (2018-)", "agent"), ("Protesters (Armenia)", "target")]
    assert roles("arm0001") == [("Protesters (Armenia)", "agent"), ("Students (Armenia)", "agent")]


def test_an_actor_on_both_sides_is_one_participant_whose_note_names_both_columns(tmp_path: Path):
    header, good = _header_and_row()
    values = dict(zip(header, good, strict=True))
    both = _with(values, actor2=values["actor1"], inter2=values["inter1"], interaction="11", assoc_actor_1="A; B",
                 assoc_actor_2="B; A")  # fmt: skip
    import_acled(write_csv(tmp_path / "a.csv", header, [both]), tmp_path / "out")
    assert kgraph.validate(tmp_path / "out") == []
    (event,) = kgraph.load(tmp_path / "out").events.values()
    assert [(p.role, p.note) for p in event.participants] == [
        ("party", "ACLED actor1, inter1: 1 (state forces); ACLED actor2, inter2: 1 (state forces)"),
        ("party", "ACLED assoc_actor_1, name 1; ACLED assoc_actor_2, name 2"),
        ("party", "ACLED assoc_actor_1, name 2; ACLED assoc_actor_2, name 1"),
    ]
