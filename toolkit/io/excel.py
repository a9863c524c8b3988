"""Workbooks for people: headers styled, widths fitted, panes frozen, values coloured.

Written through a temporary file renamed into place, like every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .files import atomic_path

__all__ = ["Sheet", "write_workbook", "sheet_title"]

_HEADER_FILL = "FF1F4E79"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    """One sheet of a workbook.

    Attributes
    ----------
    name
        The tab's title (shortened to Excel's 31 characters, made unique).
    frame
        The data; the index is not written.
    headers
        Display names for columns (e.g. Polish labels); others keep their name.
    percent
        Columns shown as percentages (values 0–1).
    fills
        ``{column: {value: "RRGGBB"}}``: cells of that column with that value get
        that background colour.
    values
        ``{column: {value: display}}``: values shown differently (e.g. Polish statuses).
    """

    name: str
    frame: pd.DataFrame
    headers: dict[str, str] = field(default_factory=dict)
    percent: tuple[str, ...] = ()
    fills: dict[str, dict] = field(default_factory=dict)
    values: dict[str, dict] = field(default_factory=dict)


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet title for ``name``."""
    base = _FORBIDDEN.sub(" ", str(name)).strip()[:31] or "arkusz"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _cell_value(value):
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _fill_sheet(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    frame = sheet.frame
    columns = list(frame.columns)
    ws.append([sheet.headers.get(c, c) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    shown = {c: frame[c].map(sheet.values[c]).fillna(frame[c]) if c in sheet.values else frame[c]
             for c in columns}
    for row in zip(*(shown[c].tolist() for c in columns)):
        ws.append([_cell_value(v) for v in row])
    fills = {c: {v: PatternFill("solid", fgColor="FF" + rgb) for v, rgb in m.items()}
             for c, m in sheet.fills.items()}
    for j, column in enumerate(columns, start=1):
        letter = get_column_letter(j)
        if column in sheet.percent:
            for cell in ws[letter][1:]:
                cell.number_format = "0.0%"
        if column in fills:
            raw = frame[column].tolist()
            for cell, value in zip(ws[letter][1:], raw):
                if value in fills[column]:
                    cell.fill = fills[column][value]
        longest = max([len(str(sheet.headers.get(column, column)))]
                      + [len(str(v)) for v in shown[column].head(500).tolist()])
        ws.column_dimensions[letter].width = min(max(10, longest + 2), 60)
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = ws.dimensions


def write_workbook(path: str | Path, sheets: list[Sheet], active: int = 0) -> Path:
    """Write ``sheets`` to an ``.xlsx`` workbook at ``path`` (atomically).

    Parameters
    ----------
    path
        The workbook to write; its folder is created when missing.
    sheets
        The sheets in tab order.
    active
        The tab Excel opens on.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets:
        _fill_sheet(book.create_sheet(sheet_title(sheet.name, taken)), sheet)
    book.active = active
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path
