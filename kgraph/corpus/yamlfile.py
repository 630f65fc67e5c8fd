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

import re
from typing import Any

import yaml

from kgraph.corpus.yamlevents import MAX_DEPTH, UNREADABLE, Abandoned, Builder, LineMap
from kgraph.errors import Problem, shown
from kgraph.text import code_point

__all__ = ["MAX_DEPTH", "UNREADABLE", "LineMap", "QuotingDumper", "decode", "parse_yaml"]

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader


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
    """Parse YAML text into plain data and a :class:`LineMap`; problems are returned, never raised.

    The data is built from the parser's events, without recursion, and reading stops at the first value
    nested deeper than :data:`MAX_DEPTH`: neither libyaml's composer (which crashes on deep nesting) nor its
    scanner (which slows down with the square of the depth) ever sees more.

    >>> parse_yaml("a: " + "[" * 100_000, "f.yaml")[2]
    [Problem(path='f.yaml', line=1, message='nesting deeper than 64 levels')]
    """
    lines = LineMap()
    bad = _NOT_YAML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        return (
            None,
            lines,
            [
                Problem(
                    display,
                    line,
                    f"contains a control character ({code_point(bad.group())}), which YAML does not allow",
                )
            ],
        )
    builder = Builder(display, lines)
    try:
        data = builder.run(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = 1 if mark is None else mark.line + 1
        if exc.problem == "exceeded maximum nesting depth":  # PyYAML 6.0.4's own limit, far deeper than ours
            return None, lines, [Problem(display, line, f"nesting deeper than {MAX_DEPTH} levels")]
        return None, lines, [Problem(display, line, _syntax_message(exc, text))]
    except yaml.YAMLError as exc:  # errors without a position
        return None, lines, [Problem(display, 1, f"YAML syntax error: {shown(exc)}")]
    except Abandoned as exc:
        return None, lines, [Problem(display, exc.line, exc.message)]
    for name in [n for n in builder.anchors if n not in builder.aliases]:
        message = f"YAML anchors (&name) are not supported in annotation files: remove &{shown(name)}"
        builder.problems.append(Problem(display, builder.anchors[name], message))
    return data, lines, builder.problems


#: Characters YAML does not allow in a file (libyaml would stop at them with a two-line message).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    line = ""
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
    hint = _INDENTATION if any(problem.startswith(p) for p in _INDENTATION_PROBLEMS) else ""
    if hint and _COLON_IN_VALUE.match(line):
        hint = """; a value with ': ' in it goes in quotes ("...")"""
    return f"YAML syntax error: {problem}{where}{hint}"


#: A field whose unquoted value holds ': ' (title: Ceasefire: talks resume), which YAML reads as another mapping.
_COLON_IN_VALUE = re.compile(r"^\s*(?:-\s+)?[\w-]+:\s+[^'\"\s#\[{][^#]*?:(?:\s|$)")


#: What libyaml says when a line is indented more or less than its neighbours, most often.
_INDENTATION_PROBLEMS = (
    "mapping values are not allowed",
    "did not find expected '-' indicator",
    "did not find expected key",
    "expected <block end>",
)
_INDENTATION = (
    "; check the indentation of this line and of the lines above it: the fields of an item start in one column,"
    " and so do the '- ' of a list's items"
)
