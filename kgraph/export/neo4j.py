"""Files for Neo4j's bulk import (``neo4j-admin database import full``) of the property graph
(:mod:`kgraph.export.property_graph`).

One CSV file a node group (``nodes-Person.csv``, ...) and one a relationship type (``relationships-SPEAKER.csv``,
...), each with Neo4j's header: ``id:ID`` (the id, kept as the ``id`` property; ids are strings, unique across all
node files), ``:LABEL`` (``Event;Shelling``), ``:START_ID``, ``:END_ID``, ``:TYPE``, and a typed column a property
(``earliest:date``, ``lat:double``, ``order:long``, ``symmetric:boolean``, ``aliases:string[]``). Text is always
quoted, quotes doubled; an empty cell is a property left out; a line break stays inside its quoted cell
(``--multiline-fields=true``). The array delimiter is the first of :data:`ARRAY_DELIMITERS` that occurs in no
array item, and one no label needs either (labels are joined with it too); then ``import.sh`` runs the import with
it, ``--id-type=string`` and every file, and ``schema.cypher`` creates a uniqueness constraint on each group's
``id`` and indexes on the date bounds and on ``Quote.about``.

>>> import kgraph
>>> folder = files(kgraph.KnowledgeGraph.load("seeds").graph)
>>> list(folder)[:2], list(folder)[-2:]
(['nodes-Person.csv', 'nodes-Organization.csv'], ['import.sh', 'schema.cypher'])
>>> folder["nodes-Event.csv"].splitlines()[0][:48]
b'id:ID,:LABEL,kind:string,type:string,label:strin'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgraph.errors import shown
from kgraph.export.property_graph import GROUPS, TYPES, ModelError, PropertyGraph, Value, property_graph

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.folder import Content

#: Array delimiters, in the order they are tried: the first that no array item holds is used.
ARRAY_DELIMITERS = ("|", ";", "¦", "§", "¤", "\u241f")
#: The date bounds that ``schema.cypher`` indexes on events (and relations, which may have them too).
DATE_BOUNDS = ("earliest", "latest", "earliest_possible", "latest_possible")


def array_delimiter(model: PropertyGraph) -> str:
    """The first of :data:`ARRAY_DELIMITERS` that occurs in no array item of ``model`` (refused when each does).

    >>> from kgraph.export.property_graph import Node
    >>> array_delimiter(PropertyGraph([Node("a", "Person", ("Person",), {"aliases": ("x|y",)})], []))
    ';'
    """
    items = {v for node in model.nodes for value in node.properties.values() if isinstance(value, tuple) for v in value}
    items |= {
        v for r in model.relationships for value in r.properties.values() if isinstance(value, tuple) for v in value
    }
    for candidate in ARRAY_DELIMITERS:
        if not any(candidate in item for item in items):
            return candidate
    names = ", ".join(repr(d) for d in ARRAY_DELIMITERS)
    raise ModelError(f"no array delimiter is free: every one of {names} occurs in an alias, external id or state")


def cell(name: str, value: Value | None, delimiter: str) -> str:
    """One CSV cell: text quoted (quotes doubled), numbers, truth values and dates bare, arrays joined.

    >>> cell("label", 'say "hi" now', "|"), cell("lat", 39.5, "|"), cell("aliases", ("a", "b"), "|")
    ('"say ""hi"" now"', '39.5', '"a|b"')
    """
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = delimiter.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if TYPES.get(name) == "date":
        return value
    return '"' + value.replace('"', '""') + '"'


def header(name: str) -> str:
    """A property's column header: its name and its type (``earliest:date``; text is ``name:string``).

    >>> header("earliest"), header("aliases"), header("label")
    ('earliest:date', 'aliases:string[]', 'label:string')
    """
    return f"{name}:{TYPES.get(name, 'string')}"


def _csv(columns: list[str], rows: list[list[str]]) -> bytes:
    return "".join(",".join(row) + "\n" for row in [columns, *rows]).encode("utf-8")


def _columns(all_props: list[dict[str, Value]]) -> list[str]:
    used = {name for props in all_props for name in props}
    unknown = sorted(used - set(TYPES))
    if unknown:
        raise ModelError(f"properties without a type: {', '.join(map(shown, unknown))}")
    return [name for name in TYPES if name in used and name != "id"]


def _csv_files(model: PropertyGraph, delimiter: str) -> dict[str, bytes]:
    """The node files (by group, in :data:`GROUPS` order) and relationship files (by type, sorted), by name."""
    found: dict[str, bytes] = {}
    for group in GROUPS:
        nodes = [node for node in model.nodes if node.group == group]
        if not nodes:
            continue
        columns = _columns([node.properties for node in nodes])
        rows = [
            [cell("id", node.id, delimiter), cell("labels", delimiter.join(node.labels), delimiter)]
            + [cell(name, node.properties.get(name), delimiter) for name in columns]
            for node in nodes
        ]
        found[f"nodes-{group}.csv"] = _csv(["id:ID", ":LABEL", *map(header, columns)], rows)
    by_type: dict[str, list[int]] = {}
    for index, rel in enumerate(model.relationships):
        by_type.setdefault(rel.type, []).append(index)
    for kind in sorted(by_type):
        rels = [model.relationships[i] for i in by_type[kind]]
        columns = _columns([rel.properties for rel in rels])
        rows = [
            [
                cell("s", rel.start, delimiter),
                cell("e", rel.end, delimiter),
                kind,
                cell("id", str(rel.properties["id"]), delimiter),
            ]
            + [cell(name, rel.properties.get(name), delimiter) for name in columns]
            for rel in rels
        ]
        heads = [":START_ID", ":END_ID", ":TYPE", header("id"), *map(header, columns)]
        found[f"relationships-{kind}.csv"] = _csv(heads, rows)
    return found


def _import_script(names: list[str], delimiter: str) -> bytes:
    """``import.sh``: ``neo4j-admin database import full`` of every file into a new database (``$1``, or neo4j)."""
    flags = [f"--nodes={n}" for n in names if n.startswith("nodes-")]
    flags += [f"--relationships={n}" for n in names if n.startswith("relationships-")]
    lines = [
        "#!/bin/sh",
        "# Written by kgraph (kgraph export --format neo4j): loads these files into a new, empty Neo4j database.",
        "# Run it where neo4j-admin is (Neo4j 5), with the database stopped or not yet created; then, in Neo4j,",
        "# CREATE DATABASE <name> (or restart) and run schema.cypher: cypher-shell -d <name> -f schema.cypher",
        "set -eu",
        'cd "$(dirname "$0")"',
        "neo4j-admin database import full --id-type=string --multiline-fields=true \\",
        f"  --array-delimiter='{delimiter}' \\",
        *(f"  {flag} \\" for flag in flags),
        '  "${1:-neo4j}"',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _schema(model: PropertyGraph) -> bytes:
    """``schema.cypher``: a uniqueness constraint on each group's ``id``, indexes on date bounds and ``Quote.about``."""
    groups = [group for group in GROUPS if any(node.group == group for node in model.nodes)]
    lines = ["// Constraints and indexes for kgraph's property graph, for Neo4j 5: cypher-shell -f schema.cypher"]
    for group in groups:
        lines.append(f"CREATE CONSTRAINT {group.lower()}_id IF NOT EXISTS FOR (n:{group}) REQUIRE n.id IS UNIQUE;")
    for bound in DATE_BOUNDS:
        lines.append(f"CREATE INDEX event_{bound} IF NOT EXISTS FOR (n:Event) ON (n.{bound});")
    if "Quote" in groups:
        lines.append("CREATE INDEX quote_about IF NOT EXISTS FOR (n:Quote) ON (n.about);")
    return ("\n".join(lines) + "\n").encode("utf-8")


def files(graph: nx.MultiDiGraph) -> dict[str, Content]:
    """The Neo4j import folder's files for ``graph`` (``kg.graph``), by name, in a fixed order.

    >>> import networkx as nx
    >>> list(files(nx.MultiDiGraph()))
    ['import.sh', 'schema.cypher']
    """
    model = property_graph(graph)
    delimiter = array_delimiter(model)
    found: dict[str, Content] = dict(_csv_files(model, delimiter))
    found["import.sh"] = _import_script(list(found), delimiter)
    found["schema.cypher"] = _schema(model)
    return found
