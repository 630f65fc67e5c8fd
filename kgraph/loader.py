"""Load a corpus: find the annotation files, read and validate them, and read the source texts.

This is the only module that reads annotation and source files. Problems are
collected across every file and reported together.

>>> import kgraph
>>> kgraph.validate("seeds")
[]
>>> kgraph.load("seeds").sources["2023-07-blockade"].published.edtf
'[2023-07-12,2023-07-13]'
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kgraph.checks import Invalid, Record, check
from kgraph.corpus import Corpus, Origin
from kgraph.errors import CorpusError, Problem, UsageError
from kgraph.models import ENTITY_SECTIONS, SECTIONS, Model, Source
from kgraph.yamlfile import LineMap, decode, parse_yaml

#: File name endings read as annotation files.
ANNOTATION_SUFFIXES = (".yaml", ".yml")
_ALL_SECTIONS = ("source", *SECTIONS)
_MODELS: tuple[type[Model], ...] = (*SECTIONS.values(), Source)
_FIELD_NAMES = sorted(
    {name for m in _MODELS for name in m.model_fields}
    | {"quote", "claimed_by", "actor", "role", "lat", "lon", "lang", "note"}
)


def load(path: str | os.PathLike[str]) -> Corpus:
    """Load and validate the corpus at ``path`` (a folder or one annotation file).

    Raises :class:`~kgraph.errors.CorpusError` listing every problem, or
    :class:`~kgraph.errors.UsageError` when the path does not exist.
    """
    corpus, problems = read(path)
    if problems or corpus is None:
        raise CorpusError(problems)
    return corpus


def validate(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in the corpus at ``path``, sorted by file and line; empty when it is valid."""
    return read(path)[1]


def read(path: str | os.PathLike[str]) -> tuple[Corpus | None, list[Problem]]:
    """Read the corpus at ``path``: the corpus when it is valid, and the sorted list of problems."""
    given = Path(path)
    if not given.exists():
        raise UsageError(f"{given}: no such file or folder")
    root = given if given.is_dir() else given.parent
    files = discover(given)
    if not files:
        return None, [
            Problem(str(given), 0, f"no annotation files ({', '.join('*' + s for s in ANNOTATION_SUFFIXES)}) found")
        ]
    records: list[Record] = []
    problems: list[Problem] = []
    for file in files:
        display = str(given / file.relative_to(root)) if given.is_dir() else str(given)
        problems += _read_file(file, display, records)
    texts, text_problems = _read_texts(records, root)
    problems += text_problems
    problems += check(records, texts)
    if problems:
        return None, sorted(set(problems))
    return _corpus(root, records, texts), []


def discover(path: Path) -> list[Path]:
    """The annotation files at ``path``: the file itself, or every one below the folder, skipping hidden ones, in a fixed order."""
    if not path.is_dir():
        return [path]
    found = [
        p
        for p in path.rglob("*")
        if p.suffix in ANNOTATION_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(path).as_posix())


def _read_file(file: Path, display: str, records: list[Record]) -> list[Problem]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return [Problem(display, 0, f"cannot read the file: {exc.strerror}")]
    text, problems = decode(raw, display)
    if text is None:
        return problems
    data, lines, problems = parse_yaml(text, display)
    if data is None:  # a syntax error, or nothing but comments: the file cannot be read further
        return problems or [Problem(display, 0, "file is empty: expected sections such as source, persons, events")]
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        return [
            *problems,
            Problem(display, 1, f"expected a mapping of sections ({', '.join(_ALL_SECTIONS)}), found {found}"),
        ]
    for key in data:
        if key not in _ALL_SECTIONS:
            problems.append(
                Problem(display, lines.line((key,)), f"unknown section {key!r}{_did_you_mean(key, _ALL_SECTIONS)}")
            )
    folder = file.parent
    source_id = None
    if "source" in data:
        source = _validate(Source, data["source"], ("source",), display, lines, problems, None)
        source_id = _id_of(data["source"])
        if source is not None:
            records.append(Record(source, "source", display, ("source",), lines, folder))
        elif source_id:
            records.append(Record(Invalid(source_id), "source", display, ("source",), lines, folder))
    for section, model in SECTIONS.items():
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(
                Problem(
                    display, lines.line((section,)), f"{section}: expected a list of items, each starting with '- '"
                )
            )
            continue
        kind = ENTITY_SECTIONS.get(section, section.rstrip("s"))
        for index, item in enumerate(items):
            valid = _validate(model, item, (section, index), display, lines, problems, source_id)
            if valid is not None:
                records.append(Record(valid, kind, display, (section, index), lines, folder))
            elif (item_id := _id_of(item)) and kind != "relation":  # keep the id known: references to it are fine
                records.append(Record(Invalid(item_id), kind, display, (section, index), lines, folder))
    return problems


def _id_of(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) else None


def _validate(
    model: type[Model],
    data: Any,
    loc: tuple[str | int, ...],
    display: str,
    lines: LineMap,
    problems: list[Problem],
    source_id: str | None,
) -> Any:
    try:
        return model.model_validate(data, context={"source": source_id})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = (*loc, *error["loc"])
            problems.append(Problem(display, lines.line(where), _message(error, where)))
        return None


def _message(error: Any, where: tuple[Any, ...]) -> str:
    parts = [p for p in where if isinstance(p, int) or (p.isidentifier() and p[:1].islower() and p not in _TYPE_TAGS)]
    kind, message = error["type"], error["msg"]
    if kind in ("extra_forbidden", "missing"):
        field = str(where[-1])
        parent = _dotted(parts[:-1])
        if kind == "extra_forbidden":
            message = f"unknown field {field!r}{_did_you_mean(field, _FIELD_NAMES)}"
        else:
            message = f"missing required field {field!r}"
        return f"{parent}: {message}" if parent else message
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a mapping of fields, found {_describe(error['input'])}"
    message = message.removeprefix("Value error, ").replace("Input should be", "should be")
    path = _dotted(parts)
    return f"{path}: {message}" if path else message


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    return f"the value {value!r}" if len(repr(value)) < 60 else f"a {type(value).__name__}"


_TYPE_TAGS = {"str", "int", "float", "bool", "dict", "list", "none"}


def _dotted(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _read_texts(records: list[Record], root: Path) -> tuple[dict[str, str], list[Problem]]:
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    real_root = root.resolve()
    for record in records:
        source = record.item
        if not isinstance(source, Source):
            continue
        where = (record.file, record.line("text"))
        path = record.folder / source.text
        if not path.is_file():
            problems.append(Problem(*where, f"source text file {source.text!r} not found (looked for {path})"))
            continue
        if not path.resolve().is_relative_to(real_root):
            problems.append(Problem(*where, f"source text file {source.text!r} lies outside the corpus folder"))
            continue
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(*where, f"cannot read source text file {source.text!r}: {exc.strerror}"))
            continue
        text, decode_problems = decode(raw, str(path))
        if text is None:
            problems += decode_problems
            continue
        texts[source.id] = text
    return texts, problems


def _corpus(root: Path, records: list[Record], texts: dict[str, str]) -> Corpus:
    tables: dict[str, dict[str, Any]] = {"source": {}, "entity": {}, "event": {}, "relation": {}}
    origins: dict[str, Origin] = {}
    for record in records:
        table = record.kind if record.kind in tables else "entity"
        tables[table][record.key] = record.item
        origins[record.key] = Origin(record.file, record.line())
    return Corpus(root, tables["source"], tables["entity"], tables["event"], tables["relation"], texts, origins)
