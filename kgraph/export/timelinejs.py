"""``timeline.json``: the events in TimelineJS's JSON format.

Each event starts at its earliest day (an event with an open start, at its
latest), at the precision its date has (a year, a month or a day), and ends
at its latest day when that differs. ``display_date`` shows the date as
annotated, in EDTF, so uncertainty is not hidden. Events are grouped by
type. All annotation text is HTML-escaped: TimelineJS renders ``text`` as HTML.

>>> import json, kgraph
>>> data = json.loads(to_timelinejs(kgraph.KnowledgeGraph.load("seeds")))
>>> rally = next(e for e in data["events"] if e["unique_id"] == "stepanakert-rally")
>>> rally["start_date"], rally["group"]
({'year': 2023, 'month': 7, 'day': 12}, 'protest')
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from kgraph.models import Event

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph


def _date(day: date, precision: str) -> dict[str, int]:
    if precision in ("year", "decade", "century"):
        return {"year": day.year}
    if precision in ("month", "season"):
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _text(kg: KnowledgeGraph, event: Event) -> str:
    names = {e: kg.corpus.entities[e].name for e in {p.actor for p in event.participants}}
    parts = []
    if event.description:
        parts.append(f"<p>{escape(event.description)}</p>")
    if event.participants:
        who = ", ".join(f"{escape(names[p.actor])} ({escape(p.role)})" for p in event.participants)
        parts.append(f"<p>{who}</p>")
    for evidence in event.evidence:
        claim = f" — claimed by {escape(kg.corpus.entities[evidence.claimed_by].name)}" if evidence.claimed_by else ""
        parts.append(
            f"<blockquote>{escape(evidence.quote)}</blockquote><p><small>{escape(evidence.source or '')}{claim}</small></p>"
        )
    status = "" if event.status == "occurred" else f"<p><em>{escape(event.status)}</em></p>"
    return status + "".join(parts)


def timeline_data(kg: KnowledgeGraph) -> dict[str, Any]:
    """The TimelineJS document of a knowledge graph's events, in chronological order."""
    events = []
    for event in kg.events():
        start = event.date.earliest or event.date.latest
        if start is None:  # neither bound known: nowhere to put it
            continue
        item: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": _date(start, event.date.precision),
            "display_date": event.date.edtf,
            "group": event.type,
            "text": {"headline": escape(event.title), "text": _text(kg, event)},
        }
        end = event.date.latest
        if event.date.earliest and end and end != start:
            item["end_date"] = _date(end, event.date.precision)
        events.append(item)
    sources = len(kg.corpus.sources)
    title = {
        "text": {"headline": "Timeline", "text": f"{len(events)} events from {sources} source{'s' * (sources != 1)}"}
    }
    return {"title": title, "events": events}


def to_timelinejs(kg: KnowledgeGraph) -> str:
    """The TimelineJS JSON text of a knowledge graph."""
    return json.dumps(timeline_data(kg), ensure_ascii=False, indent=1) + "\n"
