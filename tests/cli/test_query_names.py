"""The query commands say how they read a name given by an alias, and their tables show entities by name."""

from __future__ import annotations

import json

import pytest

from ..helpers import kgraph_cli


def test_a_name_read_by_an_alias_is_said():
    result = kgraph_cli("query", "connections", "seeds", "Khankendi")
    assert result.returncode == 0
    assert result.stderr == "kgraph: note: 'Khankendi' is read as Stepanakert (stepanakert), by its alias\n"
    both = kgraph_cli("query", "events", "seeds", "--involving", "Shushi", "--at", "susa", "--json")
    assert both.stderr.splitlines() == [
        "kgraph: note: 'Shushi' is read as Shusha (shusha), by its alias",
        "kgraph: note: 'susa' is read as Shusha (shusha), by its alias Şuşa, ignoring accents",
    ]
    assert json.loads(both.stdout)  # standard output stays JSON
    for typed, read in (
        ("Stépanakert", "Stepanakert (stepanakert)"),
        ("gégham-stepanyan", "Gegham Stepanyan (gegham-stepanyan)"),
    ):
        accents = kgraph_cli("query", "connections", "seeds", typed)  # accents on a name or an id without any
        assert (accents.returncode, accents.stderr) == (
            0,
            f"kgraph: note: {typed!r} is read as {read}, ignoring accents\n",
        )
    by = kgraph_cli("query", "claims", "seeds", "--by", "Stepanyan")
    assert by.stderr == "kgraph: note: 'Stepanyan' is read as Gegham Stepanyan (gegham-stepanyan), by its alias\n"


@pytest.mark.parametrize(
    "args",
    [
        ["connections", "seeds", "STEPANAKERT"],
        ["connections", "seeds", "stepanakert"],
        ["timeline", "seeds", "Shusha"],
        ["path", "seeds", "Resumed war over Karabakh", "azerbaijan"],
        ["top", "seeds", "--by", "betweenness"],
    ],
)
def test_an_id_a_name_a_title_or_a_measure_gets_no_note(args):
    result = kgraph_cli("query", *args)
    assert (result.returncode, result.stderr) == (0, "")


def test_tables_show_entities_by_name_and_json_keeps_ids():
    events = kgraph_cli("query", "events", "seeds", "--involving", "Harutyunyan").stdout.splitlines()
    assert events[0].split()[-1] == "place"
    assert events[2].endswith("Shusha cathedral")
    assert "shusha-cathedral" not in events[2]
    timeline = kgraph_cli("query", "timeline", "seeds", "Shusha").stdout.splitlines()
    assert timeline[2].endswith("Shusha cathedral")
    claims = kgraph_cli("query", "claims", "seeds").stdout.splitlines()
    assert claims[2].startswith("Arayik Harutyunyan  claims")
    deep = kgraph_cli("query", "connections", "seeds", "Stepanakert", "--depth", "2").stdout.splitlines()
    second = {line.rsplit("  ", 1)[-1] for line in deep if line.startswith("2 ")}
    assert second == {"Artsakh Republic", "Nagorno-Karabakh", "Renaissance Square", "Stepanakert–Armenia road"}
    as_json = json.loads(kgraph_cli("query", "claims", "seeds", "--json").stdout)
    assert as_json[0]["actor"] == "arayik-harutyunyan"
