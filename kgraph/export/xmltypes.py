"""The attribute types of the XML exports, found before anything is written.

Every attribute name has one type across a GraphML or GEXF file, and the file declares them all before its
first node. :func:`flat_types` says what :func:`~kgraph.export.flatten.flatten` would give a record, names
and types, without rendering any text; :func:`coerce` gives a flattened row's values their names' types.

>>> flat_types({"name": "A", "born": 1970, "aliases": ["B"], "weight": 2.5, "x": None}, frozenset({"weight"}))
{'name': 'string', 'born': 'long', 'aliases': 'string', 'aliases_text': 'string', 'attr_weight': 'double'}
>>> coerce({"n": 1, "m": 2}, {"n": "double", "m": "string"}, frozenset({"n", "m"}))
{'n': 1.0, 'm': '2'}
"""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from kgraph.export.flatten import Scalar, figure_bounds, name_token
from kgraph.graph.attributes import scalar_text

_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def type_of(value: Scalar) -> str:
    """The GraphML and GEXF type of a flattened value (``boolean``, ``long``, ``double`` or ``string``).

    >>> type_of(True), type_of(3), type_of(0.5), type_of("x")
    ('boolean', 'long', 'double', 'string')
    """
    found = _TYPES.get(type(value))
    if found is None:  # subclasses
        if isinstance(value, bool):
            return "boolean"
        return "long" if isinstance(value, int) else "double" if isinstance(value, float) else "string"
    return found


@lru_cache(maxsize=4096)
def _flat_name(raw_name: str, reserved: frozenset[str]) -> str:
    name = name_token(raw_name)
    return f"attr_{name}" if reserved and name.lower() in reserved else name


def flat_types(data: dict[str, Any], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """The names, in order, and the types of what ``flatten(data, reserved)`` gives, without rendering any text.

    It follows :func:`~kgraph.export.flatten.flatten` rule for rule (a test holds them together).
    """
    types: dict[str, str] = {}
    for raw_name, value in data.items():
        if value is None:
            continue
        name = _flat_name(raw_name, reserved) if type(raw_name) is str else _flat_name.__wrapped__(raw_name, reserved)
        kind = type(value)
        if kind is str or kind is int or kind is bool:
            types[name] = _TYPES[kind]
        elif kind is list or kind is dict or isinstance(value, list | tuple | set | frozenset | dict):
            types[name] = "string"
            companion = f"{name}_text"
            if companion not in data:
                types[companion] = "string"
            if raw_name == "figures":
                types.update((k, type_of(v)) for k, v in figure_bounds(value).items() if k not in data)
        elif isinstance(value, float):
            types[name] = "double" if math.isfinite(value) else "string"
        elif isinstance(value, date | datetime):
            types[name] = "string"
        elif isinstance(value, str | int):  # subclasses of text and numbers
            types[name] = type_of(value)
        else:
            types[name] = "string"
    return types


#: Types of value whose flattened types follow from their type alone (a float's depend on whether it is finite).
_SHAPED = frozenset({type(None), str, int, bool, list, dict})


def types_shape(data: dict[str, Any], extra: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """What decides the names and types :func:`flat_types` finds in ``data`` (with ``extra``): its keys in order
    and its values' types; None when its values decide them (figures, whose columns are their measures, or a value
    of another type).

    >>> shape = types_shape({"a": 1, "b": None}, ())
    >>> shape == types_shape({"a": 2, "b": None}, ()) != types_shape({"a": 2.0, "b": None}, ())
    True
    >>> types_shape({"figures": []}, ()) is None
    True
    """
    types = tuple(map(type, data.values()))
    if "figures" in data or not _SHAPED.issuperset(types):
        return None
    return (*extra, tuple(data), types)


def coerce(row: dict[str, Scalar], types: dict[str, str], mixed: frozenset[str]) -> dict[str, Scalar]:
    """A flattened row with each value of a ``mixed`` name made its name's one type (numbers widen to double,
    anything else becomes text)."""
    if not mixed or mixed.isdisjoint(row):
        return row  # every value already has its attribute's one type
    out: dict[str, Scalar] = {}
    for name, value in row.items():
        wanted = types[name]
        if wanted == "string" and not isinstance(value, str):
            out[name] = scalar_text(value)
        elif wanted == "double" and isinstance(value, int) and not isinstance(value, bool):
            out[name] = float(value)
        else:
            out[name] = value
    return out
