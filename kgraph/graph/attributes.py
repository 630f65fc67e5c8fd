"""The attributes the graph layer puts on nodes and edges: their names, and how each list or dict reads as text.

:mod:`kgraph.graph.build` writes these attributes (see its notes for what each holds); the exports that need
a name (the explorer's panel, the readable companions of the XML files) take it from here rather than keeping
a copy. :data:`READABLE` names, for each attribute whose value is a list or a dict, the function that turns
it into text for people; an attribute kgraph does not define (in a graph from elsewhere) reads as
:func:`plain_text`, items joined with ``"; "``. Every formatter takes any value and never raises.

>>> READABLE["evidence"]([{"quote": "Since June 15", "source": "doc", "claimed_by": "gegham-stepanyan"}])
'“Since June 15” (doc; claimed by gegham-stepanyan)'
>>> READABLE["aliases"]([{"name": "Shushi", "lang": "hy-Latn"}]), READABLE["external_ids"]({"wikidata": "Q227"})
('Shushi (hy-Latn)', 'wikidata: Q227')
>>> plain_text(["a", 1, {"quote": "q"}])
'a; 1; quote: q'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

#: What every node and edge has: its kind (person, event, participation, relation, ...), type and label.
IDENTITY_ATTRIBUTES = ("kind", "type", "label")
#: The ISO bounds of a date, face value first, then the widened ones; an open bound is left out.
DATE_BOUNDS = ("earliest", "latest", "earliest_possible", "latest_possible")
#: A date's attributes: its EDTF text, its precision and its bounds.
DATE_ATTRIBUTES = ("date", "precision", *DATE_BOUNDS)
#: Every attribute a node may have (entities and events together).
NODE_ATTRIBUTES = (
    *IDENTITY_ATTRIBUTES,
    "aliases",
    "description",
    "notes",
    "external_ids",
    "part_of",
    "lat",
    "lon",
    "sources",
    "status",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo",
    *DATE_ATTRIBUTES,
    "date_basis",
    "date_note",
    "place",
    "participants",
    "figures",
    "history",
    "evidence",
)
#: Every attribute an edge may have (participation, location, part_of and relation edges together).
EDGE_ATTRIBUTES = (*IDENTITY_ATTRIBUTES, "role", *DATE_ATTRIBUTES, "note", "symmetric", "description", "evidence")

#: A function that turns an attribute's value into text for people.
Formatter = Callable[[object], str]


def scalar_text(value: object) -> str:
    """One value as text: booleans as ``true``/``false``, dates as ISO text, anything else as ``str()`` gives it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def plain_text(value: object) -> str:
    """Any value as text: list items joined with ``"; "`` (sets sorted), a dict's items as ``key: value, ...``."""
    if type(value) is list or type(value) is tuple:
        return "; ".join(v if type(v) is str else _dict_text(v) if type(v) is dict else plain_text(v) for v in value)
    if isinstance(value, set | frozenset):
        return "; ".join(plain_text(v) for v in sorted(value, key=str))
    if isinstance(value, list | tuple):
        return "; ".join(plain_text(v) for v in value)
    if isinstance(value, Mapping):
        return _dict_text(value)
    return scalar_text(value)


def _dict_text(value: Mapping[object, object]) -> str:
    return ", ".join(f"{k}: {plain_text(v)}" for k, v in value.items())


def _items(describe: Callable[[Mapping[object, object]], str | None]) -> Formatter:
    """A formatter for a list of dicts: each dict as ``describe`` writes it (or plainly, when it gives None)."""

    def item_text(item: object) -> str:
        described = describe(item) if isinstance(item, Mapping) else None
        return plain_text(item) if described is None else described

    def formatter(value: object) -> str:
        if isinstance(value, list | tuple):
            return "; ".join(item_text(item) for item in value)
        return item_text(value)

    formatter.__doc__ = describe.__doc__
    return formatter


def _evidence(item: Mapping[object, object]) -> str | None:
    """Evidence as ``“quote” (source; claimed by X)``."""
    if "quote" not in item:
        return None
    source, claimant = item.get("source"), item.get("claimed_by")
    where = (
        f"{source}; claimed by {claimant}"
        if source and claimant
        else source or (f"claimed by {claimant}" if claimant else "")
    )
    return f"“{item['quote']}”" + (f" ({where})" if where else "")


def _alias(item: Mapping[object, object]) -> str | None:
    """Aliases as ``name (lang)``."""
    if "name" not in item:
        return None
    return str(item["name"]) + (f" ({item['lang']})" if item.get("lang") else "")


def _participant(item: Mapping[object, object]) -> str | None:
    """Participants as ``actor (role)``."""
    if "actor" not in item or "role" not in item:
        return None
    return f"{item['actor']} ({item['role']})"


#: For each list- or dict-valued attribute of nodes and edges, the function that writes it as text for people.
READABLE: dict[str, Formatter] = {
    "aliases": _items(_alias),
    "external_ids": plain_text,
    "sources": plain_text,
    "participants": _items(_participant),
    "evidence": _items(_evidence),
}


def readable(name: object, value: object) -> str:
    """The value of attribute ``name`` as text for people: by its formatter in :data:`READABLE`, else plainly."""
    formatter = READABLE.get(name) if isinstance(name, str) else None
    return (formatter or plain_text)(value)
