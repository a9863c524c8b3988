"""Read a dataset (a folder of CSVs or one ``.xlsx`` workbook) into text tables.

Every cell is kept as text (or missing), trimmed, and every row remembers the line of
the file it came from, so that validation can say ``FILE:LINE:COLUMN``. Nothing here
interprets values: types, ranges and references are :mod:`toolkit.validation`'s job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import dataclasses
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
    "scales",
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
    header_line
        The header's line.
    unread
        How many data rows could not be read (reported as problems).
    """

    name: str
    frame: pd.DataFrame
    file: str
    lines: np.ndarray
    columns: dict[str, int] = field(default_factory=dict)
    header_line: int = 1
    #: Data rows that could not be read (ragged, malformed): reported, not in ``frame``.
    unread: int = 0

    def problem(self, row: int | None, column: str | None, message: str,
                severity: str = "error") -> Problem:
        """A :class:`Problem` at row position ``row`` (``None``: the header) and ``column``."""
        line = self.header_line if row is None else int(self.lines[row])
        col = self.columns.get(column, 1) if column is not None else 1
        return Problem(self.file, line, col, message, severity)

    def problems(self, rows, column: str | None, message, severity: str = "error"
                 ) -> list[Problem]:
        """One problem per row position in ``rows``; ``message(row)`` builds the text.

        Only the first :data:`MAX_LISTED` rows are listed one by one; the next one stands
        for all the rest (its :attr:`~toolkit.errors.Problem.count`), so that a damaged
        file of a million bad rows is judged in seconds.
        """
        rows = np.asarray(rows, dtype=np.int64)
        found = [self.problem(int(r), column, message(int(r)), severity)
                 for r in rows[:MAX_LISTED]]
        if len(rows) > MAX_LISTED:
            found.append(_summary(self.problem(int(rows[MAX_LISTED]), column,
                                               message(int(rows[MAX_LISTED])), severity),
                                  len(rows) - MAX_LISTED))
        return found


#: Problems of one kind listed one by one per table; the rest are counted (see RawTable.problems).
MAX_LISTED = 1000


def _summary(problem: Problem, count: int) -> Problem:
    """``problem`` standing for itself and the ``count - 1`` like it after it."""
    if count == 1:
        return problem
    return dataclasses.replace(
        problem, count=count,
        message=f"{problem.message} (and {_thousands(count - 1)} more like it below, not listed)")


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """Decode CSV bytes as UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1250.

    Returns ``(text, None)`` or ``(None, reason)`` when the bytes are not text.
    """
    text, reason, where = _decode(data)
    if reason is not None and where is not None:
        reason = f"line {where[0]}, column {where[1]}: {reason}"
    return text, reason


_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_ADVICE = "save it as CSV UTF-8 (Excel: 'CSV UTF-8 (comma delimited)')"


def _looks_utf16(data: bytes) -> bool:
    """Whether ``data`` (no BOM) is evidently UTF-16 text: a zero byte in every other place."""
    head = data[:4096]
    if len(head) < 8:
        return False
    pairs = len(head) // 2
    for zeros, other in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if zeros.count(0) > 0.7 * pairs and other.count(0) < 0.1 * pairs:
            return True
    return False


