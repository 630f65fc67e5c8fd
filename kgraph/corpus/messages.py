"""Pydantic's validation errors as messages for annotators: the field, in the file's own words, and what to do.

>>> from pydantic import ValidationError
>>> from kgraph.annotations.models import Person
>>> try:
...     Person.model_validate({"id": "Ann", "name": "Ann", "nmae": "x"})
... except ValidationError as exc:
...     [message(e, e["loc"]) for e in exc.errors(include_url=False)]
["id: invalid id 'Ann': ids are lowercase words joined by hyphens, such as 'ann'", "unknown field 'nmae'; did you mean 'name'?"]
"""

from __future__ import annotations

import re
from typing import Any

from kgraph.annotations.fields import (
    ITEM_PATTERN,
    LANGUAGE_PATTERN,
    LINE_PATTERN,
    SLUG_PATTERN,
    TEXT_PATTERN,
    Vocabulary,
)
from kgraph.annotations.files import FIELD_PLACES
from kgraph.text import BIDI_CONTROLS, Suggester, code_point, did_you_mean, slug

__all__ = ["message"]
_FIELD_NAMES = Suggester(FIELD_PLACES)


def message(error: Any, where: tuple[Any, ...]) -> str:
    """The message for one of pydantic's errors, at ``where`` (its place in the file: the item's keys, then the error's)."""
    parts = [p for p in where if isinstance(p, int) or (p.isidentifier() and p[:1].islower() and p not in _TYPE_TAGS)]
    kind, message = error["type"], error["msg"]
    if kind in ("extra_forbidden", "missing"):
        field = str(where[-1])
        parent = _dotted(parts[:-1])
        if kind == "extra_forbidden":
            elsewhere = f" here: {FIELD_PLACES[field]} takes it" if field in FIELD_PLACES else ""
            message = f"unknown field {field!r}{elsewhere or did_you_mean(field, _FIELD_NAMES)}"
        else:
            message = f"missing required field {field!r}"
        return f"{parent}: {message}" if parent else message
    pattern = error.get("ctx", {}).get("pattern") if kind == "string_pattern_mismatch" else None
    if pattern in (SLUG_PATTERN, ITEM_PATTERN):
        given = str(error["input"])  # often a name written where its id belongs; a relation's id keeps its --
        example = "--".join(slug(part) for part in given.split("--")) if pattern == ITEM_PATTERN else slug(given)
        example = example if re.fullmatch(pattern, example) else "gegham-stepanyan"
        message = f"invalid id {error['input']!r}: ids are lowercase words joined by hyphens, such as {example!r}"
    elif pattern == LANGUAGE_PATTERN:
        message = f"{error['input']!r} is not a language tag: write a BCP 47 tag, such as 'en', 'hy' or 'hy-Latn'"
    elif pattern in (LINE_PATTERN, TEXT_PATTERN):
        text = str(error["input"])
        if not text.strip():
            message = "must not be empty"
        elif error["ctx"]["pattern"] == LINE_PATTERN:
            bidi = next((c for c in text if c in BIDI_CONTROLS), None)
            message = (
                f"contains a bidirectional control character ({code_point(bidi)}), which reorders the text shown: {text!r}"
                if bidi
                else f"contains a control character or line break: {text!r}"
            )
        else:
            message = f"contains a control character: {text!r}"
    elif kind == "string_too_long" and parts and parts[-1] in _ID_FIELDS:
        message = f"invalid id {str(error['input'])[:40]!r}...: at most {error['ctx']['max_length']} characters"
    elif kind == "too_short":
        count = error["ctx"]["min_length"]
        message = (
            f"needs at least {count} item{'s' * (count != 1)}, found none"
            if not error["input"]
            else f"needs at least {count} items"
        )
    elif kind == "string_too_long":
        message = f"longer than {error['ctx']['max_length']:,} characters ({len(str(error['input'])):,})"
    elif kind == "vocabulary":
        message = Vocabulary(error["ctx"]["vocabulary"]).message(error["input"])
    elif kind in ("float_type", "number"):
        message = f"should be a number, not {_describe(error['input'])}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a mapping of fields, found {_describe(error['input'])}"
    elif kind == "list_type":
        message = f"expected a list (in YAML, items on lines that start with '- '), found {_describe(error['input'])}"
    elif kind == "string_type" and isinstance(error["input"], list | dict):
        message = (
            f"expected text, found {_describe(error['input'])} (in YAML, text that starts with [ or {{ goes in quotes)"
        )
    message = message.removeprefix("Value error, ").replace("Input should be", "should be")
    path = _dotted(parts)
    return f"{path}: {message}" if path else message


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"the text {value if len(value) <= 40 else value[:40] + '…'!r}"
    return f"the value {value!r}" if len(repr(value)) < 60 else f"a {type(value).__name__}"


_ID_FIELDS = {"id", "part_of", "place", "actor", "subject", "object", "source", "claimed_by", "via", "to", "counts"}
_TYPE_TAGS = {"str", "int", "float", "bool", "dict", "list", "none"}


def _dotted(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
