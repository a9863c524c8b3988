"""Import a wide attendance list (*lista obecności*) into the ``attendance`` table.

An attendance list is an ``.xlsx`` workbook with one sheet per meeting (*zjazd*). Each
sheet holds a few title rows, then a header row with the people's name column(s) and one
column per session date, then one row per person, then possibly footer rows
("Podpis trenera: ….", empty rows). SPEC §3 ``import attendance`` is the contract; this
module reads the format, not one particular file:

* **Header row**: the first row with a name header (``Imię i nazwisko``, ``Nazwisko i
  imię``, ``Imię``, ``Nazwisko``, ``Uczestnik``, or in English ``Name``, ``Full Name``,
  ``First name``, ``Last name``, ``Participant``; case, spacing, punctuation and Polish
  diacritics do not matter) and at least one date header. When the name row has no
  dates, the row right below it may carry them (a two-row header). Other columns
  (``Lp.``, ``Instytucja``, ``Podpis``, ``Gmina`` …) are ignored.
* **Dates**: an Excel date, ``2014-11-20``, ``20.11.2014`` (also ``20.11.2014 r.``,
  ``20/11/2014``, ``20.11.14``, ``20 XI 2014``, ``20 listopada 2014``, a weekday or
  "dzień 1" next to the date, and ``20.11`` without a year when the sessions make it
  unique). Each date is matched to a session of that day; when several sessions share
  the day (training groups), the participant's ``group`` chooses.
* **Names**: one column (``Anna Wójcik`` or ``Wójcik Anna``) or two (``Imię`` and
  ``Nazwisko`` in either order), matched to ``participants`` by first and last name in
  either order; case, spacing, spaces around a hyphen and Unicode normalisation do not
  matter. A row with empty name cell(s) is skipped, and so are rows that are evidently
  not people: footers (``Podpis …``, ``Razem``, text with ``:`` or dotted leaders),
  names without letters, and, when nothing is marked for them, unnumbered rows (``Lp.``
  empty) or section rows (``Gmina Miechów``) whose name is no participant's.
* **Marks** (case, spaces and a trailing dot do not matter): see :data:`MARKS`, Polish
  and English (``Present``, ``Absent``, ``Excused``, ``Late``, ``Yes``/``No``, ``Y``/``N``,
  ``P``/``A``, ``✓``). ``1`` and
  ``0`` are marks (present, absent), not hours; any other number (``4``, ``4,5``,
  ``4h``, ``4 godz.``, a numeric cell 4.5) is *present for that many hours*, and so is a
  number with a unit (``1h`` is one hour). ``0h`` is absent.

Every problem of every sheet is collected in one pass and raised together as a
:class:`~toolkit.errors.DataError`; each names its cell, as in
``lista.xlsx[Zjazd 1]:E7: unknown mark 'q' (…)``. The input file is only read.

:func:`import_attendance_list` reads ``.xlsx`` lists only; the ``import attendance``
command calls :func:`toolkit.io.attendance_import.import_attendance`, which also reads
them from ``.csv``/``.tsv`` and reads long tables and online-meeting reports.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..dataset import Dataset
from ..errors import DataError, Problem
from .survey_export import OPENDOCUMENT, is_opendocument
from ._attendance_common import (ANY_DATE, ATTENDANCE_COLUMNS, MARK_HELP, MARKS, DayMonth,
                                 People, Sessions, cell_name, cell_text, format_hours, header_date,
                                 is_lp_header, name_header, not_a_person, parse_mark)

__all__ = ["import_attendance_list", "parse_mark", "MARKS", "ATTENDANCE_COLUMNS"]


@dataclass
class _Header:
    """Where the parts of one sheet's list are."""

    row: int  # the (last) header row; people follow it
    full: int | None = None  # 1-based column of a one-column name
    first: int | None = None
    last: int | None = None
    lp: int | None = None
    dates: list[tuple[int, int, object, dt.date | DayMonth]] = field(default_factory=list)
    bad_dates: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def name_columns(self) -> list[int]:
        if self.first and self.last:
            return sorted([self.first, self.last])
        return [self.full or self.first or self.last]


