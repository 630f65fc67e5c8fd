"""``kgraph query why | disputes | claims | figures`` and ``--as-of``, run as a user runs them, on the conflict corpus."""

from __future__ import annotations

import json

import pytest

import kgraph
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import kgraph_cli


def lines(result) -> list[list[str]]:
    """The table's rows, each split on runs of two spaces or more."""
    return [[cell for cell in line.split("  ") if cell.strip()] for line in result.stdout.splitlines()]


def cells(row: list[str]) -> list[str]:
    return [c.strip() for c in row]


def test_why_prints_each_quote_with_its_stance_and_chain(conflict_path):
    result = kgraph_cli("query", "why", str(conflict_path), "Neighbourland forces", "Oldtown")
    assert result.returncode == 0
    table = [cells(r) for r in lines(result)]
    assert table[0] == ["via", "link", "date", "stance", "quote", "from", "source"]
    assert table[2] == [
        "relation",
        "located in",
        "supports",
        "in an attack by Neighbourland forces",
        "claimed by Testland",
        "a-report",
    ]
    assert table[3][2:4] == ["DENIES", "Neighbourland denied that its forces were in Oldtown"]
    assert table[3][4] == "claimed by Neighbourland"


def test_why_marks_a_link_nothing_supports_and_shows_who_relays(conflict_path):
    denied = kgraph_cli("query", "why", str(conflict_path), "Neighbourland forces", "Newtown")
    assert "located in (NOT SUPPORTED)" in denied.stdout
    relayed = kgraph_cli("query", "why", str(conflict_path), "capture-confirmed", "fall-of-oldtown")
    assert relayed.returncode == 0
    assert "claimed by Testland defence ministry via Testland foreign ministry" in relayed.stdout


def test_why_as_json_keeps_stance_claimants_and_relayers_as_lists(conflict_path):
    result = kgraph_cli("query", "why", str(conflict_path), "capture-confirmed", "fall-of-oldtown", "--json")
    [link] = json.loads(result.stdout)
    assert (link["type"], link["supported"]) == ("confirms", True)
    assert link["evidence"] == [
        {
            "quote": "confirmed on Monday that Oldtown had fallen",
            "source": "b-report",
            "stance": "supports",
            "claimed_by": ["testland-mod"],
            "via": ["testland-fm"],
        }
    ]


def test_disputes_print_one_row_per_side(conflict_path, conflict):
    result = kgraph_cli("query", "disputes", str(conflict_path))
    assert result.returncode == 0
    table = [cells(r) for r in lines(result)]
    assert table[0] == ["kind", "what", "stance", "who", "quotes", "sources"]
    assert [row[2] for row in table[2:]] == ["supports", "DENIES"] * 3
    assert table[-1][:4] == ["relation", "Neighbourland forces located in Oldtown", "DENIES", "Neighbourland"]
    as_json = kgraph_cli("query", "disputes", str(conflict_path), "--json")
    assert json.loads(as_json.stdout) == conflict.disputes().to_records()


def test_claims_by_an_actor(conflict_path, conflict):
    result = kgraph_cli("query", "claims", str(conflict_path), "--by", "Neighbourland")
    assert result.returncode == 0
    table = [cells(r) for r in lines(result)]
    assert table[0] == ["actor", "part", "stance", "kind", "what", "quote", "source"]
    assert {row[2] for row in table[2:]} == {"DENIES"}
    assert len(table) == 2 + 4
    as_json = kgraph_cli("query", "claims", str(conflict_path), "--by", "foreign ministry", "--json")
    assert json.loads(as_json.stdout) == conflict.claims(by="testland-fm").to_records()


def test_figures_side_by_side(conflict_path):
    result = kgraph_cli("query", "figures", str(conflict_path), "--measure", "killed")
    assert result.returncode == 0
    table = [cells(r) for r in lines(result)]
    assert table[0] == ["measure", "figure", "according to", "stands for"]
    assert table[2] == [
        "killed",
        "at least 5",
        "Testland defence ministry",
        "at least 4: Shelling of Oldtown; 1: Attack in Newtown",
    ]
    assert table[3] == ["killed", "6", "Testland", "3: Attack near Oldtown; 3: Attack in Newtown"]
    population = kgraph_cli("query", "figures", str(conflict_path), "--measure", "population", "--involving", "Newtown")
    assert [cells(r) for r in lines(population)][2] == [
        "population",
        "about 5,000",
        "the source b-report",
        "about 5,000: Newtown",
    ]


