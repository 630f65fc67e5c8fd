"""The commands other than queries: validate, schema, build, export, synth; each parses nothing and prints.

Each takes the parsed arguments, makes one library call and prints its result; errors are raised as
:class:`~kgraph.errors.KgraphError` and become messages in :mod:`kgraph.cli.main`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from pathlib import Path

    from kgraph.annotations.terms import Terms

EXIT_OK, EXIT_INVALID = 0, 1


def run_validate(args: argparse.Namespace) -> int:
    """``kgraph validate``: every problem as ``file:line: message``, then a count or the corpus's summary.

    With ``--strict``, a warning makes the corpus invalid (exit 1); it is still shown as a warning. With
    ``--watch``, again each time a file changes, until Ctrl-C.
    """
    if args.watch:
        return _watch(args, lambda: _validate_once(args))
    return _validate_once(args)


def _validate_once(args: argparse.Namespace) -> int:
    from kgraph.corpus.loader import survey
    from kgraph.errors import shown

    summary, problems = survey(args.path, progress=progress_wanted(args), strict=args.strict, cache=cache_wanted(args))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:  # warnings alone leave the corpus valid, unless --strict
        warnings, files = sum(not p.is_error for p in problems), len({p.path for p in problems})
        noun, count = ("warning", warnings) if warnings == len(problems) else ("problem", len(problems))
        extra = f" ({warnings} warning{'s' * (warnings != 1)})" if 0 < warnings < count else ""
        strict = " (--strict: warnings count as errors)" if args.strict and warnings else ""
        print(f"{count} {noun}{'s' * (count != 1)}{extra} in {files} file{'s' * (files != 1)}{strict}", file=sys.stderr)
    if summary is None:
        return EXIT_INVALID
    print(f"{shown(args.path)}: valid: {summary}")
    return EXIT_OK


def add_no_cache(command: argparse.ArgumentParser) -> None:
    """Add ``--no-cache`` to a command that reads a corpus."""
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="read and validate every file again, not from kgraph's cache of unchanged files "
        "(in ~/.cache/kgraph, or $KGRAPH_CACHE_DIR; KGRAPH_CACHE=off also turns it off)",
    )


def cache_wanted(args: argparse.Namespace) -> bool:
    """Whether to use the cache of validated files: yes, unless ``--no-cache`` (or ``KGRAPH_CACHE=off``)."""
    return not getattr(args, "no_cache", False)


def _watch(args: argparse.Namespace, once: Callable[[], int], ignore: frozenset[Path] = frozenset()) -> int:
    """Run ``once`` now and each time a file of the corpus changes; only Ctrl-C ends it (exit 130, from main)."""
    from kgraph.corpus.discover import corpus_path
    from kgraph.corpus.watch import watch
    from kgraph.errors import CorpusError, KgraphError

    given = corpus_path(args.path)

    def round_() -> None:
        try:
            once()
        except CorpusError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            count = len(exc.problems)
            print(f"kgraph: the corpus has {count} problem{'s' * (count != 1)}; waiting for a change", file=sys.stderr)
        except KgraphError as exc:
            print(f"kgraph: error: {exc}", file=sys.stderr)
        print(f"-- watching {given} for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
        sys.stdout.flush()

    watch(given if given.is_dir() else given.parent, round_, ignore=ignore)
    return EXIT_OK  # not reached: watching ends with Ctrl-C


def run_schema(args: argparse.Namespace) -> int:
    """``kgraph schema``: write the JSON Schemas, or with ``--check`` report the stale ones; with ``--corpus``,
    those of a corpus, offering its own terms too (into ``DIR/.kgraph/schemas`` unless ``--out`` says where)."""
    from kgraph.annotations.schema import stale_schemas, write_schemas
    from kgraph.errors import shown

    terms, inputs, out = _schema_target(args)
    if args.check:
        stale = stale_schemas(out, terms)
        again = "kgraph schema"  # as before for kgraph's own schemas; a corpus's are named by their options
        if args.corpus is not None:
            again += f" --corpus {shown(args.corpus)}" + (f" --out {shown(args.out)}" if args.out is not None else "")
        for name in stale:
            print(f"{shown(out)}/{name}: stale: run '{again}' to regenerate it", file=sys.stderr)
        if not stale:
            print(f"{shown(out)}: schemas are up to date")
        return EXIT_INVALID if stale else EXIT_OK
    for path in write_schemas(out, terms, inputs):
        print(f"wrote {shown(path)}")
    return EXIT_OK


def _schema_target(args: argparse.Namespace) -> tuple[Terms, frozenset[Path], str | Path]:
    """The terms the schemas offer, the files they must not overwrite, and their folder."""
    from kgraph.annotations.terms import DEFAULT
    from kgraph.corpus.discover import corpus_path, find
    from kgraph.corpus.vocabulary_file import read_vocabulary
    from kgraph.errors import CorpusError

    if args.corpus is None:
        return DEFAULT, frozenset(), "schemas" if args.out is None else args.out
    given = corpus_path(args.corpus)
    files, vocabulary, _ = find(given)  # only the vocabulary matters here: 'kgraph validate' reports the rest
    terms, problems = read_vocabulary(vocabulary)
    if problems:
        raise CorpusError(problems)
    root = given if given.is_dir() else given.parent
    inputs = frozenset(f.resolve() for f in (*files, *([vocabulary] if vocabulary else [])))
    return terms, inputs, root / ".kgraph" / "schemas" if args.out is None else args.out


def refuse_empty(path: str) -> None:
    """Refuse an empty path argument: it would silently mean the current folder."""
    from kgraph.errors import UsageError

    if not path:
        raise UsageError("an empty path: name a file or folder (. for the current folder)")


def size_text(n: int) -> str:
    """A size in bytes for people: ``123 B``, ``4.5 kB``, ``6.7 MB``."""
    return f"{n} B" if n < 1000 else f"{n / 1000:.1f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def run_build(args: argparse.Namespace) -> int:
    """``kgraph build``: write every export into a folder as one set, or with ``--check`` report stale files; with
    ``--watch``, again each time a file of the corpus changes, until Ctrl-C."""
    from pathlib import Path

    refuse_empty(args.out)
    if args.watch:
        return _watch(args, lambda: _build_once(args), frozenset({Path(args.out).resolve()}))
    return _build_once(args)


def _build_once(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kgraph.corpus.loader import load
    from kgraph.errors import shown
    from kgraph.export import build, stale
    from kgraph.graph.knowledge import KnowledgeGraph

    kg = KnowledgeGraph(load(args.path, progress=progress_wanted(args), cache=cache_wanted(args)))
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
    written = build(kg.graph, args.out, kg.corpus.inputs, progress=progress_wanted(args))
    for warning in kg.corpus.warnings:  # worth a look, though they do not stop the build
        print(warning, file=sys.stderr)
    print(f"{shown(args.path)}: {kg.corpus.summary()}")
    print(f"graph: {kg.graph.number_of_nodes()} nodes, {kg.graph.number_of_edges()} edges")
    for item in written:
        print(f"wrote {shown(item.path)} ({size_text(item.size)})")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """``kgraph export``: one format to a file (replaced whole, never half-written) or to standard output; GraphML
    and GEXF are written element by element as they are made, never whole in memory."""
    from pathlib import Path

    from kgraph.errors import UsageError, shown
    from kgraph.export import FOLDERS, FORMATS, export
    from kgraph.graph.knowledge import KnowledgeGraph
    from kgraph.output import target

    refuse_empty(args.output)
    output = None if args.output == "-" else Path(args.output)
    if output is not None and not output.parent.is_dir():
        raise UsageError(f"{shown(output)}: the folder {shown(output.parent)} does not exist")
    if args.format in FOLDERS:
        return _export_folder(args)
    if output is None and FORMATS[args.format].binary and sys.stdout.isatty():
        raise UsageError(f"--format {args.format} writes a binary file, not text to show: give it with -o FILE")
    kg = KnowledgeGraph.load(args.path, progress_wanted(args), cache_wanted(args))
    if output is not None:
        target(output, kg.corpus.inputs)  # an input, a folder or a link in the way: say so before rendering
    size = export(kg.graph, args.format, output, kg.corpus.inputs)
    if output is not None:
        print(f"wrote {shown(output)} ({size_text(size)})", file=sys.stderr)
    if args.format == "acled":  # what the rows leave out of the corpus's events, and why: nothing silently
        from kgraph.export.acled import tally

        print(tally(kg.graph).note(), file=sys.stderr)
    return EXIT_OK


def _export_folder(args: argparse.Namespace) -> int:
    """``kgraph export`` of a format that writes a folder: into ``-o DIR``, its files replaced as one set."""
    from kgraph.errors import UsageError, shown
    from kgraph.export import export_folder
    from kgraph.graph.knowledge import KnowledgeGraph

    if args.output == "-":
        raise UsageError(f"--format {args.format} writes a folder of files: give it with -o DIR")
    kg = KnowledgeGraph.load(args.path, progress_wanted(args), cache_wanted(args))
    for item in export_folder(kg.graph, args.format, args.output, kg.corpus.inputs):
        print(f"wrote {shown(item.path)} ({size_text(item.size)})", file=sys.stderr)
    return EXIT_OK


def run_synth(args: argparse.Namespace) -> int:
    """``kgraph synth``: a synthetic corpus into a new or empty folder."""
    from pathlib import Path

    from kgraph.errors import UsageError, shown
    from kgraph.imports.writing import refuse_occupied  # a new corpus, as an import writes one
    from kgraph.synth.corpus import write

    refuse_empty(args.out)
    if args.events < 1:
        raise UsageError(f"--events must be 1 or more, not {args.events}")
    out = Path(args.out)
    refuse_occupied(out, "synth")
    count = write(out, args.events, args.seed, args.format, progress=progress_wanted(args))
    print(f"wrote {count} files into {shown(out)}: {args.events} events (seed {args.seed}, {args.format})")
    return EXIT_OK


def progress_wanted(args: argparse.Namespace) -> bool:
    """Whether to show progress bars: only in a terminal, and not with ``-q``."""
    return not getattr(args, "quiet", False) and sys.stderr.isatty()
