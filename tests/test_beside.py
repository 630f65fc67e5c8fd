"""Work run in a process of its own: it runs once, elsewhere; its errors reach the parent (unless the work is not
needed); it never outlives a parent that dies."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.beside import BesideError, apart, beside, can_fork, extra_memory

from .helpers import need_fork


@pytest.fixture(autouse=True)
def forking(request):
    """These tests need a process that can fork: Linux, with no other thread (under CI they must run)."""
    if not request.node.name.startswith("test_a_process_with_another_thread"):
        need_fork()


def test_the_work_runs_in_another_process_while_the_body_runs(tmp_path: Path):
    mark = tmp_path / "pid"
    before = extra_memory()
    with beside(lambda: mark.write_text(str(os.getpid()))):
        here = os.getpid()
    assert int(mark.read_text()) != here
    assert extra_memory() >= before > -1


def test_with_parallel_off_the_work_runs_here_first(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KGRAPH_PARALLEL", "off")
    mark = tmp_path / "pid"
    with beside(lambda: mark.write_text(str(os.getpid()))):
        assert mark.exists()  # done before the body
    assert int(mark.read_text()) == os.getpid()


def test_an_oserror_of_the_work_is_raised_as_one():
    def full():
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left on device") as caught, beside(full):
        pass
    assert caught.value.errno == errno.ENOSPC


def test_another_error_of_the_work_names_itself():
    def broken():
        raise ValueError("a bug")

    with pytest.raises(BesideError, match="failed: ValueError: a bug"), beside(broken):
        pass


def test_a_worker_killed_by_a_signal_is_an_error():
    with pytest.raises(BesideError, match="was killed by signal 9"), beside(lambda: os.kill(os.getpid(), 9)):
        pass


@pytest.mark.parametrize(
    "failure", [lambda: os.kill(os.getpid(), 9), lambda: 1 / 0, lambda: Path("/no/such/folder/x").write_text("")]
)
def test_work_that_is_not_needed_may_fail_without_an_error(failure, tmp_path: Path):
    with beside(failure, needed=False):
        body = "ran"
    assert body == "ran"
    with pytest.raises((BesideError, OSError)), beside(failure):  # needed, as by default: its failure is an error
        pass


@pytest.mark.parametrize("failure", [lambda: 1 / 0, lambda: Path("/no/such/folder/x").write_text("")])
def test_work_that_is_not_needed_may_fail_here_too(failure, monkeypatch):
    monkeypatch.setenv("KGRAPH_PARALLEL", "off")
    with beside(failure, needed=False):
        body = "ran"
    assert body == "ran"
    with pytest.raises((ZeroDivisionError, OSError)), beside(failure):
        pass


#: The two ways to run work beside: by name, for tests that hold for both.
_RUNNERS = {"apart": apart, "beside": beside}


def _slow(mark: Path):
    """Work that notes its process in ``mark``, then takes a minute."""

    def slow():
        mark.write_text(str(os.getpid()))
        time.sleep(60)

    return slow


@pytest.mark.parametrize("runner", ["beside", "apart"])
def test_an_error_in_the_body_stops_the_work(runner: str, tmp_path: Path):
    mark = tmp_path / "pid"

    def body_that_fails():
        with _RUNNERS[runner](_slow(mark)):
            deadline = time.monotonic() + 10
            while not mark.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            raise RuntimeError("the body failed")

    with pytest.raises(RuntimeError, match="the body failed"):
        body_that_fails()
    with pytest.raises(ProcessLookupError):  # stopped and reaped
        os.kill(int(mark.read_text()), 0)
    if runner == "apart":
        with apart(os.getpid) as done:  # and counted off: the next work still runs elsewhere
            assert done() != os.getpid()


@pytest.mark.hostile
def test_the_worker_dies_with_its_parent(tmp_path: Path):
    mark = tmp_path / "pid"
    script = (
        "import time, pathlib\n"
        "from kgraph.beside import beside\n"
        f"mark = pathlib.Path({str(mark)!r})\n"
        "def work():\n"
        "    mark.write_text(str(__import__('os').getpid()))\n"
        "    time.sleep(60)\n"
        "with beside(work):\n"
        "    time.sleep(60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(mark.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    pytest.fail("the worker outlived its parent")


def test_apart_hands_back_the_result_of_work_done_elsewhere():
    result = ([("n0", "[0,1]")], {"a": (1, 2.5, None, "é\u2028")})
    with apart(lambda: (os.getpid(), result)) as done:
        here = os.getpid()
        pid, found = done()
    assert pid != here
    assert found == result


def test_apart_gives_the_result_when_the_body_does_not_ask_for_it(tmp_path: Path):
    mark = tmp_path / "pid"
    with apart(lambda: mark.write_text(str(os.getpid()))):
        pass
    assert int(mark.read_text()) != os.getpid()  # waited for at the end


def test_apart_raises_the_error_of_its_work():
    def broken():
        raise ValueError("a bug")

    with pytest.raises(BesideError, match="failed: ValueError: a bug"), apart(broken) as done:
        done()
    with pytest.raises(OSError, match="No space") as caught, apart(_full):
        pass
    assert caught.value.errno == errno.ENOSPC


def _full():
    raise OSError(errno.ENOSPC, "No space left on device")


def test_apart_with_parallel_off_or_beside_another_child_works_here(monkeypatch):
    with beside(lambda: None), apart(os.getpid) as done:  # the second core is taken already
        assert done() == os.getpid()
    monkeypatch.setenv("KGRAPH_PARALLEL", "off")
    with apart(os.getpid) as done:
        assert done() == os.getpid()
    monkeypatch.delenv("KGRAPH_PARALLEL")
    with apart(os.getpid) as done:  # each child counted off again once waited for
        assert done() != os.getpid()


def test_a_program_that_has_its_children_reaped_for_it_still_gets_the_result():
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # as a daemon may: the kernel reaps every child
    try:
        with apart(os.getpid) as done:
            assert done() != os.getpid()
        with beside(lambda: None):
            pass
    finally:
        signal.signal(signal.SIGCHLD, before)


def test_apart_hands_back_a_result_larger_than_a_pipe_holds():
    with apart(lambda: ["é" * 3_000_000, list(range(100_000))]) as done:
        text, numbers = done()
    assert text == "é" * 3_000_000
    assert numbers == list(range(100_000))


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_when_the_fork_fails_the_work_is_done_here(monkeypatch):
    def no_fork():
        raise OSError(errno.ENOMEM, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_fork)
    before = _open_descriptors()
    with apart(os.getpid) as done:
        assert done() == os.getpid()
    mark = []
    with beside(lambda: mark.append(os.getpid())):
        assert mark == [os.getpid()]
    assert _open_descriptors() == before


def _wait_for(runner: str, work) -> None:
    """Wait for ``work`` run by ``runner``: apart waits in the body, beside at the end."""
    with _RUNNERS[runner](work) as done:
        if done:
            done()


@pytest.mark.parametrize("runner", ["apart", "beside"])
def test_ctrl_c_while_waiting_stops_and_reaps_the_child(runner: str, tmp_path: Path):
    mark = tmp_path / "pid"

    def interrupt(*_):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    before = _open_descriptors()
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)  # a SIGINT to this process alone, as a notebook's interrupt sends
        with pytest.raises(KeyboardInterrupt):
            _wait_for(runner, _slow(mark))
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with pytest.raises(ProcessLookupError):  # stopped and reaped
        os.kill(int(mark.read_text()), 0)
    assert _open_descriptors() == before
    with apart(os.getpid) as done:  # and counted off
        assert done() != os.getpid()


def test_a_process_with_another_thread_does_the_work_itself(tmp_path: Path):
    import _thread
    import threading

    started, stop = threading.Event(), threading.Event()

    def waiting():  # a thread threading does not know of, as kgraph's Ctrl-C handler starts
        started.set()
        stop.wait(30)

    _thread.start_new_thread(waiting, ())
    started.wait(10)
    try:
        assert not can_fork()
        mark = tmp_path / "pid"
        with beside(lambda: mark.write_text(str(os.getpid()))):
            pass
        assert int(mark.read_text()) == os.getpid()
    finally:
        stop.set()
