"""Validated records as JSON and back, for :mod:`kgraph.corpus.cache`: plain data only, nothing that runs code.

A model is written as its class name (looked up among kgraph's annotation models, never imported by name), the
fields it was given and every field's value; it is rebuilt without validating it again, so that reading a cached
file costs less than validating it. Anything else than text, numbers, lists, tuples, mappings, dates and EDTF
spans makes the record uncacheable (:class:`Uncacheable`), and the file is then validated every time.

>>> from kgraph.annotations.models import Person
>>> person = Person(id="ann", name="Ann")
>>> text = json.dumps(encode(person))
>>> decode(text) == person, decode(text).model_fields_set == person.model_fields_set
(True, True)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from typing import Any, NamedTuple, get_origin

from pydantic import BaseModel

from kgraph.annotations.base import Model
from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.models import Participant
from kgraph.corpus.record import Invalid, Partial

__all__ = ["Uncacheable", "decode", "dumps", "encode"]


class Uncacheable(Exception):
    """A value the cache does not write: the file it comes from is validated every time instead."""


@cache
def _models() -> dict[str, type[BaseModel]]:
    """Every annotation model by class name; a name two models share is left out (their records are not cached)."""
    import kgraph.annotations.files
    import kgraph.annotations.models  # noqa: F401

    found: dict[str, type[BaseModel]] = {}
    twice: set[str] = set()
    stack: list[type[BaseModel]] = [Model]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__name__ in found and found[cls.__name__] is not cls:
            twice.add(cls.__name__)
        found[cls.__name__] = cls
    return {name: cls for name, cls in found.items() if name not in twice}


class _Spec(NamedTuple):
    """What the codec needs of a model class, found once: its fields in order; those that hold a tuple of texts
    (written as a list, and made a tuple again on reading); and those that may hold something else than text,
    numbers, models and lists of them (tagged before the JSON writer would make a list or an untagged object)."""

    cls: type[BaseModel]
    names: tuple[str, ...]
    keys: frozenset[str]
    tuples: tuple[int, ...]
    tagged: tuple[int, ...]


@cache
def _specs() -> dict[str, _Spec]:
    specs = {}
    for name, cls in _models().items():
        fields = list(cls.model_fields.values())
        tuples = tuple(i for i, field in enumerate(fields) if get_origin(field.annotation) is tuple)
        tagged = tuple(
            i
            for i, field in enumerate(fields)
            if i not in tuples
            and any(word in repr(field.annotation).lower() for word in ("dict", "tuple", "mapping", "set", "any"))
        )
        specs[name] = _Spec(cls, tuple(cls.model_fields), frozenset(cls.model_fields), tuples, tagged)
    return specs


#: The fields given to a model, as a number whose bit ``i`` stands for its ``i``-th field, by the id of the set of
#: them and the class (the set kept too, so that its id stays its own): the loader gives every model with the same
#: fields given one shared set, so there are few.
_MASKS: dict[tuple[int, str], tuple[set[str], int]] = {}
#: One set of given fields for all the models decoded with the same ones (by class and number), as the loader shares
#: them.
_GIVEN: dict[tuple[str, int], set[str]] = {}


def _mask(given: set[str], name: str, spec: _Spec) -> int:
    found = _MASKS.get((id(given), name))
    if found is not None and found[0] is given:
        return found[1]
    mask = sum(1 << i for i, field in enumerate(spec.names) if field in given)
    if len(_MASKS) < 4096:
        _MASKS[id(given), name] = (given, mask)
    return mask


def _given(name: str, mask: Any, spec: _Spec) -> set[str]:
    """The set of given fields that ``mask`` stands for, shared."""
    shared = _GIVEN.get((name, mask))
    if shared is None:
        if type(mask) is not int or not 0 <= mask < 1 << len(spec.names):
            raise ValueError(f"not the fields of {name}")
        shared = {field for i, field in enumerate(spec.names) if mask >> i & 1}
        if len(_GIVEN) < 4096:
            _GIVEN[name, mask] = shared
    return shared


def encode(value: Any) -> Any:
    """``value`` as JSON data in which every object is tagged: a model is ``{"m": class, "s": fields given (bit
    ``i`` for its ``i``-th field), "v": values in the order of its fields}`` (a field that holds a tuple of texts
    holds a list), a tuple ``{"t": [...]}``, a mapping ``{"d": [[key, value], ...]}``.

    >>> encode(("a", 1, None, [2.5]))
    {'t': ['a', 1, None, [2.5]]}
    >>> try:
    ...     encode(object())
    ... except Uncacheable as exc:
    ...     print("not cached:", exc)
    not cached: object
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"d": [[k, encode(v)] for k, v in value.items()]}
    return _tagged(value, deep=True)


def dumps(value: Any) -> bytes:
    """The JSON of :func:`encode` ``(value)``, written faster: the JSON writer walks the lists and calls back for
    models, spans and dates only. Outside models, ``value`` holds no tuple and no mapping (the writer would make
    them an untagged list and object, which :func:`decode` does not read back as they were).

    >>> from kgraph.annotations.evidence import Evidence
    >>> evidence = Evidence(quote="Shusha is ours", claimed_by=("aliyev",))
    >>> dumps([evidence, 1]) == json.dumps(encode([evidence, 1]), separators=(",", ":")).encode()
    True
    """
    return json.dumps(value, separators=(",", ":"), default=_tagged, check_circular=False).encode()


@cache
def _by_class() -> dict[type[BaseModel], _Spec]:
    return {spec.cls: spec for spec in _specs().values()}


