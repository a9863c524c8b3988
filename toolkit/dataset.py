"""The validated dataset: typed frames, and one gmina's slice of them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from . import config
from .errors import DataError, Problem
from .io.defaults import default_index_areas
from .io.tables import TABLE_NAMES
from .programme import Programme
from .scales import Scale, scales_from_table
from .validation import check_dataset

__all__ = ["Dataset", "load_dataset", "default_index_areas"]

#: Columns that name a person: only trainer outputs (diploma lists, diplomas) show them.
NAME_COLUMNS = ("first_name", "last_name")

# Tables about the whole programme, kept whole in a gmina's slice.
_PROGRAMME_TABLES = ("sessions", "items", "index_areas", "programme", "labels")

_DATE_COLUMNS = {
    "sessions": ["date"],
    "index_scores": ["date"],
    "recommendations": ["adopted_on"],
    "responses": ["submitted_at"],
    "actions": ["due", "done_on"],
}
# Dates of things that happened (SPEC §2 ``as_of``): a future ``due`` date is not one.
_HAPPENED = {**_DATE_COLUMNS, "actions": ["done_on"]}


def _finish(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Typed frame from validation → plain pandas types for analysis."""
    frame = frame.copy()
    for column in frame.columns:
        dtype = str(frame[column].dtype)
        if dtype == "Int64":
            frame[column] = (frame[column].astype("int64") if frame[column].notna().all()
                             else frame[column].astype(float))
        elif dtype == "Float64":
            frame[column] = frame[column].astype(float)
    for column in _DATE_COLUMNS.get(name, []):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column], errors="coerce", format="mixed")
    return frame


