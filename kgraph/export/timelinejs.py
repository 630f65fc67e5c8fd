"""``timeline.json``: the events in TimelineJS's JSON format.

Each event starts at its earliest day (an event with an open start, at its
latest), at the precision its date has (a year, a month or a day), and ends
at its latest day when that differs. ``display_date`` says the date in words
as the explorer does (:func:`kgraph.export.short_labels.short_date`), its
uncertainty kept: ``from 11 Jul 2023``, ``~Sep 2020``, ``12 Jul 2023 or later``;
a set of days says whether one of them is meant or all (``a day from 1 Mar 2024
to 10 Mar 2024``, ``12 Jul 2023 and 14 Jul 2023``).
Events are grouped by type. A slide's text gives the event's states as its
sources reported them (``predicted … → occurred …``), its participants, its
figures with who claims them, its links to other events, and every quote with
its source, claimants, relayers and stance: the event's own, then each
participant's, named with its role, then each figure's, named with its amount.
A quote that denies or disputes says so in words.

Text must stay text after TimelineJS 3.9's own processing. It passes ``headline`` and ``text`` through
DOMPurify, which decodes entities (``&#x27;`` becomes ``'``), then its ``linkify`` pastes whatever starts
with ``www.`` or ``scheme://`` or looks like an e-mail address into ``<a href='…' onclick='void(0)'>``, so
a quote ends the attribute and the rest of the text becomes attributes (handlers). :func:`html_text`
escapes, then breaks those three patterns with an invisible ``<wbr>``, which DOMPurify keeps: nothing is
linked, and the text reads and copies as written, apostrophes included. ``display_date`` and ``group``
TimelineJS reduces to their ``textContent`` (decoding once) and assigns as HTML: :func:`plain_text`
escapes them twice.

>>> import json, kgraph
>>> data = json.loads(to_timelinejs(kgraph.KnowledgeGraph.load("seeds").graph))
>>> rally = next(e for e in data["events"] if e["unique_id"] == "stepanakert-rally")
>>> rally["start_date"], rally["group"]
({'year': 2023, 'month': 7, 'day': 12}, 'protest')
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from html import escape
from itertools import islice
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph.annotations.dates import EDTF_PATTERN
from kgraph.export.short_labels import short_date
from kgraph.graph.attributes import attribution, figure_text, own_part, stance_of, state_text
from kgraph.text import or_list

if TYPE_CHECKING:
    from kgraph.export.xmlstream import Writable

#: How many events :func:`write_timelinejs` holds as text at a time.
BATCH = 64

#: Where TimelineJS's linkify would start a link: before the dot of ``www.``, between ``:`` and ``//``, before ``@``.
_LINK_STARTS = re.compile(r"(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)", re.IGNORECASE)
#: What an EDTF date may be made of: a date of other characters is not one kgraph can say in words.
_EDTF = re.compile(EDTF_PATTERN)


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


def date_words(data: Mapping[str, Any]) -> str:
    """An event's date in words, as the explorer says it; a date that is not EDTF, as written.

    >>> date_words({"date": "2023-07-11/..", "earliest": "2023-07-11", "precision": "interval"})
    'from 11 Jul 2023'
    >>> date_words({"date": "2020-~09", "earliest": "2020-09-01", "latest": "2020-09-30", "precision": "month"})
    '~Sep 2020'
    >>> date_words({"date": "[2024-03-01..2024-03-10]", "earliest": "2024-03-01", "latest": "2024-03-10"})
    'a day from 1 Mar 2024 to 10 Mar 2024'
    >>> date_words({"date": "{2023-07-12,2023-07-14}"}), date_words({"date": "soon/later"})
    ('12 Jul 2023 and 14 Jul 2023', 'soon/later')
    """
    text = "" if data.get("date") in (None, "") else str(data["date"])
    if text and not _EDTF.match(text):
        return text
    if text[:1] in "[{" and text[-1:] in "]}" and ".." not in (text[1:3], text[-3:-1]):  # open sets: 'or later'
        return _set_words(text)

    def given(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) else None

    return short_date(text or None, given("earliest"), given("latest"), given("precision"))


def _set_words(text: str) -> str:
    """A closed EDTF set in words, so that one of its days ([...]) reads apart from all of them ({...}) and from an
    interval: '12 Jul 2023 or 14 Jul 2023', 'a day from 1 Mar 2024 to 10 Mar 2024', 'every day from ... to ...'."""
    one_of = text.startswith("[")
    words = []
    for member in (m.strip() for m in text[1:-1].split(",")):
        first, dots, last = (short_date(part, None, None, None) if part else "" for part in member.partition(".."))
        words.append(f"{'a day' if one_of else 'every day'} from {first} to {last}" if dots else first)
    return or_list(words) if one_of else " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def _date(day: date, precision: str) -> dict[str, int]:
    if precision in ("year", "decade", "century"):
        return {"year": day.year}
    if precision in ("month", "season"):
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _text(graph: nx.Graph, node: Any, data: dict[str, Any]) -> str:
    def name(node: str) -> str:
        return str(graph.nodes[node].get("label", node)) if node in graph else node

    def title(source: str) -> str:
        found = (graph.graph.get("sources") or {}).get(source)
        return str(found.get("title") or source) if isinstance(found, dict) else source

    participants = data.get("participants") or []
    parts = []
    history = [text for text in (state_text(s, title) for s in _dicts(data.get("history"))) if text]
    if len(history) > 1:
        parts.append(f"<p>Status: {' → '.join(map(html_text, history))}</p>")
    if data.get("description"):
        parts.append(f"<p>{html_text(data['description'])}</p>")
    if participants:
        who = ", ".join(f"{html_text(name(p['actor']))} ({html_text(p['role'])})" for p in participants)
        parts.append(f"<p>{who}</p>")
    figures = [text for text in (figure_text(f, name) for f in _dicts(data.get("figures"))) if text]
    if figures:
        parts.append(f"<p>Figures: {'; '.join(map(html_text, figures))}</p>")
    links = _links(graph, node, name)
    if links:
        parts.append(f"<p>Links: {'; '.join(map(html_text, links))}</p>")
    for whose, evidence in _quotes(graph, node, data, name):
        said = attribution(evidence, name)
        stance = stance_of(evidence)
        mark = "" if stance == "supports" else f"<strong>{html_text(stance.upper())}:</strong> "
        line = "".join(
            (
                f"{html_text(whose)} — " if whose else "",
                html_text(evidence.get("source") or ""),
                f" — {html_text(said)}" if said else "",
                "" if stance == "supports" else f" — {html_text(stance)}",
            )
        )
        parts.append(f"<blockquote>{mark}{html_text(evidence['quote'])}</blockquote><p><small>{line}</small></p>")
    status = data.get("status", "occurred")
    return ("" if status == "occurred" else f"<p><em>{html_text(status)}</em></p>") + "".join(parts)


def _quotes(
    graph: nx.Graph, node: Any, data: dict[str, Any], name: Callable[[str], str]
) -> Iterator[tuple[str, dict[Any, Any]]]:
    """Every quote of the slide with whose it is: the event's own (``""``), then each participant's own quotes
    (``Participant: Azerbaijani army (agent)``), in the order of the participants, then each figure's
    (``Figure: killed: 2``)."""
    shared = data.get("evidence")
    yield from (("", evidence) for evidence in _dicts(shared))
    seen: set[tuple[Any, Any]] = set()
    multigraph = graph.is_multigraph()
    for participant in _dicts(data.get("participants")):
        actor, role = participant.get("actor"), participant.get("role")
        if not isinstance(actor, str) or not isinstance(role, str) or (actor, role) in seen or actor not in graph:
            continue
        seen.add((actor, role))
        between = graph.get_edge_data(actor, node) or {}
        for edge in between.values() if multigraph else [between]:
            if edge.get("kind") == "participation" and edge.get("role") == role:
                evidence = edge.get("evidence")
                own = own_part(evidence, shared)  # a participant's edge ends with its event's quotes
                if items := _dicts(evidence if own is None else own):
                    whose = f"Participant: {name(actor)} ({role})"
                    yield from ((whose, item) for item in items)
    for figure in _dicts(data.get("figures")):
        amount = figure_text({key: value for key, value in figure.items() if key != "evidence"}, name)
        whose = f"Figure: {amount}" if amount else "Figure"
        yield from ((whose, evidence) for evidence in _dicts(figure.get("evidence")))


def _links(graph: nx.Graph, node: Any, name: Callable[[str], str]) -> list[str]:
    """The relations between this event and other events, in words: ``confirms The town falls``."""
    if not graph.is_directed() or node not in graph:
        return []

    def linked(other: Any, edge: dict[str, Any]) -> bool:
        return edge.get("kind") == "relation" and graph.nodes[other].get("kind") == "event"

    def label(edge: dict[str, Any]) -> str:
        return str(edge.get("label") or edge.get("type") or "")

    out = [f"{label(d)} {name(v)}" for _, v, d in graph.out_edges(node, data=True) if linked(v, d)]
    return out + [f"{name(u)} {label(d)} this" for u, _, d in graph.in_edges(node, data=True) if linked(u, d)]


def _dicts(value: Any) -> list[dict[Any, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list | tuple) else []


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def timeline_data(graph: nx.Graph) -> dict[str, Any]:
    """The TimelineJS document of a knowledge graph's events, in chronological order (as kgraph's timelines)."""
    title, events = _timeline(graph)
    return {"title": title, "events": list(events)}


def to_timelinejs(graph: nx.Graph) -> str:
    """The TimelineJS JSON text of a knowledge graph's events."""
    return json.dumps(timeline_data(graph), ensure_ascii=False, indent=1) + "\n"


