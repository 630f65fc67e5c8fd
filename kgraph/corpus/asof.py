"""The corpus as it was known on a day: only what the sources published by then say.

A source counts once its whole publication date is past (``[2023-07-12,2023-07-13]`` counts from the 13th).
Evidence from later sources is set aside, and with it every event, relation and figure that only they report,
the participants and names only they add, and the entities only they mention. An event takes the last state
(status and date) its history has by then. Nothing else changes: ids, names and files stay as they are.

>>> import kgraph
>>> corpus = kgraph.load("seeds")
>>> len(as_of(corpus, "2020-10-30").sources), len(as_of(corpus, "2023-07-13").sources)
(1, 2)
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.models import Event, Relation
from kgraph.corpus.corpus import Corpus, StateChange

#: A day: a date, or ISO text such as '2020-11-10'.
DayLike = date | str


def day_of(value: DayLike) -> date:
    """The day ``value`` names: a date, or EDTF text for one day (a longer span counts from its last day).

    >>> day_of("2020-11"), day_of(date(2020, 11, 10))
    (datetime.date(2020, 11, 30), datetime.date(2020, 11, 10))
    """
    from kgraph.errors import UsageError

    if isinstance(value, date):
        return value
    try:
        span = TimeSpan.parse(value)
    except ValueError as exc:
        raise UsageError(f"as_of: {exc}") from None
    if span.latest is None:
        raise UsageError(f"as_of: {value!r} has no end; give a day such as '2020-11-10'")
    return span.latest


def as_of(corpus: Corpus, day: DayLike) -> Corpus:
    """The corpus as known from the sources published by ``day``: see this module's documentation."""
    when = day_of(day)
    sources = {
        sid: s for sid, s in corpus.sources.items() if (s.published.latest or s.published.earliest or date.min) <= when
    }

    def kept(evidence: list[Evidence]) -> list[Evidence]:
        return [e for e in evidence if e.source in sources]

    def figures(items: list[Figure]) -> list[Figure]:
        found = []
        for figure in items:
            evidence = kept(figure.evidence)
            if evidence:
                found.append(
                    figure
                    if len(evidence) == len(figure.evidence)
                    else figure.model_copy(update={"evidence": evidence})
                )
        return found

    events: dict[str, Event] = {}
    for event_id, event in corpus.events.items():
        evidence = kept(event.evidence)
        if not evidence:
            continue
        participants = [
            p if len(kept(p.evidence)) == len(p.evidence) else p.model_copy(update={"evidence": kept(p.evidence)})
            for p in event.participants
            if p.source is None or p.source in sources
        ]
        state = _state(corpus.history.get(event_id, ()), sources)
        update: dict[str, Any] = {"evidence": evidence, "participants": participants, "figures": figures(event.figures)}
        if state is not None:
            update.update(status=state.status, date=state.date)
        events[event_id] = event.model_copy(update=update)
    for event_id, event in events.items():
        if event.part_of and event.part_of not in events:
            events[event_id] = event.model_copy(update={"part_of": None})
    relations: dict[str, Relation] = {}
    for key, relation in corpus.relations.items():
        evidence = kept(relation.evidence)
        ends_known = all(end in events or end in corpus.entities for end in (relation.subject, relation.object))
        if evidence and ends_known:
            relations[key] = relation.model_copy(update={"evidence": evidence})
    entities = _entities(corpus, events, relations, sources, figures)
    relations = {k: r for k, r in relations.items() if all(e in events or e in entities for e in (r.subject, r.object))}
    history = {
        i: states
        for i, h in corpus.history.items()
        if i in events and (states := tuple(s for s in h if s.source in sources or s.source is None))
    }
    known = Corpus(
        corpus.root,
        sources,
        entities,
        events,
        relations,
        corpus.texts,
        corpus.origins,
        corpus.inputs,
        history,
        corpus.terms,
    )
    known.warnings = corpus.warnings
    return known


def _state(history: tuple[StateChange, ...], sources: dict[str, Any]) -> StateChange | None:
    """The last state in ``history`` that the known sources report (the first one when none does yet)."""
    if not history:
        return None
    found = [s for s in history if s.source is None or s.source in sources]
    return found[-1] if found else history[0]


def _entities(
    corpus: Corpus, events: dict[str, Event], relations: dict[str, Relation], sources: dict[str, Any], figures: Any
) -> dict[str, Any]:
    """The entities known: those mentioned nowhere in the whole corpus, and those the known items refer to."""
    needed: set[str] = set()

    def refer(item: Any) -> None:
        for e in _evidence_of(item):
            needed.update(e.claimed_by, e.via)
        for figure in getattr(item, "figures", ()):
            if figure.counts:
                needed.add(figure.counts)

    for event in events.values():
        needed.update(p.actor for p in event.participants)
        if event.place:
            needed.add(event.place)
        refer(event)
    for relation in relations.values():
        needed.update((relation.subject, relation.object))
        refer(relation)
    referred_anywhere: set[str] = set()
    for event in corpus.events.values():
        referred_anywhere.update(p.actor for p in event.participants)
        referred_anywhere.update(e for e in (event.place,) if e)
    for relation in corpus.relations.values():
        referred_anywhere.update((relation.subject, relation.object))
    found: dict[str, Any] = {}
    for entity_id, entity in corpus.entities.items():
        if entity_id in needed or entity_id not in referred_anywhere:
            found[entity_id] = entity
    todo = list(found)
    while todo:  # the places a known place lies in are known too
        parent = getattr(corpus.entities[todo.pop()], "part_of", None)
        if parent and parent not in found:
            found[parent] = corpus.entities[parent]
            todo.append(parent)
    for entity_id, entity in found.items():
        aliases = [a for a in entity.aliases if a.source is None or a.source in sources]
        if len(aliases) != len(entity.aliases) or entity.figures:
            found[entity_id] = entity.model_copy(update={"aliases": aliases, "figures": figures(entity.figures)})
    return {entity_id: found[entity_id] for entity_id in corpus.entities if entity_id in found}


def _evidence_of(item: Any) -> list[Evidence]:
    found = list(getattr(item, "evidence", ()))
    for part in (*getattr(item, "participants", ()), *getattr(item, "figures", ())):
        found += part.evidence
    return found


__all__ = ["DayLike", "as_of", "day_of"]
