"""The entry points: read a dataset and find every problem of it in one pass.

:func:`check_dataset` reads the tables (:mod:`toolkit.io.tables`), checks each against
its schema (:mod:`toolkit.validation.tables`), then runs the cross-table rules
(:mod:`toolkit.validation.cross_table`); :func:`validate` returns the problems sorted.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem
from ..io.defaults import default_index_areas
from ..io.tables import TABLE_NAMES, read_dataset
from .cross_table import cross_table_problems
from .schemas import _NEEDS, SCHEMAS
from .tables import _duplicate_problems, _parse_numbers, _schema_problems

__all__ = ["check_dataset", "validate"]


def _areas_frame(typed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    if "index_areas" not in typed:
        return default_index_areas()
    areas = typed["index_areas"].copy()
    for column, default in (("scale_min", 0.0), ("scale_max", 5.0)):
        values = areas[column] if column in areas else pd.Series(np.nan, index=areas.index)
        areas[column] = values.astype("Float64").fillna(default).astype(float)
    return areas


def _table_of(file: str) -> str:
    """The table a problem's file holds: ``participants`` for ``x/participants.csv`` or
    ``book.xlsx[Participants]``."""
    if file.endswith("]") and "[" in file:
        return file.rsplit("[", 1)[1][:-1].strip().lower()
    return Path(file).stem.lower()


def check_dataset(path: str | Path) -> tuple[dict[str, pd.DataFrame], dict[str, str], list[Problem]]:
    """Read and check a dataset; never raises for bad data.

    Returns
    -------
    tables, files, problems
        The typed tables that could be read (numbers parsed, text kept), the file each
        came from, and every problem found (errors and warnings).
    """
    raw, problems = read_dataset(path)
    unreadable = any(p.file == str(path) and p.is_error for p in problems)  # the whole dataset
    if "gminas" not in raw and not unreadable and not any(
            _table_of(p.file) == "gminas" for p in problems):
        where = Path(path)
        file = f"{where}[gminas]" if where.suffix.lower() in (".xlsx", ".xlsm") else str(
            where / "gminas.csv")
        if where.exists():
            problems.append(Problem(file, 1, 1, "the required table 'gminas' is missing"))
    typed: dict[str, pd.DataFrame] = {}
    for name in TABLE_NAMES:
        if name not in raw:
            continue
        schema = SCHEMAS[name]
        frame, reported = _parse_numbers(raw[name], schema, problems)
        problems += _schema_problems(raw[name], frame, schema, reported)
        problems += _duplicate_problems(raw[name], frame)
        typed[name] = frame
    # A table present but unreadable has had that reported: it is not also "missing".
    unreadable = {_table_of(p.file) for p in problems if p.is_error}
    for name, needs in _NEEDS.items():
        if name in raw:
            for need in needs:
                if need not in raw and need not in unreadable:
                    problems.append(raw[name].problem(
                        None, None, f"the {name} table needs the '{need}' table, which is missing"))
    if "gminas" in raw and raw["gminas"].frame.empty and not raw["gminas"].unread:
        problems.append(raw["gminas"].problem(
            None, None, "the table is empty (a header row only): at least one gmina is required"))
    # Cross-table rules need the key columns of the tables they join.
    joinable = {n: f for n, f in typed.items()
                if all(c in f for c in SCHEMAS[n].columns if SCHEMAS[n].columns[c].required)}
    problems += cross_table_problems(raw, joinable, _areas_frame(joinable))
    files = {name: table.file for name, table in raw.items()}
    return typed, files, problems


def validate(path: str | Path) -> list[Problem]:
    """Every problem of the dataset at ``path`` (errors and warnings), sorted by location.

    Parameters
    ----------
    path
        A folder of CSV files or an ``.xlsx`` workbook (SPEC §2).

    Examples
    --------
    >>> problems = validate("data/demo")
    >>> [str(p) for p in problems if p.is_error]
    []
    """
    _, _, problems = check_dataset(path)
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
