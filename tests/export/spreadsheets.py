"""What the spreadsheet tests share: a corpus with a formula payload in every text field an annotation can hold,
a graph with one in every string it holds, reading the tables back, and counting a corpus's quotes."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import networkx as nx
import yaml

from kgraph.corpus.corpus import Corpus
from kgraph.export.cells import FORMULA_TRIGGERS, GUARD

#: Text that a spreadsheet would evaluate if written as it is (OWASP's CSV injection examples and their kin).
PAYLOADS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1")
#: Those an annotation can hold (no field holds a carriage return: :func:`poisoned` puts it in a graph).
CORPUS_PAYLOADS = PAYLOADS[:5]


def _line(payload: str, words: str) -> str:
    """A one-line field: the payload, unless a name cannot hold it (a tab or carriage return), then words."""
    return f"{payload} {words}" if payload.isprintable() else words.capitalize()


def hostile_corpus(root: Path, payload: str) -> Path:
    """A valid one-document corpus in ``root`` with ``payload`` at the start of every text field the annotation
    format has (names, aliases and their notes, descriptions, notes, external ids, titles, the outlet, date
    notes, participants' notes, figures' notes, quotes and their notes); a name, which cannot hold a tab, holds
    plain words then. Returns ``root``."""
    quotes = [f"{payload} quote {n}" for n in range(1, 7)]

    def evidence(n: int, **more: Any) -> list[dict[str, Any]]:
        return [{"quote": quotes[n], "note": f"{payload} evidence note {n}", **more}]

    document = {
        "source": {
            "id": "doc",
            "title": _line(payload, "title"),
            "outlet": _line(payload, "outlet"),
            "url": "http://x.example/=HYPERLINK",
            "published": "2020-11-10",
            "published_basis": "stated",
            "published_note": f"{payload} published note",
            "language": "en",
            "text": "article.txt",
            "notes": f"{payload} source notes",
        },
        "persons": [
            {
                "id": "agent",
                "name": _line(payload, "agent"),
                "aliases": [{"name": _line(payload, "alias"), "lang": "en", "note": f"{payload} alias note"}],
                "description": f"{payload} person description",
                "external_ids": {"registry": _line(payload, "id")},
                "notes": f"{payload} person notes",
            }
        ],
        "organizations": [
            {"id": "force", "name": _line(payload, "force"), "kind": "armed_group", "description": f"{payload} org"}
        ],
        "places": [
            {
                "id": "town",
                "name": _line(payload, "town"),
                "kind": "town",
                "description": f"{payload} town",
                "coordinates": {"lat": 39.76, "lon": -46.75},
                "figures": [
                    {"measure": "population", "value": 100, "note": f"{payload} figure note", "evidence": evidence(4)}
                ],
            }
        ],
        "events": [
            {
                "id": "shelling",
                "type": "shelling",
                "title": _line(payload, "shelling"),
                "date": "2020-11-08",
                "date_basis": "stated",
                "date_note": f"{payload} date note",
                "place": "town",
                "description": f"{payload} event description",
                "participants": [
                    {"actor": "force", "role": "agent", "note": f"{payload} participant note", "evidence": evidence(1)}
                ],
                "figures": [
                    {
                        "measure": "killed",
                        "value": 2,
                        "note": f"{payload} figure note",
                        "evidence": evidence(2, claimed_by="agent", via="force"),
                    }
                ],
                "evidence": evidence(0, claimed_by="agent"),
            }
        ],
        "relations": [
            {
                "type": "member_of",
                "subject": "agent",
                "object": "force",
                "description": f"{payload} relation description",
                "evidence": [*evidence(3), {"quote": quotes[5], "stance": "denies", "claimed_by": "force"}],
            }
        ],
    }
    folder = root / "doc"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.txt").write_text("\n".join(quotes) + "\n", encoding="utf-8")
    (folder / "annotations.yaml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return root


def poisoned(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with a payload before every string it holds: ids, keys, kinds, types, roles, labels,
    every attribute's text, inside lists and dicts too, and the sources' metadata; numbers stay as they are, and
    every node gets ``offset``, a negative number."""
    count = iter(range(10**9))

    def bad(value: Any) -> Any:
        if isinstance(value, str):
            return PAYLOADS[next(count) % len(PAYLOADS)] + value
        if isinstance(value, list | tuple):
            return [bad(v) for v in value]
        if isinstance(value, dict):
            return {bad(k): bad(v) for k, v in value.items()}
        return value

    names = {node: bad(node) for node in graph}
    out = nx.MultiDiGraph(**bad(dict(graph.graph)))
    for node, data in graph.nodes(data=True):
        out.add_node(names[node], **bad(dict(data)), offset=-2.5)
    for u, v, key, data in graph.edges(keys=True, data=True):
        out.add_edge(names[u], names[v], key=bad(key), **bad(dict(data)))
    return out


