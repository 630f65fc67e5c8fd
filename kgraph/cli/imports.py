"""The ``kgraph import`` commands: another format in, a kgraph corpus out."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_import_commands(commands: Any) -> None:
    """Add ``kgraph import ...`` to the command parser.

    >>> parser = argparse.ArgumentParser(prog="kgraph")
    >>> add_import_commands(parser.add_subparsers())
    >>> args = parser.parse_args(["import", "acled", "a.csv", "out", "--skip-bad"])
    >>> args.file, args.out, args.skip_bad
    ('a.csv', 'out', True)
    """
    command = commands.add_parser(
        "import",
        help="turn data in another format into a kgraph corpus (ACLED's CSV)",
        description="Turn data in another format into a kgraph corpus in JSON Lines.",
    )
    formats = command.add_subparsers(dest="source_format", metavar="FORMAT", required=True)
    acled = formats.add_parser(
        "acled",
        help="an ACLED CSV export: one event a row",
        description="Turn an ACLED CSV export into a kgraph corpus: one event a row, and one source document a day "
        "of ACLED's changes (the rows' timestamp, UTC), at most 500 rows a document; actors merged by name, places "
        "from the admin hierarchy. Rows that cannot be used are reported by line, and then "
        "nothing is written, unless --skip-bad. Of rows given twice (one event_id_cnty), the latest timestamp is "
        "imported and each older copy left out with a warning. A file that is not ACLED's CSV is refused (exit 2).",
    )
    acled.add_argument("file", metavar="FILE.csv", help="the ACLED CSV file")
    acled.add_argument("out", metavar="OUT", help="new or empty folder to write the corpus into")
    acled.add_argument(
        "--skip-bad", action="store_true", help="write the rows that can be used, reporting each one skipped"
    )
    acled.add_argument("-q", "--quiet", action="store_true", help="no progress bars (they only show in a terminal)")
    acled.set_defaults(run=_acled)


def _acled(args: argparse.Namespace) -> int:
    """``kgraph import acled``: one library call; its problems printed one a line."""
    from kgraph.cli.commands import EXIT_INVALID, EXIT_OK, progress_wanted
    from kgraph.errors import CorpusError, shown
    from kgraph.imports.acled import import_acled

    try:
        result = import_acled(args.file, args.out, skip_bad=args.skip_bad, progress=progress_wanted(args))
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = sum(p.is_error for p in exc.problems)
        print(
            f"kgraph: error: {count} problem{'' if count == 1 else 's'} in {shown(args.file)}; nothing was written"
            + ("" if args.skip_bad else " (--skip-bad imports the rows that can be used)"),
            file=sys.stderr,
        )
        return EXIT_INVALID
    for problem in result.skipped:
        print(f"{problem} (skipped)" if problem.is_error else str(problem), file=sys.stderr)
    lines = len({p.line for p in result.skipped})
    skipped = f"; skipped {lines} row{'' if lines == 1 else 's'}" if result.skipped else ""
    print(
        f"imported {result.events} rows into {shown(args.out)}: {result.events} events, "
        f"{result.entities} entities, {result.files} files{skipped}"
    )
    return EXIT_OK
