"""JSON Schema for annotation files (and a corpus's ``vocabulary.yaml``), generated from the models.

``schemas/`` holds one schema per file type. Editors that speak the YAML
language server validate an annotation file against the schema named in its
first line, ``# yaml-language-server: $schema=...``. The files are generated:
:func:`write_schemas` writes them and :func:`stale_schemas` tells whether the
files on disk still match the models. Given a corpus's :class:`Terms`, each
function works on the schemas of that corpus, which offer its own terms too
(``kgraph schema --corpus DIR``).

>>> sorted(generate())
['document.schema.json', 'registry.schema.json', 'vocabulary.schema.json']
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
from kgraph.annotations.terms import DEFAULT, Terms, using
from kgraph.corpus.vocabulary_file import VocabularyFile

#: Schema file name for each file type: annotation files, and a corpus's ``vocabulary.yaml``.
SCHEMA_FILES: dict[str, type[Model]] = {
    "document.schema.json": DocumentFile,
    "registry.schema.json": RegistryFile,
    "vocabulary.schema.json": VocabularyFile,
}

_DESCRIPTIONS = {
    "document.schema.json": "Annotations of one source document for kgraph: the source, and the persons, organizations, groups, places, events and relations it reports, each event and relation with verbatim evidence.",
    "registry.schema.json": "A kgraph registry: entities, events and relations shared by several source documents. Evidence here must name its source.",
    "vocabulary.schema.json": "A corpus's own terms for kgraph (vocabulary.yaml in the corpus folder): event types, statuses, roles, relation types, measures and kinds that kgraph's vocabularies lack, each with its description.",
}
_OWN_TERMS = " This schema also offers the corpus's own terms, from its vocabulary.yaml."


def generate(terms: Terms = DEFAULT) -> dict[str, dict[str, Any]]:
    """The JSON Schema of each file type, by file name: with kgraph's terms, or those of a corpus (``terms``).

    >>> from kgraph.corpus.vocabulary_file import vocabulary_terms
    >>> terms = vocabulary_terms({"place_kinds": {"camp": {"description": "A refugee camp."}}})[0]
    >>> "camp" in str(generate(terms)["document.schema.json"]), "camp" in str(generate()["document.schema.json"])
    (True, False)
    """
    schemas = {}
    with using(terms):  # vocabulary fields list the terms in use; pydantic keeps no schema between calls
        for name, model in SCHEMA_FILES.items():
            schema = model.model_json_schema()
            own = _OWN_TERMS if terms.added and name != "vocabulary.schema.json" else ""
            schemas[name] = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": name,
                **{k: v for k, v in schema.items() if k != "description"},
                "description": _DESCRIPTIONS[name] + own,
            }
    return schemas


def render(schema: dict[str, Any]) -> str:
    """The exact text a schema file holds: indented JSON, UTF-8, ending in a newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def stale_schemas(folder: str | os.PathLike[str], terms: Terms = DEFAULT) -> list[str]:
    """Names of the schema files in ``folder`` that are missing or differ from the models (and a corpus's ``terms``)."""
    _not_empty(folder)
    stale = []
    for name, schema in generate(terms).items():
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


def write_schemas(
    folder: str | os.PathLike[str], terms: Terms = DEFAULT, inputs: frozenset[Path] = frozenset()
) -> list[Path]:
    """Write every schema file (with a corpus's ``terms``) into ``folder``, each replaced whole, never half-written
    and never over one of ``inputs``; returns their paths.

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
    return [write_text(path / name, render(schema), inputs) for name, schema in generate(terms).items()]
