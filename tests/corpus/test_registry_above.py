"""A folder of a corpus validated on its own: the first unknown id says, once, that the annotation files in the
folder above (the registry beside the folder) may define it, and which folder to validate to include them.

tests/fixtures/registry-above is a corpus of one document folder (``bridge/``) whose place and person are in the
registries beside it (``registry.yaml``, ``places.jsonl``); its ``vocabulary.yaml`` and hidden ``.draft.yaml`` are no
registries, and are never named. ``expected.txt`` holds the exact problems of ``kgraph validate
registry-above/bridge``, run in tests/fixtures: a misspelt place kind, which is no unknown id, and four unknown ids,
the first of them with the note.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kgraph
from kgraph.errors import CorpusError

from ..helpers import FIXTURES, kgraph_cli

CASE = FIXTURES / "registry-above"
NOTE = (
    "unknown part_of 'testville' (note: {files}, beside this {what}, may define this id and the other unknown ones; "
    "validate {above} to include {them})"
)


def expected() -> list[str]:
    return (CASE / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_a_folder_validated_alone_names_the_files_above_it_once(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES)
    assert [str(p) for p in kgraph.validate("registry-above/bridge")] == expected()
    with pytest.raises(CorpusError) as raised:
        kgraph.load("registry-above/bridge")
    assert str(raised.value).splitlines() == expected()


def test_the_command_line_says_it_and_still_exits_1():
    result = kgraph_cli("validate", "registry-above/bridge", cwd=FIXTURES)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [*expected(), "5 problems in 1 file"]


def test_the_cache_gives_the_same_note(home: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES)
    for _ in ("fills the cache", "reads it"):
        assert [str(p) for p in kgraph.validate("registry-above/bridge", cache=True)] == expected()


def test_validating_the_folder_the_note_names_leaves_only_the_other_problem(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(FIXTURES)
    assert [str(p) for p in kgraph.validate("registry-above")] == expected()[:1]


@pytest.mark.parametrize(("given", "what"), [(".", "folder"), ("annotations.yaml", "file's folder")])
def test_the_folder_above_is_named_as_the_path_given_names_it(given: str, what: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(CASE / "bridge")
    problems = [str(p) for p in kgraph.validate(given)]
    note = NOTE.format(files="../places.jsonl or ../registry.yaml", what=what, above="..", them="them")
    assert problems[1] == f"annotations.yaml:13: {note}"
    assert sum("(note: " in p for p in problems) == 1


def _copy(tmp_path: Path) -> Path:
    """A copy of the case, without its two registries."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CASE, corpus)
    (corpus / "registry.yaml").unlink()
    (corpus / "places.jsonl").unlink()
    return corpus


def test_nothing_is_said_without_an_annotation_file_in_the_folder_above(tmp_path: Path):
    corpus = _copy(tmp_path)
    (corpus / "notes.txt").write_text("Not annotations.\n", encoding="utf-8")
    (corpus / "other").mkdir()  # a folder beside: its files are not in the folder above
    (corpus / "other" / "registry.yaml").write_text("persons: []\n", encoding="utf-8")
    (corpus / "folder.yaml").mkdir()  # named like one, but a folder
    assert sorted(p.name for p in corpus.iterdir()) == [
        ".draft.yaml",
        "bridge",
        "expected.txt",
        "folder.yaml",
        "notes.txt",
        "other",
        "vocabulary.yaml",
    ]
    problems = [str(p) for p in kgraph.validate(corpus / "bridge")]
    assert len(problems) == len(expected())
    assert not any("note" in p for p in problems)


