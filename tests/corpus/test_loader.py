"""Loading and validation: one invalid corpus per problem class, each with its exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

import kgraph
from kgraph.annotations.vocabulary import EVENT_TYPES
from kgraph.corpus.loader import discover
from kgraph.errors import CorpusError, UsageError

from ..helpers import FIXTURES, SEEDS

INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())


def expected(case: Path) -> list[str]:
    return (case / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_there_is_a_fixture_for_every_problem_class():
    assert len(INVALID) >= 15


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_invalid_corpus_reports_exact_messages(case: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(case)
    problems = kgraph.validate(".")
    assert [str(p) for p in problems] == expected(case)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_load_raises_with_every_problem(case: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(case)
    with pytest.raises(CorpusError) as raised:
        kgraph.load(".")
    assert str(raised.value).splitlines() == expected(case)


def test_the_valid_base_of_the_fixtures_is_valid(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES / "valid")
    corpus = kgraph.load(".")
    assert corpus.summary() == "1 source, 1 person, 0 organizations, 0 groups, 2 places, 1 event, 1 relation"


def test_several_problems_in_several_files_are_all_reported(tmp_path: Path):
    for name in ("article.txt", "annotations.yaml"):
        (tmp_path / name).write_bytes((FIXTURES / "valid" / name).read_bytes())
    text = (tmp_path / "annotations.yaml").read_text(encoding="utf-8")
    text = text.replace("type: statement", "type: speech").replace("actor: ann-example", "actor: bob")
    text = text.replace("quote: opened the new bridge on Monday", "quote: closed the bridge")
    (tmp_path / "annotations.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "more.yaml").write_text("places:\n  - id: testville\n    name: T\n    kind: twn\n", encoding="utf-8")
    problems = [str(p) for p in kgraph.validate(tmp_path)]
    ann, more = tmp_path / "annotations.yaml", tmp_path / "more.yaml"
    references = [
        f"{ann}:29: unknown actor 'bob'",
        f"{ann}:31: quote not found in source 'test-article': 'closed the bridge'",
    ]
    others = [
        f"{more}:2: duplicate id 'testville': already used by the place at {ann}:14",
        f"{more}:4: places[0].kind: unknown place kind 'twn'; did you mean 'town'?",
    ]
    # The event is invalid, and its references are checked even so: fixing its type brings no new problem.
    assert problems == [
        f"{ann}:23: events[0].type: unknown event type 'speech' (one of: {', '.join(EVENT_TYPES)})",
        *references,
        *others,
    ]
    (tmp_path / "annotations.yaml").write_text(text.replace("type: speech", "type: statement"), encoding="utf-8")
    assert [str(p) for p in kgraph.validate(tmp_path)] == [*references, *others]


def test_a_path_that_does_not_exist_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="no such file or folder"):
        kgraph.load(tmp_path / "nowhere")


def test_a_folder_without_annotation_files_is_reported(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert [str(p) for p in kgraph.validate(tmp_path)] == [
        f"{tmp_path}: no annotation files (*.yaml, *.yml, *.jsonl) found"
    ]


def test_one_annotation_file_can_be_loaded_on_its_own():
    corpus = kgraph.load(FIXTURES / "valid" / "annotations.yaml")
    assert list(corpus.events) == ["bridge-opening"]


def test_discovery_skips_hidden_folders_and_sorts(tmp_path: Path):
    for name in ("b.yaml", "a/c.yml", ".hidden/d.yaml", "a/notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)[0]] == ["a/c.yml", "b.yaml"]


def test_hidden_annotation_files_are_skipped(tmp_path: Path):
    for name in ("article.txt", "annotations.yaml"):
        (tmp_path / name).write_bytes((FIXTURES / "valid" / name).read_bytes())
    # Each would be a problem if it were read: YAML that does not parse, a line that is not JSON, a misspelt kind.
    (tmp_path / ".draft.yaml").write_text("persons: [\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".x.jsonl").write_text("not json\n", encoding="utf-8")
    (tmp_path / "sub" / ".old.yml").write_text("places:\n  - id: p\n    name: P\n    kind: twn\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)[0]] == ["annotations.yaml"]
    assert kgraph.validate(tmp_path) == []
    assert list(kgraph.load(tmp_path).entities) == ["ann-example", "testville", "new-bridge"]


def test_evidence_defaults_to_the_files_source_and_keeps_claims(seeds):
    appeal = seeds.events["stepanyan-appeal-to-icrc"]
    assert {e.source for e in appeal.evidence} == {"2023-07-blockade"}
    assert [e.claimed_by for e in appeal.evidence] == [(), ("gegham-stepanyan",)]


def test_origins_point_at_the_defining_line(seeds):
    origin = seeds.origins["icrc"]
    assert origin.path == str(SEEDS / "2023-07-blockade" / "annotations.yaml")
    lines = Path(origin.path).read_text(encoding="utf-8").splitlines()
    assert lines[origin.line - 1].strip() == "- id: icrc"
