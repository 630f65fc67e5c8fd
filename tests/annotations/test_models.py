"""The annotation models: strict, documented, and built from the vocabularies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from kgraph.annotations import vocabulary as vocab
from kgraph.annotations.evidence import Evidence, Figure
from kgraph.annotations.fields import Vocabulary
from kgraph.annotations.files import SECTIONS, Addition, DocumentFile
from kgraph.annotations.models import (
    Alias,
    Coordinates,
    Event,
    Organization,
    Person,
    Place,
    Relation,
    Source,
    entity_type,
    is_territory,
)

EVENT = {
    "id": "rally",
    "type": "protest",
    "title": "Rally",
    "date": "2023-07-12",
    "date_basis": "stated",
    "evidence": [{"quote": "held a rally", "source": "s"}],
}


def errors(model, data, context=None):
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data, context=context)
    return [(e["loc"], e["msg"]) for e in raised.value.errors()]


def test_unknown_fields_are_rejected():
    assert errors(Person, {"id": "a", "name": "A", "nmae": "x"}) == [(("nmae",), "Extra inputs are not permitted")]


def test_models_are_frozen():
    person = Person(id="a", name="A")
    with pytest.raises(ValidationError):
        person.name = "B"  # type: ignore[misc]


def kinds(model, data):
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in raised.value.errors()]


@pytest.mark.parametrize("value", ["Gegham Stepanyan", "icrc_", "-x", "a--b", "Ä", "", "a" * 121])
def test_ids_are_slugs(value):
    """Checked inside pydantic's core for speed; the loader words the message (tests/fixtures/invalid/invalid-id)."""
    [(loc, kind)] = kinds(Person, {"id": value, "name": "A"})
    assert loc == ("id",)
    assert kind in ("string_pattern_mismatch", "string_too_long")


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("name", "A\nB", False),
        ("name", "  ", False),
        ("name", "Ağa Şuşalı", True),
        ("name", "a\x00", False),
        ("description", "two\nlines\tand a tab", True),
        ("description", "x\x07", False),
        ("description", "\n", False),
        ("name", "Test\u2028ville", False),  # a line separator is a line break
        ("name", "Test\u2029ville", False),
        ("name", "abc\u202edef", False),  # bidirectional override, embedding and isolate controls
        ("name", "abc\u202adef", False),
        ("name", "abc\u2067def", False),
        ("name", "\u05e9\u05dc\u05d5\u05dd\u200f", True),  # a right-to-left mark is fine
        ("description", "abc\u202edef", True),  # free text may quote a source as it is
    ],
)
def test_names_are_single_lines_and_texts_have_no_control_characters(field, value, ok):
    """Checked inside pydantic's core; the loader words the message (see the invalid fixtures)."""
    data = {"id": "a", "name": "A", field: value}
    if ok:
        assert getattr(Person.model_validate(data), field) == value
    else:
        assert kinds(Person, data) == [((field,), "string_pattern_mismatch")]


@pytest.mark.hostile
@pytest.mark.parametrize("value", [True, False, "40.5", None])
def test_coordinates_are_numbers_not_booleans_or_text(value):
    data = {"id": "a", "name": "A", "kind": "city", "coordinates": {"lat": value, "lon": 46.7}}
    assert kinds(Place, data) == [(("coordinates", "lat"), "float_type")]
    data["coordinates"] = {"lat": 40, "lon": 46.75}
    assert Place.model_validate(data).coordinates == Coordinates(lat=40.0, lon=46.75)


def test_vocabulary_terms_are_checked_with_a_suggestion():
    assert kinds(Organization, {"id": "a", "name": "A", "kind": "armed_forces"}) == [(("kind",), "vocabulary")]
    assert (
        Vocabulary("organization kind").message("armed_forces")
        == "unknown organization kind 'armed_forces'; did you mean 'armed_force'?"
    )
    assert Vocabulary("role").message("zzz").startswith("unknown role 'zzz' (one of: agent, target,")


