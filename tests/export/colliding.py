"""A corpus whose own terms (its ``vocabulary.yaml``) take names the property graph uses for other things: event
types ``person`` and ``source`` (labels of nodes), a role ``via`` and relation types ``supports`` and
``mentioned_in`` (relationship types of evidence), and a relation type ``match`` (a Cypher keyword). Its text is
that of ``tests/fixtures/vocabulary/valid``."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..helpers import FIXTURES

VOCABULARY = """\
event_types:
  person:
    description: An event type spelt as a node label.
  source:
    description: Another.
roles:
  via:
    description: A role spelt as an evidence relationship.
    allowed: [person, organization]
relation_types:
  supports:
    description: The subject backs the object.
    subject: [organization]
    object: [organization, group]
  match:
    description: A relation type spelt as a Cypher keyword.
    subject: [person]
    object: [organization]
  mentioned_in:
    description: Another evidence name.
    subject: [person]
    object: [organization]
"""

ANNOTATIONS = """\
source:
  id: kora-report
  title: Sit-in at the Kora camp
  published: 2024-03-05
  published_basis: stated
  language: en
  text: article.txt
persons:
  - id: mira-tal
    name: Mira Tal
  - id: sam-rivo
    name: Sam Rivo
organizations:
  - id: kora-council
    name: Kora Residents' Council
    kind: government_body
  - id: aid-fund
    name: Aid Fund
    kind: ngo
places:
  - id: kora-camp
    name: Kora camp
    kind: landmark
events:
  - id: kora-sit-in
    type: person
    title: Residents hold a sit-in at the Kora camp gate
    date: 2024-03-04
    date_basis: relative
    place: kora-camp
    participants:
      - {actor: sam-rivo, role: via}
      - {actor: mira-tal, role: speaker}
    evidence:
      - quote: Residents of the Kora camp held a sit-in outside its gate on Monday
        claimed_by: mira-tal
  - id: tents-sent
    type: source
    title: The Aid Fund sends tents
    date: 2024-03-05
    date_basis: stated
    participants:
      - {actor: aid-fund, role: agent}
    evidence:
      - quote: The Aid Fund, which finances the council, sent 40 tents.
relations:
  - type: supports
    subject: aid-fund
    object: kora-council
    evidence:
      - quote: The Aid Fund, which finances the council
  - type: match
    subject: mira-tal
    object: kora-council
    evidence:
      - quote: Mira Tal, who chairs the Kora Residents' Council
  - type: mentioned_in
    subject: sam-rivo
    object: kora-council
    evidence:
      - quote: Sam Rivo negotiated for the council
"""


def colliding_corpus(folder: Path) -> Path:
    """Write the corpus into ``folder`` (created) and return it."""
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "vocabulary" / "valid" / "article.txt", folder / "article.txt")
    (folder / "vocabulary.yaml").write_text(VOCABULARY, encoding="utf-8")
    (folder / "annotations.yaml").write_text(ANNOTATIONS, encoding="utf-8")
    return folder
