"""GraphML and GEXF streamed element by element: the same bytes as before, and a build killed mid-write harmless.

The hashes below were recorded from the writers as they were before streaming (commit 600e4e4, issue 14's
start, which built each file as one string): ``to_graphml``/``to_gexf`` of the synthetic corpus
``kgraph.synth.corpus.write(folder, events=200, seed=1)`` and of ``tests.helpers.hostile_graph()``, then
``hashlib.sha256(text.encode()).hexdigest()``. Both inputs are regenerated deterministically here. The synthetic
corpus's graph changed twice since, and each time its hashes were recorded again by running those writers of
600e4e4 on the new graph, pickled; on the graph before the change, they give the hashes recorded before it. First,
a date qualified as a whole was widened by one unit of its finest part, no longer by a year too (before:
f7cce102..., 74b65e9c...); then a month widened came to end at its month's end, 31 May not 30 May (before:
78febc95..., e48b8a99...).
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import shutil
import sys
from pathlib import Path

import networkx as nx
import pytest

from kgraph.beside import can_fork
from kgraph.export import FILES, build, contents, render_all, stale
from kgraph.export.flatten import flatten
from kgraph.export.folder import Stream, write_folder
from kgraph.export.gexf import to_gexf, write_gexf
from kgraph.export.graphml import to_graphml, write_graphml
from kgraph.export.prepare import keyed_edges, prepare
from kgraph.export.xmlstream import BATCH
from kgraph.export.xmltypes import flat_types, type_of
from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.output import OutputError

from ..helpers import ROOT, hostile_graph, killed_while_writing

EXPORTS = ROOT / "exports"
BEFORE = {  # sha256 of the pre-streaming writers' output (see the module's docstring)
    ("synth-200", "graphml"): "67886414d7553694c8b0af748b67910d9fe1b47776798999b624c69c26d27329",
    ("synth-200", "gexf"): "ac7f167ccc36e30dc478cdf0fc9e99e7188fea1edd0bf86462807a024f416f29",
    ("hostile", "graphml"): "d931ab36a9596d735cf644c5e87761ea906185767c0e2982159c82122ac310aa",
    ("hostile", "gexf"): "fb1c0aeb1131ca9222a27c8d4c7e314ffb767f580a745a33945d280dbcb2d946",
}


def streamed(writer, graph) -> bytes:
    handle = io.BytesIO()
    writer(graph, handle)
    return handle.getvalue()


def test_the_seeds_stream_to_the_committed_exports(seeds):
    graph = KnowledgeGraph(seeds).graph
    assert streamed(write_graphml, graph) == (EXPORTS / "graph.graphml").read_bytes()
    assert streamed(write_gexf, graph) == (EXPORTS / "graph.gexf").read_bytes()


@pytest.mark.parametrize("which", ["synth-200", "hostile"])
def test_streamed_bytes_are_those_of_the_writers_before_streaming(which, synth_200):
    graph = synth_200.graph if which == "synth-200" else hostile_graph()
    for fmt, writer, whole in (("graphml", write_graphml, to_graphml), ("gexf", write_gexf, to_gexf)):
        data = streamed(writer, graph)
        assert len(data) > 1000
        assert data == whole(graph).encode("utf-8")
        assert hashlib.sha256(data).hexdigest() == BEFORE[which, fmt], fmt


@pytest.mark.parametrize("batch", [BATCH, 7])
def test_a_build_writes_the_same_bytes_as_the_writers(batch, synth_200, tmp_path, monkeypatch):
    """Many batches of nodes and edges, both files written together from one flattening."""
    from kgraph.export import xmlstream

    monkeypatch.setattr(xmlstream, "BATCH", batch)
    assert synth_200.graph.number_of_edges() > BATCH
    build(synth_200.graph, tmp_path / "out", synth_200.corpus.inputs)
    for fmt in ("graphml", "gexf"):
        data = (tmp_path / "out" / FILES[fmt]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == BEFORE["synth-200", fmt]
    assert render_all(synth_200.graph) == {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}


@pytest.mark.parametrize("which", ["seeds", "synth", "hostile"])
def test_the_schema_pass_names_and_types_what_flatten_gives(which, seeds, synth_200):
    """prepare() finds every name and type without rendering: it must say exactly what flatten() gives."""
    graph = {"seeds": KnowledgeGraph(seeds).graph, "synth": synth_200.graph, "hostile": hostile_graph()}[which]
    rows = [data for _, data in graph.nodes(data=True)] + [data for *_, data in keyed_edges(graph)]
    for reserved in (frozenset(), frozenset({"weight", "size", "label"})):
        for data in rows:
            flat = flatten(data, reserved)
            assert flat_types(data, reserved) == {n: type_of(v) for n, v in flat.items()}
            assert list(flat_types(data, reserved)) == list(flat)


def test_stale_compares_as_it_renders(seeds, tmp_path):
    graph = KnowledgeGraph(seeds).graph
    out = tmp_path / "out"
    build(graph, out)
    assert stale(graph, out) == []
    graphml, gexf = out / "graph.graphml", out / "graph.gexf"
    graphml.write_bytes(graphml.read_bytes() + b"\n")  # longer
    gexf.write_bytes(gexf.read_bytes()[:-1])  # shorter
    (out / "graph.json").unlink()
    assert stale(graph, out) == ["graph.graphml", "graph.gexf", "graph.json"]
    graphml.write_bytes(graphml.read_bytes()[:-2])  # shorter than it should be
    assert stale(graph, out) == ["graph.graphml", "graph.gexf", "graph.json"]
    shutil.copy(EXPORTS / "graph.graphml", graphml)
    data = bytearray(gexf.read_bytes() + b"\n")
    data[len(data) // 2] ^= 1  # one bit, in the middle
    gexf.write_bytes(bytes(data))
    assert stale(graph, out) == ["graph.gexf", "graph.json"]


def test_a_stream_that_fails_midway_leaves_the_old_set(tmp_path):
    out = tmp_path / "out"
    write_folder(out, {"a.txt": b"old a", "b.txt": b"old b"})

    def half_then_full(handles):
        handles["a.txt"].write(b"new a, half")
        raise OSError(28, "No space left on device")

    both = Stream(("a.txt", "b.txt"), half_then_full)
    with pytest.raises(OutputError, match="cannot write the exports: No space left on device"):
        write_folder(out, {"a.txt": both, "b.txt": both})
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {"a.txt": b"old a", "b.txt": b"old b"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_each_stream_of_a_build_runs_once(seeds, tmp_path):
    graph = KnowledgeGraph(seeds).graph
    files = contents(graph)
    log = tmp_path / "runs.log"  # a file, as the XML pair may be written by a process of its own

    def note(names: tuple[str, ...]) -> None:
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{' '.join(names)} {os.getpid()}\n")

    wrapped = {  # Streams compare by identity
        stream: Stream(stream.names, lambda h, s=stream: note(s.names) or s.write(h))
        for stream in dict.fromkeys(files.values())
    }
    counted = {name: wrapped[stream] for name, stream in files.items()}
    write_folder(tmp_path / "out", counted)
    runs = {line.rsplit(" ", 1)[0]: int(line.rsplit(" ", 1)[1]) for line in log.read_text("utf-8").splitlines()}
    assert sorted(runs) == ["graph.graphml graph.gexf", "graph.html", "graph.json", "timeline.json"]
    assert len(log.read_text("utf-8").splitlines()) == 4  # each once
    # GraphML and GEXF in a process of their own, beside the rest, where it can be (kgraph.beside)
    assert (runs.pop("graph.graphml graph.gexf") != os.getpid()) == can_fork()
    assert set(runs.values()) == {os.getpid()}
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == render_all(graph)


@pytest.mark.hostile
def test_a_build_killed_during_the_graphml_write_leaves_the_earlier_file_intact(tmp_path):
    """A real SIGKILL from outside, sent once the build's temporary GraphML file has content but is not whole."""
    from kgraph.synth.corpus import write

    corpus = tmp_path / "corpus"
    write(corpus, events=1000, seed=4)
    out = tmp_path / "exports"
    shutil.copytree(EXPORTS, out)
    earlier = {p.name: p.read_bytes() for p in out.iterdir()}
    command = [sys.executable, "-m", "kgraph", "build", str(corpus), "--out", str(out), "-q"]

    def partial() -> Path | None:
        candidates = (t / "graph.graphml" for t in tmp_path.glob(".exports.*.kgraph-tmp"))
        return next((c for c in candidates if c.is_file() and c.stat().st_size > 0), None)

    written = killed_while_writing(command, partial)
    assert written.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml')
    assert not written.endswith(b"</graphml>\n")  # killed during the GraphML write, not after it
    assert {p.name: p.read_bytes() for p in out.iterdir()} == earlier  # the earlier files, byte for byte
    build(KnowledgeGraph.load(corpus).graph, out)  # the next build cleans up
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "exports"]
    assert (out / "graph.graphml").read_bytes().endswith(b"</graphml>\n")