def test_aliases_accept_plain_text_or_a_tagged_name():
    place = Place.model_validate(
        {"id": "shusha", "name": "Shusha", "kind": "city", "aliases": ["Shushi", {"name": "Şuşa", "lang": "az"}]}
    )
    assert place.aliases == [Alias(name="Shushi"), Alias(name="Şuşa", lang="az")]
    assert place.names == ["Shusha", "Shushi", "Şuşa"]
    assert errors(Alias, {"name": "x", "lang": "not a tag"})[0][0] == ("lang",)


def test_external_ids_are_checked_for_known_databases():
    assert Person(id="a", name="A", external_ids={"wikidata": "Q227"}).external_ids == {"wikidata": "Q227"}
    assert errors(Person, {"id": "a", "name": "A", "external_ids": {"wikidata": "227"}}) == [
        ((), "invalid wikidata id '227'")
    ]


def test_event_needs_evidence_and_a_valid_date():
    assert errors(Event, {**EVENT, "evidence": []})[0][0] == ("evidence",)
    assert errors(Event, {**EVENT, "date": "2023-13-01"})[0][0] == ("date",)
    assert Event.model_validate(EVENT).status == "occurred"


def test_relation_key_is_derived_unless_given():
    data = {
        "type": "capital_of",
        "subject": "stepanakert",
        "object": "artsakh-republic",
        "evidence": [{"quote": "q", "source": "s"}],
    }
    assert Relation.model_validate(data).key == "stepanakert--capital-of--artsakh-republic"
    assert Relation.model_validate({**data, "id": "capital"}).key == "capital"


def test_entity_type_names():
    assert [
        entity_type(m.model_validate({"id": "a", "name": "A", "kind": k}))
        for m, k in [(Organization, "state"), (Place, "city")]
    ] == ["organization", "place"]


def test_sections_cover_the_document_file():
    assert set(DocumentFile.model_fields) == {"source", *SECTIONS}


def test_source_needs_its_dating():
    data = {
        "id": "s",
        "title": "T",
        "published": "2023-07-12",
        "published_basis": "stated",
        "language": "en",
        "text": "a.txt",
    }
    assert Source.model_validate(data).published.earliest is not None
    assert errors(Source, {**data, "published_basis": "guess"})[0][0] == ("published_basis",)


@pytest.mark.parametrize("vocabulary", sorted(vocab.VOCABULARIES))
def test_every_term_is_a_snake_case_word_with_a_description(vocabulary):
    for term, description in vocab.VOCABULARIES[vocabulary].items():
        assert term.replace("_", "").isalpha()
        assert term == term.lower()
        assert description[0].isupper()
        assert description.endswith(".")
        assert len(description.split()) >= 2


def test_roles_and_relation_types_name_real_entity_types():
    types = {*vocab.ENTITY_TYPES, "event"}
    for role in vocab.ROLES.values():
        assert set(role.allowed) <= types
    for relation in vocab.RELATION_TYPES.values():
        assert set(relation.subject) <= types
        assert set(relation.object) <= types


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # refused in names, by design
names = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=BIDI_CONTROLS),
    min_size=1,
    max_size=30,
).filter(str.strip)
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)


@given(slugs, names, st.lists(names, max_size=4), st.sampled_from(list(vocab.PLACE_KINDS)))
def test_a_place_survives_dump_and_validate(id, name, aliases, kind):
    place = Place(id=id, name=name, kind=kind, aliases=[Alias(name=a) for a in aliases])
    assert Place.model_validate(place.model_dump(mode="json")) == place


QUOTE = [{"quote": "q", "source": "s"}]


@pytest.mark.parametrize(
    ("given", "claimants"), [(None, ()), ("armenia", ("armenia",)), (["armenia", "russia"], ("armenia", "russia"))]
)
def test_claimed_by_takes_one_actor_or_several(given, claimants):
    data = {"quote": "q", "claimed_by": given, "via": given}
    evidence = Evidence.model_validate(data)
    assert (evidence.claimed_by, evidence.via) == (claimants, claimants)


