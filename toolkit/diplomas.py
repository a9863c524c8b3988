"""The trainers' diploma list: compute it from a dataset and write it for people.

``python -m toolkit diplomas`` and ``notebooks/diplomas.ipynb`` both call these.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .attendance import DIPLOMA_COLUMNS, STATUSES, DiplomaRules, diploma_table
from .dataset import Dataset
from .errors import ToolkitError, UsageError
from .io.excel import Sheet, write_workbook
from .io.files import atomic_write
from .text import t

__all__ = ["diploma_list", "write_diploma_list", "STATUS_COLOURS", "status_label"]

#: Background colours of the statuses (green, light green, amber, red).
STATUS_COLOURS = {"eligible": "C6EFCE", "on_track": "E2F0D9", "at_risk": "FFEB9C",
                  "ineligible": "FFC7CE"}


def diploma_list(data: Dataset, rules: DiplomaRules = DiplomaRules()) -> pd.DataFrame:
    """The diploma list of a dataset (see :func:`toolkit.attendance.diploma_table`).

    Raises
    ------
    UsageError
        When the dataset lacks ``participants``, ``sessions`` or ``attendance``.
    """
    missing = [n for n in ("participants", "sessions", "attendance") if not data.has(n)]
    if missing:
        raise ToolkitError(f"the dataset {data.source} has no {', '.join(missing)} table: "
                         "diplomas need participants, sessions and attendance")
    return diploma_table(data["participants"], data["sessions"], data["attendance"], rules)


def status_label(status: str, lang: str = "pl") -> str:
    """``on_track`` → ``na dobrej drodze``."""
    return t(f"status_{status}", lang)


def _headers(basis: str, lang: str) -> dict[str, str]:
    unit = "days" if basis == "days" else "hours"
    headers = {}
    for column in [*DIPLOMA_COLUMNS, "organisation", "remaining", "missing_rows", "gmina"]:
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
