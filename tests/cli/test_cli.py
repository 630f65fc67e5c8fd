"""The kgraph command, run as a user runs it: messages, exit codes, no tracebacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import kgraph

from ..helpers import FIXTURES, SCHEMAS, kgraph_cli


def test_validate_seeds():
    result = kgraph_cli("validate", "seeds")
    assert result.returncode == 0
    assert result.stdout == f"seeds: valid: {kgraph.load('seeds').summary()}\n"
    assert result.stderr == ""


@pytest.mark.parametrize("case", ["unknown-reference", "yaml-syntax-error", "utf16-file", "part-of-cycle"])
def test_validate_prints_every_problem_and_exits_1(case: str):
    folder = FIXTURES / "invalid" / case
    result = kgraph_cli("validate", ".", cwd=folder)
    assert result.returncode == 1
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    lines = result.stderr.splitlines()
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} problem{'s' * (len(expected) != 1)} in 1 file"
    assert result.stdout == ""


def test_validate_counts_problems_and_files():
    result = kgraph_cli("validate", ".", cwd=FIXTURES / "invalid" / "invalid-id")
    assert result.stderr.splitlines()[-1] == "3 problems in 1 file"


def test_a_missing_path_is_a_usage_error():
    result = kgraph_cli("validate", "nowhere")
    assert (result.returncode, result.stderr) == (2, "kgraph: error: nowhere: no such file or folder\n")


@pytest.mark.parametrize("args", [[], ["validate"], ["frobnicate"], ["validate", "seeds", "--bogus"]])
def test_wrong_arguments_exit_2_with_usage(args: list[str]):
    result = kgraph_cli(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: kgraph")


def test_help_and_version():
    help_text = kgraph_cli("--help").stdout
    assert "validate" in help_text
    assert "schema" in help_text
    assert "Exit codes" in help_text
    assert kgraph_cli("--version").stdout == f"kgraph {kgraph.__version__}\n"


def test_schema_check_passes_on_the_committed_schemas():
    result = kgraph_cli("schema", "--check")
    assert (result.returncode, result.stdout) == (0, "schemas: schemas are up to date\n")


def test_schema_check_fails_after_an_edit(tmp_path: Path):
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    edited = tmp_path / "schemas" / "registry.schema.json"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace('"type": "object"', '"type": "array"', 1), encoding="utf-8"
    )
    result = kgraph_cli("schema", "--check", "--out", "schemas", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "schemas/registry.schema.json: stale: run 'kgraph schema' to regenerate it\n"
    assert kgraph_cli("schema", "--out", "schemas", cwd=tmp_path).returncode == 0
    assert edited.read_bytes() == (SCHEMAS / "registry.schema.json").read_bytes()
    assert kgraph_cli("schema", "--check", "--out", "schemas", cwd=tmp_path).returncode == 0


def test_query_connections_table():
    result = kgraph_cli("query", "connections", "seeds", "Gegham Stepanyan")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["depth", "name", "kind", "via", "link", "roles", "date", "quotes"]
    assert any("International Committee of the Red Cross" in line and "speaker > addressee" in line for line in lines)


def test_query_why_as_json_marks_the_claim():
    result = kgraph_cli("query", "why", "seeds", "Stepanyan", "ICRC", "--json")
    [link] = json.loads(result.stdout)
    assert link["id"] == "stepanyan-appeal-to-icrc"
    assert link["supported"] is True
    assert link["evidence"][1] == {
        "quote": "sound the alarm of danger and genocide.",
        "source": "2023-07-blockade",
        "stance": "supports",
        "claimed_by": ["gegham-stepanyan"],
        "via": [],
    }


def test_query_why_table_shows_stance_and_chain():
    result = kgraph_cli("query", "why", "seeds", "Stepanyan", "ICRC")
    header, _, *rows = result.stdout.splitlines()
    assert header.split() == ["via", "link", "date", "stance", "quote", "from", "source"]
    assert "supports" in rows[1]
    assert "claimed by Gegham Stepanyan" in rows[1]
    assert "(the source)" in rows[0]


def test_query_path():
    result = kgraph_cli("query", "path", "seeds", "Arayik Harutyunyan", "Arthur Osipyan")
    assert result.returncode == 0
    assert result.stdout.startswith("Arayik Harutyunyan -[leads]-> Artsakh Republic")
    assert result.stdout.rstrip().endswith("Arthur Osipyan")
    assert (
        len(
            kgraph_cli("query", "path", "seeds", "Harutyunyan", "Osipyan", "--all", "--cutoff", "6").stdout.splitlines()
        )
        == 14
    )


def test_query_events_and_timeline():
    result = kgraph_cli("query", "events", "seeds", "--at", "Khankendi", "--json")
    assert [e["id"] for e in json.loads(result.stdout)] == [
        "stepanakert-rally",
        "osipyan-interview",
        "planned-gathering",
    ]
    within = kgraph_cli("query", "events", "seeds", "--during", "2023-07", "--within", "--type", "blockade")
    assert (within.returncode, within.stdout, within.stderr) == (0, "", "(nothing found)\n")
    timeline = kgraph_cli("query", "timeline", "seeds", "Shusha", "--json")
    assert [t["event"] for t in json.loads(timeline.stdout)][:2] == [
        "damage-to-shusha-cathedral",
        "harutyunyan-video-appeal",
    ]


def test_query_top_and_cypher():
    top = json.loads(kgraph_cli("query", "top", "seeds", "-n", "1", "--json").stdout)
    assert top[0]["entity"] == "popular-movement-to-unblock-the-corridor"
    communities = json.loads(kgraph_cli("query", "top", "seeds", "--by", "communities", "--json").stdout)
    assert communities == kgraph.KnowledgeGraph.load("seeds").communities(top=10).to_records()
    assert communities[0]["rank"] == 1
    cypher = kgraph_cli("query", "cypher", "seeds", "MATCH (c)-[:capital_of]->(s) RETURN c.label, s.label", "--json")
    assert json.loads(cypher.stdout) == [{"c.label": "Stepanakert", "s.label": "Artsakh Republic"}]


def test_query_top_communities_and_cypher_tables():
    table = kgraph_cli("query", "top", "seeds", "--by", "communities", "-n", "2").stdout.splitlines()
    assert table[0].split() == ["rank", "size", "names"]
    assert table[2].startswith("1     6     Armenpress; Arthur Osipyan")
    cypher = kgraph_cli("query", "cypher", "seeds", "MATCH (c)-[:capital_of]->(s) RETURN c.label, s.label")
    assert cypher.stdout.splitlines() == [
        "c.label      s.label",
        "-----------  ----------------",
        "Stepanakert  Artsakh Republic",
    ]


def test_choices_come_from_the_registries():
    from kgraph.cli.main import parser
    from kgraph.export import FORMATS
    from kgraph.query.links import VIA
    from kgraph.query.rankings import MEASURES

    def choices(*path: str) -> list[str]:
        action = parser()
        for name in path[:-1]:
            action = next(a for a in action._actions if a.dest in ("command", "query")).choices[name]
        return list(next(a for a in action._actions if a.dest == path[-1]).choices)

    assert choices("export", "format") == list(FORMATS)
    assert choices("query", "connections", "via") == choices("query", "path", "via") == list(VIA)
    assert choices("query", "top", "by") == [*MEASURES, "communities"]


def test_terms_are_not_argparse_choices_so_a_corpus_s_own_terms_pass():
    """The library checks --type, --status, --role and --measure against the corpus's vocabularies."""
    from kgraph.cli.main import parser

    query = next(a for a in parser()._actions if a.dest == "command").choices["query"]
    commands = next(a for a in query._actions if a.dest == "query").choices
    for command, option in [("events", "type"), ("events", "status"), ("connections", "role"), ("figures", "measure")]:
        assert next(a for a in commands[command]._actions if a.dest == option).choices is None
    for command in commands.values():
        assert any(a.dest == "as_of" for a in command._actions)


