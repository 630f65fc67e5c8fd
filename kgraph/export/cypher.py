"""A Cypher script that loads the property graph (:mod:`kgraph.export.property_graph`) into Neo4j, Memgraph or FalkorDB.

Statements are parameter-free, in the openCypher all three run, one a line, each ending in ``;``: batches of
:data:`BATCH` rows, ``UNWIND [{...}, ...] AS row CREATE (n:Label) SET n = row`` for nodes (every node of a batch
has the same labels), then ``UNWIND [{s: ..., e: ..., p: {...}}, ...] AS row MATCH (a:Start {id: row.s}) MATCH
(b:End {id: row.e}) CREATE (a)-[r:TYPE]->(b) SET r = row.p`` for relationships. Dates are ``date('YYYY-MM-DD')``.
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
from kgraph.export.property_graph import TYPES, ModelError, PropertyGraph, Value, property_graph

if TYPE_CHECKING:
    import networkx as nx

#: Rows a statement creates at most.
BATCH = 500
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


def _batches(rows: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def statements(model: PropertyGraph, size: int = BATCH) -> Iterator[str]:
    """The script's statements, one a line: nodes by group and labels, then relationships by type and end groups.

    >>> from kgraph.export.property_graph import Node
    >>> list(statements(PropertyGraph([Node("a", "Person", ("Person",), {"id": "a"})], [])))
    ["UNWIND [{id: 'a'}] AS row CREATE (n:Person) SET n = row;"]
    """
    by_labels: dict[tuple[str, ...], list[str]] = {}
    for node in model.nodes:
        by_labels.setdefault(node.labels, []).append(_named(node.id, node.properties))
    for labels, rows in by_labels.items():
        for batch in _batches(rows, size):
            yield f"UNWIND [{', '.join(batch)}] AS row CREATE (n:{':'.join(labels)}) SET n = row;"
    by_type: dict[tuple[str, str, str], list[str]] = {}
    for rel in model.relationships:
        row = f"{{s: {literal(rel.start)}, e: {literal(rel.end)}, p: {_named(str(rel.properties['id']), rel.properties)}}}"
        by_type.setdefault((rel.type, rel.start_group, rel.end_group), []).append(row)
    for (kind, start, end), rows in by_type.items():
        for batch in _batches(rows, size):
            yield (
                f"UNWIND [{', '.join(batch)}] AS row MATCH (a:{start} {{id: row.s}}) MATCH (b:{end} {{id: row.e}}) "
                f"CREATE (a)-[r:{kind}]->(b) SET r = row.p;"
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


def to_cypher(graph: nx.MultiDiGraph) -> str:
    """The Cypher script that loads ``graph`` (``kg.graph``) as :mod:`kgraph.export.property_graph` models it.

    >>> import networkx as nx
    >>> print(to_cypher(nx.MultiDiGraph()), end="")
    // kgraph's property graph: 0 nodes, 0 relationships. One statement a line, each ending in ';'.
    // Create these indexes first (for Neo4j, the neo4j export's schema.cypher has constraints too):
    """
    return "".join(line + "\n" for line in _script_lines(property_graph(graph)))
