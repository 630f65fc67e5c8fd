"""Every command that reads a corpus (validate, build, export, query) keeps and uses kgraph's cache of validated
files, and ``--no-cache`` neither reads nor writes it."""

from __future__ import annotations

import shutil

import pytest

from kgraph.cli.main import main
from kgraph.corpus import loader

from ..helpers import FIXTURES


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{corpus}"],
        ["build", "{corpus}", "--out", "{out}"],
        ["export", "{corpus}", "--format", "json", "-o", "{out}/graph.json"],
        ["export", "{corpus}", "--format", "csv", "-o", "{out}/tables"],
        ["query", "events", "{corpus}"],
        ["query", "claims", "{corpus}", "--json"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_command_that_reads_a_corpus_uses_the_cache_unless_told_not_to(tmp_path, monkeypatch, capsys, args):
    home = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(home))
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(FIXTURES / "claims", corpus)
    out.mkdir()
    args = [a.format(corpus=corpus, out=out) for a in args]
    assert main([*args, "--no-cache"]) == 0
    uncached = capsys.readouterr().out
    assert not home.exists()
    assert main(args) == 0
    assert capsys.readouterr().out == uncached
    assert list(home.glob("corpora/*/*.json"))

    def refuse(*_):
        raise AssertionError("validated again")

    monkeypatch.setattr(loader, "_parse_and_validate", refuse)
    assert main(args) == 0  # every file from the cache
    assert capsys.readouterr().out == uncached
