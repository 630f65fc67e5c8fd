"""The stages of the benchmark, each run by ``benchmarks/run.py`` in a fresh process: ``stages.py NAME CORPUS [ARG]``
prints the stage's figures as one line of JSON, with its peak memory (resident set, in MB), and exits at once.

Each stage that loads a corpus first imports what it needs and says what that took (``imports``, in seconds, and
``base_mb``, the resident set after them), so that fixed costs are counted apart from the work; the floor and the
load also give the processor time of their work (``cpu``), which other processes on the machine disturb less.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _peak_mb() -> float:
    from kgraph.perf import peak_memory  # the process's own: ru_maxrss starts from its parent's size

    return peak_memory() / 1024**2


def _imported(modules: Callable[[], object]) -> dict[str, float]:
    """Import what a stage needs and say what it took: seconds, and the resident set after (MB)."""
    started = time.perf_counter()
    modules()
    return {"imports": time.perf_counter() - started, "base_mb": _peak_mb()}


def stage_floor(corpus: Path) -> dict[str, float]:
    figures = _imported(lambda: __import__("networkx"))
    started, cpu = time.perf_counter(), time.process_time()
    records = _parsed(corpus)
    parsed = time.perf_counter()
    edges = _floor_graph(records)
    return figures | _work(started, parsed, time.perf_counter(), cpu) | {"edges": edges}


def stage_validated(corpus: Path) -> dict[str, float]:
    """The floor, with each record also validated by kgraph's model of it (``validate`` is that step's time): the
    least a load that makes the models can cost, with none of kgraph's checks, line numbers or index."""
    figures = _imported(_validating_modules)
    from kgraph.annotations.files import SECTIONS
    from kgraph.annotations.models import Source
    from kgraph.corpus.sections import RECORD_TYPES
    from kgraph.perf import collector_paused

    started, cpu = time.perf_counter(), time.process_time()
    with collector_paused():  # as kgraph's load runs
        records = _parsed(corpus)
        checked = time.perf_counter()
        models = []  # kept, as a load keeps them
        for record in records:
            section = RECORD_TYPES[record["record"]]
            model = Source if section == "source" else SECTIONS[section]
            models.append(model.model_validate({k: v for k, v in record.items() if k != "record"}))
    validated = time.perf_counter()
    edges = _floor_graph(records)
    assert len(models) == len(records)
    return (
        figures
        | _work(started, validated, time.perf_counter(), cpu)
        | {"edges": edges, "validate": validated - checked}
    )


def _validating_modules() -> None:
    import networkx  # noqa: F401

    import kgraph.annotations.files
    import kgraph.corpus.sections  # noqa: F401


