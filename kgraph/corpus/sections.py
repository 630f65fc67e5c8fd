"""Split the text of an annotation file (YAML or JSON Lines) into items to validate, each with its section and lines.

>>> items, problems = jsonl_items('{"record": "person", "id": "a", "name": "A"}\\n{"record": ["person"]}', "f.jsonl")
>>> [(i.section, i.data) for i in items]
[('persons', {'id': 'a', 'name': 'A'})]
>>> print(*problems)
f.jsonl:2: unknown record type ['person'] (one of: source, person, organization, group, place, event, relation, addition)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kgraph.annotations.files import ENTITY_SECTIONS, SECTIONS, SYNONYMS
from kgraph.corpus.yamlfile import MAX_DEPTH, LineMap, parse_yaml
from kgraph.errors import Problem
from kgraph.text import Suggester

ALL_SECTIONS = ("source", *SECTIONS)

#: Section of each JSON Lines record type.
RECORD_TYPES: dict[str, str] = {
    "source": "source",
    **{kind: section for section, kind in ENTITY_SECTIONS.items()},
    "event": "events",
    "relation": "relations",
    "addition": "additions",
}


@dataclass(frozen=True)
class Item:
    """One item of an annotation file before validation: its section, data, location and line map."""

    section: str
    data: Any
    loc: tuple[str | int, ...]
    lines: LineMap


#: How the message about an annotation file with nothing in it starts.
EMPTY = "file is empty"


def yaml_items(text: str, display: str) -> tuple[list[Item], list[Problem]]:
    """The items of a YAML annotation file, and the problems found reading it."""
    data, lines, problems = parse_yaml(text, display)
    if data is None:  # a syntax error, or nothing but comments: the file cannot be read further
        return [], problems or [Problem(display, 0, f"{EMPTY}: expected sections such as source, persons, events")]
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        return [], [
            *problems,
            Problem(display, 1, f"expected a mapping of sections ({', '.join(ALL_SECTIONS)}), found {found}"),
        ]
    items = []
    for key, value in data.items():
        if key == "source":
            items.append(Item("source", value, ("source",), lines))
        elif key not in SECTIONS:
            meant, sure = _meant(key, ALL_SECTIONS)
            hint = f"; did you mean {meant!r}?" if meant else f" (one of: {', '.join(ALL_SECTIONS)})"
            problems.append(Problem(display, lines.line((key,)), f"unknown section {key!r}{hint}"))
            if sure and meant in SECTIONS and isinstance(value, list):  # read as meant, so all problems are found
                items.extend(Item(meant, item, (key, index), lines) for index, item in enumerate(value))
        elif isinstance(value, list):
            items.extend(Item(key, item, (key, index), lines) for index, item in enumerate(value))
        elif value is not None:
            problems.append(
                Problem(display, lines.line((key,)), f"{key}: expected a list of items, each starting with '- '")
            )
    items.sort(key=lambda item: item.section != "source")  # the source first, as its id is the evidence's default
    return items, problems


def jsonl_items(text: str, display: str) -> tuple[list[Item], list[Problem]]:
    """The items of a JSON Lines annotation file (one record a line), and the problems found reading it."""
    items: list[Item] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        data, message = _json_object(line)
        if message:
            problems.append(Problem(display, number, message))
            continue
        kind = data.pop("record", None)
        if not isinstance(kind, str) or kind not in RECORD_TYPES:
            meant, sure = _meant(kind, RECORD_TYPES) if isinstance(kind, str) else (None, False)
            hint = f"; did you mean {meant!r}?" if meant else f" (one of: {', '.join(RECORD_TYPES)})"
            problems.append(Problem(display, number, f"unknown record type {kind!r}{hint}"))
            if not sure or meant in (None, "source"):
                continue
            kind = meant  # read as the type meant, so that all problems are found
        items.append(Item(RECORD_TYPES[kind], data, (), LineMap({(): number})))
    if not items and not problems:
        problems.append(Problem(display, 0, f"{EMPTY}: expected one JSON record a line"))
    items.sort(key=lambda item: item.section != "source")
    return items, problems


def _meant(word: str, choices: Iterable[str]) -> tuple[str | None, bool]:
    """The section or record type ``word`` is most likely meant as, if any, and whether that is sure: another word
    for it (people), or it in the singular or plural (relation), but not a mere likeness (location, relations)."""
    choices = list(choices)
    for sure in (word.lower(), SYNONYMS.get(word.lower(), "")):
        for form in (sure, sure + "s", sure.removesuffix("s")):
            if form in choices:
                return form, True
    close = Suggester(choices).close(word)
    return (close[0] if close else None), False


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _json_object(line: str) -> tuple[Any, str]:
    """The JSON object on a line, or a message saying why there is none."""
    if line.count("[") + line.count("{") > MAX_DEPTH and _depth(line) > MAX_DEPTH:
        return None, f"nesting deeper than {MAX_DEPTH} levels"
    try:
        data = _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON: {exc.msg} (column {exc.colno})"
    except _DuplicateKey as exc:
        return None, f"duplicate key {exc.args[0]!r}"
    except ValueError:  # the only other one: an integer longer than Python converts
        return None, f"invalid JSON: a number with more than {sys.get_int_max_str_digits():,} digits"
    except RecursionError:
        return None, f"nesting deeper than {MAX_DEPTH} levels"
    if not isinstance(data, dict):
        return None, 'expected a JSON object such as {"record": "event", ...}'
    return data, ""


def _depth(line: str) -> int:
    """The deepest nesting of arrays and objects on a line of JSON, strings set aside."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", line)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


#: One decoder for every line (json.loads would make a new one, and its scanner, for each).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_duplicates)
