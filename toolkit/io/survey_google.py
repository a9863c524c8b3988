"""Google Forms exports: their fixed columns and timestamps in every locale.

Google Forms (and the Sheets download of its responses) write the time of a response
in the spreadsheet's locale:

* ``2019-12-13 09:50:30``, ``2019/12/13 9:50:30`` (year first: never ambiguous; also
  LimeSurvey's ``submitdate``);
* ``13.12.2019 09:50:30`` (Polish, German …: day first);
* ``12/13/2019 9:50:30`` or ``12/13/2019 9:50:30 PM`` (en-US: month first) and
  ``13/12/2019 09:50:30`` or ``13-12-2019 9:50:30`` (en-GB, Spanish, Dutch …: day first).

The order of a slashed (or dashed) date is taken from the whole column: when a day above
12 shows that only one order fits every row, that order is used; when every date fits
both orders, ``--date-order dmy|mdy`` must say which (``date_order``).
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["GOOGLE_TIME", "EMAIL", "IGNORED", "DATE_ORDERS", "Timestamps", "parse_timestamps",
           "parse_one"]

#: ``--date-order`` values.
DATE_ORDERS = ("dmy", "mdy")

# Keys as compared (case-folded, "_" as a space, no final ":").
GOOGLE_TIME = {"sygnatura czasowa", "timestamp", "znacznik czasu", "marca temporal",
               "tijdstempel", "zeitstempel", "horodateur", "horodatage",
               "informazioni cronologiche", "carimbo de data/hora", "data/hora"}
EMAIL = {"adres e-mail", "adres email", "e-mail", "email", "email address",
         "e-mail address", "adres e-mail respondenta", "nazwa użytkownika", "username",
         "dirección de correo electrónico", "correo electrónico", "correo",
         "e-mailadres", "e-mail-adresse", "adresse e-mail", "indirizzo email",
         "endereço de e-mail"}
#: Further columns Google writes that are never questions (a quiz's score).
IGNORED = {"score", "wynik", "punkty", "puntuación", "puntuacion", "score (punten)",
           "punten", "punktzahl", "punteggio", "pontuação", "total score"}

# A zone after the time: an offset (GMT+1, UTC+01:00, +0100, Z) or an abbreviation
# (CET, MEZ, EST, …; never AM/PM, which are read by _TIME).
_TIMEZONE = re.compile(r"\s*(?:(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|"
                       r"(?<=\s)(?!(?:AM|PM)$)[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|"
                       r"[+-]\d{2}:?\d{2}|Z)$")
# The half of the day: AM/PM, a.m./p.m., a. m./p. m. (Spanish), vorm./nachm. (German).
_TIME = (r"(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
         r"(?:\s*([AaPp]\.?\s*[Mm]\.?|vorm\.|nachm\.))?)?")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _TIME)
_SLASHED = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})" + _TIME)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _clock(match, first: int) -> tuple[int, int, int] | None:
    hour, minute, second, half = match.group(first, first + 1, first + 2, first + 3)
    if hour is None:
        return 0, 0, 0
    hour, minute, second = int(hour), int(minute), int(second or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower().startswith(("p", "nachm")) else 0)
    return hour, minute, second


def _make(year: int, month: int, day: int, clock) -> str | None:
    if clock is None:
        return None
    try:
        return dt.datetime(year, month, day, *clock).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def _clean(value: str) -> str:
    return _TIMEZONE.sub("", " ".join(str(value).split()))


def parse_one(value: str, order: str | None = None) -> str | None:
    """``YYYY-MM-DD HH:MM:SS`` from one timestamp, or None.

    A slashed date is read in ``order`` (``dmy``/``mdy``); without one, in whichever
    order fits (day first when both do). Used to recognise a column of times.
    """
    text = _clean(value)
    found = _YMD.fullmatch(text)
    if found:
        y, m, d = found.group(1, 2, 3)
        return _make(int(y), int(m), int(d), _clock(found, 4))
    found = _DOTTED.fullmatch(text)
    if found:
        d, m, y = found.group(1, 2, 3)
        return _make(_year(y), int(m), int(d), _clock(found, 4))
    found = _SLASHED.fullmatch(text)
    if found:
        a, b, y = int(found.group(1)), int(found.group(2)), _year(found.group(3))
        clock = _clock(found, 4)
        if order == "mdy":
            return _make(y, a, b, clock)
        if order == "dmy":
            return _make(y, b, a, clock)
        return _make(y, b, a, clock) or _make(y, a, b, clock)
    return None


class Timestamps:
    """The times of one column, read with one date order.

    Attributes
    ----------
    values
        ``YYYY-MM-DD HH:MM:SS`` per row, ``""`` when empty, None when unreadable.
    order
        The order used for slashed dates (``dmy``, ``mdy``) or None (none was needed).
    ambiguous
        An example value when every slashed date fits both orders and no order was
        given (the column cannot be read then), else None.
    """

    def __init__(self, values, order, ambiguous):
        self.values = values
        self.order = order
        self.ambiguous = ambiguous


def parse_timestamps(values: list[str], order: str | None = None) -> Timestamps:
    """Read a column of timestamps, choosing the order of slashed dates from all rows.

    Parameters
    ----------
    values
        The cells (``""`` when empty).
    order
        ``dmy`` or ``mdy`` from ``--date-order``; None: decided by the column.
    """
    slashed = [(i, _SLASHED.fullmatch(_clean(v))) for i, v in enumerate(values) if v]
    slashed = [(i, m) for i, m in slashed if m]
    if order is None and slashed:
        fits = {o: sum(parse_one(values[i], o) is not None for i, _ in slashed)
                for o in DATE_ORDERS}
        differ = [values[i] for i, m in slashed if int(m.group(1)) != int(m.group(2))]
        if fits["dmy"] == fits["mdy"] == len(slashed) and differ:
            return Timestamps([None if v else "" for v in values], None, differ[0])
        order = max(DATE_ORDERS, key=lambda o: fits[o])  # dmy on a tie
    parsed = [parse_one(v, order) if v else "" for v in values]
    return Timestamps(parsed, order if slashed else None, None)
