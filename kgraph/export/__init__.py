"""Exports of a knowledge graph, one module per format, and the build that writes them all.

=============  ================  ==============================================
format         file              module
=============  ================  ==============================================
``graphml``    graph.graphml     :mod:`kgraph.export.graphml`
``gexf``       graph.gexf        :mod:`kgraph.export.gexf`
``json``       graph.json        :mod:`kgraph.export.nodelink`
``timelinejs`` timeline.json     :mod:`kgraph.export.timelinejs`
``html``       graph.html        :mod:`kgraph.export.html`
=============  ================  ==============================================

Only this package writes outputs. A build writes its files into a temporary
folder, then replaces its whole set at once (:mod:`kgraph.export.folder`), so a
failed or killed build leaves the earlier set as it was, and no file of the
corpus being read is ever written over. GraphML and GEXF are written there
together, element by element, never whole in memory
(:mod:`kgraph.export.xmlstream`); the other files are rendered one at a time.

>>> import kgraph
>>> graph = kgraph.KnowledgeGraph.load("seeds").graph
>>> render(graph, "json") == render(graph, "json")
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.annotations.terms import DEFAULT, Terms, using
from kgraph.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.folder import Stream
    from kgraph.export.xmlstream import Writable


@dataclass(frozen=True)
class Format:
    """An export format: its file name in a build, the function (``module:function``) that renders a graph, and
    the one that writes it piece by piece into a binary handle, for a format that can be."""

    file: str
    writer: str
    pieces: str | None = None

    def render(self, graph: nx.Graph) -> str:
        """The file's text for ``graph``."""
        text: str = _function(self.writer)(graph)
        return text

    def write(self, graph: nx.Graph, handle: Writable) -> None:
        """Write the file's bytes for ``graph`` into ``handle``: piece by piece when the format can be, else whole."""
        if self.pieces is None:
            handle.write(self.render(graph).encode("utf-8"))
        else:
            _function(self.pieces)(graph, handle)


def _function(spec: str) -> Any:
    """The function a ``module:function`` text names, its module imported when first needed."""
    import importlib

    module, _, function = spec.partition(":")
    return getattr(importlib.import_module(module), function)


#: Every format, by the name ``--format`` takes: the registry the command line and the builds read.
FORMATS: dict[str, Format] = {
    "graphml": Format("graph.graphml", "kgraph.export.graphml:to_graphml", "kgraph.export.graphml:write_graphml"),
    "gexf": Format("graph.gexf", "kgraph.export.gexf:to_gexf", "kgraph.export.gexf:write_gexf"),
    "json": Format("graph.json", "kgraph.export.nodelink:to_json"),
    "timelinejs": Format("timeline.json", "kgraph.export.timelinejs:to_timelinejs"),
    "html": Format("graph.html", "kgraph.export.html:to_html"),
}
#: File name of each format in a build.
FILES: dict[str, str] = {name: fmt.file for name, fmt in FORMATS.items()}


def render(graph: nx.Graph, fmt: str) -> bytes:
    """One export of a knowledge graph (``kg.graph``), as the bytes of its file."""
    found = _format(fmt)
    with exporting(graph):
        return found.render(graph).encode("utf-8")


def _format(fmt: str) -> Format:
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    return FORMATS[fmt]


@contextmanager
def exporting(graph: nx.Graph) -> Iterator[None]:
    """Around an export of ``graph``: the collector paused, and the vocabularies of its corpus in use.

    >>> import gc, networkx as nx
    >>> with exporting(nx.MultiDiGraph()):
    ...     gc.isenabled()
    False
    """
    from kgraph.perf import collector_paused

    with collector_paused(), using(terms_of(graph)):
        yield


def export(graph: nx.Graph, fmt: str, path: Path | None, inputs: frozenset[Path] = frozenset()) -> int:
    """Write one export to ``path`` (None: standard output), as :func:`kgraph.output.write_pieces` writes:
    GraphML and GEXF element by element, never whole in memory. The bytes :func:`render` gives; returns how many.

    >>> import kgraph, tempfile, pathlib
    >>> graph = kgraph.KnowledgeGraph.load("seeds").graph
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.gexf"
    >>> export(graph, "gexf", path) == len(render(graph, "gexf")), path.read_bytes() == render(graph, "gexf")
    (True, True)
    """
    from kgraph.output import standard_output_pieces, write_pieces

    found = _format(fmt)

    def produce(handle: Writable) -> None:
        with exporting(graph):
            found.write(graph, handle)

    return standard_output_pieces(produce, inputs) if path is None else write_pieces(path, produce, inputs)


