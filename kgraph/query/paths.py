"""Paths between two names over edges of either direction: a shortest one, or every simple one up to a length.

>>> import kgraph
>>> index = kgraph.KnowledgeGraph.load("seeds").index
>>> print(shortest_path(index, "Shushi", "Stepanakert"))
Shusha -[part of]-> Nagorno-Karabakh <-[part of]- Stepanakert
"""

from __future__ import annotations

import itertools

import networkx as nx

from kgraph.annotations.evidence import Evidence
from kgraph.graph.index import Index
from kgraph.query.budget import TIMEOUT, Deadline, check_count, check_timeout, seconds
from kgraph.query.links import check_via
from kgraph.query.results import Hop, Path, Results, Step
from kgraph.query.stance import supported


def _view(ix: Index, via: str) -> nx.Graph:
    """An undirected simple graph of the kinds of edge ``via`` asks for, built once and kept.

    Built in the stored graph's order, so that searches visit neighbours in the same order in
    every run (a view over the directed graph visits them in a set's order, which varies).
    """
    check_via(via)
    cache: dict[str, nx.Graph] = ix.views
    if via not in cache:
        keep = {"both": None, "relations": ("relation", "part_of"), "events": ("participation", "location", "part_of")}[
            via
        ]
        view = nx.Graph()
        view.add_nodes_from(ix.graph)
        view.add_edges_from((u, v) for u, v, kind in ix.graph.edges(data="kind") if keep is None or kind in keep)
        cache[via] = view
    return cache[via]


def _as_path(ix: Index, nodes: list[str]) -> Path:
    graph = ix.graph
    steps = tuple(Step(id=n, label=graph.nodes[n]["label"], kind=graph.nodes[n]["kind"]) for n in nodes)
    hops = []
    for u, v in itertools.pairwise(nodes):
        forward = sorted(graph[u][v]) if graph.has_edge(u, v) else []
        source, target, key = (u, v, forward[0]) if forward else (v, u, sorted(graph[v][u])[0])
        data = graph.edges[source, target, key]
        evidence = tuple(Evidence(**e) for e in data.get("evidence", ()))
        hops.append(
            Hop(
                source=source,
                target=target,
                type=data["type"],
                label=data["label"],
                evidence=evidence,
                supported=_supported(data["kind"], evidence, len(graph.nodes[target].get("evidence", ()))),
            )
        )
    return Path(steps=steps, hops=tuple(hops))


def _supported(kind: str, evidence: tuple[Evidence, ...], shared: int) -> bool:
    """Whether an edge's evidence supports it: a relation's, or a participant's own evidence (the first on its edge)
    and its event's (the last ``shared``); edges that need no evidence (places, larger events) are supported."""
    if kind == "relation":
        return supported(evidence)
    if kind == "participation":
        own, of_event = evidence[: len(evidence) - shared], evidence[len(evidence) - shared :]
        return supported(of_event) and (not own or supported(own))
    return True


def _grow(view: nx.Graph, ring: list[str], distance: dict[str, int]) -> list[str]:
    """The next ring out from ``ring``: the nodes not reached yet, each given its distance."""
    outer = []
    for node in ring:
        for neighbour in view[node]:
            if neighbour not in distance:
                distance[neighbour] = distance[node] + 1
                outer.append(neighbour)
    return outer


