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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_CLOSED_PIPE = 0, 1, 2, 130, 141


def _validate(args: argparse.Namespace) -> int:
    from kgraph.corpus.loader import read
    from kgraph.errors import shown

    corpus, problems = read(args.path, progress=_progress(args))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:  # warnings alone leave the corpus valid
        warnings, files = sum(not p.is_error for p in problems), len({p.path for p in problems})
        noun, count = ("warning", warnings) if warnings == len(problems) else ("problem", len(problems))
        extra = f" ({warnings} warning{'s' * (warnings != 1)})" if 0 < warnings < count else ""
        print(f"{count} {noun}{'s' * (count != 1)}{extra} in {files} file{'s' * (files != 1)}", file=sys.stderr)
    if corpus is None:
        return EXIT_INVALID
    print(f"{shown(args.path)}: valid: {corpus.summary()}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from kgraph.annotations.schema import stale_schemas, write_schemas
    from kgraph.errors import shown

    _not_empty(args.out)
    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            print(f"{shown(args.out)}/{name}: stale: run 'kgraph schema' to regenerate it", file=sys.stderr)
        if not stale:
            print(f"{shown(args.out)}: schemas are up to date")
        return EXIT_INVALID if stale else EXIT_OK
    for path in write_schemas(args.out):
        print(f"wrote {shown(path)}")
    return EXIT_OK


def _not_empty(path: str) -> None:
    from kgraph.errors import UsageError

    if not path:
        raise UsageError("an empty path: name a file or folder (. for the current folder)")


def _size(n: int) -> str:
    return f"{n} B" if n < 1000 else f"{n / 1000:.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kgraph.errors import shown
    from kgraph.export import build, stale
    from kgraph.graph.knowledge import KnowledgeGraph

    _not_empty(args.out)
    kg = KnowledgeGraph.load(args.path, progress=_progress(args))
    if args.check:
        found = stale(kg.graph, args.out)
        for name in found:
            print(
                f"{shown(Path(args.out) / name)}: stale: run 'kgraph build {shown(args.path)} --out {shown(args.out)}'",
                file=sys.stderr,
            )
        if not found:
            print(f"{shown(args.out)}: exports are up to date")
        return EXIT_INVALID if found else EXIT_OK
    written = build(kg.graph, args.out, kg.corpus.inputs, progress=_progress(args))
    print(f"{shown(args.path)}: {kg.corpus.summary()}")
    print(f"graph: {kg.graph.number_of_nodes()} nodes, {kg.graph.number_of_edges()} edges")
    for item in written:
        print(f"wrote {shown(item.path)} ({_size(item.size)})")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kgraph.errors import UsageError, shown
    from kgraph.export import render
    from kgraph.graph.knowledge import KnowledgeGraph
    from kgraph.output import target, write_bytes, write_standard_output

    _not_empty(args.output)
    output = Path(args.output)
    if args.output != "-" and not output.parent.is_dir():
        raise UsageError(f"{shown(output)}: the folder {shown(output.parent)} does not exist")
    kg = KnowledgeGraph.load(args.path)
    if args.output != "-":
        target(output, kg.corpus.inputs)  # an input, a folder or a link in the way: say so before rendering
    data = render(kg.graph, args.format)
    if args.output == "-":
        write_standard_output(data, kg.corpus.inputs)
    else:
        write_bytes(output, data, kg.corpus.inputs)
        print(f"wrote {shown(output)} ({_size(len(data))})", file=sys.stderr)
    return EXIT_OK


def _synth(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kgraph.errors import UsageError, shown
    from kgraph.synth.corpus import write

    _not_empty(args.out)
    if args.events < 1:
        raise UsageError(f"--events must be 1 or more, not {args.events}")
    out = Path(args.out)
    if (out.exists() or out.is_symlink()) and not out.is_dir():
        raise UsageError(f"{shown(out)}: is not a folder")
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{shown(out)}: the folder is not empty; synth writes only into a new or empty folder")
    count = write(out, args.events, args.seed, args.format, progress=_progress(args))
    print(f"wrote {count} files into {shown(out)}: {args.events} events (seed {args.seed}, {args.format})")
    return EXIT_OK


def _progress(args: argparse.Namespace) -> bool:
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``kgraph`` command."""
    import argparse

    from kgraph import __version__

    main = argparse.ArgumentParser(
        prog="kgraph",
        description="Event timelines and knowledge graphs from annotated news articles.",
        epilog="Exit codes: 0 success, 1 invalid data or stale files, 2 usage error or an output that cannot be "
        "written, 130 interrupted, 141 standard output closed by its reader.",
    )
    main.add_argument("--version", action="version", version=f"kgraph {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="check a corpus and report every problem as file:line: message",
        description="Check a corpus and report every problem as file:line: message.",
    )
    validate.add_argument("path", metavar="PATH", help="corpus folder or annotation file")
    validate.set_defaults(run=_validate)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of annotation files, or check it is current",
        description="Write the JSON Schema of annotation files, or check it is current.",
    )
    schema.add_argument("--check", action="store_true", help="only check; exit 1 when a schema file is stale")
    schema.add_argument("--out", default="schemas", metavar="DIR", help="schema folder (default: schemas)")
    schema.set_defaults(run=_schema)

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
    build.set_defaults(run=_build)

    export = commands.add_parser(
        "export",
        help="write one export of a corpus to a file or standard output",
        description="Write one export of a corpus to a file or standard output.",
    )
    export.add_argument("path", metavar="PATH", help="corpus folder or annotation file")
    export.add_argument("--format", required=True, choices=["graphml", "gexf", "json", "timelinejs", "html"])
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="file to write; - (the default) for standard output"
    )
    export.set_defaults(run=_export)

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
    synth.set_defaults(run=_synth)

    for command in (validate, build, export, synth):
        command.add_argument(
            "-q", "--quiet", action="store_true", help="no progress bars (they only show in a terminal)"
        )

    from kgraph.cli.query import add_query_commands

    add_query_commands(commands)
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
        print(
            f"kgraph: error: the corpus has {len(exc.problems)} problem{'s' * (len(exc.problems) != 1)}; "
            "fix them first ('kgraph validate' lists them)",
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


def run() -> None:
    """Entry point of the ``kgraph`` console script: no traceback for Ctrl-C, a closed pipe or a full disk."""
    try:
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
