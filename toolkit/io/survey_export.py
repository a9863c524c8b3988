"""Read a survey export as exported: CSV (``,`` ``;`` tab), TSV or ``.xlsx``.

The result is an :class:`Export`: the header cells as written, every row as text cells
and the line (or sheet row) each row came from, so that every message can name its cell
``EXPORT:LINE:COLUMN`` (``BOOK.xlsx[Sheet]:ROW:COLUMN`` for a workbook). Two columns may
share a header: columns are kept by position, never by name.

* CSV text is decoded and split as the dataset reader does
  (:func:`toolkit.io.tables.decode_bytes`): UTF-8 with or without BOM, UTF-16 with BOM,
  Windows-1250; the separator is sniffed from the header (``.tsv``: always a tab).
* Tab-separated text is also read without quoting (Google Sheets writes TSV unquoted, so a
  cell may start with ``"``); the reading with fewer broken lines wins.
* A line with the wrong number of fields, or one that is not valid CSV, is reported on its
  own and its response is not read.
* ``.xlsx``: the first sheet (a Google Sheets download, a LimeSurvey Excel export); the
  first non-empty row is the header. Dates become ``YYYY-MM-DD HH:MM:SS``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, Problem
from .tables import _cell_text, _open_book, _read_records, _sniff_separator, decode_bytes

__all__ = ["Export", "read_export", "EXPORT_SUFFIXES"]

#: File name endings :func:`read_export` reads.
EXPORT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")

_SPACES = " \t\r\n\u00a0\ufeff"


@dataclass
class Export:
    """One export as read.

    Attributes
    ----------
    file
        The file as messages name it (``export.csv``, ``book.xlsx[Form responses 1]``).
    header
        The header cells as written (trimmed), in file order.
    rows
        Each data row's cells as text (``""`` when empty), as wide as ``header``.
    lines
        Each row's line in the file (header = line 1 in a CSV), or its sheet row.
    header_line
        The header's line.
    tag
        A short stable hash of the file's bytes: it keeps the response ids of two exports
        apart (see :mod:`toolkit.io.survey`).
    """

    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int = 1
    tag: str = ""
    problems: list[Problem] = field(default_factory=list)

    def column(self, number: int) -> list[str]:
        """The cells of the 1-based column ``number``."""
        return [row[number - 1] for row in self.rows]

    def at(self, pos: int | None, number: int, message: str,
           severity: str = "error") -> Problem:
        """A problem at row position ``pos`` (``None``: the header) and column ``number``."""
        line = self.header_line if pos is None else self.lines[pos]
        return Problem(self.file, line, number, message, severity)


def _fail(display: str, message: str) -> DataError:
    return DataError([Problem(display, 1, 1, message)])


def _tag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:6]


def read_export(path: str | Path, display: str | None = None) -> Export:
    """Read a survey export (see the module docstring).

    Parameters
    ----------
    path
        The export: ``.csv``, ``.tsv`` (or ``.txt``) or ``.xlsx``. Only read.
    display
        How messages name the file (default: ``path`` as given).

    Returns
    -------
    Export
        Its :attr:`~Export.problems` hold the lines that could not be read.

    Raises
    ------
    DataError
        When the file is missing, empty, not text nor a workbook, or has no header row.
    """
    path = Path(path)
    display = str(path) if display is None else display
    if not path.exists():
        raise _fail(display, "no such file")
    if path.is_dir():
        raise _fail(display, "is a folder, not an export (.csv, .tsv or .xlsx)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(display, f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise _fail(display, "the file is empty (a header row is required)")
    suffix = path.suffix.lower()
    if is_opendocument(data, suffix):
        raise _fail(display, OPENDOCUMENT)
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        export = _read_xlsx(path, display)
    elif suffix == ".xls" or data[:4] == b"\xd0\xcf\x11\xe0":
        raise _fail(display, "an old Excel .xls workbook: open it and save it as .xlsx, "
                             "or export the responses as CSV")
    else:
        text, reason = decode_bytes(data)
        if text is None:
            raise _fail(display, reason)
        export = _read_text(text, display, tab=suffix == ".tsv")
    export.tag = _tag(data)
    return export


#: The message for an OpenDocument (LibreOffice, "Download as .ods") spreadsheet.
OPENDOCUMENT = ("an OpenDocument spreadsheet (.ods), which is not read: open it and save it "
                "as .xlsx (Excel 2007–365), or download it as .xlsx or .csv")


def is_opendocument(data: bytes, suffix: str = "") -> bool:
    """Whether a file's bytes (or its suffix) are an OpenDocument spreadsheet (``.ods``)."""
    return (suffix.lower() in (".ods", ".fods")
            or (data[:2] == b"PK" and b"application/vnd.oasis.opendocument" in data[:200]))


