"""kgraph's events in ACLED's columns: ``kgraph export --format acled``, the way back from ``kgraph import acled``.

One row an event whose type has an ACLED event type and sub-event type (kgraph's own vocabulary's, or a corpus's)
and that happened: events of other types (a statement, an interview) are not ACLED events, and events that had
not happened when reported (status planned, ordered, demanded, threatened, predicted) are not either (ACLED codes
only what occurred); both are left out. The columns are those of :data:`~kgraph.imports.acled_terms.COLUMNS`, in
ACLED's order, and each is read from the graph:

- ``event_id_cnty``: as the note of the event's first quote keeps it (an imported row), else the event's id;
- ``event_date`` and ``time_precision``: from the EDTF date: a day is 1; one of the days of a week (at most 7) is
  2, dated by its middle day; anything longer is 3, dated by the day ACLED gave (kept in the quote's note) or
  the first day it may be;
- ``actor1``, ``assoc_actor_1``, ``actor2``, ``assoc_actor_2``: the columns an imported participant's note names
  (:func:`kgraph.imports.acled.column_note`), else by role: ``agent`` is actor1, ``target`` actor2, the first
  ``party`` actor1 and the second actor2, ``affected`` associated with actor2, any other role with actor1 (a
  second actor1 or actor2 is associated with the first); by the name ACLED gave them (``external_ids: {acled:
  ...}``) or their own; ``inter1`` and ``inter2`` from the note, else the entity's kind (a crowd is protesters,
  6, in a Protests event, rioters, 5, in any other); ``interaction`` from the two codes;
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
open this file in a spreadsheet), and text that already starts so gets one more; ``kgraph import acled`` takes one
off, so the round trip is lossless.

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
from datetime import date, timedelta
from typing import Any

import networkx as nx

from kgraph.annotations.vocabulary import NOT_YET
from kgraph.export.cells import FORMULA_TRIGGERS, GUARD, inert
from kgraph.imports.acled_terms import ACTOR_COLUMNS, COLUMNS, INTER, NOTES_HEADER

_SET = re.compile(r"^\[(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)\]$")
_INTER_NOTE = re.compile(r"^inter([12]): ([1-8])\b")  # what imports before column notes wrote
_COLUMN_NOTE = re.compile(r"\bACLED (actor[12]), inter[12]: ([1-8])\b|\bACLED (assoc_actor_[12]), name (\d+)")
_KINDS = {(type, kind): code for code, (_, type, kind) in sorted(INTER.items(), reverse=True)}
_KINDS.update({("organization", "state"): 1, ("organization", "government"): 1})
#: The columns that hold numbers or dates, which are never formula-guarded (``-12.5`` is a number).
_NUMBERS = {"event_date", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude",
            "geo_precision", "fatalities", "timestamp"}  # fmt: skip
_BY_ROLE = {"agent": "actor1", "target": "actor2", "affected": "assoc_actor_2"}


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


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    return str(data.get("external_ids", {}).get("acled") or data.get("label") or node)


def _kind_code(graph: nx.MultiDiGraph, actor: str, node: dict[str, Any]) -> int:
    data = graph.nodes[actor]
    code = _KINDS.get((data.get("kind"), data.get("type")), 7 if data.get("kind") == "group" else 8)
    return 6 if code == 5 and node.get("acled_event_type") == "Protests" else code


def _note(graph: nx.MultiDiGraph, event: str, participant: dict[str, Any]) -> str:
    note = participant.get("note")
    if not note and graph.has_edge(participant["actor"], event, participant["role"]):
        note = graph.edges[participant["actor"], event, participant["role"]].get("note")
    return str(note or "")


def _actors(graph: nx.MultiDiGraph, event: str, node: dict[str, Any]) -> dict[str, str]:
    """The actor columns of an event (see the module)."""
    sides: dict[str, list[tuple[int, str]]] = {c: [] for c in ACTOR_COLUMNS}
    codes: dict[str, int] = {}
    others: list[str] = []
    for p in node.get("participants", []):
        actor, note = p["actor"], _note(graph, event, p)
        if graph.nodes[actor].get("kind") == "place":
            continue
        found = list(_COLUMN_NOTE.finditer(note))
        old = _INTER_NOTE.match(note)
        for match in found:
            if match.group(1):
                sides[match.group(1)].append((0, actor))
                codes[match.group(1)] = int(match.group(2))
            else:
                sides[match.group(3)].append((int(match.group(4)), actor))
        if found:
            continue
        if old:  # an import of an older kgraph
            column = f"actor{old.group(1)}"
            codes.setdefault(column, int(old.group(2)))
        elif p["role"] == "party":
            column = "actor1" if not sides["actor1"] else "actor2" if not sides["actor2"] else "assoc_actor_1"
        else:
            column = _BY_ROLE.get(p["role"], "assoc_actor_1")
        if p["role"] not in _BY_ROLE and p["role"] != "party" and not old:
            others.append(actor)
        else:
            sides[column].append((len(sides[column]) + 1, actor))
    for one in ("actor1", "actor2"):
        if len(sides[one]) > 1:  # a second actor1 (or actor2) is associated with the first
            sides[f"assoc_{one[:-1]}_{one[-1]}"][:0] = [(0, a) for _, a in sides[one][1:]]
            del sides[one][1:]
    if others and not sides["actor1"]:
        sides["actor1"], others = [(0, others[0])], others[1:]
    sides["assoc_actor_1"] += [(10**9, a) for a in others]
    row = {
        column: "; ".join(dict.fromkeys(_name(graph, a) for _, a in sorted(found, key=lambda f: f[0])))
        for column, found in sides.items()
    }
    numbers = [
        codes.get(o) or (_kind_code(graph, sides[o][0][1], node) if sides[o] else 0) for o in ("actor1", "actor2")
    ]
    row["inter1"] = str(numbers[0]) if sides["actor1"] else ""
    row["inter2"] = str(numbers[1])  # 0 when there is no actor2, as ACLED writes it
    low, high = sorted(numbers)
    row["interaction"] = (f"{high}0" if low == 0 else f"{low}{high}") if high else ""
    return row


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
        row["country"] = _name(graph, state)
        row["iso"] = str(graph.nodes[state].get("external_ids", {}).get("iso-3166-numeric", ""))
    if chain:
        row["location"] = _name(graph, chain[0])
        for level, admin in enumerate(reversed(chain[1:][-3:]), 1):
            row[f"admin{level}"] = _name(graph, admin)
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


def _row(graph: nx.MultiDiGraph, event: str, node: dict[str, Any]) -> dict[str, str] | None:
    evidence = node.get("evidence") or [{}]
    source = graph.graph.get("sources", {}).get(evidence[0].get("source"), {})
    kept = kept_columns(evidence[0])
    when = _date(node, kept)
    if when is None:
        return None
    row = {"event_id_cnty": kept.get("event_id_cnty") or event, "event_date": when[0], "time_precision": when[1]}
    row["event_type"], row["sub_event_type"] = node["acled_event_type"], node["acled_sub_event_type"]
    row.update(_actors(graph, event, node))
    row.update(_place(graph, node.get("place")))
    row["source"] = "; ".join(_name(graph, c) for c in evidence[0].get("claimed_by", []))
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
        if node.get("kind") != "event" or not node.get("acled_event_type") or node.get("status") in NOT_YET:
            continue
        row = _row(graph, event, node)
        if row is not None:
            writer.writerow([row.get(c, "") if c in _NUMBERS else guarded(row.get(c, "")) for c in COLUMNS])
    return out.getvalue()
