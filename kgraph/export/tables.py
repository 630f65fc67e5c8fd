"""The graph as spreadsheet tables: ``nodes.csv``, ``edges.csv`` and ``evidence.csv`` (``kgraph export --format
csv -o DIR``), and the same three tables as the sheets of a workbook (:mod:`kgraph.export.xlsx`).

The columns are the attributes of the GraphML and GEXF files, flattened once, as those are
(:func:`kgraph.export.prepare.prepare`: lists and dicts as JSON text with a readable ``_text`` companion, figures
as number columns), after columns that Gephi's Data Laboratory and Kumu read by their names:

* ``nodes.csv``: ``ID``, ``Label``, ``Type`` (the graph's type: person, state, town, appeal, ...),
  ``Description``, ``Tags`` (the kind, an event's status, and ``denies`` or ``disputes`` when a quote does,
  joined with ``|``), ``Start`` and ``End`` (the date's bounds as ISO days; empty where open or undated);
* ``edges.csv``: ``ID``, ``From``, ``To`` (Kumu's ends), ``Source``, ``Target`` (Gephi's), ``Type`` (the role or
  relation type), ``Kind`` (the same, for Gephi's parallel edges), ``Label``, ``direction`` (``directed``, or
  ``undirected`` for a symmetric relation; Kumu's documentation names this column in lower case), ``Weight``,
  ``Description``, ``Tags`` (the edge's category and any denial), ``Start``, ``End``. Gephi reads an edge's
  direction from ``Type`` alone (any value but ``undirected`` is directed), where Kumu reads the connection
  type, and no other column name gives Gephi the direction: in Gephi every edge is directed, and ``symmetric``
  (an attribute) tells which are not;
* ``evidence.csv``: one row per quote: what it is evidence of (``node``, or ``edge`` with the edge's
  ``edge_source``, ``edge_target`` and ``edge_key``; ``figure`` when it bears on a figure), the ``quote``, its
  ``stance``, its ``source`` with the source's title, outlet and URL, who it is ``claimed_by`` and relayed
  ``via`` (ids joined with ``; ``), its ``note`` and the readable ``evidence_text``. An event's quotes are
  listed once, under the event; a participant's edge lists only its own.

Column names are unique whatever the case (Gephi refuses a second ``type`` beside ``Type``): a graph attribute
whose name a column above takes is written as ``attr_<name>``. Rows come in the graph's order (the corpus's),
each node's and edge's quotes after its row. In the CSV files, text that starts like a formula has a single
quote before it (:func:`kgraph.export.cells.inert`), which shows wherever the file is read. CSV files are UTF-8
without a byte-order mark, with one header row, quoted as RFC 4180 says, lines ending in CRLF.

>>> import kgraph
>>> graph = kgraph.KnowledgeGraph.load("seeds").graph
>>> found = files(graph)
>>> sorted(found), found["nodes.csv"] is found["edges.csv"]
(['edges.csv', 'evidence.csv', 'nodes.csv'], True)
>>> tables(graph).headers["edges.csv"][:6]
('ID', 'From', 'To', 'Source', 'Target', 'Type')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kgraph.export.cells import CellValue, csv_cell
from kgraph.export.evidence_table import EVIDENCE_COLUMNS, Sources, evidence_items, evidence_rows, other_stances
from kgraph.graph.attributes import plain_text, stance_of

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.folder import Stream
    from kgraph.export.prepare import Edge, Node
    from kgraph.export.xmlstream import Writable

NODES, EDGES, EVIDENCE = "nodes.csv", "edges.csv", "evidence.csv"
#: The columns before the graph's attributes, by table.
NODE_COLUMNS = ("ID", "Label", "Type", "Description", "Tags", "Start", "End")
EDGE_COLUMNS = (
    "ID",
    "From",
    "To",
    "Source",
    "Target",
    "Type",
    "Kind",
    "Label",
    "direction",
    "Weight",
    "Description",
    "Tags",
    "Start",
    "End",
)
#: Graph attributes written in the columns above, under the name the tools read.
MOVED = frozenset({"label", "type", "description"})
#: Names no attribute column may take, whatever the case: Gephi takes a nodes table with a ``source`` or
#: ``target`` column for an edges table, and reads ``timeset`` as the element's time.
_NEVER = ("source", "target", "timeset")
_LINE_END = "\r\n"


@dataclass(frozen=True)
class Tables:
    """The three tables: each one's header, by file name, and their rows, as ``(file name, cells)`` in the order
    they are written, made again each time ``rows`` is called (never all held at once); and the graph's last
    publication day (ISO; ``2000-01-01`` when it names none), which dates a workbook."""

    headers: dict[str, tuple[str, ...]]
    rows: Callable[[], Iterator[tuple[str, list[CellValue]]]]
    day: str


def attribute_columns(front: Iterable[str], names: Iterable[str]) -> dict[str, str]:
    """The column of each attribute name (those in MOVED left out), unique whatever the case among ``front`` and
    each other: a name already taken gets ``attr_`` before it.

    >>> attribute_columns(("ID", "Label", "Type"), ["label", "kind", "Id", "tags", "Kind", "source"])
    {'kind': 'kind', 'Id': 'attr_Id', 'tags': 'tags', 'Kind': 'attr_Kind', 'source': 'attr_source'}
    """
    taken = {name.lower() for name in (*front, *_NEVER)}
    columns: dict[str, str] = {}
    for name in names:
        if name in MOVED:
            continue
        column = name
        while column.lower() in taken:
            column = f"attr_{column}"
        taken.add(column.lower())
        columns[name] = column
    return columns


def tables(graph: nx.Graph) -> Tables:
    """The spreadsheet tables of ``graph`` (``kg.graph``), as this module's documentation describes them.

    >>> import networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_edge("a", "b", key="k", kind="relation", type="allied_with", evidence=[{"quote": "=1"}])
    'k'
    >>> [(name, row[:3]) for name, row in tables(graph).rows()]
    [('nodes.csv', ['a', 'a', None]), ('nodes.csv', ['b', 'b', None]), ('edges.csv', ['a--k--b', 'a', 'b']), ('evidence.csv', [None, 'a--k--b', 'a'])]
    """
    from kgraph.export.prepare import keyed_edges, prepare

    prepared = prepare(graph)
    node_columns = attribute_columns(NODE_COLUMNS, prepared.node_names)
    edge_columns = attribute_columns(EDGE_COLUMNS, prepared.edge_names)
    headers = {
        NODES: (*NODE_COLUMNS, *node_columns.values()),
        EDGES: (*EDGE_COLUMNS, *edge_columns.values()),
        EVIDENCE: EVIDENCE_COLUMNS,
    }
    sources = graph.graph.get("sources")
    quoted = Sources(sources if isinstance(sources, Mapping) else {})
    stances = other_stances()

    def rows() -> Iterator[tuple[str, list[CellValue]]]:
        for node, (_, data) in zip(prepared.nodes, graph.nodes(data=True), strict=True):
            yield NODES, _node_row(node, data, node_columns, stances)
            for row in evidence_rows(data, quoted, node=node.id):
                yield EVIDENCE, row
        for edge, (_, target, key, data) in zip(prepared.edges, keyed_edges(graph), strict=True):
            yield EDGES, _edge_row(edge, data, edge_columns, stances)
            shared = graph.nodes[target].get("evidence") if data.get("kind") == "participation" else None
            for row in evidence_rows(data, quoted, edge=edge, key=key, shared=shared):
                yield EVIDENCE, row

    return Tables(headers, rows, prepared.last_modified)


def _tags(data: Mapping[Any, Any], first: object, stances: tuple[str, ...]) -> str:
    """Kumu's tags: ``first`` (the kind or category), an event's status, and those of ``stances`` (the stances
    other than support) its quotes take, joined with ``|`` (which a tag itself never holds)."""
    found = [plain_text(first)] if first not in (None, "") else []
    if data.get("kind") == "event" and data.get("status") not in (None, ""):
        found.append(plain_text(data["status"]))
    taken = {stance_of(item) for item in evidence_items(data.get("evidence"))}
    found.extend(stance for stance in stances if stance in taken)
    return "|".join(tag.replace("|", "/") for tag in found)


def _node_row(
    node: Node, data: Mapping[Any, Any], columns: dict[str, str], stances: tuple[str, ...]
) -> list[CellValue]:
    a = node.attributes
    front: list[CellValue] = [
        node.id,
        node.label,
        a.get("type"),
        a.get("description"),
        _tags(data, data.get("kind"), stances),
        node.start,
        node.end,
    ]
    return front + [a.get(name) for name in columns]


def _edge_row(
    edge: Edge, data: Mapping[Any, Any], columns: dict[str, str], stances: tuple[str, ...]
) -> list[CellValue]:
    a = edge.attributes
    direction = "undirected" if data.get("symmetric") is True else "directed"
    front: list[CellValue] = [
        edge.id,
        edge.source,
        edge.target,
        edge.source,
        edge.target,
        edge.kind,
        edge.kind,
        edge.label,
        direction,
        edge.weight,
        a.get("description"),
        _tags(data, a.get("category"), stances),
        edge.start,
        edge.end,
    ]
    return front + [a.get(name) for name in columns]


def files(graph: nx.Graph) -> dict[str, bytes | Stream]:
    """The CSV files of ``graph`` by name, one :class:`~kgraph.export.folder.Stream` writing the three together,
    row by row.

    >>> import io, networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("a", label="=A")
    >>> handles = {name: io.BytesIO() for name in files(graph)}
    >>> files(graph)["nodes.csv"].write(handles)
    >>> handles["nodes.csv"].getvalue()
    b"ID,Label,Type,Description,Tags,Start,End\\r\\na,'=A,,,,,\\r\\n"
    """
    from kgraph.export.folder import Stream

    found = tables(graph)
    stream = Stream(tuple(found.headers), lambda handles: write_csv(found, handles))
    written: dict[str, bytes | Stream] = dict.fromkeys(found.headers, stream)
    return written


def write_csv(found: Tables, handles: Mapping[str, Writable]) -> None:
    """Write each table as CSV into its handle, by file name (UTF-8, RFC 4180, CRLF line ends).

    >>> import io, networkx as nx
    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("a", description='says "yes",\\nthen -1')
    >>> handles = {name: io.BytesIO() for name in (NODES, EDGES, EVIDENCE)}
    >>> write_csv(tables(graph), handles)
    >>> handles[NODES].getvalue().split(b"\\r\\n")[1]
    b'a,a,,"says ""yes"",\\nthen -1",,,'
    """
    sinks = {name: _CsvSink(handles[name]) for name in found.headers}
    for name, header in found.headers.items():
        sinks[name].row(header)
    for name, row in found.rows():
        sinks[name].row(row)
    for sink in sinks.values():
        sink.flush()


class _CsvSink:
    """CSV rows encoded into a binary handle, a megabyte at a time."""

    def __init__(self, handle: Writable) -> None:
        import csv
        import io

        self.handle = handle
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator=_LINE_END)

    def row(self, cells: Iterable[CellValue]) -> None:
        self.writer.writerow([csv_cell(cell) for cell in cells])
        if self.buffer.tell() > 1 << 20:
            self.flush()

    def flush(self) -> None:
        self.handle.write(self.buffer.getvalue().encode("utf-8", "replace"))
        self.buffer.seek(0)
        self.buffer.truncate()
