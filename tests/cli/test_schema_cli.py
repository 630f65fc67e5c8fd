"""``kgraph schema --corpus DIR``: JSON Schemas that offer a corpus's own terms, written beside it, never over it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..helpers import FIXTURES, SCHEMAS, kgraph_cli

OWN_TERMS = FIXTURES / "vocabulary" / "valid"
NAMES = ["document.schema.json", "registry.schema.json", "vocabulary.schema.json"]


def corpus(tmp_path: Path) -> Path:
    shutil.copytree(OWN_TERMS, tmp_path / "corpus")
    return tmp_path / "corpus"


def test_the_schemas_of_a_corpus_go_into_its_hidden_kgraph_folder(tmp_path: Path):
    folder = corpus(tmp_path)
    result = kgraph_cli("schema", "--corpus", "corpus", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [f"wrote corpus/.kgraph/schemas/{name}" for name in NAMES]
    document = json.loads((folder / ".kgraph" / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    types = document["$defs"]["Event"]["properties"]["type"]
    described = dict(zip(types["enum"], types["enumDescriptions"], strict=True))
    assert described["sit_in"] == "Protesters occupy a place and stay there."
    assert described["protest"] == "A rally, demonstration or other public protest."
    roles = document["$defs"]["Participant"]["properties"]["role"]
    assert dict(zip(roles["enum"], roles["enumDescriptions"], strict=True))["negotiator"] == (
        "Negotiates on behalf of a side."
    )
    # the vocabulary file's own schema does not depend on the corpus
    vocabulary = folder / ".kgraph" / "schemas" / "vocabulary.schema.json"
    assert vocabulary.read_bytes() == (SCHEMAS / "vocabulary.schema.json").read_bytes()
    # and the corpus still validates: the folder is hidden, and schema files are not annotation files
    assert kgraph_cli("validate", "corpus", cwd=tmp_path).returncode == 0


def test_check_tells_whether_a_corpus_schemas_are_current(tmp_path: Path):
    folder = corpus(tmp_path)
    assert kgraph_cli("schema", "--corpus", "corpus", "--check", cwd=tmp_path).returncode == 1
    kgraph_cli("schema", "--corpus", "corpus", cwd=tmp_path)
    result = kgraph_cli("schema", "--corpus", "corpus", "--check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "corpus/.kgraph/schemas: schemas are up to date\n")
    vocabulary = folder / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8") + "  tent_camp:\n    description: Tents.\n")
    result = kgraph_cli("schema", "--corpus", "corpus", "--check", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"corpus/.kgraph/schemas/{name}: stale: run 'kgraph schema --corpus corpus' to regenerate it"
        for name in NAMES[:2]
    ]


def test_out_names_another_folder(tmp_path: Path):
    corpus(tmp_path)
    result = kgraph_cli("schema", "--corpus", "corpus", "--out", "editor", cwd=tmp_path)
    assert result.stdout.splitlines() == [f"wrote editor/{name}" for name in NAMES]
    assert "refugee_camp" in (tmp_path / "editor" / "document.schema.json").read_text(encoding="utf-8")
    assert not (tmp_path / "corpus" / ".kgraph").exists()
    result = kgraph_cli("schema", "--corpus", "corpus", "--out", "editor", "--check", cwd=tmp_path)
    assert result.returncode == 0
    (tmp_path / "editor" / "vocabulary.schema.json").unlink()
    result = kgraph_cli("schema", "--corpus", "corpus", "--out", "editor", "--check", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1,
        "editor/vocabulary.schema.json: stale: run 'kgraph schema --corpus corpus --out editor' to regenerate it\n",
    )


def test_a_corpus_without_a_vocabulary_gets_kgraphs_schemas(tmp_path: Path):
    folder = corpus(tmp_path)
    shutil.copy(FIXTURES / "valid" / "annotations.yaml", folder / "annotations.yaml")
    shutil.copy(FIXTURES / "valid" / "article.txt", folder / "article.txt")
    (folder / "vocabulary.yaml").unlink()
    assert kgraph_cli("schema", "--corpus", "corpus", cwd=tmp_path).returncode == 0
    for name in NAMES:
        assert (folder / ".kgraph" / "schemas" / name).read_bytes() == (SCHEMAS / name).read_bytes()


def test_a_vocabulary_with_mistakes_writes_nothing_and_says_where(tmp_path: Path):
    folder = corpus(tmp_path)
    (folder / "vocabulary.yaml").write_text("place_kind:\n  camp:\n    description: A camp.\n", encoding="utf-8")
    result = kgraph_cli("schema", "--corpus", "corpus", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "corpus/vocabulary.yaml:1: unknown section 'place_kind'; did you mean 'place_kinds'?",
        "kgraph: error: the corpus has 1 problem; fix it first ('kgraph validate' lists them)",
    ]
    assert not (folder / ".kgraph").exists()


def test_mistakes_in_annotation_files_do_not_stop_the_schemas_that_help_fix_them(tmp_path: Path):
    folder = corpus(tmp_path)
    (folder / "annotations.yaml").write_text("events: 3\n", encoding="utf-8")
    assert kgraph_cli("schema", "--corpus", "corpus", cwd=tmp_path).returncode == 0


def test_schemas_are_never_written_over_the_corpus(tmp_path: Path):
    folder = corpus(tmp_path)
    (folder / "docs").mkdir()
    (folder / "docs" / "document.schema.json").hardlink_to(folder / "vocabulary.yaml")  # the same file, by another name
    before = (folder / "vocabulary.yaml").read_bytes()
    result = kgraph_cli("schema", "--corpus", "corpus", "--out", "corpus/docs", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("kgraph: error: corpus/docs/document.schema.json: ")
    assert (folder / "vocabulary.yaml").read_bytes() == before


def test_usage_errors(tmp_path: Path):
    result = kgraph_cli("schema", "--corpus", "nowhere", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "kgraph: error: nowhere: no such file or folder\n")
    corpus(tmp_path)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = kgraph_cli("schema", "--corpus", "corpus", "--out", "a-file", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, "kgraph: error: a-file: is not a folder\n")


def test_kgraphs_own_schemas_are_as_before():
    result = kgraph_cli("schema", "--check")
    assert (result.returncode, result.stdout) == (0, "schemas: schemas are up to date\n")
