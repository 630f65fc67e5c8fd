"""Ctrl-C that Python cannot raise where it lands (in a callback run during an import, which it reports as
"Exception ignored in ...") still ends a kgraph run: "kgraph: interrupted" and exit code 130, not a warning
followed by the rest of the run."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys, weakref
from kgraph.cli import main
sys.unraisablehook = main._unraisable  # as main.run() installs it


class Thing:
    pass


def interrupted(_):
    raise KeyboardInterrupt


thing = Thing()
ref = weakref.ref(thing, interrupted)
del thing  # the callback's KeyboardInterrupt cannot be raised here: Python hands it to the hook
print("went on")
"""


def test_an_interrupt_python_cannot_raise_still_ends_the_run():
    done = subprocess.run([sys.executable, "-c", SCRIPT], check=False, capture_output=True, timeout=60)
    assert done.returncode == 130
    assert done.stderr == b"kgraph: interrupted\n"
    assert b"went on" not in done.stdout


def test_other_unraisable_exceptions_are_reported_as_python_reports_them():
    script = SCRIPT.replace("raise KeyboardInterrupt", "raise ValueError('x')")
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, timeout=60)
    assert done.returncode == 0
    assert b"went on" in done.stdout
    assert b"Exception ignored in" in done.stderr


RUN = """
import weakref
from kgraph.cli import main


class Thing:
    pass


def interrupted(_):
    raise KeyboardInterrupt


def work():  # the run's work, in place of a command: an import callback that Ctrl-C lands in
    thing = Thing()
    ref = weakref.ref(thing, interrupted)
    del thing
    print("went on")
    return 0


main._run = work
main.run()
"""


def test_the_console_script_entry_installs_the_hook_before_the_work_starts():
    done = subprocess.run([sys.executable, "-c", RUN], check=False, capture_output=True, timeout=60)
    assert (done.returncode, done.stderr, done.stdout) == (130, b"kgraph: interrupted\n", b"")