def test_nothing_is_said_without_an_unknown_id(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid", corpus / "doc")
    (corpus / "registry.yaml").write_text("persons: []\n", encoding="utf-8")
    document = corpus / "doc" / "annotations.yaml"
    text = document.read_text(encoding="utf-8").replace("kind: bridge", "kind: brdge")
    document.write_text(text.replace("It is a great day", "It is a grand day"), encoding="utf-8")
    assert [p.message for p in kgraph.validate(corpus / "doc")] == [  # one found reading the file, one across files
        "places[1].kind: unknown place kind 'brdge'; did you mean 'bridge'?",
        "quote not found in source 'test-article': 'It is a grand day'; closest passage: 'It is a great day' (they "
        "part at 'grand')",
    ]


def test_many_files_above_are_named_up_to_three(tmp_path: Path):
    corpus = _copy(tmp_path)
    for name in ("a.yaml", "b.yml", "c.jsonl", "d.yaml"):
        (corpus / name).write_text("persons: [{id: ann-example}]\n", encoding="utf-8")
    problems = [str(p) for p in kgraph.validate(corpus / "bridge")]
    files = f"{corpus}/a.yaml, {corpus}/b.yml or 2 more files"
    assert problems[1] == f"{corpus}/bridge/annotations.yaml:13: " + NOTE.format(
        files=files, what="folder", above=corpus, them="them"
    )


def test_only_files_that_name_an_unknown_id_are_named(tmp_path: Path):
    """A repository's mkdocs.yml or environment.yml above a corpus is no registry: it names none of the ids."""
    corpus = _copy(tmp_path)
    (corpus / "mkdocs.yml").write_text("site_name: Field notes\nnav: [index.md]\n", encoding="utf-8")
    (corpus / "environment.yml").write_text("name: testville-tools\n", encoding="utf-8")  # a word, not the id
    assert not any("note" in str(p) for p in kgraph.validate(corpus / "bridge"))
    (corpus / "people.yaml").write_text("persons:\n  - id: ann-example\n", encoding="utf-8")
    problems = [str(p) for p in kgraph.validate(corpus / "bridge")]
    assert problems[1] == f"{corpus}/bridge/annotations.yaml:13: " + NOTE.format(
        files=f"{corpus}/people.yaml", what="folder", above=corpus, them="it"
    )


def test_one_file_validated_alone_names_the_files_beside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    corpus = _copy(tmp_path)
    document = corpus / "bridge" / "annotations.yaml"
    (corpus / "bridge" / "registry.yaml").write_text((CASE / "registry.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(corpus / "bridge")
    problems = [str(p) for p in kgraph.validate("annotations.yaml")]
    note = NOTE.format(files="registry.yaml", what="file", above=".", them="it")
    assert problems[1] == f"annotations.yaml:13: {note}"
    assert sum("(note: " in p for p in problems) == 1
    assert document.exists()


def test_the_other_documents_folders_are_named_after_the_files_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An id defined in another document (an event another article reported, which this one adds to) is looked for
    in the other documents' folders beside the one given too, after the files in the folder above: those that
    define it, not those that only refer to it."""
    corpus = _copy(tmp_path)
    (corpus / "registry.yaml").write_text("persons:\n  - {id: someone-else, name: Someone Else}\n", encoding="utf-8")
    (corpus / "ann").mkdir()
    registry = (CASE / "registry.yaml").read_text(encoding="utf-8")
    (corpus / "ann" / "annotations.yaml").write_text(registry, encoding="utf-8")  # defines what the registry did
    (corpus / "refers").mkdir()  # a document that only refers to the id (any may): not named
    (corpus / "refers" / "annotations.yaml").write_text("events:\n  - {id: e, place: testville}\n", encoding="utf-8")
    monkeypatch.chdir(corpus)
    problems = [str(p) for p in kgraph.validate("bridge")]
    note = NOTE.format(files="ann/annotations.yaml", what="folder", above=".", them="it")
    assert problems[1] == f"bridge/annotations.yaml:13: {note}"
    assert sum("(note: " in p for p in problems) == 1
    (corpus / "registry.yaml").unlink()  # no registry: the folder above is no corpus, its folders none of its documents
    assert not any("(note: " in str(p) for p in kgraph.validate("bridge"))
