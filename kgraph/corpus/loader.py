"""Load a corpus: find the annotation files, read and validate them, and read the source texts.

This module and its helpers (:mod:`kgraph.corpus.discover` finds and reads files within bounds,
:mod:`kgraph.corpus.vocabulary_file` reads the corpus's own terms, which every file is then checked against,
:mod:`kgraph.corpus.sections` splits them into items, :mod:`kgraph.corpus.sources` reads the source texts) are the
only ones that read a corpus. Problems are collected across every file and reported together.

>>> import kgraph
>>> kgraph.validate("seeds")
[]
>>> kgraph.load("seeds").sources["2023-07-blockade"].published.edtf
'[2023-07-12,2023-07-13]'
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kgraph.annotations.base import Model
from kgraph.annotations.fields import ITEM_PATTERN, LINE_PATTERN, SLUG_PATTERN, TEXT_PATTERN, Vocabulary
from kgraph.annotations.files import ENTITY_SECTIONS, FIELD_PLACES, SECTIONS, Addition
from kgraph.annotations.models import Source
from kgraph.annotations.terms import DEFAULT, Terms, using
from kgraph.corpus.additions import merge_additions
from kgraph.corpus.checks import Invalid, Record, check
from kgraph.corpus.corpus import Corpus, Origin
from kgraph.corpus.discover import ANNOTATION_SUFFIXES, MAX_ANNOTATION_BYTES, corpus_path, discover, find, read_bounded
from kgraph.corpus.sections import jsonl_items, yaml_items
from kgraph.corpus.sources import read_texts
from kgraph.corpus.yamlfile import UNREADABLE, LineMap, decode
from kgraph.errors import CorpusError, Problem
from kgraph.perf import collector_paused
from kgraph.perf import progress as show_progress
from kgraph.text import BIDI_CONTROLS, Suggester, code_point, did_you_mean

__all__ = ["ANNOTATION_SUFFIXES", "discover", "load", "read", "validate"]
_FIELD_NAMES = Suggester(FIELD_PLACES)


def load(path: str | os.PathLike[str], progress: bool = False, strict: bool = False) -> Corpus:
    """Load and validate the corpus at ``path`` (a folder or one annotation file).

    Raises :class:`~kgraph.errors.CorpusError` listing every problem when there is an error, or
    :class:`~kgraph.errors.UsageError` when the path names no corpus. Warnings alone do not stop
    loading: they are kept on ``corpus.warnings``. With ``strict``, warnings count as errors.
    """
    corpus, problems = read(path, progress, strict)
    if corpus is None:
        raise CorpusError(_as_errors(problems) if strict else problems)
    return corpus


def validate(path: str | os.PathLike[str], strict: bool = False) -> list[Problem]:
    """Every problem (errors and warnings) in the corpus at ``path``, sorted by file and line; empty when it is valid.

    With ``strict``, warnings count as errors: they come back with severity ``"error"``.
    """
    problems = read(path)[1]
    return _as_errors(problems) if strict else problems


def read(
    path: str | os.PathLike[str], progress: bool = False, strict: bool = False
) -> tuple[Corpus | None, list[Problem]]:
    """Read the corpus at ``path``: the corpus unless there is an error (or, with ``strict``, a warning), and the
    sorted list of problems (warnings keep their severity, so they can be shown as warnings)."""
    with collector_paused():
        corpus, problems = _read(path, progress)
    return (None if strict and problems else corpus), problems


def _as_errors(problems: list[Problem]) -> list[Problem]:
    return [p._replace(severity="error") for p in problems]


def _read(path: str | os.PathLike[str], progress: bool) -> tuple[Corpus | None, list[Problem]]:
    given = corpus_path(path)
    root = given if given.is_dir() else given.parent
    files, vocabulary, problems = find(given)
    terms = DEFAULT
    if vocabulary is not None:  # first, as every file is checked against its terms (imported only when needed)
        from kgraph.corpus.vocabulary_file import read_vocabulary

        terms, vocabulary_problems = read_vocabulary(vocabulary)
        problems += vocabulary_problems
    if not files and given != vocabulary:
        suffixes = ", ".join("*" + s for s in ANNOTATION_SUFFIXES)
        return None, [*problems, Problem(str(given), 0, f"no annotation files ({suffixes}) found")]
    records: list[Record] = []
    with using(terms):
        for file in show_progress(files, progress, "reading"):
            problems += _read_file(file, str(file), records)
        texts, text_problems, text_files = read_texts(records, root)
        problems += text_problems
        problems += check(records, texts)
        inputs = frozenset(f.resolve() for f in (*files, *text_files, *([vocabulary] if vocabulary else [])))
        corpus, merge_problems = _corpus(root, records, texts, inputs, terms)  # merged even so: all problems at once
    problems = sorted(set(problems + merge_problems))
    if any(p.is_error for p in problems):
        return None, problems
    corpus.warnings = tuple(problems)
    return corpus, problems


def _read_file(file: Path, display: str, records: list[Record]) -> list[Problem]:
    raw, reason = read_bounded(file, MAX_ANNOTATION_BYTES)
    if raw is None:
        return [Problem(display, 0, f"{reason}; not read")]
    text, problems = decode(raw, display)
    if text is None:
        return problems
    items, problems = (jsonl_items if file.suffix == ".jsonl" else yaml_items)(text, display)
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
    if isinstance(data, dict) and model is Addition and isinstance(data.get("source"), str):
        source_id = data["source"]  # what an addition says stands on its own source, in a registry too
    if source_id is not None and isinstance(data, dict):
        data = _with_default_source(data, source_id, model is Addition)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            where = (*loc, *error["loc"])
            problems.append(Problem(display, lines.line(where), _message(error, where)))
        return None


def _with_default_source(data: dict[str, Any], source_id: str, addition: bool) -> dict[str, Any]:
    """The item with the ``source`` of its evidence (and of an addition) defaulting to ``source_id``: the file's
    source, or an addition's own. The item is the loader's own copy, so it is changed in place."""
    if addition and data.get("source") is None:
        data["source"] = source_id
    evidence_lists = [data.get("evidence")]
    for name in ("participants", "figures"):
        parts = data.get(name)
        if isinstance(parts, list):
            evidence_lists += [p.get("evidence") for p in parts if isinstance(p, dict)]
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
            elsewhere = f" here: {FIELD_PLACES[field]} takes it" if field in FIELD_PLACES else ""
            message = f"unknown field {field!r}{elsewhere or did_you_mean(field, _FIELD_NAMES)}"
        else:
            message = f"missing required field {field!r}"
        return f"{parent}: {message}" if parent else message
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") in (SLUG_PATTERN, ITEM_PATTERN):
        message = (
            f"invalid id {error['input']!r}: ids are lowercase words joined by hyphens, such as 'gegham-stepanyan'"
        )
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") in (LINE_PATTERN, TEXT_PATTERN):
        text = str(error["input"])
        if not text.strip():
            message = "must not be empty"
        elif error["ctx"]["pattern"] == LINE_PATTERN:
            bidi = next((c for c in text if c in BIDI_CONTROLS), None)
            message = (
                f"contains a bidirectional control character ({code_point(bidi)}), which reorders the text shown: {text!r}"
                if bidi
                else f"contains a control character or line break: {text!r}"
            )
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
    elif kind == "vocabulary":
        message = Vocabulary(error["ctx"]["vocabulary"]).message(error["input"])
    elif kind in ("float_type", "number"):
        message = f"should be a number, not {_describe(error['input'])}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a mapping of fields, found {_describe(error['input'])}"
    message = message.removeprefix("Value error, ").replace("Input should be", "should be")
    path = _dotted(parts)
    return f"{path}: {message}" if path else message


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    return f"the value {value!r}" if len(repr(value)) < 60 else f"a {type(value).__name__}"


_ID_FIELDS = {"id", "part_of", "place", "actor", "subject", "object", "source", "claimed_by", "via", "to", "counts"}
_TYPE_TAGS = {"str", "int", "float", "bool", "dict", "list", "none"}


def _dotted(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _corpus(
    root: Path,
    records: list[Record],
    texts: dict[str, str],
    inputs: frozenset[Path],
    terms: Terms,
) -> tuple[Corpus, list[Problem]]:
    tables: dict[str, dict[str, Any]] = {"source": {}, "entity": {}, "event": {}, "relation": {}}
    origins: dict[str, Origin] = {}
    additions: list[Record] = []
    for record in records:
        if record.kind == "addition":
            additions.append(record)
            continue
        if isinstance(record.item, Invalid):
            continue  # only a stand-in for an item that failed validation
        table = record.kind if record.kind in tables else "entity"
        tables[table][record.key] = record.item
        origins[record.key] = Origin(record.file, record.line())
    history: dict[str, Any] = {}
    problems: list[Problem] = []
    if additions:
        items = {**tables["entity"], **tables["event"], **tables["relation"]}
        where = {id(r.item): r for r in additions}

        def problem(addition: Addition, field: str, message: str) -> Problem:
            record = where[id(addition)]
            return Problem(record.file, record.line(field), message)

        history, problems = merge_additions(items, [r.item for r in additions], tables["source"], problem)
        for table in ("entity", "event", "relation"):
            tables[table] = {key: items[key] for key in tables[table]}
    sources, entities, events, relations = (tables[t] for t in ("source", "entity", "event", "relation"))
    corpus = Corpus(root, sources, entities, events, relations, texts, origins, inputs, history, terms)
    return corpus, problems
