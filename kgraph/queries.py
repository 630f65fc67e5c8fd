"""Queries over a knowledge graph: connections, evidence, paths, events, the actor network, snapshots.

These functions back the methods of :class:`kgraph.graph.KnowledgeGraph`;
use them through it. Names are resolved through ids, names and aliases
(``"Khankendi"`` finds Stepanakert); a name that matches nothing raises
:class:`~kgraph.errors.NotFoundError` with close names.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

import networkx as nx

from kgraph import vocabulary as vocab
from kgraph.budget import TIMEOUT, Deadline, check_count, check_timeout, seconds
from kgraph.errors import UsageError, shown
from kgraph.models import Event, Evidence, Place, Relation, entity_type
from kgraph.results import Connection, Hop, Link, Path, Results, Step
from kgraph.windows import Window, WindowLike, as_window

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph

VIA = ("both", "relations", "events")


class _TimeIndex:
    """Events by time, so a window looks at the events near it rather than at all of them.

    Events whose widest possible span is closed and at most a year long sit in a bucket for each month
    they may touch; longer or open spans sit in lists sorted by their known bound.
    """

    def __init__(self, events: dict[str, Event], order: dict[str, int]):
        self.months: dict[int, list[str]] = defaultdict(list)
        self.long: list[str] = []
        self.open_end: list[tuple[date, str]] = []
        self.open_start: list[tuple[date, str]] = []
        self.unbounded: list[str] = []
        for event in events.values():
            first, last = event.date.earliest_possible, event.date.latest_possible
            if first and last and (last - first).days <= 366:
                for month in range(first.year * 12 + first.month - 1, last.year * 12 + last.month):
                    self.months[month].append(event.id)
            elif first and last:
                self.long.append(event.id)
            elif first:
                self.open_end.append((first, event.id))
            elif last:
                self.open_start.append((last, event.id))
            else:
                self.unbounded.append(event.id)
        self.open_end.sort()
        self.open_start.sort()
        self.ends = [d for d, _ in self.open_start]
        self.starts = [d for d, _ in self.open_end]

    def candidates(self, window: Window) -> set[str]:
        """Every event the window might admit (a superset: the window still tests each)."""
        found = set(self.long) | set(self.unbounded)
        if window.start is None or window.end is None:
            found.update(i for ids in self.months.values() for i in ids)
        else:
            for month in range(
                window.start.year * 12 + window.start.month - 1, window.end.year * 12 + window.end.month
            ):
                found.update(self.months.get(month, ()))
        hi = len(self.starts) if window.end is None else bisect.bisect_right(self.starts, window.end)
        found.update(i for _, i in self.open_end[:hi])
        lo = 0 if window.start is None else bisect.bisect_left(self.ends, window.start)
        found.update(i for _, i in self.open_start[lo:])
        return found


class Index:
    """Lookup tables shared by the queries: events by actor, relations by entity, places by parent, events by time."""

    def __init__(self, kg: KnowledgeGraph):
        corpus = kg.corpus
        self.order: dict[str, int] = {}
        self.roles: dict[str, dict[str, tuple[str, ...]]] = {}
        self.events_of: dict[str, list[str]] = defaultdict(list)
        self.relations_of: dict[str, list[Relation]] = defaultdict(list)
        self.children: dict[str, list[str]] = defaultdict(list)
        position = {event_id: n for n, event_id in enumerate(corpus.events)}
        chronological = sorted(corpus.events.values(), key=lambda e: (e.date.sort_key, position[e.id]))
        for rank, event in enumerate(chronological):
            self.order[event.id] = rank
            roles: dict[str, list[str]] = defaultdict(list)
            for participant in event.participants:
                roles[participant.actor].append(participant.role)
            self.roles[event.id] = {actor: tuple(r) for actor, r in roles.items()}
            for actor in roles:
                self.events_of[actor].append(event.id)
        for relation in corpus.relations.values():
            self.relations_of[relation.subject].append(relation)
            self.relations_of[relation.object].append(relation)
        for place in corpus.places:
            if place.part_of:
                self.children[place.part_of].append(place.id)
        self.views: dict[str, nx.Graph] = {}
        self.time = _TimeIndex(corpus.events, self.order)

    def in_window(self, window: Window, events: dict[str, Event]) -> list[str]:
        """Ids of the events the window admits, in chronological order."""
        found = [i for i in self.time.candidates(window) if window.admits(events[i].date)]
        return sorted(found, key=self.order.__getitem__)

    def places_within(self, place: str) -> set[str]:
        """The place and every place inside it, at any depth."""
        found, todo = {place}, [place]
        while todo:
            for child in self.children[todo.pop()]:
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found


def _check_via(via: str) -> None:
    if via not in VIA:
        raise UsageError(f"via must be one of {', '.join(VIA)}, not {via!r}")


def _check_roles(roles: Iterable[str] | None) -> set[str] | None:
    if roles is None:
        return None
    unknown = sorted(set(roles) - set(vocab.ROLES))
    if unknown:
        raise UsageError(f"unknown role {unknown[0]!r} (roles: {', '.join(vocab.ROLES)})")
    return set(roles)


def _relation_link(a: str, relation: Relation) -> Link:
    forward = relation.subject == a
    return Link(
        a=a,
        b=relation.object if forward else relation.subject,
        via="relation",
        id=relation.key,
        type=relation.type,
        label=relation.type.replace("_", " "),
        a_roles=("subject",) if forward else ("object",),
        b_roles=("object",) if forward else ("subject",),
        date=relation.valid.edtf if relation.valid else None,
        evidence=tuple(relation.evidence),
    )


def _event_link(a: str, b: str, event: Event, roles: dict[str, tuple[str, ...]]) -> Link:
    own = [e for p in event.participants if p.actor in (a, b) for e in p.evidence]
    return Link(
        a=a,
        b=b,
        via="event",
        id=event.id,
        type=event.type,
        label=event.title,
        a_roles=roles[a],
        b_roles=roles[b],
        date=event.date.edtf,
        evidence=(*own, *event.evidence),
    )


def links(
    kg: KnowledgeGraph, a: str, via: str = "both", window: Window | None = None, roles: set[str] | None = None
) -> Iterator[Link]:
    """Every direct link from entity ``a``: its relations, then the events it shares with others, in time order."""
    index, corpus = kg.index, kg.corpus
    if via in ("both", "relations"):
        for relation in index.relations_of.get(a, ()):
            if window is None or window.admits(relation.valid):
                yield _relation_link(a, relation)
    if via in ("both", "events"):
        for event_id in index.events_of.get(a, ()):
            event = corpus.events[event_id]
            if window is not None and not window.admits(event.date):
                continue
            event_roles = index.roles[event_id]
            if roles is not None and roles.isdisjoint(event_roles[a]):
                continue
            for b, b_roles in event_roles.items():
                if b != a and (roles is None or not roles.isdisjoint(b_roles)):
                    yield _event_link(a, b, event, event_roles)


def connections(
    kg: KnowledgeGraph,
    entity: str,
    depth: int = 1,
    via: str = "both",
    during: WindowLike | None = None,
    roles: Iterable[str] | None = None,
) -> Results[Connection]:
    """Entities up to ``depth`` links from ``entity``; one row per link, each entity at the depth it is first reached.

    With ``roles``, an event links two entities only when both take part in it in one of those roles.
    """
    _check_via(via)
    if depth < 1:
        raise UsageError(f"depth must be 1 or more, not {depth}")
    start, window, wanted = kg.resolve(entity), as_window(during), _check_roles(roles)
    seen, frontier, found = {start}, [start], Results[Connection]()
    for level in range(1, depth + 1):
        reached: list[str] = []
        for a in frontier:
            for link in links(kg, a, via, window, wanted):
                if link.b in seen:
                    continue
                entity_ = kg.corpus.entities[link.b]
                found.append(Connection(link.b, entity_.name, entity_type(entity_), level, link))
                reached.append(link.b)
        seen.update(reached)
        frontier = list(dict.fromkeys(reached))
        if not frontier:  # nothing new reached: going deeper finds nothing more
            break
    return found


def why(kg: KnowledgeGraph, a: str, b: str) -> Results[Link]:
    """The direct links between ``a`` and ``b`` (relations, shared events, one place inside the other), with evidence."""
    a, b = kg.resolve(a), kg.resolve(b)
    found = Results(link for link in links(kg, a) if link.b == b)
    for inner, outer in ((a, b), (b, a)):
        if getattr(kg.corpus.entities.get(inner), "part_of", None) == outer:
            found.append(
                Link(
                    a,
                    b,
                    "part_of",
                    "part_of",
                    "part_of",
                    "part of",
                    ("part",) if inner == a else ("whole",),
                    ("whole",) if inner == a else ("part",),
                    None,
                    (),
                )
            )
    return found


def _view(kg: KnowledgeGraph, via: str) -> nx.Graph:
    """An undirected simple graph of the kinds of edge ``via`` asks for, built once and kept.

    Built in the stored graph's order, so that searches visit neighbours in the same order in
    every run (a view over the directed graph visits them in a set's order, which varies).
    """
    _check_via(via)
    cache: dict[str, nx.Graph] = kg.index.views
    if via not in cache:
        keep = {"both": None, "relations": ("relation", "part_of"), "events": ("participation", "location", "part_of")}[
            via
        ]
        view = nx.Graph()
        view.add_nodes_from(kg.graph)
        view.add_edges_from((u, v) for u, v, kind in kg.graph.edges(data="kind") if keep is None or kind in keep)
        cache[via] = view
    return cache[via]


def _as_path(kg: KnowledgeGraph, nodes: list[str]) -> Path:
    graph = kg.graph
    steps = tuple(Step(n, graph.nodes[n]["label"], graph.nodes[n]["kind"]) for n in nodes)
    hops = []
    for u, v in itertools.pairwise(nodes):
        forward = sorted(graph[u][v]) if graph.has_edge(u, v) else []
        source, target, key = (u, v, forward[0]) if forward else (v, u, sorted(graph[v][u])[0])
        data = graph.edges[source, target, key]
        evidence = tuple(Evidence(**e) for e in data.get("evidence", ()))
        hops.append(Hop(source, target, data["type"], data["label"], evidence))
    return Path(steps, tuple(hops))


def shortest_path(kg: KnowledgeGraph, a: str, b: str, via: str = "both") -> Path | None:
    """A shortest path between two entities or events over edges of either direction, or None."""
    a, b = kg.resolve(a), kg.resolve(b)
    try:
        nodes = nx.shortest_path(_view(kg, via), a, b)
    except nx.NetworkXNoPath:
        return None
    return _as_path(kg, nodes)


def all_paths(
    kg: KnowledgeGraph,
    a: str,
    b: str,
    cutoff: int = 4,
    limit: int | None = 50,
    via: str = "both",
    timeout: float | None = TIMEOUT,
) -> Results[Path]:
    """Simple paths between two entities of at most ``cutoff`` edges, shortest first, at most ``limit`` of them.

    The search stops after ``limit`` paths or ``timeout`` seconds (None: no bound) and says so in ``truncated``.
    """
    check_count("cutoff", cutoff)
    limit, timeout = check_count("limit", limit, optional=True), check_timeout(timeout)
    a, b = kg.resolve(a), kg.resolve(b)
    view, deadline = _view(kg, via), Deadline(timeout)
    found: list[tuple[str, ...]] = []
    truncated = None
    if a != b and nx.has_path(view, a, b):
        # shortest_simple_paths yields paths in order of length, one at a time: stop at the first too long
        for nodes in nx.shortest_simple_paths(view, a, b):
            if len(nodes) - 1 > cutoff:
                break
            if limit is not None and len(found) == limit:
                truncated = f"stopped after {limit} path{'s' * (limit != 1)}"
                break
            found.append(tuple(nodes))
            if deadline.passed():
                truncated = f"stopped after the {seconds(timeout or 0)} time budget, with {len(found)} paths"
                break
    ordered = sorted(found, key=lambda p: (len(p), p))
    return Results((_as_path(kg, list(p)) for p in ordered), truncated)


def _terms(value: str | list[str] | None, vocabulary: dict[str, str], noun: str) -> set[str] | None:
    if value is None:
        return None
    terms = {value} if isinstance(value, str) else set(value)
    unknown = sorted(terms - set(vocabulary))
    if unknown:
        raise UsageError(f"unknown {noun} {unknown[0]!r} ({noun}s: {', '.join(vocabulary)})")
    return terms


def _place(kg: KnowledgeGraph, name: str) -> str:
    """The id of the place ``name`` names; UsageError when it names an entity of another kind or an event."""
    found = kg.resolve(name)
    entity = kg.corpus.entities.get(found)
    if not isinstance(entity, Place):
        kind = "event" if entity is None else entity_type(entity)
        raise UsageError(f"at must be a place, not the {kind} '{shown(found)}'")
    return found


def events(
    kg: KnowledgeGraph,
    involving: str | list[str] | None = None,
    at: str | None = None,
    type: str | list[str] | None = None,
    status: str | list[str] | None = None,
    during: WindowLike | None = None,
) -> Results[Event]:
    """Events matching every filter, in chronological order.

    ``involving`` takes one entity or several (events all of them take part in); ``at`` a place (events
    there or in any place inside it); ``type`` and ``status`` one term or several.
    """
    index, corpus = kg.index, kg.corpus
    types, statuses = (
        _terms(type, vocab.EVENT_TYPES, "event type"),
        _terms(status, vocab.EVENT_STATUSES, "event status"),
    )
    window = as_window(during)
    candidates: Iterable[str] = (
        index.in_window(window, corpus.events) if window else sorted(index.order, key=index.order.__getitem__)
    )
    if involving is not None:
        names = [involving] if isinstance(involving, str) else involving
        if not names:
            raise UsageError("involving needs at least one name")
        sets = [set(index.events_of.get(kg.resolve(n), ())) for n in names]
        shared = set.intersection(*sets)
        candidates = [e for e in candidates if e in shared]
    places = index.places_within(_place(kg, at)) if at is not None else None
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


def actor_network(kg: KnowledgeGraph, during: WindowLike | None = None, roles: Iterable[str] | None = None) -> nx.Graph:
    """Actors (persons, organizations, groups) linked by the events they share, weighted by how many."""
    window, wanted = as_window(during), _check_roles(roles)
    corpus, index = kg.corpus, kg.index
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


def snapshot(kg: KnowledgeGraph, during: WindowLike) -> nx.MultiDiGraph:
    """A copy of the subgraph that holds in the window.

    It has the admitted events with their participants, places and larger events, the relations the
    window admits (those without ``valid`` always), the entities these touch, and the places that
    contain their places.
    """
    window = as_window(during)
    assert window is not None
    graph, corpus = kg.graph, kg.corpus
    kept_events = set(kg.index.in_window(window, corpus.events))
    edges = []
    for u, v, key, kind in graph.edges(keys=True, data="kind"):
        if kind == "relation":
            keep = window.admits(corpus.relations[key].valid)
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
    for event_id in sorted(kept_events, key=kg.index.order.__getitem__):
        if event_id not in sub:
            sub.add_node(event_id, **graph.nodes[event_id])
    sub.graph.update(graph.graph, window=str(window))
    return sub
