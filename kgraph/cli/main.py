"""The ``kgraph`` command: parse arguments, make one library call, print the result.

Exit codes: 0 success, 1 invalid data (or a stale generated file), 2 usage
error (or an output that cannot be written: an input of the corpus, a folder
or device in the way, a full disk), 130 interrupted (Ctrl-C: "kgraph:
interrupted"), 141 standard output closed by its reader (``| head -1``; ended
quietly, as a program ended by SIGPIPE). Errors are printed as messages,
never as tracebacks, and names from outside (paths) through
:func:`kgraph.errors.shown`.

Only ``sys`` is imported before :func:`run` is in charge, so that a Ctrl-C
at the start meets its handler as soon as possible.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_CLOSED_PIPE = 0, 1, 2, 130, 141


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``kgraph`` command."""
    import argparse

    from kgraph.cli.commands import run_build, run_export, run_schema, run_synth, run_validate
    from kgraph.export import FOLDERS, FORMATS

    main = argparse.ArgumentParser(
        prog="kgraph",
        description="Event timelines and knowledge graphs from annotated news articles.",
        epilog="Exit codes: 0 success, 1 invalid data or stale files, 2 usage error or an output that cannot be "
        "written, 130 interrupted, 141 standard output closed by its reader.",
    )

    class Version(argparse.Action):
        """``--version``, reading the version from the package metadata only when asked (it takes milliseconds)."""

        def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
            from kgraph import __version__

            print(f"kgraph {__version__}")
            parser.exit()

    main.add_argument("--version", action=Version, nargs=0, default=argparse.SUPPRESS, help="show the version and exit")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a corpus and report every problem as file:line: message",
        description="Check a corpus and report every problem as file:line: message.",
    )
    validate.add_argument("path", metavar="PATH", help="corpus folder or annotation file")
    validate.add_argument(
        "--strict", action="store_true", help="count warnings as errors: exit 1 when there is any warning"
    )
    validate.set_defaults(run=run_validate)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of annotation files, or check it is current",
        description="Write the JSON Schema of annotation files (and of vocabulary.yaml), or check it is current. "
        "With --corpus, the schemas of that corpus, which also offer the terms of its vocabulary.yaml.",
    )
    schema.add_argument("--check", action="store_true", help="only check; exit 1 when a schema file is stale")
    schema.add_argument(
        "--corpus", metavar="DIR", help="write the schemas of this corpus, with its own terms (its vocabulary.yaml)"
    )
    schema.add_argument(
        "--out", metavar="DIR", help="schema folder (default: schemas, or DIR/.kgraph/schemas with --corpus DIR)"
    )
    schema.set_defaults(run=run_schema)

    build = commands.add_parser(
        "build",
        help="validate a corpus and write every export: GraphML, GEXF, JSON, timeline, HTML",
        description="Validate a corpus, build its knowledge graph and write graph.graphml, "
        "graph.gexf, graph.json, timeline.json and graph.html into a folder.",
    )
    build.add_argument("path", metavar="PATH", help="corpus folder or annotation file")
    build.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder to write into (created if needed; a folder of files only, none of them the corpus's): "
        "the whole set of exports is replaced at once",
    )
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file in DIR is stale")
    build.set_defaults(run=run_build)

    export = commands.add_parser(
        "export",
        help="write one export of a corpus to a file or standard output",
        description="Write one export of a corpus to a file or standard output.",
    )
    export.add_argument("path", metavar="PATH", help="corpus folder or annotation file")
    export.add_argument("--format", required=True, choices=list(FORMATS), help="the export to write")
    export.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="file to write; - (the default) for standard output; a folder (DIR) for the formats "
        f"{' and '.join(FOLDERS)}, whose files are replaced as one set",
    )
    export.set_defaults(run=run_export)

    synth = commands.add_parser(
        "synth",
        help="write a synthetic corpus of realistic shape, for benchmarks and tests",
        description="Write a deterministic synthetic corpus in kgraph's annotation format.",
    )
    synth.add_argument("out", metavar="OUT", help="new or empty folder to write into")
    synth.add_argument("--events", type=int, required=True, help="number of events")
    synth.add_argument(
        "--seed", type=int, default=0, help="random seed (default 0): the same seed gives the same files"
    )
    synth.add_argument(
        "--format", choices=["jsonl", "yaml"], default="jsonl", help="annotation file format (default jsonl)"
    )
    synth.set_defaults(run=run_synth)

    for command in (validate, build, export, synth):
        command.add_argument(
            "-q", "--quiet", action="store_true", help="no progress bars (they only show in a terminal)"
        )
    for command in (validate, build):
        command.add_argument(
            "--watch", action="store_true", help="run again each time a file of the corpus changes, until Ctrl-C"
        )
    from kgraph.cli.commands import add_no_cache

    for command in (validate, build, export):
        add_no_cache(command)

    from kgraph.cli.query import add_query_commands

    add_query_commands(commands)
    from kgraph.cli.imports import add_import_commands

    add_import_commands(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code."""
    from kgraph.errors import CorpusError, KgraphError

    try:
        args = parser().parse_args(argv)
        code: int = args.run(args)
    except CorpusError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        one = len(exc.problems) == 1
        print(
            f"kgraph: error: the corpus has {len(exc.problems)} problem{'' if one else 's'}; "
            f"fix {'it' if one else 'them'} first ('kgraph validate' lists them)",
            file=sys.stderr,
        )
        return exc.exit_code
    except KgraphError as exc:
        print(f"kgraph: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    return code


def _interrupted() -> int:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C does not interrupt the message
    print("kgraph: interrupted", file=sys.stderr)
    return EXIT_INTERRUPTED


def _unraisable(info: Any) -> None:
    """Ctrl-C that lands where Python cannot raise it (a callback run during an import) still ends the run."""
    if isinstance(info.exc_value, KeyboardInterrupt):
        import os

        _interrupted()
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)
    sys.__unraisablehook__(info)


def _defer_interrupts() -> None:
    import signal

    from kgraph.cli.interrupt import deferring

    signal.signal(signal.SIGINT, deferring)  # never inside an import: it can break what the import sets up


def run() -> None:
    """Entry point of the ``kgraph`` console script: no traceback for Ctrl-C, a closed pipe or a full disk."""
    sys.unraisablehook = _unraisable
    try:
        _defer_interrupts()
        code = _run()
    except KeyboardInterrupt:
        code = _interrupted()
    except BrokenPipeError:  # the reader of standard output is gone: end quietly
        from kgraph.output import silence

        silence(sys.stdout)
        code = EXIT_CLOSED_PIPE
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the work is done: nothing to interrupt while Python ends
    sys.exit(code)


def _run() -> int | str | None:
    from kgraph.errors import KgraphError
    from kgraph.output import guard_standard_output

    guard_standard_output()
    code: int | str | None
    try:
        code = main()
    except SystemExit as exc:  # --help, --version and argparse's usage errors
        code = exc.code
    try:
        sys.stdout.flush()
    except KgraphError as exc:  # output that failed only now, when flushed
        print(f"kgraph: error: {exc}", file=sys.stderr)
        code = exc.exit_code
    return code