def _tagged(value: Any, deep: bool = False) -> dict[str, Any]:
    """A model, span, date or stand-in for an invalid item as a tagged object whose values the JSON writer goes on
    with (the call back of :func:`dumps`), or, ``deep``, :func:`encode` does; anything else is :class:`Uncacheable`."""
    spec = _by_class().get(type(value))
    if spec is not None:
        name = spec.cls.__name__
        if value.__pydantic_extra__ or value.__pydantic_private__:
            raise Uncacheable(name)
        fields = value.__dict__
        if fields.keys() != spec.keys:
            raise Uncacheable(f"{name} with other attributes than its fields")
        values = [fields[field] for field in spec.names]
        for index in range(len(values)) if deep else spec.tagged:
            values[index] = encode(values[index])
        for index in spec.tuples:
            texts = fields[spec.names[index]]
            if not (type(texts) is tuple and all(type(t) is str for t in texts)):
                raise Uncacheable(f"{name} with other than a tuple of texts in {spec.names[index]}")
            values[index] = list(texts)
        return {"m": name, "s": _mask(value.__pydantic_fields_set__, name, spec), "v": values}
    if isinstance(value, Invalid):
        if value.partial is None:
            return {"i": value.id}
        found = value.partial
        parts = [found.place, found.part_of, list(found.participants), list(found.figures), list(found.evidence)]
        return {"i": value.id, "p": encode(parts) if deep else parts}
    if isinstance(value, TimeSpan):
        return {"e": _span_data(value)}
    if type(value) is date:
        return {"D": value.isoformat()}
    raise Uncacheable(type(value).__name__)


def decode(text: str | bytes) -> Any:
    """The value whose :func:`encode` data is the JSON ``text`` (a ``ValueError``, ``KeyError`` or ``TypeError`` for
    anything :func:`encode` did not write). Each object is rebuilt as the JSON reader meets it, inner ones first.

    >>> decode('{"t": ["a", {"D": "2023-07-12"}]}')
    ('a', datetime.date(2023, 7, 12))
    """
    return json.loads(text, object_hook=_rebuilder(_specs()))


def _rebuilder(specs: dict[str, _Spec]) -> Callable[[dict[str, Any]], Any]:
    """What :func:`decode` makes of each JSON object (its lookups at hand: it runs for every model)."""
    shared_sets, setter, new, span = _GIVEN, object.__setattr__, object.__new__, _span

    def rebuild(data: dict[str, Any]) -> Any:
        if len(data) == 3:
            name, values, mask = data["m"], data["v"], data["s"]
            spec = specs[name]
            cls, names, _, tuples, _ = spec
            given = shared_sets.get((name, mask))
            if given is None:
                given = _given(name, mask, spec)
            if type(values) is not list or len(values) != len(names):
                raise ValueError(f"not the fields of {name}")
            for index in tuples:
                if type(values[index]) is not list:
                    raise ValueError(f"not the fields of {name}")
                values[index] = tuple(values[index])
            made = new(cls)
            setter(made, "__dict__", dict(zip(names, values, strict=False)))  # as long: told above
            setter(made, "__pydantic_fields_set__", given)
            setter(made, "__pydantic_extra__", None)
            setter(made, "__pydantic_private__", None)
            return made
        if len(data) == 2:
            return _invalid(data.get("i"), data.get("p"))
        ((tag, inner),) = data.items()
        if tag == "e":
            return span(tuple(inner))
        if tag == "t" and isinstance(inner, list):
            return tuple(inner)
        if tag == "D":
            return date.fromisoformat(inner)
        if tag == "d":
            return {str(key): value for key, value in inner}
        if tag == "i" and isinstance(inner, str):
            return Invalid(inner)
        raise ValueError(f"unknown tag {tag!r}")

    return rebuild


def _invalid(id: Any, parts: Any) -> Invalid:
    """The stand-in of an invalid item with its valid parts, as :func:`_tagged` wrote it."""
    if not (isinstance(id, str) and type(parts) is list and len(parts) == 5):
        raise ValueError("not an invalid item's parts")
    place, part_of, *lists = parts
    if not all(p is None or isinstance(p, str) for p in (place, part_of)):
        raise ValueError("not an invalid item's parts")
    for found, cls in zip(lists, (Participant, Figure, Evidence), strict=True):
        if not (type(found) is list and all(p is None or type(p) is cls for p in found)):
            raise ValueError("not an invalid item's parts")
    participants, figures, evidence = (tuple(x) for x in lists)
    return Invalid(id, Partial(place, part_of, participants, figures, evidence))


@lru_cache(maxsize=65536)
def _span_data(span: TimeSpan) -> list[Any]:
    """What an ``"e"`` object holds of ``span``, found once for each (it is never changed: the JSON writer only reads
    it)."""
    days = (span.earliest, span.latest, span.earliest_possible, span.latest_possible)
    return [span.edtf, *(_day(d) for d in days), span.precision, span.approximate, span.uncertain]


@lru_cache(maxsize=65536)
def _span(inner: tuple[Any, ...]) -> TimeSpan:
    """The EDTF span of an ``"e"`` object, made once for each (a span is frozen, so those equal can be one)."""
    edtf, earliest, latest, earliest_possible, latest_possible, precision, approximate, uncertain = inner
    days = (_undo_day(earliest), _undo_day(latest), _undo_day(earliest_possible), _undo_day(latest_possible))
    if not (isinstance(edtf, str) and isinstance(precision, str)):
        raise TypeError("not an EDTF span")
    return TimeSpan(edtf, *days, precision, bool(approximate), bool(uncertain))


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _undo_day(text: Any) -> date | None:
    return None if text is None else date.fromisoformat(text)
