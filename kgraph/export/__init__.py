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
build then replaces its whole set at once (:mod:`kgraph.outfolder`), so a
failed or killed build leaves the earlier set as it was, and no file of the
corpus being read is ever written over.

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> render(kg, "json") == render(kg, "json")
True
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import UsageError

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph

#: File name of each format in a build.
FILES: dict[str, str] = {
    "graphml": "graph.graphml",
    "gexf": "graph.gexf",
    "json": "graph.json",
    "timelinejs": "timeline.json",
    "html": "graph.html",
}


def render(kg: KnowledgeGraph, fmt: str) -> bytes:
    """One export of the knowledge graph, as the bytes of its file."""
    from kgraph.perf import collector_paused

    with collector_paused():
        return _render(kg, fmt)


def _render(kg: KnowledgeGraph, fmt: str) -> bytes:
    if fmt == "graphml":
        from kgraph.export.graphml import to_graphml

        text = to_graphml(kg.graph)
    elif fmt == "gexf":
        from kgraph.export.gexf import to_gexf

        text = to_gexf(kg.graph)
    elif fmt == "json":
        from kgraph.export.nodelink import to_json

        text = to_json(kg.graph)
    elif fmt == "timelinejs":
        from kgraph.export.timelinejs import to_timelinejs

        text = to_timelinejs(kg)
    elif fmt == "html":
        from kgraph.export.html import to_html

        text = to_html(kg.graph)
    else:
        raise UsageError(f"unknown format {fmt!r} (formats: {', '.join(FILES)})")
    return text.encode("utf-8")


@dataclass(frozen=True)
class Written:
    """A file a build wrote (or found current), and its size in bytes."""

    path: Path
    size: int


def render_all(kg: KnowledgeGraph) -> dict[str, bytes]:
    """Every export, by file name, rendered in memory."""
    from kgraph.export.gexf import to_gexf
    from kgraph.export.graphml import to_graphml
    from kgraph.export.prepare import prepare
    from kgraph.perf import collector_paused

    with collector_paused():
        prepared = prepare(kg.graph)  # GraphML and GEXF share the flattened attributes
        files = {
            FILES["graphml"]: to_graphml(kg.graph, prepared).encode("utf-8"),
            FILES["gexf"]: to_gexf(kg.graph, prepared).encode("utf-8"),
        }
    for fmt in ("json", "timelinejs", "html"):
        files[FILES[fmt]] = render(kg, fmt)
    return files


def build(kg: KnowledgeGraph, out: str | os.PathLike[str], progress: bool = False) -> list[Written]:
    """Write every export into folder ``out`` (created if needed) as one set: the earlier set stays until all are written.

    Refused (:class:`~kgraph.output.OutputError`) when ``out`` holds a file of the corpus, or anything in the way
    that is not a regular file; see :mod:`kgraph.outfolder`.
    """
    from kgraph.outfolder import check_folder, write_folder

    check_folder(out, FILES.values(), kg.corpus.inputs)  # before the work of rendering
    files = render_all(kg)
    return [
        Written(path, len(files[path.name])) for path in write_folder(out, files, kg.corpus.inputs, progress=progress)
    ]


def stale(kg: KnowledgeGraph, out: str | os.PathLike[str]) -> list[str]:
    """Names of the export files in ``out`` that are missing or differ from what a build would write."""
    found = []
    for name, data in render_all(kg).items():
        path = Path(out) / name
        if not path.is_file() or path.read_bytes() != data:
            found.append(name)
    return found
