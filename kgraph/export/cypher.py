"""A Cypher script that loads the property graph (:mod:`kgraph.export.property_graph`) into Neo4j, Memgraph or FalkorDB.

Statements are parameter-free, in the openCypher all three document (tested on FalkorDB only), one a line, each
ending in ``;``: batches of :data:`BATCH` rows, ``UNWIND [{...}, ...] AS row CREATE (n:`Label`) SET n = row`` for
nodes (every node of a batch has the same labels), then ``UNWIND [{s: ..., e: ..., p: {...}}, ...] AS row MATCH
(a:`Start` {id: row.s}) MATCH (b:`End` {id: row.e}) CREATE (a)-[r:`TYPE`]->(b) SET r = row.p`` for relationships:
labels and types in backticks, so that a corpus's term spelt as a keyword (a relation type ``match``) loads. Dates
are ``date('YYYY-MM-DD')``. Statements run one by one, with no transaction around them: a load that fails halfway
leaves the graph half loaded (load into a new, empty graph).
Text is a single-quoted literal: a backslash, a quote, and line breaks and tabs written as escapes, everything else
(any Unicode) as it is, so no text can end a literal, a statement or a line; other control characters are refused.

Indexes are not in the common subset (Neo4j 5 and FalkorDB write ``CREATE INDEX FOR (n:Person) ON (n.id)``,
Memgraph ``CREATE INDEX ON :Person(id)``), so the script's first lines give them as comments, in both forms, to
run first: with them each relationship's ends are found by index.

>>> import kgraph
>>> script = to_cypher(kgraph.KnowledgeGraph.load("seeds").graph)
>>> [line for line in script.splitlines() if line.startswith("UNWIND")][0][:60]
"UNWIND [{id: 'arayik-harutyunyan', kind: 'person', type: 'pe"
>>> print(literal("It's a\\nline"))
'It\\'s a\\nline'
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from kgraph.errors import shown
from kgraph.export.property_graph import TYPES, ModelError, PropertyGraph, Relationship, Value, property_graph

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.xmlstream import Writable

#: Rows a statement creates at most.
BATCH = 500
#: How much of the script is gathered before it is written, in characters.
CHUNK = 1 << 20
#: The prefix of the header's index lines, by database.
INDEX_PREFIXES = {"neo4j": "//   Neo4j 5, FalkorDB: ", "memgraph": "//   Memgraph:          "}

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPECIAL = re.compile(r"[\\'\n\r\t]")
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def literal(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal (control characters but tab and line breaks refused).

    >>> print(literal("O'Brien said \\"no\\" */ //"))
    'O\\'Brien said "no" */ //'
    """
    bad = _REFUSED.search(text)
    if bad is not None:
        raise ModelError(f"the text {shown(text[:40])} holds control character U+{ord(bad.group()):04X}")
    return "'" + _SPECIAL.sub(lambda m: _ESCAPES[m.group()], text) + "'"


def quoted(name: str) -> str:
    """A label or relationship type in backticks, so that one spelt as a keyword (``MATCH``, ``ORDER``) is a name.

    >>> quoted("ORDER")
    '`ORDER`'
    """
    return f"`{name}`"


