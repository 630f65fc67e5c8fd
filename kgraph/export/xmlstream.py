"""Streaming the XML exports: GraphML and GEXF written element by element, never whole in memory.

Every attribute name has one type across a file, and a GraphML or GEXF file
declares them all before its first node. So :func:`~kgraph.export.prepare.prepare`
first finds each name and type with :func:`flat_types`, which says what
:func:`~kgraph.export.flatten.flatten` would give without rendering any text;
then :func:`write_xml` flattens each node and edge once, :func:`coerce`\\ s its
values to their names' types and writes it, in each format asked for, into its
file, a few hundred elements at a time.

>>> flat_types({"name": "A", "born": 1970, "aliases": ["B"], "weight": 2.5, "x": None}, frozenset({"weight"}))
{'name': 'string', 'born': 'long', 'aliases': 'string', 'aliases_text': 'string', 'attr_weight': 'double'}
>>> coerce({"n": 1, "m": 2}, {"n": "double", "m": "string"}, frozenset({"n", "m"}))
{'n': 1.0, 'm': '2'}
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from kgraph.export.flatten import Scalar, figure_bounds, name_token
from kgraph.graph.attributes import scalar_text

if TYPE_CHECKING:
    from kgraph.export.prepare import Edge, Node, Prepared

#: How many nodes or edges are rendered before their text is written out.
BATCH = 512

_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def type_of(value: Scalar) -> str:
    """The GraphML and GEXF type of a flattened value (``boolean``, ``long``, ``double`` or ``string``).

    >>> type_of(True), type_of(3), type_of(0.5), type_of("x")
    ('boolean', 'long', 'double', 'string')
    """
    found = _TYPES.get(type(value))
    if found is None:  # subclasses
        if isinstance(value, bool):
            return "boolean"
        return "long" if isinstance(value, int) else "double" if isinstance(value, float) else "string"
    return found


@lru_cache(maxsize=4096)
def _flat_name(raw_name: str, reserved: frozenset[str]) -> str:
    name = name_token(raw_name)
    return f"attr_{name}" if reserved and name.lower() in reserved else name


def flat_types(data: dict[str, Any], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """The names, in order, and the types of what ``flatten(data, reserved)`` gives, without rendering any text.

    It follows :func:`~kgraph.export.flatten.flatten` rule for rule (a test holds them together).
    """
    types: dict[str, str] = {}
    for raw_name, value in data.items():
        if value is None:
            continue
        name = _flat_name(raw_name, reserved) if type(raw_name) is str else _flat_name.__wrapped__(raw_name, reserved)
        kind = type(value)
        if kind is str or kind is int or kind is bool:
            types[name] = _TYPES[kind]
        elif kind is list or kind is dict or isinstance(value, list | tuple | set | frozenset | dict):
            types[name] = "string"
            companion = f"{name}_text"
            if companion not in data:
                types[companion] = "string"
            if raw_name == "figures":
                types.update((k, type_of(v)) for k, v in figure_bounds(value).items() if k not in data)
        elif isinstance(value, float):
            types[name] = "double" if math.isfinite(value) else "string"
        elif isinstance(value, date | datetime):
            types[name] = "string"
        elif isinstance(value, str | int):  # subclasses of text and numbers
            types[name] = type_of(value)
        else:
            types[name] = "string"
    return types


def coerce(row: dict[str, Scalar], types: dict[str, str], mixed: frozenset[str]) -> dict[str, Scalar]:
    """A flattened row with each value of a ``mixed`` name made its name's one type (numbers widen to double,
    anything else becomes text)."""
    if not mixed or mixed.isdisjoint(row):
        return row  # every value already has its attribute's one type
    out: dict[str, Scalar] = {}
    for name, value in row.items():
        wanted = types[name]
        if wanted == "string" and not isinstance(value, str):
            out[name] = scalar_text(value)
        elif wanted == "double" and isinstance(value, int) and not isinstance(value, bool):
            out[name] = float(value)
        else:
            out[name] = value
    return out


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
