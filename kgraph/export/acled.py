"""kgraph's events in ACLED's columns: ``kgraph export --format acled``, the way back from ``kgraph import acled``.

One row an event whose type has an ACLED event type and sub-event type (kgraph's own vocabulary's, or a corpus's);
events of other types (a statement, an interview) are not ACLED events and are left out. The columns are those of
:data:`~kgraph.imports.acled_terms.COLUMNS`, in ACLED's order, and each is read from the graph:

- ``event_id_cnty``: as the note of the event's first quote keeps it (an imported row), else the event's id;
- ``event_date`` and ``time_precision``: from the EDTF date: a day is 1; one of the days of a week (at most 7) is
  2, dated by its middle day; anything longer is 3, dated by the day ACLED gave (kept in the quote's note) or
  the first day it may be;
- ``actor1``, ``assoc_actor_1``, ``actor2``, ``assoc_actor_2``: the participants in the roles agent, participant,
  target and affected (in another role, the first actor is ``actor1``, the others associated with it), by the
  name ACLED gave them (``external_ids: {acled: ...}``) or their own; ``inter1`` and ``inter2`` from the
  participant's note (``inter1: 3``) or the entity's kind; ``interaction`` from the two codes;
- ``country``, ``iso``, ``admin1`` to ``admin3``, ``location``, ``latitude``, ``longitude``: the event's place and
  the places it lies in, up to the state; ``source``: the claimants of the event's first quote, ``notes``: the
  quote itself; ``fatalities``: the figure of people killed;
- ``geo_precision``, ``source_scale``, ``tags``, ``civilian_targeting``, ``timestamp``: as the note of the first
  quote keeps them (an imported row), else 1 (2 for a place without coordinates of its own), empty, and the
  source's publication day at midnight UTC.

>>> import kgraph
>>> text = to_acled(kgraph.KnowledgeGraph.load("tests/fixtures/claims").graph)
>>> text.splitlines()[0] == ",".join(COLUMNS)
True
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import networkx as nx

from kgraph.imports.acled_terms import COLUMNS, INTER, NOTES_HEADER

_SET = re.compile(r"^\[(\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d)\]$")
_INTER_NOTE = re.compile(r"^inter[12]: ([1-8])\b")
_KINDS = {(type, kind): code for code, (_, type, kind) in sorted(INTER.items(), reverse=True)}
_KINDS.update({("organization", "state"): 1, ("organization", "government"): 1})


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


def _inter(graph: nx.MultiDiGraph, actor: str, event: str, role: str) -> int:
    note = graph.edges[actor, event, role].get("note", "") if graph.has_edge(actor, event, role) else ""
    found = _INTER_NOTE.match(note)
    if found:
        return int(found.group(1))
    data = graph.nodes[actor]
    return _KINDS.get((data.get("kind"), data.get("type")), 7 if data.get("kind") == "group" else 8)


def _actors(graph: nx.MultiDiGraph, event: str, node: dict[str, Any]) -> dict[str, str]:
    sides: dict[str, list[tuple[str, str]]] = {"actor1": [], "assoc_actor_1": [], "actor2": [], "assoc_actor_2": []}
    others = []
    for p in node.get("participants", []):
        if graph.nodes[p["actor"]].get("kind") == "place":
            continue
        column = {"agent": "actor1", "participant": "assoc_actor_1", "target": "actor2", "affected": "assoc_actor_2"}
        if p["role"] in column:
            sides[column[p["role"]]].append((p["actor"], p["role"]))
        else:
            others.append((p["actor"], p["role"]))
    for one in ("actor1", "actor2"):
        if len(sides[one]) > 1:  # a second agent (or target) is associated with the first
            sides[f"assoc_{one[:-1]}_{one[-1]}"][:0] = sides[one][1:]
            del sides[one][1:]
    if others:
        if not sides["actor1"]:
            sides["actor1"], others = others[:1], others[1:]
        sides["assoc_actor_1"] += others
    row = {column: "; ".join(dict.fromkeys(_name(graph, a) for a, _ in found)) for column, found in sides.items()}
    codes = [_inter(graph, sides[o][0][0], event, sides[o][0][1]) if sides[o] else 0 for o in ("actor1", "actor2")]
    row["inter1"] = str(codes[0]) if sides["actor1"] else ""
    row["inter2"] = str(codes[1])  # 0 when there is no actor2, as ACLED writes it
    low, high = sorted(codes)
    row["interaction"] = (f"{high}0" if low == 0 else f"{low}{high}") if high else ""
    return row


def _place(graph: nx.MultiDiGraph, place: str | None) -> dict[str, str]:
    row: dict[str, str] = {}
    chain, seen = [], set()
    while place is not None and place in graph and place not in seen:
        seen.add(place)
        chain.append(place)
        data = graph.nodes[place]
        if data.get("kind") != "place" or data.get("type") == "country":
            break
        place = data.get("part_of")
    if not chain:
        return row
    top = graph.nodes[chain[-1]]
    if top.get("kind") != "place" or top.get("type") == "country":
        row["country"] = _name(graph, chain[-1])
        row["iso"] = str(top.get("external_ids", {}).get("iso-3166-numeric", ""))
        chain = chain[:-1]
    if chain:
        row["location"] = _name(graph, chain[0])
        for level, admin in enumerate(reversed(chain[1:][-3:]), 1):
            row[f"admin{level}"] = _name(graph, admin)
    located = next((graph.nodes[p] for p in chain if "lat" in graph.nodes[p]), None)
    if located is not None:
        row["latitude"], row["longitude"] = repr(located["lat"]), repr(located["lon"])
    row["geo_precision"] = "1" if chain and "lat" in graph.nodes[chain[0]] else "2"
    return row


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
    killed: dict[str, Any] = next((f for f in node.get("figures", []) if f.get("measure") == "killed"), {})
    count = killed.get("value", killed.get("max", killed.get("min", 0)))
    row["fatalities"] = str(int(count)) if isinstance(count, int | float) else "0"
    published = source.get("published")
    default = ""
    if isinstance(published, str) and re.match(r"^\d{4}-\d\d-\d\d$", published):
        default = str(int(datetime.fromisoformat(published).replace(tzinfo=UTC).timestamp()))
    row["timestamp"] = default
    row.update({c: v for c, v in kept.items() if c in COLUMNS and c != "event_date"})
    return row


def to_acled(graph: nx.MultiDiGraph) -> str:
    """The graph's ACLED events as ACLED CSV: a header of :data:`COLUMNS`, one row an event (see the module)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for event, node in graph.nodes(data=True):
        if node.get("kind") != "event" or not node.get("acled_event_type"):
            continue
        row = _row(graph, event, node)
        if row is not None:
            writer.writerow([row.get(c, "") for c in COLUMNS])
    return out.getvalue()
