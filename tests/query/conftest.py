"""A small conflict corpus for the query tests, written in a temporary folder: claims and denials, figures that
sides disagree on, links between events, and a later report that turns a predicted fall into one that happened.

Two reports: ``a-report`` (29 October 2020) and ``b-report`` (10 November 2020), which adds to what the first
defines. Fictional names, so that nothing depends on the seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgraph.graph.knowledge import KnowledgeGraph

TEXT_A = (
    "Testland said two of its soldiers were killed near Oldtown on Wednesday in an attack by Neighbourland forces. "
    "Neighbourland denied that its forces were in Oldtown and said nobody was killed. "
    "Neighbourland also denied any presence in Newtown. "
    "The defence ministry of Testland said at least 4 civilians were killed in shelling of Oldtown, "
    "the foreign ministry reported. Officials warn the town may fall in the coming days. "
    "Oldtown has about 20,000 inhabitants. The front is at most 5 kilometres away, Testland said.\n"
)

TEXT_B = (
    "Oldtown fell on Monday. The defence ministry confirmed on Monday that Oldtown had fallen, the foreign ministry said. "
    "Testland now says three of its soldiers were killed near Oldtown. "
    "Testland said three more soldiers were killed in Newtown. "
    "The defence ministry said 1 civilian was killed in Newtown. "
    "The shelling paved the way for the fall, Testland said. "
    "Oldtown is home to about 19,000 people and Newtown to about 5,000.\n"
)

ANNOTATIONS_A = """
source: {id: a-report, title: Report A, published: 2020-10-29, published_basis: stated, language: en, text: article.txt}
organizations:
  - {id: testland, name: Testland, kind: state}
  - {id: neighbourland, name: Neighbourland, kind: state}
  - {id: neighbourland-forces, name: Neighbourland forces, kind: armed_force}
  - {id: testland-mod, name: Testland defence ministry, aliases: [defence ministry], kind: government_body}
  - {id: testland-fm, name: Testland foreign ministry, aliases: [foreign ministry], kind: government_body}
places:
  - id: oldtown
    name: Oldtown
    kind: town
    figures:
      - {measure: population, value: 20000, qualifier: about, evidence: [{quote: "Oldtown has about 20,000 inhabitants"}]}
  - {id: newtown, name: Newtown, kind: town}
events:
  - id: clash-near-oldtown
    type: attack
    title: Attack near Oldtown
    date: 2020-10-28
    date_basis: relative
    place: oldtown
    participants:
      - {actor: testland, role: target}
      - actor: neighbourland-forces
        role: agent
        evidence:
          - {quote: in an attack by Neighbourland forces, claimed_by: testland}
          - {quote: Neighbourland denied that its forces were in Oldtown, stance: denies, claimed_by: neighbourland}
    figures:
      - measure: killed
        value: 2
        evidence:
          - {quote: two of its soldiers were killed near Oldtown, claimed_by: testland}
          - {quote: said nobody was killed, stance: denies, claimed_by: neighbourland}
    evidence:
      - {quote: two of its soldiers were killed near Oldtown on Wednesday, claimed_by: testland}
  - id: shelling-of-oldtown
    type: shelling
    title: Shelling of Oldtown
    date: 2020-10
    date_basis: inferred
    place: oldtown
    figures:
      - measure: killed
        min: 4
        evidence:
          - {quote: at least 4 civilians were killed in shelling of Oldtown, claimed_by: testland-mod, via: testland-fm}
    evidence:
      - {quote: at least 4 civilians were killed in shelling of Oldtown, claimed_by: testland-mod, via: testland-fm}
  - id: fall-of-oldtown
    type: capture
    title: Fall of Oldtown
    status: predicted
    date: "[2020-10-29..]"
    date_basis: relative
    place: oldtown
    figures:
      - {measure: distance, max: 5, evidence: [{quote: The front is at most 5 kilometres away, claimed_by: testland}]}
    evidence:
      - quote: Officials warn the town may fall in the coming days
relations:
  - type: located_in
    subject: neighbourland-forces
    object: oldtown
    evidence:
      - {quote: in an attack by Neighbourland forces, claimed_by: testland}
      - {quote: Neighbourland denied that its forces were in Oldtown, stance: denies, claimed_by: neighbourland}
  - type: located_in
    subject: neighbourland-forces
    object: newtown
    evidence:
      - {quote: Neighbourland also denied any presence in Newtown, stance: denies, claimed_by: neighbourland}
"""

ANNOTATIONS_B = """
source: {id: b-report, title: Report B, published: 2020-11-10, published_basis: stated, language: en, text: article.txt}
events:
  - id: capture-confirmed
    type: statement
    title: The defence ministry confirms the fall of Oldtown
    date: 2020-11-09
    date_basis: relative
    participants: [{actor: testland-mod, role: speaker}]
    evidence:
      - {quote: The defence ministry confirmed on Monday that Oldtown had fallen, claimed_by: testland-mod}
  - id: newtown-clash
    type: attack
    title: Attack in Newtown
    date: 2020-11
    date_basis: inferred
    place: newtown
    participants: [{actor: testland, role: target}]
    figures:
      - {measure: killed, value: 3, evidence: [{quote: three more soldiers were killed in Newtown, claimed_by: testland}]}
      - {measure: killed, value: 1, evidence: [{quote: 1 civilian was killed in Newtown, claimed_by: testland-mod}]}
    evidence:
      - {quote: three more soldiers were killed in Newtown, claimed_by: testland}
relations:
  - type: confirms
    subject: capture-confirmed
    object: fall-of-oldtown
    evidence: [{quote: confirmed on Monday that Oldtown had fallen, claimed_by: testland-mod, via: testland-fm}]
  - type: causes
    subject: shelling-of-oldtown
    object: fall-of-oldtown
    evidence: [{quote: The shelling paved the way for the fall, claimed_by: testland}]
additions:
  - to: fall-of-oldtown
    status: occurred
    date: 2020-11-09
    evidence: [{quote: Oldtown fell on Monday}]
  - to: clash-near-oldtown
    figures:
      - {measure: killed, value: 3, evidence: [{quote: three of its soldiers were killed near Oldtown, claimed_by: testland}]}
  - to: oldtown
    figures:
      - {measure: population, value: 19000, qualifier: about, evidence: [{quote: "Oldtown is home to about 19,000 people"}]}
  - to: newtown
    figures:
      - {measure: population, value: 5000, qualifier: about, evidence: [{quote: "Newtown to about 5,000"}]}
"""


def write_conflict(folder: Path) -> Path:
    """Write the two reports into ``folder`` and return it."""
    for name, text, yaml in (("a-report", TEXT_A, ANNOTATIONS_A), ("b-report", TEXT_B, ANNOTATIONS_B)):
        (folder / name).mkdir(parents=True)
        (folder / name / "article.txt").write_text(text, encoding="utf-8")
        (folder / name / "annotations.yaml").write_text(yaml, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def conflict_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The conflict corpus, written once."""
    return write_conflict(tmp_path_factory.mktemp("conflict"))


@pytest.fixture(scope="session")
def conflict(conflict_path: Path) -> KnowledgeGraph:
    """The conflict corpus's knowledge graph, built once."""
    return KnowledgeGraph.load(conflict_path)
