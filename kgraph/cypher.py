"""Cypher over the knowledge graph, run by grand-cypher.

Nodes carry two labels: their kind, capitalized (``Person``,
``Organization``, ``Group``, ``Place``, ``Event``), and their type (an
organization kind such as ``armed_force``, a place kind such as ``city``, an
event type such as ``protest``). Edges carry one label: the role of a
participation (``speaker``, ``organizer``, ...), the relation type
(``capital_of``, ``holds_office``, ...), ``place`` from an event to where it
happened, or ``part_of``. Every node has an ``id`` property beside the
attributes of :mod:`kgraph.graph` (``label``, ``type``, ``earliest``, ...), so
dates compare as ISO text. Results are a dict from each returned name to its
column of values.

Who spoke, to whom, in which event:

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> result = kg.cypher('''
...     MATCH (p:Person)-[:speaker]->(e:appeal)<-[:addressee]-(o:Organization)
...     RETURN p.label, e.id, o.label''')
>>> list(zip(result["p.label"], result["e.id"], result["o.label"]))
[('Gegham Stepanyan', 'stepanyan-appeal-to-icrc', 'International Committee of the Red Cross')]

Events in Renaissance Square, and the capital of the Artsakh Republic:

>>> kg.cypher('MATCH (e:Event)-[:place]->(p:Place) WHERE p.label == "Renaissance Square" RETURN e.id')["e.id"]
['stepanakert-rally', 'osipyan-interview', 'planned-gathering']
>>> kg.cypher('MATCH (c)-[:capital_of]->(s:state) RETURN c.label, s.label')
{'c.label': ['Stepanakert'], 's.label': ['Artsakh Republic']}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.errors import KgraphError

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph


class CypherError(KgraphError):
    """A Cypher query that grand-cypher cannot parse or run."""

    exit_code = 2  # on the command line, the query given is what is wrong


def labelled(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of the graph with the ``__labels__`` grand-cypher matches on, and an ``id`` on every node."""
    view = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        view.add_node(node, **data, id=node, __labels__={data["kind"].capitalize(), data["type"]})
    for u, v, key, data in graph.edges(keys=True, data=True):
        view.add_edge(u, v, key=key, **data, __labels__={data["type"]})
    return view


def run(kg: KnowledgeGraph, query: str) -> dict[str, list[Any]]:
    """Run ``query`` and return each returned name's column of values."""
    from grandcypher import GrandCypher

    view = kg.__dict__.get("_cypher_view")
    if view is None:
        view = kg.__dict__["_cypher_view"] = labelled(kg.graph)
    try:
        result = GrandCypher(view).run(query)
    except Exception as exc:  # grand-cypher raises lark and other errors for bad queries
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CypherError(f"Cypher query failed: {first_line}") from None
    return {str(name): [_plain(v) for v in values] for name, values in result.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "__labels__"}
    if isinstance(value, set):
        return sorted(value)
    return value
