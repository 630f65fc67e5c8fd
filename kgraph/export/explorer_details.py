"""What the columns of a large graph's explorer data share: day numbers, names written once, and the blocks of
details (:mod:`kgraph.export.explorer_columns` says how the page reads them).

>>> _details({"kind": "event", "date": "2023", "x": 1}, {"kind": "event"}, (None,) * 4, None, {})
[1, {'date': '2023', 'x': 1}]
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from kgraph.export.claims import figure_entries, stance_summary, states
from kgraph.graph.attributes import own_part
from kgraph.values import json_ready

#: Items a block of details.
CHUNK = 2000
#: What a details dict may leave out, one bit each: the record's own fields (an event's date is its record's),
#: then (a participant's edge) its event's. The page's ``columns`` part puts them back.
DROPPED = (
    "kind",
    "type",
    "label",
    "earliest",
    "latest",
    "earliest_possible",
    "latest_possible",
    "role",
    "date",
    "precision",
    "evidence",
)
_BIT = {key: 1 << bit for bit, key in enumerate(DROPPED)}
_BOUNDS = DROPPED[3:7]
_BOUND_AT = {key: i for i, key in enumerate(_BOUNDS)}
_NONE = (None, None, None, None)
_MISSING = object()
_EPOCH = date(1970, 1, 1).toordinal()


class _Days:
    """Day numbers (days since 1970-01-01) of ISO days and of a record's date bounds, each worked out once."""

    def __init__(self) -> None:
        self.known: dict[Any, Any] = {}

    def of(self, value: Any) -> int | None:
        if not isinstance(value, str) or len(value) != 10:
            return None
        try:
            return date.fromisoformat(value).toordinal() - _EPOCH
        except ValueError:
            return None

    def bounds(self, raw: tuple[Any, ...]) -> tuple[int | None, ...]:
        found = self.known.get(raw)
        if found is None:
            found = self.known[raw] = tuple(self.of(v) for v in raw)
        return found


def _raw(data: dict[str, Any]) -> tuple[Any, ...]:
    return data.get("earliest"), data.get("latest"), data.get("earliest_possible"), data.get("latest_possible")


def _details(
    data: dict[str, Any], expected: dict[str, Any], bounds: tuple[int | None, ...], shared: Any, claimants: Any
) -> Any:
    """A node's or edge's details as the page's block holds them: 0 when nothing is left, else ``[mask]`` or
    ``[mask, details]``. A key is left out when its value is the ``expected`` one, a date bound when its day
    number is known, the evidence when it ends with ``shared`` (its event's: what is before it stays)."""
    mask = 0
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if value is None:
            continue
        if value == expected.get(key, _MISSING) or (
            key in _BOUND_AT and isinstance(value, str) and bounds[_BOUND_AT[key]] is not None
        ):
            mask |= _BIT[key]
        elif key == "evidence" and (own := own_part(value, shared)) is not None:
            mask |= _BIT[key]
            if own:
                kept[key] = own
                _claimants(claimants, own)
        else:
            kept[key] = value
    if not mask and not kept:
        return 0
    return [mask, kept] if kept else [mask]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _json(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_default)
    except ValueError:  # a float that is not finite: written as json_ready writes it
        return json.dumps(json_ready(value, keep_none=False), ensure_ascii=False, separators=(",", ":"))


def _default(value: Any) -> Any:
    ready = json_ready(value, keep_none=False)
    if ready is value:
        raise TypeError(f"cannot write {type(value).__name__}")
    return ready


def _blocks(prefix: str, items: list[Any]) -> list[tuple[str, str]]:
    """``items`` in blocks of :data:`CHUNK`, named by the number of each."""
    return [(f"{prefix}{i // CHUNK}", _json(items[i : i + CHUNK])) for i in range(0, len(items), CHUNK)]


class _Names(dict[str, int]):
    """Strings written once: ``names[text]`` is its index, given when first asked."""

    def __missing__(self, text: str) -> int:
        self[text] = len(self)
        return len(self) - 1


def _claims(sparse: dict[str, dict[Any, Any]], figures: dict[int, Any], i: int, data: dict[str, Any]) -> None:
    """A node's or edge's claims: how its evidence stands, who claims it and its states (at first), its figures
    (with its details)."""
    evidence = data.get("evidence")
    summary = stance_summary(evidence) if evidence else None
    if summary:
        sparse["stance"][i] = summary
    _claimants(sparse["claimants"], evidence)
    if data.get("figures"):
        figures[i] = figure_entries(data["figures"])
        for entry in figures[i]:
            _claimants(sparse["claimants"], entry.get("evidence"))
    if data.get("history") and "states" in sparse:
        sparse["states"][i] = states(data["history"])


