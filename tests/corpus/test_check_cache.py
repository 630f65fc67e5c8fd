"""The problems found across files, cached for each file: after each edit, warm, cold and uncached readings agree."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kgraph.corpus import cached_record, check_cache
from kgraph.corpus.loader import load, read, survey

from ..helpers import FIXTURES, cache_entries, corpus_copy, reading

FRONT = "2020-10-28-shusha-front/annotations.yaml"
CLAIMS = "2020-11-08-aliyev-claims-shusha/annotations.yaml"
CLAIMS_TEXT = "2020-11-08-aliyev-claims-shusha/article.txt"
CEASEFIRE = "2020-11-10-ceasefire/annotations.yaml"
REGISTRY = "registry.yaml"

#: Edits made one after the other, each with a message one of the problems then holds (so that none is vacuous).
EDITS = [
    (
        "a quote of the first file not found (it stays so)",
        FRONT,
        "- quote: whose 120,000 people",
        "- quote: whose 130,000 people",
        "quote not found",
    ),
    (
        "a quote of the second file not found, all else as it was",
        CLAIMS,
        "- quote: Aliyev said in a televised address",
        "- quote: Aliyev said on the radio",
        "on the radio",
    ),
    (
        "an alias a later file's addition gives, given to an earlier file's entity",
        FRONT,
        "    kind: population\n",
        "    kind: population\n    aliases: [Shushi]\n",
        "'Shushi' of 'shusha' is already a name of 'stepanakert-residents'",
    ),
    (
        "a quote of that later file changed again, all else as it was",
        CLAIMS,
        "- quote: Aliyev said on the radio",
        "- quote: Aliyev said on TV",
        "'Shushi' of 'shusha' is already a name of 'stepanakert-residents'",
    ),
    (
        "an alias an earlier file's addition gives, given by a later file's addition too",
        CEASEFIRE,
        "  - to: capture-of-shusha\n",
        "  - to: shusha\n    aliases: [{name: Shushi}]\n\n  - to: capture-of-shusha\n",
        "name 'Shushi' is already a name of 'shusha'",
    ),
    (
        "a quote of that later file changed, all else as it was",
        CEASEFIRE,
        "- quote: A ceasefire took effect at 1 a.m. on Tuesday\n",
        "- quote: A ceasefire took effect at 2 a.m.\n",
        "name 'Shushi' is already a name of 'shusha'",
    ),
    (
        "a person another file names as a claimant removed",
        REGISTRY,
        "  - id: ilham-aliyev\n    name: Ilham Aliyev\n    aliases: [Aliyev]\n",
        "",
        "unknown claimant 'ilham-aliyev'",
    ),
    ("a quoted sentence removed from a source text", CLAIMS_TEXT, '"Shusha is ours," ', "", "'Shusha is ours'"),
    (
        "an id another file uses given to a person (a later file)",
        REGISTRY,
        "persons:\n",
        "persons:\n  - id: capture-of-shusha\n    name: Someone Else\n",
        "duplicate id 'capture-of-shusha'",
    ),
    (
        "a name of a later file's entity given to an earlier file's one",
        FRONT,
        "    aliases: [Armenian forces]\n",
        "    aliases: [Armenian forces, Azerbaijani army]\n",
        "'Azerbaijani army' of 'azerbaijani-army' is already a name of 'armenian-armed-forces'",
    ),
    ("a line added at the top of a file: every line after it moves", FRONT, "\nsource:", "\n\nsource:", None),
    (
        "the person back",
        REGISTRY,
        "persons:\n",
        "persons:\n  - id: ilham-aliyev\n    name: Ilham Aliyev\n    aliases: [Aliyev]\n",
        None,
    ),
    (
        "an addition ending an event another file defines",
        CEASEFIRE,
        "  - to: capture-of-shusha\n",
        "  - to: capture-of-shusha\n    end: 2020-11-09\n",
        None,
    ),
    (
        "that event's status changed in its own file, no line moved: the addition's warning changes",
        CLAIMS,
        "    date_note: Taken by the Sunday on which Aliyev announced it.\n",
        "    status: ongoing\n",
        "leaves its status 'ongoing'",
    ),
    (
        "that addition saying the event occurred",
        CEASEFIRE,
        "  - to: capture-of-shusha\n    end: 2020-11-09\n",
        "  - to: capture-of-shusha\n    end: 2020-11-09\n    status: occurred\n",
        None,
    ),
    (
        "that event's date changed in its own file, no line moved: the addition's end is now before it",
        CLAIMS,
        "    date: 2020-11-08\n    date_basis: inferred\n    status: ongoing\n",
        "    date: 2020-11-12\n    date_basis: inferred\n    status: ongoing\n",
        "is before the start of event 'capture-of-shusha' (dated '2020-11-12')",
    ),
    (
        "an addition giving that event a participant it has",
        CEASEFIRE,
        "  - to: capture-of-shusha\n    end: 2020-11-09\n    status: occurred\n",
        "  - to: capture-of-shusha\n    end: 2020-11-09\n    status: occurred\n    participants:\n      - {actor: azerbaijani-army, role: agent}\n",
        "'azerbaijani-army' is listed twice as 'agent'",
    ),
    (
        "that participant's role changed in the event's own file, no line moved: the addition's warning goes",
        CLAIMS,
        "{actor: azerbaijani-army, role: agent}",
        "{actor: azerbaijani-army, role: target}",
        None,
    ),
    (
        "a line added above that event: a later file's message cites its new line",
        CLAIMS,
        "\nevents:",
        "\n\nevents:",
        f"/{CLAIMS}:31",  # "duplicate id 'capture-of-shusha': already used by the event at .../{CLAIMS}:31"
    ),
    (
        "an event of the first file made invalid (a day that does not exist), with an actor misspelt in it too",
        FRONT,
        "    date: 2020-10-28\n    date_basis: relative\n    date_note: '\"said on Wednesday\"'\n",
        "    date: 2020-10-32\n    date_basis: relative\n    date_note: '\"said on Wednesday\"'\n",
        "2020-10-32",
    ),
    (
        "that event's participant misspelt: its valid parts are checked even so",
        FRONT,
        "      - {actor: azerbaijani-army, role: agent}\n      - {actor: shusha, role: target}\n",
        "      - {actor: azerbaijani-armyy, role: agent}\n      - {actor: shusha, role: target}\n",
        "unknown actor 'azerbaijani-armyy'",
    ),
    (
        "a line added to the last file: every file checked again, the invalid event rebuilt from the cache",
        CEASEFIRE,
        "\nadditions:",
        "\n\nadditions:",
        "unknown actor 'azerbaijani-armyy'",
    ),
]


def _edit(corpus: Path, name: str, old: str, new: str) -> None:
    path = corpus / name
    text = path.read_text(encoding="utf-8")
    assert old in text, name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_warm_cold_and_uncached_readings_agree_after_each_edit(home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    read(corpus, cache=True)
    for step, (what, name, old, new, expected) in enumerate(EDITS):
        _edit(corpus, name, old, new)
        plain = reading(read(corpus))
        assert reading(read(corpus, cache=True)) == plain, what  # warm: the cache filled before the edit
        assert reading(read(corpus, cache=True)) == plain, what  # warm again: every file's problems cached
        monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / f"cold-{step}"))
        assert reading(read(corpus, cache=True)) == plain, what  # cold: an empty cache
        monkeypatch.setenv("KGRAPH_CACHE_DIR", str(home))
        if expected:
            assert any(expected in p.message for p in plain[1]), what


def test_a_survey_agrees_with_a_reading_after_each_edit(home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    assert survey(corpus, cache=True) == (load(corpus).summary(), [])
    for step, (what, name, old, new, _) in enumerate(EDITS):
        _edit(corpus, name, old, new)
        found, problems = read(corpus)
        plain = (None if found is None else found.summary(), problems)
        assert survey(corpus, cache=True) == plain, what  # warm: items of unchanged files rebuilt only when read
        assert survey(corpus, cache=True) == plain, what  # warm again
        assert reading(read(corpus, cache=True)) == reading((found, problems)), what  # all rebuilt, for a build
        monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / f"cold-{step}"))
        assert survey(corpus, cache=True) == plain, what  # cold
        monkeypatch.setenv("KGRAPH_CACHE_DIR", str(home))


def test_a_warm_survey_rebuilds_only_the_items_a_check_of_the_edited_file_reads(home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    survey(corpus, cache=True)
    loaded = load(corpus)
    every_event = len(loaded.events)
    _edit(corpus, CLAIMS, "- quote: Aliyev said in a televised address", "- quote: Aliyev said on the radio")
    rebuilt: list[object] = []
    decode = cached_record.decode
    monkeypatch.setattr(cached_record, "decode", lambda text: rebuilt.append(decode(text)) or rebuilt[-1])
    assert survey(corpus, cache=True)[1] == read(corpus)[1]
    kinds = {type(item).__name__ for item in rebuilt}
    events = [item for item in rebuilt if type(item).__name__ == "Event"]
    targets = {item.to for item in rebuilt if type(item).__name__ == "Addition"}
    assert "Relation" not in kinds  # relations of unchanged files are not
    assert {event.id for event in events} <= targets  # only the events an addition adds to
    assert len(events) < every_event - 1
    edited = (corpus / CLAIMS).read_text(encoding="utf-8")
    merged = {e.source for event in targets & set(loaded.events) for e in loaded.events[event].evidence}
    named = [item for item in rebuilt if type(item).__name__ in ("Person", "Organization", "Group", "Place", "Source")]
    assert {"Person", "Place", "Source"} <= kinds  # what the edited file refers to, the sources additions are dated by
    unread = [item.id for item in named if item.id not in edited and item.id not in merged]
    assert unread == []  # no other: their names and text files are kept beside them


def test_a_cycle_through_an_unchanged_file_is_found_warm(home, tmp_path):
    cycle = FIXTURES / "invalid" / "part-of-cycle"
    corpus = tmp_path / "corpus"
    (corpus / "doc").mkdir(parents=True)
    shutil.copy(cycle / "article.txt", corpus / "doc")
    place = "  - id: testville\n    name: Testville\n    kind: town\n    part_of: new-bridge\n"
    (corpus / "registry.yaml").write_text("places:\n" + place, encoding="utf-8")
    annotations = (cycle / "annotations.yaml").read_text(encoding="utf-8").replace(place, "")
    (corpus / "doc" / "annotations.yaml").write_text(annotations, encoding="utf-8")
    expected = read(corpus)[1]
    assert [p.message for p in expected] == ["part_of cycle: new-bridge -> testville -> new-bridge"]
    assert survey(corpus, cache=True)[1] == expected
    _edit(corpus, "doc/annotations.yaml", "The mayor opens", "The mayor opened")  # the registry's place from the cache
    assert survey(corpus, cache=True)[1] == read(corpus)[1] == expected


def test_an_edit_inside_one_file_has_only_that_file_checked_again(home, tmp_path, monkeypatch):
    corpus = corpus_copy(tmp_path)
    _edit(corpus, FRONT, "- quote: whose 120,000 people", "- quote: whose 130,000 people")
    read(corpus, cache=True)
    checked_files: list[frozenset[str]] = []
    real = check_cache.check

    def spy(records, texts, skip=frozenset(), unread=()):
        checked_files.append(frozenset({r.file for r in records} - skip))
        return real(records, texts, skip, unread)

    monkeypatch.setattr(check_cache, "check", spy)
    assert read(corpus, cache=True)[1]
    assert checked_files == []  # nothing changed: nothing checked
    _edit(corpus, CLAIMS, "- quote: Aliyev said in a televised address", "- quote: Aliyev said on the radio")
    problems = read(corpus, cache=True)[1]
    assert checked_files == [frozenset({str(corpus / CLAIMS)})]
    assert {p.path for p in problems} == {str(corpus / FRONT), str(corpus / CLAIMS)}  # the first file's, cached
    _edit(corpus, REGISTRY, "    aliases: [Aliyev]\n", "    aliases: [Aliyev, President Aliyev]\n")
    read(corpus, cache=True)
    assert len(checked_files[-1]) == 4  # a name is part of what other files' checks read: every file again
    _edit(
        corpus,
        FRONT,
        "    date: 2020-10-28\n    date_basis: relative\n",
        "    date: 2020-10-32\n    date_basis: relative\n",
    )
    read(corpus, cache=True)  # an event made invalid: its fields are no longer part of what others read
    _edit(corpus, FRONT, "{actor: azerbaijani-army, role: agent}", "{actor: azerbaijani-armyy, role: agent}")
    problems = read(corpus, cache=True)[1]
    assert checked_files[-1] == frozenset({str(corpus / FRONT)})  # a part of an invalid item: its file alone
    assert any("unknown actor 'azerbaijani-armyy'" in p.message for p in problems)


def _forged(path: Path) -> None:
    """The entry of problems across files rewritten as a valid JSON value of another shape, its check not updated."""
    header, _, _ = path.read_bytes().partition(b"\n")
    path.write_bytes(header + b"\n" + b'{"a": 1}')


@pytest.mark.parametrize("damage", ["garbage", "shape", "problem", "missing"])
def test_a_damaged_entry_of_problems_is_ignored(damage, home, tmp_path):
    corpus = corpus_copy(tmp_path)
    _edit(corpus, FRONT, "- quote: whose 120,000 people", "- quote: whose 130,000 people")
    plain = reading(read(corpus))
    read(corpus, cache=True)
    (entry,) = [p for p in cache_entries(home) if b'"quote not found' in p.read_bytes()]
    header, _, payload = entry.read_bytes().partition(b"\n")
    if damage == "garbage":
        entry.write_bytes(header + b"\n" + os.urandom(100))
    elif damage == "shape":
        _forged(entry)
    elif damage == "problem":  # a problem taken out, the check kept: it no longer matches
        entry.write_bytes(header + b"\n" + payload.replace(b"quote not found", b"quote found"))
    else:
        entry.unlink()
    assert reading(read(corpus, cache=True)) == plain
    assert reading(read(corpus, cache=True)) == plain


def test_a_well_formed_entry_of_another_shape_is_not_used():
    assert check_cache._entry({"a": 1}) == {}
    assert check_cache._entry([["f", "key", [[1, "m", "fatal"]]]]) == {}
    assert check_cache._entry([["f", "key", [[1, "m", "error"]]]]) == {"f": ("key", [(1, "m", "error")])}
