"""Fixtures of the corpus stage's tests."""

from __future__ import annotations

import pytest

from ..helpers import need_fork


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty cache folder of kgraph's own for this test (``KGRAPH_CACHE_DIR``), the cache turned on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(folder))
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    return folder


@pytest.fixture
def forking():
    """A test that needs a process that can fork (see :func:`tests.helpers.need_fork`)."""
    need_fork()
