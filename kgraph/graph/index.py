"""Lookup tables the queries share, built once from a corpus and its graph: events by actor and by time,
relations by entity, places by parent, and the caches of derived graphs.

>>> import kgraph
>>> index = kgraph.KnowledgeGraph.load("seeds").index
>>> index.resolve("Khankendi"), sorted(index.places_within("stepanakert"))
('stepanakert', ['renaissance-square', 'stepanakert'])
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from datetime import date

import networkx as nx

from kgraph.annotations.models import Event, Relation
from kgraph.corpus.corpus import Corpus, fold_accents, name_key
from kgraph.errors import NotFoundError
from kgraph.graph.windows import Window


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

    def __init__(self, corpus: Corpus, graph: nx.MultiDiGraph):
        self.corpus = corpus
        self.graph = graph
        self.order: dict[str, int] = {}
        self.roles: dict[str, dict[str, tuple[str, ...]]] = {}
        self.events_of: dict[str, list[str]] = defaultdict(list)
        self.relations_of: dict[str, list[Relation]] = defaultdict(list)
        self.children: dict[str, list[str]] = defaultdict(list)
        #: Events by their place, in chronological order.
        self.events_at: dict[str, list[str]] = defaultdict(list)
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
            if event.place:
                self.events_at[event.place].append(event.id)
        for relation in corpus.relations.values():
            self.relations_of[relation.subject].append(relation)
            self.relations_of[relation.object].append(relation)
        for place in corpus.places:
            if place.part_of:
                self.children[place.part_of].append(place.id)
        #: Undirected views of the graph for path searches, by the kinds of edge they keep (built on first use).
        self.views: dict[str, nx.Graph] = {}
        #: The graph as grand-cypher matches it (built on first use).
        self.cypher_view: nx.MultiDiGraph | None = None
        self.time = _TimeIndex(corpus.events, self.order)
        self._titles: defaultdict[str, list[str]] | None = None  # events by title, made on first use

    def resolve(self, name: str) -> str:
        """The id of the entity or event with this id, name or alias (or an event with this title, when no entity
        has the name); raises NotFoundError with suggestions."""
        if name in self.corpus.events or name in self.corpus.entities:
            return name
        try:
            return self.corpus.lookup(name).id
        except NotFoundError:
            if self._titles is None:
                self._titles = defaultdict(list)
                for event in self.corpus.events.values():
                    self._titles[name_key(event.title)].append(event.id)
            titled = self._titles.get(name_key(name), [])
            if len(titled) == 1:
                return titled[0]
            raise

    def name_of(self, id: str) -> str:
        """What an id names, in words: an entity's name, an event's title, or the id itself.

        >>> import kgraph
        >>> index = kgraph.KnowledgeGraph.load("seeds").index
        >>> index.name_of("icrc"), index.name_of("stepanakert-rally"), index.name_of("2023-07-blockade")
        ('International Committee of the Red Cross', 'Rally in Renaissance Square to end the blockade', '2023-07-blockade')
        """
        entity = self.corpus.entities.get(id)
        if entity is not None:
            return entity.name
        event = self.corpus.events.get(id)
        return event.title if event is not None else id

    def how_named(self, name: str) -> str | None:
        """What ``name`` is read as, in words, when not by the id or the name of what it resolves to, as typed.

        By an alias, or by a name, alias or id with its accents ignored; None for an id, a name or an event's title.

        >>> import kgraph
        >>> index = kgraph.KnowledgeGraph.load("seeds").index
        >>> index.how_named("khankendi"), index.how_named("stepanakert")
        ("'khankendi' is read as Stepanakert (stepanakert), by its alias", None)
        >>> print(index.how_named("Susa"))
        'Susa' is read as Shusha (shusha), by its alias Şuşa, ignoring accents
        >>> print(index.how_named("Stépanakert"))
        'Stépanakert' is read as Stepanakert (stepanakert), ignoring accents
        """
        found = self.resolve(name)
        entity = self.corpus.entities.get(found)
        key = name_key(name)
        if entity is None or key in (name_key(found), name_key(entity.name)):
            return None
        said = f"{name!r} is read as {entity.name} ({entity.id})"
        if any(name_key(alias.name) == key for alias in entity.aliases):
            return f"{said}, by its alias"
        folded = fold_accents(key)
        alias = next((a.name for a in entity.aliases if fold_accents(name_key(a.name)) == folded), None)
        if alias is None or folded in (fold_accents(name_key(entity.name)), fold_accents(name_key(entity.id))):
            return f"{said}, ignoring accents"
        return f"{said}, by its alias {alias}, ignoring accents"

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
