"""The spreadsheet tables as one workbook (``kgraph export --format xlsx``): sheets ``Nodes``, ``Edges`` and
``Evidence (ignore)``, holding what ``nodes.csv``, ``edges.csv`` and ``evidence.csv`` hold
(:mod:`kgraph.export.tables`).

Kumu imports every sheet of a workbook but those whose name says ``(ignore)``, so it reads the nodes and edges
and leaves the evidence, which is for people. The workbook is written with openpyxl in write-only mode, row by
row. Text is stored as it is, in a string cell, never a formula. Text that starts like a formula
(:func:`kgraph.export.cells.formula_like`: ``=``, ``+``, ``-``, ``@``, a tab, a carriage return) gets no
apostrophe, unlike in the CSV files: its cell's style says ``quotePrefix``, as Excel stores ``'=1`` typed in a
cell, so that the cell stays text when someone edits it. Numbers and booleans keep their type. A cell holds at
most 32,767 characters (Excel's limit): longer text is cut, ending in ``…[cut]``; characters that XML cannot
carry become U+FFFD (�). A sheet holds at most 1,048,576 rows: a larger graph is refused with a message (the CSV
files have no such limit).

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
from kgraph.export.cells import CellValue, formula_like
from kgraph.export.evidence_table import quote_count
from kgraph.export.tables import EDGES, EVIDENCE, NODES, tables

if TYPE_CHECKING:
    import networkx as nx
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

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
    """Text as a workbook's cell holds it: characters XML cannot carry as U+FFFD, and cut to MAX_CELL characters.

    >>> xlsx_text("=1+1"), xlsx_text("bell\\x07"), len(xlsx_text("x" * 40_000)), xlsx_text("x" * 40_000)[-6:]
    ('=1+1', 'bell�', 32767, '…[cut]')
    """
    text = _ILLEGAL.sub("\ufffd", text)
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
            sheets[name].append([_cell(sheets[name], column) for column in header])
        for name, row in found.rows():
            sheet = sheets[name]
            sheet.append([_cell(sheet, value) for value in row])
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


def _cell(sheet: WriteOnlyWorksheet, value: CellValue) -> CellValue | WriteOnlyCell:
    """A value as the cell to append: text as a string cell (data type ``s``, never a formula), with the
    ``quotePrefix`` style when it starts like a formula; anything else as it is."""
    if not isinstance(value, str):
        return value
    text = xlsx_text(value)
    if not formula_like(text):
        return text  # openpyxl writes it as a string cell: only text that starts with "=" would be a formula
    return quoted_cell(sheet, text)


def quoted_cell(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    """A string cell of ``sheet`` holding ``text`` as it is, styled ``quotePrefix`` (as Excel stores ``'=1``
    typed in a cell): never a formula, whatever it starts with.

    >>> from openpyxl import Workbook
    >>> cell = quoted_cell(Workbook(write_only=True).create_sheet(), "=1+1")
    >>> cell.value, cell.data_type, cell.quotePrefix
    ('=1+1', 's', True)
    """
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl takes text that starts with "=" for a formula
    cell.quotePrefix = True
    return cell


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
