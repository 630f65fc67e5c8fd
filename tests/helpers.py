"""What the tests share, in one module: where the project's files are, running the kgraph command, hostile graphs,
big graphs and the browser that the browser tests launch. Test files import from here, never from each other."""

from __future__ import annotations

import calendar
import dataclasses
import gc
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kgraph
from kgraph.annotations.dates import TimeSpan
from kgraph.annotations.evidence import Evidence
from kgraph.annotations.models import Participant
from kgraph.corpus.corpus import Corpus
from kgraph.graph.knowledge import KnowledgeGraph

# Where the project's files are.
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMAS = ROOT / "schemas"
FIXTURES = ROOT / "tests" / "fixtures"
#: The shared material beside the project; CI always has it, a user's clone may not.
SHARED = ROOT.parent / "shared"

# Running the kgraph command as a user does.
#: Limits for runs that must stay bounded whatever the input: 2 GB of memory, a minute.
MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 60


def on_its_finest_part(text: str) -> str:
    """A date qualified as a whole with its qualifier moved onto its finest part: 2023-07~ -> 2023-~07."""
    plain, qualifier = text[:-1], text[-1]
    return plain + qualifier if len(plain) == 4 else f"{plain[:-2]}{qualifier}{plain[-2:]}"


def at_the_months_end(text: str, day: date | None) -> date | None:
    """``day`` moved to the end of its month when ``text`` qualifies a month as its finest part (2020-~09): kgraph
    widens it to the end of the month after (30 September: 31 October), where the EDTF library keeps the day
    number (30 October)."""
    if day is None or not re.fullmatch(r"\d{4}-[?~%]\d{2}", text):
        return day
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def limit_memory() -> None:
    """Set in a child process before it starts: no more than MEMORY_LIMIT of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


#: Run as root, a process obeys file permissions only without these capabilities (setpriv takes them away).
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def kgraph_cli(
    *args: str, cwd: Path = ROOT, limited: bool = False, obeying_permissions: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run ``kgraph ARGS`` in a new process (within the limits when ``limited``) and check it shows no traceback.

    With ``obeying_permissions``, a process of root runs without the capabilities that let root read and enter
    any folder, so it meets file permissions as a user does (CI runs as root).
    """
    prefix = WITHOUT_OVERRIDE if obeying_permissions and os.geteuid() == 0 else []
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "kgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIME_LIMIT if limited else None,
        preexec_fn=limit_memory if limited else None,
    )
    assert "Traceback" not in result.stderr
    return result


# The cache's tests: a corpus to edit, and all that a reading gives, comparable.


def reading(result: Any) -> Any:
    """Everything a reading gives, models' given fields included, as comparable data."""
    corpus, problems = result
    if corpus is None:
        return None, problems

    def deep(value: Any) -> Any:
        if hasattr(value, "model_fields_set"):
            fields = {k: deep(v) for k, v in value.__dict__.items()}
            return (type(value).__name__, sorted(value.model_fields_set), fields)
        if isinstance(value, (list, tuple)):
            return (type(value).__name__, [deep(v) for v in value])
        if isinstance(value, dict):
            return {k: deep(v) for k, v in value.items()}
        return value

    tables = ("sources", "entities", "events", "relations", "texts", "origins", "history", "warnings", "inputs")
    return {name: deep(getattr(corpus, name)) for name in tables}, problems


def cache_entries(home: Path) -> list[Path]:
    """The entries of the cache in folder ``home``."""
    return sorted(home.glob("corpora/*/*.json"))


def corpus_copy(tmp_path: Path, source: Path = FIXTURES / "claims") -> Path:
    """A copy of a corpus (the claims fixture unless told) to edit, in ``tmp_path``."""
    folder = tmp_path / "corpus"
    shutil.copytree(source, folder)
    return folder


def killed_while_writing(command: list[str], partial: Callable[[], Path | None]) -> bytes:
    """Run ``command`` and SIGKILL it from outside as soon as ``partial()`` names a file it has begun to write;
    returns what that file held then. The process must have been killed, not have ended by itself."""
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = None
    deadline = time.monotonic() + 120
    try:
        while found is None and process.poll() is None and time.monotonic() < deadline:
            found = partial()
            if found is not None:
                os.kill(process.pid, signal.SIGKILL)  # at once: the write is under way
            time.sleep(0.001)
    finally:
        process.kill()
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert found is not None, "the command never started writing its file"
    return found.read_bytes()


