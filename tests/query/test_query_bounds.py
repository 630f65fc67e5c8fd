"""Queries stay bounded: connections, path enumeration and Cypher end within a time budget and a result limit,
say when they cut a result, and refuse arguments that make no sense (issue 10, points 6 and 12)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kgraph.errors import UsageError
from kgraph.graph.knowledge import KnowledgeGraph

from ..helpers import MEMORY_LIMIT, ROOT, TIME_LIMIT, kgraph_cli

THREE_WAY = "MATCH (a) MATCH (b) MATCH (c) RETURN a.id, b.id, c.id"
THREE_WAY_COUNT = "MATCH (a) MATCH (b) MATCH (c) RETURN COUNT(a)"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A synthetic corpus of 3,000 events, made once for this module."""
    out = tmp_path_factory.mktemp("bounds") / "synthetic"
    assert kgraph_cli("synth", str(out), "--events", "3000", "--seed", "1").returncode == 0
    return str(out)


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


# point 6: bounds on connections, paths and Cypher


@pytest.mark.hostile
def test_connections_stop_when_nothing_new_is_reached(kg):
    result = kgraph_cli("query", "connections", "seeds", "Stepanakert", "--depth", "1000000000", "--json", limited=True)
    assert result.returncode == 0
    assert json.loads(result.stdout) == kg.connections("Stepanakert", depth=100).to_records()


@pytest.mark.hostile
def test_paths_between_unconnected_names_end_at_once_whatever_the_cutoff():
    args = ("query", "path", "seeds", "Armenpress", "Iran", "--via", "relations", "--all", "--cutoff", "100000000")
    result = kgraph_cli(*args, limited=True)
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == "(no path between 'Armenpress' and 'Iran')\n"


def test_paths_beyond_the_cutoff_are_said_to_be_there():
    result = kgraph_cli("query", "path", "seeds", "Armenia", "Stepanyan", "--all", "--cutoff", "3")
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == (
        "kgraph: note: 'Stepanyan' is read as Gegham Stepanyan (gegham-stepanyan), by its alias\n"
        "(no path between 'Armenia' and 'Stepanyan': the shortest path has 5 steps, more than the cutoff of 3;"
        " raise --cutoff)\n"
    )
    assert kgraph_cli("query", "path", "seeds", "Armenia", "Stepanyan", "--all", "--cutoff", "5").stdout


@pytest.mark.hostile
def test_paths_on_a_large_corpus_stop_at_the_limit_and_say_so(synthetic):
    result = kgraph_cli(
        "query", "path", synthetic, "person-00000", "person-00001", "--all", "--cutoff", "12", limited=True
    )
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 20
    assert result.stderr == "kgraph: note: stopped after 20 paths; raise --limit/--timeout to see more\n"


@pytest.mark.hostile
def test_paths_stop_at_the_time_budget_and_say_so(synthetic):
    args = ("person-00000", "person-00001", "--all", "--cutoff", "12", "--limit", "1000000", "--timeout", "1")
    result = kgraph_cli("query", "path", synthetic, *args, limited=True)
    assert result.returncode == 0
    assert result.stdout
    assert result.stderr.startswith("kgraph: note: stopped after the 1 s time budget")
    assert result.stderr.endswith("; raise --limit/--timeout to see more\n")


def test_paths_say_when_they_are_cut(kg):
    every = kg.paths("Arayik Harutyunyan", "Arthur Osipyan", cutoff=6)
    assert (len(every), every.truncated) == (14, None)
    three = kg.paths("Arayik Harutyunyan", "Arthur Osipyan", cutoff=6, limit=3)
    assert (three, three.truncated) == (every[:3], "stopped after 3 paths")
    assert kg.paths("Arayik Harutyunyan", "Arthur Osipyan", cutoff=6, limit=14).truncated is None


@pytest.mark.hostile
def test_a_cypher_cartesian_product_stops_at_the_limit_and_says_so(synthetic):
    result = kgraph_cli("query", "cypher", synthetic, THREE_WAY, "--json", "--limit", "50", limited=True)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 50
    assert result.stderr == "kgraph: note: stopped after 50 rows; raise --limit/--timeout to see more\n"


