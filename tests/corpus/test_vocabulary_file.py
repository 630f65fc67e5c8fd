"""A corpus's own terms in ``vocabulary.yaml``: validation uses them, mistakes in the file are reported exactly.

Each case in ``tests/fixtures/vocabulary/`` (other than ``valid``) holds only what it changes in the valid corpus
beside it, and the exact messages expected in ``expected.txt``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kgraph
from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.terms import DEFAULT, active
from kgraph.corpus.discover import discover, find
from kgraph.corpus.vocabulary_file import ACLED, SECTIONS, read_vocabulary, vocabulary_terms
from kgraph.errors import CorpusError

from ..helpers import FIXTURES, ROOT, SEEDS

VOCABULARY = FIXTURES / "vocabulary"
VALID = VOCABULARY / "valid"
CASES = sorted(p for p in VOCABULARY.iterdir() if p.is_dir() and p.name != "valid")


def corpus_of(case: Path, into: Path) -> Path:
    """The valid corpus with what ``case`` changes in it, in ``into``."""
    shutil.copytree(VALID, into)
    shutil.copytree(case, into, dirs_exist_ok=True)
    (into / "expected.txt").unlink()
    return into


def test_a_corpus_with_terms_of_its_own_validates():
    corpus = kgraph.load(VALID, strict=True)
    assert corpus.summary() == "1 source, 2 persons, 2 organizations, 1 group, 1 place, 2 events, 2 relations"
    assert corpus.events["kora-sit-in"].type == "sit_in"
    assert corpus.entities["kora-camp"].kind == "refugee_camp"
    assert corpus.terms.roles["negotiator"] == vocab.Role("Negotiates on behalf of a side.", ("person", "organization"))
    assert corpus.terms.relation_types["funds"].object == ("organization", "group")
    assert corpus.terms.measures["fuel"] == vocab.Measure("Fuel delivered.", ("litres", "tonnes"), True)
    assert corpus.terms.event_types["sit_in"].acled == ("Protests", "Peaceful protest")
    assert corpus.terms.event_types["sit_in"].cameo == "14"  # written as the number 14
    assert corpus.terms.descriptions("event status")["postponed"] == "It was due to happen and has been put off."
    assert active() is DEFAULT  # the corpus's terms are in use only while it is read


def test_without_its_vocabulary_the_corpus_uses_unknown_terms(tmp_path: Path):
    corpus = corpus_of(VOCABULARY / "unknown-own-term", tmp_path / "c")
    shutil.copy(VALID / "annotations.yaml", corpus / "annotations.yaml")
    (corpus / "vocabulary.yaml").unlink()
    messages = [p.message for p in kgraph.validate(corpus)]
    assert len(messages) == 7
    assert "events[0].type: unknown event type 'sit_in' (one of: protest, march" in messages[3]
    assert messages[4] == (
        "events[0].participants[1].role: unknown role 'negotiator' (one of: agent, target, affected, organizer,"
        " participant, speaker, addressee, interviewer, party, mediator, beneficiary, subject)"
    )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_case_reports_its_exact_messages(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(corpus_of(case, tmp_path / "c"))
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in kgraph.validate(".")] == expected
    with pytest.raises(CorpusError) as raised:
        kgraph.load(".")
    assert str(raised.value).splitlines() == expected


def test_a_wrong_term_is_still_known_so_its_uses_raise_nothing_more(tmp_path: Path):
    # invalid-terms breaks the definitions of terms the annotations use: only the vocabulary file is reported
    corpus = corpus_of(VOCABULARY / "invalid-terms", tmp_path / "c")
    assert {p.path for p in kgraph.validate(corpus)} == {str(corpus / "vocabulary.yaml")}


def test_problems_in_the_vocabulary_come_with_all_the_others(tmp_path: Path):
    corpus = corpus_of(VOCABULARY / "unknown-own-term", tmp_path / "c")
    (corpus / "vocabulary.yaml").write_text(
        (VALID / "vocabulary.yaml")
        .read_text(encoding="utf-8")
        .replace("allowed: [person, organization]", "allowed: []"),
        encoding="utf-8",
    )
    problems = [f"{Path(p.path).name}:{p.line}: {p.message}" for p in kgraph.validate(corpus)]
    assert len(problems) == 6
    assert problems[-1] == "vocabulary.yaml:13: roles.negotiator.allowed: needs at least 1 item, found none"


def test_the_vocabulary_file_is_not_an_annotation_file():
    assert discover(VALID)[0] == [VALID / "annotations.yaml"]
    assert find(VALID) == ([VALID / "annotations.yaml"], VALID / "vocabulary.yaml", [])
    assert VALID.joinpath("vocabulary.yaml").resolve() in kgraph.load(VALID).inputs  # never written over


def test_one_file_is_read_with_the_vocabulary_beside_it():
    assert kgraph.load(VALID / "annotations.yaml").events["kora-sit-in"].type == "sit_in"
    alone = kgraph.load(VALID / "vocabulary.yaml")  # the vocabulary file alone is checked, and holds nothing
    assert (alone.summary(), "sit_in" in alone.terms.event_types) == (
        "0 sources, 0 persons, 0 organizations, 0 groups, 0 places, 0 events, 0 relations",
        True,
    )


def test_a_folder_with_only_a_vocabulary_has_no_annotation_files(tmp_path: Path):
    shutil.copy(VALID / "vocabulary.yaml", tmp_path)
    assert [p.message for p in kgraph.validate(tmp_path)] == ["no annotation files (*.yaml, *.yml, *.jsonl) found"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "# nothing yet\n",
            "vocabulary.yaml: file is empty: expected sections such as event_types, roles, place_kinds",
        ),
        (
            "- place_kinds\n",
            "vocabulary.yaml:1: expected a mapping of sections (event_types, event_statuses, roles, relation_types, "
            "measures, organization_kinds, group_kinds, place_kinds), found a list",
        ),
        ("place_kinds:\n\t camp: 1\n", "vocabulary.yaml:2: YAML syntax error: tab character; indent with spaces only"),
        (
            "place_kinds: &a\n  camp: {description: x}\n",
            "vocabulary.yaml:1: YAML anchors (&name) are not supported in annotation files: remove &a",
        ),
        (
            "place_kinds: [camp]\n",
            "vocabulary.yaml:1: place_kinds: expected a mapping of terms, each with its fields, found a list",
        ),
        (b"\xff\xfeplace_kinds:", "vocabulary.yaml:1: file is encoded as UTF-16: save it as UTF-8"),
        ("place_kinds:\n  camp: !camp x\n", "vocabulary.yaml:2: unsupported YAML tag '!camp'"),
    ],
)
def test_a_vocabulary_file_that_cannot_be_read_says_why(tmp_path: Path, monkeypatch, text: str | bytes, message: str):
    monkeypatch.chdir(tmp_path)
    Path("vocabulary.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
    problems = read_vocabulary(Path("vocabulary.yaml"))[1]
    assert [str(p) for p in problems] == [message]


def test_an_empty_section_adds_nothing():
    assert vocabulary_terms({"place_kinds": None}) == (DEFAULT, [])


def test_a_fifo_named_vocabulary_yaml_is_refused_not_opened(tmp_path: Path):
    shutil.copytree(VALID, tmp_path / "c")
    (tmp_path / "c" / "vocabulary.yaml").unlink()
    os.mkfifo(tmp_path / "c" / "vocabulary.yaml")
    problems = [str(p) for p in kgraph.validate(tmp_path / "c") if p.path.endswith("vocabulary.yaml")]
    assert problems == [f"{tmp_path}/c/vocabulary.yaml: is a FIFO (named pipe), not a file; not read"]


def test_the_terms_of_one_corpus_do_not_leak_into_the_next():
    kgraph.load(VALID)
    assert active() is DEFAULT
    seeds = kgraph.load(SEEDS)
    assert seeds.terms is DEFAULT
    assert "sit_in" not in seeds.terms.event_types


def test_every_section_adds_to_the_vocabulary_it_names():
    data = {section: {f"new_{i}": {"description": "New."}} for i, section in enumerate(SECTIONS)}
    data["roles"]["new_2"]["allowed"] = ["person"]
    data["relation_types"]["new_3"].update(subject=["event"], object=["place"])
    terms, problems = vocabulary_terms(data)
    assert problems == []
    for i, name in enumerate(SECTIONS.values()):
        assert name in vocab.VOCABULARIES
        assert terms.descriptions(name)[f"new_{i}"] == "New."


def test_kgraphs_own_event_types_use_acleds_terms():
    for name, kind in vocab.EVENT_TYPES.items():
        if kind.acled:
            assert kind.acled[1] in ACLED[kind.acled[0]], name


def test_a_corpus_without_a_vocabulary_costs_nothing_more():
    """Its reader (models that take milliseconds to build) is imported only for a corpus that has the file."""
    code = (
        "import sys, kgraph; kgraph.KnowledgeGraph.load('seeds'); print('kgraph.corpus.vocabulary_file' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout == "False\n"