def terms_of(graph: nx.Graph) -> Terms:
    """The vocabularies the graph's corpus used: kgraph's, with the terms of its ``vocabulary.yaml`` if it had one.

    >>> import networkx as nx
    >>> terms_of(nx.MultiDiGraph()) is DEFAULT
    True
    """
    if "vocabulary" not in graph.graph:
        return DEFAULT
    from kgraph.corpus.vocabulary_file import vocabulary_terms

    return vocabulary_terms(graph.graph["vocabulary"], display="vocabulary")[0]


@dataclass(frozen=True)
class Written:
    """A file a build wrote (or found current), and its size in bytes."""

    path: Path
    size: int


def contents(graph: nx.Graph) -> dict[str, Stream]:
    """Every export of a build, by file name, as the :class:`~kgraph.export.folder.Stream` that writes it:
    GraphML and GEXF together, element by element, from one flattening; the others each rendered whole when
    written, one at a time.

    >>> import kgraph
    >>> files = contents(kgraph.KnowledgeGraph.load("seeds").graph)
    >>> files["graph.graphml"] is files["graph.gexf"], files["graph.json"].names
    (True, ('graph.json',))
    """
    from kgraph.export.folder import Stream

    def xml(handles: Mapping[str, Writable]) -> None:
        from kgraph.export.gexf import GEXF
        from kgraph.export.graphml import GRAPHML
        from kgraph.export.prepare import prepare
        from kgraph.export.xmlstream import write_xml

        with exporting(graph):
            write_xml(prepare(graph), [(GRAPHML, handles[FILES["graphml"]]), (GEXF, handles[FILES["gexf"]])])

    def whole(fmt: str) -> Stream:
        return Stream((FILES[fmt],), lambda handles: handles[FILES[fmt]].write(render(graph, fmt)))

    both = Stream((FILES["graphml"], FILES["gexf"]), xml)
    return {FILES["graphml"]: both, FILES["gexf"]: both} | {FILES[f]: whole(f) for f in ("json", "timelinejs", "html")}


def render_all(graph: nx.Graph) -> dict[str, bytes]:
    """Every export, by file name, rendered in memory (what a build writes)."""
    import io

    files: dict[str, bytes] = {}
    for name, stream in contents(graph).items():
        if name not in files:
            handles = {n: io.BytesIO() for n in stream.names}
            stream.write(handles)
            files.update((n, h.getvalue()) for n, h in handles.items())
    return {name: files[name] for name in FILES.values()}


def build(
    graph: nx.Graph, out: str | os.PathLike[str], inputs: frozenset[Path] = frozenset(), progress: bool = False
) -> list[Written]:
    """Write every export into folder ``out`` (created if needed) as one set: the earlier set stays until all are written.

    Refused (:class:`~kgraph.output.OutputError`) when ``out`` holds one of the ``inputs`` (the files the corpus
    was read from, ``kg.corpus.inputs``), or anything in the way
    that is not a regular file; see :mod:`kgraph.export.folder`.
    """
    from kgraph.export.folder import check_folder, write_folder

    check_folder(out, FILES.values(), inputs)  # before the work of rendering
    written = write_folder(out, contents(graph), inputs, progress=progress)
    return [Written(path, path.stat().st_size) for path in written]


def stale(graph: nx.Graph, out: str | os.PathLike[str]) -> list[str]:
    """Names of the export files in ``out`` that are missing or differ from what a build would write (compared
    as they are rendered, piece by piece)."""
    from kgraph.output import error

    found: dict[str, bool] = {}
    for name, stream in contents(graph).items():
        if name in found:
            continue
        handles = {n: _Same(Path(out) / n) for n in stream.names}
        try:
            stream.write(handles)
            found.update((n, h.finish()) for n, h in handles.items())
        except OSError as exc:
            raise error(Path(out) / name, exc) from None
        finally:
            for handle in handles.values():
                handle.close()
    return [name for name, same in found.items() if not same]


class _Same:
    """A sink that compares what is written into it with the bytes of file ``path``."""

    def __init__(self, path: Path) -> None:
        from kgraph.output import error

        self.path = path
        self.file = None
        try:
            if path.is_file():
                self.file = path.open("rb")
        except OSError as exc:
            raise error(path, exc) from None
        self.same = self.file is not None

    def write(self, data: bytes) -> int:
        if self.same and self.file is not None:
            self.same = self.file.read(len(data)) == data
        return len(data)

    def finish(self) -> bool:
        """Whether all that was written is the whole file."""
        return self.same and self.file is not None and self.file.read(1) == b""

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
