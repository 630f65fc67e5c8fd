"""The typed properties of the property graph (:mod:`kgraph.export.property_graph`): each name's type, and the
values of ``kg.graph``'s attributes as those types, checked so that a database takes every one.

A number must be finite (no database holds ``inf`` or ``nan``) and a date an ISO day (``2020-10-29``); a graph
from elsewhere with another value is refused before anything is written, naming the node or relationship and
the property, so that an import never fails halfway.

>>> properties({"kind": "place", "lat": 39, "aliases": ["Khankendi"], "earliest": "2020-10-29"}, "stepanakert")
{'kind': 'place', 'earliest': '2020-10-29', 'lat': 39.0, 'aliases': ('Khankendi',), 'aliases_text': 'Khankendi'}
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from kgraph.errors import shown
from kgraph.export.graph_names import ModelError
from kgraph.graph.attributes import DATE_BOUNDS, READABLE, plain_text, state_text

#: A property's value: text, a number, a truth value, or a list of texts (a ``date`` is its ISO text).
Value = str | int | float | bool | tuple[str, ...]

#: Every property's type, as Neo4j's import header names it; the order is the order of columns.
TYPES: dict[str, str] = {
    "id": "string", "kind": "string", "type": "string", "label": "string", "role": "string",
    "status": "string", "date": "string", "precision": "string",
    **dict.fromkeys(DATE_BOUNDS, "date"),
    "date_basis": "string", "date_note": "string", "description": "string", "notes": "string",
    "aliases": "string[]", "aliases_text": "string", "external_ids": "string[]", "lat": "double", "lon": "double",
    "acled_event_type": "string", "acled_sub_event_type": "string", "cameo": "string", "history": "string[]",
    "symmetric": "boolean", "note": "string", "order": "long",
    "text": "string", "stance": "string", "about": "string",
    "measure": "string", "value": "double", "min": "double", "max": "double", "qualifier": "string", "unit": "string",
    "published": "string", "published_basis": "string", "published_note": "string", "language": "string",
    "url": "string", "author": "string", "outlet": "string",
}  # fmt: skip
#: The attributes of ``kg.graph``'s nodes and edges that become properties as they are.
_COPIED = tuple(n for n in TYPES if n not in ("aliases", "external_ids", "history", "text", "about", "order"))
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def number(value: object, name: str, owner: str) -> float | None:
    """``value`` as a double (None when it is no number), refused naming ``owner`` when it is not finite.

    >>> number(3, "value", "f"), number("3", "value", "f")
    (3.0, None)
    >>> number(float("inf"), "value", "figure:e:1")
    Traceback (most recent call last):
    ...
    kgraph.export.graph_names.ModelError: figure:e:1: value is inf, a number no graph database holds
    """
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    if not math.isfinite(value):
        raise ModelError(f"{shown(owner)}: {name} is {value}, a number no graph database holds")
    return float(value)


def day(value: object, name: str, owner: str) -> str:
    """``value`` as the ISO day a ``date`` property holds, refused naming ``owner`` when it is not one.

    >>> day("2020-10-29", "earliest", "e")
    '2020-10-29'
    >>> day("autumn 2020", "earliest", "e")
    Traceback (most recent call last):
    ...
    kgraph.export.graph_names.ModelError: e: earliest is 'autumn 2020', not a day (YYYY-MM-DD) a date property holds
    """
    text = plain_text(value)
    try:
        valid = bool(_ISO_DAY.match(text)) and date.fromisoformat(text).isoformat() == text
    except ValueError:
        valid = False
    if not valid:
        raise ModelError(f"{shown(owner)}: {name} is {text!r}, not a day (YYYY-MM-DD) a date property holds")
    return text


def properties(data: Mapping[str, Any], owner: str) -> dict[str, Value]:
    """The properties of one node or edge of ``kg.graph`` (``owner``): the attributes :data:`TYPES` names, typed."""
    props: dict[str, Value] = {}
    for name in _COPIED:
        value = data.get(name)
        if value is None or value == "":
            continue
        kind = TYPES[name]
        double = number(value, name, owner) if kind == "double" else None
        if double is not None:
            props[name] = double
        elif kind == "boolean" and isinstance(value, bool):
            props[name] = value
        elif kind == "date":
            props[name] = day(value, name, owner)
        else:
            props[name] = plain_text(value)
    aliases = data.get("aliases")
    if isinstance(aliases, list) and aliases:
        props["aliases"] = tuple(
            plain_text(a.get("name")) if isinstance(a, Mapping) else plain_text(a) for a in aliases
        )
        props["aliases_text"] = READABLE["aliases"](aliases)
    external = data.get("external_ids")
    if isinstance(external, Mapping) and external:
        props["external_ids"] = tuple(f"{k}:{plain_text(v)}" for k, v in external.items())
    history = data.get("history")
    if isinstance(history, list) and history:
        props["history"] = tuple(
            state_text(h) or plain_text(h) if isinstance(h, Mapping) else plain_text(h) for h in history
        )
    return props
