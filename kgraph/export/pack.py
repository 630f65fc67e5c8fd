"""The explorer's data packed for the page: what every node, edge and link repeats is written once.

:func:`pack` turns each list of records (nodes, edges, links) into a table: its keys once, then a row of
values a record. What a record's details repeat of its own fields (kind, type, label, the date's bounds) is
left out and marked in a bit mask, and a participant's edge does not carry again the evidence of its event
(the graph copies it onto each participant's edge). The page's ``util.unpack`` restores every record as it
was, so the page reads the same objects; a large graph's page is about half the size.

>>> data = {"nodes": [{"id": "a", "kind": "event", "details": {"kind": "event", "evidence": [1]}}],
...         "edges": [{"id": "p", "to": "a", "kind": "participation",
...                    "details": {"kind": "participation", "evidence": [0, 1]}}], "links": []}
>>> packed = pack(data)
>>> packed["nodes"]
{'keys': ['id', 'kind', 'details', '_r'], 'rows': [['a', 'event', {'evidence': [1]}, 1]]}
>>> packed["edges"]["rows"]
[['p', 'a', 'participation', {'evidence': [0]}, 1, True]]
>>> packed["packing"]["shares"]
'_e'
"""

from __future__ import annotations

from typing import Any

from kgraph.graph.attributes import own_part

#: The lists of records that are packed as tables.
TABLES = ("nodes", "edges", "links")
#: What a record's details may repeat of its own fields: (key in the details, field, index in the field or None).
REPEATED: tuple[tuple[str, str, int | None], ...] = (
    ("kind", "kind", None),
    ("type", "type", None),
    ("label", "label", None),
    ("earliest", "t", 0),
    ("latest", "t", 1),
    ("earliest_possible", "t", 2),
    ("latest_possible", "t", 3),
)
#: The column of the bit mask of the details' keys left out (bit i: REPEATED[i]), and the column that says a
#: participant's edge ends with its event's evidence.
MASK, SHARES = "_r", "_e"
PARTICIPATION = "participation"


def pack(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (as :func:`kgraph.export.explorer_data.explorer_data` gives it) with its records packed as tables."""
    evidence = {n["id"]: n.get("details", {}).get("evidence") for n in data["nodes"]}
    out = dict(data)
    for name in TABLES:
        out[name] = _table([_record(item, evidence) for item in data[name]])
    out["packing"] = {"tables": list(TABLES), "repeated": [list(r) for r in REPEATED], "mask": MASK, "shares": SHARES}
    return out


def _record(item: dict[str, Any], evidence: dict[str, Any]) -> dict[str, Any]:
    details = item.get("details")
    if not isinstance(details, dict):
        return item
    details = dict(details)
    mask = 0
    for bit, (key, field, index) in enumerate(REPEATED):
        value = item.get(field) if index is None else (item.get(field) or [None] * 4)[index]
        if key in details and details[key] == value:
            del details[key]
            mask |= 1 << bit
    record = {**item, "details": details}
    if mask:
        record[MASK] = mask
    shared = evidence.get(str(item.get("to"))) if item.get("kind") == PARTICIPATION else None
    own = own_part(details.get("evidence"), shared)
    if own is not None:
        if own:
            details["evidence"] = own
        else:
            del details["evidence"]
        record[SHARES] = True
    return record


def _table(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Records as ``{"keys": [...], "rows": [[...], ...]}``; a key a record lacks is null in its row (no record
    has a null value: JSON-ready data leaves them out)."""
    keys: dict[str, None] = {}
    for record in records:
        if None in record.values():
            raise ValueError(f"record {record.get('id')!r} has a null value, which would not survive packing")
        for key in record:
            keys.setdefault(key)
    return {"keys": list(keys), "rows": [[record.get(key) for key in keys] for record in records]}


def unpack(packed: dict[str, Any]) -> dict[str, Any]:
    """The data :func:`pack` packed, as it was (the page's ``unpack`` part does the same in the browser).

    >>> data = {"nodes": [{"id": "a", "t": ["2023-01-01", None, None, None],
    ...                    "details": {"earliest": "2023-01-01", "x": 1}}], "edges": [], "links": []}
    >>> unpack(pack(data)) == data
    True
    """
    spec = packed["packing"]
    out = {k: v for k, v in packed.items() if k != "packing"}
    for name in spec["tables"]:
        keys = packed[name]["keys"]
        out[name] = [{k: v for k, v in zip(keys, row, strict=True) if v is not None} for row in packed[name]["rows"]]
    evidence = {n["id"]: n.get("details", {}).get("evidence") for n in out["nodes"]}
    for name in spec["tables"]:
        for record in out[name]:
            bits = record.pop(spec["mask"], 0)
            if "details" in record:
                record["details"] = dict(record["details"])  # the packed data stays as it is
            for bit, (key, field, index) in enumerate(spec["repeated"]):
                if bits & (1 << bit):
                    record["details"][key] = record[field] if index is None else record[field][index]
            if record.pop(spec["shares"], False):
                record["details"]["evidence"] = [*record["details"].get("evidence", []), *evidence[record["to"]]]
    return out
