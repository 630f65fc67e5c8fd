"""Figures totalled side by side: what each side says was counted or measured, never adding competing claims.

A side is the claimants of a figure's evidence, or its source when the source itself gives the figure. Each
side has its own total per measure and unit; a figure a side denies is not counted for it. Within a side, the
figures of one measure for the same item (and what it counts) count once: those of the latest source. Measures
that cannot be summed (a population, a distance) are listed one figure a row. Ranges stay ranges: 'at least 4'
and '2' make 'at least 6'.

>>> from pathlib import Path
>>> import kgraph
>>> from kgraph.annotations.models import Event, Source
>>> from kgraph.corpus.corpus import Corpus
>>> def killed(number, by, stance="supports"):
...     evidence = [{"quote": "q", "source": "s", "claimed_by": by, "stance": stance}]
...     return {"measure": "killed", **number, "evidence": evidence}
>>> def event(id, *figures):
...     return Event.model_validate({"id": id, "type": "attack", "title": id, "date": "2020", "date_basis": "stated",
...                                  "figures": list(figures), "evidence": [{"quote": "q", "source": "s"}]})
>>> source = Source.model_validate({"id": "s", "title": "t", "published": "2020-12", "published_basis": "stated",
...                                 "language": "en", "text": "t.txt"})
>>> events = [event("a", killed({"value": 2}, "x"), killed({"value": 2}, "y", "denies")), event("b", killed({"min": 4}, "x"))]
>>> kg = kgraph.KnowledgeGraph(Corpus(Path("."), {"s": source}, {}, {e.id: e for e in events}, {}, {}, {}))
>>> [(t.side, t.text, [f.item for f in t.figures]) for t in figures(kg.index)]
[(('x',), 'at least 6', ['a', 'b'])]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.terms import using
from kgraph.graph.attributes import amount_text, number_text
from kgraph.graph.index import Index
from kgraph.graph.windows import WindowLike, as_window
from kgraph.query.events import entity_named
from kgraph.query.links import check_terms
from kgraph.query.results import Counted, Results, Total
from kgraph.query.stance import side

Number = int | float


def figure_text(figure: Figure) -> str:
    """A figure in words, with its qualifier and unit, as every export writes it: 'at least 200', 'about 20,000'.

    >>> figure_text(Figure(measure="distance", max=5, evidence=[{"quote": "q"}]))
    'at most 5 km'
    """
    fields: dict[object, object] = {"value": figure.value, "min": figure.min, "max": figure.max}
    return amount_text({**fields, "qualifier": figure.qualifier, "unit": figure.measured_in})


def _with_unit(text: str, unit: str | None) -> str:
    """The number in words and its unit, singular after one ('1 month')."""
    if not unit:
        return text
    if text.rsplit(" ", 1)[-1] == "1" and unit.endswith("s") and len(unit) > 2:
        unit = unit[:-1]
    return f"{text} {unit}"


def sum_text(figures: list[Figure]) -> tuple[Number | None, Number | None, str]:
    """The bounds of the sum of figures of one measure and unit, and the sum in words.

    >>> def f(**number): return Figure(measure="killed", evidence=[{"quote": "q"}], **number)
    >>> sum_text([f(value=2), f(min=4)]), sum_text([f(value=2), f(value=3)])[2], sum_text([f(value=20, qualifier="about")])[2]
    ((6, None, 'at least 6'), '5', 'about 20')
    """
    bounds = [f.bounds for f in figures]
    how = {f.how for f in figures}
    lows = [low for low, _ in bounds if low is not None]
    low = sum(lows) if lows else None
    high = None if any(h is None for _, h in bounds) else sum(h for _, h in bounds if h is not None)
    about = "about " if "about" in how else ""
    if high is None:
        text = f"{'more than' if 'more_than' in how else 'at least'} {about}{number_text(low or 0)}"
    elif low is None:
        text = f"{'fewer than' if 'fewer_than' in how else 'at most'} {about}{number_text(high)}"
    elif low == high:
        text = about + number_text(low)
    else:
        text = f"{about}between {number_text(low)} and {number_text(high)}"
    return low, high, _with_unit(text, figures[0].measured_in)


@dataclass(frozen=True)
class _Use:
    """A figure as one side gives it: the item it is about, and that side's quotes for it."""

    item: str
    label: str
    figure: Figure
    evidence: tuple[Evidence, ...]
    published: tuple[date, date, str]


