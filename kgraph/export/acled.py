"""kgraph's events in ACLED's columns: ``kgraph export --format acled``, the way back from ``kgraph import acled``.

One row an event whose type has an ACLED event type and sub-event type (kgraph's own vocabulary's, or a corpus's)
and that happened: events of other types (a statement, an interview) are not ACLED events, and events that had
not happened when reported (status planned, ordered, demanded, threatened, predicted) are not either (ACLED codes
only what occurred); both are left out, and so is an event whose date has no bound. :func:`tally` counts what is
written and what is left out, and why, for the command line's note. The columns are those of
:data:`~kgraph.imports.acled_terms.COLUMNS`, in ACLED's order, and each is read from the graph:

- ``event_id_cnty``: as the note of the event's first quote keeps it (an imported row), else the event's id;
- ``sub_event_type``: the event type's, but a Battles event that changes who holds territory (kgraph's ``capture``)
  is ``Government regains territory`` when actor1's code, from its kind, is 1 (state forces) and ``Non-state actor
  overtakes territory`` otherwise, as ACLED's codebook tells them apart by who takes the place (an imported row
  keeps ACLED's own): the event node's ``acled_sub_event_type``, by the same rule (:mod:`kgraph.graph.acled`);
- ``event_date`` and ``time_precision``: from the EDTF date: a day is 1; one of the days of a week (at most 7) is
  2, dated by its middle day; anything longer is 3, dated by the day ACLED gave (kept in the quote's note) or
  the first day it may be;
- ``actor1``, ``assoc_actor_1``, ``actor2``, ``assoc_actor_2`` (:func:`kgraph.graph.acled.actor_columns`): the
  columns an imported participant's note names (:func:`kgraph.imports.acled.column_note`), else by role: ``agent``
  is actor1, ``target`` actor2, the first ``party`` actor1 and the second actor2, ``affected`` associated with
  actor2, any other role with actor1 (a second actor1 or actor2 is associated with the first); by the name ACLED
  gave them (``external_ids: {acled: ...}``) or their own; ``inter1`` and ``inter2`` from the note, else the
  entity's kind (a state, a government, a government body or an armed force is state forces, 1; an armed group 2; a
  crowd is protesters, 6, in a Protests event, rioters, 5, in any other; a population or any other group civilians,
  7; any other actor 8), except that the side that protests or riots (actor1, or actor2 in ``Excessive force against
  protesters``, where the protesters are the target) is protesters, 6, or rioters, 5, unless its kind makes it state
  forces or an armed group: ACLED codes the people who demonstrate so, and the organization behind them with them (a
  movement, a party, a person); ``interaction`` from the two codes;
- ``location``, ``admin1`` to ``admin3``, ``latitude``, ``longitude``, ``country``, ``iso``: the event's place and
  the places it lies in (``part_of``), up to the state (an organization of kind ``state``, its ``iso-3166-numeric``
  external id); the coordinates of the nearest place that has some; ``source``: the claimants of the event's
  first quote, ``notes``: the quote itself; ``fatalities``: the lowest figure of people killed that no evidence
  denies (ACLED codes the lowest estimate; figures that count different groups are added up), else 0;
- ``geo_precision``, ``source_scale``, ``tags``, ``civilian_targeting``, ``timestamp``: as the note of the first
  quote keeps them (an imported row), else 1 when the event's place has coordinates, 2 when a place it lies in
  has, 3 otherwise; empty; and midnight (UTC) of the last day the source's ``published`` date may be.

Columns that stay empty where the corpus lacks what they need, so that ``kgraph import acled`` refuses the row:
``actor1`` and ``inter1`` (an event without participants), ``country`` (a place in no state), ``iso`` (a state
without an ``iso-3166-numeric`` external id), ``location`` (an event without a place), ``latitude`` and
``longitude`` (no place with coordinates), ``timestamp`` (a source without a bounded publication date).

Text cells go through :func:`kgraph.export.cells.inert` (a ``'`` before text that starts like a formula, as people
open this file in a spreadsheet); one that starts so already gets one more, which the import takes off.

>>> import kgraph
>>> text = to_acled(kgraph.KnowledgeGraph.load("tests/fixtures/claims").graph)
>>> text.splitlines()[0] == ",".join(COLUMNS)
True
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import networkx as nx

from kgraph.annotations.vocabulary import NOT_YET
from kgraph.export.cells import FORMULA_TRIGGERS, GUARD, inert
from kgraph.graph.acled import acled_name, actor_columns, sub_event_type
from kgraph.imports.acled_terms import COLUMNS, NOTES_HEADER

_SET = re.compile(r"^\[(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)\]$")
#: The columns that hold numbers or dates, which are never formula-guarded (``-12.5`` is a number).
_NUMBERS = {"event_date", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude",
            "geo_precision", "fatalities", "timestamp"}  # fmt: skip


def guarded(text: str) -> str:
    """A text cell as the export writes it: :func:`~kgraph.export.cells.inert`, and one more ``'`` before text
    that already starts like a guarded formula, so that the import's :func:`~kgraph.imports.acled_rows.unguard`
    gives it back.

    >>> guarded("=1+1"), guarded("'=1+1"), guarded("''@x"), guarded("'quoted'"), guarded("plain")
    ("'=1+1", "''=1+1", "'''@x", "'quoted'", 'plain')
    """
    return GUARD + text if text.startswith(GUARD) and text.lstrip(GUARD).startswith(FORMULA_TRIGGERS) else inert(text)


def kept_columns(evidence: dict[str, Any]) -> dict[str, str]:
    """The ACLED columns the note of an imported row's evidence keeps, by column.

    >>> kept_columns({"quote": "q", "note": NOTES_HEADER + "\\ntags: crowd size=no report\\nsource_scale:"})
    {'tags': 'crowd size=no report', 'source_scale': ''}
    """
    notes = evidence.get("note") or ""
    if not notes.startswith(NOTES_HEADER):
        return {}
    found = {}
    for line in notes.splitlines()[1:]:
        column, _, value = line.partition(":")
        found[column] = value.strip()
    return found


def _date(node: dict[str, Any], kept: dict[str, str]) -> tuple[str, str] | None:
    """``event_date`` and ``time_precision`` of an event node, or None when its date has no bound."""
    text = node.get("date", "")
    found = _SET.match(text)
    earliest, latest = node.get("earliest"), node.get("latest")
    if found:
        start, end = (date.fromisoformat(g) for g in found.groups())
        if (end - start).days <= 6:
            return (start + (end - start) / 2).isoformat(), "2"
    if earliest and earliest == latest:
        return earliest, "1"
    if earliest and latest and (date.fromisoformat(latest) - date.fromisoformat(earliest)).days <= 6:
        start = date.fromisoformat(earliest)
        return (start + timedelta(days=(date.fromisoformat(latest) - start).days // 2)).isoformat(), "2"
    day = kept.get("event_date") or earliest or latest
    return (day, "3") if day else None


def _is_state(data: dict[str, Any]) -> bool:
    return data.get("kind") == "organization" and data.get("type") == "state"


def _place(graph: nx.MultiDiGraph, place: str | None) -> dict[str, str]:
    """The place columns of an event at ``place`` (see the module)."""
    row: dict[str, str] = {}
    chain, seen, state = [], set(), None
    while place is not None and place in graph and place not in seen:
        seen.add(place)
        data = graph.nodes[place]
        if _is_state(data):
            state = place
            break
        if data.get("kind") != "place":
            break
        chain.append(place)
        place = data.get("part_of")
    if state is not None:
        row["country"] = acled_name(graph, state)
        row["iso"] = str(graph.nodes[state].get("external_ids", {}).get("iso-3166-numeric", ""))
    if chain:
        row["location"] = acled_name(graph, chain[0])
        for level, admin in enumerate(reversed(chain[1:][-3:]), 1):
            row[f"admin{level}"] = acled_name(graph, admin)
    elif state is not None:
        row["location"] = row["country"]  # an event placed in a state as a whole
    located = next((graph.nodes[p] for p in [*chain, state] if p is not None and "lat" in graph.nodes[p]), None)
    if located is not None:
        row["latitude"], row["longitude"] = repr(located["lat"]), repr(located["lon"])
    row["geo_precision"] = "1" if chain and "lat" in graph.nodes[chain[0]] else "2" if located else "3"
    return row


def _fatalities(node: dict[str, Any]) -> int:
    """The lowest figure of people killed that no evidence denies (see the module); 0 when there is none."""
    lowest: dict[str | None, float] = {}
    for figure in node.get("figures", []):
        if figure.get("measure") != "killed" or any(e.get("stance") == "denies" for e in figure.get("evidence", [])):
            continue
        count = next((figure[k] for k in ("value", "min", "max") if isinstance(figure.get(k), int | float)), None)
        if count is not None:
            group = figure.get("counts")
            lowest[group] = min(lowest.get(group, count), count)
    if None in lowest:
        return int(lowest[None])
    return int(sum(lowest.values()))


def _timestamp(source: dict[str, Any]) -> str:
    """Midnight (UTC) of the last day the source's publication date may be, or nothing."""
    from kgraph.annotations.dates import TimeSpan

    published = source.get("published")
    try:
        span = TimeSpan.parse(published) if isinstance(published, str | int) else None
    except ValueError:
        span = None
    day = span and (span.latest or span.earliest)
    if not day or day.year < 1970:
        return ""
    return str(calendar.timegm(day.timetuple()))


