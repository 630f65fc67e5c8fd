"""``graph.json``: the whole graph as node-link JSON, lossless, written and read back.

The layout is NetworkX's node-link format (``nx.node_link_graph(data,
edges="edges")`` reads it): ``directed``, ``multigraph``, ``graph`` (the
sources' metadata and the order of relations), ``nodes`` (each with its
``id``), ``edges`` (each with ``source``, ``target`` and ``key``). One node
or edge per line keeps diffs readable. Dates are ISO text; every list and
dict is kept as JSON.

:meth:`kgraph.KnowledgeGraph.read_json` reads a file back into an equal KnowledgeGraph.

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> again = graph_from_json(to_json(kg.graph))
>>> list(again.edges(keys=True, data=True)) == list(kg.graph.edges(keys=True, data=True))
True
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.export.prepare import keyed_edges
from kgraph.values import json_ready

if TYPE_CHECKING:
    from kgraph.export.xmlstream import Writable

#: How many nodes and edges :func:`write_json` holds as text at a time.
BATCH = 512


class GraphFileError(KgraphError):
    """A graph file that cannot be read or written as kgraph's node-link JSON."""


def _line(item: dict[str, Any]) -> str:
    """One node or edge as a line of JSON, its values made JSON-ready (:func:`kgraph.values.json_ready`).

    A graph kgraph built holds JSON's own types but for a few values (sets, dates), which ``default`` converts
    as they come, without a copy of the rest; an item JSON cannot write as it is (a float that is not finite, a
    key of another type) is made JSON-ready whole first. Both give the same text, but for a dict with two keys
    that read the same as text (``1`` and ``"1"``): JSON writes both, ``json_ready`` keeps the last.

    >>> _line({"id": "a", "when": {1: float("inf")}, "tags": {"b", "a"}, "ok": {True: None}})
    '{"id":"a","when":{"1":"inf"},"tags":["a","b"],"ok":{"true":null}}'
    """
    try:
        return json.dumps(item, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=json_ready)
    except (ValueError, TypeError):
        return json.dumps(json_ready(item), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def to_json(graph: nx.Graph) -> str:
    """The graph as node-link JSON text, one node or edge per line."""
    return "".join(_pieces(graph))


def write_json(graph: nx.Graph, handle: Writable) -> None:
    """Write the graph's node-link JSON into the binary ``handle`` as UTF-8, ``BATCH`` lines at a time: the bytes
    of :func:`to_json`, never whole in memory. Every name is checked before the first byte is written.

    >>> import io, kgraph
    >>> graph = kgraph.KnowledgeGraph.load("seeds").graph
    >>> handle = io.BytesIO()
    >>> write_json(graph, handle)
    >>> handle.getvalue() == to_json(graph).encode("utf-8")
    True
    """
    batch: list[str] = []
    for piece in _pieces(graph):
        batch.append(piece)
        if len(batch) >= BATCH:
            handle.write("".join(batch).encode("utf-8"))
            batch.clear()
    handle.write("".join(batch).encode("utf-8"))


def _pieces(graph: nx.Graph) -> Iterator[str]:
    """The node-link JSON text in pieces (the head, then each node and edge as a line with what comes before it),
    after checking that no node or edge has an attribute with a name the format uses."""
    _check_names(graph)
    multigraph = graph.is_multigraph()
    head = {"directed": graph.is_directed(), "multigraph": multigraph, "graph": graph.graph}
    yield _line(head)[:-1] + ',\n"nodes":[\n'
    for position, (node, data) in enumerate(graph.nodes(data=True)):
        yield (",\n" if position else "") + _line({"id": node, **data})
    yield '\n],\n"edges":[\n'
    for position, (u, v, key, data) in enumerate(keyed_edges(graph)):
        item = {"source": u, "target": v, **({"key": key} if multigraph else {}), **data}
        yield (",\n" if position else "") + _line(item)
    yield "\n]}\n"


def _check_names(graph: nx.Graph) -> None:
    """Refuse a node with an attribute named ``id``, or an edge with one named ``source``, ``target`` or ``key``."""
    for node, data in graph.nodes(data=True):
        if "id" in data:
            raise GraphFileError(f"node {node!r} has an attribute named 'id', which the format uses for the node's id")
    for u, v, _, data in keyed_edges(graph):
        if "source" in data or "target" in data or "key" in data:
            clash = sorted({"source", "target", "key"} & set(data))[0]
            raise GraphFileError(f"edge {u!r} -> {v!r} has an attribute named {clash!r}, which the format reserves")


#: What reading a damaged or foreign file can raise, each turned into a GraphFileError.
_DAMAGE = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OverflowError, KgraphError)


def graph_from_json(text: str) -> nx.Graph:
    """The NetworkX graph in node-link JSON text."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise TypeError(f"a JSON {type(data).__name__}, not an object")
        return nx.node_link_graph(data, edges="edges")
    except _DAMAGE as exc:
        raise GraphFileError(f"not a node-link graph: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    first = lines[0] if lines else ""
    return first if isinstance(exc, KgraphError) else f"{type(exc).__name__}: {first}".rstrip(": ")


def read_graph(path: str | os.PathLike[str]) -> nx.Graph:
    """The graph in a ``graph.json`` file; a file that is not one (damaged, foreign, not a regular file) is a
    :class:`GraphFileError` naming it.

    >>> read_graph("exports/graph.json").nodes["icrc"]["label"]
    'International Committee of the Red Cross'
    """
    from kgraph.errors import shown

    try:
        with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise GraphFileError(f"{shown(path)}: is not a regular file")
            text = handle.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GraphFileError(f"{shown(path)}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return graph_from_json(text)
    except GraphFileError as exc:
        raise GraphFileError(f"{shown(path)}: {exc}") from None


@contextmanager
def restoring(path: str | os.PathLike[str] | None = None) -> Iterator[None]:
    """Turn what rebuilding a KnowledgeGraph from a foreign or damaged graph raises into a GraphFileError."""
    from kgraph.errors import shown

    try:
        yield
    except _DAMAGE as exc:
        where = f"{shown(path)}: " if path is not None else ""
        raise GraphFileError(f"{where}not a graph kgraph wrote: {_first_line(exc)}") from None
