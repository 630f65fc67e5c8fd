"""The corpus as it was known on a day: only what the sources published by then say.

A source counts once its whole publication date is past, widened for its qualifiers: ``[2023-07-12,2023-07-13]``
counts from the 13th, ``2020-11-?10`` (possibly the 11th) from the 11th, and one with an open end never.
Evidence from later sources is set aside, and with it every event, relation and figure that only they report,
the participants and names only they add, and the entities only they mention. An event takes the last state
(status and date) its history has by then. Nothing else changes: ids, names and files stay as they are.

>>> import kgraph
>>> corpus = kgraph.load("seeds")
>>> len(as_of(corpus, "2020-10-30").sources), len(as_of(corpus, "2023-07-13").sources)
(1, 2)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, NamedTuple, Protocol

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure, all_evidence
from kgraph.annotations.models import Event, Relation, Source

#: A day: a date, or ISO text such as '2020-11-10'.
DayLike = date | str


class State(Protocol):
    """One state of an event's history: a :class:`kgraph.corpus.corpus.StateChange`."""

    @property
    def source(self) -> str | None:
        """The source that reports it (None when the event's evidence names none)."""

    @property
    def status(self) -> str:
        """The event's status in this state."""

    @property
    def date(self) -> TimeSpan:
        """The event's date in this state."""


class Known(Protocol):
    """What :func:`as_of` reads of a :class:`kgraph.corpus.corpus.Corpus` (this module does not import it: the corpus
    imports this module, and makes itself as of a day from what :func:`as_of` gives)."""

    sources: dict[str, Source]
    entities: dict[str, Any]
    events: dict[str, Event]
    relations: dict[str, Relation]
    history: dict[str, tuple[Any, ...]]
    origins: dict[str, Any]


class Tables(NamedTuple):
    """The sources, entities, events, relations and event histories known on a day."""

    sources: dict[str, Source]
    entities: dict[str, Any]
    events: dict[str, Event]
    relations: dict[str, Relation]
    history: dict[str, tuple[Any, ...]]


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
    except ValueError as error:  # a date that cannot be (a 30 February) says why; text that is no date, not
        text, reason = str(value).strip(), str(error)
        why = "not a date" if reason.startswith(repr(text)) else reason.removeprefix(f"{text}: ")
        raise UsageError(f"as of {value!r}: {why}; {_A_DAY}") from None
    if span.latest is None:
        raise UsageError(f"as of {value!r}: it has no end; {_A_DAY}")
    return span.latest


#: What ``as_of`` takes, as messages say.
_A_DAY = "give a day such as '2020-11-10' (a month or a year means its last day)"


def known_sources(sources: Mapping[str, Any], day: date) -> frozenset[str]:
    """The ids of the sources whose whole publication date, widened, is past on ``day``.

    >>> import kgraph
    >>> sorted(known_sources(kgraph.load("seeds").sources, date(2023, 7, 12)))
    ['2020-10-shusha-appeal']
    """
    return frozenset(
        sid
        for sid, s in sources.items()
        if (last := s.published.latest_possible or s.published.latest) is not None and last <= day
    )


def as_of(corpus: Known, day: DayLike) -> Tables:
    """What the corpus holds as known from the sources published by ``day``: see this module's documentation."""
    when = day_of(day)
    known = known_sources(corpus.sources, when)
    sources = {sid: s for sid, s in corpus.sources.items() if sid in known}

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
    return Tables(sources, entities, events, relations, history)


def _state(history: tuple[State, ...], sources: Mapping[str, Any]) -> State | None:
    """The last state in ``history`` that the known sources report (the first one when none does yet)."""
    if not history:
        return None
    found = [s for s in history if s.source is None or s.source in sources]
    return found[-1] if found else history[0]


def _entities(
    corpus: Known, events: dict[str, Event], relations: dict[str, Relation], sources: dict[str, Any], figures: Any
) -> dict[str, Any]:
    """The entities known: those the known items refer to (with the places they lie in), and those nothing in the
    whole corpus refers to, unless a source not yet published defines them in its own file."""
    needed: set[str] = set()
    for item in (*events.values(), *relations.values()):
        needed.update(_refers_to(item))
    referred_anywhere: set[str] = set()
    for item in (*corpus.events.values(), *corpus.relations.values()):
        referred_anywhere.update(_refers_to(item))
    for entity in corpus.entities.values():
        referred_anywhere.update(_refers_to(entity))
    unpublished = {corpus.origins[s].path for s in corpus.sources if s not in sources and s in corpus.origins}
    found: dict[str, Any] = {}
    for entity_id, entity in corpus.entities.items():
        origin = corpus.origins.get(entity_id)
        unknown_yet = entity_id in referred_anywhere or (origin is not None and origin.path in unpublished)
        if entity_id in needed or not unknown_yet:
            found[entity_id] = entity
    todo = list(found)
    while todo:  # the places a known place lies in are known too, and whoever a known figure's claim names
        entity = corpus.entities[todo.pop()]
        known_figures = figures(entity.figures)
        aliases = [a for a in entity.aliases if a.source is None or a.source in sources]
        if known_figures != entity.figures or aliases != entity.aliases:
            entity = entity.model_copy(update={"aliases": aliases, "figures": known_figures})
        found[entity.id] = entity
        parent = getattr(entity, "part_of", None)
        named = {parent} if parent else set()
        named |= _refers_to(entity)
        for other in sorted(named - set(found)):
            if other in corpus.entities:
                found[other] = corpus.entities[other]
                todo.append(other)
    return {entity_id: found[entity_id] for entity_id in corpus.entities if entity_id in found}


def _refers_to(item: Any) -> set[str]:
    """The ids of the entities an event, relation or entity refers to: participants, place, ends, claimants,
    relayers and counted actors (a place's ``part_of`` aside)."""
    found: set[str] = set()
    if isinstance(item, Event):
        found.update(p.actor for p in item.participants)
        if item.place:
            found.add(item.place)
    elif isinstance(item, Relation):
        found.update((item.subject, item.object))
    for evidence in all_evidence(item):
        found.update(evidence.claimed_by, evidence.via)
    for figure in getattr(item, "figures", ()):
        if figure.counts:
            found.add(figure.counts)
    return found


__all__ = ["DayLike", "as_of", "day_of"]
