"""Exports of a knowledge graph, one module per format, and the build that writes them all.

=============  ================  ==============================================
format         file              module
=============  ================  ==============================================
``graphml``    graph.graphml     :mod:`kgraph.export.graphml`
``gexf``       graph.gexf        :mod:`kgraph.export.gexf`
``json``       graph.json        :mod:`kgraph.export.nodelink`
``timelinejs`` timeline.json     :mod:`kgraph.export.timelinejs`
``html``       graph.html        :mod:`kgraph.export.html`
``neo4j``      a folder          :mod:`kgraph.export.neo4j`
``cypher``     graph.cypher      :mod:`kgraph.export.cypher`
``csv``        a folder          :mod:`kgraph.export.tables`
``xlsx``       graph.xlsx        :mod:`kgraph.export.xlsx`
``acled``      acled.csv         :mod:`kgraph.export.acled`
=============  ================  ==============================================

A build (:func:`build`, ``kgraph build``) writes the first five; the others are written one at a time
(:func:`export`, ``kgraph export``). A folder format writes a set of files, replaced as one set as a build's is.

Only this package writes outputs. A build writes its files into a temporary folder, then replaces its whole set
at once (:mod:`kgraph.export.folder`), so a failed or killed build leaves the earlier set as it was, and no file
of the corpus being read is ever written over. GraphML and GEXF are written there together, element by element,
never whole in memory (:mod:`kgraph.export.xmlstream`); the other files one at a time, each piece by piece.

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

    from kgraph.export.folder import Content, Stream
    from kgraph.export.xmlstream import Writable


@dataclass(frozen=True)
class Format:
    """An export format: its file name (a folder format: the folder's usual name), the function (``module:function``)
    that renders a graph as text, the one that writes it piece by piece into a binary handle, for a format that can
    be (or that is binary), and, for a format that writes a folder, the one that gives its files by name."""

    file: str
    writer: str | None = None
    pieces: str | None = None
    folder: str | None = None
    #: For a folder format, the patterns of the file names it writes: such files of an earlier export are removed.
    owns: tuple[str, ...] = ()

    @property
    def binary(self) -> bool:
        """Whether the file is binary (not text): nothing a terminal should show.

        >>> FORMATS["xlsx"].binary, FORMATS["gexf"].binary
        (True, False)
        """
        return self.writer is None and self.folder is None

    def owned(self, name: str) -> bool:
        """Whether file ``name`` is one this format writes (in a folder format's folder).

        >>> FORMATS["neo4j"].owned("nodes-Person.csv"), FORMATS["neo4j"].owned("notes.txt")
        (True, False)
        """
        from fnmatch import fnmatchcase

        return any(fnmatchcase(name, pattern) for pattern in self.owns)

    def render(self, graph: nx.Graph) -> bytes:
        """The file's bytes for ``graph`` (refused for a folder format)."""
        if self.folder is not None:
            raise UsageError(
                f"this format writes a folder of files, not one file: give the folder to write ({self.file})"
            )
        if self.pieces is not None:  # the same bytes as the text's, without making the text first
            import io

            handle = io.BytesIO()
            _function(self.pieces)(graph, handle)
            return handle.getvalue()
        text: str = _function(str(self.writer))(graph)
        return text.encode("utf-8")

    def write(self, graph: nx.Graph, handle: Writable) -> None:
        """Write the file's bytes for ``graph`` into ``handle`` (:func:`exporting` it): piece by piece when the
        format can be, else whole."""
        with exporting(graph):
            if self.pieces is None:
                handle.write(self.render(graph))
            else:
                _function(self.pieces)(graph, handle)

    def files(self, graph: nx.Graph) -> dict[str, Content]:
        """A folder format's files for ``graph``, by name: bytes, or the stream that writes them."""
        found: dict[str, Content] = _function(str(self.folder))(graph)
        return found


def _function(spec: str) -> Any:
    """The function a ``module:function`` text names, its module imported when first needed."""
    module, _, function = spec.partition(":")
    return getattr(__import__(module, fromlist=[function]), function)


#: Every format, by the name ``--format`` takes: the registry the command line and the builds read.
FORMATS: dict[str, Format] = {
    "graphml": Format("graph.graphml", "kgraph.export.graphml:to_graphml", "kgraph.export.graphml:write_graphml"),
    "gexf": Format("graph.gexf", "kgraph.export.gexf:to_gexf", "kgraph.export.gexf:write_gexf"),
    "json": Format("graph.json", "kgraph.export.nodelink:to_json", "kgraph.export.nodelink:write_json"),
    "timelinejs": Format(
        "timeline.json", "kgraph.export.timelinejs:to_timelinejs", "kgraph.export.timelinejs:write_timelinejs"
    ),
    "html": Format("graph.html", "kgraph.export.html:to_html", "kgraph.export.html:write_html"),
    "neo4j": Format(
        "neo4j",
        folder="kgraph.export.neo4j:files",
        owns=("nodes-*.csv", "relationships-*.csv", "import.sh", "schema.cypher"),
    ),
    "cypher": Format("graph.cypher", "kgraph.export.cypher:to_cypher", "kgraph.export.cypher:write_cypher"),
    "csv": Format("tables", folder="kgraph.export.tables:files", owns=("nodes.csv", "edges.csv", "evidence.csv")),
    "xlsx": Format("graph.xlsx", pieces="kgraph.export.xlsx:write_xlsx"),
    "acled": Format("acled.csv", "kgraph.export.acled:to_acled"),
}
#: The formats a build writes, and the file name of each.
FILES: dict[str, str] = {name: FORMATS[name].file for name in ("graphml", "gexf", "json", "timelinejs", "html")}
#: The formats that write a folder of files.
FOLDERS: tuple[str, ...] = tuple(name for name, fmt in FORMATS.items() if fmt.folder is not None)


def render(graph: nx.Graph, fmt: str) -> bytes:
    """One export of a knowledge graph (``kg.graph``), as the bytes of its file."""
    found = _format(fmt)
    with exporting(graph):
        return found.render(graph)


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
    if found.folder is not None:
        raise UsageError(f"{fmt} writes a folder of files, not one file: give the folder to write")

    def produce(handle: Writable) -> None:
        found.write(graph, handle)

    return standard_output_pieces(produce, inputs) if path is None else write_pieces(path, produce, inputs)


def export_folder(
    graph: nx.Graph, fmt: str, out: str | os.PathLike[str], inputs: frozenset[Path] = frozenset()
) -> list[Written]:
    """Write a folder format (``neo4j``, ``csv``) into folder ``out`` (created if needed), its files replaced as one
    set, as a build's are (:mod:`kgraph.export.folder`): what was there stays until all are written.

    >>> import kgraph, tempfile, pathlib
    >>> graph = kgraph.KnowledgeGraph.load("seeds").graph
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "tables"
    >>> sorted(w.path.name for w in export_folder(graph, "csv", out)) == sorted(FORMATS["csv"].files(graph))
    True
    """
    from kgraph.export.folder import check_folder, write_folder

    found = _format(fmt)
    if found.folder is None:
        raise UsageError(f"{fmt} writes one file, not a folder")
    with exporting(graph):
        files = found.files(graph)
        check_folder(out, files, inputs)
        written = write_folder(out, files, inputs, replaces=found.owned)
    return [Written(path, path.stat().st_size) for path in written]


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
    """Every export of a build, by file name, as the :class:`~kgraph.export.folder.Stream` that writes it piece by
    piece: GraphML and GEXF together, element by element, from one flattening; the others one at a time.

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

    def one(fmt: str) -> Stream:
        return Stream((FILES[fmt],), lambda handles: FORMATS[fmt].write(graph, handles[FILES[fmt]]))

    both = Stream((FILES["graphml"], FILES["gexf"]), xml)
    return {FILES["graphml"]: both, FILES["gexf"]: both} | {FILES[f]: one(f) for f in ("json", "timelinejs", "html")}


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

    Refused (:class:`~kgraph.output.OutputError`) when ``out`` holds one of the ``inputs`` (the corpus's files,
    ``kg.corpus.inputs``) or anything in the way that is not a regular file: see :mod:`kgraph.export.folder`.
    """
    from kgraph.export.folder import check_folder, write_folder

    check_folder(out, FILES.values(), inputs)  # before the work of rendering
    written = write_folder(out, contents(graph), inputs, progress=progress)
    return [Written(path, path.stat().st_size) for path in written]


def stale(graph: nx.Graph, out: str | os.PathLike[str]) -> list[str]:
    """Names of the export files in ``out`` that are missing or differ from what a build would write (compared
    as they are rendered, piece by piece: :func:`kgraph.export.freshness.stale_files`)."""
    from kgraph.export.freshness import stale_files

    return stale_files(contents(graph), out)
