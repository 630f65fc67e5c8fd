"""JSON Schema for annotation files, generated from the models.

``schemas/`` holds one schema per file type. Editors that speak the YAML
language server validate an annotation file against the schema named in its
first line, ``# yaml-language-server: $schema=...``. The files are generated:
:func:`write_schemas` writes them and :func:`stale_schemas` tells whether the
files on disk still match the models.

>>> sorted(generate())
['document.schema.json', 'registry.schema.json']
>>> generate()["document.schema.json"]["required"]
['source']
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kgraph.annotations.base import Model
from kgraph.annotations.files import DocumentFile, RegistryFile

#: Schema file name for each annotation file type.
SCHEMA_FILES: dict[str, type[Model]] = {
    "document.schema.json": DocumentFile,
    "registry.schema.json": RegistryFile,
}

_DESCRIPTIONS = {
    "document.schema.json": "Annotations of one source document for kgraph: the source, and the persons, organizations, groups, places, events and relations it reports, each event and relation with verbatim evidence.",
    "registry.schema.json": "A kgraph registry: entities, events and relations shared by several source documents. Evidence here must name its source.",
}


def generate() -> dict[str, dict[str, Any]]:
    """The JSON Schema of each annotation file type, by file name."""
    schemas = {}
    for name, model in SCHEMA_FILES.items():
        schema = model.model_json_schema()
        schemas[name] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name,
            **{k: v for k, v in schema.items() if k != "description"},
            "description": _DESCRIPTIONS[name],
        }
    return schemas


def render(schema: dict[str, Any]) -> str:
    """The exact text a schema file holds: indented JSON, UTF-8, ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schemas(folder: str | os.PathLike[str]) -> list[str]:
    """Names of the schema files in ``folder`` that are missing or differ from the models."""
    _not_empty(folder)
    stale = []
    for name, schema in generate().items():
        path = Path(folder) / name
        try:
            current = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current != render(schema):
            stale.append(name)
    return stale


def _not_empty(folder: str | os.PathLike[str]) -> None:
    """Refuse an empty folder name, which would otherwise mean the current folder without saying so."""
    from kgraph.errors import UsageError

    if not os.fspath(folder):
        raise UsageError("an empty path: name a folder")


def write_schemas(folder: str | os.PathLike[str]) -> list[Path]:
    """Write every schema file into ``folder`` (each replaced whole, never half-written); returns their paths.

    A folder that cannot be made or written is an :class:`~kgraph.output.OutputError`.
    """
    from kgraph.output import error, write_text

    _not_empty(folder)
    path = Path(folder)
    if (path.exists() or path.is_symlink()) and not path.is_dir():
        raise error(path, "is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise error(path, exc) from None
    return [write_text(path / name, render(schema)) for name, schema in generate().items()]
