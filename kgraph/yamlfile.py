"""Read one YAML annotation file into plain data, remembering the line of every value.

Annotation files are read with YAML 1.2 scalar rules, the ones editors use:
``2023-07-12`` and ``no`` stay text, only ``true``/``false`` are booleans.
Duplicate keys, anchors and aliases, custom tags and deep nesting are
reported as problems rather than silently accepted.

>>> data, lines, problems = parse_yaml("a:\\n  - b: 2023-07-12\\n    c: no\\n", "f.yaml")
>>> data, problems
({'a': [{'b': '2023-07-12', 'c': 'no'}]}, [])
>>> lines.line(("a", 0, "c"))
3
>>> parse_yaml("a: 1\\na: 2\\n", "f.yaml")[2]
[Problem(path='f.yaml', line=2, message="duplicate key 'a' (first at line 1)")]
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from kgraph.errors import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

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


class QuotingDumper(yaml.SafeDumper):
    """Writes every text value double-quoted, so a YAML 1.2 reader (kgraph, an editor) reads text back as text.

    PyYAML's plain style follows YAML 1.1 and leaves text such as ``0E0`` unquoted, which YAML 1.2 reads as a number.
    """


QuotingDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """Decode the bytes of a text file as UTF-8 (a byte-order mark is allowed), or say why not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(display, 1, "file is encoded as UTF-16: save it as UTF-8")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        byte = raw[exc.start : exc.start + 1].hex()
        return None, [Problem(display, line, f"invalid UTF-8 (byte 0x{byte}): save the file as UTF-8")]


def parse_yaml(text: str, display: str) -> tuple[Any, LineMap, list[Problem]]:
    """Parse YAML text into plain data and a :class:`LineMap`; problems are returned, never raised."""
    lines = LineMap()
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = 1 if mark is None else mark.line + 1
        return None, lines, [Problem(display, line, _syntax_message(exc, text))]
    except yaml.YAMLError as exc:  # errors without a position, such as a stream that is not text
        return None, lines, [Problem(display, 1, f"YAML syntax error: {exc}")]
    except RecursionError:
        return None, lines, [Problem(display, 1, f"nesting deeper than {MAX_DEPTH} levels")]
    if root is None:
        return None, lines, []
    builder = _Builder(display, lines)
    data = builder.build(root, (), 0)
    if builder.aliased:  # the composer shares aliased nodes; find where the aliases are written
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                builder.problems.append(Problem(display, event.start_mark.line + 1, _ALIAS_MESSAGE))
    return data, lines, builder.problems


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    if mark is not None:
        lines = text.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "YAML syntax error: tab character; indent with spaces only"
    if exc.context and problem.startswith("but "):  # PyYAML splits such messages in two halves
        return f"YAML syntax error: {exc.context} {problem}"
    where = ""
    if exc.context and exc.context_mark is not None and (mark is None or exc.context_mark.line != mark.line):
        where = f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
    elif exc.context:
        where = f" ({exc.context})"
    return f"YAML syntax error: {problem}{where}"


class _Builder:
    def __init__(self, display: str, lines: LineMap):
        self.display = display
        self.lines = lines
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.aliased = False

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.display, node.start_mark.line + 1, message))

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if not path:
            self.lines.lines[()] = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            self.problem(node, f"nesting deeper than {MAX_DEPTH} levels")
            return UNREADABLE
        if id(node) in self.seen:
            self.aliased = True
            return UNREADABLE
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, f"unsupported YAML tag {node.tag!r}")
            return UNREADABLE
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines.lines[(*path, index)] = item.start_mark.line + 1
                items.append(self.build(item, (*path, index), depth + 1))
            return items
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a mapping key must be plain text")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag.endswith(":merge"):
                self.problem(key_node, "YAML merge keys (<<) are not supported: write the fields out")
                continue
            if key in first_line:
                self.problem(key_node, f"duplicate key {key!r} (first at line {first_line[key]})")
                continue
            first_line[key] = line
            self.lines.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


def _scalar(node: yaml.ScalarNode) -> Any:
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
