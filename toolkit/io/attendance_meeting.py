"""Values of long attendance tables and online-meeting reports: times, durations, names.

A long table (one row per person and session) and an attendance report of an online
meeting (Zoom's participants CSV, a Microsoft Teams attendance report, a Google Meet
attendance sheet) write their values in the tools' own ways; this module reads them:

* **Dates and times** (a date column, a join time): an Excel date or date-time,
  ``2014-11-20``, ``2014-11-20 09:58:12``, ``20.11.2014``, ``20.11.2014, 09:58``,
  ``11/20/2014 9:58:12 AM``, ``10/27/23, 9:58 AM``. A date with slashes may be written
  day first (``20/11/2014``) or month first (``11/20/2014``): :func:`slash_order`
  decides one order for a whole column, as Google's timestamps are read elsewhere — the
  order that a day above 12 proves, else the order in which the dates are the
  dataset's session dates; when both orders fit, the column is ambiguous (an error).
* **Durations**: ``1 hr 41 min``, ``1h 41m 3s``, ``101 min``, ``45 mins``, ``2 hours``,
  ``1 godz. 41 min``, ``01:41:00`` and ``1:41`` (hours and minutes), an Excel time, or a
  plain number, which is minutes (what every meeting tool counts in).
* **Names** as meeting tools show them: ``Anna Wójcik (Anna W)`` (Zoom's original name),
  ``Wójcik, Anna``, ``Anna Wójcik (Guest)``.
* **Roles**: the organiser and presenters of a meeting (``Organizer``, ``Presenter``,
  ``Host``, ``Organizator``, ``Prezenter``) are skipped when they are no participant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ._attendance_common import _make_date, cell_text, fold

__all__ = ["parse_duration", "parse_when", "When", "column_order", "name_variants",
           "is_host_role", "title_date", "host_emails", "DURATION_HELP"]

DURATION_HELP = "a duration such as 1 hr 41 min, 1h 41m 3s, 101 min, 01:41:00 or 1:41"

_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_UNITS = {
    **dict.fromkeys(["h", "hr", "hrs", "hour", "hours", "g", "godz", "godzin", "godziny",
                     "godzina", "godzine"], 3600),
    **dict.fromkeys(["m", "min", "mins", "minute", "minutes", "minut", "minuty", "minuta",
                     "minute"], 60),
    **dict.fromkeys(["s", "sec", "secs", "second", "seconds", "sek", "sekund", "sekundy",
                     "sekunda"], 1),
}
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?")
_CLOCK = re.compile(r"(\d{1,3}):(\d{2})(?::(\d{2}))?")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def parse_duration(value, minutes: bool = True) -> float | None:
    """The hours a duration stands for, or ``None`` when ``value`` is no duration.

    Parameters
    ----------
    value
        The cell: text (``1 hr 41 min``, ``1h 41m 3s``, ``101 min``, ``01:41:00``,
        ``1:41``), a number, an Excel time or a :class:`datetime.timedelta`.
    minutes
        Whether a plain number is minutes (``True``, as meeting tools count) or hours.

    Returns
    -------
    float or None
        Hours (``1 hr 41 min`` → ``1.6833…``).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / 3600
    if isinstance(value, dt.time):
        return value.hour + value.minute / 60 + value.second / 3600
    if isinstance(value, (int, float)):
        if value != value or value < 0:
            return None
        return value / 60 if minutes else float(value)
    text = cell_text(value).casefold()
    if not text:
        return None
    if m := _CLOCK.fullmatch(text):
        return int(m[1]) + int(m[2]) / 60 + int(m[3] or 0) / 3600
    if _NUMBER.fullmatch(text):
        number = float(text.replace(",", "."))
        return number / 60 if minutes else number
    seconds, pos = 0.0, 0
    text = text.replace(" and ", " ").replace(" i ", " ")
    for m in _PART.finditer(text):
        if text[pos:m.start()].strip(" ,") or m[2] not in _UNITS:
            return None
        seconds += float(m[1].replace(",", ".")) * _UNITS[m[2]]
        pos = m.end()
    if pos == 0 or text[pos:].strip(" ,."):
        return None
    return seconds / 3600


# ------------------------------------------------------------------------- dates, times

