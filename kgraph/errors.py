"""kgraph's one error hierarchy.

Every error a user can cause is a :class:`KgraphError`. The command line turns
them into messages and exit codes; nothing else catches them.

>>> p = Problem("seeds/x/annotations.yaml", 42, "unknown actor 'icrc'")
>>> str(p)
"seeds/x/annotations.yaml:42: unknown actor 'icrc'"
>>> str(CorpusError([p]))
"seeds/x/annotations.yaml:42: unknown actor 'icrc'"
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from kgraph.text import or_list


def shown(text: object) -> str:
    """Text safe to print in one line of a message: control, format and separator characters, and bytes
    that are not UTF-8, are written as escapes, so a file name cannot forge output or drive the terminal.

    >>> shown("seeds/a.yaml"), shown("a\\nb: all good"), shown("x\\x1b[31my"), shown("\\udcff.yaml")
    ('seeds/a.yaml', 'a\\\\nb: all good', 'x\\\\x1b[31my', '\\\\xff.yaml')
    """
    value = str(text)
    if value.isprintable() and value.isascii():
        return value
    out = []
    for char in value:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by the filesystem decoding
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


class Problem(NamedTuple):
    """One mistake in the annotations, at a file and line (0 when the whole file is meant); problems sort by place.

    (A named tuple rather than a dataclass: the dataclasses module takes milliseconds to import, and the
    command line imports this module before it can turn Ctrl-C into a message.)

    >>> print(Problem("a.yaml", 3, "name 'Stеpanakert' mixes scripts", "warning"))
    a.yaml:3: warning: name 'Stеpanakert' mixes scripts
    """

    path: str
    line: int
    message: str
    #: "error" (the corpus is invalid) or "warning" (worth a look; the corpus still loads).
    severity: str = "error"

    def __str__(self) -> str:
        path = shown(self.path)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: warning: {self.message}" if self.severity == "warning" else f"{where}: {self.message}"

    def __repr__(self) -> str:
        extra = f", severity={self.severity!r}" if self.is_error is False else ""
        return f"Problem(path={self.path!r}, line={self.line!r}, message={self.message!r}{extra})"

    @property
    def is_error(self) -> bool:
        """Whether this problem makes the corpus invalid (a warning does not)."""
        return self.severity != "warning"


class KgraphError(Exception):
    """Base of every error kgraph raises for a user's mistake."""

    #: The process exit code the command line uses for this error.
    exit_code = 1


class UsageError(KgraphError):
    """The command or call itself is wrong: a path that does not exist, a bad option."""

    exit_code = 2


class CorpusError(KgraphError):
    """The annotations have errors; :attr:`problems` lists all of them (and any warnings), sorted."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(KgraphError, LookupError):
    """No entity, event or source has the name or id asked for."""

    exit_code = 2  # on the command line, the name given is what is wrong

    def __init__(self, name: str, suggestions: Iterable[str] = ()):
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean {or_list([repr(s) for s in self.suggestions])}?" if self.suggestions else ""
        super().__init__(f"nothing is named {name!r}{hint}")