@dataclass(frozen=True)
class Dataset:
    """A validated dataset.

    Attributes
    ----------
    tables
        The tables present, by name (SPEC §2), with numbers and dates typed.
    source
        Where the dataset was read from.
    files
        For each table, the file it came from (for messages).
    warnings
        Warnings found by validation (e.g. missing attendance rows).
    """

    tables: dict[str, pd.DataFrame]
    source: str = ""
    files: dict[str, str] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()
    gmina_id: str | None = None

    def has(self, *names: str) -> bool:
        """True when every named table is present."""
        return all(n in self.tables for n in names)

    def get(self, name: str) -> pd.DataFrame | None:
        """The table ``name``, or ``None`` when the dataset has none."""
        if name not in TABLE_NAMES:
            raise ValueError(f"name must be one of {', '.join(TABLE_NAMES)}; got {name!r}")
        return self.tables.get(name)

    def __getitem__(self, name: str) -> pd.DataFrame:
        frame = self.get(name)
        if frame is None:
            raise KeyError(f"the dataset has no '{name}' table")
        return frame

    @property
    def gminas(self) -> pd.DataFrame:
        return self.tables["gminas"]

    @property
    def index_areas(self) -> pd.DataFrame:
        """The dataset's own ``index_areas`` or, without one, the toolkit's default."""
        if "index_areas" in self.tables:
            return self.tables["index_areas"]
        return default_index_areas()

    @property
    def index_areas_are_default(self) -> bool:
        return "index_areas" not in self.tables

    def gmina(self, gmina_id: str) -> pd.Series:
        """The ``gminas`` row of ``gmina_id``."""
        rows = self.gminas[self.gminas["gmina_id"] == gmina_id]
        if rows.empty:
            known = ", ".join(self.gminas["gmina_id"].head(10))
            raise KeyError(f"gmina_id {gmina_id!r} is not in the dataset (known: {known}…)")
        return rows.iloc[0]

    @cached_property
    def scales(self) -> dict[str, Scale]:
        """Answer scales by name: the built-in ones and the dataset's ``scales`` table."""
        return scales_from_table(self.tables.get("scales"))

    @property
    def programme(self) -> Programme:
        """The programme the dataset describes (``programme``, ``labels``; neutral without)."""
        return Programme.from_tables(self.tables.get("programme"), self.tables.get("labels"))

    def data_date(self) -> pd.Timestamp | None:
        """The day the data describes: the programme's ``as_of``, else the latest date of
        anything that happened (sessions, scores, adoptions, responses, actions done)."""
        as_of = self.programme.as_of
        if as_of is not None:
            return pd.Timestamp(as_of)
        dates = [self.tables[t][c] for t, cols in _HAPPENED.items() if t in self.tables
                 for c in cols if c in self.tables[t]]
        latest = [d.max() for d in dates if d.notna().any()]
        return max(latest) if latest else None

    def for_gmina(self, gmina_id: str) -> "Dataset":
        """The slice of the dataset that belongs to one gmina.

        Programme-wide tables (``sessions``, ``items``, ``index_areas``) are kept whole;
        every participant-level row of other gminas is dropped, so a report built from
        the slice cannot show another gmina's participants.
        """
        self.gmina(gmina_id)
        return next(self.gmina_slices([gmina_id]))[1]

    def gmina_slices(self, gmina_ids=None) -> Iterator[tuple[str, "Dataset"]]:
        """``(gmina_id, slice)`` for each gmina (all by default), as :meth:`for_gmina` gives.

        The tables are grouped once, so slicing every gmina of a national dataset costs
        about as much as one pass over it.
        """
        ids = list(self.gminas["gmina_id"]) if gmina_ids is None else list(gmina_ids)
        shared = self.shared_tables()
        rows = self.gmina_rows()
        empty = np.array([], dtype=np.int64)
        for gmina_id in ids:
            tables = dict(shared)
            for name, index in rows.items():
                tables[name] = self.tables[name].iloc[index.get(gmina_id, empty)].reset_index(drop=True)
            yield gmina_id, replace(self, tables=tables, gmina_id=gmina_id)

    def shared_tables(self) -> dict[str, pd.DataFrame]:
        """The tables every gmina's slice holds whole: the programme's (sessions, items …)."""
        return {n: f for n, f in self.tables.items() if n in _PROGRAMME_TABLES}

    def gmina_rows(self) -> dict[str, dict]:
        """The rest of a gmina's slice: for each table cut by gmina, the positions of each
        gmina's rows (an array by gmina id; a gmina without rows is not a key).

        A table is cut by its ``gmina_id``, attendance by its participant's; a table with
        neither is in no gmina's slice.
        """
        rows: dict[str, dict] = {}
        for name, frame in self.tables.items():
            if name in _PROGRAMME_TABLES:
                continue
            if name == "attendance":
                home = self.tables.get("participants")
                if home is None:
                    continue
                keys = frame["participant_id"].map(
                    home.drop_duplicates("participant_id").set_index("participant_id")["gmina_id"])
            elif "gmina_id" in frame:
                keys = frame["gmina_id"]
            else:
                continue
            rows[name] = pd.Series(np.arange(len(frame))).groupby(keys.to_numpy(),
                                                                  sort=False).indices
        return rows

    def without_names(self) -> "Dataset":
        """The dataset without participants' names (SPEC §5): what evaluation reports and
        everything written beside them may hold."""
        people = self.tables.get("participants")
        if people is None:
            return self
        tables = dict(self.tables)
        tables["participants"] = people.drop(columns=[c for c in NAME_COLUMNS if c in people])
        return replace(self, tables=tables)

    def summary(self) -> pd.DataFrame:
        """Rows per table: what the dataset (or the slice) holds.

        Returns
        -------
        pandas.DataFrame
            Columns ``table``, ``present`` (bool), ``rows`` (int, 0 when absent).
        """
        return pd.DataFrame({
            "table": list(TABLE_NAMES),
            "present": [n in self.tables for n in TABLE_NAMES],
            "rows": [len(self.tables[n]) if n in self.tables else 0 for n in TABLE_NAMES],
        })


def load_dataset(path: str | Path = config.DEMO_DATA_DIR) -> Dataset:
    """Read, validate and type a dataset.

    Parameters
    ----------
    path
        A folder of CSV files or an ``.xlsx`` workbook; the demo dataset by default.

    Returns
    -------
    Dataset

    Raises
    ------
    DataError
        With every problem found, when there is at least one error.
    """
    typed, files, problems = check_dataset(path)
    if any(p.is_error for p in problems):
        raise DataError(problems)
    tables = {name: _finish(name, frame) for name, frame in typed.items()}
    if "responses" in tables:
        tables["responses"] = _fill_response_gmina(tables["responses"], tables.get("participants"))
    warnings = tuple(sorted(problems))
    return Dataset(tables=tables, source=str(path), files=files, warnings=warnings)


def _fill_response_gmina(responses: pd.DataFrame, participants: pd.DataFrame | None) -> pd.DataFrame:
    """A response's gmina is its participant's gmina when the row gives none."""
    responses = responses.copy()
    if "gmina_id" not in responses:
        responses["gmina_id"] = None
    if participants is not None and "participant_id" in responses:
        home = responses["participant_id"].map(
            participants.drop_duplicates("participant_id").set_index("participant_id")["gmina_id"])
        responses["gmina_id"] = responses["gmina_id"].where(responses["gmina_id"].notna(), home)
    return responses