_TIME = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:[.,]\d+)?\s*(?P<ampm>[ap]\.?\s*m\.?)?"
_DATE_TIME = re.compile(
    r"(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y2>\d{4}|\d{2}))"
    r"\.?(?:\s*r\.)?(?:[ ,t]+" + _TIME + r")?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}).*)?")
_TIME_ONLY = re.compile(_TIME)
_MONTH_NAMES = {name: i + 1 for i, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
# "Nov 20, 2014 09:00:10 AM", "20 Nov 2014 09:00", "November 20, 2014"
_NAMED = re.compile(r"(?:(?P<m1>[a-z]{3,9})\.? (?P<d1>\d{1,2}),?|(?P<d2>\d{1,2}) (?P<m2>[a-z]{3,9})\.?)"
                    r" (?P<y>\d{4}),?(?:[ ,t]+" + _TIME + r")?")


@dataclass(frozen=True)
class When:
    """A date (and time of day) as written in one cell.

    ``date`` is known unless the date is written with slashes and both numbers are at
    most 12 (then ``slash`` holds ``(first, second, year)`` and :func:`slash_order`
    decides); ``time`` is the time of day or ``None``.
    """

    date: dt.date | None
    time: dt.time | None = None
    slash: tuple[int, int, int] | None = None
    slashed: bool = False  # written with slashes (day or month first)

    def on(self, order: str) -> dt.date | None:
        """The date, reading a slashed date in ``order`` (``"dmy"`` or ``"mdy"``)."""
        if self.slash is None:
            return self.date
        first, second, year = self.slash
        day, month = (first, second) if order == "dmy" else (second, first)
        return _make_date(year, month, day)


def _time(m) -> dt.time | None:
    if m is None or m.group("h") is None:
        return None
    hour, minute, second = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
    if m["ampm"]:
        pm = m["ampm"].startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        return None


def parse_when(value) -> When | None:
    """The date (and time) a cell holds, or ``None`` when it holds none.

    A time alone (``10:02 AM``, as Google Meet writes the time joined) gives a
    :class:`When` without a date.
    """
    if isinstance(value, dt.datetime):
        return When(value.date(), value.time())
    if isinstance(value, dt.date):
        return When(value)
    if isinstance(value, dt.time):
        return When(None, value)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if 20000 <= value <= 80000:  # an Excel serial date (and time)
            moment = _EXCEL_EPOCH + dt.timedelta(days=float(value))
            return When(moment.date(), moment.time() if value % 1 else None)
        return None
    text = cell_text(value).casefold()
    m = _DATE_TIME.fullmatch(text)
    if m is None and (n := _NAMED.fullmatch(text)):
        month = _MONTH_NAMES.get((n["m1"] or n["m2"])[:3])
        day = month and _make_date(int(n["y"]), month, int(n["d1"] or n["d2"]))
        return When(day, _time(n)) if day else None
    if m is None:
        t = _TIME_ONLY.fullmatch(text)
        return When(None, _time(t)) if t and _time(t) else None
    time = _time(m)
    if m["y1"]:
        day = _make_date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        return When(day, time) if day else None
    first, second, year = int(m["a"]), int(m["b"]), int(m["y2"])
    if m["sep"] != "/":  # 20.11.2014 and 20-11-2014 are day first
        day = _make_date(year, second, first)
        return When(day, time) if day else None
    if first > 12 or second > 12:
        day = (_make_date(year, second, first) if first > 12
               else _make_date(year, first, second))
        return When(day, time, None, True) if day else None
    return When(None, time, (first, second, year), True)


def slash_order(whens: list[When | None], session_dates: set[dt.date]) -> str | None:
    """The order (``"dmy"`` or ``"mdy"``) of a column's slashed dates, ``None`` if unknown.

    A slashed date with a first number above 12 proves day first, a second number above 12
    month first (then ``parse_when`` has already read it). Otherwise the order in which
    every slashed date of the column is a session date wins; when both orders give
    session dates for every cell and some cell reads differently in the two, ``None``
    (ambiguous). When neither fits, day first (the Polish order) is used and the dates
    are reported as unknown.
    """
    slashed = [w for w in whens if w is not None and w.slash is not None]
    if not slashed:
        return "dmy"
    fits = [order for order in ("dmy", "mdy")
            if all(w.on(order) in session_dates for w in slashed)]
    if len(fits) == 1:
        return fits[0]
    if not fits:
        return "dmy"
    if all(w.slash[0] == w.slash[1] for w in slashed):
        return "dmy"
    return None


def column_order(cells: list, session_dates: set[dt.date]) -> str | None:
    """The order of a whole column's slashed dates, given the raw ``cells``.

    A day above 12 in any slashed cell proves the order for the whole column (``"dmy"``
    or ``"mdy"``); cells proving both orders give ``"mixed"``; none proving any while
    both orders give session dates leaves it ``None``.
    """
    texts = [cell_text(c).casefold() for c in cells if isinstance(c, str)]
    dmy = mdy = False
    for text in texts:
        m = _DATE_TIME.fullmatch(text)
        if m and m["sep"] == "/":
            dmy |= int(m["a"]) > 12
            mdy |= int(m["b"]) > 12
    if dmy != mdy:
        return "dmy" if dmy else "mdy"
    if dmy and mdy:
        return "mixed"
    return slash_order([parse_when(c) for c in cells], session_dates)


# ---------------------------------------------------------------------------------- names

_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


def name_variants(name: str) -> list[str]:
    """The ways a meeting tool's name may name a participant, the likeliest first.

    ``Anna Wójcik (Anna W)`` → the whole, ``Anna Wójcik``, ``Anna W``; ``Wójcik, Anna`` →
    ``Wójcik Anna`` (the order does not matter to the match).
    """
    variants = [name]
    outside = _PAREN.sub(" ", name).strip()
    inside = [part.strip() for part in _PAREN.findall(name) if part.strip()]
    for candidate in (outside, *inside):
        if candidate and candidate not in variants:
            variants.append(candidate)
    for candidate in list(variants):
        if "," in candidate:
            swapped = " ".join(candidate.replace(",", " ").split())
            if swapped not in variants:
                variants.append(swapped)
    return variants


_HOST_ROLES = {"organizer", "organiser", "co organizer", "co organiser", "presenter", "host",
               "co host", "organizator", "wspolorganizator", "prezenter", "prowadzacy",
               "gospodarz", "wspolgospodarz", "trener", "trainer"}


def is_host_role(value) -> bool:
    """Whether a role cell names the meeting's organiser, host or a presenter."""
    return fold(value).replace("-", " ") in _HOST_ROLES if value is not None else False


# ---------------------------------------------------------------------- title rows

#: Title-block headers whose value below is the meeting's host (Zoom's meeting summary).
_HOST_EMAIL = {"user email", "host email", "organizer email", "email organizatora",
               "email gospodarza"}
_DATE_IN_TITLE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}")