@pytest.mark.hostile
def test_a_cypher_cartesian_product_too_large_for_memory_is_stopped(synthetic):
    result = kgraph_cli("query", "cypher", synthetic, THREE_WAY, limited=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("kgraph: error: Cypher query stopped: it needed more than 1 GB of memory")


@pytest.mark.hostile
def test_a_cypher_count_over_a_cartesian_product_stops_within_its_memory(synthetic):
    result = kgraph_cli("query", "cypher", synthetic, THREE_WAY_COUNT, "--timeout", "600", limited=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("kgraph: error: Cypher query stopped: it needed more than 1 GB of memory")


#: Started by a program that holds 1.2 GB: Linux gives the child that size as its starting ru_maxrss.
FROM_A_LARGE_PARENT = """
import resource, subprocess, sys
held = b"x" * (1200 * 1024**2)
def limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
done = subprocess.run(
    [sys.executable, "-m", "kgraph", "query", "cypher", sys.argv[1], sys.argv[2]],
    preexec_fn=limit, capture_output=True, text=True, timeout=TIME_LIMIT,
)
print(done.returncode, done.stderr, end="")
"""


@pytest.mark.hostile
def test_the_memory_budget_is_the_query_process_own_when_a_large_program_starts_it(synthetic):
    script = FROM_A_LARGE_PARENT.replace("MEMORY_LIMIT", str(MEMORY_LIMIT)).replace("TIME_LIMIT", str(TIME_LIMIT))
    done = subprocess.run(
        [sys.executable, "-c", script, synthetic, THREE_WAY], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.stdout.startswith("2 kgraph: error: Cypher query stopped: it needed more than 1 GB of memory")


@pytest.mark.hostile
def test_a_cypher_count_over_a_cartesian_product_stops_at_the_time_budget(synthetic):
    # The count's rows grow the process by 1 GB (the memory budget) in about 1.1 s here: a budget of 1 s lost that
    # race on a quiet hour, so half a second is given, a margin of about two to one.
    result = kgraph_cli("query", "cypher", synthetic, THREE_WAY_COUNT, "--timeout", "0.5", limited=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("kgraph: error: Cypher query stopped after the 0.5 s time budget")


def test_cypher_says_when_it_cuts_rows_and_counts_all_matches(kg):
    every = kg.cypher("MATCH (e:Event) RETURN e.id")
    assert every.truncated is None
    cut = kg.cypher("MATCH (e:Event) RETURN e.id", limit=3)
    assert (cut, cut.truncated) == (every[:3], "stopped after 3 rows")
    counted = kg.cypher("MATCH (e:Event) RETURN COUNT(e)", limit=1)
    assert (counted, counted.truncated) == ([{"COUNT(e)": len(every)}], None)
    assert kg.cypher("MATCH (e:Event) RETURN e.id LIMIT 2", limit=3) == every[:2]


# point 12: arguments that make no sense are refused, naming the argument


@pytest.mark.hostile
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["top", "seeds", "-n", "-1"], "top must be 0 or more, not -1"),
        (["top", "seeds", "--by", "communities", "-n", "-1"], "top must be 0 or more, not -1"),
        (["path", "seeds", "Shusha", "Stepanakert", "--all", "--limit", "0"], "limit must be 1 or more, not 0"),
        (["path", "seeds", "Shusha", "Stepanakert", "--all", "--cutoff", "-5"], "cutoff must be 1 or more, not -5"),
        (["path", "seeds", "Shusha", "Stepanakert", "--all", "--timeout", "0"], "timeout must be"),
        (["path", "seeds", "Shusha", "Stepanakert", "--limit", "0"], "--limit needs --all"),
        (["path", "seeds", "Shusha", "Stepanakert", "--cutoff", "3"], "--cutoff needs --all"),
        (
            ["events", "seeds", "--at", "stepanakert-rally"],
            "at must be a place (or a state), not the event 'stepanakert-rally'",
        ),
        (
            ["events", "seeds", "--at", "Gegham Stepanyan"],
            "at must be a place (or a state), not the person 'gegham-stepanyan'",
        ),
        (
            ["events", "seeds", "--involving", "stepanakert-rally"],
            "involving must be an entity, not the event 'stepanakert-rally'",
        ),
        (["events", "seeds", "--during", ""], "time window: '' is not a valid EDTF date"),
        (["timeline", "seeds", "--during", ""], "time window: '' is not a valid EDTF date"),
        (["cypher", "seeds", "MATCH (e) RETURN e.id", "--limit", "0"], "limit must be 1 or more, not 0"),
        (["cypher", "seeds", "MATCH (e) RETURN e.id", "--timeout", "-1"], "timeout must be"),
        (["cypher", "seeds", "MATCH (e) RETURN e.id", "--timeout", "nan"], "timeout must be"),
        (["cypher", "seeds", "MATCH (e) RETURN e.id", "--timeout", "inf"], "timeout must be"),
    ],
)
def test_senseless_query_arguments_are_usage_errors(args, message):
    result = kgraph_cli("query", *args, limited=True)
    assert (result.returncode, result.stdout) == (2, "")
    assert message in result.stderr


def test_the_python_api_refuses_the_same_arguments(kg):
    cases = [
        (lambda: kg.paths("Shusha", "Stepanakert", cutoff=0), "cutoff must be 1 or more, not 0"),
        (lambda: kg.paths("Shusha", "Stepanakert", limit=0), "limit must be 1 or more, not 0"),
        (lambda: kg.paths("Shusha", "Stepanakert", timeout=0), "timeout must be"),
        (lambda: kg.centrality(top=-1), "top must be 0 or more, not -1"),
        (lambda: kg.communities(top=-1), "top must be 0 or more, not -1"),
        (lambda: kg.events(at="stepanakert-rally"), "at must be a place"),
        (lambda: kg.events(involving=["icrc", "stepanakert-rally"]), "involving must be an entity"),
        (lambda: kg.events(involving=[]), "involving needs at least one name"),
        (lambda: kg.cypher("MATCH (e) RETURN e.id", limit=0), "limit must be 1 or more, not 0"),
        (lambda: kg.cypher("MATCH (e) RETURN e.id", timeout=float("nan")), "timeout must be"),
    ]
    for call, message in cases:
        with pytest.raises(UsageError, match=message):
            call()


def test_top_zero_and_no_limit_are_allowed(kg):
    assert kg.centrality(top=0) == []
    assert kg.communities(top=1) == kg.communities()[:1]
    assert len(kg.paths("Arayik Harutyunyan", "Arthur Osipyan", cutoff=6, limit=None, timeout=None)) == 14
    assert kg.cypher("MATCH (e:Event) RETURN e.id", limit=None, timeout=None).truncated is None