#: A number as kgraph writes one in CSV (as Python does); a cell holding only that is read as the number.
NUMBER = re.compile(r"-?\d+(\.\d+)?(e[+-]\d+)?")


def starts_like_formula(text: str) -> bool:
    """Whether a cell's text starts with a character that makes a spreadsheet read a formula (a negative number,
    written as Python writes it, is a number)."""
    return text.startswith(FORMULA_TRIGGERS) and not NUMBER.fullmatch(text)


def guarded(text: str) -> bool:
    """Whether a cell's text is a payload's guarded form."""
    return text.startswith(GUARD) and starts_like_formula(text[len(GUARD) :])


def read_csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV file, as Python's csv module reads them (header first)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def workbook_rows(data: bytes) -> dict[str, list[list[Any]]]:
    """Each sheet of a workbook by title, its rows as openpyxl reads the values; also checks every cell's type:
    text is a string cell, never a formula, styled ``quotePrefix`` exactly when it starts like a formula."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    sheets = {}
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    assert cell.quotePrefix == cell.value.startswith(FORMULA_TRIGGERS), (sheet.title, cell.value)
                else:
                    assert not cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
            rows.append([cell.value for cell in row])
        sheets[sheet.title] = rows
    return sheets


def raw_cells(data: bytes) -> list[tuple[str, bool, list[str]]]:
    """Every cell of every sheet as the workbook's XML holds it, as Excel and LibreOffice read it: its type
    (``t``), whether its style (``s``, an index into ``cellXfs``) says ``quotePrefix``, and the names of its
    child elements (``f`` would be a formula)."""
    import zipfile
    from xml.etree import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
        xfs = styles.find(f"{main}cellXfs")
        assert xfs is not None
        quoted = [xf.get("quotePrefix") in ("1", "true") for xf in xfs.findall(f"{main}xf")]
        found = []
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                for cell in ElementTree.fromstring(archive.read(name)).iter(f"{main}c"):
                    style = quoted[int(cell.get("s", "0"))]
                    found.append((cell.get("t", "n"), style, [child.tag.removeprefix(main) for child in cell]))
    return found


def same_cell(text: str, value: Any) -> bool:
    """Whether a CSV cell and a workbook cell hold the same value (numbers compared as numbers; text that starts
    like a formula has an apostrophe before it in the CSV cell only)."""
    if value is None:
        return text == ""
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, int | float):
        return float(text) == float(value)
    written = str(value)
    return text == (GUARD + written if written.startswith(FORMULA_TRIGGERS) else written)


def quotes_in(corpus: Corpus) -> int:
    """How many quotes a corpus holds: of events, their participants and figures, entities' figures, relations."""
    count = sum(len(f.evidence) for entity in corpus.entities.values() for f in entity.figures)
    count += sum(len(r.evidence) for r in corpus.relations.values())
    for event in corpus.events.values():
        count += len(event.evidence) + sum(len(f.evidence) for f in event.figures)
        count += sum(len(p.evidence) for p in event.participants)
    return count