# The browser of the browser tests: Debian's headless Chromium.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def folder_files(graph: nx.MultiDiGraph, fmt: str) -> dict[str, bytes]:
    """The files a folder format (``neo4j``, ``csv``) writes for ``graph``, as bytes, in memory: each stream run once."""
    import io

    from kgraph.export import FORMATS, exporting
    from kgraph.export.folder import Stream

    found: dict[str, bytes] = {}
    with exporting(graph):
        files = FORMATS[fmt].files(graph)
        for name, content in files.items():
            if not isinstance(content, Stream):
                found[name] = content
            elif name not in found:
                handles = {n: io.BytesIO() for n in content.names}
                content.write(handles)
                found.update((n, h.getvalue()) for n, h in handles.items())
    return {name: found[name] for name in files}


def big_graph(n: int = 5000) -> nx.MultiDiGraph:
    """A synthetic graph of ``n`` nodes, shaped like an annotated corpus's."""
    from kgraph.synth.graphs import graph_of_size

    return graph_of_size(n)


# A small graph built to break exporters: parallel typed edges and every awkward kind of value.

XML_HOSTILE = "a < b && c > d \"quoted\" 'single' ]]> <!-- --> &amp; <script>x</script>"
CONTROL = "bell\x07 and\x01 escape\x1b end"


def hostile_graph() -> nx.MultiDiGraph:
    """Three typed parallel edges between one pair, and values that are None, lists, dicts, dates and hostile text."""
    graph = nx.MultiDiGraph(name="hostile", lastmodified="2024-02-29")
    graph.add_node(
        "a",
        kind="person",
        label="Ağa Şuşalı — «Ա»",
        note=None,
        tags=["x", "y"],
        meta={"k": [1, 2], "when": "2023"},
        born=date(1970, 1, 2),
        score=3,
        ratio=0.5,
        flag=True,
        text=XML_HOSTILE,
        control=CONTROL,
        earliest="2023-07-12",
        latest="2023-07-12",
    )
    graph.add_node("b", kind="organization", label="", mixed="text", score=2.5, tags=[])
    graph.add_node("c", kind="event", label="Rally\nsecond line\ttab", mixed=7, earliest="2020-01-01")
    graph.add_node("node with spaces", kind="place", label="Spaced <place>", x="not a coordinate", size="big")
    for kind in ("allied_with", "opposes", "member_of"):
        graph.add_edge(
            "a",
            "b",
            key=kind,
            kind="relation",
            type=kind,
            label=kind.replace("_", " "),
            evidence=[{"quote": f"{kind} & <evidence>", "source": "s", "claimed_by": "a"}],
        )
    graph.add_edge(
        "a",
        "c",
        key="speaker",
        kind="participation",
        type="speaker",
        label="speaker",
        weight=-2,
        earliest="2020-01-01",
        latest="2020-02-01",
    )
    graph.add_edge(
        "c", "node with spaces", key="place", kind="location", type="place", label="", weight=2.5, id="clash?"
    )
    return graph


#: Text that TimelineJS 3.9.11 turned into script with kgraph's former export, and its cousins. The first is
#: the issue's: its sanitizer decodes ``&#x27;`` and its linkify pastes ``www.…`` into ``href='…'``.
TIMELINE_PAYLOADS = [
    "See www.x.yz/'style='animation-name:rotateplane;animation-duration:1s'onanimationstart='alert(document.domain)'x",
    "See www.x.yz/'onmouseover='window.__xss=1'x and www.x.yz/'onclick='window.__xss=2'x",
    'See WWW.X.YZ/"onmouseover="window.__xss=3"x and www.x.yz/"style="animation-name:rotateplane"x',
    "Read http://x.yz/a'onclick='window.__xss=4'b, HTTPS://x.yz/?q=1&r=2 and ftp://x.yz/'onclick='window.__xss=5'",
    "Write to a.b+c@x.yz'onclick='window.__xss=6' or see http://x.yz/u@v.wz'onmouseover='window.__xss=7'",
    "<script>window.__xss=8</script><script>alert(8)</script>",
    "<img src=x onerror=window.__xss=9><svg onload=window.__xss=10>",
    'javascript:window.__xss=11 and <a href="javascript:window.__xss=12">link</a>',
    "www.x.yz/&#x27;onmouseover=&#x27;window.__xss=13&#x27;x &#39; &apos; &quot; &lt;b&gt;",
    "&lt;img src=x onerror=window.__xss=14&gt; &amp;lt;img src=x onerror=window.__xss=15&amp;gt;",
    "The movement's plans: \"soon\", said O'Neill — 50% & more",
]
#: How many times an event's text (in kgraph's layout) shows a payload put in every field: status, description,
#: participant name and role, evidence quote, source and claimant.
PAYLOAD_TIMES_IN_TEXT = 7


