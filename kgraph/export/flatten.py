"""Flatten graph attributes for file formats: done once, here, for every format.

Graph files hold one scalar per attribute. The rules:

* ``None`` is left out; dates become ISO text; booleans, numbers and text stay.
* Lists and dicts become JSON text, and get a readable companion ``<name>_text``
  for people reading Gephi's data table, written by the formatter the graph layer
  names for the attribute (:data:`kgraph.graph.attributes.READABLE`: evidence as
  ``“quote” (source; claimed by X via Y; denies)``, the stance only when it is
  not support), or, for an attribute it does not define, items joined with ``"; "``.
* ``figures`` also give numeric columns, ``<measure>_min`` and ``<measure>_max``
  (:func:`figure_bounds`), beside ``figures_text`` (``killed: 2 (claimed by X)``),
  so Gephi can filter and size by them.
* Every attribute name has one type across the whole file (``boolean``,
  ``long``, ``double`` or ``string``): a name whose values mix types becomes
  text everywhere.
* Names are made valid XML name tokens, and names that Gephi reads as
  something special (``label``, ``size``, ``r``, ``weight``, ``d3``, ...) are
  renamed with an ``attr_`` prefix unless they mean what Gephi thinks.

>>> table = Table.of_nodes([("a", {"kind": "person", "aliases": [{"name": "A1"}], "n": 1}), ("b", {"n": 2.5, "x": None})])
>>> table.rows
[('a', {'kind': 'person', 'aliases': '[{"name":"A1"}]', 'aliases_text': 'A1', 'n': 1.0}), ('b', {'n': 2.5})]
>>> table.types
{'kind': 'string', 'aliases': 'string', 'aliases_text': 'string', 'n': 'double'}
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from kgraph.graph.attributes import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, default_unit, readable, scalar_text
from kgraph.values import json_ready

Scalar = str | int | float | bool

#: Names Gephi's importers read as a node or edge property rather than as data.
GEPHI_NODE_NAMES = frozenset({"label", "d3", "x", "y", "z", "xpos", "ypos", "size", "r", "g", "b", "color", "id"})
GEPHI_EDGE_NAMES = frozenset(
    {"label", "edgelabel", "d7", "weight", "edge weight", "id", "edgeid", "r", "g", "b", "color"}
)

_NAME_CHAR = re.compile(r"[^\w.\-]", re.UNICODE)


def name_token(name: str) -> str:
    """A valid XML name token (NMTOKEN) for an attribute name: other characters become '_'.

    >>> name_token("date of birth"), name_token("évidence")
    ('date_of_birth', 'évidence')
    """
    token = _NAME_CHAR.sub("_", str(name))
    return token or "_"


def json_text(value: Any) -> str:
    """Compact JSON text for a list or dict (sets sorted, dates as ISO text)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=json_ready)


def flatten(
    data: dict[str, Any],
    reserved: frozenset[str] = frozenset(),
    ends: tuple[dict[str, Any], ...] = (),
    memo: dict[tuple[int, str], tuple[str, str, Any]] | None = None,
) -> dict[str, Scalar]:
    """One node's or edge's attributes as scalars under valid names, following the module's rules.

    An edge's list or mapping that is the very object one of its ``ends`` (its nodes' attributes) holds under the
    same name (a participant's edge shares its event's evidence) is written once into ``memo`` and taken from it
    after: the same text, made once for all the edges that share it."""
    flat: dict[str, Scalar] = {}
    for raw_name, value in data.items():
        if value is None:
            continue
        name = raw_name if raw_name in _PLAIN_NAMES else name_token(raw_name)
        if reserved and name.lower() in reserved:
            name = f"attr_{name}"
        kind = type(value)
        if kind is str or kind is int or kind is bool:
            flat[name] = value
        elif kind is list or kind is dict or isinstance(value, list | tuple | set | frozenset | dict):
            companion = f"{name}_text"
            wanted = companion not in data  # its readable text, unless the data has its own
            texts = memo.get((id(value), raw_name)) if memo is not None and wanted else None
            if texts is None:
                texts = (json_text(value), readable(raw_name, value) if wanted else "", value)  # value kept: its id too
                if wanted and memo is not None and any(end.get(raw_name) is value for end in ends):
                    memo[id(value), raw_name] = texts
            flat[name] = texts[0]
            if wanted:
                flat[companion] = texts[1]
            if raw_name == "figures":
                flat.update((k, v) for k, v in figure_bounds(value).items() if k not in data)
        elif isinstance(value, float):
            flat[name] = value if math.isfinite(value) else scalar_text(value)
        elif isinstance(value, date | datetime):
            flat[name] = value.isoformat()
        elif isinstance(value, str | int):  # subclasses of text and numbers
            flat[name] = value
        else:
            flat[name] = str(value)
    return flat


