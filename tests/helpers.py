"""Running the kgraph command as a user does, for the tests."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

from .paths import ROOT

#: Limits for runs that must stay bounded whatever the input: 2 GB of memory, a minute.
MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 60


def limit_memory() -> None:
    """Set in a child process before it starts: no more than MEMORY_LIMIT of address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def kgraph_cli(*args: str, cwd: Path = ROOT, limited: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``kgraph ARGS`` in a new process (within the limits when ``limited``) and check it shows no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "kgraph", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIME_LIMIT if limited else None,
        preexec_fn=limit_memory if limited else None,
    )
    assert "Traceback" not in result.stderr
    return result