def _find_header(rows: list[tuple]) -> _Header | None:
    """The header of a sheet: the first row with a name header and a date header.

    Without one, the first name header row whose date headers could not be read (so
    that they are reported), else ``None``: the sheet holds no attendance list.
    """
    unreadable = None
    for index, values in enumerate(rows):
        names = {}
        for col, value in enumerate(values, start=1):
            kind = name_header(value)
            if kind and kind not in names:
                names[kind] = col
        if not names:
            continue
        header = _Header(row=index + 1)
        if "first" in names and "last" in names:
            header.first, header.last = names["first"], names["last"]
        else:
            header.full = names.get("full") or names.get("first") or names.get("last")
        taken = set(names.values())
        header.lp = next((c for c, v in enumerate(values, start=1) if is_lp_header(v)), None)
        _collect_dates(header, values, index + 1, taken)
        if not header.dates and index + 1 < len(rows):  # a two-row header: dates below
            below = _Header(row=index + 2)
            _collect_dates(below, rows[index + 1], index + 2, taken)
            if below.dates and not any(name_header(v) for v in rows[index + 1]):
                header.row, header.dates, header.bad_dates = below.row, below.dates, below.bad_dates
        if header.dates:
            return header
        if header.bad_dates and unreadable is None:
            unreadable = header
    return unreadable


def _collect_dates(header: _Header, values: tuple, row: int, taken: set[int]) -> None:
    for col, value in enumerate(values, start=1):
        if col in taken or col == header.lp:
            continue
        when = header_date(value)
        if when is not None:
            header.dates.append((row, col, value, when))
        elif isinstance(value, str) and ANY_DATE.search(cell_text(value)):
            header.bad_dates.append((row, col, cell_text(value)))