def _claimants(found: dict[Any, Any], evidence: Any) -> None:
    """Adds to ``found`` (as keys) who claims or relays each quote of ``evidence`` (as the page's util.idList reads it)."""
    for quote in evidence if isinstance(evidence, list) else ():
        if not isinstance(quote, dict) or not ("claimed_by" in quote or "via" in quote):
            continue
        for key in ("claimed_by", "via"):
            value = quote.get(key)
            for who in value if isinstance(value, list) else [value]:
                if who is not None and who != "":
                    found[str(who)] = True


def _with_figures(details: list[Any], figures: dict[int, Any]) -> list[Any]:
    """Each item's details, with its figures third when it has any."""
    for i, found in figures.items():
        entry = details[i] or [0]
        details[i] = [entry[0], entry[1] if len(entry) > 1 else 0, found]
    return details


#: A participant's edge that says nothing but its event's date and evidence, and its kind and role.
_PARTICIPANT_KEYS = {*DROPPED}
_ALL = [(1 << len(DROPPED)) - 1]


def _as_its_events(data: dict[str, Any], event: dict[str, Any], role: str, bounds: bool, shared: Any) -> bool:
    """Whether a participant's edge has every key of :data:`DROPPED` and nothing else, each as its event has it
    (its date's bounds known days), its role as its type and label."""
    return (
        bounds
        and data.keys() == _PARTICIPANT_KEYS
        and data["kind"] == "participation"
        and data["type"] == role
        and data["role"] == role
        and data["label"] == role
        and data["date"] is not None
        and data["date"] == event.get("date")
        and data["precision"] is not None
        and data["precision"] == event.get("precision")
        and bool(shared)
        and data["evidence"] == shared
    )


def _plain(data: dict[str, Any], iv: int, nodes: tuple[list[tuple[Any, ...]], _Days, list[Any]]) -> bool:
    """Whether a participant's edge (with every key of :data:`DROPPED` and no other) says only what its event,
    the node ``iv``, says: :func:`_as_its_events`, with its days those of the event."""
    raws, days, node_data = nodes
    raw = _raw(data)
    if raw != raws[iv]:
        return False
    event = node_data[iv]
    shared = event.get("evidence") if isinstance(event.get("evidence"), list) else None
    role = str(data["type"] or "participation")  # as edge_details takes it
    return _as_its_events(data, event, role, None not in days.bounds(raw), shared)


def edge_details(
    edges: list[tuple[Any, Any, Any, dict[str, Any], str]],
    index: dict[Any, int],
    nodes: tuple[list[tuple[Any, ...]], _Days, list[Any]],
) -> tuple[list[tuple[str, str]], dict[int, Any], list[str]]:
    """The blocks of the details of ``edges``, their stances (sparse, by edge) and whom their quotes name as
    claimants or relayers: the part of the edges' columns that reads their evidence, made apart from the rest.

    >>> data = {"kind": "relation", "type": "ally_of", "evidence": [{"quote": "q", "claimed_by": ["b"]}]}
    >>> blocks, stances, claimants = edge_details([("a", "c", "r", data, "r")], {"a": 0, "c": 1}, ([(None,) * 4] * 2,
    ...                                           _Days(), [{}, {}]))
    >>> blocks, claimants
    ([('e0', '[[3,{"evidence":[{"quote":"q","claimed_by":["b"]}]}]]')], ['b'])
    """
    raws, days, node_data = nodes
    sparse: dict[str, dict[Any, Any]] = {"stance": {}, "claimants": {}}
    details: list[Any] = []
    figures: dict[int, Any] = {}
    for i, (_, v, _, data, _) in enumerate(edges):
        if data.keys() == _PARTICIPANT_KEYS and data["kind"] == "participation" and _plain(data, index[v], nodes):
            details.append(_ALL)  # the commonest: nothing of its own, told before anything is made for it
            continue
        kind = str(data.get("kind") or "other")
        edge_type = str(data.get("type") or kind)
        label = str(data.get("label") or edge_type)
        raw = _raw(data)
        bounds = days.bounds(raw)
        expected = {"kind": kind, "type": edge_type, "label": label}
        shared = None
        if kind == "participation":
            iv = index[v]
            event = node_data[iv]
            shared = event.get("evidence") if isinstance(event.get("evidence"), list) else None
            if _as_its_events(data, event, edge_type, raw == raws[iv] and None not in bounds, shared):
                details.append(_ALL)  # the commonest: nothing of its own
                continue
            expected.update(
                role=edge_type, date=event.get("date", _MISSING), precision=event.get("precision", _MISSING)
            )
            if not shared:
                _claimants(sparse["claimants"], data.get("evidence"))
        else:
            _claims(sparse, figures, i, data)
        details.append(_details(data, expected, bounds, shared, sparse["claimants"]))
    return _blocks("e", _with_figures(details, figures)), sparse["stance"], list(sparse["claimants"])