def write_timelinejs(graph: nx.Graph, handle: Writable) -> None:
    """Write the TimelineJS JSON of the graph's events into the binary ``handle`` as UTF-8, ``BATCH`` events at a
    time: the bytes of :func:`to_timelinejs`, never whole in memory.

    >>> import io, kgraph
    >>> graph = kgraph.KnowledgeGraph.load("seeds").graph
    >>> handle = io.BytesIO()
    >>> write_timelinejs(graph, handle)
    >>> handle.getvalue() == to_timelinejs(graph).encode("utf-8")
    True
    """
    title, events = _timeline(graph)
    head = json.dumps({"title": title}, ensure_ascii=False, indent=1)[: -len("\n}")] + ',\n "events": ['
    handle.write(head.encode("utf-8"))
    written = False
    while batch := list(islice(events, BATCH)):
        # A batch is indented as a list of its own, one level up: JSON writes a newline inside a string as "\\n",
        # so each newline is the layout's. One encoding a batch, not an event: an indented encoding leaves a
        # reference cycle, which waits for the collector, paused while exporting.
        listed = json.dumps(batch, ensure_ascii=False, indent=1)[len("[\n") : -len("\n]")]
        handle.write((("," if written else "") + "\n " + listed.replace("\n", "\n ")).encode("utf-8"))
        written = True
    handle.write(("\n ]\n}\n" if written else "]\n}\n").encode("utf-8"))


