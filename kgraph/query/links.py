"""Direct links between entities and between events, connections out to a depth, and the evidence behind them
(``why``).

These functions back :meth:`kgraph.KnowledgeGraph.connections` and :meth:`~kgraph.KnowledgeGraph.why`; each takes
the graph's :class:`~kgraph.graph.index.Index`. Names are resolved through ids, names and aliases
(``"Khankendi"`` finds Stepanakert); a name that matches nothing raises :class:`~kgraph.errors.NotFoundError`.
Events are named by their id; from an event, the links are the relations between it and other events
(``causes``, ``confirms``, ``realizes``, ...). Every link keeps all its evidence, denials included, and says
whether any of it supports the link (``Link.supported``).

>>> import kgraph
>>> index = kgraph.KnowledgeGraph.load("seeds").index
>>> [c.name for c in connections(index, "ICRC")]
['Azerbaijan', 'Gegham Stepanyan']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace

from kgraph.annotations.models import Event, Relation, entity_type
from kgraph.errors import UsageError
from kgraph.graph.index import Index
from kgraph.graph.windows import Window, WindowLike, as_window
from kgraph.query.budget import check_count
from kgraph.query.choices import VIA
from kgraph.query.results import Connection, Link, Results
from kgraph.query.stance import supported, takes_part
from kgraph.text import did_you_mean

__all__ = ["VIA", "check_roles", "check_terms", "check_via", "connections", "links", "why"]


def check_via(via: str) -> None:
    """Refuse a ``via`` that is not one of :data:`VIA`."""
    if via not in VIA:
        raise UsageError(f"via must be one of {', '.join(VIA)}, not {via!r}")


def check_terms(value: str | Iterable[str] | None, known: Mapping[str, object], noun: str) -> set[str] | None:
    """The terms as a set (None for any), refusing one that ``known`` lacks with the closest term, or the list.

    >>> check_terms("speakr", {"speaker": "", "addressee": ""}, "role")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: unknown role 'speakr'; did you mean 'speaker'?
    """
    if value is None:
        return None
    terms = {value} if isinstance(value, str) else set(value)
    unknown = sorted(terms - set(known))
    if unknown:
        hint = did_you_mean(unknown[0], known) or f" ({noun}s: {', '.join(known)})"
        raise UsageError(f"unknown {noun} {unknown[0]!r}{hint}")
    return terms


def check_roles(ix: Index, roles: Iterable[str] | None) -> set[str] | None:
    """The roles as a set (None for any role), refusing one that is not a role of the corpus's vocabulary.

    >>> import kgraph
    >>> check_roles(kgraph.KnowledgeGraph.load("seeds").index, ["speaker"])
    {'speaker'}
    """
    return check_terms(roles, ix.corpus.terms.roles, "role")


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
        supported=supported(relation.evidence),
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
        supported=supported(event.evidence) and takes_part(event, a) and takes_part(event, b),
    )


def _place_link(a: str, b: str, event: Event, roles: dict[str, tuple[str, ...]]) -> Link:
    """The link between an event's place and one of its participants, from either end: only the participant's
    part needs support, as the place takes no part."""
    place = event.place or ""
    actor = b if a == place else a
    link = _event_link(a, b, event, {**roles, place: ("place",)})
    return replace(link, supported=supported(event.evidence) and takes_part(event, actor))


def _part_link(a: str, b: str, a_is_part: bool) -> Link:
    return Link(
        a=a,
        b=b,
        via="part_of",
        id="part_of",
        type="part_of",
        label="part of",
        a_roles=("part",) if a_is_part else ("whole",),
        b_roles=("whole",) if a_is_part else ("part",),
        date=None,
        evidence=(),
        supported=True,
    )


def links(
    ix: Index, a: str, via: str = "both", window: Window | None = None, roles: set[str] | None = None
) -> Iterator[Link]:
    """Every direct link from entity or event ``a`` (an id): relations and places first, then events in time order.

    First its relations, the place it lies in and the places in it; then, for a place (or a state), the
    participants of the events at it, and for anyone taking part in events, the others taking part and the place
    each event happens at.

    >>> import kgraph
    >>> index = kgraph.KnowledgeGraph.load("seeds").index
    >>> [(link.b, link.a_roles, link.b_roles) for link in links(index, "armenpress")]
    [('arthur-osipyan', ('interviewer',), ('speaker',)), ('renaissance-square', ('interviewer',), ('place',))]
    """
    index, corpus = ix, ix.corpus
    if via in ("both", "relations"):
        for relation in index.relations_of.get(a, ()):
            if window is None or window.admits(relation.valid):
                yield _relation_link(a, relation)
        parent = getattr(corpus.entities.get(a), "part_of", None)
        if parent:
            yield _part_link(a, parent, a_is_part=True)
        for child in index.children.get(a, ()):
            yield _part_link(a, child, a_is_part=False)
    if via in ("both", "events") and roles is None:
        for event_id in index.events_at.get(a, ()):
            event = corpus.events[event_id]
            event_roles = index.roles[event_id]
            if a in event_roles or (window is not None and not window.admits(event.date)):
                continue  # a place that also takes part is linked by its part, below
            for b in event_roles:
                yield _place_link(a, b, event, event_roles)
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
            if roles is None and event.place and event.place not in event_roles:
                yield _place_link(a, event.place, event, event_roles)  # a place that takes part is linked above


def connections(
    ix: Index,
    entity: str,
    depth: int = 1,
    via: str = "both",
    during: WindowLike | None = None,
    roles: Iterable[str] | None = None,
) -> Results[Connection]:
    """Entities (and events) up to ``depth`` links from ``entity``; one row per link, each at the depth it is first
    reached. From an event, the events related to it (kind 'event', named by their title).

    With ``roles``, an event links two entities only when both take part in it in one of those roles.
    """
    check_via(via)
    check_count("depth", depth)
    start, window, wanted = ix.resolve(entity), as_window(during), check_roles(ix, roles)
    seen, frontier, found = {start}, [start], Results[Connection]()
    for level in range(1, depth + 1):
        reached: list[str] = []
        for a in frontier:
            for link in links(ix, a, via, window, wanted):
                if link.b in seen:
                    continue
                entity_ = ix.corpus.entities.get(link.b)
                name, kind = (
                    (entity_.name, entity_type(entity_)) if entity_ else (ix.corpus.events[link.b].title, "event")
                )
                found.append(Connection(entity=link.b, name=name, kind=kind, depth=level, link=link))
                reached.append(link.b)
        seen.update(reached)
        frontier = list(dict.fromkeys(reached))
        if not frontier:  # nothing new reached: going deeper finds nothing more
            break
    return found


def why(ix: Index, a: str, b: str) -> Results[Link]:
    """The direct links between ``a`` and ``b``, with every quote and its stance, whichever is named first.

    Relations (between entities or between events), shared events, an event at a place for the place and each of
    its participants, one place or event inside the other; events in time order.

    >>> import kgraph
    >>> index = kgraph.KnowledgeGraph.load("seeds").index
    >>> [link.id for link in why(index, "Arthur Osipyan", "Renaissance Square")]
    ['stepanakert-rally', 'osipyan-interview']
    """
    a, b = ix.resolve(a), ix.resolve(b)
    # A place that takes part in some events and is the place of others meets them in two runs: put them in time order.
    found = Results(
        sorted(
            (link for link in links(ix, a) if link.b == b),
            key=lambda link: ix.order[link.id] if link.via == "event" else -1,
        )
    )
    for inner, outer in ((a, b), (b, a)):  # one event inside the other (places inside places are links already)
        event = ix.corpus.events.get(inner)
        if event is not None and event.part_of == outer:
            found.append(_part_link(a, b, a_is_part=inner == a))
    return found
