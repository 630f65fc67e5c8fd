"""Formats that write a folder (``neo4j``, ``csv``): written as one set, never over the corpus, never half."""

from __future__ import annotations

import shutil

import pytest

from kgraph.export import FOLDERS, FORMATS, export_folder
from kgraph.export.folder import Stream
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.output import OutputError

from ..helpers import FIXTURES, SEEDS, kgraph_cli


@pytest.fixture(scope="module")
def kg(seeds) -> KnowledgeGraph:
    return KnowledgeGraph(seeds)


@pytest.mark.parametrize("fmt", FOLDERS)
def test_a_folder_format_wants_a_folder_not_standard_output(fmt):
    result = kgraph_cli("export", str(SEEDS), "--format", fmt)
    assert result.returncode == 2
    assert f"--format {fmt} writes a folder of files: give it with -o DIR" in result.stderr
    assert result.stdout == ""


@pytest.mark.hostile
@pytest.mark.parametrize("fmt", FOLDERS)
@pytest.mark.parametrize("given", [SEEDS, FIXTURES / "valid"], ids=["folders", "flat"])
def test_a_folder_format_never_writes_into_the_corpus(tmp_path, fmt, given):
    corpus = tmp_path / "corpus"
    shutil.copytree(given, corpus)
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    result = kgraph_cli("export", str(corpus), "--format", fmt, "-o", str(corpus))
    assert result.returncode == 2
    assert "kgraph: error:" in result.stderr
    if given != SEEDS:  # a folder of files only: refused because they are the corpus's
        assert "holds files of the corpus being read" in result.stderr
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("which", [0, -1], ids=["first stream", "last stream"])
def test_a_failed_export_leaves_the_earlier_set_as_it_was(tmp_path, kg, monkeypatch, which):
    out = tmp_path / "tables"
    export_folder(kg.graph, "csv", out)
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}
    files = FORMATS["csv"].files(kg.graph)

    def broken(handles):
        next(iter(handles.values())).write(b"half a table")
        raise OSError(28, "No space left on device")

    # one stream a file, one of which fails (the first is written by a process of its own where it can be)
    failing = {n: Stream((n,), lambda handles, n=n: handles[n].write(b"new " + n.encode())) for n in sorted(files)}
    failing[sorted(files)[which]] = Stream((sorted(files)[which],), broken)
    monkeypatch.setattr("kgraph.export.Format.files", lambda self, graph: failing)
    with pytest.raises(OutputError, match="No space left on device"):
        export_folder(kg.graph, "csv", out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]  # no temporary folder left behind


def test_a_second_export_replaces_the_whole_set(tmp_path, kg):
    out = tmp_path / "tables"
    out.mkdir()
    (out / "nodes.csv").write_text("stale")
    written = export_folder(kg.graph, "csv", out)
    assert {w.path.name for w in written} == set(FORMATS["csv"].files(kg.graph))
    assert (out / "nodes.csv").read_text(encoding="utf-8") != "stale"


@pytest.mark.hostile
def test_kg_write_of_a_folder_format_never_writes_into_the_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    before = {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()}
    with pytest.raises(OutputError):
        KnowledgeGraph.load(corpus).write("csv", corpus)
    assert {p: p.read_bytes() for p in corpus.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("swap", [True, False], ids=["swapped", "file by file"])
def test_an_export_over_an_earlier_one_of_another_corpus_leaves_none_of_its_files(tmp_path, kg, swap, monkeypatch):
    if not swap:  # where the folder cannot be exchanged whole (a mount point, say)
        monkeypatch.setattr("kgraph.export.folder._can_swap", lambda real: False)
    out = tmp_path / "neo4j"
    export_folder(kg.graph, "neo4j", out)
    (out / "notes.txt").write_text("the user's own")
    other = KnowledgeGraph.load(FIXTURES / "valid").graph
    earlier, now = set(FORMATS["neo4j"].files(kg.graph)), set(FORMATS["neo4j"].files(other))
    assert earlier - now  # the seeds have labels and types the other corpus lacks
    export_folder(other, "neo4j", out)
    assert {p.name for p in out.iterdir()} == now | {"notes.txt"}
