"""The parts of an item that failed validation which are valid on their own, for the checks across files.

An event whose date does not exist still names its participants, its place and its quotes. Were they left
unchecked until the date is fixed, a second round of problems (an unknown actor, a quote not in its source) would
meet the annotator who thought the file done. :func:`partial` keeps, of such an item, each reference and each
participant, figure and piece of evidence that validates by itself, at its position, and the checks across files
check them as they check a valid item's (:mod:`kgraph.corpus.checks`). Nothing else reads them: a corpus with a
problem is not assembled, and the warnings, which may read any field, leave an invalid item alone.

>>> from kgraph.annotations.models import Event
>>> found = partial(Event, {"id": "e", "date": "2023-02-30", "place": "town", "participants": [
...     {"actor": "ann", "role": "speakr"}, {"actor": "bob", "role": "speaker"}], "evidence": [{"quote": "q"}]})
>>> found.place, [p and p.actor for p in found.participants], len(found.evidence)
('town', [None, 'bob'], 1)
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from kgraph.annotations.base import Model
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.fields import Ref
from kgraph.annotations.models import Entity, Event, Participant
from kgraph.corpus.record import Partial

__all__ = ["partial"]

#: The lists of parts a partial item keeps, with the model of each part.
_PARTS: dict[str, type[Model]] = {"participants": Participant, "figures": Figure, "evidence": Evidence}


def partial(model: type[Model], data: Any) -> Partial | None:
    """The parts of ``data`` (an item ``model`` did not validate) that are valid on their own; None for an item
    that is not an event or an entity, whose parts the checks do not follow apart from it."""
    if not (isinstance(data, dict) and issubclass(model, Event | Entity)):
        return None
    fields = model.model_fields
    values: dict[str, Any] = {}
    for name in ("place", "part_of"):
        if name in fields and _is_ref(data.get(name)):
            values[name] = data[name]
    for name, part in _PARTS.items():
        given = data.get(name)
        if name in fields and isinstance(given, list):
            values[name] = tuple(_valid(part, value) for value in given)
    return Partial(**values)


def _is_ref(value: Any) -> bool:
    try:
        _ref().validate_python(value)
    except ValidationError:
        return False
    return True


@cache
def _ref() -> TypeAdapter[str]:
    return TypeAdapter(Ref)


def _valid(model: type[Model], value: Any) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None