def _timeline(graph: nx.Graph) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The document's title, and its events in order, each made when the iterator comes to it."""
    dated, undated = [], 0
    for position, (node, data) in enumerate(graph.nodes(data=True)):
        if data.get("kind") == "event":
            earliest, latest = _day(data.get("earliest")), _day(data.get("latest"))
            start = earliest or latest
            if start is None:  # neither bound known (../..): nowhere to put it, and the title says so
                undated += 1
                continue
            end = latest if earliest and latest and latest != start else None
            key = (earliest or date.min, latest or date.max, str(data.get("date", "")), position)
            dated.append((key, node, data, start, end))
    sources = len(graph.graph.get("sources") or {})
    text = f"{len(dated)} event{'s' * (len(dated) != 1)} from {sources} source{'s' * (sources != 1)}"
    if undated:
        text += (
            f"; {undated} event{'s' * (undated != 1)} with no known date {'is' if undated == 1 else 'are'} not shown"
        )
    title = {"text": {"headline": "Timeline", "text": text}}
    return title, (_event(graph, *item[1:]) for item in sorted(dated, key=lambda item: item[0]))


def _event(graph: nx.Graph, node: Any, data: dict[str, Any], start: date, end: date | None) -> dict[str, Any]:
    """One event's slide: it starts on ``start`` and, when ``end`` is given, ends on it."""
    precision = str(data.get("precision", "day"))
    item: dict[str, Any] = {
        "unique_id": node,
        "start_date": _date(start, precision),
        "display_date": plain_text(date_words(data)),
        "group": plain_text(str(data.get("type", ""))),
        "text": {"headline": html_text(str(data.get("label", node))), "text": _text(graph, node, data)},
    }
    if end is not None:
        item["end_date"] = _date(end, precision)
    return item
