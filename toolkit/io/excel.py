"""Workbooks for people: headers styled, numbers formatted, widths fitted, panes frozen,
filters on, printable (A4 landscape, one page wide, the header row on every page).

Number formats follow the column (:func:`column_format`): shares as percentages, means and
scores with two decimals, p-values with three, counts as whole numbers, dates as dates, so
a sheet added later is formatted without listing its columns. Values stay what they are
(numbers, dates, booleans): programs reading the workbook see the same types.

Written through a temporary file renamed into place, like every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .files import atomic_path

__all__ = ["Sheet", "write_workbook", "sheet_title", "column_format", "FORMATS"]

_HEADER_FILL = "FF1F4E79"
_TRUE_FILL = "FFE2F0D9"
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX_WIDTH = 40

#: Excel number formats by kind of column.
FORMATS = {"percent": "0.0%", "decimal": "0.00", "p_value": "0.000", "count": "0",
           "date": "yyyy-mm-dd", "text": "@"}
#: Identifier columns (``gmina_id``, ``participant_id`` …): text cells in Excel's text
#: format, so a TERYT code keeps its leading zero (``0225072``) when edited or re-read.
_ID = re.compile(r"(^|_)id$")

# Column names → kind, tried in order; a name's parts are separated by "_".
_NAME_KINDS = [
    ("percent", re.compile(r"(^|_)(share|ratio|rate|percent|pct)(_|$)|(^|_)positive_(low|high)$")),
    ("p_value", re.compile(r"(^|_)p(_value)?$")),
    ("decimal", re.compile(r"(^|_)(mean|sd|std|score|effect_size|alpha|median|gain)(_|$)")),
    ("count", re.compile(r"^n(_|$)|(^|_)(count|n)$")),
]


def column_format(name: str, values: pd.Series | None = None) -> str | None:
    """The Excel number format of a column, from its name and values.

    Parameters
    ----------
    name
        The column's name (the data's name, not its display header).
    values
        The column; its dtype decides dates, booleans and whole numbers.

    Returns
    -------
    str or None
        One of :data:`FORMATS`, or ``None`` (Excel's General: text, booleans, other numbers).

    Notes
    -----
    Dates (datetime columns, or ``date``/``*_date`` holding dates) → ``yyyy-mm-dd``;
    identifiers held as text (``gmina_id``, ``*_id``) → Excel's text format ``@``;
    booleans → none (Excel shows them in its own language); then by name: ``share``,
    ``ratio``, ``rate``, ``positive_low/high`` → percent; ``p``/``p_value`` → three
    decimals; ``mean``, ``sd``, ``score``, ``effect_size``, ``gain`` … → two decimals;
    ``n``, ``n_*``, ``*_count`` → whole numbers; any other integer column → whole numbers.
    Name parts count only whole (``shortfall`` is not a ``share``).

    Examples
    --------
    >>> column_format("mean_share"), column_format("p_value"), column_format("sd")
    ('0.0%', '0.000', '0.00')
    """
    dtype = None if values is None else values.dtype
    if dtype is not None and pd.api.types.is_bool_dtype(dtype):
        return None
    if dtype is not None and pd.api.types.is_datetime64_any_dtype(dtype):
        return FORMATS["date"]
    if dtype is not None and not pd.api.types.is_numeric_dtype(dtype):
        return FORMATS["text"] if _ID.search(str(name)) else None
    for kind, pattern in _NAME_KINDS:
        if pattern.search(str(name)):
            return FORMATS[kind]
    if dtype is not None and pd.api.types.is_integer_dtype(dtype):
        return FORMATS["count"]
    return None


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
        Columns shown as percentages (values 0–1), whatever their name.
    fills
        ``{column: {value: "RRGGBB"}}``: cells of that column with that value get
        that background colour.
    values
        ``{column: {value: display}}``: values shown differently (e.g. Polish statuses).
    formats
        ``{column: number format}``: overrides :func:`column_format`.
    """

    name: str
    frame: pd.DataFrame
    headers: dict[str, str] = field(default_factory=dict)
    percent: tuple[str, ...] = ()
    fills: dict[str, dict] = field(default_factory=dict)
    values: dict[str, dict] = field(default_factory=dict)
    formats: dict[str, str] = field(default_factory=dict)


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
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and np.isnan(value):
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).to_pydatetime()
    return value


