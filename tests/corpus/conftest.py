"""Fixtures of the corpus stage's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty cache folder of kgraph's own for this test (``KGRAPH_CACHE_DIR``), the cache turned on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(folder))
    monkeypatch.delenv("KGRAPH_CACHE", raising=False)
    return folder
