"""``kgraph import acled``: an ACLED CSV file into a kgraph corpus in JSON Lines.

The rows ACLED last changed on one day (their ``timestamp``, UTC) make one source document, ACLED's events as of
that day (at most :data:`ROWS_A_DOCUMENT` rows a document, in file order): its folder holds ``annotations.jsonl``
(the source, then an event a row) and ``notes.txt``, its text, in which each row gives its ``notes``, its
fatalities and its sources. The entities of every row are in ``registry.jsonl``
(:mod:`kgraph.imports.acled_entities`), and the sub-event types kgraph has no event type for are the corpus's
own, in ``vocabulary.yaml``. For a row:

- the event's type maps from ``event_type`` and ``sub_event_type``; its date is EDTF: the day for
  ``time_precision`` 1, one of the seven days of the week ACLED's date is the middle of for 2 (``[2021-04-12..
  2021-04-18]``: one day, not known which, rather than an interval, which would say it lasted the week), and the
  month, approximate (``2021-~04``), for 3 (the sources give a month or more);
- its place is the location, inside ``admin3``, ``admin2``, ``admin1`` and the country's state; its participants
  are the actors of ``actor1``, ``assoc_actor_1``, ``actor2`` and ``assoc_actor_2``, in the roles the row's type
  gives each side (:func:`~kgraph.imports.acled_terms.roles`: ``party`` for battles and agreements, ``agent`` and
  ``target`` only where ACLED's type is one-sided, as ACLED's actor order implies no direction); an actor is once
  in a role, its note naming each column it fills (:func:`column_note`: ``ACLED actor1, inter1: 2 (rebel
  group)``, ``ACLED assoc_actor_2, name 3``), which the ACLED export reads back;
- its evidence quotes the notes, claimed by the row's sources, and its note keeps, as ``column: value`` lines, the
  columns kgraph has no field for (:data:`~kgraph.imports.acled_terms.KEPT`: ``event_id_cnty`` as ACLED wrote it,
  ``timestamp``, ...); ``fatalities`` is a figure of people killed, quoted from the row's fatalities line and
  claimed by the same sources.

Rows that cannot be used are problems at their line (:mod:`kgraph.imports.acled_rows`); then nothing is written,
unless ``skip_bad``. The corpus is written into a temporary folder beside ``out`` and renamed into place whole;
the temporary folders of an import into the same ``out`` that was killed are removed first
(:mod:`kgraph.imports.writing`).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> header = ",".join(COLUMNS)
>>> row = ("SYR1,2021-04-15,1,Battles,Armed clash,Military Forces of Syria,,1,Rebels,,2,12,,760,Syria,Aleppo,"
...        ",,Aleppo,36.2,37.16,1,Reuters,International,Clashes near Aleppo.,3,,1618531200")
>>> _ = (folder / "a.csv").write_text(header + "\\n" + row + "\\n")
>>> result = import_acled(folder / "a.csv", folder / "out")
>>> result.events, sorted(p.name for p in (folder / "out").iterdir())
(1, ['acled-2021-04-16', 'registry.jsonl'])
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from kgraph.annotations.acled import ACTOR_COLUMNS, CODE_COLUMNS, INTER
from kgraph.annotations.fields import MAX_LINE
from kgraph.annotations.vocabulary import DENIAL_CUES
from kgraph.errors import CorpusError, Problem
from kgraph.imports.acled_entities import Entities, Ids
from kgraph.imports.acled_rows import Row, read_rows
from kgraph.imports.acled_terms import (
    COLUMNS,
    KEPT,
    NOTES_HEADER,
    OUTLET,
    own_terms,
    roles,
    vocabulary_yaml,
)
from kgraph.imports.writing import refuse_occupied, write_corpus

__all__ = ["COLUMNS", "Imported", "edtf", "import_acled"]

#: The most rows one document holds (a day of ACLED's changes can hold thousands).
ROWS_A_DOCUMENT = 500


@dataclass(frozen=True)
class Imported:
    """What an import wrote: rows read into events, entities, files, and the problems of the rows left out."""

    events: int
    entities: int
    files: int
    skipped: list[Problem]


def edtf(row_day: str, precision: int) -> str:
    """The EDTF date of an ACLED date (ISO) of a ``time_precision`` (see the module).

    >>> edtf("2021-04-15", 1), edtf("2021-04-15", 2), edtf("2021-04-15", 3)
    ('2021-04-15', '[2021-04-12..2021-04-18]', '2021-~04')
    """
    day = datetime.strptime(row_day, "%Y-%m-%d").date()
    if precision == 1:
        return day.isoformat()
    if precision == 2:
        return f"[{(day - timedelta(days=3)).isoformat()}..{(day + timedelta(days=3)).isoformat()}]"
    return f"{day.year:04d}-~{day.month:02d}"


def _date_note(row: Row) -> str | None:
    if row.precision == 2:
        return f"ACLED's time_precision 2: the sources give the week; ACLED dates the event {row.day.isoformat()}."
    if row.precision == 3:
        return (
            "ACLED's time_precision 3: the sources give the month or a longer period; "
            f"ACLED dates the event {row.day.isoformat()}."
        )
    return None


def _kept(row: Row) -> str:
    lines = [NOTES_HEADER]
    for column in KEPT:
        if column == "event_date":
            if row.precision == 3:
                lines.append(f"event_date: {row.day.isoformat()}")
        else:
            lines.append(f"{column}: {row.values[column].strip()}".rstrip())
    return "\n".join(lines)


def _event(row: Row, key: dict[str, Any], entities: Entities, event_id: str) -> tuple[dict[str, Any], str]:
    """The event of a row, and the row's part of its document's text."""
    values = row.values
    label = values["event_id_cnty"].strip()
    claimants = [entities.items[k].id for k in key["source"]]
    named = "; ".join(entities.items[k].name for k in key["source"])  # as kgraph names them: each is found
    notes, fatalities = values["notes"], row.fatalities
    text = f"{label}: {notes}\n{label} fatalities: {fatalities}.\n" + (f"Sources: {named}.\n" if claimants else "")
    evidence: dict[str, Any] = {"quote": notes}
    figure_evidence: dict[str, Any] = {"quote": f"{label} fatalities: {fatalities}"}
    if claimants:
        evidence["claimed_by"] = figure_evidence["claimed_by"] = claimants
    if any(cue in notes.lower() for cue in DENIAL_CUES):  # ACLED's own summary: it supports what it reports
        evidence["stance"] = "supports"
    evidence["note"] = _kept(row)
    participants = _participants(entities, key, row)
    event: dict[str, Any] = {
        "record": "event",
        "id": event_id,
        "type": row.type,
        "title": f"{values['sub_event_type'].strip()} in {values['location'].strip()}"[:MAX_LINE],
        "date": edtf(row.day.isoformat(), row.precision),
        "date_basis": "stated",
    }
    note = _date_note(row)
    if note:
        event["date_note"] = note
    event["place"] = entities.items[key["place"]].id
    if participants:
        event["participants"] = participants
    event["figures"] = [{"measure": "killed", "value": fatalities, "evidence": [figure_evidence]}]
    event["evidence"] = [evidence]
    return event, text


def _documents(rows: list[Row], keys: list[dict[str, Any]], entities: Entities, ids: Ids) -> Iterator[tuple[str, str]]:
    """The files of each document: the rows of one timestamp day, in file order, at most ROWS_A_DOCUMENT."""
    days: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        days.setdefault(datetime.fromtimestamp(row.timestamp, UTC).date().isoformat(), []).append(index)
    for day in sorted(days):
        chunks = [days[day][n : n + ROWS_A_DOCUMENT] for n in range(0, len(days[day]), ROWS_A_DOCUMENT)]
        for part, chunk in enumerate(chunks, 1):
            source_id = ids.take(f"acled-{day}" + (f"-part-{part}" if len(chunks) > 1 else ""))
            source = {
                "record": "source",
                "id": source_id,
                "title": f"[ACLED's events as of {day}]"
                + (f" [part {part} of {len(chunks)}]" if len(chunks) > 1 else ""),
                "outlet": OUTLET,
                "published": day,
                "published_basis": "stated",
                "published_note": "The day (UTC) of the rows' ACLED timestamp, when ACLED last changed them.",
                "language": "en",
                "text": "notes.txt",
            }
            lines, texts = [json.dumps(source, ensure_ascii=False)], []
            for index in chunk:
                event_id = ids.take(rows[index].values["event_id_cnty"].strip())
                event, text = _event(rows[index], keys[index], entities, event_id)
                lines.append(json.dumps(event, ensure_ascii=False))
                texts.append(text)
            yield f"{source_id}/annotations.jsonl", "\n".join(lines) + "\n"
            yield f"{source_id}/notes.txt", "\n".join(texts)


def column_note(column: str, position: int, code: int | None) -> str:
    """What a participant's note says of one actor column of the row that names it (read back by the export).

    >>> column_note("actor1", 1, 2), column_note("assoc_actor_2", 3, None)
    ('ACLED actor1, inter1: 2 (rebel group)', 'ACLED assoc_actor_2, name 3')
    """
    if code is not None:
        return f"ACLED {column}, {CODE_COLUMNS[column]}: {code} ({INTER[code][0]})"
    return f"ACLED {column}, name {position}"


def _participants(entities: Entities, key: dict[str, Any], row: Row) -> list[dict[str, Any]]:
    """The participants of a row: an actor once in a role, its note naming each column it fills (see the module)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    role_of = roles(row.values["event_type"].strip(), row.values["sub_event_type"].strip(), row.inter1, row.inter2)
    for column in ACTOR_COLUMNS:
        code = row.inter1 if column == "actor1" else row.inter2 if column == "actor2" else None
        for position, actor_key in enumerate(key.get(column, []), 1):
            actor, role = entities.items[actor_key].id, role_of[column]
            participant = found.setdefault((actor, role), {"actor": actor, "role": role})
            said = column_note(column, position, code)
            participant["note"] = f"{participant['note']}; {said}" if "note" in participant else said
    return list(found.values())