def _shown_width(value, number_format: str | None) -> int:
    """About how many characters ``value`` takes on screen in ``number_format``."""
    value = _cell_value(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        return 5
    if number_format == FORMATS["date"]:
        return 10
    if isinstance(value, (int, float)) and number_format:
        if number_format.endswith("%"):
            return len(f"{value * 100:.1f}%")
        decimals = len(number_format.partition(".")[2])
        return len(f"{value:.{decimals}f}")
    if isinstance(value, float):
        return len(f"{value:.6g}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _header_width(header: str) -> int:
    # Headers wrap: as wide as their longest word, at most as wide as the whole header.
    words = str(header).split() or [""]
    return min(len(str(header)), max(max(len(w) for w in words), 12))


def _print_setup(ws) -> None:
    """A4 landscape, one page wide and as many tall as needed, the header on every page."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3,
                                  footer=0.3)
    ws.oddHeader.left.text = "&A"
    ws.oddFooter.right.text = "&P / &N"


def _fill_sheet(ws, sheet: Sheet) -> None:
    from openpyxl.formatting.rule import CellIsRule
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
    last = len(frame) + 1
    for j, column in enumerate(columns, start=1):
        letter = get_column_letter(j)
        cells = ws[letter][1:] if len(frame) else ()
        if column in sheet.formats:
            number_format = sheet.formats[column]
        elif column in sheet.percent:
            number_format = FORMATS["percent"]
        elif column in sheet.values:  # shown as labels, not as the numbers behind them
            number_format = None
        else:
            number_format = column_format(column, frame[column])
        if number_format:
            for cell in cells:
                cell.number_format = number_format
        boolean = column not in sheet.values and pd.api.types.is_bool_dtype(frame[column].dtype)
        if boolean:
            # Kept as booleans for programs; centred, and true ones shaded so a column of
            # TRUE/FALSE (PRAWDA/FAŁSZ in a Polish Excel) reads at a glance.
            for cell in cells:
                cell.alignment = Alignment(horizontal="center")
            if len(frame):
                ws.conditional_formatting.add(
                    f"{letter}2:{letter}{last}",
                    CellIsRule(operator="equal", formula=["TRUE"],
                               fill=PatternFill("solid", bgColor=_TRUE_FILL)))
        if column in fills:
            raw = frame[column].tolist()
            for cell, value in zip(cells, raw):
                if value in fills[column]:
                    cell.fill = fills[column][value]
        longest = max([_header_width(sheet.headers.get(column, column))]
                      + [_shown_width(v, number_format) for v in shown[column].head(500).tolist()])
        if longest + 2 > _MAX_WIDTH:
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[letter].width = min(max(8, longest + 2), _MAX_WIDTH)
    ws.freeze_panes = "A2"
    if len(frame):
        ws.auto_filter.ref = ws.dimensions
    _print_setup(ws)


def write_workbook(path: str | Path, sheets: list[Sheet], active: int = 0) -> Path:
    """Write ``sheets`` to an ``.xlsx`` workbook at ``path`` (atomically).

    Every sheet gets a styled, frozen header row with filters, number formats by column
    (:func:`column_format`), widths fitted to the content and a print setup: A4 landscape,
    fitted to one page wide, the header row repeated on every page, the sheet's name in
    the page header and page numbers in the footer.

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
    for index, ws in enumerate(book.worksheets):  # one selected tab, not a group of them
        ws.sheet_view.tabSelected = index == active
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path
