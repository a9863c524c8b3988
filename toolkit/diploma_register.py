"""Diploma numbers for good: the register of diplomas issued (SPEC §3 ``--register``).

A diploma's number is ``PREFIX/YEAR/NNN``. The register (``participant_id,
diploma_number, issued_on``) remembers every number given: a rerun keeps each of them and
numbers only new diplomas, after the highest number of the same prefix and year, so a
diploma printed and handed out never changes its number.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from .errors import DataError, Problem
from .io.files import atomic_write

__all__ = ["REGISTER_COLUMNS", "REGISTER_FILE", "read_register", "write_register",
           "assign_numbers", "format_diploma_number"]

#: The register's columns, in order.
REGISTER_COLUMNS = ["participant_id", "diploma_number", "issued_on"]
#: The register's file name when ``--register`` is not given (next to the PDFs).
REGISTER_FILE = "rejestr_dyplomow.csv"

_NUMBER = re.compile(r"^(?P<prefix>.+)/(?P<year>\d{4})/(?P<n>\d+)$")


def format_diploma_number(prefix: str, year: int, n: int) -> str:
    """``AW``, 2015, 7 → ``AW/2015/007`` (three digits or more)."""
    return f"{prefix}/{int(year)}/{int(n):03d}"


def read_register(path: str | Path) -> pd.DataFrame:
    """The register at ``path`` (an empty one when the file does not exist).

    Raises
    ------
    DataError
        Every problem of the file as ``FILE:LINE:COLUMN`` (a missing column, a number not
        written ``PREFIX/YEAR/NNN``, a participant or number given twice, a bad date).
    """
    path = Path(path)
    if not path.exists():
        return pd.DataFrame(columns=REGISTER_COLUMNS)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError([Problem(str(path), 1, 1, f"cannot read the diploma register: {exc}")])
    problems = [Problem(str(path), 1, 1, f"missing required column '{c}'")
                for c in REGISTER_COLUMNS if c not in frame]
    if problems:
        raise DataError(problems)
    col = {c: list(frame.columns).index(c) + 1 for c in REGISTER_COLUMNS}
    frame = frame[REGISTER_COLUMNS].apply(lambda s: s.str.strip())
    for row, record in enumerate(frame.itertuples(index=False)):
        line = row + 2
        if not _NUMBER.match(record.diploma_number):
            problems.append(Problem(str(path), line, col["diploma_number"],
                                    f"diploma_number: '{record.diploma_number}' is not written "
                                    "PREFIX/YEAR/NNN"))
        if record.issued_on and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", record.issued_on):
            problems.append(Problem(str(path), line, col["issued_on"],
                                    f"issued_on: '{record.issued_on}' must be a date YYYY-MM-DD"))
    for column in ("participant_id", "diploma_number"):
        twice = frame[column].duplicated()
        for row in twice[twice].index:
            problems.append(Problem(str(path), int(row) + 2, col[column],
                                    f"{column}: '{frame.at[row, column]}' is in the register twice"))
    if problems:
        raise DataError(problems)
    return frame.reset_index(drop=True)


def assign_numbers(participant_ids, years, register: pd.DataFrame, prefix: str,
                   issued_on: dt.date) -> pd.DataFrame:
    """Numbers for the diplomas of ``participant_ids``, keeping the register's.

    Parameters
    ----------
    participant_ids
        The participants who get a diploma, in numbering order.
    years
        The year each diploma's number carries (the participant's last session).
    register
        The register so far (:func:`read_register`).
    prefix
        The programme's ``diploma_prefix``.
    issued_on
        The date of issue of the new diplomas.

    Returns
    -------
    pandas.DataFrame
        The whole new register (:data:`REGISTER_COLUMNS`): every earlier row unchanged,
        then one row per participant who had no number, numbered after the highest
        number of the same prefix and year.
    """
    rows = [dict(r) for r in register[REGISTER_COLUMNS].to_dict("records")]
    known = {r["participant_id"] for r in rows}
    highest: dict[tuple[str, int], int] = {}
    for r in rows:
        match = _NUMBER.match(r["diploma_number"])
        if match:
            key = (match["prefix"], int(match["year"]))
            highest[key] = max(highest.get(key, 0), int(match["n"]))
    for pid, year in zip(participant_ids, years):
        pid = str(pid)
        if pid in known:
            continue
        key = (prefix, int(year))
        highest[key] = highest.get(key, 0) + 1
        rows.append({"participant_id": pid,
                     "diploma_number": format_diploma_number(prefix, year, highest[key]),
                     "issued_on": issued_on.isoformat()})
        known.add(pid)
    return pd.DataFrame(rows, columns=REGISTER_COLUMNS)


def write_register(register: pd.DataFrame, path: str | Path) -> Path:
    """Write the register atomically (UTF-8, one row per diploma)."""
    path = Path(path)
    atomic_write(path, register[REGISTER_COLUMNS].to_csv(index=False, lineterminator="\n"))
    return path
