"""A large graph's explorer data, written as columns: what the page needs at first, and its details apart.

Above :data:`kgraph.export.explorer_data.DETAIL_THRESHOLD` nodes, the page draws a level of detail, and its data
is made here instead of as one record a node or edge. Every node and edge is one entry in each column (ids,
kinds and types as indices into a table of names, day numbers computed here: one number when a date's four
bounds are the same day, 0 or 1 for an edge dated as its target or its source; edge ends as node indices, the
sources as a count of edges a node since networkx gives edges in their sources' order; an edge's kind, type
and label as one index into a table of the three); what few have (aliases, stances, positions, an id or a key
that is not the usual one) is sparse. The text of each node's and edge's details (its quotes, its
description, the panel's fields) is written apart, :data:`CHUNK` items a block, for the page to parse only
when a selection, a search or a filter needs it. What a details dict repeats of its own record (kind, type,
label, date bounds) or a participant's edge of its event (the date, the evidence) is left out and marked in a
bit mask (:data:`DROPPED`). The actor view's links are worked out by the page from the edges, as
:mod:`kgraph.export.actor_links` makes them. The page's ``columns`` part turns it all into records that read
the same as a small graph's.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", kind="person", label="A"); g.add_node("e", kind="event", type="meeting", date="2023-01-02")
>>> g.add_edge("a", "e", key="host", kind="participation", type="host", role="host", date="2023-01-02")
'host'
>>> edges = [("a", "e", "host", g.edges["a", "e", "host"], "a--host--e")]
>>> columns, blocks = large_data(g, edges, {}, {"a": 1, "e": 1})
>>> columns["edges"]["fromCounts"], columns["edges"]["to"], columns["edges"]["key"]
([1, 0], [1], {})
>>> blocks
[('n0', '[[5],[259]]'), ('e0', '[[387]]')]
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import networkx as nx

from kgraph.annotations.vocabulary import NOT_YET
from kgraph.beside import apart
from kgraph.export.explorer_details import (
    _NONE,
    CHUNK,
    DROPPED,
    _blocks,
    _claims,
    _Days,
    _details,
    _Names,
    _raw,
    _text,
    _with_figures,
    edge_details,
)
from kgraph.export.prepare import label_of
from kgraph.export.short_labels import short_date


def _packed_days(bounds: tuple[int | None, ...]) -> Any:
    """A node's four day numbers as the page reads them: null when none, one number when all four are it."""
    if bounds == _NONE:
        return None
    return bounds[0] if bounds[0] == bounds[1] == bounds[2] == bounds[3] else list(bounds)


def large_data(
    graph: nx.Graph,
    edges: list[tuple[Any, Any, Any, dict[str, Any], str]],
    positions: dict[Any, tuple[float, float]],
    degree: dict[Any, int],
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The columns of ``graph``'s nodes and of ``edges`` (``(u, v, key, data, id)`` in the graph's order), and
    the blocks of their details (``(name, JSON text)``)."""
    days, name = _Days(), _Names()
    whens: dict[Any, str] = {}
    index: dict[Any, int] = {}
    ids: list[str] = []
    kinds, types, labels, degrees, when, packed = [], [], [], [], [], []
    dates: list[Any] = []
    places: list[Any] = []
    raws: list[tuple[Any, ...]] = []
    sparse: dict[str, dict[Any, Any]] = {k: {} for k in ("aliases", "stance", "states", "status", "xy", "claimants")}
    flags: dict[str, list[int]] = {"uncertain": []}
    parts: list[tuple[dict[str, Any], dict[str, Any], tuple[int | None, ...]]] = []
    figures: dict[int, Any] = {}
    node_data: list[dict[str, Any]] = []
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        index[node] = i
        node_data.append(data)
        ids.append(str(node))
        kind = str(data.get("kind") or "other")
        kind_type = str(data.get("type") or kind)
        label = label_of(data.get("label"), node)
        kinds.append(name[kind])
        types.append(name[kind_type])
        labels.append(label)
        degrees.append(degree[node])
        raw = _raw(data)
        raws.append(raw)
        bounds = days.bounds(raw)
        packed.append(_packed_days(bounds))
        event = kind == "event"
        text = _text(data.get("date"))
        expected = {"kind": kind, "type": kind_type, "label": label}
        if event and text is not None:
            expected["date"] = text
        when.append(_when(whens, text, raw, data) if event else 0)
        dates.append(None if text is None or not event else 0 if text == raw[0] and bounds[0] is not None else text)
        places.append(-1 if data.get("place") is None or not event else data["place"])
        _marks(sparse, flags, i, data, event)
        _claims(sparse, figures, i, data)
        if node in positions:
            sparse["xy"][i] = list(positions[node])
        parts.append((data, expected, bounds))  # what its details are made of

    edge_columns, blocks, edge_claimants = _edges_and_details(
        edges,
        index,
        (raws, days, node_data),
        name,
        lambda: _blocks("n", _with_figures([_details(*part, None, None) for part in parts], figures)),
    )
    node_claimants = sparse.pop("claimants")
    claimants = sorted({**node_claimants, **dict.fromkeys(edge_claimants)}, key=str)
    columns = {
        "chunk": CHUNK,
        "dropped": list(DROPPED),
        "names": list(name),
        "claimants": claimants,
        "nodes": {
            "id": ids,
            "kind": kinds,
            "type": types,
            "label": labels,
            "degree": degrees,
            "days": packed,
            "when": when,
            "date": dates,
            "place": [p if isinstance(p, int) else index.get(p, str(p)) for p in places],
            **flags,
            **sparse,
        },
        "edges": edge_columns,
    }
    return columns, blocks


def _marks(
    sparse: dict[str, dict[Any, Any]], flags: dict[str, list[int]], i: int, data: dict[str, Any], event: bool
) -> None:
    """What few nodes have: an uncertain date, a status that had not happened yet, aliases (name and language)."""
    if "~" in str(data.get("date", "")) or "?" in str(data.get("date", "")):
        flags["uncertain"].append(i)
    if event and data.get("status") in NOT_YET:
        sparse["status"][i] = data["status"]
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        found = [[str(a["name"]), str(a.get("lang") or "")] for a in aliases if isinstance(a, dict) and a.get("name")]
        if found:
            sparse["aliases"][i] = found


def _when(whens: dict[Any, str], text: str | None, raw: tuple[Any, ...], data: dict[str, Any]) -> str:
    """An event's date said briefly, each worked out once."""
    key = (text, *raw[:2], _text(data.get("precision")))
    if key not in whens:
        whens[key] = short_date(text, _text(raw[0]), _text(raw[1]), _text(data.get("precision")))
    return whens[key]


