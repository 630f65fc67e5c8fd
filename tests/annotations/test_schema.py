"""Generated JSON Schema: current, documented, and in agreement with the models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from kgraph.annotations.schema import SCHEMA_FILES, generate, render, stale_schemas, write_schemas
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
