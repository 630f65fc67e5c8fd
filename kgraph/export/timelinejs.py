"""``timeline.json``: the events in TimelineJS's JSON format.

Each event starts at its earliest day (an event with an open start, at its
latest), at the precision its date has (a year, a month or a day), and ends
at its latest day when that differs. ``display_date`` shows the date as
annotated, in EDTF, so uncertainty is not hidden. Events are grouped by
type.

Text must stay text after TimelineJS 3.9's own processing. It passes ``headline`` and ``text`` through
DOMPurify, which decodes entities (``&#x27;`` becomes ``'``), then its ``linkify`` pastes whatever starts
with ``www.`` or ``scheme://`` or looks like an e-mail address into ``<a href='…' onclick='void(0)'>``, so
a quote ends the attribute and the rest of the text becomes attributes (handlers). :func:`html_text`
escapes, then breaks those three patterns with an invisible ``<wbr>``, which DOMPurify keeps: nothing is
linked, and the text reads and copies as written, apostrophes included. ``display_date`` and ``group``
TimelineJS reduces to their ``textContent`` (decoding once) and assigns as HTML: :func:`plain_text`
escapes them twice.

>>> import json, kgraph
>>> data = json.loads(to_timelinejs(kgraph.KnowledgeGraph.load("seeds")))
>>> rally = next(e for e in data["events"] if e["unique_id"] == "stepanakert-rally")
>>> rally["start_date"], rally["group"]
({'year': 2023, 'month': 7, 'day': 12}, 'protest')
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from kgraph.models import Event

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph


#: Where TimelineJS's linkify would start a link: before the dot of ``www.``, between ``:`` and ``//``, before ``@``.
_LINK_STARTS = re.compile(r"(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)", re.IGNORECASE)


def html_text(text: str) -> str:
    """Text as HTML that TimelineJS shows as the same text: escaped, with nothing its linkify turns into a link.

    >>> html_text("See www.x.yz/'onclick='go()' or mail a@b.cd, <b>")
    'See www<wbr>.x.yz/&#x27;onclick=&#x27;go()&#x27; or mail a<wbr>@b.cd, &lt;b&gt;'
    """
    return _LINK_STARTS.sub("<wbr>", escape(text))


def plain_text(text: str) -> str:
    """Text for a field whose ``textContent`` TimelineJS assigns as HTML (``display_date``, ``group``).

    >>> plain_text("<img src=x> &lt;")
    '&amp;lt;img src=x&amp;gt; &amp;amp;lt;'
    """
    return escape(escape(text, quote=False), quote=False)


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
        parts.append(f"<p>{html_text(event.description)}</p>")
    if event.participants:
        who = ", ".join(f"{html_text(names[p.actor])} ({html_text(p.role)})" for p in event.participants)
        parts.append(f"<p>{who}</p>")
    for evidence in event.evidence:
        claim = (
            f" — claimed by {html_text(kg.corpus.entities[evidence.claimed_by].name)}" if evidence.claimed_by else ""
        )
        parts.append(
            f"<blockquote>{html_text(evidence.quote)}</blockquote><p><small>{html_text(evidence.source or '')}{claim}</small></p>"
        )
    status = "" if event.status == "occurred" else f"<p><em>{html_text(event.status)}</em></p>"
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
            "display_date": plain_text(event.date.edtf),
            "group": plain_text(event.type),
            "text": {"headline": html_text(event.title), "text": _text(kg, event)},
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
