"""Read a long attendance table or an online-meeting attendance report.

A **long table** has one row per person and session: a person (``participant_id``, or
a name in one column or two), a session (a date column or a ``session_id`` column) and
what happened (a mark, a number of hours, or a duration). A **meeting report** (Zoom,
Microsoft Teams, Google Meet) has one row per person and stay in one meeting: a name,
a join time (which gives the session's date) and a duration (or a leave time), and
may start with a block of title rows (Teams' "1. Summary"); its table ends at the
first empty row (Teams' "3. In-Meeting Activities" block below is not read). Teams'
older report (``Full Name``, ``User Action``, ``Timestamp``: one row per "Joined" and
"Left") is read as stays from each "Joined" to the same name's next "Left". A table
with no date, session or join column is one session's, dated by the one date written in
the rows above its header (Zoom's meeting block of a "unique users" export, a title
"Lista obecności – 20.11.2014").

Headers are recognised in Polish and English (case, spacing, punctuation and Polish
diacritics do not matter), see :data:`ROLES`. Rows of one person and session are
merged: durations are summed (a person who rejoined; each stay's join time gives its
session), and the sum is capped at the session's hours; two different marks or hours for
one person and session are an error. The organiser, host or a presenter of a meeting
who is no participant (Teams' ``Role`` column; the ``User Email`` of the meeting in
Zoom's summary block above the table) is skipped; any other unknown name is an error.
An ``ID`` column whose value is no participant_id (a row number, a tool's own id) gives
way to the name, and a name column may hold participant ids.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ._attendance_common import (MARK_HELP, cell_text, fold, format_hours, header_date,
                                 name_header, not_a_person, parse_mark)
from .attendance_meeting import (DURATION_HELP, column_order, host_emails, is_host_role,
                                 name_variants, parse_duration, parse_when, title_date)

__all__ = ["Columns", "find_columns", "read_long", "ROLES"]

#: Folded headers (lower case, no diacritics, punctuation as spaces) of each column role.
ROLES: dict[str, set[str]] = {
    "pid": {"participant id", "participant_id", "id uczestnika", "identyfikator uczestnika",
            "id", "uczestnik id", "participantid", "person id", "student id"},
    "join": {"join time", "first join", "time joined", "joined", "joined at", "join",
             "czas dolaczenia", "pierwsze dolaczenie", "dolaczenie", "dolaczyl",
             "godzina dolaczenia", "data dolaczenia", "join date"},
    "leave": {"leave time", "last leave", "time exited", "left", "exited", "leave",
              "czas opuszczenia", "ostatnie opuszczenie", "opuszczenie", "wyjscie",
              "ostatnie wyjscie", "godzina wyjscia", "czas wyjscia", "opuscil"},
    "duration": {"duration", "in meeting duration", "attendance duration", "time in meeting",
                 "time in session", "czas", "czas trwania", "czas w spotkaniu",
                 "czas uczestnictwa", "czas obecnosci", "czas trwania spotkania",
                 "czas trwania w spotkaniu", "minutes", "minuty", "duration minutes"},
    "hours": {"hours", "hour", "hours attended", "attended hours", "godziny", "godzin",
              "liczba godzin", "godz", "h", "ilosc godzin"},
    "date": {"date", "data", "session date", "meeting date", "data zajec", "data sesji",
             "data spotkania", "dzien zajec", "class date", "day date"},
    "session": {"session", "session id", "session_id", "sesja", "id sesji", "zajecia",
                "sessionid"},
    "mark": {"status", "attendance", "attendance status", "obecnosc", "obecny", "present",
             "mark", "attended", "frekwencja", "status obecnosci", "presence", "attendance mark"},
    "role": {"role", "rola", "participant role"},
    # Teams' older report: one row per event ("Joined", "Left") with its timestamp.
    "action": {"user action", "action", "akcja uzytkownika", "akcja"},
    "timestamp": {"timestamp", "sygnatura czasowa", "znacznik czasu"},
    "email": {"email", "e mail", "user email", "email address", "adres e mail", "adres email",
              "mail"},
}

_SECTION = re.compile(r"\d+\.\s+\w")

def _role(value) -> tuple[str, bool] | None:
    """The role of a header cell and whether it counts minutes, or ``None``."""
    if not isinstance(value, str):
        return None
    folded = fold(value).replace("_", " ")
    if not folded:
        return None
    # "Name (Original Name)", "Imię i nazwisko (oryginalna nazwa)": Zoom's name column.
    kind = name_header(value) or name_header(re.sub(r"\([^()]*\)", " ", value))
    if kind:
        return kind, False
    for role, names in ROLES.items():
        if folded in names or folded.replace(" ", "") in names:
            minutes = role == "duration" and not {"hours", "godziny"} & set(folded.split())
            return role, minutes
    words = folded.split()
    if "duration" in words or folded.startswith("czas trwania"):
        return "duration", not ({"hours", "godziny", "h"} & set(words))
    return None


@dataclass
class Columns:
    """Where the parts of a long table or meeting report are (1-based columns)."""

    row: int  # the header row (1-based); data follow it
    cols: dict[str, int] = field(default_factory=dict)
    minutes: bool = True  # a plain number in the duration column is minutes

    @property
    def kind(self) -> str:
        """``"long"``, ``"meeting"`` (the date comes from a join time) or ``"titled"``
        (one session, whose date is written above the header)."""
        if "date" in self.cols or "session" in self.cols:
            return "long"
        if "join" in self.cols or "timestamp" in self.cols:
            return "meeting"
        return "titled"

    def label(self) -> str:
        if self.kind == "long":
            return "a long attendance table"
        if self.kind == "titled" and "duration" not in self.cols:
            return "an attendance table of one session (its date above the header)"
        return "an online-meeting attendance report"


def find_columns(rows: list[tuple]) -> Columns | None:
    """The header of a long table or meeting report: the first row naming a person, a
    session (date, session id or join time) and what happened (mark, hours, duration or
    join and leave times); ``None`` when there is none."""
    for index, values in enumerate(rows):
        found = Columns(row=index + 1)
        for col, value in enumerate(values, start=1):
            role = _role(value)
            if role and role[0] not in found.cols:
                found.cols[role[0]] = col
                if role[0] == "duration":
                    found.minutes = role[1]
        cols = found.cols
        person = "pid" in cols or {"full", "first", "last"} & set(cols)
        events = {"action", "timestamp"} <= set(cols)
        when = {"date", "session", "join"} & set(cols) or events
        what = ({"mark", "hours", "duration"} & set(cols)
                or {"join", "leave"} <= set(cols) or events)
        if person and what and (when or title_date(rows[:index], None, strict=False)):
            return found  # without a date column: one session, dated in the title rows
    return None


def read_long(collector, sheet: str | None, rows: list[tuple], columns: Columns) -> None:
    """Read the rows below ``columns.row`` into ``collector`` (see module docstring).

    ``collector`` is :class:`toolkit.io.attendance_list._Collector`: its ``people``,
    ``sessions``, ``records``, ``where`` and ``problem``/``here`` are shared with the
    wide lists, so that one person and session given twice in one file is found.
    """
    reader = _LongReader(collector, sheet, rows, columns)
    reader.read()


class _LongReader:
    def __init__(self, collector, sheet, rows, columns: Columns):
        self.c, self.sheet, self.rows, self.columns = collector, sheet, rows, columns
        self.cols = columns.cols
        self.when_role = next((r for r in ("session", "date", "join", "timestamp")
                               if r in self.cols), "title")
        self.data_rows = self._data_rows()
        self.order = self._order()
        session_dates = set(collector.sessions.by_date)
        self.title_date = title_date(rows[:columns.row - 1], session_dates)
        if self.title_date is None:  # Google Meet names its sheet "… (2014-11-20 at 9:00 …)"
            self.title_date = title_date([(Path(collector.display).stem, sheet or "")],
                                         session_dates)
        self.hosts = host_emails(rows[:columns.row - 1])
        self.title_reported = False
        self.sums: dict[tuple[int, int], list] = {}  # key -> [status, hours, (row, col)]
        self.pids = {p.casefold(): i for i, p in enumerate(collector.people.ids)}
        self.events = self._stays() if {"action", "timestamp"} <= set(self.cols) else None

    def value(self, values: tuple, role: str):
        col = self.cols.get(role)
        return values[col - 1] if col is not None and col <= len(values) else None

    def _data_rows(self) -> list[int]:
        """0-based indexes of the table's rows: a meeting report ends at an empty row."""
        found = []
        for index in range(self.columns.row, len(self.rows)):
            values = self.rows[index]
            texts = [cell_text(v) for v in values if cell_text(v)]
            if not texts:
                if found and self.columns.kind == "meeting":
                    break
                continue
            if found and ((self._may_be_header(values) and find_columns([values]) is not None)
                          or (len(texts) == 1 and _SECTION.match(texts[0]))):
                break  # the next block of a report ("3. In-Meeting Activities")
            found.append(index)
        return found

    def _may_be_header(self, values: tuple) -> bool:
        """Whether a row may be the header of a next block: a cell of it, in the first
        column or the person's, names a person's column (checked before the whole row,
        for speed on long tables)."""
        cols = [1] + [self.cols[r] for r in ("pid", "full", "first", "last") if r in self.cols]
        return any(c <= len(values) and (_role(values[c - 1]) or (None,))[0] in
                   ("pid", "full", "first", "last") for c in cols)

    def _order(self) -> str | None:
        role = self.when_role
        if role not in self.cols:
            return "dmy"
        cells = [self.value(self.rows[i], role) for i in self.data_rows]
        return column_order(cells, set(self.c.sessions.by_date))

    def problem(self, row: int, role: str, message: str) -> None:
        self.c.problem(self.sheet, row, self.cols.get(role, 1), message)

    def read(self) -> None:
        for index in self.data_rows:
            self._read_row(index + 1, self.rows[index])
        for key, (status, hours, (row, col)) in self.sums.items():
            limit = self.c.sessions.hours[key[1]]
            if limit == limit:
                hours = min(hours, limit)
            shown = format_hours(round(hours, 2)) if hours or status == "present" else ""
            self._record(key, status, shown, row, col)

    # ------------------------------------------------------------------------ one row
    def _stays(self) -> dict[int, float]:
        """Hours of each stay of an event report, at the row (1-based) of its "Joined".

        A "Joined" is closed by the same name's next "Left"; one never closed lasts to
        the report's last timestamp. Other rows ("Left") are no stays.
        """
        def moment(index: int) -> dt.datetime | None:
            when = parse_when(self.value(self.rows[index], "timestamp"))
            day = when.on(self.order or "dmy") if when else None
            return dt.datetime.combine(day, when.time) if day and when.time else None

        open_at: dict[str, tuple[int, dt.datetime]] = {}
        stays: dict[int, float] = {}
        moments = [m for m in (moment(i) for i in self.data_rows) if m is not None]
        for index in self.data_rows:
            name = fold(" ".join(cell_text(self.value(self.rows[index], r))
                                 for r in ("full", "first", "last")))
            action = fold(self.value(self.rows[index], "action"))
            at = moment(index)
            if action.startswith(("join", "dolacz")) and name not in open_at and at:
                open_at[name] = (index + 1, at)
            elif action.startswith(("left", "leave", "opusc", "wyszed")) and name in open_at:
                row, since = open_at.pop(name)
                stays[row] = max((at - since).total_seconds(), 0) / 3600 if at else 0.0
        for row, since in open_at.values():
            stays[row] = (max(moments) - since).total_seconds() / 3600
        return stays

    def _read_row(self, row: int, values: tuple) -> None:
        if self.events is not None and row not in self.events:
            return  # a "Left" event: its time is in the stay of the "Joined" before it
        person, name_role = self._person(row, values)
        if person == "skip":
            return
        day = self._day(row, values)
        outcome = self._outcome(row, values)
        if person is None or day is None or outcome is None:
            return
        status, hours, summed, (col_role) = outcome
        pid = self.c.people.ids[person]
        session, error = self.c.sessions.for_participant(
            day, self.c.people.groups[person], pid, self.c.people.group_names[person])
        if session is None:
            self.problem(row, self.when_role, error)
            return
        key, col = (person, session), self.cols[col_role]
        if summed:
            if key in self.sums:
                self.sums[key][1] += hours
            else:
                self.sums[key] = [status, hours, (row, col)]
            return
        limit, sid = self.c.sessions.hours[session], self.c.sessions.ids[session]
        if hours and limit == limit and float(hours) > limit + 1e-9:
            self.problem(row, "hours" if "hours" in self.cols else col_role,
                         f"{hours} hours exceed the {format_hours(limit)} "
                                        f"hours of session {sid} ({day.isoformat()})")
            return
        self._record(key, status, hours, row, col)

    def _record(self, key, status: str, hours: str, row: int, col: int) -> None:
        c = self.c
        if key in c.records:
            if c.records[key] == (status, hours):
                return  # the same mark twice: nothing contradicts
            pid, sid = c.people.ids[key[0]], c.sessions.ids[key[1]]
            shown = f"{status} {hours} h".strip() if hours else status
            given = c.records[key]
            before = f"{given[0]} {given[1]} h" if given[1] else given[0]
            c.problem(self.sheet, row, col, f"{pid} at session {sid} is given twice with "
                                            f"different marks: {shown} here, {before} at "
                                            f"{c.where[key]}")
            return
        c.records[key] = (status, hours)
        c.where[key] = c.here(self.sheet, row, col)

    def _person(self, row: int, values: tuple):
        """``(participant position, role of its cell)``; position ``None`` when reported,
        ``"skip"`` for a row that names nobody (empty, a footer, the meeting's host)."""
        if "pid" in self.cols:
            pid = cell_text(self.value(values, "pid"))
            index = self.pids.get(pid.casefold()) if pid else None
            if index is not None:
                return index, "pid"
            if pid and not {"full", "first", "last"} & set(self.cols):
                self.problem(row, "pid", f"unknown participant_id '{pid}': not in the "
                                         "dataset's participants")
                return None, "pid"
        # No participant_id column, or an "ID" that is none (a row number, a tool's own
        # id): the name says who it is.
        return self._person_by_name(row, values)

    def _person_by_name(self, row: int, values: tuple):
        people = self.c.people
        if "first" in self.cols and "last" in self.cols:
            first = cell_text(self.value(values, "first"))
            last = cell_text(self.value(values, "last"))
            name, labelled, role = f"{first} {last}".strip(), bool(first and last), "first"
            if self.cols["last"] < self.cols["first"]:
                role = "last"
        else:
            role = next((r for r in ("full", "first", "last") if r in self.cols), None)
            if role is None:
                return "skip", None
            name, labelled = cell_text(self.value(values, role)), False
        if not name:
            return "skip", None
        for variant in name_variants(name):
            found = people.match(variant, labelled_order=labelled)
            if len(found) == 1:
                return found[0], role
            if len(found) > 1:
                ids = ", ".join(people.ids[i] for i in found)
                self.problem(row, role, f"ambiguous participant '{name}': matches {ids} "
                                        "(same first and last name)")
                return None, role
        if name.casefold() in self.pids:  # a name column holding participant ids
            return self.pids[name.casefold()], role
        email = cell_text(self.value(values, "email")).casefold()
        if is_host_role(self.value(values, "role")) or (email and email in self.hosts):
            return "skip", None
        others = [v for i, v in enumerate(values, start=1)
                  if i not in (self.cols.get("full"), self.cols.get("first"),
                               self.cols.get("last"))]
        if not_a_person(name, others, False, None):
            return "skip", None
        self.problem(row, role, f"unknown participant '{name}': no participant has this "
                                "first and last name")
        return None, role

    def _titled_day(self) -> dt.date | None:
        """The session date of a table without a date column: the one in its title rows,
        reported once (at the header's first cell) when there is none or no session."""
        if self.title_date is None:
            error = ("cannot tell the session: the table has no date column and neither "
                     "the rows above it nor the file's or sheet's name give one date (or "
                     "give an ambiguous one, such as 11/12/2014)")
        else:
            day, error = self.c.sessions.resolve_date(self.title_date)
            if error is None:
                return day
        if not self.title_reported:
            self.title_reported = True
            self.c.problem(self.sheet, self.columns.row, 1, error)
        return None

    def _day(self, row: int, values: tuple) -> dt.date | None:
        sessions = self.c.sessions
        if "session" in self.cols:
            sid = cell_text(self.value(values, "session"))
            for i, known in enumerate(sessions.ids):
                if known.casefold() == sid.casefold() and sessions.dates[i] is not None:
                    return sessions.dates[i]
            listed = ", ".join(sessions.ids[:8]) + (", …" if len(sessions.ids) > 8 else "")
            self.problem(row, "session", f"unknown session '{sid}' (sessions: {listed})")
            return None
        role = self.when_role
        if role == "title":
            return self._titled_day()
        raw = self.value(values, role)
        what = "the date" if role == "date" else "the join time"
        if not cell_text(raw):
            self.problem(row, role, f"{what} is empty")
            return None
        when = parse_when(raw)
        if role == "date" and when is not None and when.date is None and when.slash is None:
            when = None  # a time of day alone is no date
        if when is None and role == "date" and header_date(raw) is not None:
            when = header_date(raw)  # 20 listopada 2014, czwartek 20.11.2014, 20.11
            found, error = sessions.resolve_date(when)
            if error:
                self.problem(row, role, error)
            return found
        if when is not None and when.date is None and when.slash is None and (
                self.title_date is None):
            self.problem(row, role, f"the join time '{cell_text(raw)}' has no date, and no "
                                    "date is written above the table nor in the file's or "
                                    "sheet's name (e.g. 'Meeting (2014-11-20 at 9:00).csv')")
            return None
        if when is None:
            self.problem(row, role, f"cannot read {what} '{cell_text(raw)}' (expected an "
                                    "Excel date, 2014-11-20, 20.11.2014 or 11/20/2014)")
            return None
        if when.date is None and when.slash is None:
            day = self.title_date  # a time alone (Google Meet): the date of the title rows
        elif when.slashed and self.order == "mixed":
            self.problem(row, role, f"cannot tell the day from the month in "
                                    f"'{cell_text(raw)}': the column has dates written day "
                                    "first (20/11/2014) and month first (11/20/2014); write "
                                    "them as 2014-11-20")
            return None
        elif when.slash is not None and self.order is None:
            self.problem(row, role, f"cannot tell the day from the month in "
                                    f"'{cell_text(raw)}': read either way, the dates are "
                                    "session dates; write them as 2014-11-20")
            return None
        else:
            day = when.on(self.order or "dmy")
        found, error = sessions.resolve_date(day) if day else (None, "not a date")
        if error:
            self.problem(row, role, error)
        return found

    def _outcome(self, row: int, values: tuple):
        """``(status, hours, summed, role of the cell)`` or ``None`` (reported)."""
        if self.events is not None:
            return "present", self.events[row], True, "timestamp"
        status = "present"
        if "mark" in self.cols:
            mark = self.value(values, "mark")
            parsed = parse_mark(mark)
            if parsed is None:
                self.problem(row, "mark", f"unknown mark '{cell_text(mark)}' ({MARK_HELP})")
                return None
            status, hours = parsed
            if "hours" not in self.cols and "duration" not in self.cols:
                return status, hours, False, "mark"
        if "hours" in self.cols:
            raw = self.value(values, "hours")
            hours = parse_duration(raw, minutes=False)
            if hours is None and cell_text(raw):
                self.problem(row, "hours", f"cannot read the hours '{cell_text(raw)}' "
                                           "(expected a number such as 4 or 4,5)")
                return None
            if "mark" not in self.cols:
                status = "present" if hours else "absent"
            return (status, format_hours(hours) if hours else "", False,
                    "mark" if "mark" in self.cols else "hours")
        raw = self.value(values, "duration")
        if "duration" in self.cols and cell_text(raw):
            hours = parse_duration(raw, minutes=self.columns.minutes)
            if hours is None:
                self.problem(row, "duration", f"cannot read the duration '{cell_text(raw)}' "
                                              f"(expected {DURATION_HELP})")
                return None
            return status, hours, True, "duration"
        join, leave = (parse_when(self.value(values, r)) for r in ("join", "leave"))
        if join and leave and join.time and leave.time:
            start = dt.datetime.combine(dt.date(2000, 1, 1), join.time)
            end = dt.datetime.combine(dt.date(2000, 1, 1), leave.time)
            if join.date and leave.date:
                start = dt.datetime.combine(join.date, join.time)
                end = dt.datetime.combine(leave.date, leave.time)
            if end >= start:
                return status, (end - start).total_seconds() / 3600, True, "leave"
        if "duration" in self.cols or "leave" in self.cols:
            role = "duration" if "duration" in self.cols else "leave"
            self.problem(row, role, "no duration: the cell is empty and the join and leave "
                                    "times do not give one")
            return None
        return status, "", False, next(iter(self.cols))
