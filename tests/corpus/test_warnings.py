"""Warnings that catch wrong annotations, and ``--strict``, which makes them errors.

Each folder in tests/fixtures/warnings is a corpus with one kind of wrong annotation that still validates; its
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
        "denial-without-stance",
        "mixed-script-name",
        "occurred-after-publication",
        "planned-before-publication",
        "relation-after-publication",
        "relayer-not-named",
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
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == [*expected[:-1], expected[-1] + " (--strict: warnings count as errors)"]
    assert result.stdout == ""


@pytest.mark.parametrize("case", WARNINGS, ids=lambda p: p.name)
def test_strict_in_the_library(case: Path):
    warnings = kgraph.validate(case)
    assert len(warnings) == len((case / "expected.txt").read_text(encoding="utf-8").splitlines()) - 1
    assert {w.severity for w in warnings} == {"warning"}
    assert kgraph.load(case).warnings == tuple(warnings)
    errors = [w._replace(severity="error") for w in warnings]
    assert kgraph.validate(case, strict=True) == errors
    with pytest.raises(CorpusError) as caught:
        kgraph.load(case, strict=True)
    assert caught.value.problems == errors


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


@pytest.mark.parametrize(
    ("written", "warned"),
    [
        ("2024-03-06?", False),  # widened by a day, it may start on 2024-03-05, the day of publication
        ("2024-03-06", True),
        ("2024-03-09?", True),  # a day either side does not reach back to 2024-03-05
        ("2024-~03", False),
    ],
)
def test_an_approximate_date_that_may_precede_publication_is_not_warned(tmp_path: Path, written: str, warned: bool):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "warnings" / "occurred-after-publication", corpus)
    annotations = corpus / "annotations.yaml"
    annotations.write_text(annotations.read_text().replace("date: 2024-03-09", f"date: {written}"))
    assert [p.severity for p in kgraph.validate(corpus)] == (["warning"] if warned else [])


def _denial_case(tmp_path: Path, quote_lines: str) -> Path:
    """The denial-without-stance fixture with its denial's evidence written as ``quote_lines``."""
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "warnings" / "denial-without-stance", corpus)
    annotations = corpus / "annotations.yaml"
    text = annotations.read_text(encoding="utf-8")
    old = "          - quote: The Defence Ministry denied that any soldiers had been killed\n"
    old += "            claimed_by: defence-ministry\n"
    assert old in text
    annotations.write_text(text.replace(old, quote_lines), encoding="utf-8")
    return corpus


def test_a_denial_with_its_stance_is_not_warned(tmp_path: Path):
    corpus = _denial_case(
        tmp_path,
        "          - quote: The Defence Ministry denied that any soldiers had been killed\n"
        "            stance: denies\n"
        "            claimed_by: defence-ministry\n",
    )
    assert kgraph.validate(corpus, strict=True) == []


def test_stance_supports_said_outright_silences_the_denial_warning(tmp_path: Path):
    corpus = _denial_case(
        tmp_path,
        "          - quote: The Defence Ministry denied that any soldiers had been killed\n"
        "            stance: supports\n",
    )
    assert kgraph.validate(corpus, strict=True) == []


def test_a_refusal_is_not_a_denial(tmp_path: Path):
    corpus = _denial_case(tmp_path, "          - quote: Two soldiers were killed\n")
    article = corpus / "article.txt"
    text = article.read_text(encoding="utf-8").replace(
        "The Defence Ministry denied that any soldiers had been killed.", "Medics were denied access to the town."
    )
    article.write_text(text, encoding="utf-8")
    annotations = corpus / "annotations.yaml"
    text = annotations.read_text(encoding="utf-8").replace(
        "      - quote: Testville was shelled on Monday\n",
        "      - quote: Testville was shelled on Monday\n      - quote: Medics were denied access to the town\n",
    )
    annotations.write_text(text, encoding="utf-8")
    assert kgraph.validate(corpus, strict=True) == []


def test_a_statement_and_a_contradiction_may_quote_a_denial(tmp_path: Path):
    corpus = _denial_case(tmp_path, "")
    annotations = corpus / "annotations.yaml"
    annotations.write_text(
        annotations.read_text(encoding="utf-8")
        + """  - id: ministry-denial
    type: statement
    title: The Defence Ministry denies that soldiers were killed
    date: 2024-03-05
    date_basis: inferred
    participants:
      - {actor: defence-ministry, role: speaker}
    evidence:
      - quote: The Defence Ministry denied that any soldiers had been killed
relations:
  - type: contradicts
    subject: ministry-denial
    object: shelling-of-testville
    evidence:
      - quote: The Defence Ministry denied that any soldiers had been killed
""",
        encoding="utf-8",
    )
    assert kgraph.validate(corpus, strict=True) == []
    # The same quote attached as support of a cause is warned about.
    text = annotations.read_text(encoding="utf-8").replace("type: contradicts", "type: causes")
    annotations.write_text(text, encoding="utf-8")
    (warning,) = kgraph.validate(corpus)
    assert warning.message.startswith("the quote 'The Defence Ministry denied that any soldiers had been ki...' reads")
    assert "counts as support for relation 'ministry-denial--causes--shelling-of-testville'" in warning.message


def test_build_shows_the_warnings_and_still_builds(tmp_path):
    case = WARNINGS[0]
    result = kgraph_cli("build", str(case), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    warning = (case / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
    assert warning.split(": warning: ")[1] in result.stderr
