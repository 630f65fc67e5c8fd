"""The ``kgraph`` command: parse arguments, make one library call, print the result.

Exit codes: 0 success, 1 invalid data (or a stale generated file), 2 usage
error. Errors are printed as messages, never as tracebacks.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    from kgraph.loader import read

    corpus, problems = read(args.path, progress=_progress(args))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems or corpus is None:
        files = len({p.path for p in problems})
        print(
            f"{len(problems)} problem{'s' * (len(problems) != 1)} in {files} file{'s' * (files != 1)}", file=sys.stderr
        )
        return EXIT_INVALID
    print(f"{args.path}: valid: {corpus.summary()}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from kgraph.schema import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            print(f"{args.out}/{name}: stale: run 'kgraph schema' to regenerate it", file=sys.stderr)
        if not stale:
            print(f"{args.out}: schemas are up to date")
        return EXIT_INVALID if stale else EXIT_OK
    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return EXIT_OK


def _size(n: int) -> str:
    return f"{n} B" if n < 1000 else f"{n / 1000:.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def _build(args: argparse.Namespace) -> int:
    from kgraph.export import build, stale
    from kgraph.graph import KnowledgeGraph

    kg = KnowledgeGraph.load(args.path, progress=_progress(args))
    if args.check:
        found = stale(kg, args.out)
        for name in found:
            print(f"{Path(args.out) / name}: stale: run 'kgraph build {args.path} --out {args.out}'", file=sys.stderr)
        if not found:
            print(f"{args.out}: exports are up to date")
        return EXIT_INVALID if found else EXIT_OK
    written = build(kg, args.out, progress=_progress(args))
    print(f"{args.path}: {kg.corpus.summary()}")
    print(f"graph: {kg.graph.number_of_nodes()} nodes, {kg.graph.number_of_edges()} edges")
    for item in written:
        print(f"wrote {item.path} ({_size(item.size)})")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from kgraph.errors import UsageError
    from kgraph.export import render
    from kgraph.graph import KnowledgeGraph
    from kgraph.output import write_bytes

    if args.output != "-" and not Path(args.output).parent.is_dir():
        raise UsageError(f"{args.output}: the folder {Path(args.output).parent} does not exist")
    data = render(KnowledgeGraph.load(args.path), args.format)
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_bytes(Path(args.output), data)
        except OSError as exc:
            raise UsageError(f"{args.output}: cannot write: {exc.strerror or exc}") from None
        print(f"wrote {args.output} ({_size(len(data))})", file=sys.stderr)
    return EXIT_OK


def _synth(args: argparse.Namespace) -> int:
    from kgraph.errors import UsageError
    from kgraph.synth import write

    if args.events < 1:
        raise UsageError(f"--events must be 1 or more, not {args.events}")
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out}: the folder is not empty; synth writes only into a new or empty folder")
    count = write(out, args.events, args.seed, args.format, progress=_progress(args))
    print(f"wrote {count} files into {out}: {args.events} events (seed {args.seed}, {args.format})")
    return EXIT_OK


def _progress(args: argparse.Namespace) -> bool:
    return not getattr(args, "quiet", False) and sys.stderr.isatty()


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``kgraph`` command."""
    from kgraph import __version__

    main = argparse.ArgumentParser(
        prog="kgraph",
        description="Event timelines and knowledge graphs from annotated news articles.",
        epilog="Exit codes: 0 success, 1 invalid data or stale files, 2 usage error.",
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
    build.add_argument("--out", required=True, metavar="DIR", help="folder to write into (created if needed)")
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

    from kgraph.querycli import add_query_commands

    add_query_commands(commands)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` and return the exit code."""
    from kgraph.errors import CorpusError, KgraphError

    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
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
        return 130


def run() -> None:
    """Entry point of the ``kgraph`` console script."""
    sys.exit(main())
