"""Read a dataset (a folder of CSVs or one ``.xlsx`` workbook) into text tables.

Every cell is kept as text (or missing), trimmed, and every row remembers the line of
the file it came from, so that validation can say ``FILE:LINE:COLUMN``. Nothing here
interprets values: types, ranges and references are :mod:`toolkit.validation`'s job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem

__all__ = ["RawTable", "read_dataset", "read_csv_text", "decode_bytes", "TABLE_NAMES"]

TABLE_NAMES = (
    "gminas",
    "participants",
    "sessions",
    "attendance",
    "items",
    "responses",
    "index_areas",
    "index_scores",
    "recommendations",
    "support",
    "programme",
    "labels",
    "conclusions",
    "actions",
)

_SEPARATORS = (",", ";", "\t")
_TEXT_ENCODINGS = ("utf-8-sig", "cp1250")
_SPACES = " \t\r\n\u00a0\ufeff"


@dataclass
class RawTable:
    """One table as read: text cells plus where each came from.

    Attributes
    ----------
    name
        The table's name (``participants``).
    frame
        One column per header (lower-cased, trimmed), text values or missing; the
        index is the row's position (0, 1, …).
    file
        The file as shown in messages (``data/x/participants.csv``, ``book.xlsx[items]``).
    lines
        For each row position, its line in the file (header = line 1 for CSV).
    columns
        For each column name, its 1-based column number in the file.
    """

    name: str
    frame: pd.DataFrame
    file: str
    lines: np.ndarray
    columns: dict[str, int] = field(default_factory=dict)
    header_line: int = 1

    def problem(self, row: int | None, column: str | None, message: str,
                severity: str = "error") -> Problem:
        """A :class:`Problem` at row position ``row`` (``None``: the header) and ``column``."""
        line = self.header_line if row is None else int(self.lines[row])
        col = self.columns.get(column, 1) if column is not None else 1
        return Problem(self.file, line, col, message, severity)


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode CSV bytes as UTF-8 (with or without BOM) or Windows-1250.

    Returns ``(text, None)`` or ``(None, reason)`` when the bytes are not text.
    """
    if b"\x00" in data[:65536] or data[:4] == b"PK\x03\x04":
        return None, "not a text file (binary content; save the sheet as CSV)"
    for encoding in _TEXT_ENCODINGS:
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return None, "cannot decode the file as UTF-8 or Windows-1250"


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _clean(value: str) -> str | None:
    value = value.strip(_SPACES)
    return value or None


def read_csv_text(text: str, file: str, name: str) -> tuple[RawTable | None, list[Problem]]:
    """Parse CSV text into a :class:`RawTable`, reporting ragged or malformed rows."""
    problems: list[Problem] = []
    sep = _sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    last = 0
    try:
        for record in reader:
            start, last = last + 1, reader.line_num
            if not record:
                continue  # a blank line
            if header is None:
                if any(c.strip(_SPACES) for c in record):
                    header, header_line = [c.strip(_SPACES).lower() for c in record], start
                    width = len(header)
                continue
            if len(record) != width:
                if len(record) > width and not any(c.strip(_SPACES) for c in record[width:]):
                    record = record[:width]  # trailing separators, as Excel writes them
                else:
                    problems.append(Problem(
                        file, start, min(len(record), width) + 1,
                        f"row has {len(record)} fields but the header has {width}"))
                    continue
            rows.append(record)
            lines.append(start)
    except csv.Error as exc:
        problems.append(Problem(file, last + 1, 1, f"malformed CSV: {exc}"))
    if header is None:
        if not problems:
            problems.append(Problem(file, 1, 1, "the file is empty (a header row is required)"))
        return None, problems
    return _make_table(name, file, header, rows, lines, header_line, problems), problems


