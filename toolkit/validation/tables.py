"""One table at a time: numbers parsed, the schema applied, duplicate keys found.

Values arrive as text (:mod:`toolkit.io.tables`); numbers are parsed here (decimal comma
accepted, spaces as thousands separators), then pandera checks the table lazily against
its schema (:mod:`toolkit.validation.schemas`). Every finding is a
:class:`~toolkit.errors.Problem` at ``FILE:LINE:COLUMN``.
"""

from __future__ import annotations

import copy
import re

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..errors import Problem
from ..io.tables import RawTable
from .schemas import SCHEMAS, TABLE_KEYS

_NUMBER_TEXT = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _parse_numbers(table: RawTable, schema: pa.DataFrameSchema,
                   problems: list[Problem]) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """Parse the numeric columns of ``table`` (decimal comma, spaces in thousands).

    Returns the frame with numeric columns as nullable Int64/Float64 and the cells
    already reported as not-a-number (so pandera's own checks do not repeat them).
    """
    frame = table.frame.copy()
    reported: set[tuple[int, str]] = set()
    for column, spec in schema.columns.items():
        dtype = str(spec.dtype)
        if column not in frame or dtype not in ("Int64", "Float64"):
            continue
        raw = frame[column]
        given = raw.notna()
        text = raw[given].astype(str).str.replace(r"[\s\u00a0]", "", regex=True)
        ok = text.str.match(_NUMBER_TEXT)
        numbers = pd.to_numeric(text.where(ok).str.replace(",", ".", regex=False), errors="coerce")
        whole = "whole " if dtype == "Int64" else ""
        if dtype == "Int64":
            ok &= numbers == np.floor(numbers)
        bad = ok.index[~ok].to_numpy()
        cells = raw.to_numpy(dtype=object)
        problems += table.problems(bad, column, lambda r: (
            f"{column}: '{cells[r]}' is not a {whole}number"))
        reported.update((int(row), column) for row in bad)
        values = pd.Series(np.nan, index=frame.index, dtype=float)
        values[ok.index[ok]] = numbers[ok]
        frame[column] = values.astype(dtype)
    return frame, reported


def _schema_problems(table: RawTable, frame: pd.DataFrame, schema: pa.DataFrameSchema,
                     reported: set[tuple[int, str]]) -> list[Problem]:
    """Pandera's findings as problems; a cell found wrong is blanked in ``frame``.

    Blanking keeps one wrong value from being reported again by the cross-table rules
    (a negative session length would make every attended hour look too long). Duplicate
    keys are found by :func:`_duplicate_problems`, not here.
    """
    checked = copy.copy(schema)
    checked.unique = None
    try:
        checked.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    problems: list[Problem] = []
    key = TABLE_KEYS.get(table.name, [])
    cases = cases.assign(check=cases["check"].astype(str))
    on_cells = cases["index"].notna() & (cases["check"] != "column_in_dataframe")
    for check, column, value in cases.loc[~on_cells, ["check", "column", "failure_case"]
                                          ].itertuples(index=False):
        if check == "column_in_dataframe":
            message, near = _missing_column(table, str(value))
            problems.append(table.problem(None, near, message))
        else:
            # A whole-column finding (a wrong dtype): shown once on the header.
            problems.append(table.problem(None, column, f"{column}: {check}"))
    found = cases[on_cells].assign(row=lambda c: c["index"].astype(np.int64))
    for (check, column), group in found.groupby(["check", "column"], sort=False):
        done = {row for row, col in reported if col == column}
        rows = group["row"][~group["row"].isin(done)].to_numpy() if done else \
            group["row"].to_numpy()
        if not len(rows):
            continue
        if check == "not_nullable":
            problems += table.problems(rows, column, lambda r, n=column: f"{n}: a value is required")
            continue
        if column in table.frame:
            shown = table.frame[column].to_numpy(dtype=object)
        else:
            shown = dict(zip(group["row"].tolist(), group["failure_case"].tolist()))
        problems += table.problems(rows, column, lambda r, c=shown, k=check, n=column: (
            f"{n}: '{c[r]}' {k}"))
        if column not in key:
            frame.loc[frame.index[rows], column] = pd.NA
    return problems


def _missing_column(table: RawTable, column: str) -> tuple[str, str | None]:
    """The message for a required ``column`` absent from ``table``, and the header it is
    probably misspelt as (where the problem is shown), if any."""
    import difflib

    unknown = [c for c in table.columns if c not in SCHEMAS[table.name].columns]
    close = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
    if close:
        return f"missing required column '{column}' (is '{close[0]}' a misspelling of it?)", close[0]
    return f"missing required column '{column}'", None


def _duplicate_problems(table: RawTable, frame: pd.DataFrame) -> list[Problem]:
    """Rows repeating an earlier row's key, found in one grouped pass.

    Shown at the key's first column, naming the line of the key's first occurrence. Skipped
    when a key column is missing (that is reported on its own).
    """
    key = TABLE_KEYS.get(table.name, [])
    if not key or not all(k in frame for k in key) or frame.empty:
        return []
    keys = frame[key].astype(object).where(frame[key].notna(), None)
    # A row missing part of its key has that reported on its own; it repeats nothing.
    repeated = (keys.duplicated(keep="first") & keys.notna().all(axis=1)).to_numpy()
    if not repeated.any():
        return []
    first = pd.Series(np.arange(len(keys))).groupby(
        [keys[k].fillna("\x00").astype(str) for k in key], sort=False).transform("first")
    cells = {k: frame[k].to_numpy(dtype=object) for k in key}
    first_line = table.lines[first.to_numpy()]

    def message(row: int) -> str:
        values = ", ".join(f"{k}={cells[k][row]}" for k in key)
        return f"duplicate {'/'.join(key)} ({values}), already on line {int(first_line[row])}"

    return table.problems(np.flatnonzero(repeated), key[0], message)
