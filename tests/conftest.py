"""Shared fixtures: the seed corpus, loaded once; a cache of validated files of the run's own."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

import kgraph
from kgraph.corpus.corpus import Corpus

from .helpers import SEEDS


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The seed corpus, loaded once for the whole run."""
    return kgraph.load(SEEDS)


@pytest.fixture(scope="session", autouse=True)
def cache_of_this_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """kgraph's cache of validated files in a folder of this run (``KGRAPH_CACHE_DIR``, which the commands the tests
    run inherit), not the user's: a test that needs its own cache, or none, sets it itself."""
    before = os.environ.get("KGRAPH_CACHE_DIR")
    os.environ["KGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("kgraph-cache"))
    yield
    if before is None:
        del os.environ["KGRAPH_CACHE_DIR"]
    else:
        os.environ["KGRAPH_CACHE_DIR"] = before