def _edges_and_details(
    edges: list[tuple[Any, Any, Any, dict[str, Any], str]],
    index: dict[Any, int],
    nodes: tuple[list[tuple[Any, ...]], _Days, list[Any]],
    name: _Names,
    node_blocks: Callable[[], list[tuple[str, str]]],
) -> tuple[dict[str, Any], list[tuple[str, str]], list[str]]:
    """The edges' columns, the blocks of the nodes' and the edges' details, and whom the edges' quotes name: the
    edges' details made on the other core (:func:`kgraph.beside.apart`) while this one makes the columns and
    the nodes' details (at 100,000 events, about the same work: 2.5 s and 3 s)."""
    with apart(lambda: edge_details(edges, index, nodes)) as details:
        columns = _edges(edges, index, nodes, name)
        blocks = node_blocks()
        edge_blocks, stances, claimants = details()
    columns["stance"] = stances
    return columns, blocks + edge_blocks, claimants


def _counts(sources: list[int], nodes: int) -> list[int]:
    counts = [0] * nodes
    for i in sources:
        counts[i] += 1
    return counts


def _edges(
    edges: list[tuple[Any, Any, Any, dict[str, Any], str]],
    index: dict[Any, int],
    nodes: tuple[list[tuple[Any, ...]], _Days, list[Any]],
    name: _Names,
) -> dict[str, Any]:
    """The edges' columns but their stances (see :func:`kgraph.export.explorer_details.edge_details`): an edge's
    days are 0 when its target's, 1 when its source's."""
    raws, days, node_data = nodes
    keys = _Names()
    ends: tuple[list[int], list[int]] = ([], [])
    looks, links = [], []
    triples = _Names()  # (kind, type, label) as JSON text
    looked: dict[tuple[str, str, str], int] = {}  # the same, each worked out once
    edge_days: list[Any] = []
    sparse: dict[str, dict[Any, Any]] = {k: {} for k in ("id", "key")}
    event_kind = name["event"]
    node_kinds = None
    for i, (u, v, key, data, identifier) in enumerate(edges):
        iu, iv = index[u], index[v]
        ends[0].append(iu)
        ends[1].append(iv)
        kind = str(data.get("kind") or "other")
        edge_type = str(data.get("type") or kind)
        key_text = str(key) if key is not None else "edge"
        if key_text != edge_type:
            sparse["key"][i] = keys[key_text]
        if identifier != f"{u}--{key_text}--{v}":
            sparse["id"][i] = identifier
        label = str(data.get("label") or edge_type)
        look = looked.get((kind, edge_type, label))
        if look is None:
            look = looked[kind, edge_type, label] = triples[f"[{name[kind]},{name[edge_type]},{name[label]}]"]
        looks.append(look)
        raw = _raw(data)
        if raw == raws[iv]:
            edge_days.append(0)
        elif raw == raws[iu]:
            edge_days.append(1)
        else:
            bounds = days.bounds(raw)
            edge_days.append(None if bounds == _NONE else list(bounds))
        if kind == "relation":
            if node_kinds is None:
                node_kinds = [name[str(d.get("kind") or "other")] for d in node_data]
            if node_kinds[iu] == event_kind and node_kinds[iv] == event_kind:
                links.append(i)
    rising = all(a <= b for a, b in zip(ends[0], ends[0][1:], strict=False))
    return {  # the sources as a count a node when the edges come in their order, as networkx gives them
        **({"fromCounts": _counts(ends[0], len(raws))} if rising else {"from": ends[0]}),
        "to": ends[1],
        "triples": [json.loads(t) for t in triples],
        "triple": looks,
        "keyNames": list(keys),
        "days": edge_days,
        "link": links,
        **sparse,
    }
