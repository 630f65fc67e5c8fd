"""Plain-text tables for the terminal.

>>> print(render([{"name": "Shusha", "kind": "place"}, {"name": "ICRC", "kind": "organization"}], ["name", "kind"]))
name    kind
------  ------------
Shusha  place
ICRC    organization
"""

from __future__ import annotations

import shutil
from typing import Any


def cell(value: Any) -> str:
    """A value as table text: lists joined with '; ', None as empty, line breaks as spaces."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3f}"
    return " ".join(str(value).split())


def render(rows: list[dict[str, Any]], columns: list[str], width: int | None = None) -> str:
    """Rows as aligned columns under a header; with ``width``, the widest columns are shortened to fit."""
    table = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    if width:
        while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 12:
            widths[widths.index(max(widths))] -= 1
    lines = [_line(columns, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in table]
    return "\n".join(lines)


def terminal_width() -> int:
    """Columns of the terminal, or a generous default when the output is not one."""
    return shutil.get_terminal_size((160, 24)).columns


def _line(cells: list[str], widths: list[int]) -> str:
    shown = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(cells, widths, strict=True)]
    return "  ".join(c.ljust(w) for c, w in zip(shown, widths, strict=True)).rstrip()
