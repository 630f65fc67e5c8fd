"""The workbook (``kgraph export --format xlsx``): the CSV tables' rows in three sheets, text cells that are
strings and never formulas (text that starts like one kept as it is, marked ``quotePrefix`` as Excel marks it),
Excel's limits, and the same bytes for the same graph."""

from __future__ import annotations

import io
import zipfile

import pytest

import kgraph
from kgraph.cli.main import main
from kgraph.errors import UsageError
from kgraph.export import exporting, render
from kgraph.export.cells import FORMULA_TRIGGERS
from kgraph.export.tables import EDGES, EVIDENCE, NODES
from kgraph.export.xlsx import CUT, MAX_CELL, SHEETS, write_xlsx

from ..helpers import SEEDS, folder_files
from .spreadsheets import (
    CORPUS_PAYLOADS,
    PAYLOADS,
    hostile_corpus,
    poisoned,
    quotes_in,
    raw_cells,
    read_csv_rows,
    same_cell,
    workbook_rows,
)


def workbook(graph) -> bytes:
    handle = io.BytesIO()
    with exporting(graph):
        write_xlsx(graph, handle)
    return handle.getvalue()


def csv_tables(graph) -> dict[str, list[list[str]]]:
    return {name: read_csv_rows(data) for name, data in folder_files(graph, "csv").items()}


def text_cells(sheets: dict[str, list[list[object]]]) -> list[str]:
    return [value for rows in sheets.values() for row in rows for value in row if isinstance(value, str)]


@pytest.fixture(scope="module")
def seeds():
    return kgraph.KnowledgeGraph.load(SEEDS)


def test_the_workbook_holds_the_csv_rows_sheet_by_sheet(seeds):
    import pandas as pd

    data = workbook(seeds.graph)
    sheets = workbook_rows(data)
    assert list(sheets) == ["Nodes", "Edges", "Evidence (ignore)"]  # Kumu skips a sheet named "(ignore)"
    tables = csv_tables(seeds.graph)
    for name, title in SHEETS.items():
        assert len(sheets[title]) == len(tables[name])
        for row, values in zip(tables[name], sheets[title], strict=True):
            assert len(values) == len(row)
            assert all(same_cell(text, value) for text, value in zip(row, values, strict=True)), (row, values)
    frames = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert [len(frames[title]) for title in SHEETS.values()] == [
        seeds.graph.number_of_nodes(),
        seeds.graph.number_of_edges(),
        quotes_in(seeds.corpus),
    ]
    assert list(frames["Edges"].columns[:3]) == ["ID", "From", "To"]


def test_numbers_and_booleans_keep_their_type(seeds):
    edges = workbook_rows(workbook(seeds.graph))["Edges"]
    header = edges[0]
    weight, symmetric = header.index("Weight"), header.index("symmetric")
    assert all(row[weight] == 1 and not isinstance(row[weight], str) for row in edges[1:])
    assert {row[symmetric] for row in edges[1:]} == {None, True}


