"""Warnings that catch wrong annotations, and ``--strict``, which makes them errors.

Each folder in tests/fixtures/warnings is a corpus with one wrong annotation that still validates; its
expected.txt holds the exact lines ``kgraph validate`` writes to standard error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kgraph
from kgraph.errors import CorpusError

from ..helpers import FIXTURES, SEEDS, kgraph_cli

WARNINGS = sorted(p for p in (FIXTURES / "warnings").iterdir() if p.is_dir())


def test_every_warning_class_has_a_fixture():
    assert [p.name for p in WARNINGS] == [
        "claimant-not-named",
        "occurred-after-publication",
        "planned-before-publication",
        "relation-after-publication",
    ]


@pytest.mark.parametrize("case", WARNINGS, ids=lambda p: p.name)
def test_a_warning_is_shown_and_the_corpus_stays_valid(case: Path):
    result = kgraph_cli("validate", ".", cwd=case)
    assert result.returncode == 0
    assert result.stderr.splitlines() == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert ": warning: " in result.stderr
    assert result.stdout.startswith(".: valid: ")


@pytest.mark.parametrize("case", WARNINGS, ids=lambda p: p.name)
def test_strict_makes_the_warning_an_error(case: Path):
    result = kgraph_cli("validate", "--strict", ".", cwd=case)
    assert result.returncode == 1
    assert result.stderr.splitlines() == (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stdout == ""


@pytest.mark.parametrize("case", WARNINGS, ids=lambda p: p.name)
def test_strict_in_the_library(case: Path):
    (warning,) = kgraph.validate(case)
    assert warning.severity == "warning"
    assert kgraph.load(case).warnings == (warning,)
    assert kgraph.validate(case, strict=True) == [warning._replace(severity="error")]
    with pytest.raises(CorpusError) as caught:
        kgraph.load(case, strict=True)
    assert caught.value.problems == [warning._replace(severity="error")]


def test_the_seeds_pass_strict_validation():
    result = kgraph_cli("validate", "--strict", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert kgraph.validate(SEEDS, strict=True) == []


def test_a_claimant_named_by_an_alias_without_accents_or_case_is_found(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "warnings" / "claimant-not-named", corpus)
    text = (corpus / "article.txt").read_text(encoding="utf-8")
    (corpus / "article.txt").write_text(text.replace("she said", "said SÁMPLE"), encoding="utf-8")
    assert kgraph.validate(corpus) == []


def test_a_claimant_is_matched_as_whole_words(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "warnings" / "claimant-not-named", corpus)
    text = (corpus / "article.txt").read_text(encoding="utf-8")
    (corpus / "article.txt").write_text(text.replace("she said", "said the Samplers"), encoding="utf-8")
    assert [p.severity for p in kgraph.validate(corpus)] == ["warning"]


def test_an_approximate_date_that_may_precede_publication_is_not_warned(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "warnings" / "occurred-after-publication", corpus)
    annotations = corpus / "annotations.yaml"
    annotations.write_text(annotations.read_text().replace("date: 2024-03-09", "date: 2024-03-09?"))
    assert kgraph.validate(corpus) == []
