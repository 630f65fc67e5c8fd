"""A small corpus with what conflict reporting is made of, for the export tests: a denial relayed by two
ministries, a denial of an event, figures claimed by competing sides, a prediction a later article says came true (a history of two
states), a confirmation linking two events, and additions from the later article (a name, a participant, a
town's population). It is written here rather than read from the seeds, so each test knows exactly what it has."""

from __future__ import annotations

from pathlib import Path

import pytest

import kgraph
from kgraph.graph.knowledge import KnowledgeGraph

from .browser import browser, open_page  # noqa: F401  (fixtures for the browser tests)

FILES = {
    "registry.yaml": """
persons:
  - id: governor
    name: The governor
organizations:
  - id: republic
    name: The republic
    kind: state
  - id: ministry
    name: The ministry
    kind: government_body
  - id: foreign-ministry
    name: The foreign ministry
    kind: government_body
  - id: defence-ministry
    name: The defence ministry
    kind: government_body
  - id: army
    name: The army
    kind: armed_force
  - id: rebels
    name: The rebels
    kind: armed_group
places:
  - id: town
    name: The town
    kind: town
  - id: region
    name: The region
    kind: region
""",
    "a/article.txt": "The army is at most 2 km from the town, information indicates. The town of about 20,000"
    " inhabitants may fall in the coming days, the governor said. The ministry said two soldiers were killed.\n",
    "a/annotations.yaml": """
source:
  id: doc-a
  title: The army nears the town
  published: "2020-10-29"
  published_basis: stated
  language: en
  text: article.txt
events:
  - id: fall-of-town
    type: capture
    title: The town falls
    date: "[2020-10-29..]"
    date_basis: relative
    status: predicted
    place: town
    participants:
      - {actor: army, role: agent}
    figures:
      - measure: distance
        max: 2
        qualifier: at_most
        evidence:
          - quote: The army is at most 2 km from the town, information indicates.
    evidence:
      - quote: may fall in the coming days, the governor said
        claimed_by: governor
  - id: soldiers-killed
    type: killing
    title: Soldiers killed
    date: "2020-10"
    date_basis: inferred
    figures:
      - measure: killed
        value: 2
        evidence:
          - quote: two soldiers were killed
            claimed_by: ministry
    evidence:
      - quote: The ministry said two soldiers were killed.
        claimed_by: ministry
""",
    "b/article.txt": "The town fell on Sunday, a spokesman confirmed Monday, as the rebels retreated. The republic"
    " has denied the presence of its forces in the region, the foreign ministry said, quoting the defence ministry."
    " Between 2 and 5 soldiers were killed, the rebels claimed. The town, Shushi to some, had 20,000 people."
    " The republic denied that the town had fallen.\n",
    "b/annotations.yaml": """
source:
  id: doc-b
  title: The town fell
  published: "2020-11-10"
  published_basis: stated
  language: en
  text: article.txt
events:
  - id: spokesman-confirms
    type: statement
    title: A spokesman confirms the fall
    date: "2020-11-09"
    date_basis: relative
    evidence:
      - quote: a spokesman confirmed Monday
relations:
  - type: confirms
    subject: spokesman-confirms
    object: fall-of-town
    evidence:
      - quote: The town fell on Sunday, a spokesman confirmed Monday
  - type: located_in
    subject: army
    object: region
    evidence:
      - quote: The republic has denied the presence of its forces in the region
        stance: denies
        claimed_by: republic
        via: [foreign-ministry, defence-ministry]
additions:
  - to: fall-of-town
    status: occurred
    date: "2020-11-08"
    participants:
      - {actor: rebels, role: affected}
    evidence:
      - quote: The town fell on Sunday
      - quote: The republic denied that the town had fallen.
        stance: denies
        claimed_by: republic
  - to: soldiers-killed
    figures:
      - measure: killed
        min: 2
        max: 5
        evidence:
          - quote: Between 2 and 5 soldiers were killed, the rebels claimed.
            claimed_by: rebels
            stance: disputes
  - to: town
    aliases: [Shushi]
    figures:
      - measure: population
        value: 20000
        qualifier: about
        evidence:
          - quote: had 20,000 people
""",
}


def write_claims(root: Path) -> Path:
    """Write the corpus into ``root``; returns it."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip(), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def claims_path(tmp_path_factory) -> Path:
    """The folder of the corpus of claims, written once."""
    return write_claims(tmp_path_factory.mktemp("claims"))


@pytest.fixture(scope="session")
def claims(claims_path) -> KnowledgeGraph:
    """The corpus of claims as a KnowledgeGraph."""
    return KnowledgeGraph(kgraph.load(claims_path))


@pytest.fixture(scope="module")
def synth_200(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The synthetic corpus ``kgraph.synth.corpus.write(folder, events=200, seed=1)``, loaded: the input whose
    exports' hashes the streaming tests recorded before streaming."""
    from kgraph.synth.corpus import write

    folder = tmp_path_factory.mktemp("synth") / "corpus"
    write(folder, events=200, seed=1)
    return KnowledgeGraph.load(folder)


@pytest.fixture(scope="session")
def seed_file(seeds: kgraph.Corpus, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' explorer page, written once for the browser tests (which only read it)."""
    path: Path = tmp_path_factory.mktemp("explorer") / "graph.html"
    KnowledgeGraph(seeds).to_html(path)
    return path
