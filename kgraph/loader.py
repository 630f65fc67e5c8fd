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
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kgraph.checks import Invalid, Record, check
from kgraph.corpus import Corpus, Origin
from kgraph.errors import CorpusError, Problem, UsageError
from kgraph.models import (
    ENTITY_SECTIONS,
    LINE_PATTERN,
    SECTIONS,
    SLUG_PATTERN,
    TEXT_PATTERN,
    Model,
    Source,
    Vocabulary,
)
from kgraph.perf import collector_paused
from kgraph.perf import progress as show_progress
from kgraph.vocabulary import VOCABULARIES
from kgraph.yamlfile import UNREADABLE, LineMap, decode, parse_yaml

#: File name endings read as annotation files.
ANNOTATION_SUFFIXES = (".yaml", ".yml", ".jsonl")
_ALL_SECTIONS = ("source", *SECTIONS)
_MODELS: tuple[type[Model], ...] = (*SECTIONS.values(), Source)
_FIELD_NAMES = sorted(
    {name for m in _MODELS for name in m.model_fields}
    | {"quote", "claimed_by", "actor", "role", "lat", "lon", "lang", "note"}
)


def load(path: str | os.PathLike[str], progress: bool = False) -> Corpus:
    """Load and validate the corpus at ``path`` (a folder or one annotation file).

    Raises :class:`~kgraph.errors.CorpusError` listing every problem, or
    :class:`~kgraph.errors.UsageError` when the path does not exist.
    """
    corpus, problems = read(path, progress)
    if problems or corpus is None:
        raise CorpusError(problems)
    return corpus