def _parsed(corpus: Path) -> list[dict[str, Any]]:
    """Every record of the corpus's JSON Lines files, parsed the plain way."""
    records = []
    for path in sorted(corpus.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            records.extend(json.loads(line) for line in handle if line.strip())
    return records


def _floor_graph(records: list[dict[str, Any]]) -> int:
    """The records as a networkx graph, made the plain way; its number of edges."""
    import networkx as nx

    nodes, edges = [], []
    for record in records:
        kind = record["record"]
        if kind == "relation":
            key = record.get("id") or f"{record['subject']}--{record['type'].replace('_', '-')}--{record['object']}"
            edges.append((record["subject"], record["object"], key, record))
        elif kind != "source":
            nodes.append((record["id"], record))
            if kind == "event":
                edges.extend((p["actor"], record["id"], p["role"], {"role": p["role"]}) for p in record["participants"])
                if "place" in record:
                    edges.append((record["id"], record["place"], "place", {}))
            elif record.get("part_of"):
                edges.append((record["id"], record["part_of"], "part_of", {}))
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    return int(graph.number_of_edges())


def _kgraph_modules() -> None:
    import kgraph.corpus.loader
    import kgraph.graph.knowledge  # noqa: F401


def stage_load(corpus: Path) -> dict[str, float]:
    os.environ["KGRAPH_CACHE"] = "off"
    figures = _imported(_kgraph_modules)
    import kgraph

    started, cpu = time.perf_counter(), time.process_time()
    corpus_ = kgraph.load(corpus)
    loaded = time.perf_counter()
    kg = kgraph.KnowledgeGraph(corpus_)
    return figures | _work(started, loaded, time.perf_counter(), cpu) | {"edges": kg.graph.number_of_edges()}


def _work(started: float, parsed: float, done: float, cpu: float) -> dict[str, float]:
    """The times of a load's work: parsing (or loading), building the graph, both, and the processor's time."""
    return {
        "parse": parsed - started,
        "build": done - parsed,
        "total": done - started,
        "cpu": time.process_time() - cpu,
    }


def stage_startup(corpus: Path) -> dict[str, float]:
    """Nothing: the parent times this process's whole life, which is the interpreter's start and end."""
    return {}


def stage_queries(corpus: Path) -> dict[str, float]:
    import random

    import kgraph

    kg = kgraph.KnowledgeGraph.load(corpus)
    rng = random.Random(7)
    actors = [e for e in kg.corpus.entities if not e.startswith("place")]
    results: dict[str, float] = {}
    kg.connections(actors[0])  # the first call builds the shared index
    kg.path(actors[0], actors[1])
    kg.events(during="2010-03")
    for name, call in (
        ("connections", lambda: kg.connections(rng.choice(actors))),
        ("path", lambda: kg.path(rng.choice(actors), rng.choice(actors))),
        ("events(during)", lambda: kg.events(during=f"20{rng.randint(4, 23):02d}-{rng.randint(1, 12):02d}")),
    ):
        started = time.perf_counter()
        for _ in range(50):
            call()
        results[name] = (time.perf_counter() - started) / 50
    return results


def stage_stream(corpus: Path, fmt: str) -> dict[str, float]:
    """One export written piece by piece into a file, as a build writes it (``Format.write``)."""
    import tempfile

    import kgraph
    from kgraph.beside import extra_memory
    from kgraph.export import FORMATS

    kg = kgraph.KnowledgeGraph.load(corpus)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as handle:
        FORMATS[fmt].write(kg.graph, handle)
        size = handle.tell()
    # the explorer makes its edges' details in a process of its own (kgraph.beside.apart): its memory counts too
    return {"total": time.perf_counter() - started, "bytes": size, "child_mb": extra_memory() / 1024**2}


def stage_networkx_writer(corpus: Path, fmt: str) -> dict[str, float]:
    """networkx's own writer on the same graph, flattened to scalars beforehand (not timed)."""
    import io

    import networkx as nx

    import kgraph
    from kgraph.export.prepare import prepare

    kg = kgraph.KnowledgeGraph.load(corpus)
    prepared = prepare(kg.graph)
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((n.id, n.attributes) for n in prepared.nodes)
    flat.add_edges_from((e.source, e.target, e.id, e.attributes) for e in prepared.edges)
    started = time.perf_counter()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(flat, io.BytesIO())
    return {"total": time.perf_counter() - started}


def stage_build_command(corpus: Path, cache: str = "off") -> dict[str, float]:
    """``kgraph build`` of every format into a new folder, as the command runs it: with the cache off (``off``), or
    on and empty (``empty``: a user's first build, which also fills the cache)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        if cache == "off":
            os.environ["KGRAPH_CACHE"] = "off"
        else:
            os.environ.pop("KGRAPH_CACHE", None)
            os.environ["KGRAPH_CACHE_DIR"] = str(Path(folder) / "cache")
        from kgraph.cli.main import main

        started = time.perf_counter()
        code = main(["build", str(corpus), "--out", str(Path(folder) / "out"), "-q"])
        total = time.perf_counter() - started
        size = sum(p.stat().st_size for p in (Path(folder) / "out").iterdir())
        cached = sum(p.stat().st_size for p in (Path(folder) / "cache").rglob("*") if p.is_file())
    if code != 0:
        raise SystemExit(f"kgraph build exited with {code}")
    from kgraph.beside import extra_memory

    # GraphML and GEXF are written by a process of its own (kgraph.beside): its own memory counts too
    return {"total": total, "bytes": size, "cache_bytes": cached, "child_mb": extra_memory() / 1024**2}


def stage_revalidate(corpus: Path) -> dict[str, float]:
    """Validate with no cache, then with an empty cache (cold), then again after editing one file (warm), as
    ``kgraph validate`` does; and read the corpus again after another edit, as ``kgraph build`` does."""
    import tempfile

    from kgraph.corpus.loader import read, survey

    with tempfile.TemporaryDirectory() as home:
        os.environ["KGRAPH_CACHE_DIR"] = home
        started = time.perf_counter()
        survey(corpus)
        uncached = time.perf_counter() - started
        started = time.perf_counter()
        survey(corpus, cache=True)
        cold = time.perf_counter() - started
        edited = min(corpus.glob("*/annotations.*"))
        original = edited.read_bytes()
        try:
            edited.write_bytes(original + b"\n")  # a real edit: the file's content changes
            started = time.perf_counter()
            survey(corpus, cache=True)
            warm = time.perf_counter() - started
            edited.write_bytes(original + b"\n\n")
            started = time.perf_counter()
            read(corpus, cache=True)
            warm_read = time.perf_counter() - started
        finally:
            edited.write_bytes(original)
    return {"uncached": uncached, "cold": cold, "warm": warm, "warm_read": warm_read}


def main() -> None:
    name, corpus, *rest = sys.argv[1:]
    figures = globals()[f"stage_{name}"](Path(corpus), *rest)
    figures["peak_mb"] = _peak_mb()
    print(json.dumps(figures), flush=True)
    os._exit(0)  # no time spent freeing what the stage built: the parent's clock is running


if __name__ == "__main__":
    main()
