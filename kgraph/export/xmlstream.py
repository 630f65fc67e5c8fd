"""Streaming the XML exports: GraphML and GEXF written element by element, never whole in memory.

Every attribute name has one type across a file, and a GraphML or GEXF file
declares them all before its first node. So :func:`~kgraph.export.prepare.prepare`
first finds each name and type with :func:`~kgraph.export.xmltypes.flat_types`, which says what
:func:`~kgraph.export.flatten.flatten` would give without rendering any text;
then :func:`write_xml` flattens each node and edge once, :func:`~kgraph.export.xmltypes.coerce`\\ s its
values to their names' types and writes it, in each format asked for, into its
file, a few hundred elements at a time.

>>> BATCH
512
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kgraph.export.prepare import Edge, Node, Prepared

#: How many nodes or edges are rendered before their text is written out.
BATCH = 512


@dataclass(frozen=True)
class XmlParts:
    """How a format writes a prepared graph: its text before the nodes, for each node, between the nodes and the
    edges, for each edge, and at the end (each a whole number of lines)."""

    head: Callable[[Prepared], str]
    node: Callable[[Node], str]
    middle: Callable[[Prepared], str]
    edge: Callable[[Edge], str]
    tail: Callable[[Prepared], str]


class Writable(Protocol):
    """A binary file open for writing (or anything with its ``write``)."""

    def write(self, data: bytes, /) -> object: ...


def write_xml(prepared: Prepared, outputs: Sequence[tuple[XmlParts, Writable]]) -> None:
    """Write ``prepared`` as UTF-8 in each format of ``outputs`` into its handle, element by element: each node
    and edge is flattened once for all the formats, and at most ``BATCH`` of them are held as text at a time.

    >>> import io, kgraph
    >>> from kgraph.export.graphml import GRAPHML, to_graphml
    >>> from kgraph.export.prepare import prepare
    >>> graph = kgraph.KnowledgeGraph.load("seeds").graph
    >>> handle = io.BytesIO()
    >>> write_xml(prepare(graph), [(GRAPHML, handle)])
    >>> handle.getvalue() == to_graphml(graph).encode("utf-8")
    True
    """
    pending: list[list[str]] = [[parts.head(prepared)] for parts, _ in outputs]

    def flush() -> None:
        for (_, handle), chunks in zip(outputs, pending, strict=True):
            handle.write("".join(chunks).encode("utf-8"))
            chunks.clear()

    count = 0
    for node in prepared.nodes:
        for (parts, _), chunks in zip(outputs, pending, strict=True):
            chunks.append(parts.node(node))
        count += 1
        if count % BATCH == 0:
            flush()
    for (parts, _), chunks in zip(outputs, pending, strict=True):
        chunks.append(parts.middle(prepared))
    for edge in prepared.edges:
        for (parts, _), chunks in zip(outputs, pending, strict=True):
            chunks.append(parts.edge(edge))
        count += 1
        if count % BATCH == 0:
            flush()
    for (parts, _), chunks in zip(outputs, pending, strict=True):
        chunks.append(parts.tail(prepared))
    flush()
