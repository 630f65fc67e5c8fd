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

Only this package writes outputs. Every file is rendered in memory first; a
build then replaces its whole set at once (:mod:`kgraph.export.folder`), so a
failed or killed build leaves the earlier set as it was, and no file of the
corpus being read is ever written over.

>>> import kgraph
>>> graph = kgraph.KnowledgeGraph.load("seeds").graph
>>> render(graph, "json") == render(graph, "json")
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.annotations.terms import DEFAULT, Terms, using
from kgraph.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class Format:
    """An export format: its file name in a build, and the function (``module:function``) that renders a graph."""

    file: str
    writer: str

    def render(self, graph: nx.Graph) -> str:
        """The file's text for ``graph``."""
        import importlib

        module, _, function = self.writer.partition(":")
        text: str = getattr(importlib.import_module(module), function)(graph)
        return text


#: Every format, by the name ``--format`` takes: the registry the command line and the builds read.
FORMATS: dict[str, Format] = {
    "graphml": Format("graph.graphml", "kgraph.export.graphml:to_graphml"),
    "gexf": Format("graph.gexf", "kgraph.export.gexf:to_gexf"),
    "json": Format("graph.json", "kgraph.export.nodelink:to_json"),
    "timelinejs": Format("timeline.json", "kgraph.export.timelinejs:to_timelinejs"),
    "html": Format("graph.html", "kgraph.export.html:to_html"),
}
#: File name of each format in a build.
FILES: dict[str, str] = {name: fmt.file for name, fmt in FORMATS.items()}


def render(graph: nx.Graph, fmt: str) -> bytes:
    """One export of a knowledge graph (``kg.graph``), as the bytes of its file."""
    from kgraph.perf import collector_paused

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    with collector_paused(), using(terms_of(graph)):
        return FORMATS[fmt].render(graph).encode("utf-8")


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


def render_all(graph: nx.Graph) -> dict[str, bytes]:
    """Every export, by file name, rendered in memory."""
    from kgraph.export.gexf import to_gexf
    from kgraph.export.graphml import to_graphml
    from kgraph.export.prepare import prepare
    from kgraph.perf import collector_paused

    with collector_paused(), using(terms_of(graph)):
        prepared = prepare(graph)  # GraphML and GEXF share the flattened attributes
        files = {
            FILES["graphml"]: to_graphml(graph, prepared).encode("utf-8"),
            FILES["gexf"]: to_gexf(graph, prepared).encode("utf-8"),
        }
    for fmt in ("json", "timelinejs", "html"):
        files[FILES[fmt]] = render(graph, fmt)
    return files


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
    files = render_all(graph)
    return [Written(path, len(files[path.name])) for path in write_folder(out, files, inputs, progress=progress)]


def stale(graph: nx.Graph, out: str | os.PathLike[str]) -> list[str]:
    """Names of the export files in ``out`` that are missing or differ from what a build would write."""
    from kgraph.output import error

    found = []
    for name, data in render_all(graph).items():
        path = Path(out) / name
        try:
            if not path.is_file() or path.read_bytes() != data:
                found.append(name)
        except OSError as exc:
            raise error(path, exc) from None
    return found
