"""Long commands show progress bars in a terminal, on standard error; ``-q`` hides them, and so does a standard
error that is not a terminal (a pipe, a file), whatever standard output is."""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.synth.corpus import EVENTS_PER_DOCUMENT, write

from ..helpers import FIXTURES, TIME_LIMIT

#: Events of the synthetic corpus: a registry and one document a EVENTS_PER_DOCUMENT events, so 6 annotation files.
EVENTS = 100
ANNOTATION_FILES = 1 + EVENTS // EVENTS_PER_DOCUMENT

#: A tqdm bar as kgraph draws it, at the start of a line: its description, then the files counted against a total
#: ("0%|          | 0/6 [00:00<?, ? files/s]") or, without one, alone ("0 files [00:00, ? files/s]").
BAR = re.compile(r"\r(\w+): (?:[^\r\n]*?\| \d+/(\d+)|\d+ files) \[[^\r\n]*? files/s\]")


def written(stdout: str) -> int:
    """How many files a build or a synth says it wrote."""
    found = re.search(r"wrote (\d+) files into", stdout)
    return int(found[1]) if found else stdout.count("\nwrote ")


#: Each long command: its arguments (given a corpus and a new folder), and the bars it shows in order, each with
#: its total (None: a count without a total), given its standard output.
COMMANDS: dict[str, tuple[Callable[[Path, Path], list[str]], Callable[[str], dict[str, int | None]]]] = {
    "validate": (lambda corpus, new: ["validate", str(corpus)], lambda out: {"reading": ANNOTATION_FILES}),
    "build": (
        lambda corpus, new: ["build", str(corpus), "--out", str(new)],
        lambda out: {"reading": ANNOTATION_FILES, "writing": written(out)},
    ),
    "synth": (lambda corpus, new: ["synth", str(new), "--events", str(EVENTS)], lambda out: {"writing": written(out)}),
    "import acled": (
        lambda corpus, new: ["import", "acled", str(FIXTURES / "acled" / "sample.csv"), str(new), "--skip-bad"],
        lambda out: {"writing": None},  # the documents are made as they are written: no total
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of EVENTS events, written once for these tests."""
    folder = tmp_path_factory.mktemp("progress") / "corpus"
    write(folder, EVENTS)
    return folder


def run_with_terminal(args: list[str], terminal: str, cwd: Path) -> tuple[int, str, str]:
    """Run ``kgraph ARGS`` with one of its output streams (``terminal``: "stdout" or "stderr") a terminal of 80
    columns (a pseudo-terminal), the other a pipe and standard input empty; its exit code, stdout and stderr."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "KGRAPH_CACHE_DIR": str(cwd / "cache")}  # the cache of this test, not the user's
    with subprocess.Popen(
        [sys.executable, "-m", "kgraph", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=slave if terminal == "stdout" else subprocess.PIPE,
        stderr=slave if terminal == "stderr" else subprocess.PIPE,
    ) as process:
        os.close(slave)
        shown = bytearray()
        deadline = time.monotonic() + TIME_LIMIT
        try:
            while select.select([master], [], [], max(0.0, deadline - time.monotonic()))[0]:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the process closed the terminal's last handle
                    break
                if not data:
                    break
                shown += data
            piped_out, piped_err = process.communicate(timeout=max(1.0, deadline - time.monotonic()))
        finally:
            os.close(master)
            process.kill()
    out, err = (piped_out, bytes(shown)) if terminal == "stderr" else (bytes(shown), piped_err)
    stdout, stderr = out.decode(), err.decode()
    assert "Traceback" not in stderr
    return process.returncode, stdout, stderr


def bars(stderr: str) -> dict[str, int | None]:
    """The progress bars drawn in ``stderr`` in the order first drawn, each with its total."""
    found: dict[str, int | None] = {}
    for description, total in BAR.findall(stderr):
        assert found.setdefault(description, int(total) if total else None) == (int(total) if total else None)
    return found


@pytest.mark.parametrize("command", COMMANDS)
def test_a_long_command_shows_its_progress_bars_on_stderr_in_a_terminal(command: str, corpus: Path, tmp_path: Path):
    args, expected = COMMANDS[command]
    code, stdout, stderr = run_with_terminal(args(corpus, tmp_path / "new"), "stderr", tmp_path)
    assert code == 0
    assert list(bars(stderr).items()) == list(expected(stdout).items())
    assert "files/s" not in stdout  # the bars go to standard error only


@pytest.mark.parametrize("command", COMMANDS)
def test_q_hides_the_progress_bars_in_a_terminal(command: str, corpus: Path, tmp_path: Path):
    code, _, stderr = run_with_terminal([*COMMANDS[command][0](corpus, tmp_path / "new"), "-q"], "stderr", tmp_path)
    assert code == 0
    assert bars(stderr) == {}
    assert "files/s" not in stderr
    assert "\r" not in stderr.replace("\r\n", "\n")  # nothing drawn over a line: only whole lines of messages


@pytest.mark.parametrize("command", COMMANDS)
def test_no_progress_bar_when_stderr_is_a_pipe_though_stdout_is_a_terminal(command: str, corpus: Path, tmp_path: Path):
    code, stdout, stderr = run_with_terminal(COMMANDS[command][0](corpus, tmp_path / "new"), "stdout", tmp_path)
    assert code == 0
    assert stdout  # the command's own report, in the terminal
    assert bars(stderr) == {}
    assert "files/s" not in stderr
    assert "\r" not in stderr
