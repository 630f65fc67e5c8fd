"""What the explorer shows of claims, worked out once in Python: how a node's or edge's evidence stands as a
whole, each figure's amount in words, and each state of an event's history with the bounds of its date.

Works on any graph: values that are not what kgraph writes are passed over, never an error.

>>> stance_summary([{"quote": "q", "stance": "denies"}]), stance_summary([{"quote": "q"}, {"quote": "r", "stance": "disputes"}])
('denied', 'contested')
>>> figure_entries([{"measure": "population", "value": 20000, "qualifier": "about", "evidence": []}])
[{'measure': 'population', 'amount': 'about 20,000', 'counts': [], 'evidence': []}]
>>> [state["t"] for state in states([{"status": "predicted", "date": "[2020-10-29..]"}, {"status": "occurred", "date": "2020-11-08"}])]
[['2020-10-29', None, '2020-10-29', None], ['2020-11-08', '2020-11-08', '2020-11-08', '2020-11-08']]
"""

from __future__ import annotations

from typing import Any

from kgraph.annotations.dates import TimeSpan
from kgraph.graph.attributes import DATE_BOUNDS, amount_text, ids, plain_text, stance_of
from kgraph.graph.build import date_attributes
from kgraph.values import json_ready

#: What the summary of a node's or edge's evidence says, by the stances its quotes take.
SUMMARIES = {
    "denied": "every quote denies it",
    "disputed": "every quote disputes it, or some deny and the others dispute",
    "contested": "some quotes support it and some deny or dispute it",
}


def _dicts(value: object) -> list[dict[Any, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list | tuple) else []


def stance_summary(evidence: object) -> str | None:
    """How a list of evidence stands as a whole (a key of :data:`SUMMARIES`), or None when it all supports.

    >>> stance_summary([{"quote": "q"}]) is None
    True
    """
    stances = [stance_of(e) for e in _dicts(evidence)]
    against = [s for s in stances if s != "supports"]
    if not against:
        return None
    if len(against) < len(stances):
        return "contested"
    return "denied" if all(s == "denies" for s in against) else "disputed"


def figure_entries(figures: object) -> list[dict[str, Any]]:
    """Each figure as the explorer lists it: measure, amount in words, what it counts, its evidence.

    >>> figure_entries([{"measure": "distance", "max": 5, "evidence": [{"quote": "q"}]}])[0]["amount"]
    'at most 5 km'
    """
    found = []
    for figure in _dicts(figures):
        if "measure" not in figure:
            continue
        entry = {
            "measure": plain_text(figure["measure"]),
            "amount": amount_text(figure),
            "counts": ids(figure.get("counts")),
            "evidence": json_ready(_dicts(figure.get("evidence")), keep_none=False),
        }
        if figure.get("note"):
            entry["note"] = plain_text(figure["note"])
        found.append(entry)
    return found


def states(history: object) -> list[dict[str, Any]]:
    """Each state of an event's history with its date's bounds (``t``: face value first, then the widened ones,
    None where open or where the date cannot be read).

    >>> states([{"source": "s", "status": "occurred", "date": "not a date"}])[0]["t"]
    [None, None, None, None]
    """
    found = []
    for state in _dicts(history):
        if "status" not in state:
            continue
        text = plain_text(state.get("date", ""))
        try:
            bounds = date_attributes(TimeSpan.parse(text)) if text else {}
        except (ValueError, TypeError, OverflowError):
            bounds = {}
        item = {"status": plain_text(state["status"]), "date": text, "t": [bounds.get(k) for k in DATE_BOUNDS]}
        if state.get("source"):
            item["source"] = plain_text(state["source"])
        found.append(item)
    return found