def title_date(rows: list[tuple], session_dates: set[dt.date] | None,
               strict: bool = True) -> dt.date | None:
    """The one date written in the title rows above a header (Zoom's meeting "Start
    Time", "Lista obecności 20.11.2014"), else ``None``.

    A slashed date both of whose numbers are at most 12 counts in the order that gives a
    session date. With ``strict=False`` any date-like text is enough (a quick check).
    """
    found = set()
    for values in rows:
        for value in values:
            whens = [parse_when(value)]
            if whens[0] is None and isinstance(value, str):
                whens = [parse_when(m.group(0)) for m in _DATE_IN_TITLE.finditer(value)]
            for when in filter(None, whens):
                if when.date is not None:
                    found.add(when.date)
                elif when.slash is not None:
                    if not strict:
                        return dt.date.min
                    fits = {when.on(o) for o in ("dmy", "mdy")} & (session_dates or set())
                    found |= fits if len(fits) == 1 else {None}
    return found.pop() if len(found) == 1 else None


def host_emails(rows: list[tuple]) -> set[str]:
    """E-mails of the meeting's host named in the title block (Zoom: ``User Email``)."""
    found = set()
    for index, values in enumerate(rows[:-1]):
        for col, value in enumerate(values):
            if isinstance(value, str) and fold(value) in _HOST_EMAIL:
                below = rows[index + 1]
                if col < len(below) and cell_text(below[col]):
                    found.add(cell_text(below[col]).casefold())
    return found
