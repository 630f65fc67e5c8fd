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
``id`` and indexes on the events' date bounds and on ``Quote.about`` (a relation's dates are not indexed).
The CSV files are written together, row by row (:class:`~kgraph.export.folder.Stream`), never whole in memory.

>>> import kgraph
>>> folder = files(kgraph.KnowledgeGraph.load("seeds").graph)
>>> list(folder)[:2], list(folder)[-2:]
(['nodes-Person.csv', 'nodes-Organization.csv'], ['import.sh', 'schema.cypher'])
>>> import io
>>> handles = {name: io.BytesIO() for name in folder["nodes-Event.csv"].names}
>>> folder["nodes-Event.csv"].write(handles)
>>> handles["nodes-Event.csv"].getvalue().splitlines()[0][:48]
b'id:ID,:LABEL,kind:string,type:string,label:strin'
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from kgraph.errors import shown
from kgraph.export.property_graph import GROUPS, TYPES, ModelError, PropertyGraph, Value, property_graph
from kgraph.graph.attributes import DATE_BOUNDS

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.folder import Content
    from kgraph.export.xmlstream import Writable

#: Array delimiters, in the order they are tried: the first that no array item holds is used.
ARRAY_DELIMITERS = ("|", ";", "¦", "§", "¤", "\u241f")
#: How much CSV text is gathered before it is written, in characters.
CHUNK = 1 << 20


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
    """One CSV cell: text quoted (quotes doubled), numbers, truth values and dates bare, arrays joined; a number
    that is not finite refused, as :mod:`kgraph.export.cypher` refuses it (the model refuses it first, naming the id).

    >>> cell("label", 'say "hi" now', "|"), cell("lat", 39.5, "|"), cell("aliases", ("a", "b"), "|")
    ('"say ""hi"" now"', '39.5', '"a|b"')
    """
    if value is None:
        return ""
    if isinstance(value, tuple):
        value = delimiter.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        raise ModelError(f"{name}: {value} is not a number a database can hold")
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


def _columns(all_props: Iterator[dict[str, Value]]) -> list[str]:
    used = {name for props in all_props for name in props}
    unknown = sorted(used - set(TYPES))
    if unknown:
        raise ModelError(f"properties without a type: {', '.join(map(shown, unknown))}")
    return [name for name in TYPES if name in used and name != "id"]


def _tables(model: PropertyGraph) -> dict[str, tuple[list[int], list[str]]]:
    """Each CSV file's name, with the indexes of its nodes or relationships in ``model`` and its property columns:
    node files by group (in :data:`GROUPS` order), then relationship files by type (sorted)."""
    found: dict[str, tuple[list[int], list[str]]] = {}
    by_group: dict[str, list[int]] = {}
    for index, node in enumerate(model.nodes):
        by_group.setdefault(node.group, []).append(index)
    for group in GROUPS:
        if group in by_group:
            indexes = by_group[group]
            found[f"nodes-{group}.csv"] = (indexes, _columns(model.nodes[i].properties for i in indexes))
    by_type: dict[str, list[int]] = {}
    for index, rel in enumerate(model.relationships):
        by_type.setdefault(rel.type, []).append(index)
    for kind in sorted(by_type):
        indexes = by_type[kind]
        found[f"relationships-{kind}.csv"] = (indexes, _columns(model.relationships[i].properties for i in indexes))
    return found


def _lines(model: PropertyGraph, name: str, indexes: list[int], columns: list[str], delimiter: str) -> Iterator[str]:
    """The lines of CSV file ``name``: its header, then a row for each of its nodes or relationships."""
    if name.startswith("nodes-"):
        yield ",".join(["id:ID", ":LABEL", *map(header, columns)]) + "\n"
        for index in indexes:
            node = model.nodes[index]
            row = [cell("id", node.id, delimiter), cell("labels", delimiter.join(node.labels), delimiter)]
            yield ",".join(row + [cell(c, node.properties.get(c), delimiter) for c in columns]) + "\n"
        return
    yield ",".join([":START_ID", ":END_ID", ":TYPE", header("id"), *map(header, columns)]) + "\n"
    for index in indexes:
        rel = model.relationships[index]
        row = [cell("s", rel.start, delimiter), cell("e", rel.end, delimiter), rel.type]
        row.append(cell("id", str(rel.properties["id"]), delimiter))
        yield ",".join(row + [cell(c, rel.properties.get(c), delimiter) for c in columns]) + "\n"


def write_csv(
    model: PropertyGraph,
    tables: Mapping[str, tuple[list[int], list[str]]],
    delimiter: str,
    handles: Mapping[str, Writable],
) -> None:
    """Write each CSV file of ``tables`` into its handle, by name, a megabyte of text at a time."""
    for name, (indexes, columns) in tables.items():
        pending: list[str] = []
        size = 0
        for line in _lines(model, name, indexes, columns, delimiter):
            pending.append(line)
            size += len(line)
            if size > CHUNK:
                handles[name].write("".join(pending).encode("utf-8"))
                pending, size = [], 0
        handles[name].write("".join(pending).encode("utf-8"))


def _import_script(names: list[str], delimiter: str) -> bytes:
    """``import.sh``: ``neo4j-admin database import full`` of every file into database ``$1`` (neo4j when not
    given), with the arguments after it passed on to ``neo4j-admin``."""
    flags = [f"--nodes={n}" for n in names if n.startswith("nodes-")]
    flags += [f"--relationships={n}" for n in names if n.startswith("relationships-")]
    lines = [
        "#!/bin/sh",
        "# Written by kgraph (kgraph export --format neo4j): loads these files into a Neo4j 5 database.",
        "# Usage: sh import.sh [DATABASE [OPTION...]]: DATABASE is neo4j unless named; the options go to neo4j-admin",
        "# (--overwrite-destination=true replaces a database that exists, such as a new installation's neo4j).",
        "# Run it where neo4j-admin is, with the database stopped; then start Neo4j (for a new database, run",
        "# CREATE DATABASE <name>) and run schema.cypher: cypher-shell -d <name> -f schema.cypher",
        "set -eu",
        'cd "$(dirname "$0")"',
        'database="${1:-neo4j}"',
        'if [ "$#" -gt 0 ]; then shift; fi',
        'neo4j-admin database import full "$database" --id-type=string --multiline-fields=true \\',
        f"  --array-delimiter='{delimiter}' \\",
        *(f"  {flag} \\" for flag in flags),
        '  "$@"',
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _schema(model: PropertyGraph) -> bytes:
    """``schema.cypher``: a uniqueness constraint on each group's ``id``; indexes on event dates, ``Quote.about``."""
    groups = [group for group in GROUPS if any(node.group == group for node in model.nodes)]
    lines = [
        "// Constraints and indexes for kgraph's property graph, for Neo4j 5: cypher-shell -f schema.cypher",
        "// A uniqueness constraint on each label's id; indexes on the events' date bounds and on Quote.about.",
    ]
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
    from kgraph.export.folder import Stream

    model = property_graph(graph)
    delimiter = array_delimiter(model)
    tables = _tables(model)
    stream = Stream(tuple(tables), lambda handles: write_csv(model, tables, delimiter, handles))
    found: dict[str, Content] = dict.fromkeys(tables, stream)
    found["import.sh"] = _import_script(list(found), delimiter)
    found["schema.cypher"] = _schema(model)
    return found
