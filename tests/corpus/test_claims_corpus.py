"""The claims corpus (tests/fixtures/claims): three made-up dispatches that say what issue 12's sentences say.

A denial that never supports, a claim relayed by a ministry, competing figures, a prediction realized, a claim
confirmed by a later article, additions across articles with the history they make, the corpus as of a day, and
states that are places too.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest

import kgraph
from kgraph.annotations.models import Organization
from kgraph.corpus.corpus import Corpus, StateChange
from kgraph.corpus.yamlfile import parse_yaml

from ..helpers import FIXTURES

CLAIMS = FIXTURES / "claims"
FRONT, CLAIM, CEASEFIRE = "2020-10-28-shusha-front", "2020-11-08-aliyev-claims-shusha", "2020-11-10-ceasefire"


@pytest.fixture(scope="module")
def claims() -> Corpus:
    return kgraph.load(CLAIMS, strict=True)


def test_the_claims_corpus_validates_strictly(claims: Corpus):
    assert kgraph.validate(CLAIMS, strict=True) == []
    assert claims.warnings == ()
    assert claims.summary() == "3 sources, 2 persons, 12 organizations, 2 groups, 5 places, 20 events, 8 relations"


@pytest.mark.parametrize("path", sorted(CLAIMS.rglob("*.yaml")), ids=lambda p: p.relative_to(CLAIMS).as_posix())
def test_each_file_validates_against_the_schema_it_names(path: Path):
    text = path.read_text(encoding="utf-8")
    data, _, problems = parse_yaml(text, str(path))
    assert problems == []
    schema_path = (path.parent / text.splitlines()[0].split("$schema=")[1]).resolve()
    assert schema_path.name == ("document.schema.json" if "source" in data else "registry.schema.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_the_denial_is_a_denial_and_never_support(claims: Corpus):
    relation = claims.relations["armenian-forces-in-karabakh"]
    assert (relation.type, relation.subject, relation.object) == (
        "located_in",
        "armenian-armed-forces",
        "nagorno-karabakh",
    )
    support = [e for e in relation.evidence if not e.denies]
    denial = [e for e in relation.evidence if e.denies]
    assert [(e.stance, e.claimed_by) for e in denial] == [("denies", ("armenia",))]
    assert denial[0].quote == "Armenia has denied the presence of its armed forces in Nagorno-Karabakh"
    assert [(e.stance, e.claimed_by) for e in support] == [("supports", ("azerbaijani-defence-ministry",))]


def test_the_relayed_claim_names_who_says_it_and_who_relays_it(claims: Corpus):
    (claim,) = [e for e in claims.relations["armenian-forces-in-karabakh"].evidence if not e.denies]
    assert (claim.claimed_by, claim.via) == (("azerbaijani-defence-ministry",), ("azerbaijani-foreign-ministry",))
    assert claim.quote.startswith("The Ministry of Defence of Azerbaijan has repeatedly stated")


def test_a_claimed_capture_is_denied_then_confirmed(claims: Corpus):
    capture = claims.events["capture-of-shusha"]
    assert [(e.source, e.stance, e.claimed_by) for e in capture.evidence] == [
        (CLAIM, "supports", ("ilham-aliyev",)),
        (CLAIM, "denies", ("karabakh-authorities",)),
        (CEASEFIRE, "supports", ("karabakh-authorities",)),
    ]
    confirmation = claims.relations["shusha-capture-confirmed"]
    assert (confirmation.type, confirmation.subject, confirmation.object) == (
        "confirms",
        "fall-confirmed",
        "capture-of-shusha",
    )
    assert claims.events["fall-confirmed"].type == "statement"
    assert {e.source for e in confirmation.evidence} == {CEASEFIRE}


def test_competing_figures_stay_apart_with_their_claimants(claims: Corpus):
    killed = claims.events["fighting-near-shusha"].figures
    assert [(f.measure, f.counts, f.how, f.bounds) for f in killed] == [
        ("killed", "azerbaijani-army", "more_than", (100, None)),
        ("killed", "azerbaijani-army", "exact", (7, 7)),
    ]
    first, second = killed
    assert [(e.stance, e.claimed_by) for e in first.evidence] == [
        ("supports", ("karabakh-defence-army",)),
        ("denies", ("azerbaijani-defence-ministry",)),
    ]
    assert [e.claimed_by for e in second.evidence] == [("azerbaijani-defence-ministry",)]


def test_the_numbers_of_the_issue(claims: Corpus):
    (killed,) = claims.events["helicopter-downing"].figures
    assert (killed.measure, killed.value, killed.counts) == ("killed", 2, "russian-armed-forces")
    assert killed.evidence[0].quote == "Two Russian servicemen were killed."
    (people,) = claims.entities["nagorno-karabakh"].figures
    assert (people.measure, people.value, people.how) == ("population", 120000, "exact")
    (inhabitants,) = claims.entities["shusha"].figures
    assert (inhabitants.measure, inhabitants.how, inhabitants.bounds) == ("population", "about", (20000, 20000))
    (distance,) = claims.events["advance-on-shusha"].figures
    assert (distance.how, distance.bounds, distance.measured_in) == ("at_most", (None, 5), "km")
    assert distance.evidence[0].claimed_by == ("arayik-harutyunyan",)


def test_a_cause_claimed_by_one_side(claims: Corpus):
    cause = claims.relations["war-contributed-to-downing"]
    assert (cause.type, cause.subject, cause.object) == ("causes", "karabakh-war-2020", "helicopter-downing")
    assert [(e.quote, e.claimed_by) for e in cause.evidence] == [
        ("said the war there was a contributing factor", ("azerbaijan",))
    ]


def test_additions_are_merged_with_their_source_stamped(claims: Corpus):
    war = claims.events["karabakh-war-2020"]
    assert [(p.actor, p.role, p.source) for p in war.participants] == [
        ("azerbaijan", "party", None),
        ("karabakh-defence-army", "party", None),
        ("armenia", "party", CEASEFIRE),
    ]
    assert [(a.name, a.lang, a.source) for a in claims.entities["shusha"].aliases] == [("Shushi", "hy-Latn", CLAIM)]
    assert claims.lookup("Shushi").id == "shusha"
    assert [e.source for e in war.evidence] == [FRONT, CEASEFIRE]


def test_an_events_history_has_each_state_with_its_source(claims: Corpus):
    war = claims.history["karabakh-war-2020"]
    assert [(s.source, s.status, s.date.edtf) for s in war] == [
        (FRONT, "ongoing", "2020-09-27/.."),
        (CEASEFIRE, "occurred", "2020-09-27/2020-11-10"),
    ]
    assert (claims.events["karabakh-war-2020"].status, claims.events["karabakh-war-2020"].date.edtf) == (
        "occurred",
        "2020-09-27/2020-11-10",
    )
    evacuation = claims.history["evacuation-of-shusha"]
    assert [(s.source, s.status, s.date.edtf) for s in evacuation] == [
        (FRONT, "ordered", "[2020-10-27..]"),
        (CEASEFIRE, "occurred", "2020-10-27/2020-11-08"),
    ]
    assert set(claims.history) == {"karabakh-war-2020", "evacuation-of-shusha"}


def test_as_of_before_and_after_the_confirming_article(claims: Corpus):
    before, after = claims.as_of("2020-11-09"), claims.as_of(date(2020, 11, 10))
    assert sorted(before.sources) == [FRONT, CLAIM]
    assert before.events["karabakh-war-2020"].status == "ongoing"
    assert before.events["karabakh-war-2020"].date.edtf == "2020-09-27/.."
    assert [p.actor for p in before.events["karabakh-war-2020"].participants] == ["azerbaijan", "karabakh-defence-army"]
    assert before.events["evacuation-of-shusha"].status == "ordered"
    assert "shusha-capture-confirmed" not in before.relations
    assert [e.stance for e in before.events["capture-of-shusha"].evidence] == ["supports", "denies"]
    assert before.history["karabakh-war-2020"] == claims.history["karabakh-war-2020"][:1]
    assert after.events["karabakh-war-2020"].status == "occurred"
    assert after.events["karabakh-war-2020"].date.edtf == "2020-09-27/2020-11-10"
    assert after.events["evacuation-of-shusha"].status == "occurred"
    assert "shusha-capture-confirmed" in after.relations
    assert after.summary() == claims.summary()


def test_a_prediction_and_what_it_became(claims: Corpus):
    before, after = claims.as_of("2020-11-07"), claims.as_of("2020-11-08")
    assert before.events["shusha-may-fall"].status == "predicted"
    assert "capture-of-shusha" not in before.events
    assert "shusha-fall-realized" not in before.relations
    realized = after.relations["shusha-fall-realized"]
    assert (realized.type, realized.subject, realized.object) == ("realizes", "capture-of-shusha", "shusha-may-fall")
    assert after.events["capture-of-shusha"].status == "occurred"
    assert after.events["shusha-may-fall"].status == "predicted"  # the prediction stays what it was


def test_as_of_leaves_out_what_only_later_sources_name(claims: Corpus):
    first = claims.as_of("2020-10-28")
    assert list(first.sources) == [FRONT]
    later = {"russia", "russian-armed-forces", "armenian-government", "karabakh-ombudsman", "yerevan"}
    later |= {"aghdam-district", "yerevan-protesters"}
    assert later.isdisjoint(first.entities)
    known = {"armenia", "azerbaijan", "nagorno-karabakh", "shusha", "stepanakert-residents", "ilham-aliyev"}
    assert known <= set(first.entities)  # Aliyev's demand is in the first dispatch
    assert first.entities["shusha"].aliases == []
    assert claims.as_of("2020-11-08").entities["shusha"].aliases[0].name == "Shushi"


def test_a_state_is_an_actor_and_a_place(claims: Corpus):
    for state in ("armenia", "azerbaijan", "russia"):
        entity = claims.entities[state]
        assert isinstance(entity, Organization)
        assert entity.kind == "state"
    located = claims.relations["nagorno-karabakh--located-in--azerbaijan"]
    assert located.type == "located_in"
    assert claims.events["helicopter-downing"].place == "armenia"
    assert claims.entities["yerevan"].part_of == "armenia"  # type: ignore[union-attr]
    assert ("armenia", "party") in {(p.actor, p.role) for p in claims.events["ceasefire-agreement"].participants}
    assert claims.lookup("Armenia").id == "armenia"
    assert len(claims.find("Armenia")) == 1


def test_only_a_state_stands_for_a_place(tmp_path: Path):
    corpus = tmp_path / "claims"
    shutil.copytree(CLAIMS, corpus)
    registry = corpus / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("name: Armenia\n    kind: state", "name: Armenia\n    kind: government"))
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("name: Azerbaijan\n    kind: state", "name: Azerbaijan\n    kind: government"))
    hint = "; of organizations, only a state (kind 'state') also stands for a place"
    ceasefire = corpus / CEASEFIRE / "annotations.yaml"
    front = corpus / FRONT / "annotations.yaml"
    assert [str(p) for p in kgraph.validate(corpus)] == [
        f"{front}:240: a 'located_in' relation cannot have an organization of kind 'government' as its object "
        f"('azerbaijan'); it allows a place{hint}",
        f"{ceasefire}:43: part_of 'armenia' is an organization of kind 'government', not a place{hint}",
        f"{ceasefire}:110: place 'armenia' is an organization of kind 'government', not a place{hint}",
    ]


def test_the_event_types_and_statuses_of_the_issue(claims: Corpus):
    types = {e.type for e in claims.events.values()}
    new = {"killing", "ceasefire", "agreement", "withdrawal", "dissolution", "decree"}
    assert new | {"communications_disruption", "evacuation"} <= types
    statuses = {e.status for e in claims.as_of("2020-10-28").events.values()} | {
        e.status for e in claims.events.values()
    }
    assert {"ordered", "demanded", "predicted", "planned", "ongoing", "occurred"} <= statuses


def test_since_late_september(claims: Corpus):
    fled = claims.events["displacement-from-karabakh"].date
    assert (fled.edtf, fled.earliest, fled.latest) == ("2020-09-2X/2020-11-10", date(2020, 9, 20), date(2020, 11, 10))


def test_an_addition_from_an_earlier_source_comes_first_in_the_history(tmp_path: Path):
    """The file that defines an event gives its state from its own source on, even after an earlier addition."""
    for name, published, body in (
        ("early", "2024-03-01", "Testville may be shelled, the mayor warned."),
        ("late", "2024-03-10", "Testville has been shelled since 4 March."),
    ):
        (tmp_path / name).mkdir()
        (tmp_path / name / "article.txt").write_text(body + "\n", encoding="utf-8")
        head = f"source: {{id: {name}, title: T, published: {published}, published_basis: stated, language: en, "
        (tmp_path / name / "annotations.yaml").write_text(head + "text: article.txt}\n", encoding="utf-8")
    with (tmp_path / "late" / "annotations.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "places: [{id: testville, name: Testville, kind: town}]\n"
            "events:\n  - {id: shelling, type: shelling, title: Shelling, date: 2024-03-04/.., date_basis: stated,\n"
            "     status: ongoing, place: testville, evidence: [{quote: Testville has been shelled since 4 March}]}\n"
        )
    with (tmp_path / "early" / "annotations.yaml").open("a", encoding="utf-8") as file:
        file.write(
            'additions:\n  - {to: shelling, status: predicted, date: "[2024-03-01..]",\n'
            "     evidence: [{quote: Testville may be shelled}]}\n"
        )
    corpus = kgraph.load(tmp_path, strict=True)
    assert corpus.history["shelling"] == (
        StateChange("early", "predicted", corpus.history["shelling"][0].date),
        StateChange("late", "ongoing", corpus.events["shelling"].date),
    )
    assert [s.date.edtf for s in corpus.history["shelling"]] == ["[2024-03-01..]", "2024-03-04/.."]
    assert corpus.events["shelling"].status == "ongoing"
    assert corpus.as_of("2024-03-05").events["shelling"].status == "predicted"


def test_as_of_leaves_out_what_a_later_source_defines_even_if_nothing_refers_to_it(tmp_path: Path):
    corpus = tmp_path / "claims"
    shutil.copytree(CLAIMS, corpus)
    ceasefire = corpus / CEASEFIRE / "annotations.yaml"
    text = ceasefire.read_text(encoding="utf-8")
    extra = "  - id: russian-peacekeepers\n    name: Russian peacekeepers\n    kind: peacekeeping_force\n\n"
    ceasefire.write_text(text.replace("organizations:\n", "organizations:\n" + extra, 1), encoding="utf-8")
    loaded = kgraph.load(corpus)
    assert "russian-peacekeepers" in loaded.entities
    assert "russian-peacekeepers" not in loaded.as_of("2020-11-09").entities
    assert "russian-peacekeepers" in loaded.as_of("2020-11-10").entities
    # a registry entity that nothing refers to is known on any day
    registry = corpus / "registry.yaml"
    other = extra.replace("russian-", "other-").replace("Russian", "Other")
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + other, encoding="utf-8")
    assert "other-peacekeepers" in kgraph.load(corpus).as_of("2020-10-28").entities
