"""Events matching filters, the actor network, and snapshots of what holds in a time window.

>>> import kgraph
>>> index = kgraph.KnowledgeGraph.load("seeds").index
>>> [e.id for e in events(index, at="Stepanakert", type="protest")]
['stepanakert-rally', 'planned-gathering']
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import networkx as nx

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.models import Event, Place, entity_type, is_territory
from kgraph.errors import UsageError, shown
from kgraph.graph.index import Index
from kgraph.graph.windows import WindowLike, as_window
from kgraph.query.links import check_roles, check_terms
from kgraph.query.results import Results


def entity_named(ix: Index, name: str, argument: str, place: bool = False) -> str:
    """The id of the entity (a place or a state, with ``place``) that ``name`` names; UsageError naming ``argument`` when it
    names an event, or an entity of another kind.

    >>> import kgraph
    >>> entity_named(kgraph.KnowledgeGraph.load("seeds").index, "Khankendi", "at", place=True)
    'stepanakert'
    """
    found = ix.resolve(name)
    entity = ix.corpus.entities.get(found)
    if entity is None or (place and not (isinstance(entity, Place) or is_territory(entity))):
        kind = "event" if entity is None else entity_type(entity)
        wanted = "a place (or a state)" if place else "an entity"
        raise UsageError(f"{argument} must be {wanted}, not the {kind} '{shown(found)}'")
    return found


def events(
    ix: Index,
    involving: str | list[str] | None = None,
    at: str | None = None,
    type: str | list[str] | None = None,
    status: str | list[str] | None = None,
    during: WindowLike | None = None,
) -> Results[Event]:
    """Events matching every filter, in chronological order.

    ``involving`` takes one entity or several (events all of them take part in); ``at`` a place (events
    there or in any place inside it); ``type`` and ``status`` one term or several, of kgraph's vocabularies or
    the corpus's own.
    """
    index, corpus = ix, ix.corpus
    types, statuses = (
        check_terms(type, corpus.terms.descriptions("event type"), "event type"),
        check_terms(status, corpus.terms.descriptions("event status"), "event status"),
    )
    window = as_window(during)
    candidates: Iterable[str] = (
        index.in_window(window, corpus.events) if window else sorted(index.order, key=index.order.__getitem__)
    )
    if involving is not None:
        names = [involving] if isinstance(involving, str) else involving
        if not names:
            raise UsageError("involving needs at least one name")
        sets = [set(index.events_of.get(entity_named(ix, n, "involving"), ())) for n in names]
        shared = set.intersection(*sets)
        candidates = [e for e in candidates if e in shared]
    places = index.places_within(entity_named(ix, at, "at", place=True)) if at is not None else None
    found = Results[Event]()
    for event_id in candidates:
        event = corpus.events[event_id]
        if (
            (types is None or event.type in types)
            and (statuses is None or event.status in statuses)
            and (places is None or event.place in places)
        ):
            found.append(event)
    return found


def actor_network(ix: Index, during: WindowLike | None = None, roles: Iterable[str] | None = None) -> nx.Graph:
    """Actors (persons, organizations, groups) linked by the events they share, weighted by how many."""
    window, wanted = as_window(during), check_roles(ix, roles)
    corpus, index = ix.corpus, ix
    network = nx.Graph()
    chosen = index.in_window(window, corpus.events) if window else sorted(index.order, key=index.order.__getitem__)
    for event_id in chosen:
        actors = sorted(
            actor
            for actor, r in index.roles[event_id].items()
            if entity_type(corpus.entities[actor]) in vocab.ACTOR_TYPES and (wanted is None or not wanted.isdisjoint(r))
        )
        for actor in actors:
            if actor not in network:
                entity = corpus.entities[actor]
                network.add_node(
                    actor, label=entity.name, kind=entity_type(entity), type=getattr(entity, "kind", "person")
                )
        for u, v in itertools.combinations(actors, 2):
            if network.has_edge(u, v):
                network.edges[u, v]["weight"] += 1
                network.edges[u, v]["events"].append(event_id)
            else:
                network.add_edge(u, v, weight=1, events=[event_id])
    return network


def snapshot(ix: Index, during: WindowLike) -> nx.MultiDiGraph:
    """A copy of the subgraph that holds in the window.

    It has the admitted events with their participants, places and larger events, the relations the
    window admits (those without ``valid`` always; links between events when it admits both), the entities
    these touch, and the places that contain their places.
    """
    window = as_window(during)
    assert window is not None
    graph, corpus = ix.graph, ix.corpus
    kept_events = set(ix.in_window(window, corpus.events))
    edges = []
    for u, v, key, kind in graph.edges(keys=True, data="kind"):
        if kind == "relation":  # a link between events holds when both events do
            ends = [end for end in (u, v) if end in corpus.events]
            keep = window.admits(corpus.relations[key].valid) and all(end in kept_events for end in ends)
        elif u in corpus.events:
            keep = u in kept_events and (v in kept_events or v not in corpus.events)
        else:
            keep = v in kept_events  # participation; places inside places are added below
        if keep:
            edges.append((u, v, key))
    touched = {n for u, v, _ in edges for n in (u, v)} | kept_events
    chosen = set(edges)
    for node in sorted(touched):
        child = node
        parent = graph.nodes[child].get("part_of") if graph.nodes[child]["kind"] == "place" else None
        while parent and (child, parent, "part_of") not in chosen:
            chosen.add((child, parent, "part_of"))
            child, parent = parent, graph.nodes[parent].get("part_of")
    sub = graph.edge_subgraph(chosen).copy()
    for event_id in sorted(kept_events, key=ix.order.__getitem__):
        if event_id not in sub:
            sub.add_node(event_id, **graph.nodes[event_id])
    sub.graph.update(graph.graph, window=str(window))
    return sub
