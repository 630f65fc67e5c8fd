"""Additions: to relations by their derived id, from a registry naming its source, and duplicates refused."""

from __future__ import annotations

from pathlib import Path

import kgraph

DOC = """\
source: {id: doc, title: Doc, published: 2020-11-09, published_basis: stated, language: en, text: article.txt}
organizations:
  - {id: azerbaijan, name: Azerbaijan, kind: state}
  - {id: armenian-forces, name: Armenian forces, kind: armed_force}
places:
  - {id: karabakh, name: Karabakh, kind: region}
events:
  - id: war
    type: war
    title: War
    date: 2020-09-27/..
    date_basis: stated
    status: ongoing
    participants: [{actor: azerbaijan, role: party}]
    evidence: [{quote: The war goes on}]
relations:
  - type: located_in
    subject: armenian-forces
    object: karabakh
    evidence: [{quote: Armenian forces are in Karabakh, claimed_by: azerbaijan}]
"""
LATER = """\
source: {id: later, title: Later, published: 2020-11-10, published_basis: stated, language: en, text: article.txt}
additions:
"""


def corpus(tmp_path: Path, additions: str, registry: str = "") -> Path:
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "annotations.yaml").write_text(DOC, encoding="utf-8")
    (tmp_path / "doc" / "article.txt").write_text(
        "The war goes on. Armenian forces are in Karabakh, said Azerbaijan.", encoding="utf-8"
    )
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "annotations.yaml").write_text(LATER + additions, encoding="utf-8")
    (tmp_path / "later" / "article.txt").write_text(
        "Azerbaijan denied that Armenian forces are in Karabakh. The war ended.", encoding="utf-8"
    )
    if registry:
        (tmp_path / "registry.yaml").write_text(registry, encoding="utf-8")
    return tmp_path


def test_an_addition_names_a_relation_by_its_derived_id(tmp_path):
    path = corpus(
        tmp_path,
        "  - to: armenian-forces--located-in--karabakh\n"
        "    evidence: [{quote: Azerbaijan denied that Armenian forces are in Karabakh, stance: denies,"
        " claimed_by: azerbaijan}]\n",
    )
    relation = kgraph.load(path).relations["armenian-forces--located-in--karabakh"]
    assert [(e.source, e.stance) for e in relation.evidence] == [("doc", "supports"), ("later", "denies")]


def test_a_registry_addition_that_names_its_source_lends_it_to_its_evidence(tmp_path):
    registry = (
        "additions:\n  - to: war\n    source: later\n    status: occurred\n    evidence: [{quote: The war ended}]\n"
    )
    path = corpus(tmp_path, "  []\n", registry)
    (path / "later" / "annotations.yaml").write_text(LATER.replace("additions:\n", ""), encoding="utf-8")
    loaded = kgraph.load(path)
    assert [e.source for e in loaded.events["war"].evidence] == ["doc", "later"]
    assert loaded.events["war"].status == "occurred"


def test_a_participant_or_name_added_twice_is_refused(tmp_path):
    twice = (
        "  - {to: war, participants: [{actor: armenian-forces, role: party}], evidence: [{quote: The war ended}]}\n"
        "  - {to: war, participants: [{actor: armenian-forces, role: party}], evidence: [{quote: The war ended}]}\n"
        "  - {to: azerbaijan, aliases: [Azerbaijan Republic]}\n"
        "  - {to: azerbaijan, aliases: [Azerbaijan Republic]}\n"
    )
    messages = [p.message for p in kgraph.validate(corpus(tmp_path, twice))]
    assert "'armenian-forces' is listed twice as 'party' in event 'war'" in messages
    assert any("'Azerbaijan Republic'" in m and "already" in m for m in messages), messages


def test_an_end_that_leaves_an_event_ongoing_is_warned_about(tmp_path):
    path = corpus(tmp_path, "  - {to: war, end: 2020-11-10, evidence: [{quote: The war ended}]}\n")
    [warning] = kgraph.validate(path)
    assert warning.severity == "warning"
    assert warning.message == (
        "the addition ends event 'war' on 2020-11-10 but leaves its status 'ongoing': add 'status: occurred' "
        "if it is over"
    )


def test_a_state_an_addition_gives_is_checked_against_its_own_source(tmp_path):
    path = corpus(tmp_path, "  - {to: war, status: occurred, date: 2020-12-25, evidence: [{quote: The war ended}]}\n")
    [warning] = kgraph.validate(path)
    assert warning.message == (
        "event 'war', as this addition has it, is 'occurred' but starts 2020-12-25, after its source 'later' was "
        "published (2020-11-10)"
    )


def test_a_field_written_in_the_wrong_item_says_which_items_take_it(tmp_path):
    path = corpus(tmp_path, "  []\n")
    text = (path / "doc" / "annotations.yaml").read_text(encoding="utf-8")
    (path / "doc" / "annotations.yaml").write_text(text.replace("    status: ongoing\n", "    end: 2020-11-10\n"))
    [problem] = kgraph.validate(path)
    assert problem.message == "events[0]: unknown field 'end' here: an addition takes it"


def test_entities_no_source_mentions_are_known_on_any_day_and_the_rest_from_their_source(tmp_path):
    registry = "places:\n  - {id: geneva, name: Geneva, kind: city}\n"
    loaded = kgraph.load(corpus(tmp_path, "  []\n", registry))
    before = loaded.as_of("2020-01-01")
    assert "geneva" in before.entities
    assert "armenian-forces" not in before.entities  # only the 9 November document mentions it
    assert "armenian-forces" in loaded.as_of("2020-11").entities  # a month: its last day
