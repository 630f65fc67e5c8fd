"""How the values of the graph's attributes read as text for people: any value plainly, and evidence, figures and
an event's states in their own ways. :data:`kgraph.graph.attributes.READABLE` puts them to work, attribute by
attribute.

>>> plain_text(["a", 1, {"quote": "q"}])
'a; 1; quote: q'
>>> evidence_text({"quote": "It is not so", "source": "doc", "stance": "denies", "claimed_by": ["a"]})
'“It is not so” (doc; claimed by a; denies)'
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date, datetime

from kgraph.annotations.terms import active

#: A function that gives the name to show for an id (an actor's, a source's); by default the id itself.
Namer = Callable[[str], str]

#: How each figure qualifier reads before its number ("exact" reads as the number alone).
QUALIFIER_WORDS = {
    "exact": "",
    "about": "about",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "fewer_than": "fewer than",
    "between": "between",
}


def scalar_text(value: object) -> str:
    """One value as text: booleans as ``true``/``false``, dates as ISO text, anything else as ``str()`` gives it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    try:
        return str(value)
    except ValueError:  # an integer past Python's limit of digits for text
        return f"a number of {value.bit_length() if isinstance(value, int) else '?'} bits"


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


def ids(value: object) -> list[str]:
    """One id or a list of them (``claimed_by``, ``via``) as a list of texts, leaving out empty ones.

    >>> ids("a"), ids(["a", "", "b"]), ids(None)
    (['a'], ['a', 'b'], [])
    """
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [plain_text(v) for v in value if v is not None and v != ""]
    return [plain_text(value)]


def attribution(item: Mapping[object, object], name: Namer = str) -> str:
    """Who claims a quote and who relays it (nearest the source first), e.g. ``claimed by a, b via c``.

    >>> attribution({"claimed_by": ["a", "b"], "via": ["c", "d"]}), attribution({"via": "c"}), attribution({})
    ('claimed by a, b via c, d', 'via c', '')
    """
    claimants, relayers = ids(item.get("claimed_by")), ids(item.get("via"))
    said = f"claimed by {', '.join(map(name, claimants))}" if claimants else ""
    relayed = f"via {', '.join(map(name, relayers))}" if relayers else ""
    return " ".join(part for part in (said, relayed) if part)


def stance_of(item: Mapping[object, object]) -> str:
    """An evidence item's stance: ``supports`` unless it says otherwise.

    >>> stance_of({"quote": "q"}), stance_of({"stance": "denies"})
    ('supports', 'denies')
    """
    stance = item.get("stance")
    return plain_text(stance) if stance not in (None, "") else "supports"


def evidence_text(item: Mapping[object, object], name: Namer = str, source: Namer = str) -> str | None:
    """Evidence as ``“quote” (source; claimed by X via Y; denies)``: the stance only when it is not support.

    >>> evidence_text({"quote": "q", "source": "s", "claimed_by": "a"}, name=str.upper, source=lambda s: "Title")
    '“q” (Title; claimed by A)'
    """
    if "quote" not in item:
        return None
    if name is str and source is str and type(item) is dict:
        fast = _plain_evidence(item)
        if fast is not None:
            return fast
    where = _where(item, name, source)
    return f"“{plain_text(item['quote'])}”" + (f" ({where})" if where else "")


def _plain_evidence(item: dict[object, object]) -> str | None:
    """:func:`evidence_text` of the evidence kgraph's graph holds (text, and lists of text), without the general
    path's conversions; None for anything else."""
    quote, source, stance = item["quote"], item.get("source"), item.get("stance")
    claimants, relayers = item.get("claimed_by"), item.get("via")
    if not (
        type(quote) is str
        and (source is None or type(source) is str)
        and (stance is None or type(stance) is str)
        and (claimants is None or (type(claimants) is list and all(type(c) is str and c for c in claimants)))
        and (relayers is None or (type(relayers) is list and all(type(r) is str and r for r in relayers)))
    ):
        return None
    parts = []
    if source:
        parts.append(source)
    if claimants:
        parts.append("claimed by " + ", ".join(claimants) + (" via " + ", ".join(relayers) if relayers else ""))
    elif relayers:
        parts.append("via " + ", ".join(relayers))
    if stance and stance != "supports":
        parts.append(stance)
    return f"“{quote}” ({'; '.join(parts)})" if parts else f"“{quote}”"