# ------------------------------------------------------------------------------ CSV, TSV

def _records(text: str, display: str, sep: str, quoting: int):
    problems: list[Problem] = []
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quoting=quoting,
                            strict=quoting != csv.QUOTE_NONE)
        header, header_line, rows, lines, _ = _read_records(reader, display, problems)
    finally:
        csv.field_size_limit(limit)
    return header, header_line, rows, lines, problems


def _header_as_written(text: str, sep: str, quoting: int, header_line: int) -> list[str]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, quoting=quoting)
    try:
        for record in reader:
            if reader.line_num >= header_line and any(c.strip(_SPACES) for c in record):
                return [c.strip(_SPACES) for c in record]
    except csv.Error:
        pass
    return []


# Excel's hint line "sep=;" (also written by some exporters) before the header.
_SEP_LINE = re.compile(r"\ufeff?sep=(.)[ \t]*(?=\r?\n)", re.IGNORECASE)


def _read_text(text: str, display: str, tab: bool) -> Export:
    hint = _SEP_LINE.match(text)
    if hint:  # an empty line instead: the header keeps its line number
        text = text[hint.end():]
    sep = hint.group(1) if hint else "\t" if tab else _sniff_separator(text)
    readings = [(csv.QUOTE_MINIMAL, _records(text, display, sep, csv.QUOTE_MINIMAL))]
    if sep == "\t" and readings[0][1][4]:
        # Google Sheets writes TSV without quotes: a cell may start with '"'.
        unquoted = _records(text, display, sep, csv.QUOTE_NONE)
        if len(unquoted[4]) < len(readings[0][1][4]):
            readings = [(csv.QUOTE_NONE, unquoted)]
    quoting, (header, header_line, rows, lines, problems) = readings[0]
    if header is None:
        raise DataError(problems or [Problem(display, 1, 1, "the file is empty (a header "
                                                            "row is required)")])
    written = _header_as_written(text, sep, quoting, header_line)
    if len(written) != len(header):
        written = list(header)
    cells = [[c.strip(_SPACES) for c in row] for row in rows]
    kept = [(row, line) for row, line in zip(cells, lines) if any(row)]
    return Export(display, written, [r for r, _ in kept], [n for _, n in kept], header_line,
                  problems=problems)


# ------------------------------------------------------------------------------- workbook

def _read_xlsx(path: Path, display: str) -> Export:
    book, problem = _open_book(path, display)
    if problem is not None:
        raise DataError([problem])
    try:
        if not book.worksheets:
            raise _fail(display, "the workbook has no sheet")
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # a written <dimension> may be wrong: read every row
        file = f"{display}[{sheet.title}]"
        header: list[str] | None = None
        header_line = 1
        rows: list[list[str]] = []
        lines: list[int] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            texts = [(_cell_text(v, "") or "").strip(_SPACES) for v in values or ()]
            if header is None:
                if any(texts):
                    header, header_line = texts, number
                continue
            texts = texts[:len(header)] + [""] * (len(header) - len(texts))
            if any(texts):
                rows.append(texts)
                lines.append(number)
    finally:
        book.close()
    if header is None:
        raise DataError([Problem(file, 1, 1, "the sheet is empty (a header row is required)")])
    while header and not header[-1] and not any(r[len(header) - 1] for r in rows):
        header.pop()  # trailing empty columns of the sheet's used range
        rows = [r[:len(header)] for r in rows]
    return Export(file, header, rows, lines, header_line)
