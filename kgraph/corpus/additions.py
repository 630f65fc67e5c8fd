"""Merge what documents add to items defined elsewhere (``additions``) into those items, keeping who added what.

Each addition is applied in the order its source was published. Names, participants, figures and evidence are
appended, stamped with the addition's source (evidence and figures carry theirs already). A later status, date
or end makes a new state of the event; :class:`~kgraph.corpus.corpus.StateChange` records every state with the
source that reports it, so the corpus can answer as of any day (:mod:`kgraph.corpus.asof`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence
from kgraph.annotations.files import Addition
from kgraph.annotations.models import Event, Source
from kgraph.corpus.corpus import StateChange
from kgraph.errors import Problem


def merge_additions(
    items: dict[str, Any],
    additions: Sequence[Addition],
    sources: Mapping[str, Source],
    problem: Callable[[Addition, str, str], Problem],
) -> tuple[dict[str, tuple[StateChange, ...]], list[Problem]]:
    """Apply ``additions`` to ``items`` (entities, events and relations by id, changed in place).

    Returns the history of every event whose status or date an addition changes, and the problems found
    (``problem(addition, field, message)`` makes one).

    >>> import kgraph
    >>> corpus = kgraph.load("tests/fixtures/readme")  # merged on loading: the ceasefire, predicted, then occurred
    >>> [(state.source, state.status) for state in corpus.history["ceasefire"]]
    [('2020-11-09-terter', 'predicted'), ('2020-11-10-ceasefire', 'occurred')]
    """
    problems: list[Problem] = []
    changes: dict[str, list[tuple[Addition, int]]] = {}

    def published(source_id: str | None) -> tuple[Any, ...]:
        source = sources.get(source_id or "")
        return source.published.sort_key if source is not None else ()

    ordered = sorted(enumerate(additions), key=lambda pair: (published(pair[1].source), pair[0]))
    defined = dict(items)  # as their own files define them: an event's first state is its own file's
    for position, addition in ordered:
        item: Any = items.get(addition.to)
        fields = getattr(type(item), "model_fields", None)
        if fields is None:
            continue  # an unknown or invalid target: reported by the checks
        update: dict[str, Any] = {}
        if addition.aliases and "aliases" in fields:
            update["aliases"] = [
                *item.aliases,
                *(a.model_copy(update={"source": addition.source}) for a in addition.aliases),
            ]
        if addition.participants and "participants" in fields:
            stamped = [p.model_copy(update={"source": addition.source}) for p in addition.participants]
            update["participants"] = [*item.participants, *stamped]
        if addition.figures and "figures" in fields:
            update["figures"] = [*item.figures, *addition.figures]
        if addition.evidence and "evidence" in fields:
            update["evidence"] = [*item.evidence, *addition.evidence]
        if update:
            items[addition.to] = item.model_copy(update=update)
        if addition.changes_state and isinstance(item, Event):
            changes.setdefault(addition.to, []).append((addition, position))
    history: dict[str, tuple[StateChange, ...]] = {}
    for event_id, event_changes in changes.items():
        event: Event = defined[event_id]
        base = StateChange(first_source(event.evidence, sources), event.status, event.date)
        states = sorted(
            [(published(base.source), -1, None), *((published(a.source), n, a) for a, n in event_changes)],
            key=lambda entry: (entry[0], entry[1]),
        )
        current = base
        found = []
        for _, _, change in states:
            if change is None:  # the event's own file: its state stands from its source on
                current = base
            else:
                current, problem_text = _next_state(current, change)
                if problem_text:
                    problems.append(problem(change, "end", problem_text))
                    continue
            found.append(current)
        history[event_id] = tuple(found)
        items[event_id] = items[event_id].model_copy(update={"status": found[-1].status, "date": found[-1].date})
    return history, problems


def _next_state(current: StateChange, addition: Addition) -> tuple[StateChange, str]:
    """The state after ``addition``, and a problem's message when its end cannot close the current date."""
    date = addition.date or current.date
    if addition.end is not None:
        end, start = addition.end, current.date.edtf.split("/")[0]
        event = f"event {addition.to!r} (dated {current.date.edtf!r})"
        first, last = current.date.earliest_possible, end.latest_possible
        if first and last and last < first:
            return current, f"end {end.edtf!r} is before the start of {event}"
        try:
            date = TimeSpan.parse(f"{start}/{end.edtf}")
        except ValueError as exc:
            return current, f"end {end.edtf!r} cannot close the date of {event}: {exc}; give the whole 'date' instead"
    return StateChange(addition.source, addition.status or current.status, date), ""


def first_source(evidence: Sequence[Evidence], sources: Mapping[str, Source]) -> str | None:
    """The earliest published source among ``evidence`` (None when it names none).

    >>> first_source([], {}) is None
    True
    """
    named = [e.source for e in evidence if e.source is not None and e.source in sources]
    if not named:
        return None
    return min(named, key=lambda s: (sources[s].published.sort_key, s))


__all__ = ["first_source", "merge_additions"]