def hostile_timeline() -> KnowledgeGraph:
    """One event per payload, with the payload in every field the export shows, and in persons' names.

    Fields the loader would refuse (the type, status, role, source id, EDTF date) are set without validation:
    the export must not rely on the loader for its safety.
    """
    seeds = kgraph.load(SEEDS)
    person, base = seeds.entities["arayik-harutyunyan"], seeds.events["stepanakert-rally"]
    entities: dict[str, Any] = {}
    events: dict[str, Any] = {}
    for i, text in enumerate(TIMELINE_PAYLOADS):
        actor = person.model_copy(update={"id": f"hostile-{i}", "name": text, "aliases": []})
        entities[actor.id] = actor
        span = dataclasses.replace(TimeSpan.parse(f"2023-07-{i + 1:02d}"), edtf=text)
        events[f"hostile-event-{i}"] = base.model_copy(
            update={
                "id": f"hostile-event-{i}",
                "title": text,
                "description": text,
                "type": text,
                "status": text,
                "date": span,
                "place": None,
                "part_of": None,
                "participants": [Participant.model_construct(actor=actor.id, role=text, evidence=[], note=None)],
                "evidence": [Evidence.model_construct(quote=text, source=text, claimed_by=(actor.id,), note=None)],
            }
        )
    return KnowledgeGraph(Corpus(seeds.root, seeds.sources, entities, events, {}, {}, {}))


def inside(point: tuple[float, float], rings: list[list[float]]) -> bool:
    """Even–odd rule over flat [x, y, ...] rings: is (x, y) inside?"""
    x, y = point
    crossings = 0
    for ring in rings:
        xs, ys = ring[0::2], ring[1::2]
        for i in range(len(xs)):
            x1, y1, x2, y2 = xs[i - 1], ys[i - 1], xs[i], ys[i]
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


class CountingHandle(io.BytesIO):
    """A binary handle that keeps the size of each write."""

    def __init__(self) -> None:
        super().__init__()
        self.sizes: list[int] = []

    def write(self, data, /) -> int:  # type: ignore[override]
        self.sizes.append(len(data))
        return super().write(data)

    @property
    def writes(self) -> int:
        """How many writes there were."""
        return len(self.sizes)


def garbage_left(write: Callable[[Any, io.BytesIO], object], graph: Any) -> int:
    """How many objects ``write(graph, handle)`` leaves in reference cycles: counted with the collector off, as an
    export runs (what it leaves would stay until the export ends)."""
    gc.collect()
    gc.disable()
    try:
        write(graph, io.BytesIO())
        return gc.collect()
    finally:
        gc.enable()


def need_fork() -> None:
    """Skip a test that needs :func:`kgraph.beside.can_fork` where it says no (Linux, a process with no other
    thread); under CI, fail it instead, as CI must run it."""
    from kgraph.beside import can_fork

    if not can_fork():
        if os.environ.get("CI"):
            pytest.fail("CI must run this test, but this process cannot fork safely")
        pytest.skip("the work runs in a process of its own only on Linux, in a process with one thread")


def with_hostile_quotes(graph: nx.MultiDiGraph, event: str, text: str) -> nx.MultiDiGraph:
    """A copy of ``graph`` where ``text`` is everything a participant's and a figure's quotes show on ``event``:
    a participant (its name, its role) with a quote of its own, and a figure (its measure, value, unit and what it
    counts) with a quote; each quote with ``text`` as its words, source, stance, claimant and relayer."""
    graph = graph.copy()
    data = graph.nodes[event]
    item = {"quote": text, "source": text, "stance": text, "claimed_by": [text], "via": [text]}
    graph.add_node(text, kind="person", label=text)
    shared = data.get("evidence") or []
    graph.add_edge(text, event, key=text, kind="participation", role=text, label=text, evidence=[item, *shared])
    data["participants"] = [*(data.get("participants") or []), {"actor": text, "role": text}]
    data["figures"] = [{"measure": text, "value": text, "unit": text, "counts": [text], "evidence": [item]}]
    return graph
