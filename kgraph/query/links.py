"""Direct links between entities, connections out to a depth, and the evidence behind them (``why``).

These functions back :meth:`kgraph.KnowledgeGraph.connections` and :meth:`~kgraph.KnowledgeGraph.why`; each takes
the graph's :class:`~kgraph.graph.index.Index`. Names are resolved through ids, names and aliases
(``"Khankendi"`` finds Stepanakert); a name that matches nothing raises :class:`~kgraph.errors.NotFoundError`.

>>> import kgraph
>>> index = kgraph.KnowledgeGraph.load("seeds").index
>>> [c.name for c in connections(index, "ICRC")]
['Azerbaijan', 'Gegham Stepanyan']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.models import Event, Relation, entity_type
from kgraph.errors import UsageError
from kgraph.graph.index import Index
from kgraph.graph.windows import Window, WindowLike, as_window
from kgraph.query.budget import check_count
from kgraph.query.choices import VIA
from kgraph.query.results import Connection, Link, Results

__all__ = ["VIA", "check_roles", "check_via", "connections", "links", "why"]


def check_via(via: str) -> None:
    """Refuse a ``via`` that is not one of :data:`VIA`."""
    if via not in VIA:
        raise UsageError(f"via must be one of {', '.join(VIA)}, not {via!r}")


def check_roles(roles: Iterable[str] | None) -> set[str] | None:
    """The roles as a set (None for any role), refusing one that is not in the vocabulary."""
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
    ix: Index, a: str, via: str = "both", window: Window | None = None, roles: set[str] | None = None
) -> Iterator[Link]:
    """Every direct link from entity ``a``: its relations, then the events it shares with others, in time order."""
    index, corpus = ix, ix.corpus
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
    ix: Index,
    entity: str,
    depth: int = 1,
    via: str = "both",
    during: WindowLike | None = None,
    roles: Iterable[str] | None = None,
) -> Results[Connection]:
    """Entities up to ``depth`` links from ``entity``; one row per link, each entity at the depth it is first reached.

    With ``roles``, an event links two entities only when both take part in it in one of those roles.
    """
    check_via(via)
    check_count("depth", depth)
    start, window, wanted = ix.resolve(entity), as_window(during), check_roles(roles)
    seen, frontier, found = {start}, [start], Results[Connection]()
    for level in range(1, depth + 1):
        reached: list[str] = []
        for a in frontier:
            for link in links(ix, a, via, window, wanted):
                if link.b in seen:
                    continue
                entity_ = ix.corpus.entities[link.b]
                found.append(
                    Connection(entity=link.b, name=entity_.name, kind=entity_type(entity_), depth=level, link=link)
                )
                reached.append(link.b)
        seen.update(reached)
        frontier = list(dict.fromkeys(reached))
        if not frontier:  # nothing new reached: going deeper finds nothing more
            break
    return found


def why(ix: Index, a: str, b: str) -> Results[Link]:
    """The direct links between ``a`` and ``b`` (relations, shared events, one place inside the other), with evidence."""
    a, b = ix.resolve(a), ix.resolve(b)
    found = Results(link for link in links(ix, a) if link.b == b)
    for inner, outer in ((a, b), (b, a)):
        if getattr(ix.corpus.entities.get(inner), "part_of", None) == outer:
            found.append(
                Link(
                    a=a,
                    b=b,
                    via="part_of",
                    id="part_of",
                    type="part_of",
                    label="part of",
                    a_roles=("part",) if inner == a else ("whole",),
                    b_roles=("whole",) if inner == a else ("part",),
                    date=None,
                    evidence=(),
                )
            )
    return found
