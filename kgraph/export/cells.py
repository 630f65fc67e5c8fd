"""Cells of the spreadsheet exports (CSV and XLSX), and the formula guard both use.

A spreadsheet reads a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` as a formula, and some read one
that starts with a tab or a carriage return after dropping it, so annotation text such as
``=HYPERLINK("http://x","y")`` could run when the file is opened (CSV injection). CSV has no cell types, so
:func:`inert` writes such text with a single quote before it, as OWASP advises: no spreadsheet evaluates it, and
the apostrophe shows wherever the file is read (Gephi, Kumu, pandas). A workbook has cell types: the text stays
as it is, in a string cell marked as Excel marks text typed after an apostrophe (:mod:`kgraph.export.xlsx`).
Numbers stay numbers: ``-2`` is a number, not text to guard; the text ``-2+3`` is guarded.

>>> inert('=HYPERLINK("http://x","y")'), inert("-2+3"), inert("\\t=1"), inert("a = b")
('\\'=HYPERLINK("http://x","y")', "'-2+3", "'\\t=1", 'a = b')
>>> csv_cell(-2), csv_cell(2.5), csv_cell(True), csv_cell(None), csv_cell("@SUM(A1)")
('-2', '2.5', 'true', '', "'@SUM(A1)")
"""

from __future__ import annotations

#: What a cell's text may not start with: each makes some spreadsheet read it as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: What goes before such text in a CSV file.
GUARD = "'"

#: A cell's value: text, a number, a boolean, or nothing.
CellValue = str | int | float | bool | None


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text``, written in a cell as it is, as a formula.

    >>> formula_like("=1"), formula_like("+972 Magazine"), formula_like("a = b"), formula_like(inert("=1"))
    (True, True, False, False)
    """
    return text.startswith(FORMULA_TRIGGERS)


def inert(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet evaluates: with a single quote before it when it starts like a formula.

    >>> inert("+1+1"), inert("@SUM(A1)"), inert("\\r=1"), inert("plain")
    ("'+1+1", "'@SUM(A1)", "'\\r=1", 'plain')
    """
    return GUARD + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value: CellValue) -> str:
    """A value as CSV text: numbers as Python writes them, booleans as ``true``/``false``, nothing as empty.

    Text goes through :func:`inert`.

    >>> csv_cell(-46.75), csv_cell(3), csv_cell(False), csv_cell("-2+3"), csv_cell("plain")
    ('-46.75', '3', 'false', "'-2+3", 'plain')
    """
    if value is None:
        return ""
    if type(value) is str:  # the commonest, first
        return GUARD + value if value.startswith(FORMULA_TRIGGERS) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return inert(value)
