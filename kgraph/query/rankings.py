"""Rankings of actors with NetworkX: centrality in the actor network, and communities.

The actor network links two actors once for every event they share (see
:meth:`kgraph.KnowledgeGraph.actor_network`).

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> top = kg.centrality("degree", top=1)[0]
>>> top.entity, round(top.score, 3)
('popular-movement-to-unblock-the-corridor', 0.286)
>>> next(c.names for c in kg.communities() if "icrc" in c.members)
('Gegham Stepanyan', 'International Committee of the Red Cross', 'international community')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from kgraph.errors import UsageError
from kgraph.graph.windows import WindowLike
from kgraph.query.budget import check_count
from kgraph.query.choices import MEASURES
from kgraph.query.events import actor_network
from kgraph.query.results import Community, Ranked, Results

if TYPE_CHECKING:
    from kgraph.graph.index import Index

__all__ = ["MEASURES", "centrality", "communities"]


def centrality(
    ix: Index, measure: str = "degree", during: WindowLike | None = None, top: int | None = None
) -> Results[Ranked]:
    """Actors ranked by normalized ``degree`` or ``betweenness`` centrality, highest first (ties by name)."""
    if measure not in MEASURES:
        raise UsageError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    check_count("top", top, least=0, optional=True)
    network = actor_network(ix, during)
    scores = nx.degree_centrality(network) if measure == "degree" else nx.betweenness_centrality(network)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], network.nodes[item[0]]["label"], item[0]))
    rows = Results(
        Ranked(entity=n, name=network.nodes[n]["label"], kind=network.nodes[n]["kind"], score=score)
        for n, score in ranked
    )
    return Results(rows[:top]) if top is not None else rows


def communities(ix: Index, during: WindowLike | None = None, top: int | None = None) -> Results[Community]:
    """Communities of the actor network by Louvain modularity (seed 0, so the same every run), largest first.

    Ties in size are ordered by their sorted member ids. With ``top``, only the ``top`` largest.
    """
    check_count("top", top, least=0, optional=True)
    network = actor_network(ix, during)
    if network.number_of_edges() == 0:
        found = [[n] for n in sorted(network)]
    else:
        louvain = nx.community.louvain_communities(network, weight="weight", seed=0)
        found = sorted((sorted(c) for c in louvain), key=lambda c: (-len(c), c))
    chosen = found[:top] if top is not None else found
    return Results(
        Community(
            rank=rank,
            size=len(members),
            members=tuple(members),
            names=tuple(network.nodes[n]["label"] for n in members),
        )
        for rank, members in enumerate(chosen, start=1)
    )
