"""Shared parts of the attendance importers: marks, names, dates, people and sessions.

The wide lists (:mod:`.attendance_list`), the long tables and the online-meeting reports
(:mod:`.attendance_long`, :mod:`.attendance_meeting`) all read marks, names and dates the
same way and match them to the same ``participants`` and ``sessions``; that is here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

__all__ = ["ATTENDANCE_COLUMNS", "MARKS", "MARK_HELP", "ANY_DATE", "DayMonth", "People",
           "Sessions", "cell_name", "cell_text", "fold", "format_hours", "group_key",
           "header_date", "is_lp_header", "name_header", "name_key", "not_a_person",
           "parse_mark"]
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
    # English marks (and the Polish yes/no): P/A, Y/N where nothing else could be meant.
    **dict.fromkeys(["present", "p", "yes", "y", "attended", "tak", "t"], "present"),
    **dict.fromkeys(["absent", "a", "no", "n", "nie", "not present", "did not attend",
                     "missed"], "absent"),
    **dict.fromkeys(["excused", "excused absence", "absent excused", "ex", "exc"], "excused"),
    **dict.fromkeys(["late", "tardy", "came late", "arrived late"], "late"),
}

MARK_HELP = ("present: x, +, 1, ob, Present, Yes, ✓; absent: empty, -, 0, nb, Absent, No; "
             "excused: u, usp, Excused; late: sp, Late; or hours such as 4,5")
_SPACES = "\u00a0\u2007\u202f\ufeff\t\r\n"
_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(h|g|godz|godzin|godziny|godzina)?")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAX_LISTED = 8  # session dates quoted in an "unknown date" message


# --------------------------------------------------------------------------- text helpers

def cell_text(value) -> str:
    """A cell as trimmed text with plain spaces (``""`` for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    for space in _SPACES:
        text = text.replace(space, " ")
    return " ".join(text.split())


@lru_cache(maxsize=1 << 14)  # the cells of a sheet repeat (names, marks, headers)
def fold(text: str) -> str:
    """Lower case without Polish diacritics, punctuation turned into spaces."""
    text = unicodedata.normalize("NFKD", cell_text(text).casefold().replace("ł", "l"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def name_key(text: str) -> str:
    """How names are compared: NFC, case-folded, single spaces, no spaces round hyphens."""
    text = cell_text(text).casefold()
    text = re.sub(r"\s*[-‐‑–—]\s*", "-", text)
    return text


def format_hours(hours: float) -> str:
    """``4.0`` → ``"4"``, ``4.5`` → ``"4.5"``."""
    return f"{round(hours, 4):.4f}".rstrip("0").rstrip(".")


def cell_name(row: int, col: int) -> str:
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
    text = cell_text(value).casefold().rstrip(".").strip()
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
    return "present", format_hours(number)


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
ANY_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")


@dataclass(frozen=True)
class DayMonth:
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


def _date_in_text(text: str) -> dt.date | DayMonth | None:
    """A date that is the whole of ``text`` (already folded to lower case)."""
    text = re.sub(r"\s*r(ok)?\.?$", "", text.strip()).strip().rstrip(".").strip()
    if m := _ISO.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        return _make_date(int(m[3]), int(m[2]), int(m[1]))
    if (m := _D_ROMAN_Y.fullmatch(text)) and m[2] in _ROMAN:
        return _make_date(int(m[3]), _ROMAN[m[2]], int(m[1]))
    if (m := _D_MONTH_Y.fullmatch(fold(text))) and m[2] in _MONTHS:
        return _make_date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if m := _DM.fullmatch(text):
        if 1 <= int(m[2]) <= 12 and 1 <= int(m[1]) <= 31:
            return DayMonth(int(m[1]), int(m[2]))
    return None


def header_date(value) -> dt.date | DayMonth | None:
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
    matches = list(ANY_DATE.finditer(text))
    if len(matches) == 1:
        rest = fold(text[: matches[0].start()] + " " + text[matches[0].end():]).split()
        if all(w in _DATE_WORDS or w in _ROMAN or (w.isdigit() and len(w) <= 2) for w in rest):
            return _date_in_text(matches[0].group(0))
    return None


# ------------------------------------------------------------------------------- headers

_NAME_QUALIFIERS = {"uczestnika", "uczestniczki", "uczestnikow", "uczestniczek", "osoby",
                    "szkolenia", "kursanta", "i", "oraz"}


#: English name headers (folded) and the part of the name each column holds.
_ENGLISH_NAMES = {
    **dict.fromkeys(["name", "full name", "name surname", "first name last name",
                     "first and last name", "participant", "participant name", "attendee",
                     "attendee name", "student", "student name", "display name",
                     "name original name", "trainee", "person", "nazwa", "nazwa uczestnika",
                     "nazwa wyswietlana"], "full"),
    **dict.fromkeys(["first name", "firstname", "given name", "forename", "first"], "first"),
    **dict.fromkeys(["last name", "lastname", "surname", "family name", "last"], "last"),
}


#: Longer cells are no name header (an answer, a title): not examined, for speed.
_LONGEST_HEADER = 80


def name_header(value) -> str | None:
    """``"full"``, ``"first"`` or ``"last"`` for a name column header, else ``None``."""
    if not isinstance(value, str) or len(value) > _LONGEST_HEADER:
        return None
    words = fold(value).split()
    if not words:
        return None
    if all(w.startswith("uczestni") or w in ("k", "czka", "czki") for w in words):
        return "full"
    english = _ENGLISH_NAMES.get(" ".join(words))
    if english:
        return english
    core = [w for w in words if w not in _NAME_QUALIFIERS]
    kinds = {"imie": "first", "imiona": "first", "nazwisko": "last", "nazwiska": "last"}
    if not core or any(w not in kinds for w in core) or len(core) > 2:
        return None
    found = {kinds[w] for w in core}
    if len(core) == 2:
        return "full" if found == {"first", "last"} else None
    return found.pop()


def is_lp_header(value) -> bool:
    return isinstance(value, str) and fold(value).replace(" ", "") in {"lp", "nr", "lpnr", "no"}



# ---------------------------------------------------------------------------- the dataset

def group_key(value) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return cell_text(value).casefold()


class People:
    """Participants looked up by name."""

    def __init__(self, participants: pd.DataFrame):
        self.ids = participants["participant_id"].astype(str).tolist()
        groups = participants["group"] if "group" in participants else [None] * len(self.ids)
        self.groups = [group_key(g) for g in groups]
        self.group_names = [cell_text(g) if group_key(g) else "" for g in groups]
        self.ordered: dict[str, list[int]] = {}  # "first last"
        self.reversed: dict[str, list[int]] = {}  # "last first"
        firsts = participants["first_name"].tolist()
        lasts = participants["last_name"].tolist()
        for i, (first, last) in enumerate(zip(firsts, lasts)):
            first, last = cell_text(first), cell_text(last)
            self.ordered.setdefault(name_key(f"{first} {last}"), []).append(i)
            self.reversed.setdefault(name_key(f"{last} {first}"), []).append(i)

    def match(self, text: str, labelled_order: bool) -> list[int]:
        """Positions of the participants named ``text`` ("first last" or "last first").

        With ``labelled_order`` (two labelled columns) the labelled order wins when it
        matches anyone; otherwise both orders count.
        """
        key = name_key(text)
        ordered = self.ordered.get(key, [])
        if labelled_order and ordered:
            return ordered
        return sorted(set(ordered) | set(self.reversed.get(key, [])))


class Sessions:
    """Sessions looked up by date (and group)."""

    def __init__(self, sessions: pd.DataFrame):
        self.ids = sessions["session_id"].astype(str).tolist()
        self.hours = pd.to_numeric(sessions["hours"], errors="coerce").tolist()
        dates = pd.to_datetime(sessions["date"], errors="coerce")
        self.dates = [None if pd.isna(d) else d.date() for d in dates]
        groups = sessions["group"] if "group" in sessions else [None] * len(self.ids)
        self.groups = [group_key(g) for g in groups]
        self.group_names = [cell_text(g) if group_key(g) else "" for g in groups]
        self.by_date: dict[dt.date, list[int]] = {}
        for i, day in enumerate(self.dates):
            if day is not None:
                self.by_date.setdefault(day, []).append(i)

    def known_dates(self) -> str:
        days = sorted(self.by_date)
        text = ", ".join(d.isoformat() for d in days[:_MAX_LISTED])
        return text + (", …" if len(days) > _MAX_LISTED else "") if days else "none"

    def resolve_date(self, when: dt.date | DayMonth) -> tuple[dt.date | None, str | None]:
        """The session day a header stands for, or an error message."""
        if isinstance(when, DayMonth):
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


def not_a_person(name: str, marks: list, has_lp: bool, lp_value) -> bool:
    """Whether an unmatched name row is evidently not a person (footer, section, blank)."""
    if not any(c.isalpha() for c in name):
        return True
    if ":" in name or ".." in name or "…" in name or "__" in name:
        return True
    words = fold(name).split()
    if words and words[0].startswith(_FOOTER_WORDS):
        return True
    nothing_marked = all(cell_text(v) == "" for v in marks)
    if nothing_marked and has_lp and cell_text(lp_value) == "":
        return True
    return nothing_marked and bool(words) and words[0] in _SECTION_WORDS