@dataclass
class _Collector:
    """Everything one import finds: records and problems."""

    display: str
    people: People
    sessions: Sessions
    records: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    where: dict[tuple[int, int], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: For a text (CSV) file, read as one sheet named ``None``: each row's line in the file.
    lines: list[int] | None = None

    def problem(self, sheet: str | None, row: int, col: int, message: str) -> None:
        """Report ``message`` at 1-based ``row`` and ``col`` of ``sheet`` (``None``: CSV)."""
        if sheet is None:
            line = self.lines[row - 1] if self.lines and row <= len(self.lines) else row
            self.problems.append(Problem(file=self.display, line=line, column=col,
                                         message=message))
        else:
            self.problems.append(Problem(file=f"{self.display}[{sheet}]", line=row, column=col,
                                         message=message, cell=cell_name(row, col)))

    def here(self, sheet: str | None, row: int, col: int) -> str:
        """Where a cell is, as a duplicate's message quotes it."""
        if sheet is None:
            line = self.lines[row - 1] if self.lines and row <= len(self.lines) else row
            return f"line {line}, column {col}"
        return f"[{sheet}]:{cell_name(row, col)}"

    def read_sheet(self, sheet: str, rows: list[tuple]) -> bool:
        """Collect one sheet; ``False`` when the sheet holds no attendance list."""
        header = _find_header(rows)
        if header is None:
            self._headerless(sheet, rows)
            return False
        for row, col, text in header.bad_dates:
            self.problem(sheet, row, col, f"cannot read the date '{text}' (expected an Excel "
                                          "date, 2014-11-20 or 20.11.2014)")
        days: list[tuple[int, dt.date | None]] = []
        for row, col, _value, when in header.dates:
            day, error = self.sessions.resolve_date(when)
            if error:
                self.problem(sheet, row, col, error)
            days.append((col, day))
        if not days:
            return True
        for index in range(header.row, len(rows)):
            self._read_person(sheet, index + 1, rows[index], header, days)
        return True

    def _headerless(self, sheet: str, rows: list[tuple]) -> None:
        """Report a sheet that names participants but has no header row to read it by."""
        for index, values in enumerate(rows, start=1):
            texts = [cell_text(v) if isinstance(v, str) else "" for v in values]
            for col, text in enumerate(texts, start=1):
                if not text:
                    continue
                pair = f"{text} {texts[col]}" if col < len(texts) and texts[col] else ""
                for name in (text, pair):  # one name column, or first and last name apart
                    if name and self.people.match(name, labelled_order=False):
                        self.problem(sheet, index, col, (
                            f"no header row: the sheet names participants ('{name}') "
                            "but has no row with a name column ('Imię i nazwisko', 'Nazwisko', "
                            "…) and date columns, so its attendance cannot be read; add the "
                            "header row"))
                        return

    def _read_person(self, sheet: str, row: int, values: tuple, header: _Header,
                     days: list[tuple[int, dt.date | None]]) -> None:
        def value(col: int | None):
            return values[col - 1] if col is not None and col <= len(values) else None

        if header.first and header.last:
            first, last = cell_text(value(header.first)), cell_text(value(header.last))
            name = f"{first} {last}".strip()
            two_columns = bool(first and last)
        else:
            name, two_columns = cell_text(value(header.full)), False
        if not name:
            return
        name_col = header.name_columns[0]
        marks = [value(col) for col, _day in days]
        found = self.people.match(name, labelled_order=two_columns)
        person = None
        if len(found) == 1:
            person = found[0]
        elif len(found) > 1:
            ids = ", ".join(self.people.ids[i] for i in found)
            self.problem(sheet, row, name_col, f"ambiguous participant '{name}': matches {ids} "
                                               "(same first and last name)")
        elif not_a_person(name, marks, header.lp is not None, value(header.lp)):
            return
        else:
            self.problem(sheet, row, name_col, f"unknown participant '{name}': no participant "
                                               "has this first and last name")
        for (col, day), mark in zip(days, marks):
            self._read_mark(sheet, row, col, mark, person, day)

    def _read_mark(self, sheet: str, row: int, col: int, mark, person: int | None,
                   day: dt.date | None) -> None:
        parsed = parse_mark(mark)
        if parsed is None:
            shown = cell_text(mark)
            self.problem(sheet, row, col, f"unknown mark '{shown}' ({MARK_HELP})")
            return
        if person is None or day is None:
            return
        pid = self.people.ids[person]
        session, error = self.sessions.for_participant(day, self.people.groups[person], pid,
                                                       self.people.group_names[person])
        if session is None:
            if cell_text(mark):  # an empty cell of a session not the participant's: nothing to say
                self.problem(sheet, row, col, error)
            return
        status, hours = parsed
        limit = self.sessions.hours[session]
        sid = self.sessions.ids[session]
        if hours and limit == limit and float(hours) > limit + 1e-9:
            self.problem(sheet, row, col, f"{hours} hours exceed the {format_hours(limit)} "
                                          f"hours of session {sid} ({day.isoformat()})")
            return
        key = (person, session)
        here = self.here(sheet, row, col)
        if key in self.records:
            self.problem(sheet, row, col, f"duplicate: {pid} at session {sid} "
                                          f"({day.isoformat()}) is already given at "
                                          f"{self.where[key]}")
            return
        self.records[key] = (status, hours)
        self.where[key] = here

    def frame(self) -> pd.DataFrame:
        rows = [(self.people.ids[p], self.sessions.ids[s], status, hours)
                for (p, s), (status, hours) in sorted(self.records.items())]
        return pd.DataFrame(rows, columns=ATTENDANCE_COLUMNS, dtype=str)


# ------------------------------------------------------------------------------ workbook

def _open_workbook(path: Path, display: str):
    """The workbook opened read-only from a copy of its bytes, or a :class:`Problem`."""
    import openpyxl

    def fail(message: str) -> Problem:
        return Problem(display, 1, 1, message)

    if not path.exists():
        return None, fail("no such file")
    if path.is_dir():
        return None, fail("is a folder, not an .xlsx workbook")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, fail(f"cannot read the file: {exc.strerror or exc}")
    if is_opendocument(data, path.suffix):
        return None, fail(OPENDOCUMENT)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return None, fail("not an .xlsx workbook (an old Excel .xls file or an encrypted "
                          "workbook): save it as .xlsx")
    if not data.startswith(b"PK"):
        return None, fail("not an .xlsx workbook: expected an Excel attendance list (.xlsx)")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True), None
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        return None, fail(f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})")


