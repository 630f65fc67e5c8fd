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

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the annotations, at a file and line (0 when the whole file is meant)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class KgraphError(Exception):
    """Base of every error kgraph raises for a user's mistake."""

    #: The process exit code the command line uses for this error.
    exit_code = 1


class UsageError(KgraphError):
    """The command or call itself is wrong: a path that does not exist, a bad option."""

    exit_code = 2


class CorpusError(KgraphError):
    """The annotations have problems; :attr:`problems` lists all of them, sorted."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(KgraphError, LookupError):
    """No entity, event or source has the name or id asked for."""

    exit_code = 2  # on the command line, the name given is what is wrong

    def __init__(self, name: str, suggestions: Iterable[str] = ()):
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean {_or_list(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"nothing is named {name!r}{hint}")


def _or_list(items: list[str]) -> str:
    quoted = [repr(i) for i in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