def _decode(data: bytes) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """``(text, None, None)`` or ``(None, reason, (line, column) or None)``."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None, None
        except UnicodeDecodeError:
            return None, f"a damaged UTF-16 file (cannot be decoded); {_UTF16_ADVICE}", None
    if _looks_utf16(data):
        return None, f"a UTF-16 text file without a byte-order mark; {_UTF16_ADVICE}", None
    if b"\x00" in data[:65536] or data[:4] == b"PK\x03\x04":
        return None, "not a text file (binary content; save the sheet as CSV)", None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return None, ("not a text file (an Excel .xls workbook or another binary file); "
                      "save the sheet as CSV UTF-8"), None
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError as exc:
        if data.startswith(_UTF8_BOM):
            # A UTF-8 file (it says so in its first bytes) with Windows-1250 text pasted in.
            bad = data[exc.start:exc.start + 8].decode("cp1250", errors="replace").split("\n")[0]
            return None, (f"mixed encoding: the file starts as UTF-8 (byte-order mark) but here "
                          f"holds bytes of another encoding ('{bad}…', Windows-1250?); save "
                          "the whole file as CSV UTF-8"), _position(data, exc.start)
    try:
        return data.decode("cp1250"), None, None
    except UnicodeDecodeError:
        return None, "cannot decode the file as UTF-8 or Windows-1250", None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and CSV column (field) of byte ``offset`` of ``data``."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    first = data[: data.find(b"\n") if b"\n" in data else len(data)]
    sep = _sniff_separator(first.decode("utf-8", errors="replace"))
    prefix = data[start:offset].decode("utf-8", errors="replace")
    fields = next(csv.reader([prefix], delimiter=sep), [""])
    return line, max(len(fields), 1)


def _sniff_separator(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _clean(value: str) -> str | None:
    value = value.strip(_SPACES)
    return value or None


#: Cells longer than this are reported, not read (csv's own default limit).
MAX_CELL = 131072


def read_csv_text(text: str, file: str, name: str) -> tuple[RawTable | None, list[Problem]]:
    """Parse CSV text into a :class:`RawTable`, reporting ragged or malformed rows.

    A malformed row or a cell longer than :data:`MAX_CELL` characters is reported and
    reading goes on with the next line, so the problems after it are found as well.
    """
    problems: list[Problem] = []
    sep = _sniff_separator(text)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # read a huge cell, then report it
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
        header, header_line, rows, lines, unread = _read_records(reader, file, problems)
    finally:
        csv.field_size_limit(limit)
    if header is None:
        if not problems:
            problems.append(Problem(file, 1, 1, "the file is empty (a header row is required)"))
        return None, problems
    table = _make_table(name, file, header, rows, lines, header_line, problems)
    table.unread = unread
    return table, problems


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _read_records(reader, file: str, problems: list[Problem]):
    """The header, its line, the data rows and their lines of a CSV ``reader``.

    Bad rows are reported in ``problems``: the first :data:`MAX_LISTED` of each kind one
    by one, the rest counted in the next one.
    """
    header: list[str] | None = None
    header_line = 1
    rows: list[list[str]] = []
    lines: list[int] = []
    width = 0
    last = 0
    hidden: dict[str, list] = {}  # kind -> [first hidden problem, count]

    listed: dict[str, int] = {}

    def report(kind: str, problem: Problem) -> None:
        if kind in hidden:
            hidden[kind][1] += 1
        elif listed.get(kind, 0) < MAX_LISTED:
            listed[kind] = listed.get(kind, 0) + 1
            problems.append(problem)
        else:
            hidden[kind] = [problem, 1]

    while True:  # a malformed record is reported, then reading goes on after it
        try:
            for record in reader:
                start, last = last + 1, reader.line_num
                if not record:
                    continue  # a blank line
                longest = max(map(len, record))
                if len(record) == width and header is not None and longest <= MAX_CELL:
                    rows.append(record)  # the usual row, first
                    lines.append(start)
                    continue
                if longest > MAX_CELL:
                    for i, cell in enumerate(record):
                        if len(cell) > MAX_CELL:
                            report("long", Problem(
                                file, start, i + 1,
                                f"a cell of {_thousands(len(cell))} characters (more than "
                                f"{_thousands(MAX_CELL)}): a damaged file or an unclosed quote "
                                '"; the row is not read'))
                    continue
                if header is None:
                    if any(c.strip(_SPACES) for c in record):
                        header, header_line = [c.strip(_SPACES).lower() for c in record], start
                        width = len(header)
                    continue
                if len(record) > width and not any(c.strip(_SPACES) for c in record[width:]):
                    rows.append(record[:width])  # trailing separators, as Excel writes them
                    lines.append(start)
                else:
                    report("ragged", Problem(
                        file, start, min(len(record), width) + 1,
                        f"row has {len(record)} fields but the header has {width}"))
            break
        except csv.Error as exc:
            report("malformed", Problem(file, last + 1, 1, f"malformed CSV: {exc}"))
            last = reader.line_num
    problems.extend(_summary(first, count) for first, count in hidden.values())
    unread = sum(listed.values()) + sum(count for _, count in hidden.values())
    return header, header_line, rows, lines, unread


def _make_table(name, file, header, rows, lines, header_line, problems) -> RawTable:
    """A :class:`RawTable` from raw rows: cells trimmed, empty cells missing, empty rows dropped."""
    columns: dict[str, int] = {}
    data: dict[str, pd.Series] = {}
    cells = list(zip(*rows)) if rows else [()] * len(header)  # column by column
    for i, col in enumerate(header):
        values = pd.Series([c.strip(_SPACES) or None for c in cells[i]], dtype=object)
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
    text, reason, where = _decode(data)
    if text is None:
        line, column = where or (1, 1)
        return None, [Problem(file, line, column, reason)]
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


_NOT_XLSX = ("not an .xlsx workbook: an old Excel .xls file or a password-protected "
             "workbook; open it in Excel and save it as .xlsx (Excel Workbook) without a password")


def _open_book(path: Path, display: str, data_only: bool = True):
    """The workbook opened read-only, or a :class:`Problem` naming the file."""
    import openpyxl

    try:
        with open(path, "rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        return None, Problem(display, 1, 1, f"cannot read the file: {exc.strerror or exc}")
    if magic == b"\xd0\xcf\x11\xe0":  # an OLE2 file: .xls, or an encrypted .xlsx
        return None, Problem(display, 1, 1, _NOT_XLSX)
    if magic[:2] != b"PK":
        return None, Problem(display, 1, 1, "not an .xlsx workbook (not a zip archive): "
                                            "save it in Excel as .xlsx (Excel Workbook)")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only), None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        return None, Problem(display, 1, 1, f"cannot open the workbook (a damaged .xlsx "
                                            f"file?): {type(exc).__name__}: {exc}")


def _is_formula(value) -> bool:
    if isinstance(value, str):
        return value.startswith("=")
    return value is not None and type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _unknown_name(name: str, present) -> str | None:
    """The table name ``name`` is probably a misspelling of (one not already present)."""
    import difflib

    absent = [t for t in TABLE_NAMES if t not in present]
    close = difflib.get_close_matches(name, absent, n=1, cutoff=0.75)
    return close[0] if close else None


def _read_workbook(path: Path, display: str) -> tuple[dict[str, RawTable], list[Problem]]:
    book, problem = _open_book(path, display)
    if problem is not None:
        return {}, [problem]
    formulas, _ = _open_book(path, display, data_only=False)
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        names = {sheet.title.strip().lower() for sheet in book.worksheets}
        for sheet in book.worksheets:
            name = sheet.title.strip().lower()
            if name not in TABLE_NAMES:
                guess = _unknown_name(name, names)
                hint = (f"; did you mean '{guess}'?" if guess else
                        f" (tables are: {', '.join(TABLE_NAMES)})")
                problems.append(Problem(f"{display}[{sheet.title}]", 1, 1,
                                        f"sheet '{sheet.title}' ignored: not a table name{hint}",
                                        "warning"))
                continue
            file = f"{display}[{sheet.title}]"
            formula_rows = (formulas[sheet.title].iter_rows(values_only=True)
                            if formulas is not None else iter(()))
            header: list[str] | None = None
            header_line = 1
            rows, lines = [], []
            for row_number, (values, written) in enumerate(
                    itertools.zip_longest(sheet.iter_rows(values_only=True), formula_rows,
                                          fillvalue=()), start=1):
                values = tuple(values or ())
                values = _formula_cells(values, written or (), file, row_number, problems)
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
        if formulas is not None:
            formulas.close()
    return tables, problems


def _formula_cells(values: tuple, written: tuple, file: str, row: int,
                   problems: list[Problem]) -> tuple:
    """``values`` with each formula cell that has no saved value reported (and left empty)."""
    for col, (value, formula) in enumerate(itertools.zip_longest(values, written), start=1):
        if value is None and _is_formula(formula):
            from openpyxl.utils import get_column_letter

            problems.append(Problem(
                file, row, col, f"cell {get_column_letter(col)}{row}: "
                                "formula without a saved value: open and save the workbook "
                                "in Excel (the file was written by a program that does not "
                                "compute formulas)"))
    return values


def read_dataset(path: str | Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every known table of a dataset folder or workbook.

    Parameters
    ----------
    path
        A folder holding ``<table>.csv`` files, or an ``.xlsx`` workbook whose sheet
        names are table names. Unknown files and sheets are ignored (with a warning for
        a sheet, or a file whose name is close to a table's).

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
    if path.is_file() and path.suffix.lower() == ".xls":
        return {}, [Problem(display, 1, 1, "an old Excel .xls workbook: open it in Excel and "
                                           "save it as .xlsx (Excel Workbook)")]
    if path.is_file() and path.suffix.lower() == ".csv":
        return {}, [Problem(display, 1, 1, "one CSV file: give the folder that holds the "
                                           "dataset's CSV files (or an .xlsx workbook)")]
    if not path.is_dir():
        return {}, [Problem(display, 1, 1,
                            "no such dataset: expected a folder of CSV files or an .xlsx workbook")]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    files = {p.stem.lower(): p for p in sorted(path.iterdir())
             if p.is_file() and p.suffix.lower() == ".csv"}
    for stem, file_path in files.items():
        guess = None if stem in TABLE_NAMES else _unknown_name(stem, files)
        if guess:
            problems.append(Problem(str(path / file_path.name), 1, 1,
                                    f"file '{file_path.name}' ignored: not a table name; "
                                    f"did you mean '{guess}.csv'?", "warning"))
    for name in TABLE_NAMES:
        if name not in files:
            continue
        file_path = files[name]
        table, found = _read_csv_file(file_path, str(path / file_path.name), name)
        problems.extend(found)
        if table is not None:
            tables[name] = table
    return tables, problems