def _when(node: dict[str, Any]) -> tuple[str, str] | None:
    """``event_date`` and ``time_precision`` of an event node (see :func:`_date`)."""
    return _date(node, kept_columns((node.get("evidence") or [{}])[0]))


def _left_out(node: dict[str, Any]) -> tuple[str, str] | None:
    """Why an event node is no row: (``type``, its type), (``status``, its status) or (``date``, ""), the first
    that holds; None when it is a row."""
    if not node.get("acled_event_type"):
        return "type", str(node.get("type", ""))
    if node.get("status") in NOT_YET:
        return "status", str(node["status"])
    if _when(node) is None:
        return "date", ""
    return None


def _row(graph: nx.MultiDiGraph, event: str, node: dict[str, Any]) -> dict[str, str]:
    """The row of an event that :func:`_left_out` keeps."""
    evidence = node.get("evidence") or [{}]
    source = graph.graph.get("sources", {}).get(evidence[0].get("source"), {})
    kept = kept_columns(evidence[0])
    when = _date(node, kept) or ("", "")  # never empty: _left_out leaves out an event without a date
    row = {"event_id_cnty": kept.get("event_id_cnty") or event, "event_date": when[0], "time_precision": when[1]}
    actors, kind_code = actor_columns(graph, event, node)
    row["event_type"], row["sub_event_type"] = node["acled_event_type"], sub_event_type(node, kind_code)
    row.update(actors)
    row.update(_place(graph, node.get("place")))
    row["source"] = "; ".join(acled_name(graph, c) for c in evidence[0].get("claimed_by", []))
    row["notes"] = evidence[0].get("quote", "")
    row["fatalities"] = str(_fatalities(node))
    row["timestamp"] = _timestamp(source)
    row.update({c: v for c, v in kept.items() if c in COLUMNS and c != "event_date"})
    return row