def test_text_that_starts_like_a_formula_is_kept_as_it_is_in_a_quote_prefixed_string_cell():
    """What Excel stores when someone types ``'+972 Magazine``: the text without the apostrophe, in a string cell
    whose style says quotePrefix; the apostrophe is the CSV files' alone."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("a", label="+972 Magazine", description="-2", count=-2, notes="a = b")
    data = workbook(graph)
    nodes = workbook_rows(data)["Nodes"]  # checks each cell's type and style
    row = dict(zip(nodes[0], nodes[1], strict=True))
    assert (row["Label"], row["Description"], row["count"], row["notes"]) == ("+972 Magazine", "-2", -2, "a = b")
    assert csv_tables(graph)[NODES][1][1:4] == ["'+972 Magazine", "", "'-2"]
    cells = raw_cells(data)
    assert not [cell for cell in cells if "f" in cell[2]]  # no formula, for any reader
    styled = [cell for cell in cells if cell[1]]
    assert [kind for kind, _, _ in styled] == ["inlineStr", "inlineStr"]  # the label and the description


@pytest.mark.hostile
@pytest.mark.parametrize("payload", CORPUS_PAYLOADS)
def test_a_payload_in_every_field_of_a_corpus_is_a_string_cell_never_a_formula(tmp_path, payload):
    kg = kgraph.KnowledgeGraph.load(hostile_corpus(tmp_path / "corpus", payload))
    data = workbook(kg.graph)
    sheets = workbook_rows(data)  # checks each cell's type and style
    cells = text_cells(sheets)
    assert sum(text.startswith(payload) for text in cells) >= 8  # as it is, without an apostrophe
    assert not [text for text in cells if text.startswith("'")]
    assert not [cell for cell in raw_cells(data) if "f" in cell[2] or (cell[1] and cell[0] != "inlineStr")]
    lon = sheets["Nodes"][0].index("lon")
    assert [row[lon] for row in sheets["Nodes"][1:] if row[lon] is not None] == [-46.75]  # a number stays one


@pytest.mark.hostile
def test_a_payload_in_every_string_of_a_graph_is_a_string_cell_never_a_formula(seeds):
    graph = poisoned(seeds.graph)
    data = workbook(graph)
    sheets = workbook_rows(data)  # checks each cell's type and style
    tables = csv_tables(graph)
    for name, title in SHEETS.items():  # the same text as the CSV files, carriage returns included
        for row, values in zip(tables[name], sheets[title], strict=True):
            assert all(same_cell(text, value) for text, value in zip(row, values, strict=True)), (row, values)
    cells = text_cells(sheets)
    for payload in PAYLOADS:
        assert sum(text.startswith(payload) for text in cells) > 100, payload
    raw = raw_cells(data)
    assert not [cell for cell in raw if "f" in cell[2]]
    assert sum(quoted for _, quoted, _ in raw) == sum(text.startswith(FORMULA_TRIGGERS) for text in cells)
    offset = sheets["Nodes"][0].index("offset")
    assert {row[offset] for row in sheets["Nodes"][1:]} == {-2.5}


def test_what_a_cell_cannot_hold_is_cut_or_replaced():
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("a", label="bell\x07", description="x" * 40_000)
    nodes = workbook_rows(workbook(graph))["Nodes"]
    label, description = nodes[1][1], nodes[1][3]
    assert label == "bell\ufffd"
    assert len(description) == MAX_CELL
    assert description.endswith(CUT)
    assert csv_tables(graph)[NODES][1][3] == "x" * 40_000  # CSV has no such limit


def test_a_sheet_too_long_for_a_spreadsheet_is_refused(monkeypatch, tmp_path, capsys):
    from kgraph.export import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 20)
    graph = kgraph.KnowledgeGraph.load(SEEDS).graph
    with pytest.raises(UsageError, match="more than the 20"):
        workbook(graph)
    out = tmp_path / "graph.xlsx"
    assert main(["export", str(SEEDS), "--format", "xlsx", "-o", str(out)]) == 2
    assert "--format csv" in capsys.readouterr().err
    assert not out.exists()  # nothing half-written


def test_the_same_graph_gives_the_same_bytes(seeds):
    first = workbook(seeds.graph)
    assert first == workbook(kgraph.KnowledgeGraph.load(SEEDS).graph)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2023-07-13T00:00:00Z") == 2  # created and modified: the seeds' last publication day
    hostile = workbook(poisoned(seeds.graph))  # its quote-prefixed cells too
    assert hostile == workbook(poisoned(kgraph.KnowledgeGraph.load(SEEDS).graph))
    assert any(quoted for _, quoted, _ in raw_cells(hostile))


def test_kgraph_export_xlsx_writes_the_workbook(tmp_path, seeds):
    out = tmp_path / "graph.xlsx"
    assert main(["export", str(SEEDS), "--format", "xlsx", "-o", str(out)]) == 0
    assert out.read_bytes() == workbook(seeds.graph) == render(seeds.graph, "xlsx")
    sheets = workbook_rows(out.read_bytes())
    assert len(sheets[SHEETS[EVIDENCE]]) - 1 == quotes_in(seeds.corpus)
    assert len(sheets[SHEETS[EDGES]]) - 1 == seeds.graph.number_of_edges()
