"""How the ``kgraph query`` commands load the graph they ask and print its answers: tables or JSON, with notes on
standard error for names read by an alias and for answers cut short.

>>> args = argparse.Namespace(path="seeds", as_of="2020-11-01", names=("name",), name="Khankendi", json=False,
...     no_cache=True)
>>> kg = graph(args)
>>> show(args, [{"name": kg.index.name_of("stepanakert"), "kind": "place"}], ["name", "kind"])
name         kind
-----------  -----
Stepanakert  place
0
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def graph(args: argparse.Namespace) -> Any:
    """The knowledge graph the query asks (as of ``--as-of``); says on standard error how each name that ``names``
    lists is read, when by an alias or without accents."""
    from kgraph.cli.commands import cache_wanted
    from kgraph.graph.knowledge import KnowledgeGraph

    kg = KnowledgeGraph.load(args.path, cache=cache_wanted(args))
    kg = kg if args.as_of is None else kg.as_of(args.as_of)
    for arg in args.names:
        given = getattr(args, arg, None)
        for name in [given] if isinstance(given, str) else given or ():
            read = kg.how_named(name)
            if read:
                print(f"kgraph: note: {read}", file=sys.stderr)
    return kg


def during(args: argparse.Namespace) -> Any:
    """The time window ``--during`` and ``--within`` ask for, or None.

    >>> during(argparse.Namespace(during="2023", within=True))
    Window(start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31), mode='within')
    """
    from kgraph.graph.windows import overlapping, within

    if args.within and args.during is None:
        raise usage("--within needs --during")
    if args.during is None:
        return None
    return within(args.during) if args.within else overlapping(args.during)


def usage(message: str) -> Exception:
    """The error of a command given wrong arguments, which the CLI prints with exit code 2."""
    from kgraph.errors import UsageError

    return UsageError(message)


def note(truncated: str | None) -> None:
    """Say on standard error that a result was cut short, and how to see more."""
    if truncated:
        print(f"kgraph: note: {truncated}; raise --limit/--timeout to see more", file=sys.stderr)


def show(
    args: argparse.Namespace,
    records: list[dict[str, Any]],
    columns: list[str],
    table_rows: list[dict[str, Any]] | None = None,
) -> int:
    """Print the answer: the records as JSON with ``--json``, else a table of ``columns`` (of ``table_rows`` when
    given, which show them in words), else '(nothing found)' on standard error; the exit code, 0."""
    from kgraph.cli.table import render, terminal_width

    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif records:
        print(
            render(
                table_rows if table_rows is not None else records,
                columns,
                terminal_width() if sys.stdout.isatty() else None,
            )
        )
    else:
        print("(nothing found)", file=sys.stderr)
    return 0


def label(link: Any) -> str:
    """A link's label, marked when nothing supports it."""
    return link.label if link.supported else f"{link.label} (NOT SUPPORTED)"