def figures(
    ix: Index, measure: str | list[str] | None = None, during: WindowLike | None = None, involving: str | None = None
) -> Results[Total]:
    """Each side's total per measure and unit (one row per figure for measures that are not summed), by measure.

    ``during`` keeps the figures of events that could fall in the window (entities' figures have no date and are
    left out); ``involving`` those of events the entity takes part in or that happen at it (or a place inside it),
    of the entity itself, and that count it.

    >>> import kgraph
    >>> index = kgraph.KnowledgeGraph.load("seeds").index
    >>> {t.measure for t in figures(index, measure=["population", "distance"])} <= {"population", "distance"}
    True
    """
    with using(ix.corpus.terms):  # a figure's default unit is its measure's, which the corpus may define
        return _totals(ix, measure, during, involving)


def _totals(
    ix: Index, measure: str | list[str] | None, during: WindowLike | None, involving: str | None
) -> Results[Total]:
    measures = ix.corpus.terms.measures
    wanted = check_terms(measure, measures, "measure")
    who = entity_named(ix, involving, "involving") if involving is not None else None
    groups: dict[tuple[tuple[str, ...], str, str | None], dict[object, _Use]] = {}
    for item, label, figure, involved in _figures(ix, during, who):
        if (wanted is not None and figure.measure not in wanted) or (who and not involved and figure.counts != who):
            continue
        for by, evidence in _sides(figure.evidence).items():
            use = _Use(item, label, figure, evidence, max(_published(ix, e) for e in evidence))
            group = groups.setdefault((by, figure.measure, figure.measured_in), {})
            known = measures.get(figure.measure)
            if known is not None and not known.summable:
                group[len(group)] = use
                continue
            slot = (item, figure.counts)
            if slot not in group or group[slot].published <= use.published:
                group[slot] = use
    order = {name: n for n, name in enumerate(measures)}
    found = Results[Total]()
    for (by, name, unit), group in sorted(groups.items(), key=lambda pair: order.get(pair[0][1], len(order))):
        known = measures.get(name)
        rows = [[u] for u in group.values()] if known is not None and not known.summable else [list(group.values())]
        for uses in rows:
            low, high, text = sum_text([u.figure for u in uses])
            if len(uses) == 1:
                (low, high), text = uses[0].figure.bounds, figure_text(uses[0].figure)
            counted = tuple(_counted(u) for u in uses)
            found.append(Total(measure=name, unit=unit, side=by, low=low, high=high, text=text, figures=counted))
    return found


def _figures(ix: Index, during: WindowLike | None, who: str | None) -> Iterator[tuple[str, str, Figure, bool]]:
    """Every figure: of events (in time order, those the window admits), then of entities (without a window);
    each with the item it is about, its label, and whether ``who`` takes part in the event, is (or holds) its place,
    or is the entity."""
    window, corpus = as_window(during), ix.corpus
    chosen = ix.in_window(window, corpus.events) if window else sorted(ix.order, key=ix.order.__getitem__)
    places = ix.places_within(who) if who is not None else set()
    for event_id in chosen:
        event = corpus.events[event_id]
        for figure in event.figures:
            yield event.id, event.title, figure, who in ix.roles[event.id] or event.place in places
    if window is None:
        for entity in corpus.entities.values():
            for figure in entity.figures:
                yield entity.id, entity.name, figure, who == entity.id


def _sides(evidence: list[Evidence]) -> dict[tuple[str, ...], tuple[Evidence, ...]]:
    """The supporting evidence by side, leaving out the sides that deny or dispute the figure."""
    against = {side(e) for e in evidence if e.denies}
    found: dict[tuple[str, ...], list[Evidence]] = {}
    for e in evidence:
        if not e.denies and side(e) not in against:
            found.setdefault(side(e), []).append(e)
    return {by: tuple(items) for by, items in found.items()}


def _published(ix: Index, evidence: Evidence) -> tuple[date, date, str]:
    source = ix.corpus.sources.get(evidence.source or "")
    return source.published.sort_key if source is not None else (date.min, date.min, "")


def _counted(use: _Use) -> Counted:
    return Counted(
        item=use.item,
        label=use.label,
        counts=use.figure.counts,
        text=figure_text(use.figure),
        quotes=tuple(e.quote for e in use.evidence),
        sources=tuple(dict.fromkeys(e.source for e in use.evidence if e.source)),
    )


__all__ = ["figure_text", "figures", "sum_text"]
