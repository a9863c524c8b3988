"""``import attendance``: any attendance file an evaluator has → the ``attendance`` table.

:func:`import_attendance` opens the file (an ``.xlsx`` workbook, every sheet; or a
``.csv``/``.tsv``/``.txt`` text file in UTF-8 with or without BOM, UTF-16 — Microsoft
Teams writes its reports so — or Windows-1250, separated by ``,``, ``;`` or tabs) and
tells for each sheet which of three shapes it holds:

* a **wide list** (*lista obecności*, :mod:`.attendance_list`): a header row with the
  name column(s) and one column per session date;
* a **long table** (:mod:`.attendance_long`): one row per person and session, with a
  date or session column and a mark, hours or duration column;
* an **online-meeting report** (Zoom, Teams, Google Meet; :mod:`.attendance_long`, values
  read by :mod:`.attendance_meeting`): one row per person and stay, with join times.

Every problem of every sheet is collected and raised together; the file is only read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..dataset import Dataset
from ..errors import DataError, Problem
from ._attendance_common import People, Sessions
from .attendance_list import _Collector, _find_header, _open_workbook, _sheet_rows
from .attendance_long import find_columns, read_long
from .tables import decode_bytes

__all__ = ["import_attendance", "AttendanceImport"]

_NOTHING_FOUND = (
    "no attendance found: looked for a wide attendance list (a header row with a name "
    "column such as 'Imię i nazwisko' or 'Name' and one column per session date), a long "
    "table (a name or participant_id column, a date or session column, and a status, "
    "hours or duration column) and an online-meeting report (a name column, a join time "
    "and a duration or leave time, as Zoom, Teams and Google Meet export them)")


@dataclass
class AttendanceImport:
    """What :func:`import_attendance` read.

    Attributes
    ----------
    table
        The ``attendance`` table: ``participant_id``, ``session_id``, ``status``,
        ``hours`` (text), as :func:`~toolkit.io.attendance_list.import_attendance_list`.
    formats
        One line per sheet read, saying which shape it was read as
        (``lista.xlsx[Zjazd 1]: read as a wide attendance list``).
    """

    table: pd.DataFrame
    formats: list[str] = field(default_factory=list)


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """Text of a CSV/TSV file; UTF-16 is read with or without its byte-order mark."""
    text, reason = decode_bytes(data)
    if text is None and reason and "UTF-16" in reason and "without" in reason:
        zeros_odd = data[1:4096:2].count(0) > data[0:4096:2].count(0)
        try:
            return data.decode("utf-16-le" if zeros_odd else "utf-16-be"), None
        except UnicodeDecodeError:
            return None, reason
    return text, reason


def _separator(text: str) -> str:
    """The separator used most in the first lines (a title block may have none)."""
    head = text.split("\n")[:60]
    counts = {sep: sum(line.count(sep) for line in head) for sep in ("\t", ";", ",")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _text_rows(text: str) -> tuple[list[tuple], list[int]]:
    """The rows of CSV ``text`` and the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    rows, lines, last = [], [], 0
    for record in reader:
        lines.append(last + 1)
        last = reader.line_num
        rows.append(tuple(cell.strip() or None for cell in record))
    return rows, lines


def _grids(path: Path, display: str) -> tuple[list[tuple[str | None, list, list | None]],
                                                list[Problem]]:
    """``[(sheet or None, rows, lines or None)]`` of the file, or the problem opening it."""
    def fail(message: str) -> list[Problem]:
        return [Problem(display, 1, 1, message)]

    if not path.exists():
        return [], fail("no such file")
    if path.is_dir():
        return [], fail("is a folder, not an attendance file (.xlsx, .csv or .tsv)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], fail(f"cannot read the file: {exc.strerror or exc}")
    if data.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        book, problem = _open_workbook(path, display)
        if problem is not None:
            return [], [problem]
        grids, problems = [], []
        try:
            for sheet in book.worksheets:
                try:
                    grids.append((sheet.title, _sheet_rows(sheet), None))
                except Exception as exc:  # a damaged sheet: report it, read the others
                    problems.append(Problem(f"{display}[{sheet.title}]", 1, 1,
                                            f"cannot read the sheet ({exc})"))
        finally:
            book.close()
        return grids, problems
    text, reason = _decode(data)
    if text is None:
        return [], fail(reason)
    rows, lines = _text_rows(text)
    return [(None, rows, lines)], []


def import_attendance(path: str | Path, data: Dataset) -> AttendanceImport:
    """Convert an attendance file of any of the three shapes into the ``attendance`` table.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook (every sheet is read) or a ``.csv``/``.tsv`` file: a wide
        attendance list, a long table or an online-meeting attendance report (the module
        docstring says how each is told). Only read; messages name it as given here.
    data
        The dataset whose ``participants`` and ``sessions`` the file is matched to.

    Returns
    -------
    AttendanceImport
        ``table`` (columns ``participant_id``, ``session_id``, ``status``, ``hours``, all
        text, ordered as the participants and then the sessions of ``data``) and
        ``formats`` (the shape each sheet was read as).

    Raises
    ------
    DataError
        Every problem found, each naming its cell (``FILE:LINE:COLUMN`` for a text
        file, ``BOOK.xlsx[Sheet]:E7`` for a workbook): an unknown name, a date with no
        session (the session dates are listed), an unknown mark, hours above the
        session's, a person and session given twice with different marks; or, when no
        sheet has any of the three shapes, one problem saying what was looked for.

    Examples
    --------
    >>> result = import_attendance("zoom_participants.csv", load_dataset("data"))  # doctest: +SKIP
    >>> result.table.to_csv("attendance.csv", index=False)  # doctest: +SKIP
    """
    display = str(path)
    missing = [name for name in ("participants", "sessions") if not data.has(name)]
    if missing:
        raise DataError([Problem(data.source or display, 1, 1,
                                 f"the dataset has no {' and no '.join(missing)} table: "
                                 "an attendance file is matched against both")])
    grids, problems = _grids(Path(path), display)
    if not grids:
        raise DataError(problems)
    collector = _Collector(display, People(data["participants"]), Sessions(data["sessions"]))
    collector.problems.extend(problems)
    formats = []
    for sheet, rows, lines in grids:
        collector.lines = lines
        where = display if sheet is None else f"{display}[{sheet}]"
        wide, columns = _find_header(rows), find_columns(rows)
        # A long table's first data row holds a date below its header: not a wide list's
        # two-row header, when the long table's header comes first.
        if wide is not None and (columns is None or wide.row < columns.row):
            collector.read_sheet(sheet, rows)
            formats.append(f"{where}: read as a wide attendance list")
        elif columns is not None:
            read_long(collector, sheet, rows, columns)
            formats.append(f"{where}: read as {columns.label()}")
        else:
            collector.read_sheet(sheet, rows)  # reports names without a header row
    if not formats and not collector.problems:
        collector.problems.append(Problem(display, 1, 1, _NOTHING_FOUND))
    if collector.problems:
        raise DataError(collector.problems)
    return AttendanceImport(collector.frame(), formats)