def test_stance_defaults_to_support_and_a_denial_does_not_support():
    assert Evidence(quote="q").stance == "supports"
    assert not Evidence(quote="q").denies
    assert Evidence.model_validate({"quote": "q", "stance": "denies"}).denies
    assert Evidence.model_validate({"quote": "q", "stance": "disputes"}).denies
    assert kinds(Evidence, {"quote": "q", "stance": "denied"}) == [(("stance",), "vocabulary")]
    assert Vocabulary("stance").message("denied") == "unknown stance 'denied'; did you mean 'denies'?"


@pytest.mark.parametrize(
    ("figure", "bounds", "how", "unit"),
    [
        ({"measure": "killed", "value": 2}, (2, 2), "exact", None),
        ({"measure": "killed", "value": 200, "qualifier": "at_least"}, (200, None), "at_least", None),
        ({"measure": "population", "value": 20000, "qualifier": "about"}, (20000, 20000), "about", None),
        ({"measure": "distance", "max": 5, "qualifier": "at_most"}, (None, 5), "at_most", "km"),
        ({"measure": "distance", "min": 2, "max": 5, "unit": "km"}, (2, 5), "between", "km"),
        ({"measure": "quantity", "value": 30, "unit": "trucks"}, (30, 30), "exact", "trucks"),
        ({"measure": "wounded", "min": 3}, (3, None), "at_least", None),
    ],
)
def test_a_figure_has_bounds_a_qualifier_and_a_unit(figure, bounds, how, unit):
    parsed = Figure.model_validate({**figure, "evidence": QUOTE})
    assert (parsed.bounds, parsed.how, parsed.measured_in) == (bounds, how, unit)


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ({"measure": "killed"}, "a figure needs 'value', or 'min' and/or 'max'"),
        ({"measure": "killed", "value": 2, "min": 1}, "give 'value' or 'min'/'max', not both"),
        ({"measure": "killed", "value": -2}, "'value' must not be negative (-2)"),
        ({"measure": "killed", "min": 5, "max": 2}, "'min' (5) is more than 'max' (2)"),
        (
            {"measure": "killed", "min": 5, "qualifier": "at_most"},
            "qualifier 'at_most' does not fit a lower bound alone; use 'at_least' or 'more_than'",
        ),
        ({"measure": "killed", "value": 2, "unit": "km"}, "'killed' is not measured in 'km' (units: none)"),
        (
            {"measure": "distance", "value": 2, "unit": "miles"},
            "'distance' is not measured in 'miles' (units: one of km, m)",
        ),
        (
            {"measure": "crowd", "value": 20.0},
            "'crowd' counts people: 'value' must be a whole number, not 20.0 (a point marks decimals in YAML: for "
            "twenty thousand, write 20000)",
        ),
    ],
)
def test_a_figure_that_cannot_be_read_is_refused(figure, message):
    [(_, found)] = errors(Figure, {**figure, "evidence": QUOTE})
    assert found == message


@pytest.mark.parametrize("value", ["20,000", True, "2"])
def test_a_figure_number_is_a_number(value):
    assert kinds(Figure, {"measure": "killed", "value": value, "evidence": QUOTE}) == [(("value",), "number")]


def test_an_addition_must_add_something_and_not_both_a_date_and_an_end():
    assert errors(Addition, {"to": "war"}) == [
        ((), "adds nothing: give aliases, participants, figures, evidence, status, date or end")
    ]
    assert errors(Addition, {"to": "war", "date": "2020", "end": "2021"}) == [((), "give 'date' or 'end', not both")]
    assert Addition.model_validate({"to": "war", "status": "occurred"}).changes_state
    assert not Addition.model_validate({"to": "war", "evidence": QUOTE}).changes_state


def test_a_state_is_a_territory_and_other_organizations_are_not():
    assert is_territory(Organization(id="armenia", name="Armenia", kind="state"))
    assert not is_territory(Organization(id="icrc", name="ICRC", kind="international_organization"))
    assert not is_territory(Place(id="armenia", name="Armenia", kind="country"))


def test_claimants_accept_one_id_or_a_list_in_the_schema():
    schema = DocumentFile.model_json_schema()
    claimed_by = schema["$defs"]["Evidence"]["properties"]["claimed_by"]
    assert [option["type"] for option in claimed_by["anyOf"]] == ["string", "array"]
