"""Ctrl-C inside an import is held back until the import is over (kgraph/cli/interrupt.py), so that it cannot
break what the import sets up; outside imports it interrupts at once."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os, pathlib, signal, sys, tempfile, time
from kgraph.cli.interrupt import deferring
signal.signal(signal.SIGINT, deferring)
folder = tempfile.mkdtemp()
sys.path.insert(0, folder)
pathlib.Path(folder, "setup_in_progress.py").write_text(
    "import os, signal\\nos.kill(os.getpid(), signal.SIGINT)\\ntotal = sum(range(10**6))\\ndone = True\\n"
)
try:
    import setup_in_progress
    time.sleep(5)
    print("not interrupted")
except KeyboardInterrupt:
    module = sys.modules.get("setup_in_progress")
    print("interrupted; the import finished:", getattr(module, "done", False))
"""


def run(script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60)
    assert done.stderr == ""
    return done.stdout.strip()


def test_ctrl_c_inside_an_import_is_raised_once_the_import_is_over():
    assert run(SCRIPT) == "interrupted; the import finished: True"


def test_ctrl_c_outside_an_import_interrupts_at_once():
    script = SCRIPT.replace("import setup_in_progress\n", "os.kill(os.getpid(), signal.SIGINT)\n")
    assert run(script) == "interrupted; the import finished: False"


def test_the_console_script_installs_it():
    script = "import signal\nfrom kgraph.cli import interrupt, main\n"
    script += "main._run = lambda: print(signal.getsignal(signal.SIGINT) is interrupt.deferring) or 0\nmain.run()"
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True"