def test_figures_in_a_time_window_and_as_json(conflict_path):
    result = kgraph_cli(
        "query", "figures", str(conflict_path), "--during", "2020-11", "--within", "--measure", "killed", "--json"
    )
    found = json.loads(result.stdout)
    expected = KnowledgeGraph.load(conflict_path).figures("killed", kgraph.within("2020-11"))
    assert found == expected.to_records()
    assert [t["text"] for t in found] == ["3", "1"]


def test_as_of_answers_as_the_sources_then_knew(conflict_path):
    args = ("query", "events", str(conflict_path), "--status", "predicted", "--json")
    before = kgraph_cli(*args, "--as-of", "2020-10-30")
    assert [e["id"] for e in json.loads(before.stdout)] == ["fall-of-oldtown"]
    after = kgraph_cli(*args[:-1], "--as-of", "2020-11-10")
    assert (after.returncode, after.stdout, after.stderr) == (0, "", "(nothing found)\n")
    figures = kgraph_cli("query", "figures", str(conflict_path), "--measure", "killed", "--as-of", "2020-10-30")
    assert [cells(r)[1] for r in lines(figures)[2:]] == ["at least 4", "2"]


@pytest.mark.parametrize(
    "args",
    [
        ["connections", "{c}", "Testland"],
        ["why", "{c}", "Testland", "Oldtown"],
        ["path", "{c}", "Testland", "Oldtown"],
        ["events", "{c}"],
        ["timeline", "{c}"],
        ["top", "{c}"],
        ["cypher", "{c}", "MATCH (e:Event) RETURN e.id"],
        ["disputes", "{c}"],
        ["claims", "{c}"],
        ["figures", "{c}"],
    ],
)
def test_every_query_command_takes_as_of(conflict_path, args):
    args = [a.replace("{c}", str(conflict_path)) for a in args]
    assert kgraph_cli("query", *args, "--as-of", "2020-10-30").returncode == 0
    wrong = kgraph_cli("query", *args, "--as-of", "last week")
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        "kgraph: error: as of 'last week': not a date; give a day such as '2020-11-10' (a month or a year means its"
        " last day)\n"
    )


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2020-02-30", "2020-02-30 does not exist: February 2020 has 29 days"),
        ("2021-01-01/2020-01-01", "the end (2020-01-01) is before the start (2021-01-01)"),
        ("2023-02-29", "2023-02-29 does not exist: February 2023 has 28 days"),
    ],
)
def test_as_of_a_date_that_cannot_be_says_why(conflict_path, day, why):
    wrong = kgraph_cli("query", "events", str(conflict_path), "--as-of", day)
    assert (wrong.returncode, wrong.stdout) == (2, "")
    assert wrong.stderr == (
        f"kgraph: error: as of {day!r}: {why}; give a day such as '2020-11-10' (a month or a year means its last day)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--type", "atack"], "kgraph: error: unknown event type 'atack'; did you mean 'attack'?\n"),
        (
            ["events", "--status", "predictd"],
            "kgraph: error: unknown event status 'predictd'; did you mean 'predicted'?\n",
        ),
        (
            ["connections", "Testland", "--role", "targt"],
            "kgraph: error: unknown role 'targt'; did you mean 'target'?\n",
        ),
        (["figures", "--measure", "kiled"], "kgraph: error: unknown measure 'kiled'; did you mean 'killed'?\n"),
        (["figures", "--involving", "newtown-clash"], "kgraph: error: involving must be an entity, not the event"),
        (
            ["claims", "--by", "fall-of-oldtown"],
            "kgraph: error: by must be an entity, not the event 'fall-of-oldtown'\n",
        ),
        (["claims", "--by", "Nobody"], "kgraph: error: nothing is named 'Nobody'"),
        (
            ["why", "capture-confirmed", "fall-of-oldtown", "--as-of", "2020-10-30"],
            "kgraph: error: nothing is named 'capture-confirmed'",
        ),
    ],
)
def test_unknown_terms_and_names_exit_2_with_a_suggestion(conflict_path, args, message):
    result = kgraph_cli("query", args[0], str(conflict_path), *args[1:])
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(message)
