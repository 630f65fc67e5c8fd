"""The explorer's actor view: actors linked directly, by the events they share and the relations between them.

In the graph, two actors meet only through an event node. The actor view draws them linked: one link a
pair, listing each shared event with each side's roles, and each relation that joins them. It is the same
network as :meth:`kgraph.KnowledgeGraph.actor_network` (actors linked when they take part in the same
event) with the relations between actors added, so that a spokesman and his office are linked too.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="person"); g.add_node("b", kind="organization"); g.add_node("e", kind="event")
>>> g.add_edge("a", "e", kind="participation", type="organizer")
0
>>> g.add_edge("b", "e", kind="participation", type="addressee")
0
>>> links = actor_links(g, {})
>>> [(link["from"], link["to"], link["events"]) for link in links]
[('a', 'b', [['e', ['organizer'], ['addressee']]])]
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from kgraph.annotations.vocabulary import ACTOR_TYPES
from kgraph.export.prepare import keyed_edges

PARTICIPATION, RELATION = "participation", "relation"


def actor_links(graph: nx.Graph, edge_ids: dict[tuple[Any, Any, Any], str]) -> list[dict[str, Any]]:
    """One link for each pair of actors that share an event or a relation, in a fixed order.

    ``edge_ids`` maps the graph's ``(u, v, key)`` to the explorer's edge ids, so that a link can name the
    relation edges it stands for. Each link is ``{"id", "from", "to", "events": [[event, roles of from,
    roles of to], ...], "relations": [edge ids], "weight"}``; events come in date order.
    """
    actors = {n for n, d in graph.nodes(data=True) if d.get("kind") in ACTOR_TYPES}
    roles: dict[Any, dict[Any, list[str]]] = defaultdict(lambda: defaultdict(list))
    relations: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for u, v, key, data in keyed_edges(graph):
        kind = data.get("kind")
        if kind == PARTICIPATION and u in actors and v not in actors:
            roles[v][u].append(str(data.get("type") or kind))
        elif kind == RELATION and u in actors and v in actors and u != v:
            pair = _pair(u, v)
            relations[pair].append(edge_ids.get((u, v, key), f"{u}--{v}--{key}"))
    shared: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
    for event in sorted(roles, key=lambda e: (_when(graph.nodes[e]), str(e))):
        members = sorted(roles[event], key=str)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared[_pair(a, b)].append(event)
    links = []
    for pair in sorted(set(shared) | set(relations), key=lambda p: (str(p[0]), str(p[1]))):
        a, b = pair
        events = [[str(e), sorted(set(roles[e][a])), sorted(set(roles[e][b]))] for e in shared.get(pair, [])]
        links.append(
            {
                "id": f"{a}~{b}",
                "from": str(a),
                "to": str(b),
                "events": events,
                "relations": relations.get(pair, []),
                "weight": len(events) + len(relations.get(pair, [])),
            }
        )
    return links


def _pair(a: Any, b: Any) -> tuple[Any, Any]:
    return (a, b) if str(a) <= str(b) else (b, a)


def _when(data: dict[str, Any]) -> str:
    value = data.get("earliest") or data.get("latest") or "9999"
    return str(value)
