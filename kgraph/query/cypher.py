"""Cypher over the knowledge graph, run by grand-cypher.

Nodes carry two labels: their kind, capitalized (``Person``,
``Organization``, ``Group``, ``Place``, ``Event``), and their type (an
organization kind such as ``armed_force``, a place kind such as ``city``, an
event type such as ``protest``). Edges carry one label: the role of a
participation (``speaker``, ``organizer``, ...), the relation type
(``capital_of``, ``holds_office``, ...), ``place`` from an event to where it
happened, or ``part_of``. Every node has an ``id`` property beside the
attributes of :mod:`kgraph.graph.knowledge` (``label``, ``type``, ``earliest``, ...), so
dates compare as ISO text. A result is a :class:`~kgraph.query.results.Results` of rows, each a
dict from a returned name to its value, with ``to_records()`` and ``to_pandas()`` like every query's.

A query returns at most ``limit`` rows (1,000 unless told otherwise; None for
no limit) and runs for at most ``timeout`` seconds (10 unless told; None for
none) within 1 GB more memory; a result cut at the limit says so in
``truncated``, and a query that runs out of time or memory before it has a
result raises :class:`CypherError`. The time and memory budgets are kept by a
timer that works in the main thread on Unix only (see :mod:`kgraph.query.budget`).

Who spoke, to whom, in which event:

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> kg.cypher('''
...     MATCH (p:Person)-[:speaker]->(e:appeal)<-[:addressee]-(o:Organization)
...     RETURN p.label, e.id, o.label''')
[{'p.label': 'Gegham Stepanyan', 'e.id': 'stepanyan-appeal-to-icrc', 'o.label': 'International Committee of the Red Cross'}]

Events in Renaissance Square, and the capital of the Artsakh Republic:

>>> [row["e.id"] for row in kg.cypher('MATCH (e:Event)-[:place]->(p:Place) WHERE p.label == "Renaissance Square" RETURN e.id')]
['stepanakert-rally', 'osipyan-interview', 'planned-gathering']
>>> kg.cypher('MATCH (c)-[:capital_of]->(s:state) RETURN c.label, s.label').to_records()
[{'c.label': 'Stepanakert', 's.label': 'Artsakh Republic'}]
>>> cut = kg.cypher("MATCH (e:Event) RETURN e.id", limit=2)
>>> cut, cut.truncated
([{'e.id': 'harutyunyan-video-appeal'}, {'e.id': 'azerbaijani-advance-on-shusha'}], 'stopped after 2 rows')
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import networkx as nx

from kgraph.errors import KgraphError
from kgraph.query.budget import MEMORY, TIMEOUT, OverBudget, check_count, check_timeout, guarded, seconds
from kgraph.query.results import Results, Row

if TYPE_CHECKING:
    from kgraph.graph.index import Index


class CypherError(KgraphError):
    """A Cypher query that grand-cypher cannot parse or run."""

    exit_code = 2  # on the command line, the query given is what is wrong


class _Edges(nx.classes.reportviews.OutMultiEdgeView):  # type: ignore[misc]
    """The edges of :class:`_Labelled`: a pair ``(u, v)`` is in them when some edge goes from u to v."""

    def __contains__(self, edge: object) -> bool:
        if isinstance(edge, tuple) and len(edge) == 2:
            return bool(self._graph.has_edge(*edge))
        return bool(super().__contains__(edge))


class _Labelled(nx.MultiDiGraph):  # type: ignore[misc]
    """The graph grand-cypher runs on. When a query fixes nodes by their properties, grand-cypher checks each match
    by asking whether ``(u, v)`` is among the edges; networkx reads a pair in a multigraph as ``(u, v, 0)``, which
    no edge of kgraph's (keyed by role or relation id) is, so every such match was dropped."""

    @property
    def edges(self) -> _Edges:
        return _Edges(self)


def labelled(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph with the ``__labels__`` grand-cypher matches on, and an ``id`` on every node."""
    view = _Labelled()
    for node, data in graph.nodes(data=True):
        view.add_node(node, **data, id=node, __labels__={data["kind"].capitalize(), data["type"]})
    for u, v, key, data in graph.edges(keys=True, data=True):
        view.add_edge(u, v, key=key, **data, __labels__={data["type"]})
    return view


#: Rows a Cypher query returns unless told otherwise.
LIMIT = 1000

_AGGREGATE = re.compile(r"\b(count|sum|avg|max|min|collect)\s*\(|\bdistinct\b", re.IGNORECASE)
_MATCH = re.compile(r"\bmatch\b", re.IGNORECASE)
_FILTER_OR_EDGE = re.compile(r"\bwhere\b|\border\b|[-<>\[]", re.IGNORECASE)
#: How grand-cypher's parser begins its message for a single quote, which it does not read as a string's start.
_SINGLE_QUOTE = "No terminal matches '''"


def _can_stop_early(query: str) -> bool:
    """Whether grand-cypher may stop matching once it has the rows wanted, and still return the right rows.

    grand-cypher applies a limit to matches, not rows: with an aggregation it would count only the first
    matches, and with DISTINCT keep fewer rows. With several MATCH clauses it cuts each clause's matches
    before it joins them and then applies WHERE, ORDER BY and its checks of edges, so a limit is safe there
    only for clauses of plain nodes with none of these. The test reads the text: a word inside a string
    only makes it cautious.
    """
    if _AGGREGATE.search(query):
        return False
    return len(_MATCH.findall(query)) == 1 or not _FILTER_OR_EDGE.search(query)


def run(ix: Index, query: str, limit: int | None = LIMIT, timeout: float | None = TIMEOUT) -> Results[Row]:
    """Run ``query`` and return its rows (dicts from returned name to value), at most ``limit`` in ``timeout`` s."""
    from grandcypher import GrandCypher

    limit, timeout = check_count("limit", limit, optional=True), check_timeout(timeout)
    if ix.cypher_view is None:
        ix.cypher_view = labelled(ix.graph)
    view = ix.cypher_view
    early = limit + 1 if limit is not None and _can_stop_early(query) else None
    try:
        with guarded(timeout):
            result = GrandCypher(view, limit=early).run(query)
    except OverBudget as exc:
        if exc.kind == "time":
            raise CypherError(
                f"Cypher query stopped after the {seconds(timeout or 0)} time budget, before it had a result; "
                "give it more time with --timeout (timeout= in Python)"
            ) from None
        raise CypherError(
            f"Cypher query stopped: it needed more than {MEMORY / 1024**3:g} GB of memory; narrow the query "
            "(MATCH clauses not linked to each other multiply their rows)"
        ) from None
    except MemoryError:
        raise CypherError("Cypher query stopped: it ran out of memory; narrow the query") from None
    except Exception as exc:  # grand-cypher raises lark and other errors for bad queries
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if first_line.startswith(_SINGLE_QUOTE):  # as Neo4j and FalkorDB read it, but grand-cypher does not
            first_line += '; text in a query goes in double quotes here ("2023-07"), not single quotes'
        raise CypherError(f"Cypher query failed: {first_line}") from None
    columns = {str(name): [_plain(v) for v in values] for name, values in result.items()}
    rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    if limit is None or len(rows) <= limit:
        return Results(rows)
    return Results(rows[:limit], truncated=f"stopped after {limit} row{'s' * (limit != 1)}")


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "__labels__"}
    if isinstance(value, set):
        return sorted(value)
    return value
