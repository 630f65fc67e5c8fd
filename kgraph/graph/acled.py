"""The ACLED terms of an event that its participants decide: who stands in an ACLED row's actor columns, with which
inter codes, and the sub-event type a capture takes by who made it. The build keeps that sub-event type on the
event's node (``acled_sub_event_type``), so the graph, every export and the explorer's panel give the one that
``acled.csv`` gives; the ACLED export (:mod:`kgraph.export.acled`, whose documentation gives the rules) writes
the actor columns.

>>> import kgraph
>>> graph = kgraph.KnowledgeGraph.load("seeds").graph
>>> row, code = actor_columns(graph, "stepanakert-rally", graph.nodes["stepanakert-rally"])
>>> row["actor1"], row["inter1"], row["interaction"], code
('Popular Movement to Unblock the Corridor', '6', '60', 6)
>>> graph.nodes["azerbaijani-gains-in-southern-karabakh"]["acled_sub_event_type"]  # Azerbaijan, a state, takes it
'Government regains territory'
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from kgraph.annotations.acled import ACTOR_COLUMNS, INTER

__all__ = ["acled_name", "acled_sub_event_type", "actor_columns", "sub_event_type"]

_INTER_NOTE = re.compile(r"^inter([12]): ([1-8])\b")  # what imports before column notes wrote
_COLUMN_NOTE = re.compile(r"\bACLED (actor[12]), inter[12]: ([1-8])\b|\bACLED (assoc_actor_[12]), name (\d+)")
_KINDS = {(type, kind): code for code, (_, type, kind) in sorted(INTER.items(), reverse=True)}
_KINDS.update({("organization", "state"): 1, ("organization", "government"): 1, ("organization", "government_body"): 1})
#: The codes a kind gives that hold on the side that protests or riots (state forces and armed groups).
_ARMED = (1, 2, 3, 4)
_GOVERNMENT_GAIN, _NON_STATE_GAIN = "Government regains territory", "Non-state actor overtakes territory"
#: The sub-event types of a Battles event that changes who holds territory, which tell apart who takes it.
_TERRITORY = (_GOVERNMENT_GAIN, _NON_STATE_GAIN)
_EXCESSIVE_FORCE = ("Protests", "Excessive force against protesters")
_BY_ROLE = {"agent": "actor1", "target": "actor2", "affected": "assoc_actor_2"}


def acled_name(graph: nx.MultiDiGraph, node: str) -> str:
    """The name an entity goes by in ACLED's columns: the one ACLED gave it (``external_ids: {acled: ...}``), else its
    own.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("icrc", label="International Committee of the Red Cross", external_ids={"acled": "ICRC"})
    >>> graph.add_node("army", label="Army")
    >>> acled_name(graph, "icrc"), acled_name(graph, "army")
    ('ICRC', 'Army')
    """
    data = graph.nodes[node]
    return str(data.get("external_ids", {}).get("acled") or data.get("label") or node)


def _kind_code(graph: nx.MultiDiGraph, actor: str, node: dict[str, Any], column: str) -> int:
    """The code of ``actor`` in ``column`` (actor1 or actor2) of the event's row, from its kind (see the module)."""
    data = graph.nodes[actor]
    code = _KINDS.get((data.get("kind"), data.get("type")), 7 if data.get("kind") == "group" else 8)
    event_type = node.get("acled_event_type")
    demonstrators = {"Protests": 6, "Riots": 5}.get(str(event_type))
    side = "actor2" if (event_type, node.get("acled_sub_event_type")) == _EXCESSIVE_FORCE else "actor1"
    if demonstrators is not None and column == side and code not in _ARMED:
        return demonstrators  # the people who protest or riot, and whoever leads them
    return 6 if code == 5 and event_type == "Protests" else code


def _note(graph: nx.MultiDiGraph, event: str, participant: dict[str, Any]) -> str:
    note = participant.get("note")
    if not note and graph.has_edge(participant["actor"], event, participant["role"]):
        note = graph.edges[participant["actor"], event, participant["role"]].get("note")
    return str(note or "")


def actor_columns(graph: nx.MultiDiGraph, event: str, node: dict[str, Any]) -> tuple[dict[str, str], int | None]:
    """The actor columns of an event (see the module), and actor1's code when its kind gave it (not a note).

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("army", kind="organization", type="armed_force", label="Army")
    >>> graph.add_node("town", kind="place", type="town", label="Town")
    >>> node = {"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash"}
    >>> node["participants"] = [{"actor": "army", "role": "agent"}, {"actor": "town", "role": "target"}]
    >>> row, code = actor_columns(graph, "attack", node)  # a place stands in no actor column
    >>> row["actor1"], row["inter1"], row["actor2"], row["interaction"], code
    ('Army', '1', '', '10', 1)
    """
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
        column: "; ".join(dict.fromkeys(acled_name(graph, a) for _, a in sorted(found, key=lambda f: f[0])))
        for column, found in sides.items()
    }
    numbers = [
        codes.get(o) or (_kind_code(graph, sides[o][0][1], node, o) if sides[o] else 0) for o in ("actor1", "actor2")
    ]
    row["inter1"] = str(numbers[0]) if sides["actor1"] else ""
    row["inter2"] = str(numbers[1])  # 0 when there is no actor2, as ACLED writes it
    low, high = sorted(numbers)
    row["interaction"] = (f"{high}0" if low == 0 else f"{low}{high}") if high else ""
    return row, numbers[0] if sides["actor1"] and not codes.get("actor1") else None


def sub_event_type(node: dict[str, Any], kind_code: int | None) -> str:
    """The event's sub-event type; for a Battles event that changes who holds territory, by who takes it (actor1's
    code from its kind: 1, state forces, regains it, anyone else overtakes it), as ACLED's codebook defines them.

    >>> capture = {"acled_event_type": "Battles", "acled_sub_event_type": _NON_STATE_GAIN}
    >>> sub_event_type(capture, 1), sub_event_type(capture, 2), sub_event_type(capture, None)
    ('Government regains territory', 'Non-state actor overtakes territory', 'Non-state actor overtakes territory')
    """
    sub = str(node["acled_sub_event_type"])
    if node["acled_event_type"] == "Battles" and sub in _TERRITORY and kind_code:
        return _GOVERNMENT_GAIN if kind_code == 1 else _NON_STATE_GAIN
    return sub


def acled_sub_event_type(graph: nx.MultiDiGraph, event: str, node: dict[str, Any]) -> str | None:
    """The event's sub-event type as its node keeps it: :func:`sub_event_type`, with actor1's code from
    :func:`actor_columns` (found only for an event that changes who holds territory); None without ACLED terms.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_node("rebels", kind="organization", type="armed_group", label="Rebels")
    >>> capture = {"acled_event_type": "Battles", "acled_sub_event_type": _GOVERNMENT_GAIN}
    >>> capture["participants"] = [{"actor": "rebels", "role": "agent"}]
    >>> acled_sub_event_type(graph, "capture", capture), acled_sub_event_type(graph, "talks", {"type": "meeting"})
    ('Non-state actor overtakes territory', None)
    """
    sub = node.get("acled_sub_event_type")
    if node.get("acled_event_type") != "Battles" or sub not in _TERRITORY:
        return sub
    return sub_event_type(node, actor_columns(graph, event, node)[1])