def import_acled(
    path: str | os.PathLike[str], out: str | os.PathLike[str], skip_bad: bool = False, progress: bool = False
) -> Imported:
    """Import ACLED CSV file ``path`` into the new or empty folder ``out`` (see the module).

    Rows that cannot be used raise :class:`~kgraph.errors.CorpusError` with every problem, writing nothing, unless
    ``skip_bad``; then they are in the result's ``skipped``, with the warnings of the older copies of updated rows
    (always left out). A file with no usable row is always refused; a file not in ACLED's format is a
    :class:`~kgraph.errors.UsageError`.
    """
    out = Path(out)
    refuse_occupied(out, "kgraph import")
    rows, problems = read_rows(Path(path))
    if (any(p.is_error for p in problems) and not skip_bad) or not rows:
        raise CorpusError(problems or [Problem(str(path), 0, "holds no rows to import")])
    entities, ids = Entities(), Ids()
    keys = [entities.add(row) for row in rows]
    entities.settle(ids)
    registry = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in entities.records())
    files: list[tuple[str, str]] = [("registry.jsonl", registry)]
    terms = own_terms({row.type for row in rows})
    if terms:
        files.append(("vocabulary.yaml", vocabulary_yaml(terms)))
    count = write_corpus(out, files, _documents(rows, keys, entities, ids), None, progress)
    return Imported(len(rows), len(entities.items), count, problems)
