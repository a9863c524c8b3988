"""Import a wide attendance list (*lista obecności*) into the ``attendance`` table.

An attendance list is an ``.xlsx`` workbook with one sheet per meeting (*zjazd*). Each
sheet holds a few title rows, then a header row with the people's name column(s) and one
column per session date, then one row per person, then possibly footer rows
("Podpis trenera: ….", empty rows). SPEC §3 ``import attendance`` is the contract; this
module reads the format, not one particular file:

* **Header row**: the first row with a name header (``Imię i nazwisko``, ``Nazwisko i
  imię``, ``Imię``, ``Nazwisko``, ``Uczestnik``; case, spacing, punctuation and Polish
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
* **Marks** (case, spaces and a trailing dot do not matter): see :data:`MARKS`. ``1`` and
  ``0`` are marks (present, absent), not hours; any other number (``4``, ``4,5``,
  ``4h``, ``4 godz.``, a numeric cell 4.5) is *present for that many hours*, and so is a
  number with a unit (``1h`` is one hour). ``0h`` is absent.

Every problem of every sheet is collected in one pass and raised together as a
:class:`~toolkit.errors.DataError`; each names its cell, as in
``lista.xlsx[Zjazd 1]:E7: unknown mark 'y' (…)``. The input file is only read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..dataset import Dataset
from ..errors import DataError, Problem

__all__ = ["import_attendance_list", "parse_mark", "MARKS", "ATTENDANCE_COLUMNS"]

#: Columns of the table :func:`import_attendance_list` returns (SPEC §2 ``attendance``).
ATTENDANCE_COLUMNS = ["participant_id", "session_id", "status", "hours"]

#: Cell marks (lower case, without a trailing dot) and the status each stands for.
#: An empty cell is absent; numbers are handled by :func:`parse_mark`.
MARKS: dict[str, str] = {
    **dict.fromkeys(["x", "+", "1", "ob", "obecny", "obecna", "obecn", "✓", "✔"], "present"),
    **dict.fromkeys(["-", "–", "—", "0", "nb", "nieob", "nieobecny", "nieobecna"], "absent"),
    **dict.fromkeys(["u", "usp", "uspr", "usprawiedliwiony", "usprawiedliwiona",
                     "nb u", "nb usp"], "excused"),
    **dict.fromkeys(["sp", "spóźn", "spóźniony", "spóźniona", "spozn", "spozniony",
                     "spozniona"], "late"),
}

_MARK_HELP = ("present: x, +, 1, ob; absent: empty, -, 0, nb; excused: u, usp; late: sp; "
              "or hours such as 4,5")
_SPACES = "\u00a0\u2007\u202f\ufeff\t\r\n"
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|g|godz|godzin|godziny|godzina)?")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAX_LISTED = 8  # session dates quoted in an "unknown date" message


# --------------------------------------------------------------------------- text helpers

def _text(value) -> str:
    """A cell as trimmed text with plain spaces (``""`` for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    for space in _SPACES:
        text = text.replace(space, " ")
    return " ".join(text.split())


def _fold(text: str) -> str:
    """Lower case without Polish diacritics, punctuation turned into spaces."""
    text = unicodedata.normalize("NFKD", _text(text).casefold().replace("ł", "l"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _name_key(text: str) -> str:
    """How names are compared: NFC, case-folded, single spaces, no spaces round hyphens."""
    text = _text(text).casefold()
    text = re.sub(r"\s*[-‐‑–—]\s*", "-", text)
    return text


def _format_hours(hours: float) -> str:
    """``4.0`` → ``"4"``, ``4.5`` → ``"4.5"``."""
    return f"{round(hours, 4):.4f}".rstrip("0").rstrip(".")


def _cell(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{row}"


# --------------------------------------------------------------------------------- marks

def parse_mark(value) -> tuple[str, str] | None:
    """Read one attendance mark.

    Parameters
    ----------
    value
        The cell's value as openpyxl gives it: ``None``, text or a number.

    Returns
    -------
    tuple of (str, str) or None
        ``(status, hours)``: status ``present``, ``absent``, ``excused`` or ``late``;
        hours ``""`` or the hours as text (``"4"``, ``"4.5"``). ``None`` for a value
        that is no mark.

    Notes
    -----
    ``1`` and ``0`` (text or numeric cell) are the marks present and absent; any other
    non-negative number is present for that many hours, and so is a number with a unit
    (``4h``, ``4 h``, ``1 godz.``). ``0h`` is absent. Case, surrounding spaces and a
    trailing dot do not matter.
    """
    if value is None:
        return "absent", ""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return None
    if isinstance(value, (int, float)):
        if value != value or value < 0:  # NaN or negative
            return None
        return _number_mark(float(value), unit=False)
    text = _text(value).casefold().rstrip(".").strip()
    if not text:
        return "absent", ""
    if text in MARKS:
        return MARKS[text], ""
    match = _HOURS.fullmatch(text)
    if match:
        return _number_mark(float(match.group(1).replace(",", ".")), unit=bool(match.group(2)))
    return None


def _number_mark(number: float, unit: bool) -> tuple[str, str]:
    if number == 0:
        return "absent", ""
    if number == 1 and not unit:
        return "present", ""
    return "present", _format_hours(number)


# --------------------------------------------------------------------------------- dates

_MONTHS = {name: i + 1 for i, name in enumerate([
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
    "wrzesnia", "pazdziernika", "listopada", "grudnia"])}
_ROMAN = {r: i + 1 for i, r in enumerate(
    ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])}
_WEEKDAYS = {"poniedzialek", "wtorek", "sroda", "czwartek", "piatek", "sobota", "niedziela",
             "pon", "wt", "sr", "czw", "pt", "sob", "nd", "niedz"}
_DATE_WORDS = _WEEKDAYS | {"dzien", "dz", "zjazd", "dnia", "dn", "data", "r", "rok"}
_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_D_ROMAN_Y = re.compile(r"(\d{1,2})[ .]+([ivx]+)[ .]+(\d{4})")
_D_MONTH_Y = re.compile(r"(\d{1,2}) +([a-z]+) +(\d{4})")
_DM = re.compile(r"(\d{1,2})\.(\d{1,2})\.?")
_ANY_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")


@dataclass(frozen=True)
class _DayMonth:
    """A header date without a year (``20.11``)."""

    day: int
    month: int

    def __str__(self) -> str:
        return f"{self.day:02d}.{self.month:02d}"


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_in_text(text: str) -> dt.date | _DayMonth | None:
    """A date that is the whole of ``text`` (already folded to lower case)."""
    text = re.sub(r"\s*r(ok)?\.?$", "", text.strip()).strip().rstrip(".").strip()
    if m := _ISO.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        return _make_date(int(m[3]), int(m[2]), int(m[1]))
    if (m := _D_ROMAN_Y.fullmatch(text)) and m[2] in _ROMAN:
        return _make_date(int(m[3]), _ROMAN[m[2]], int(m[1]))
    if (m := _D_MONTH_Y.fullmatch(_fold(text))) and m[2] in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if m := _DM.fullmatch(text):
        if 1 <= int(m[2]) <= 12 and 1 <= int(m[1]) <= 31:
            return _DayMonth(int(m[1]), int(m[2]))
    return None


def _header_date(value) -> dt.date | _DayMonth | None:
    """The date a header cell stands for, or ``None`` when it is no date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if 20000 <= value <= 80000 and float(value).is_integer():  # an Excel serial date
            return (_EXCEL_EPOCH + dt.timedelta(days=int(value))).date()
        return None
    raw = unicodedata.normalize("NFC", str(value)).casefold()
    for space in _SPACES.replace("\n", ""):
        raw = raw.replace(space, " ")
    candidates = [raw, *raw.split("\n")]
    for text in candidates:
        found = _date_in_text(" ".join(text.split()))
        if found is not None:
            return found
    # A date with a weekday or "dzień 1" next to it: "czwartek 20.11.2014", "Dzień 1 (20.11.2014)".
    text = " ".join(raw.split())
    matches = list(_ANY_DATE.finditer(text))
    if len(matches) == 1:
        rest = _fold(text[: matches[0].start()] + " " + text[matches[0].end():]).split()
        if all(w in _DATE_WORDS or w in _ROMAN or (w.isdigit() and len(w) <= 2) for w in rest):
            return _date_in_text(matches[0].group(0))
    return None


# ------------------------------------------------------------------------------- headers

_NAME_QUALIFIERS = {"uczestnika", "uczestniczki", "uczestnikow", "uczestniczek", "osoby",
                    "szkolenia", "kursanta", "i", "oraz"}


def _name_header(value) -> str | None:
    """``"full"``, ``"first"`` or ``"last"`` for a name column header, else ``None``."""
    if not isinstance(value, str):
        return None
    words = _fold(value).split()
    if not words:
        return None
    if all(w.startswith("uczestni") or w in ("k", "czka", "czki") for w in words):
        return "full"
    core = [w for w in words if w not in _NAME_QUALIFIERS]
    kinds = {"imie": "first", "imiona": "first", "nazwisko": "last", "nazwiska": "last"}
    if not core or any(w not in kinds for w in core) or len(core) > 2:
        return None
    found = {kinds[w] for w in core}
    if len(core) == 2:
        return "full" if found == {"first", "last"} else None
    return found.pop()


def _is_lp_header(value) -> bool:
    return isinstance(value, str) and _fold(value).replace(" ", "") in {"lp", "nr", "lpnr", "no"}


@dataclass
class _Header:
    """Where the parts of one sheet's list are."""

    row: int  # the (last) header row; people follow it
    full: int | None = None  # 1-based column of a one-column name
    first: int | None = None
    last: int | None = None
    lp: int | None = None
    dates: list[tuple[int, int, object, dt.date | _DayMonth]] = field(default_factory=list)
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
            kind = _name_header(value)
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
        header.lp = next((c for c, v in enumerate(values, start=1) if _is_lp_header(v)), None)
        _collect_dates(header, values, index + 1, taken)
        if not header.dates and index + 1 < len(rows):  # a two-row header: dates below
            below = _Header(row=index + 2)
            _collect_dates(below, rows[index + 1], index + 2, taken)
            if below.dates and not any(_name_header(v) for v in rows[index + 1]):
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
        when = _header_date(value)
        if when is not None:
            header.dates.append((row, col, value, when))
        elif isinstance(value, str) and _ANY_DATE.search(_text(value)):
            header.bad_dates.append((row, col, _text(value)))


# ---------------------------------------------------------------------------- the dataset

def _group(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return _text(value).casefold()


class _People:
    """Participants looked up by name."""

    def __init__(self, participants: pd.DataFrame):
        self.ids = participants["participant_id"].astype(str).tolist()
        groups = participants["group"] if "group" in participants else [None] * len(self.ids)
        self.groups = [_group(g) for g in groups]
        self.group_names = [_text(g) if _group(g) else "" for g in groups]
        self.ordered: dict[str, list[int]] = {}  # "first last"
        self.reversed: dict[str, list[int]] = {}  # "last first"
        firsts = participants["first_name"].tolist()
        lasts = participants["last_name"].tolist()
        for i, (first, last) in enumerate(zip(firsts, lasts)):
            first, last = _text(first), _text(last)
            self.ordered.setdefault(_name_key(f"{first} {last}"), []).append(i)
            self.reversed.setdefault(_name_key(f"{last} {first}"), []).append(i)

    def match(self, text: str, labelled_order: bool) -> list[int]:
        """Positions of the participants named ``text`` ("first last" or "last first").

        With ``labelled_order`` (two labelled columns) the labelled order wins when it
        matches anyone; otherwise both orders count.
        """
        key = _name_key(text)
        ordered = self.ordered.get(key, [])
        if labelled_order and ordered:
            return ordered
        return sorted(set(ordered) | set(self.reversed.get(key, [])))


class _Sessions:
    """Sessions looked up by date (and group)."""

    def __init__(self, sessions: pd.DataFrame):
        self.ids = sessions["session_id"].astype(str).tolist()
        self.hours = pd.to_numeric(sessions["hours"], errors="coerce").tolist()
        dates = pd.to_datetime(sessions["date"], errors="coerce")
        self.dates = [None if pd.isna(d) else d.date() for d in dates]
        groups = sessions["group"] if "group" in sessions else [None] * len(self.ids)
        self.groups = [_group(g) for g in groups]
        self.group_names = [_text(g) if _group(g) else "" for g in groups]
        self.by_date: dict[dt.date, list[int]] = {}
        for i, day in enumerate(self.dates):
            if day is not None:
                self.by_date.setdefault(day, []).append(i)

    def known_dates(self) -> str:
        days = sorted(self.by_date)
        text = ", ".join(d.isoformat() for d in days[:_MAX_LISTED])
        return text + (", …" if len(days) > _MAX_LISTED else "") if days else "none"

    def resolve_date(self, when: dt.date | _DayMonth) -> tuple[dt.date | None, str | None]:
        """The session day a header stands for, or an error message."""
        if isinstance(when, _DayMonth):
            days = sorted(d for d in self.by_date if (d.day, d.month) == (when.day, when.month))
            if len(days) == 1:
                return days[0], None
            if days:
                listed = ", ".join(d.isoformat() for d in days)
                return None, f"ambiguous date '{when}': sessions on {listed}; give the year"
            return None, (f"unknown date '{when}': no session on that day "
                          f"(session dates: {self.known_dates()})")
        if when in self.by_date:
            return when, None
        return None, (f"unknown date {when.isoformat()}: no session on that day "
                      f"(session dates: {self.known_dates()})")

    def for_participant(self, day: dt.date, group: str, pid: str,
                        shown_group: str = "") -> tuple[int | None, str | None]:
        """The session of ``day`` a participant of ``group`` attends, or why none."""
        candidates = self.by_date[day]
        if len(candidates) == 1:
            return candidates[0], None
        same = [i for i in candidates if self.groups[i] == group]
        if not same:
            same = [i for i in candidates if not self.groups[i]]
        if len(same) == 1:
            return same[0], None
        listed = ", ".join(f"{self.ids[i]} group '{self.group_names[i]}'" for i in candidates)
        how = "several match" if same else "none matches"
        return None, (f"cannot tell the session: {len(candidates)} sessions on {day.isoformat()} "
                      f"({listed}) and for participant {pid} (group '{shown_group}') {how}")


# ----------------------------------------------------------------------------- the sheets

_FOOTER_WORDS = ("podpis", "razem", "suma", "ogolem", "lacznie", "liczba", "trener",
                 "prowadzac", "uwagi", "uwaga", "legenda", "objasnien", "oznaczen",
                 "sporzadzil", "wypelnil", "zatwierdzil", "sprawdzil", "data", "miejsce",
                 "pieczec", "koordynator", "wykladowca")
_SECTION_WORDS = {"gmina", "powiat", "miasto", "grupa", "sektor", "jst", "ngo", "organizacje",
                  "samorzad", "zjazd"}


def _not_a_person(name: str, marks: list, has_lp: bool, lp_value) -> bool:
    """Whether an unmatched name row is evidently not a person (footer, section, blank)."""
    if not any(c.isalpha() for c in name):
        return True
    if ":" in name or ".." in name or "…" in name or "__" in name:
        return True
    words = _fold(name).split()
    if words and words[0].startswith(_FOOTER_WORDS):
        return True
    nothing_marked = all(_text(v) == "" for v in marks)
    if nothing_marked and has_lp and _text(lp_value) == "":
        return True
    return nothing_marked and bool(words) and words[0] in _SECTION_WORDS


@dataclass
class _Collector:
    """Everything one import finds: records and problems."""

    display: str
    people: _People
    sessions: _Sessions
    records: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)
    where: dict[tuple[int, int], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, sheet: str, row: int, col: int, message: str) -> None:
        self.problems.append(Problem(file=f"{self.display}[{sheet}]", line=row, column=col,
                                     message=message, cell=_cell(row, col)))

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
            texts = [_text(v) if isinstance(v, str) else "" for v in values]
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
            first, last = _text(value(header.first)), _text(value(header.last))
            name = f"{first} {last}".strip()
            two_columns = bool(first and last)
        else:
            name, two_columns = _text(value(header.full)), False
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
        elif _not_a_person(name, marks, header.lp is not None, value(header.lp)):
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
            shown = _text(mark)
            self.problem(sheet, row, col, f"unknown mark '{shown}' ({_MARK_HELP})")
            return
        if person is None or day is None:
            return
        pid = self.people.ids[person]
        session, error = self.sessions.for_participant(day, self.people.groups[person], pid,
                                                       self.people.group_names[person])
        if session is None:
            if _text(mark):  # an empty cell of a session not the participant's: nothing to say
                self.problem(sheet, row, col, error)
            return
        status, hours = parsed
        limit = self.sessions.hours[session]
        sid = self.sessions.ids[session]
        if hours and limit == limit and float(hours) > limit + 1e-9:
            self.problem(sheet, row, col, f"{hours} hours exceed the {_format_hours(limit)} "
                                          f"hours of session {sid} ({day.isoformat()})")
            return
        key = (person, session)
        here = f"[{sheet}]:{_cell(row, col)}"
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
    collector = _Collector(display, _People(data["participants"]), _Sessions(data["sessions"]))
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
