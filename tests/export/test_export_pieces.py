"""``kgraph.export.export`` (and ``kgraph export``) write GraphML, GEXF, graph.json and TimelineJS piece by piece, as a build does: the
bytes ``render`` gives, into a temporary file renamed over the output (or straight into a FIFO or standard output), so a failed or
killed export leaves the earlier file whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kgraph.export import export, render
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.output import OutputError, write_pieces

from ..helpers import ROOT, SEEDS, kgraph_cli, killed_while_writing


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kgraph.synth.corpus import write

    corpus = tmp_path_factory.mktemp("synthetic") / "corpus"
    write(corpus, events=300, seed=3)
    return corpus


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "timelinejs"])
@pytest.mark.parametrize("corpus", ["seeds", "synthetic"])
def test_the_file_and_standard_output_hold_what_render_gives(fmt, corpus, synthetic, tmp_path):
    path = SEEDS if corpus == "seeds" else synthetic
    expected = render(KnowledgeGraph.load(path).graph, fmt)
    out = tmp_path / f"graph.{fmt}"
    out.write_bytes(b"an earlier export")
    done = kgraph_cli("export", str(path), "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == expected
    assert f"wrote {out} " in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left
    piped = subprocess.run(
        [sys.executable, "-m", "kgraph", "export", str(path), "--format", fmt, "-o", "-"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    assert piped.stdout == expected


def test_a_fifo_is_written_into_as_the_pieces_come(seeds, tmp_path):
    graph = KnowledgeGraph(seeds).graph
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    size = export(graph, "gexf", fifo, frozenset())
    reader.join(timeout=60)
    assert received == [render(graph, "gexf")]
    assert size == len(received[0])


def test_a_write_that_fails_midway_leaves_the_earlier_file(synthetic, tmp_path, monkeypatch):
    import kgraph.output

    writes = []
    write_all = kgraph.output._write_all

    def full_after_one_piece(fd, data):
        writes.append(len(data))
        if len(writes) > 1:
            raise OSError(28, "No space left on device")
        write_all(fd, data)

    monkeypatch.setattr(kgraph.output, "_write_all", full_after_one_piece)
    out = tmp_path / "graph.graphml"
    out.write_bytes(b"the earlier export")
    with pytest.raises(OutputError, match=f"{out}: .*No space left on device"):
        export(KnowledgeGraph.load(synthetic).graph, "graphml", out, frozenset())
    assert len(writes) == 2  # failed at the second piece, after the first was written
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]
    assert out.read_bytes() == b"the earlier export"


@pytest.mark.hostile
def test_a_read_only_filesystem_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    import errno

    import kgraph.output

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(kgraph.output.os, "open", read_only)  # no new file can be made there ...
    monkeypatch.setattr(Path, "unlink", read_only)  # ... nor one removed, even one that does not exist
    out = tmp_path / "graph.cypher"
    with pytest.raises(OutputError, match=f"{out}: .*Read-only file system"):
        write_pieces(out, lambda sink: sink.write(b"text"))


def test_an_error_of_the_work_itself_is_raised_as_it_is_and_leaves_nothing(tmp_path):
    def produce(sink):
        sink.write(b"a first piece")
        raise FileNotFoundError(2, "No such file or directory", "explorer.html")

    with pytest.raises(FileNotFoundError):
        write_pieces(tmp_path / "out.html", produce)
    assert list(tmp_path.iterdir()) == []


def test_the_written_file_keeps_the_mode_of_the_one_it_replaces(seeds, tmp_path):
    out = tmp_path / "graph.gexf"
    out.write_bytes(b"earlier")
    out.chmod(0o640)
    export(KnowledgeGraph(seeds).graph, "gexf", out, frozenset())
    assert out.stat().st_mode & 0o777 == 0o640
    assert out.read_bytes().endswith(b"</gexf>\n")


def test_an_input_of_the_corpus_is_never_written_over(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    target = next(corpus.rglob("annotations.yaml"))
    original = target.read_bytes()
    done = kgraph_cli("export", str(corpus), "--format", "graphml", "-o", str(target))
    assert done.returncode != 0
    assert "never writes over its inputs" in done.stderr
    with target.open("ab") as handle:  # standard output appending onto an input
        piped = subprocess.run(
            [sys.executable, "-m", "kgraph", "export", str(corpus), "--format", "graphml", "-o", "-"],
            cwd=ROOT,
            stdout=handle,
            stderr=subprocess.PIPE,
            check=False,
        )
    assert piped.returncode != 0
    assert b"never writes over its inputs" in piped.stderr
    assert target.read_bytes() == original


@pytest.mark.hostile
def test_an_export_killed_during_the_write_leaves_the_earlier_file_intact(tmp_path):
    """A real SIGKILL from outside, sent once the export's temporary file has content but is not whole."""
    from kgraph.synth.corpus import write

    corpus = tmp_path / "corpus"
    write(corpus, events=1000, seed=4)
    out = tmp_path / "graph.graphml"
    out.write_bytes(b"the earlier export")
    command = [sys.executable, "-m", "kgraph", "export", str(corpus), "--format", "graphml", "-o", str(out)]

    def partial() -> Path | None:
        return next((t for t in tmp_path.glob(".graph.graphml.*.tmp") if t.stat().st_size > 0), None)

    written = killed_while_writing(command, partial)
    assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml')
    assert not written.endswith(b"</graphml>\n")  # killed during the write, not after it
    assert out.read_bytes() == b"the earlier export"


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "timelinejs"])
def test_the_file_is_written_in_pieces_never_whole(fmt, synthetic, tmp_path, monkeypatch):
    import kgraph.output

    pieces: list[int] = []
    write = kgraph.output.Sink.write
    monkeypatch.setattr(kgraph.output.Sink, "write", lambda sink, data: pieces.append(len(data)) or write(sink, data))
    size = export(KnowledgeGraph.load(synthetic).graph, fmt, tmp_path / f"graph.{fmt}")
    assert sum(pieces) == size
    assert len(pieces) > 3
    assert max(pieces) < size / 2


def test_a_binary_format_is_not_shown_in_a_terminal():
    import pty

    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "kgraph", "export", str(SEEDS), "--format", "xlsx"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert "--format xlsx writes a binary file, not text to show: give it with -o FILE" in result.stderr
    piped = subprocess.run(
        [sys.executable, "-m", "kgraph", "export", str(SEEDS), "--format", "xlsx"], capture_output=True, check=False
    )
    assert piped.returncode == 0
    assert piped.stdout.startswith(b"PK")  # into a pipe it is written
