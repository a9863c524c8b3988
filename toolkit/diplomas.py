"""The trainers' diploma list: compute it from a dataset and write it for people.

``python -m toolkit diplomas`` and ``notebooks/diplomas.ipynb`` both call these.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import datetime as dt

from .attendance import (DIPLOMA_COLUMNS, STATUSES, DiplomaRules, diploma_table,
                         participant_periods)
from .dataset import Dataset
from .diploma_register import assign_numbers, read_register, write_register
from .errors import ToolkitError, UsageError
from .io.excel import Sheet, write_workbook
from .io.files import atomic_write
from .text import t

__all__ = ["diploma_list", "number_diplomas", "write_diploma_list", "STATUS_COLOURS",
           "status_label"]

#: Background colours of the statuses (green, light green, amber, red).
STATUS_COLOURS = {"eligible": "C6EFCE", "on_track": "E2F0D9", "at_risk": "FFEB9C",
                  "ineligible": "FFC7CE"}


def diploma_list(data: Dataset, rules: DiplomaRules | None = None) -> pd.DataFrame:
    """The diploma list of a dataset (see :func:`toolkit.attendance.diploma_table`).

    ``rules`` default to the programme's (``data.programme``). After the SPEC columns come
    ``organisation``, ``remaining``, ``missing_rows``, then ``group``, ``first_date`` and
    ``last_date`` (the participant's own first and last expected session) and
    ``diploma_number`` (empty until :func:`number_diplomas` gives one).

    Raises
    ------
    UsageError
        When the dataset lacks ``participants``, ``sessions`` or ``attendance``.
    """
    missing = [n for n in ("participants", "sessions", "attendance") if not data.has(n)]
    if missing:
        raise ToolkitError(f"the dataset {data.source} has no {', '.join(missing)} table: "
                         "diplomas need participants, sessions and attendance")
    rules = data.programme.diploma_rules() if rules is None else rules
    table = diploma_table(data["participants"], data["sessions"], data["attendance"], rules)
    periods = participant_periods(data["participants"], data["sessions"])
    table = table.merge(periods[["participant_id", "group", "first_date", "last_date"]],
                        on="participant_id", how="left")
    table["diploma_number"] = pd.Series([None] * len(table), dtype=object)
    return table


def number_diplomas(table: pd.DataFrame, data: Dataset, register: str | Path,
                    issued_on: dt.date | None = None) -> pd.DataFrame:
    """Give every eligible participant a diploma number for good (SPEC §3 ``--register``).

    Numbers already in the register are kept; new diplomas are numbered after the highest
    number of the programme's prefix and the year of the participant's last session, in
    the order of :func:`toolkit.diplomas_pdf.diploma_order`. The register is rewritten
    (atomically) before anything is printed, so an interrupted run keeps its numbers.

    Returns
    -------
    pandas.DataFrame
        ``table`` with ``diploma_number`` and ``issued_on`` filled from the register.
    """
    from .diplomas_pdf import diploma_order

    issued_on = issued_on or dt.date.today()
    earlier = read_register(register)
    eligible = diploma_order(table)
    years = pd.to_datetime(eligible["last_date"]).dt.year.fillna(issued_on.year).astype(int)
    new = assign_numbers(eligible["participant_id"], years, earlier,
                         data.programme.diploma_prefix, issued_on)
    if len(new) > len(earlier):
        write_register(new, register)
    by_id = new.set_index("participant_id")
    out = table.copy()
    out["diploma_number"] = out["participant_id"].map(by_id["diploma_number"])
    out["issued_on"] = out["participant_id"].map(by_id["issued_on"])
    return out


def status_label(status: str, lang: str = "pl") -> str:
    """``on_track`` → ``na dobrej drodze``."""
    return t(f"status_{status}", lang)


def _headers(basis: str, lang: str) -> dict[str, str]:
    unit = "days" if basis == "days" else "hours"
    headers = {}
    for column in [*DIPLOMA_COLUMNS, "organisation", "remaining", "missing_rows", "gmina",
                   "group", "first_date", "last_date", "diploma_number", "issued_on"]:
        key = f"dip_{column}"
        if column in ("attended", "possible", "can_still_miss", "remaining"):
            key += f"_{unit}"
        headers[column] = t(key, lang)
    return headers


def write_diploma_list(table: pd.DataFrame, path: str | Path, gminas: pd.DataFrame,
                       basis: str = "days", lang: str = "pl") -> Path:
    """Write the diploma list as ``.csv`` (SPEC columns) or a formatted ``.xlsx``.

    The workbook opens on a sheet of all participants, then one sheet per gmina,
    with headers and statuses in ``lang`` and statuses coloured; its last sheet,
    ``dane``/``data``, holds the same rows under the SPEC column names for programs.
    Every sheet prints on A4 landscape, one page wide, with the header row on every
    page and the sheet's (gmina's) name in the page header.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        atomic_write(path, table.to_csv(index=False, lineterminator="\n"))
        return path
    if suffix != ".xlsx":
        raise UsageError(f"--out must end in .csv or .xlsx; got {path.name!r}")
    names = gminas.drop_duplicates("gmina_id").set_index("gmina_id")["name"]
    table = table.copy()
    table["gmina_id"] = table["gmina_id"].astype(str)  # a TERYT code is text: 0225072
    if "issued_on" in table:  # a date cell, not the register's ISO text
        table["issued_on"] = pd.to_datetime(table["issued_on"], errors="coerce")
    people = table.copy()
    people.insert(2, "gmina", people["gmina_id"].map(names))
    people = people.drop(columns=["gmina_id"])
    styled = dict(headers=_headers(basis, lang), percent=("share", "max_reachable_share"),
                  fills={"status": STATUS_COLOURS},
                  values={"status": {s: status_label(s, lang) for s in STATUSES},
                          "eligible": {True: t("yes", lang), False: t("no", lang)}})
    sheets = [Sheet(t("sheet_all", lang), people, **styled)]
    for gmina_id, rows in people.groupby(table["gmina_id"], sort=False):
        sheets.append(Sheet(f"{names.get(gmina_id, gmina_id)}", rows.drop(columns=["gmina"]),
                            **styled))
    sheets.append(Sheet(t("sheet_data", lang), table, percent=("share", "max_reachable_share"),
                        fills={"status": STATUS_COLOURS}))
    return write_workbook(path, sheets, active=0)
