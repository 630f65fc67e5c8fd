"""Build plain data from libyaml's events, remembering the line of every value; see :mod:`kgraph.corpus.yamlfile`.

The data is built with a stack of open collections, never by recursion, and reading stops at the first
value nested deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from kgraph.errors import Problem

#: Deeper nesting than this is a mistake in an annotation file, not data.
MAX_DEPTH = 64

Path = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_STANDARD_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STANDARD_TAG + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


class _Unreadable:
    """Stands for a value that was reported and cannot be read (an alias, an unsupported tag)."""

    def __repr__(self) -> str:
        return "UNREADABLE"


#: The value put where a reported value was; the loader does not validate items that contain it.
UNREADABLE = _Unreadable()
_ALIAS_MESSAGE = "YAML aliases (*name) are not supported in annotation files: write the value out"


@dataclass
class LineMap:
    """Line numbers of the values in one file, by their path of keys and indexes."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Sequence[str | int]) -> int:
        """The line of the deepest value along ``path``; parts not in the file (such as union tags in Pydantic error locations) are skipped."""
        current: Path = ()
        best = self.lines.get((), 1)
        for part in path:
            candidate = (*current, part)
            if candidate in self.lines:
                current, best = candidate, self.lines[candidate]
        return best


class Abandoned(Exception):
    """The file cannot be read further (deep nesting, a second document)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


_SKIP: Any = object()  # the key of a value that is read but not kept (a key that is not text, a duplicate)


class _Frame:
    """A collection being built: its value, path and depth; for a mapping, the key waiting for its value."""

    __slots__ = ("depth", "first_line", "has_key", "key", "path", "skip", "value")

    def __init__(self, value: Any, path: Path, depth: int, skip: bool):
        self.value, self.path, self.depth, self.skip = value, path, depth, skip
        self.key: Any = None
        self.has_key = False
        self.first_line: dict[str, int] = {}


class Builder:
    def __init__(self, display: str, lines: LineMap):
        self.display = display
        self.lines = lines
        self.problems: list[Problem] = []
        self.anchors: dict[str, int] = {}
        self.aliases: set[str] = set()

    def problem(self, event: yaml.Event, message: str) -> None:
        self.problems.append(Problem(self.display, _line(event), message))

    def run(self, events: Iterable[yaml.Event]) -> Any:
        """The document's data, built from the parser's events with a stack of open collections."""
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent and stack and self.plain(stack[-1], event):
                continue
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                frame = stack.pop()
                if stack:
                    self.finish(stack[-1], frame.value)
                else:
                    root = frame.value
                continue
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "YAML syntax error: expected a single document in the stream but found another document"
                    raise Abandoned(_line(event), message)
                continue
            if kind not in _NODE_EVENTS:
                continue
            parent = stack[-1] if stack else None
            line = _line(event)
            depth = parent.depth + 1 if parent else 0
            if depth > MAX_DEPTH:
                raise Abandoned(line, f"nesting deeper than {MAX_DEPTH} levels")
            path = self.slot(parent, event, line)
            value = self.node(event)
            if parent is None:
                self.lines.lines[()] = line
            if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if path is None or value is UNREADABLE:
                    stack.append(_Frame(UNREADABLE, (), depth, True))
                else:
                    stack.append(_Frame([] if kind is yaml.SequenceStartEvent else {}, path, depth, False))
            elif parent is None:
                root = value
            else:
                self.finish(parent, value)
        return root

    def plain(self, parent: _Frame, event: Any) -> bool:
        """Place a plain scalar in the collection around it, the common case, quickly; False for any other case."""
        if parent.skip or parent.depth >= MAX_DEPTH or event.anchor is not None or event.tag is not None:
            return False
        if type(parent.value) is list:
            self.lines.lines[(*parent.path, len(parent.value))] = event.start_mark.line + 1
            parent.value.append(_scalar(event))
            return True
        if parent.has_key and parent.key is not _SKIP:
            parent.value[parent.key] = _scalar(event)
            parent.key, parent.has_key = None, False
            return True
        key = event.value
        if parent.has_key or key == "<<" or key in parent.first_line:
            return False
        line = event.start_mark.line + 1
        parent.first_line[key] = line
        self.lines.lines[(*parent.path, key)] = line
        parent.key, parent.has_key = key, True
        return True

    def slot(self, parent: _Frame | None, event: yaml.Event, line: int) -> Path | None:
        """The path of a node that starts, or None when it is not kept (a key, or inside something not kept)."""
        if parent is None:
            return ()
        if parent.skip:
            return None
        if isinstance(parent.value, list):
            path = (*parent.path, len(parent.value))
            self.lines.lines[path] = line
            return path
        if not parent.has_key:
            self.key(parent, event, line)
            return None
        return None if parent.key is _SKIP else (*parent.path, parent.key)

    def key(self, parent: _Frame, event: yaml.Event, line: int) -> None:
        if type(event) is not yaml.ScalarEvent:
            if type(event) is not yaml.AliasEvent:
                self.problem(event, "a mapping key must be plain text")
            parent.key = _SKIP
            return
        key = event.value
        if key == "<<" and event.style in (None, "") and event.tag is None:
            self.problem(event, "YAML merge keys (<<) are not supported: write the fields out")
            parent.key = _SKIP
        elif key in parent.first_line:
            self.problem(event, f"duplicate key {key!r} (first at line {parent.first_line[key]})")
            parent.key = _SKIP
        else:
            parent.first_line[key] = line
            self.lines.lines[(*parent.path, key)] = line
            parent.key = key

    def finish(self, parent: _Frame, value: Any) -> None:
        """Put a node that is complete into the collection around it."""
        if parent.skip:
            return
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif not parent.has_key:  # the key is complete; its value comes next
            parent.has_key = True
        else:
            if parent.key is not _SKIP:
                parent.value[parent.key] = value
            parent.key, parent.has_key = None, False

    def node(self, event: Any) -> Any:
        """A scalar's value; UNREADABLE for an alias or a tag that was reported; None for a collection."""
        if type(event) is yaml.AliasEvent:
            self.aliases.add(str(event.anchor))
            self.problem(event, _ALIAS_MESSAGE)
            return UNREADABLE
        if event.anchor is not None:
            self.anchors.setdefault(event.anchor, _line(event))
        if event.tag is not None and event.tag not in _PLAIN_TAGS and event.tag != "!":
            self.problem(event, f"unsupported YAML tag {event.tag!r}")
            return UNREADABLE
        if type(event) is not yaml.ScalarEvent:
            return None
        if event.tag in (None, _STANDARD_TAG + "seq", _STANDARD_TAG + "map"):
            return _scalar(event)
        return self.tagged(event)

    def tagged(self, event: yaml.ScalarEvent) -> Any:
        """A scalar with an explicit tag: ``!!str`` and ``!`` keep the text; ``!!int``, ``!!float``, ``!!bool``
        and ``!!null`` must read as what they say."""
        kind = "str" if event.tag == "!" else str(event.tag).removeprefix(_STANDARD_TAG)
        if kind in ("str", "timestamp"):  # dates are EDTF text in kgraph
            return event.value
        value = _scalar(yaml.ScalarEvent(event.anchor, None, (True, False), event.value, style=""))
        expected: dict[str, tuple[type, ...]] = {
            "int": (int,),
            "float": (int, float),
            "bool": (bool,),
            "null": (type(None),),
        }
        wanted = expected.get(kind)
        if wanted is not None and isinstance(value, wanted) and not (kind != "bool" and isinstance(value, bool)):
            return float(value) if kind == "float" and isinstance(value, int | float) else value
        self.problem(event, f"{event.value!r} is not a valid {kind} (tagged !!{kind})")
        return UNREADABLE


def _line(event: yaml.Event) -> int:
    return 1 if event.start_mark is None else event.start_mark.line + 1


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _scalar(node: yaml.ScalarEvent) -> Any:
    value: str = node.value
    if node.style not in (None, ""):  # quoted or block text (the C parser marks plain scalars with "")
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    try:
        if _INT.match(value):
            return int(value)
        if _INT_OCT.match(value):
            return int(value[2:], 8)
        if _INT_HEX.match(value):
            return int(value[2:], 16)
    except ValueError:  # more digits than Python converts: keep the text
        return value
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.match(value):
        return math.nan
    return value