def test_help_loads_neither_networkx_nor_pydantic():
    """``kgraph --help`` builds every parser, choices included, from import-light modules."""
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\n"
        "from kgraph.cli.main import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'networkx', 'pydantic', 'grandcypher'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["query", "connections", "seeds", "Stepanakrt"],
            2,
            "kgraph: error: nothing is named 'Stepanakrt'; did you mean 'Stepanakert'",
        ),
        (["query", "events", "seeds", "--within"], 2, "kgraph: error: --within needs --during"),
        (
            ["query", "events", "seeds", "--during", "July"],
            2,
            "kgraph: error: time window: 'July' is not a valid EDTF date",
        ),
        (["query", "cypher", "seeds", "MATCH (e RETURN e"], 2, "kgraph: error: Cypher query failed"),
        (["query", "why", "nowhere", "a", "b"], 2, "kgraph: error: nowhere: no such file or folder"),
        (["query", "timeline", "tests/fixtures/invalid/unknown-reference"], 1, "unknown actor 'ann-exampel'"),
    ],
)
def test_query_errors_are_messages(args, code, message):
    result = kgraph_cli(*args)
    assert result.returncode == code
    assert message in result.stderr


BROKEN = "tests/fixtures/invalid/unknown-reference"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "seeds"], 0),
        (["validate", BROKEN], 1),
        (["validate", "nowhere"], 2),
        (["validate"], 2),
        (["schema", "--check"], 0),
        (["schema", "--bogus"], 2),
        (["build", "seeds", "--out", "{tmp}/out"], 0),
        (["build", "seeds", "--out", "exports", "--check"], 0),
        (["build", BROKEN, "--out", "{tmp}/out"], 1),
        (["build", "nowhere", "--out", "{tmp}/out"], 2),
        (["build", "seeds", "--out", "{tmp}/a-file"], 2),
        (["build", "seeds"], 2),
        (["export", "seeds", "--format", "gexf", "-o", "{tmp}/g.gexf"], 0),
        (["export", BROKEN, "--format", "gexf"], 1),
        (["export", "seeds", "--format", "svg"], 2),
        (["export", "seeds", "--format", "gexf", "-o", "{tmp}/no/such/folder.gexf"], 2),
        (["query", "connections", "seeds", "ICRC"], 0),
        (["query", "connections", BROKEN, "ann-example"], 1),
        (["query", "connections", "seeds", "Nobody Atall"], 2),
        (["query", "path", "seeds", "Armenpress", "Iran", "--via", "relations"], 0),
        (["query", "why", "seeds", "ICRC", "Iran"], 0),
        (["query", "events", "seeds", "--during", "not a date"], 2),
        (["query", "timeline", "seeds"], 0),
        (["query", "top", "seeds", "--by", "fame"], 2),
        (["query", "cypher", "seeds", "MATCH (n RETURN n"], 2),
        (["query", "disputes", "seeds"], 0),
        (["query", "claims", "seeds", "--by", "Stepanyan"], 0),
        (["query", "claims", "seeds", "--by", "Nobody Atall"], 2),
        (["query", "figures", "seeds"], 0),
        (["query", "figures", "seeds", "--measure", "fame"], 2),
        (["query", "events", "seeds", "--type", "party"], 2),
        (["query", "events", "seeds", "--as-of", "2020-10-30"], 0),
        (["query", "events", "seeds", "--as-of", "yesterday"], 2),
        (["query", "disputes", BROKEN], 1),
        (["synth", "{tmp}/synthetic", "--events", "30"], 0),
        (["synth", "{tmp}/synthetic", "--events", "0"], 2),
        (["synth", "seeds", "--events", "30"], 2),
        (["synth", "{tmp}/a-file", "--events", "30"], 2),
        (["schema", "--out", "{tmp}/a-file"], 2),
        (["build", "seeds", "--out", ""], 2),
        (["export", "seeds", "--format", "json", "-o", "{tmp}"], 2),
    ],
)
def test_exit_codes_of_every_command(tmp_path, args, code):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = kgraph_cli(*(a.replace("{tmp}", str(tmp_path)) for a in args))
    assert result.returncode == code, result.stderr
    if code:
        assert result.stderr.strip()


def test_every_argument_of_every_command_says_what_it_is():
    """`kgraph CMD --help` explains each argument: none is listed with its name alone."""
    import argparse

    from kgraph.cli.main import parser

    def commands(p: argparse.ArgumentParser, name: str):
        yield name, p
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, child in action.choices.items():
                    yield from commands(child, f"{name} {sub}")

    bare = [
        f"{name} {action.dest}"
        for name, p in commands(parser(), "kgraph")
        for action in p._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help and action.dest != "help"
    ]
    assert bare == []
