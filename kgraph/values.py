"""Values made JSON-ready, in one place: what queries return as records and what the exports write as JSON.

Dates become ISO text, sets sorted lists, tuples lists, models and records plain dicts, keys text as JSON writes
them, infinities and any other object text; with ``keep_none=False``, keys whose value is None are left out.

>>> from datetime import date
>>> json_ready({"when": date(2023, 7, 12), "tags": {"b", "a"}, "gone": None}, keep_none=False)
{'when': '2023-07-12', 'tags': ['a', 'b']}
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime
from typing import Any


def json_ready(value: Any, keep_none: bool = True) -> Any:
    """``value`` as data the json module writes: see the module's rules."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {_key(k): json_ready(v, keep_none) for k, v in value.items() if keep_none or v is not None}
    if isinstance(value, list | tuple):
        return [json_ready(v, keep_none) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((json_ready(v, keep_none) for v in value), key=str)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "model_dump"):  # an annotation model: its own JSON form, empty fields left out
        return value.model_dump(mode="json", exclude_none=True)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a query's record
        return {f.name: json_ready(getattr(value, f.name), keep_none) for f in dataclasses.fields(value)}
    return str(value)


def _key(key: Any) -> str:
    """A dict's key as JSON writes it (``true``, ``null``, ``1.5``), or as text when JSON has no rule for it.

    >>> [_key(k) for k in ("a", 1, True, None, 1.5, float("inf"), (1, 2))]
    ['a', '1', 'true', 'null', '1.5', 'inf', '(1, 2)']
    """
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    return str(key)  # numbers as JSON writes them too