def value_literal(name: str, value: Value) -> str:
    """A property's value as a Cypher literal, as its type (:data:`~kgraph.export.property_graph.TYPES`) says.

    >>> value_literal("earliest", "2020-10-29"), value_literal("lat", 39.75), value_literal("aliases", ("a", "b"))
    ("date('2020-10-29')", '39.75', "['a', 'b']")
    """
    kind = TYPES.get(name, "string")
    if isinstance(value, tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ModelError(f"{name}: {value} is not a number a database can hold")
        text = repr(value)
        return text if ("." in text or "e" in text) else f"{text}.0"
    if kind == "date":
        return f"date({literal(value)})"
    return literal(value)


def map_literal(props: dict[str, Value]) -> str:
    """Properties as a Cypher map literal, in the order given.

    >>> map_literal({"id": "a", "order": 1})
    "{id: 'a', order: 1}"
    """
    return "{" + ", ".join(f"{name}: {value_literal(name, value)}" for name, value in props.items()) + "}"


def _index_lines(model: PropertyGraph) -> list[str]:
    """The header's comment lines that give the indexes on ``id`` (and Quote ``about``) in each database's syntax."""
    groups = list(dict.fromkeys(node.group for node in model.nodes))
    keys = [(group, "id") for group in groups] + ([("Quote", "about")] if "Quote" in groups else [])
    lines = []
    for dialect, prefix in INDEX_PREFIXES.items():
        for group, prop in keys:
            statement = (
                f"CREATE INDEX FOR (n:{group}) ON (n.{prop});"
                if dialect == "neo4j"
                else f"CREATE INDEX ON :{group}({prop});"
            )
            lines.append(prefix + statement)
    return lines


def _named(owner: str, props: dict[str, Value]) -> str:
    try:
        return map_literal(props)
    except ModelError as exc:
        raise ModelError(f"{shown(owner)}: {exc}") from None


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _relationship_row(rel: Relationship) -> str:
    props = _named(str(rel.properties["id"]), rel.properties)
    return f"{{s: {literal(rel.start)}, e: {literal(rel.end)}, p: {props}}}"


def statements(model: PropertyGraph, size: int = BATCH) -> Iterator[str]:
    """The script's statements, one a line: nodes by group and labels, then relationships by type and end groups,
    each made when it is reached.

    >>> from kgraph.export.property_graph import Node
    >>> list(statements(PropertyGraph([Node("a", "Person", ("Person",), {"id": "a"})], [])))
    ["UNWIND [{id: 'a'}] AS row CREATE (n:`Person`) SET n = row;"]
    """
    by_labels: dict[tuple[str, ...], list[int]] = {}
    for index, node in enumerate(model.nodes):
        by_labels.setdefault(node.labels, []).append(index)
    for labels, indexes in by_labels.items():
        for batch in _batches(indexes, size):
            rows = ", ".join(_named(model.nodes[i].id, model.nodes[i].properties) for i in batch)
            yield f"UNWIND [{rows}] AS row CREATE (n:{':'.join(map(quoted, labels))}) SET n = row;"
    by_type: dict[tuple[str, str, str], list[int]] = {}
    for index, rel in enumerate(model.relationships):
        by_type.setdefault((rel.type, rel.start_group, rel.end_group), []).append(index)
    for (kind, start, end), indexes in by_type.items():
        for batch in _batches(indexes, size):
            rows = ", ".join(_relationship_row(model.relationships[i]) for i in batch)
            yield (
                f"UNWIND [{rows}] AS row MATCH (a:{quoted(start)} {{id: row.s}}) MATCH (b:{quoted(end)} {{id: row.e}}) "
                f"CREATE (a)-[r:{quoted(kind)}]->(b) SET r = row.p;"
            )


def _script_lines(model: PropertyGraph) -> Iterable[str]:
    """The whole script, line by line: the header, then :func:`statements`."""
    yield (
        f"// kgraph's property graph: {len(model.nodes)} nodes, {len(model.relationships)} relationships. "
        "One statement a line, each ending in ';'."
    )
    yield "// Create these indexes first (for Neo4j, the neo4j export's schema.cypher has constraints too):"
    yield from _index_lines(model)
    yield from statements(model)


def write_cypher(graph: nx.MultiDiGraph, handle: Writable) -> None:
    """Write the Cypher script of ``graph`` (``kg.graph``) into binary ``handle``, a megabyte at a time: the bytes
    of :func:`to_cypher`, never all in memory.

    >>> import io, networkx as nx
    >>> handle = io.BytesIO()
    >>> write_cypher(nx.MultiDiGraph(), handle)
    >>> handle.getvalue().count(b"\\n")
    2
    """
    pending: list[str] = []
    size = 0
    for line in _script_lines(property_graph(graph)):
        pending.append(line + "\n")
        size += len(line)
        if size > CHUNK:
            handle.write("".join(pending).encode("utf-8"))
            pending, size = [], 0
    handle.write("".join(pending).encode("utf-8"))


def to_cypher(graph: nx.MultiDiGraph) -> str:
    """The Cypher script that loads ``graph`` (``kg.graph``) as :mod:`kgraph.export.property_graph` models it.

    >>> import networkx as nx
    >>> print(to_cypher(nx.MultiDiGraph()), end="")
    // kgraph's property graph: 0 nodes, 0 relationships. One statement a line, each ending in ';'.
    // Create these indexes first (for Neo4j, the neo4j export's schema.cypher has constraints too):
    """
    import io

    handle = io.BytesIO()
    write_cypher(graph, handle)
    return handle.getvalue().decode("utf-8")
