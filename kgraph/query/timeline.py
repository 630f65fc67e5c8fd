"""Timelines: events in chronological order, however uncertain their dates.

The order rule: events are ordered by the earliest day their date covers at
face value (an open start comes first), then by the latest day (an open end
comes last), then by the EDTF text, then in the order the annotation files
list them (files in path order). So a month comes before a day
inside it (``2023-07`` before ``2023-07-12``), a decade before a year in it,
and something ongoing since a day comes after what happened on that day
alone (``2023-06-15`` before ``2023-06-15/..``). Approximate and uncertain
dates sort by their face-value bounds; the widened bounds are given beside
them, and the precision says how much to trust the position.

>>> import kgraph
>>> kg = kgraph.KnowledgeGraph.load("seeds")
>>> [(e.date, e.event) for e in kg.timeline("Stepanakert")][:2]
[('2023-07-12', 'stepanakert-rally'), ('2023-07-12', 'osipyan-interview')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgraph.graph.windows import WindowLike
from kgraph.query.results import Results, TimelineEntry

if TYPE_CHECKING:
    from kgraph.graph.index import Index


def timeline(ix: Index, entity: str | None = None, during: WindowLike | None = None) -> Results[TimelineEntry]:
    """Events in chronological order; of one entity (events it takes part in, or at a place inside it) when given."""
    from kgraph.annotations.models import Place, is_territory
    from kgraph.query.events import events

    chosen = events(ix, during=during)
    if entity is not None:
        entity_id = ix.resolve(entity)
        involved = set(ix.events_of.get(entity_id, ()))
        entity_ = ix.corpus.entities.get(entity_id)
        if isinstance(entity_, Place) or is_territory(entity_):
            places = ix.places_within(entity_id)
            involved |= {e.id for e in chosen if e.place in places}
        chosen = Results(e for e in chosen if e.id in involved)
    return Results(
        TimelineEntry(
            date=event.date.edtf,
            earliest=event.date.earliest.isoformat() if event.date.earliest else None,
            latest=event.date.latest.isoformat() if event.date.latest else None,
            precision=event.date.precision,
            event=event.id,
            title=event.title,
            type=event.type,
            status=event.status,
            place=event.place,
            participants=tuple(f"{p.actor} ({p.role})" for p in event.participants),
        )
        for event in chosen
    )