def figure_bounds(figures: object) -> dict[str, int | float]:
    """Numeric columns for a ``figures`` list: ``<measure>_min`` and ``<measure>_max``, the lowest and highest
    any claim allows (an open bound is left out; a figure every quote of which denies it counts for nothing).

    A unit other than the measure's default is part of the name (``distance_m_max``), so no column mixes units.

    >>> figure_bounds([{"measure": "killed", "value": 2}, {"measure": "killed", "min": 2, "max": 5},
    ...                {"measure": "distance", "max": 5, "qualifier": "at_most"}])
    {'killed_min': 2, 'killed_max': 5, 'distance_max': 5}
    """
    found: dict[str, list[int | float | None]] = {}
    for figure in figures if isinstance(figures, list | tuple) else ():
        if not isinstance(figure, dict) or not isinstance(figure.get("measure"), str) or _denied(figure):
            continue
        low, high = _bounds(figure)
        if low is None and high is None:
            continue
        unit = figure.get("unit")
        measure = (
            figure["measure"] if unit in (None, default_unit(figure["measure"])) else f"{figure['measure']}_{unit}"
        )
        lows, highs = (
            found.setdefault(f"{name_token(measure)}_min", []),
            found.setdefault(f"{name_token(measure)}_max", []),
        )
        lows.append(low)
        highs.append(high)
    columns: dict[str, int | float] = {}
    for name, values in found.items():
        if values and None not in values:
            known = [v for v in values if v is not None]
            columns[name] = _long(min(known) if name.endswith("_min") else max(known))
    return columns


def _number(value: object) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def _bounds(figure: dict[str, Any]) -> tuple[int | float | None, int | float | None]:
    """A figure's lower and upper bound (None where open), as the annotation model's ``Figure.bounds`` reads them."""
    value = _number(figure.get("value"))
    if value is None:
        return _number(figure.get("min")), _number(figure.get("max"))
    how = figure.get("qualifier")
    return (None if how in ("at_most", "fewer_than") else value, None if how in ("at_least", "more_than") else value)


def _denied(figure: dict[str, Any]) -> bool:
    evidence = figure.get("evidence")
    items = [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []
    return bool(items) and all(e.get("stance", "supports") != "supports" for e in items)


def _long(value: int | float) -> int | float:
    """A number a file format's ``long`` can hold: integers past 64 bits become doubles."""
    return float(value) if isinstance(value, int) and abs(value) >= 2**63 else value


#: The names kgraph's own graphs use that are already name tokens, so that flattening them costs no regex.
_PLAIN_NAMES = frozenset(n for n in (*NODE_ATTRIBUTES, *EDGE_ATTRIBUTES) if name_token(n) == n)


_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _type_of(value: Scalar) -> str:
    found = _TYPES.get(type(value))
    if found is None:  # subclasses
        return (
            "boolean"
            if isinstance(value, bool)
            else "long"
            if isinstance(value, int)
            else "double"
            if isinstance(value, float)
            else "string"
        )
    return found


def unify(types: Iterable[str]) -> str:
    """The one type that holds every value of an attribute: numbers widen to double, anything mixed becomes string."""
    found = set(types)
    if len(found) == 1:
        return found.pop()
    if found <= {"long", "double"}:
        return "double"
    return "string"


class Table:
    """Flattened attributes of nodes and of edges, with one type per attribute name across both."""

    def __init__(self, node_rows: list[tuple[Any, dict[str, Scalar]]], edge_rows: list[tuple[Any, dict[str, Scalar]]]):
        seen: dict[str, set[str]] = {}
        for _, row in (*node_rows, *edge_rows):
            for name, value in row.items():
                found = seen.get(name)
                if found is None:
                    seen[name] = {_type_of(value)}
                else:
                    found.add(_type_of(value))
        self.types = {name: unify(found) for name, found in seen.items()}
        self._mixed = {name for name, found in seen.items() if len(found) > 1}
        self.rows = [(key, self._coerce(row)) for key, row in node_rows]
        self.edge_rows = [(key, self._coerce(row)) for key, row in edge_rows]

    @classmethod
    def of_nodes(cls, nodes: Iterable[tuple[Any, dict[str, Any]]]) -> Table:
        """A table of nodes alone (mostly for examples and tests)."""
        return cls([(n, flatten(d)) for n, d in nodes], [])

    def _coerce(self, row: dict[str, Scalar]) -> dict[str, Scalar]:
        if not self._mixed or self._mixed.isdisjoint(row):
            return row  # every value already has its attribute's one type
        out: dict[str, Scalar] = {}
        for name, value in row.items():
            wanted = self.types[name]
            if wanted == "string" and not isinstance(value, str):
                out[name] = scalar_text(value)
            elif wanted == "double" and isinstance(value, int) and not isinstance(value, bool):
                out[name] = float(value)
            else:
                out[name] = value
        return out

    def names(self, rows: list[tuple[Any, dict[str, Scalar]]]) -> list[str]:
        """Attribute names used in ``rows``, in order of first use."""
        return list(dict.fromkeys(name for _, row in rows for name in row))
