"""Synthetic corpora: deterministic, valid, of realistic shape, in both annotation formats."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

import kgraph
from kgraph.synth.corpus import synthesize, write

from ..helpers import ROOT


@pytest.mark.parametrize("fmt", ["jsonl", "yaml"])
def test_a_synthetic_corpus_is_valid_and_shaped_like_real_annotation(tmp_path, fmt):
    write(tmp_path, events=300, seed=3, fmt=fmt)
    corpus = kgraph.load(tmp_path)
    assert len(corpus.events) == 300
    kinds = Counter(type(e).__name__ for e in corpus.entities.values())
    assert kinds["Person"] > kinds["Organization"] > kinds["Place"] > kinds["Group"] > 0
    sizes = Counter(len(e.participants) for e in corpus.events.values())
    assert set(sizes) == {1, 2, 3, 4, 5}
    precisions = Counter(e.date.precision for e in corpus.events.values())
    assert {"day", "month", "year", "interval"} <= set(precisions)
    assert any(e.date.approximate for e in corpus.events.values())
    assert any(e.date.uncertain for e in corpus.events.values())
    assert any(e.date.latest is None for e in corpus.events.values())
    claims = [ev for e in corpus.events.values() for ev in e.evidence if ev.claimed_by]
    assert claims
    assert any(ev.stance == "denies" for ev in claims)
    assert any(e.figures for e in corpus.events.values())
    assert any(r.type == "responds_to" for r in corpus.relations.values())
    assert corpus.relations
    assert any(e.aliases for e in corpus.entities.values())
    assert any(getattr(e, "part_of", None) for e in corpus.places)


def test_the_same_seed_gives_the_same_files():
    assert list(synthesize(200, seed=5)) == list(synthesize(200, seed=5))
    assert list(synthesize(200, seed=5)) != list(synthesize(200, seed=6))


def test_the_jsonl_and_yaml_corpora_load_to_the_same_corpus(tmp_path):
    write(tmp_path / "j", events=120, seed=9, fmt="jsonl")
    write(tmp_path / "y", events=120, seed=9, fmt="yaml")
    one, two = kgraph.load(tmp_path / "j"), kgraph.load(tmp_path / "y")
    assert one.events == two.events
    assert one.entities == two.entities
    assert one.relations == two.relations


def test_the_command(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "kgraph", "synth", str(tmp_path / "c"), "--events", "50", "--seed", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stdout) == (0, f"wrote 7 files into {tmp_path / 'c'}: 50 events (seed 2, jsonl)\n")
    again = subprocess.run(
        [sys.executable, "-m", "kgraph", "synth", str(tmp_path / "c"), "--events", "50"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2
    assert "not empty" in again.stderr