def _first_shortest(view: nx.Graph, a: str, b: str) -> list[str] | None:
    """Of the shortest paths from ``a`` to ``b``, the one whose ids come first in alphabetical order, or None.

    >>> _first_shortest(nx.Graph([("a", "y"), ("a", "x"), ("y", "b"), ("x", "b")]), "a", "b")
    ['a', 'x', 'b']
    """
    if a == b:
        return [a]
    # Rings around a and around b, the smaller grown a whole ring at a time, until they meet: every shortest path
    # passes through one of the nodes where they first meet, each as far from a as the ring around a reaches.
    from_a, from_b, ring_a, ring_b = {a: 0}, {b: 0}, [a], [b]
    meet: list[str] = []
    while ring_a and ring_b and not meet:
        if len(ring_a) <= len(ring_b):
            ring_a = _grow(view, ring_a, from_a)
            meet = [n for n in ring_a if n in from_b]
        else:
            ring_b = _grow(view, ring_b, from_b)
            meet = [n for n in ring_b if n in from_a]
    if not meet:
        return None
    # The nodes between a and the meeting nodes on a shortest path, found back from the meeting nodes.
    middle = from_a[meet[0]]
    on_way, ring = set(meet), meet
    for step in range(middle, 0, -1):
        ring = list(dict.fromkeys(n for node in ring for n in view[node] if from_a.get(n) == step - 1))
        on_way.update(ring)
    # From a, each step goes to the first id (alphabetically) still on a shortest path.
    nodes = [a]
    for step in range(1, middle + 1):
        nodes.append(min(n for n in view[nodes[-1]] if from_a.get(n) == step and n in on_way))
    while nodes[-1] != b:
        nearer = from_b[nodes[-1]] - 1
        nodes.append(min(n for n in view[nodes[-1]] if from_b.get(n) == nearer))
    return nodes


def shortest_path(ix: Index, a: str, b: str, via: str = "both") -> Path | None:
    """A shortest path between two entities or events over edges of either direction, or None.

    Of several shortest paths, the one whose ids come first in alphabetical order: the first of :func:`all_paths`.

    >>> import kgraph
    >>> index = kgraph.KnowledgeGraph.load("seeds").index
    >>> [step.id for step in shortest_path(index, "Renaissance Square", "Osipyan").steps]
    ['renaissance-square', 'osipyan-interview', 'arthur-osipyan']
    """
    a, b = ix.resolve(a), ix.resolve(b)
    nodes = _first_shortest(_view(ix, via), a, b)
    return None if nodes is None else _as_path(ix, nodes)


def all_paths(
    ix: Index,
    a: str,
    b: str,
    cutoff: int = 4,
    limit: int | None = 50,
    via: str = "both",
    timeout: float | None = TIMEOUT,
) -> Results[Path]:
    """Simple paths between two entities of at most ``cutoff`` edges, shortest first, at most ``limit`` of them.

    The search stops after ``limit`` paths or ``timeout`` seconds (None: no bound) and says so in ``truncated``,
    as it says when it finds nothing because the shortest path is longer than ``cutoff``.
    """
    check_count("cutoff", cutoff)
    limit, timeout = check_count("limit", limit, optional=True), check_timeout(timeout)
    a, b = ix.resolve(a), ix.resolve(b)
    view, deadline = _view(ix, via), Deadline(timeout)
    found: list[tuple[str, ...]] = []
    truncated = None
    if a != b and nx.has_path(view, a, b):
        # shortest_simple_paths yields paths in order of length, one at a time: stop at the first too long. Paths of
        # one length come in no useful order, so at the limit the rest of that length are taken too, and the
        # shortest first, then alphabetically, are kept: a limited result is the start of the whole one.
        for nodes in nx.shortest_simple_paths(view, a, b):
            if len(nodes) - 1 > cutoff:
                if not found:
                    truncated = f"the shortest path has {len(nodes) - 1} steps, more than the cutoff of {cutoff}"
                break
            if limit is not None and len(found) >= limit and len(nodes) > len(found[-1]):
                truncated = f"stopped after {limit} path{'s' * (limit != 1)}"
                break
            found.append(tuple(nodes))
            if deadline.passed():
                truncated = f"stopped after the {seconds(timeout or 0)} time budget, with {min(len(found), limit or len(found))} paths"
                break
    ordered = sorted(found, key=lambda p: (len(p), p))
    if limit is not None and len(ordered) > limit:
        ordered = ordered[:limit]
        truncated = truncated or f"stopped after {limit} path{'s' * (limit != 1)}"
    return Results((_as_path(ix, list(p)) for p in ordered), truncated)
