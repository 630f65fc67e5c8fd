"""Shared fixtures: the seed corpus, loaded once."""

from __future__ import annotations

import pytest

import kgraph
from kgraph.corpus.corpus import Corpus

from .helpers import SEEDS


@pytest.fixture(scope="session")
def seeds() -> Corpus:
    """The seed corpus, loaded once for the whole run."""
    return kgraph.load(SEEDS)
