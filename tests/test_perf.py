"""kgraph.perf: the collector paused during bulk work, what it made then moved to the oldest generation unscanned
and still collectable, a program's own frozen objects left frozen; the process's own peak memory."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from kgraph.perf import collector_paused, peak_memory


class Node:
    """An object that can take part in a reference cycle and be watched by a weak reference."""

    other: Node | None = None


def test_what_the_block_made_is_not_left_for_the_next_young_collection():
    gc.collect()
    with collector_paused():
        made = [[] for _ in range(50_000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in made[::1000])  # not 50,000 objects waiting in the youngest


def test_cycles_made_in_the_block_are_still_collected():
    with collector_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        watched = weakref.ref(a)
        del a, b
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert watched() is None


def test_a_program_own_frozen_objects_stay_frozen():
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            [[] for _ in range(1_000)]
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_collector_stays_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_peak_memory_grows_with_what_the_process_holds():
    before = peak_memory()
    held = b"x" * (before + 64 * 1024**2)  # above any earlier peak, whatever was freed since
    assert peak_memory() >= before + 64 * 1024**2
    assert held


def test_a_progress_bar_leaves_a_process_with_one_thread_that_may_fork():
    """tqdm's monitor thread would keep a build in a terminal from writing its XML (or the cache) beside the rest."""
    script = (
        "import os, sys\n"
        "from kgraph.perf import progress\n"
        "from kgraph.beside import can_fork\n"
        "for _ in progress(range(3), True, 'reading'):\n"
        "    pass\n"
        "print(len(os.listdir('/proc/self/task')), can_fork())\n"
    )
    if not Path("/proc/self/task").is_dir():
        pytest.skip("threads are counted in /proc, on Linux")
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_PARALLEL"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["1", "True"]