def validate(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in the corpus at ``path``, sorted by file and line; empty when it is valid."""
    return read(path)[1]


def read(path: str | os.PathLike[str], progress: bool = False) -> tuple[Corpus | None, list[Problem]]:
    """Read the corpus at ``path``: the corpus when it is valid, and the sorted list of problems."""
    with collector_paused():
        return _read(path, progress)


def _read(path: str | os.PathLike[str], progress: bool) -> tuple[Corpus | None, list[Problem]]:
    given = Path(path)
    if not given.exists():
        raise UsageError(f"{given}: no such file or folder")
    root = given if given.is_dir() else given.parent
    files = discover(given)
    real_root = root.resolve()
    outside = [f for f in files if not f.resolve().is_relative_to(real_root)]
    files = [f for f in files if f not in outside]
    early = [
        Problem(_display(given, root, f), 0, "links to a file outside the corpus folder; not read") for f in outside
    ]
    if not files:
        suffixes = ", ".join("*" + s for s in ANNOTATION_SUFFIXES)
        return None, [*early, Problem(str(given), 0, f"no annotation files ({suffixes}) found")]
    records: list[Record] = []
    problems: list[Problem] = early
    for file in show_progress(files, progress, "reading"):
        problems += _read_file(file, _display(given, root, file), records)
    texts, text_problems = _read_texts(records, root)
    problems += text_problems
    problems += check(records, texts)
    if problems:
        return None, sorted(set(problems))
    return _corpus(root, records, texts), []


def _display(given: Path, root: Path, file: Path) -> str:
    return str(given / file.relative_to(root)) if given.is_dir() else str(given)


def discover(path: Path) -> list[Path]:
    """The annotation files at ``path``: the file itself, or every one below the folder, in a fixed order.

    Hidden files and folders are skipped, and linked folders are not entered (a link can loop, or lead
    out of the corpus); a linked file is listed, and the loader refuses it when it leads outside.
    """
    if not path.is_dir():
        return [path]
    found = []
    for folder, subfolders, names in os.walk(path, followlinks=False):
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        found += [Path(folder) / n for n in names if not n.startswith(".") and n.endswith(ANNOTATION_SUFFIXES)]
    return sorted((f for f in found if f.is_file()), key=lambda p: p.relative_to(path).as_posix())


@dataclass(frozen=True)
class _Item:
    """One item of an annotation file before validation: its section, data, location and line map."""

    section: str
    data: Any
    loc: tuple[str | int, ...]
    lines: LineMap


def _read_file(file: Path, display: str, records: list[Record]) -> list[Problem]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return [Problem(display, 0, f"cannot read the file: {exc.strerror}")]
    text, problems = decode(raw, display)
    if text is None:
        return problems
    items, problems = (_jsonl_items if file.suffix == ".jsonl" else _yaml_items)(text, display)
    sources = [item for item in items if item.section == "source"]
    for extra in sources[1:]:
        problems.append(
            Problem(display, extra.lines.line(extra.loc), "a file annotates one source; this is a second one")
        )
    source_id = _id_of(sources[0].data) if sources else None
    for item in items:
        model = Source if item.section == "source" else SECTIONS[item.section]
        kind = "source" if item.section == "source" else ENTITY_SECTIONS.get(item.section, item.section.rstrip("s"))
        default = None if kind == "source" else source_id
        unreadable = bool(problems) and _contains_unreadable(item.data)  # already reported where the YAML was read
        valid = None if unreadable else _validate(model, item.data, item.loc, display, item.lines, problems, default)
        if valid is not None:
            records.append(Record(valid, kind, display, item.loc, item.lines, file.parent))
        elif (item_id := _id_of(item.data)) and kind != "relation":  # keep the id known: references to it are fine
            records.append(Record(Invalid(item_id), kind, display, item.loc, item.lines, file.parent))
    return problems


def _contains_unreadable(value: Any) -> bool:
    if value is UNREADABLE:
        return True
    if isinstance(value, dict):
        return any(_contains_unreadable(v) for v in value.values())
    if isinstance(value, list):
        return any(_contains_unreadable(v) for v in value)
    return False


def _yaml_items(text: str, display: str) -> tuple[list[_Item], list[Problem]]:
    data, lines, problems = parse_yaml(text, display)
    if data is None:  # a syntax error, or nothing but comments: the file cannot be read further
        return [], problems or [Problem(display, 0, "file is empty: expected sections such as source, persons, events")]
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({data!r})"
        return [], [
            *problems,
            Problem(display, 1, f"expected a mapping of sections ({', '.join(_ALL_SECTIONS)}), found {found}"),
        ]
    items = []
    for key, value in data.items():
        if key == "source":
            items.append(_Item("source", value, ("source",), lines))
        elif key not in SECTIONS:
            problems.append(
                Problem(display, lines.line((key,)), f"unknown section {key!r}{_did_you_mean(key, _ALL_SECTIONS)}")
            )
        elif isinstance(value, list):
            items.extend(_Item(key, item, (key, index), lines) for index, item in enumerate(value))
        elif value is not None:
            problems.append(
                Problem(display, lines.line((key,)), f"{key}: expected a list of items, each starting with '- '")
            )
    items.sort(key=lambda item: item.section != "source")  # the source first, as its id is the evidence's default
    return items, problems


#: Section of each JSON Lines record type.
RECORD_TYPES: dict[str, str] = {
    "source": "source",
    **{kind: section for section, kind in ENTITY_SECTIONS.items()},
    "event": "events",
    "relation": "relations",
}


def _jsonl_items(text: str, display: str) -> tuple[list[_Item], list[Problem]]:
    items: list[_Item] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            problems.append(Problem(display, number, f"invalid JSON: {exc.msg} (column {exc.colno})"))
            continue
        except _DuplicateKey as exc:
            problems.append(Problem(display, number, f"duplicate key {exc.args[0]!r}"))
            continue
        if not isinstance(data, dict):
            problems.append(Problem(display, number, 'expected a JSON object such as {"record": "event", ...}'))
            continue
        kind = data.pop("record", None)
        if kind not in RECORD_TYPES:
            hint = _did_you_mean(str(kind), RECORD_TYPES) if isinstance(kind, str) else ""
            problems.append(
                Problem(display, number, f"unknown record type {kind!r}{hint} (one of: {', '.join(RECORD_TYPES)})")
            )
            continue
        items.append(_Item(RECORD_TYPES[kind], data, (), LineMap({(): number})))
    if not items and not problems:
        problems.append(Problem(display, 0, "file is empty: expected one JSON record a line"))
    items.sort(key=lambda item: item.section != "source")
    return items, problems


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


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
    if source_id is not None and isinstance(data, dict):
        data = _with_default_source(data, source_id)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = (*loc, *error["loc"])
            problems.append(Problem(display, lines.line(where), _message(error, where)))
        return None


def _with_default_source(data: dict[str, Any], source_id: str) -> dict[str, Any]:
    """The item with its evidence's ``source`` defaulting to the file's source (the item is the loader's own copy)."""
    evidence_lists = [data.get("evidence")]
    participants = data.get("participants")
    if isinstance(participants, list):
        evidence_lists += [p.get("evidence") for p in participants if isinstance(p, dict)]
    for evidence in evidence_lists:
        if isinstance(evidence, list):
            for item in evidence:
                if isinstance(item, dict) and item.get("source") is None:
                    item["source"] = source_id
    return data


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
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        message = (
            f"invalid id {error['input']!r}: ids are lowercase words joined by hyphens, such as 'gegham-stepanyan'"
        )
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") in (LINE_PATTERN, TEXT_PATTERN):
        text = str(error["input"])
        if not text.strip():
            message = "must not be empty"
        elif error["ctx"]["pattern"] == LINE_PATTERN:
            message = f"contains a control character or line break: {text!r}"
        else:
            message = f"contains a control character: {text!r}"
    elif kind == "string_too_long" and parts and parts[-1] in _ID_FIELDS:
        message = f"invalid id {str(error['input'])[:40]!r}...: at most {error['ctx']['max_length']} characters"
    elif kind == "too_short":
        count = error["ctx"]["min_length"]
        message = (
            f"needs at least {count} item{'s' * (count != 1)}, found none"
            if not error["input"]
            else f"needs at least {count} items"
        )
    elif kind == "string_too_long":
        message = f"longer than {error['ctx']['max_length']:,} characters ({len(str(error['input'])):,})"
    elif kind == "literal_error":
        vocabulary = _VOCABULARY_OF.get(frozenset(re.findall(r"'([^']*)'", error["ctx"]["expected"])))
        message = Vocabulary(vocabulary).message(error["input"]) if vocabulary else message
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a mapping of fields, found {_describe(error['input'])}"
    message = message.removeprefix("Value error, ").replace("Input should be", "should be")
    path = _dotted(parts)
    return f"{path}: {message}" if path else message


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    return f"the value {value!r}" if len(repr(value)) < 60 else f"a {type(value).__name__}"


_VOCABULARY_OF = {frozenset(terms): name for name, terms in VOCABULARIES.items()}
_ID_FIELDS = {"id", "part_of", "place", "actor", "subject", "object", "source", "claimed_by"}
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
        if path.is_dir():
            problems.append(Problem(*where, f"source text file {source.text!r} is a folder, not a file"))
            continue
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