def _shapes_graph() -> nx.MultiDiGraph:
    """Nodes and edges whose keys and value types agree while their flattened types do not, and a list two names
    share with an edge's node."""
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="x", n=1.5)  # each after the first of its keys and types differs only in its values
    graph.add_node("b", kind="x", n=float("nan"))
    graph.add_node("c", kind="y", figures=[{"measure": "killed", "value": 2}])
    graph.add_node("d", kind="y", figures=[{"measure": "injured", "value": 3}])
    graph.add_node("plain", kind="z")
    graph.add_node("two words", kind="z")
    shared = [{"quote": "q", "source": "s"}]
    graph.add_node("e", kind="event", evidence=shared, aliases=shared)
    graph.add_edge("a", "e", key="r0", kind="participation", evidence=shared, evidence_text="its own reading")
    graph.add_edge("a", "e", key="r1", kind="participation", weight=2, evidence=shared, aliases=shared)
    graph.add_edge("b", "e", key="r2", kind="participation", weight=-1, evidence=shared, aliases=shared)
    graph.add_edge("c", "e", key="r3", kind="participation", weight="heavy", evidence=shared)
    return graph


def test_rows_of_one_shape_are_typed_once_as_each_would_be(monkeypatch):
    graph = _shapes_graph()
    once = prepare(graph)
    monkeypatch.setattr("kgraph.export.prepare.types_shape", lambda data, extra: None)  # every row typed
    each = prepare(graph)
    assert (once.types, once.node_names, once.edge_names) == (each.types, each.node_names, each.edge_names)
    assert once.types["n"] == "string"
    assert {"killed_max", "injured_max", "original_id"} <= set(once.types)


def test_a_list_an_edge_shares_with_its_node_is_written_as_a_copy_would_be():
    graph = _shapes_graph()
    copied = nx.MultiDiGraph()
    copied.add_nodes_from((n, {k: copy.deepcopy(v) for k, v in d.items()}) for n, d in graph.nodes(data=True))
    copied.add_edges_from(
        (u, v, k, {a: copy.deepcopy(x) for a, x in d.items()}) for u, v, k, d in graph.edges(keys=True, data=True)
    )
    assert to_graphml(graph) == to_graphml(copied)
    assert to_gexf(graph) == to_gexf(copied)
    assert "quote: q, source: s" in to_graphml(graph)  # the aliases' reading, not the evidence's
    assert "its own reading" in to_graphml(graph)
    assert to_graphml(graph).count("“q” (s)") == 4  # the evidence's reading: the node's and three edges'