def _where(item: Mapping[object, object], name: Namer, source: Namer) -> str:
    stance = stance_of(item)
    parts = (
        source(plain_text(item["source"])) if item.get("source") else "",
        attribution(item, name),
        "" if stance == "supports" else stance,
    )
    return "; ".join(part for part in parts if part)


def number_text(value: object) -> str:
    """A figure's number with thousands separated: ``20,000``, ``2.5``; anything else as text.

    >>> number_text(20000), number_text(2.5), number_text(3.0), number_text("n")
    ('20,000', '2.5', '3', 'n')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return plain_text(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    try:
        return f"{value:,}"
    except ValueError:
        return scalar_text(value)


def default_unit(measure: object) -> str | None:
    """The unit the vocabulary in use gives a measure when a figure names none (``km`` for a distance).

    >>> default_unit("distance"), default_unit("killed")
    ('km', None)
    """
    found = active().measures.get(measure) if isinstance(measure, str) else None
    return found.units[0] if found is not None and found.units else None


def amount_text(item: Mapping[object, object]) -> str:
    """A figure's number as reported: ``about 20,000``, ``at most 5 km``, ``between 2 and 5``, ``1 month``.

    >>> amount_text({"measure": "distance", "max": 5}), amount_text({"min": 2, "max": 5})
    ('at most 5 km', 'between 2 and 5')
    """
    value, low, high, qualifier = item.get("value"), item.get("min"), item.get("max"), item.get("qualifier")
    if value is not None:
        how, number = qualifier or "exact", number_text(value)
    elif low is not None and high is not None:
        how = qualifier or "between"
        number = (" and " if how == "between" else " to ").join(map(number_text, (low, high)))
    elif low is not None:
        how, number = qualifier or "at_least", number_text(low)
    elif high is not None:
        how, number = qualifier or "at_most", number_text(high)
    else:
        how, number = "", "?"
    words = QUALIFIER_WORDS.get(how, plain_text(how).replace("_", " ")) if isinstance(how, str) else plain_text(how)
    unit = plain_text(item.get("unit") or default_unit(item.get("measure")) or "")
    if number == "1" and unit.endswith("s") and len(unit) > 2:  # '1 month', '1 truck'
        unit = unit[:-1]
    return " ".join(part for part in (words, number, unit) if part)


def figure_text(item: Mapping[object, object], name: Namer = str, source: Namer | None = None) -> str | None:
    """A figure as ``measure: amount counted (who claims it; stance)``, a bracket for each evidence item's claim.

    Sources are named only when ``source`` is given.

    >>> figure_text({"measure": "killed", "min": 2, "max": 5, "counts": "soldiers",
    ...              "evidence": [{"quote": "q", "source": "s", "claimed_by": ["x"], "stance": "disputes"}]})
    'killed: between 2 and 5 soldiers (claimed by x; disputes)'
    """
    if "measure" not in item:
        return None
    counts = ids(item.get("counts"))
    text = f"{plain_text(item['measure'])}: {amount_text(item)}" + "".join(f" {name(c)}" for c in counts)
    evidence = item.get("evidence")
    said: list[str] = []
    for e in evidence if isinstance(evidence, list | tuple) else ():
        where = _where(e, name, source or (lambda _: "")) if isinstance(e, Mapping) else ""
        if where and where not in said:
            said.append(where)
    return text + "".join(f" ({where})" for where in said)


def state_text(item: Mapping[object, object], source: Namer = str) -> str | None:
    """One state of an event's history as ``status date (source)``.

    >>> state_text({"source": "s", "status": "predicted", "date": "[2020-10-29..]"}, source=str.upper)
    'predicted [2020-10-29..] (S)'
    """
    if "status" not in item:
        return None
    parts = [plain_text(item["status"]), plain_text(item["date"]) if item.get("date") else ""]
    text = " ".join(part for part in parts if part)
    return text + (f" ({source(plain_text(item['source']))})" if item.get("source") else "")