def _make_table(name, file, header, rows, lines, header_line, problems) -> RawTable:
    """A :class:`RawTable` from raw rows: cells trimmed, empty cells missing, empty rows dropped."""
    columns: dict[str, int] = {}
    keep: list[int] = []
    data: dict[str, pd.Series] = {}
    for i, col in enumerate(header):
        values = pd.Series([r[i] for r in rows], dtype=object)
        if len(values):
            values = values.str.strip(_SPACES).replace("", None)
        if not col:
            if values.notna().any():
                problems.append(Problem(file, header_line, i + 1, "column without a header name"))
            continue
        if col in columns:
            problems.append(Problem(file, header_line, i + 1,
                                    f"duplicate column '{col}' (also column {columns[col]})"))
            continue
        columns[col] = i + 1
        data[col] = values
    frame = pd.DataFrame(data, columns=list(data), dtype=object)
    lines = np.asarray(lines, dtype=np.int64)
    filled = frame.notna().any(axis=1).to_numpy() if len(frame.columns) else np.zeros(0, bool)
    if len(frame) and not filled.all():  # rows of empty cells (",,,") are not data
        frame, lines = frame[filled].reset_index(drop=True), lines[filled]
    return RawTable(name, frame, file, lines, columns, header_line)


def _read_csv_file(path: Path, file: str, name: str) -> tuple[RawTable | None, list[Problem]]:
    data = path.read_bytes()
    if not data.strip():
        return None, [Problem(file, 1, 1, "the file is empty (a header row is required)")]
    text, reason = decode_bytes(data)
    if text is None:
        return None, [Problem(file, 1, 1, reason)]
    return read_csv_text(text, file, name)


def _cell_text(value, column: str) -> str | None:
    """Text of an Excel cell as a CSV would hold it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return f"{value:.15g}"
        text = str(int(value))
        # A TERYT code typed into Excel as a number loses its leading zero.
        return text.zfill(7) if column == "gmina_id" and len(text) == 6 else text
    return _clean(str(value))


def _read_workbook(path: Path, display: str) -> tuple[dict[str, RawTable], list[Problem]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        return {}, [Problem(display, 1, 1, f"cannot open the workbook: {exc}")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name not in TABLE_NAMES:
                continue
            file = f"{display}[{sheet.title}]"
            header: list[str] | None = None
            header_line = 1
            rows, lines = [], []
            for row_number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if header is None:
                    if values and any(_cell_text(v, "") for v in values):
                        header = [(_cell_text(v, "") or "").lower() for v in values]
                        header_line = row_number
                    continue
                values = list(values[: len(header)]) + [None] * (len(header) - len(values))
                rows.append([_cell_text(v, header[i]) or "" for i, v in enumerate(values)])
                lines.append(row_number)
            if header is None:
                problems.append(Problem(file, 1, 1, "the sheet is empty (a header row is required)"))
                continue
            table = _make_table(name, file, header, rows, lines, header_line, problems)
            tables[name] = table
    finally:
        book.close()
    return tables, problems


def read_dataset(path: str | Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table of a dataset folder or workbook.

    Parameters
    ----------
    path
        A folder holding ``<table>.csv`` files, or an ``.xlsx`` workbook whose sheet
        names are table names. Unknown files and sheets are ignored.

    Returns
    -------
    tables, problems
        The tables that could be read, and every reading problem (empty, binary,
        undecodable or ragged files). Files are only read, never written.
    """
    path = Path(path)
    display = str(path)
    if path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path, display)
    if not path.is_dir():
        return {}, [Problem(display, 1, 1,
                            "no such dataset: expected a folder of CSV files or an .xlsx workbook")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    files = {p.stem.lower(): p for p in sorted(path.iterdir())
             if p.is_file() and p.suffix.lower() == ".csv"}
    for name in TABLE_NAMES:
        if name not in files:
            continue
        file_path = files[name]
        table, found = _read_csv_file(file_path, str(path / file_path.name), name)
        problems.extend(found)
        if table is not None:
            tables[name] = table
    return tables, problems