def to_acled(graph: nx.MultiDiGraph) -> str:
    """The graph's ACLED events as ACLED CSV: a header of :data:`COLUMNS`, one row an event (see the module)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for event, node in graph.nodes(data=True):
        if node.get("kind") == "event" and _left_out(node) is None:
            row = _row(graph, event, node)
            writer.writerow([row.get(c, "") if c in _NUMBERS else guarded(row.get(c, "")) for c in COLUMNS])
    return out.getvalue()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _names(counts: Counter[str], most: int = 3) -> str:
    """Names by how many they count (most first, then by name), the first ``most`` of them when there are more."""
    names = [name for name, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    if len(names) <= most + 1:
        return ", ".join(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


@dataclass(frozen=True)
class Tally:
    """What :func:`to_acled` makes of a graph's events: how many rows it writes, and the events it leaves out, by
    why: their type has no ACLED event type (by type), they had not happened (by status), their date has no bound.
    """

    written: int
    types: Counter[str]
    not_yet: Counter[str]
    undated: int

    @property
    def left_out(self) -> int:
        """How many events are left out."""
        return sum(self.types.values()) + sum(self.not_yet.values()) + self.undated

    def note(self) -> str:
        """The tally in one line, each reason with the types or statuses it holds, the most frequent first.

        >>> Tally(8, Counter(appeal=4, statement=3, war=2, threat=1, founding=1), Counter(planned=2), 1).note()
        '8 events written, 14 left out: 11 of types ACLED does not code (appeal, statement, war and 2 more), 2 not yet happened (planned), 1 without a bounded date'
        >>> Tally(1, Counter(), Counter(), 0).note()
        '1 event written'
        """
        text = f"{_plural(self.written, 'event')} written"
        if not self.left_out:
            return text
        reasons = []
        if self.types:
            reasons.append(f"{sum(self.types.values())} of types ACLED does not code ({_names(self.types)})")
        if self.not_yet:
            reasons.append(f"{sum(self.not_yet.values())} not yet happened ({_names(self.not_yet, len(NOT_YET))})")
        if self.undated:
            reasons.append(f"{self.undated} without a bounded date")
        return f"{text}, {self.left_out} left out: {', '.join(reasons)}"


def tally(graph: nx.MultiDiGraph) -> Tally:
    """How many of the graph's events :func:`to_acled` writes, and which it leaves out and why (each event counted
    once, under the first reason that holds: its type, then its status, then its date).

    >>> import kgraph
    >>> found = tally(kgraph.KnowledgeGraph.load("seeds").graph)
    >>> found.written, found.left_out, dict(found.not_yet)
    (8, 18, {'predicted': 1, 'planned': 2})
    """
    written, reasons = 0, {"type": Counter[str](), "status": Counter[str](), "date": Counter[str]()}
    for _event, node in graph.nodes(data=True):
        if node.get("kind") != "event":
            continue
        why = _left_out(node)
        if why is None:
            written += 1
        else:
            reasons[why[0]][why[1]] += 1
    return Tally(written, reasons["type"], reasons["status"], sum(reasons["date"].values()))
