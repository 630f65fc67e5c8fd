"""What the XML exports share: safe ids, labels, weights, time bounds, styles and flattened attributes.

Works on any NetworkX graph, not only kgraph's: ids that are not valid XML
name tokens are escaped (and the original kept as ``original_id``), labels
fall back to the id, and weights that are not positive numbers are kept as
data (``attr_weight``) while the edge weighs 1.

An edge's ``kind`` attribute (participation, relation, location, part_of)
is written as ``category`` (:func:`kind_as_category` says why).

XML 1.0 cannot carry control characters other than tab, line feed and
carriage return, so :func:`xml_escape` writes them as U+FFFD (�).

>>> xml_escape('a < b & "c"\\x01', attribute=True)
'a &lt; b &amp; &quot;c&quot;\\ufffd'
>>> xml_value(0.5), xml_value(True), xml_value('say "hi"'), xml_value('say "hi"', attribute=True)
('0.5', 'true', 'say "hi"', 'say &quot;hi&quot;')
>>> node_token("gegham-stepanyan"), node_token("two words")
('gegham-stepanyan', 'two_x20_words')
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

import networkx as nx

from kgraph.export.flatten import GEPHI_EDGE_NAMES, GEPHI_NODE_NAMES, Scalar, flatten, unify
from kgraph.export.style import Style, edge_color, node_style
from kgraph.export.xmltypes import coerce, flat_types, types_shape

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NEEDS_ESCAPE = re.compile('[&<>"\x00-\x1f\ufffe\uffff\ud800-\udfff]')
_NMTOKEN = re.compile(r"^[\w.\-:]+$", re.UNICODE)
_NOT_NAME_CHAR = re.compile(r"[^\w.\-:]|_x", re.UNICODE)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_NODE_RESERVED = GEPHI_NODE_NAMES - {"label"}
_EDGE_RESERVED = GEPHI_EDGE_NAMES - {"label"}
T = TypeVar("T")

#: The date written as a file's last modification when its graph names none.
FIXED_DATE = "2000-01-01"


def xml_escape(text: str, attribute: bool = False) -> str:
    """Text made safe for XML content, or for a double-quoted attribute value."""
    return _escaped(text, attribute) if _NEEDS_ESCAPE.search(text) else text  # most values: nothing to do


def _escaped(text: str, attribute: bool) -> str:
    text = _ILLEGAL_XML.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        return text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text.replace("\r", "&#13;")


def xml_value(value: Scalar, attribute: bool = False) -> str:
    """A flattened value as XML text: booleans as ``true``/``false``, doubles exactly, text escaped (see
    :func:`xml_escape` for ``attribute``)."""
    if type(value) is str:
        return _escaped(value, attribute) if _NEEDS_ESCAPE.search(value) else value  # xml_escape, one call fewer
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return xml_escape(str(value), attribute)


def keyed_edges(graph: nx.Graph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """Every edge as ``(source, target, key, data)``, in the graph's order; the key is None in a graph that is
    not a multigraph."""
    if graph.is_multigraph():
        yield from graph.edges(keys=True, data=True)
    else:
        for u, v, data in graph.edges(data=True):
            yield u, v, None, data


def kind_as_category(data: dict[str, Any]) -> dict[str, Any]:
    """An edge's data with ``kind`` renamed ``category`` (unless it has a ``category`` already).

    Why: in GEXF an edge's own ``kind`` is its type (its role or relation type, which keeps typed parallel
    edges apart), and readers such as graphology let a data attribute named ``kind`` overwrite it. GraphML
    is written from the same preparation, so both files name it alike.
    """
    if "kind" in data and "category" not in data:
        return {("category" if k == "kind" else k): v for k, v in data.items()}
    return data


def node_token(node: Any) -> str:
    """A node id as a valid XML name token: kept when it is one, else each other character written as _xHH_."""
    text = str(node)
    if _NMTOKEN.match(text) and "_x" not in text:
        return text
    return _NOT_NAME_CHAR.sub(lambda m: "".join(f"_x{ord(c):02x}_" for c in m.group(0)), text) or "_x_"


@dataclass(frozen=True)
class Node:
    """A node ready to write."""

    id: str
    label: str
    attributes: dict[str, Scalar]
    style: Style
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Edge:
    """An edge ready to write."""

    id: str
    source: str
    target: str
    label: str
    kind: str
    weight: float
    attributes: dict[str, Scalar]
    color: tuple[int, int, int]
    start: str | None
    end: str | None


class Rows(Generic[T]):
    """Nodes or edges ready to write, made one at a time each time they are read (never all held at once)."""

    def __init__(self, count: int, make: Callable[[], Iterator[T]]) -> None:
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        return self._make()


@dataclass(frozen=True)
class Prepared:
    """A graph's nodes and edges ready to write, with one type per attribute name.

    The type names (``boolean``, ``long``, ``double``, ``string``) are GraphML's and GEXF's own. ``nodes`` and
    ``edges`` are flattened again each time they are read, from the graph, which must not change meanwhile.
    """

    nodes: Rows[Node]
    edges: Rows[Edge]
    types: dict[str, str]
    node_names: list[str]
    edge_names: list[str]
    directed: bool
    last_modified: str
    description: str


def label_of(value: Any, fallback: Any) -> str:
    """A label exactly as given, or the fallback when it is missing or blank."""
    text = "" if value is None else str(value)
    return text if text.strip() else str(fallback)


def _day(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()[:10]
    return value if isinstance(value, str) and _ISO_DAY.match(value) else None


def _weight(data: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    value = data.get("weight")
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0:
        return float(value), {k: v for k, v in data.items() if k != "weight"}
    if "weight" in data:
        return 1.0, {("attr_weight" if k == "weight" else k): v for k, v in data.items()}
    return 1.0, data


def prepare(graph: nx.Graph) -> Prepared:
    """What the XML writers need from ``graph``: one pass, in linear time, finds the attribute names and types
    (without rendering any value); the rows are flattened as they are written.

    >>> import kgraph
    >>> p = prepare(kgraph.KnowledgeGraph.load("seeds").graph)
    >>> first = next(iter(p.nodes))
    >>> len(p.nodes) > 0, p.types["label"], first.attributes["label"] == first.label
    (True, 'string', True)
    """
    tokens: dict[Any, str] = {}
    used: set[str] = set()
    for node in graph:
        token = node_token(node)
        while token in used:
            token += "_"
        tokens[node] = token
        used.add(token)
    del used
    seen: dict[str, set[str]] = {}
    node_names: dict[str, None] = {}
    shapes: set[tuple[Any, ...]] = set()  # of rows noted already: another of one of them notes nothing new
    for node, data in graph.nodes(data=True):
        renamed = tokens[node] != str(node)
        shape = types_shape(data, ("node", renamed))
        if shape in shapes:
            continue
        row = flat_types(data, _NODE_RESERVED)
        row["label"] = "string"
        if renamed:
            row["original_id"] = "string"
        _note(row, seen, node_names)
        if shape is not None:
            shapes.add(shape)
    edge_names: dict[str, None] = {}
    for _, _, _, raw in keyed_edges(graph):
        data = _weight(raw)[1]
        shape = types_shape(data, ("edge",))
        if shape in shapes:
            continue
        row = flat_types(kind_as_category(data), _EDGE_RESERVED)
        row["label"] = "string"
        _note(row, seen, edge_names)
        if shape is not None:
            shapes.add(shape)
    types = {name: unify(found) for name, found in seen.items()}
    mixed = frozenset(name for name, found in seen.items() if len(found) > 1)
    return Prepared(
        nodes=Rows(graph.number_of_nodes(), lambda: _nodes(graph, tokens, types, mixed)),
        edges=Rows(graph.number_of_edges(), lambda: _edges(graph, tokens, types, mixed)),
        types=types,
        node_names=list(node_names),
        edge_names=list(edge_names),
        directed=graph.is_directed(),
        last_modified=_day(graph.graph.get("lastmodified")) or FIXED_DATE,
        description=str(graph.graph.get("description", "")),
    )


def _note(row: dict[str, str], seen: dict[str, set[str]], names: dict[str, None]) -> None:
    for name, kind in row.items():
        found = seen.get(name)
        if found is None:
            seen[name] = {kind}
            names[name] = None
        else:
            found.add(kind)
            names.setdefault(name)


def _nodes(graph: nx.Graph, tokens: dict[Any, str], types: dict[str, str], mixed: frozenset[str]) -> Iterator[Node]:
    for node, data in graph.nodes(data=True):
        flat = flatten(data, _NODE_RESERVED)
        label = label_of(data.get("label"), node)
        flat["label"] = label
        if tokens[node] != str(node):
            flat["original_id"] = str(node)
        style = node_style(str(data.get("kind", "")), graph.degree(node))
        row = coerce(flat, types, mixed)
        yield Node(tokens[node], label, row, style, _day(data.get("earliest")), _day(data.get("latest")))


def _edges(graph: nx.Graph, tokens: dict[Any, str], types: dict[str, str], mixed: frozenset[str]) -> Iterator[Edge]:
    edge_ids: set[str] = set()
    memo: dict[tuple[int, str], tuple[str, str, Any]] = {}  # what edges share with their nodes, made once
    for u, v, key, raw in keyed_edges(graph):
        weight, data = _weight(raw)
        data = kind_as_category(data)
        flat = flatten(data, _EDGE_RESERVED, (graph.nodes[v], graph.nodes[u]), memo)
        label = label_of(data.get("label"), data.get("type") or key or "edge")
        flat["label"] = label
        yield Edge(
            edge_id(tokens[u], tokens[v], key, edge_ids),
            tokens[u],
            tokens[v],
            label,
            str(data.get("type") or data.get("category") or key or "edge"),
            weight,
            coerce(flat, types, mixed),
            edge_color(str(data.get("category", ""))),
            _day(data.get("earliest")),
            _day(data.get("latest")),
        )


def edge_id(source: str, target: str, key: Any, used: set[str]) -> str:
    """A unique, readable edge id: ``source--key--target``, or a relation id that already names both ends."""
    key_text = node_token(key) if key is not None else "edge"
    if key_text.startswith(f"{source}--") and key_text.endswith(f"--{target}"):
        found = key_text  # a relation id that already names both ends
    else:
        found = f"{source}--{key_text}--{target}"
    while found in used:
        found += "_"
    used.add(found)
    return found
