"""Generated JSON Schema: current, documented, and in agreement with the models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from kgraph.annotations.schema import SCHEMA_FILES, generate, render, stale_schemas, write_schemas
from kgraph.corpus.vocabulary_file import vocabulary_terms
from kgraph.corpus.yamlfile import parse_yaml

from ..helpers import FIXTURES, SCHEMAS


def test_committed_schemas_are_current():
    assert stale_schemas(SCHEMAS) == []


def test_editing_a_schema_file_makes_it_stale(tmp_path: Path):
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    path = tmp_path / "schemas" / "document.schema.json"
    path.write_text(path.read_text(encoding="utf-8").replace("Stable", "Stabel", 1), encoding="utf-8")
    assert stale_schemas(tmp_path / "schemas") == ["document.schema.json"]
    (tmp_path / "schemas" / "registry.schema.json").unlink()
    assert stale_schemas(tmp_path / "schemas") == ["document.schema.json", "registry.schema.json"]
    write_schemas(tmp_path / "schemas")
    assert stale_schemas(tmp_path / "schemas") == []


def test_generation_is_deterministic():
    assert [render(s) for s in generate().values()] == [render(s) for s in generate().values()]


def walk(schema, where=""):
    """Yield (path, property schema) for every property of every object in a schema."""
    if isinstance(schema, dict):
        for name, prop in schema.get("properties", {}).items():
            yield f"{where}.{name}", prop
        for key, value in schema.items():
            yield from walk(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from walk(value, f"{where}[{index}]")


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_every_field_has_a_description(name):
    schema = generate()[name]
    undocumented = [path for path, prop in walk(schema) if not prop.get("description")]
    assert undocumented == []
    for definition in schema["$defs"].values():
        assert definition.get("description") or any(d.get("description") for d in definition.get("anyOf", []))


@pytest.mark.parametrize("name", sorted(SCHEMA_FILES))
def test_unknown_fields_are_forbidden_everywhere(name):
    for definition in generate()[name]["$defs"].values():
        objects = (
            [definition]
            if definition.get("type") == "object"
            else [d for d in definition.get("anyOf", []) if d.get("type") == "object"]
        )
        for obj in objects:
            assert obj.get("additionalProperties") is False, obj["title"]


def test_schema_agrees_with_the_models_on_the_invalid_fixtures():
    """Where a fixture breaks the structure (a field, a type, a term), the JSON Schema rejects it too."""
    structural = [
        "unknown-field",
        "missing-field",
        "wrong-type",
        "unknown-vocabulary-term",
        "invalid-id",
        "unknown-section",
    ]
    validator = jsonschema.Draft202012Validator(json.loads(render(generate()["document.schema.json"])))
    for case in structural:
        text = (FIXTURES / "invalid" / case / "annotations.yaml").read_text(encoding="utf-8")
        data, _, problems = parse_yaml(text, case)
        assert problems == []
        assert list(validator.iter_errors(data)), case


def vocabulary_fixture(name: str) -> dict:
    text = (FIXTURES / "vocabulary" / name).read_text(encoding="utf-8")
    data, _, problems = parse_yaml(text, name)
    assert problems == []
    return data


def test_a_corpus_schema_offers_its_own_terms_with_their_descriptions():
    terms = vocabulary_terms(vocabulary_fixture("valid/vocabulary.yaml"))[0]
    schema = generate(terms)["document.schema.json"]
    kinds = schema["$defs"]["Place"]["properties"]["kind"]
    assert kinds["enum"][-1] == "refugee_camp"
    assert kinds["enumDescriptions"][-1] == "A camp for refugees or displaced people."
    assert dict(zip(kinds["enum"], kinds["enumDescriptions"], strict=True))["town"] == "A town."
    text = render(schema)
    for term in ("sit_in", "negotiator", "funds", "tents", "fuel", "postponed", "residents_council", "camp_residents"):
        assert f'"{term}"' in text, term
    assert "also offers the corpus's own terms" in schema["description"]


def test_kgraphs_own_schemas_never_keep_a_corpus_terms():
    """Pydantic keeps no JSON Schema between calls: the terms in use when generating are the ones offered."""
    terms = vocabulary_terms(vocabulary_fixture("valid/vocabulary.yaml"))[0]
    generate(terms)
    assert "refugee_camp" not in render(generate()["document.schema.json"])
    assert stale_schemas(SCHEMAS) == []


def test_a_corpus_files_pass_its_schemas_and_not_kgraphs():
    terms = vocabulary_terms(vocabulary_fixture("valid/vocabulary.yaml"))[0]
    annotations = vocabulary_fixture("valid/annotations.yaml")
    own = jsonschema.Draft202012Validator(json.loads(render(generate(terms)["document.schema.json"])))
    assert list(own.iter_errors(annotations)) == []
    kgraphs = jsonschema.Draft202012Validator(json.loads(render(generate()["document.schema.json"])))
    assert len(list(kgraphs.iter_errors(annotations))) == 7  # the seven terms the corpus adds and uses


def test_the_vocabulary_schema_agrees_with_the_loader():
    validator = jsonschema.Draft202012Validator(json.loads(render(generate()["vocabulary.schema.json"])))
    assert list(validator.iter_errors(vocabulary_fixture("valid/vocabulary.yaml"))) == []
    wrong = vocabulary_fixture("invalid-terms/vocabulary.yaml")
    right = {"organization_kinds", "place_kinds"}  # the sections of this file without a mistake
    for section, terms in wrong.items():
        assert bool(list(validator.iter_errors({section: terms}))) == (section not in right), section
    for term, definition in wrong["event_types"].items():  # each its own mistake: kgraph's, ACLED, CAMEO, a name
        assert list(validator.iter_errors({"event_types": {term: definition}})), term
