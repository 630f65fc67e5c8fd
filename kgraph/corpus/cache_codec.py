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
from datetime import date
from functools import cache
from typing import Any

from pydantic import BaseModel

from kgraph.annotations.base import Model
from kgraph.annotations.dates import TimeSpan
from kgraph.corpus.checks import Invalid

__all__ = ["Uncacheable", "decode", "encode"]


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


def encode(value: Any) -> Any:
    """``value`` as JSON data in which every object is tagged: a model is ``{"m": class, "s": fields given, "v":
    values in the order of its fields}``, a tuple ``{"t": [...]}``, a mapping ``{"d": [[key, value], ...]}``.

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
    if isinstance(value, BaseModel):
        cls = type(value)
        if _models().get(cls.__name__) is not cls or value.__pydantic_extra__ or value.__pydantic_private__:
            raise Uncacheable(cls.__name__)
        if set(value.__dict__) != set(cls.model_fields):
            raise Uncacheable(f"{cls.__name__} with other attributes than its fields")
        fields = [encode(value.__dict__[name]) for name in cls.model_fields]
        return {"m": cls.__name__, "s": sorted(value.model_fields_set), "v": fields}
    if isinstance(value, TimeSpan):
        days = (value.earliest, value.latest, value.earliest_possible, value.latest_possible)
        return {"e": [value.edtf, *(_day(d) for d in days), value.precision, value.approximate, value.uncertain]}
    if type(value) is date:
        return {"D": value.isoformat()}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"d": [[k, encode(v)] for k, v in value.items()]}
    raise Uncacheable(type(value).__name__)


def decode(text: str | bytes) -> Any:
    """The value whose :func:`encode` data is the JSON ``text`` (a ``ValueError``, ``KeyError`` or ``TypeError`` for
    anything :func:`encode` did not write). Each object is rebuilt as the JSON reader meets it, inner ones first.

    >>> decode('{"t": ["a", {"D": "2023-07-12"}]}')
    ('a', datetime.date(2023, 7, 12))
    """
    return json.loads(text, object_hook=_rebuild)


def _rebuild(data: dict[str, Any]) -> Any:
    if len(data) == 3:
        cls = _models()[data["m"]]
        names, values, given = cls.model_fields, data["v"], set(data["s"])
        if not isinstance(values, list) or len(values) != len(names) or not given <= names.keys():
            raise ValueError(f"not the fields of {cls.__name__}")
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", dict(zip(names, values, strict=True)))
        object.__setattr__(made, "__pydantic_fields_set__", given)
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", None)
        return made
    ((tag, inner),) = data.items()
    if tag == "t" and isinstance(inner, list):
        return tuple(inner)
    if tag == "e":
        edtf, earliest, latest, earliest_possible, latest_possible, precision, approximate, uncertain = inner
        days = (_undo_day(earliest), _undo_day(latest), _undo_day(earliest_possible), _undo_day(latest_possible))
        if not (isinstance(edtf, str) and isinstance(precision, str)):
            raise TypeError("not an EDTF span")
        return TimeSpan(edtf, *days, precision, bool(approximate), bool(uncertain))
    if tag == "D":
        return date.fromisoformat(inner)
    if tag == "d":
        return {str(key): value for key, value in inner}
    if tag == "i" and isinstance(inner, str):
        return Invalid(inner)
    raise ValueError(f"unknown tag {tag!r}")


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _undo_day(text: Any) -> date | None:
    return None if text is None else date.fromisoformat(text)
