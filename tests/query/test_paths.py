"""Shortest paths: of several equally short, ``path`` gives the one whose ids come first in alphabetical order, as
``paths`` orders them, so that ``path`` is ``paths()[0]``."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import networkx as nx
import pytest

from kgraph.graph.knowledge import KnowledgeGraph
from kgraph.query.paths import _first_shortest

TEXT = "Ostrelian artillery shelled Geneva on Sunday. On Monday Ostrelian artillery attacked Geneva again.\n"

#: Two events link the artillery to Geneva; the one listed first has the id that comes second alphabetically.
ANNOTATIONS = """
source: {id: geneva-report, title: Geneva report, published: 2024-03-12, published_basis: stated, language: en,
         text: article.txt}
organizations:
  - {id: ostrelian-artillery, name: Ostrelian artillery, kind: armed_force}
places:
  - {id: geneva, name: Geneva, kind: city}
events:
  - id: shelling-of-geneva
    type: shelling
    title: Shelling of Geneva
    date: 2024-03-10
    date_basis: relative
    place: geneva
    participants: [{actor: ostrelian-artillery, role: agent}]
    evidence: [{quote: Ostrelian artillery shelled Geneva on Sunday}]
  - id: attack-on-geneva
    type: attack
    title: Attack on Geneva
    date: 2024-03-11
    date_basis: relative
    place: geneva
    participants: [{actor: ostrelian-artillery, role: agent}]
    evidence: [{quote: On Monday Ostrelian artillery attacked Geneva again}]
"""


@pytest.fixture(scope="module")
def geneva(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    folder: Path = tmp_path_factory.mktemp("geneva") / "geneva-report"
    folder.mkdir()
    (folder / "article.txt").write_text(TEXT, encoding="utf-8")
    (folder / "annotations.yaml").write_text(ANNOTATIONS, encoding="utf-8")
    return KnowledgeGraph.load(folder.parent)


def test_of_two_equally_short_paths_path_takes_the_one_whose_ids_come_first(geneva):
    path = geneva.path("Ostrelian artillery", "Geneva")
    assert [s.id for s in path.steps] == ["ostrelian-artillery", "attack-on-geneva", "geneva"]
    assert [[s.id for s in p.steps] for p in geneva.paths("Ostrelian artillery", "Geneva")] == [
        ["ostrelian-artillery", "attack-on-geneva", "geneva"],
        ["ostrelian-artillery", "shelling-of-geneva", "geneva"],
    ]
    back = geneva.path("Geneva", "Ostrelian artillery")
    assert str(back) == "Geneva <-[at]- Attack on Geneva <-[agent]- Ostrelian artillery"


def test_path_is_the_first_of_paths_between_any_two_of_the_seeds(seeds):
    kg = KnowledgeGraph(seeds)
    differ = []
    for a, b in itertools.permutations(sorted(kg.graph), 2):
        path = kg.path(a, b)
        if path is None:
            assert kg.paths(a, b, cutoff=30, limit=1) == []
            continue
        [first] = kg.paths(a, b, cutoff=len(path.hops), limit=1, timeout=None)
        if str(path) != str(first) or [s.id for s in path.steps] != [s.id for s in first.steps]:
            differ.append((a, b))
    assert differ == []


def test_the_first_shortest_path_is_the_least_of_all_shortest_paths_in_random_graphs():
    rng = random.Random(12)
    for _ in range(1500):
        n = rng.randint(2, 24)
        graph = nx.gnp_random_graph(n, rng.choice([0.08, 0.15, 0.3]), seed=rng.randrange(10**6))
        graph = nx.relabel_nodes(graph, {i: f"{rng.randrange(100):02d}-{i}" for i in graph})
        a, b = rng.choice(list(graph)), rng.choice(list(graph))
        try:
            least = min(nx.all_shortest_paths(graph, a, b))
        except nx.NetworkXNoPath:
            least = None
        assert _first_shortest(graph, a, b) == least, (sorted(graph.edges), a, b)