def _sheet_rows(sheet) -> list[tuple]:
    sheet.reset_dimensions()  # some writers store wrong dimensions; read every cell
    return [tuple(values) for values in sheet.iter_rows(values_only=True)]


def import_attendance_list(workbook: str | Path, data: Dataset) -> pd.DataFrame:
    """Convert a wide attendance list (*lista obecności*) into the ``attendance`` table.

    Parameters
    ----------
    workbook
        The ``.xlsx`` list: one sheet per meeting, title rows, a header row with the
        name column(s) and one column per session date, one row per person. It is only
        read, never modified. Messages name it as given here.
    data
        The dataset whose ``participants`` (matched by name) and ``sessions`` (matched
        by date, and by ``group`` when several sessions share a date) the list refers to.

    Returns
    -------
    pandas.DataFrame
        Columns ``participant_id``, ``session_id``, ``status`` (``present``, ``absent``,
        ``excused``, ``late``) and ``hours`` (``""`` or a number as text, ``"4"``,
        ``"4.5"``), all text; one row per person × date cell of the list, ordered as the
        participants and then the sessions are ordered in ``data``.

    Raises
    ------
    DataError
        With every problem of every sheet, found in one pass, when there is any: a file
        that is no readable ``.xlsx``; no sheet with an attendance list; a sheet that
        names participants but has no header row; a name that matches no participant or
        several; a date with no session; a mark that is none
        of the known ones; hours above the session's; a person and session given twice.
        Each problem names its cell (``lista.xlsx[Zjazd 1]:E7: …``).

    Notes
    -----
    ``1`` and ``0`` are the marks present and absent; other numbers are hours. The
    module docstring lists every accepted header, date and mark form.

    Examples
    --------
    >>> from toolkit import load_dataset
    >>> att = import_attendance_list("lista_obecnosci.xlsx", load_dataset("samples"))  # doctest: +SKIP
    >>> att.to_csv("attendance.csv", index=False)  # doctest: +SKIP
    """
    display = str(workbook)
    missing = [name for name in ("participants", "sessions") if not data.has(name)]
    if missing:
        raise DataError([Problem(data.source or display, 1, 1,
                                 f"the dataset has no {' and no '.join(missing)} table: "
                                 "an attendance list is matched against both")])
    book, problem = _open_workbook(Path(workbook), display)
    if problem is not None:
        raise DataError([problem])
    collector = _Collector(display, People(data["participants"]), Sessions(data["sessions"]))
    lists = 0
    try:
        for sheet in book.worksheets:
            try:
                rows = _sheet_rows(sheet)
            except Exception as exc:  # a damaged sheet: report it, read the others
                collector.problems.append(Problem(f"{display}[{sheet.title}]", 1, 1,
                                                  f"cannot read the sheet ({exc})"))
                continue
            lists += collector.read_sheet(sheet.title, rows)
    finally:
        book.close()
    if not lists and not collector.problems:
        collector.problems.append(Problem(
            display, 1, 1, "no attendance list found: no sheet has a header row with a name "
                           "column ('Imię i nazwisko', 'Nazwisko', …) and date columns "
                           "(an Excel date, 2014-11-20 or 20.11.2014)"))
    if collector.problems:
        raise DataError(collector.problems)
    return collector.frame()
