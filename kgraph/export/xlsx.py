"""The spreadsheet tables as one workbook (``kgraph export --format xlsx``): sheets ``Nodes``, ``Edges`` and
``Evidence (ignore)``, holding what ``nodes.csv``, ``edges.csv`` and ``evidence.csv`` hold
(:mod:`kgraph.export.tables`).

Kumu imports every sheet of a workbook but those whose name says ``(ignore)``, so it reads the nodes and edges
and leaves the evidence, which is for people. The workbook is written with openpyxl in write-only mode, row by
row. Text cells go through the formula guard (:func:`kgraph.export.cells.inert`) and are stored as strings,
never as formulas; numbers and booleans keep their type. A cell holds at most 32,767 characters (Excel's
limit): longer text is cut, ending in ``…[cut]``; characters that XML cannot carry become U+FFFD (�). A sheet
holds at most 1,048,576 rows: a larger graph is refused with a message (the CSV files have no such limit).

The bytes are the same for the same graph: the document's creation and modification dates are the graph's
last publication date (``2000-01-01`` when it names none), and every entry of the zip file is dated
1980-01-01.

>>> import io, kgraph
>>> graph = kgraph.KnowledgeGraph.load("seeds").graph
>>> first, second = io.BytesIO(), io.BytesIO()
>>> write_xlsx(graph, first); write_xlsx(graph, second)
>>> first.getvalue() == second.getvalue(), first.getvalue()[:2]
(True, b'PK')
"""

from __future__ import annotations

import contextlib
import re
import shutil
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kgraph.errors import UsageError
from kgraph.export.cells import CellValue, inert
from kgraph.export.evidence_table import quote_count
from kgraph.export.tables import EDGES, EVIDENCE, NODES, tables

if TYPE_CHECKING:
    import networkx as nx

    from kgraph.export.xmlstream import Writable

#: The sheet of each table.
SHEETS = {NODES: "Nodes", EDGES: "Edges", EVIDENCE: "Evidence (ignore)"}
#: The most characters a cell holds, and the most rows a sheet holds (Excel's limits).
MAX_CELL, MAX_ROWS = 32_767, 1_048_576
#: What ends a text cut to fit.
CUT = "…[cut]"
#: The date of every entry of the zip file (the earliest a zip file can say).
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xlsx_text(text: str) -> str:
    """Text as a workbook's cell holds it: characters XML cannot carry as U+FFFD, guarded against formulas
    (:func:`kgraph.export.cells.inert`), and cut to MAX_CELL characters.

    >>> xlsx_text("=1+1"), xlsx_text("bell\\x07"), len(xlsx_text("x" * 40_000)), xlsx_text("x" * 40_000)[-6:]
    ("'=1+1", 'bell�', 32767, '…[cut]')
    """
    text = inert(_ILLEGAL.sub("\ufffd", text))
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - len(CUT)] + CUT


def write_xlsx(graph: nx.Graph, handle: Writable) -> None:
    """Write the workbook of ``graph`` (``kg.graph``) into binary ``handle``."""
    import tempfile

    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    counts = {NODES: graph.number_of_nodes(), EDGES: graph.number_of_edges(), EVIDENCE: quote_count(graph)}
    for name, count in counts.items():
        if count + 1 > MAX_ROWS:
            raise UsageError(
                f"the {SHEETS[name]} sheet would hold {count + 1:,} rows, more than the {MAX_ROWS:,} a "
                "spreadsheet holds: export the tables as CSV instead (--format csv)"
            )
    found = tables(graph)
    book = Workbook(write_only=True)
    day = datetime.fromisoformat(found.day)
    book.properties.created = book.properties.modified = day
    book.properties.creator = book.properties.lastModifiedBy = "kgraph"
    sheets = {name: book.create_sheet(SHEETS[name]) for name in found.headers}
    try:
        for name, header in found.headers.items():
            sheets[name].append([_cell(column) for column in header])
        for name, row in found.rows():
            sheets[name].append([_cell(value) for value in row])
    except BaseException:
        for sheet in sheets.values():  # end each sheet's stream, so that nothing is left open
            with contextlib.suppress(Exception):
                sheet.close()
        raise
    with tempfile.SpooledTemporaryFile(max_size=16 << 20) as buffer:
        archive = _FixedZip(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        ExcelWriter(book, archive).save()  # closes the archive; not openpyxl's save, which dates it now
        buffer.seek(0)
        while chunk := buffer.read(1 << 20):
            handle.write(chunk)


def _cell(value: CellValue) -> CellValue:
    """A value as the cell to append: text as a string cell (data type ``s``, never a formula), anything else as
    it is."""
    if not isinstance(value, str):
        return value
    return xlsx_text(value)  # openpyxl writes text as a string cell unless it starts with "=", which inert() prevents


class _FixedZip(zipfile.ZipFile):
    """A zip file whose every entry is dated ZIP_DATE, so that the same content gives the same bytes."""

    def writestr(
        self,
        zinfo_or_arcname: zipfile.ZipInfo | str,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = self._entry(zinfo_or_arcname)
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        import os

        entry = self._entry(str(arcname if arcname is not None else filename))
        large = os.path.getsize(filename) > 1 << 30
        with open(filename, "rb") as source, self.open(entry, "w", force_zip64=large) as target:
            shutil.copyfileobj(source, target, 1 << 20)

    def _entry(self, name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        return entry
