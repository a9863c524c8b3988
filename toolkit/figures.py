"""Programme-wide figures, computed once per run and shared by every report.

What ``tables`` writes and what the reports read. Pure: a :class:`Dataset` in, frames out;
only :func:`write_tables` writes (the workbook for people).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._statistics import wilson_interval
from .config import ALL
from .actions import ACTION_COLUMNS, action_summary
from .commitments import SUMMARY_COLUMNS, SUPPORT_COLUMNS, recommendation_summary, support_summary
from .dataset import Dataset
from .index import index_table
from .questionnaires import (KNOWLEDGE_COLUMNS, LIKERT_COLUMNS, knowledge_table, knowledge_tests,
                             likert_table)

__all__ = ["holdings_by_gmina", "attendance_by_gmina", "attendance_by_group", "programme_tables",
           "wilson_interval", "GMINA_TABLES", "TABLE_SHEETS", "OPTIONAL_SHEETS", "ALL",
           "with_gmina_names", "write_tables", "TABLE_PERCENT", "DIPLOMA_FIGURES",
           "attendance_by_sector", "SECTORS"]


#: Tables whose rows belong to one gmina (directly or through a participant).
GMINA_TABLES = ("participants", "attendance", "responses", "index_scores", "recommendations",
                "support", "actions")


def holdings_by_gmina(data: Dataset) -> pd.DataFrame:
    """Rows of each gmina-level table per gmina.

    Returns
    -------
    pandas.DataFrame
        One row per gmina: ``gmina_id``, ``name`` and one integer column per table of
        :data:`GMINA_TABLES` that the dataset has (attendance counted through its
        participants; responses by the response's gmina).
    """
    out = data.gminas[["gmina_id", "name"]].copy()
    home = None
    if data.has("participants"):
        home = data["participants"].drop_duplicates("participant_id").set_index(
            "participant_id")["gmina_id"]
    for name in GMINA_TABLES:
        frame = data.get(name)
        if frame is None:
            continue
        if "gmina_id" in frame:
            keys = frame["gmina_id"]
        elif home is not None and "participant_id" in frame:
            keys = frame["participant_id"].map(home)
        else:
            continue
        counts = keys.value_counts()
        out[name] = out["gmina_id"].map(counts).fillna(0).astype(int)
    return out.reset_index(drop=True)



def attendance_by_gmina(diplomas: pd.DataFrame, gminas: pd.DataFrame) -> pd.DataFrame:
    """Attendance and diplomas per gmina and for the whole programme (``ALL``).

    Parameters
    ----------
    diplomas
        The diploma list (:func:`toolkit.attendance.diploma_table`).
    gminas
        The ``gminas`` table: every gmina gets a row, with 0 participants if none.

    Returns
    -------
    pandas.DataFrame
        ``gmina_id``, ``participants``, ``mean_share`` (mean of the participants'
        shares), ``diplomas`` (eligible participants), ``diploma_rate``,
        ``rate_low``, ``rate_high`` (95 % Wilson interval of the rate); the last row
        is ``ALL``.
    """
    per = diplomas.groupby("gmina_id", sort=False).agg(
        participants=("participant_id", "size"), mean_share=("share", "mean"),
        diplomas=("eligible", "sum"))
    per = per.reindex(gminas["gmina_id"]).rename_axis("gmina_id").reset_index()
    per["participants"] = per["participants"].fillna(0).astype(int)
    per["diplomas"] = per["diplomas"].fillna(0).astype(int)
    total = pd.DataFrame({
        "gmina_id": [ALL], "participants": [len(diplomas)],
        "mean_share": [diplomas["share"].mean()], "diplomas": [int(diplomas["eligible"].sum())]})
    out = pd.concat([per, total], ignore_index=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["diploma_rate"] = out["diplomas"] / out["participants"].where(out["participants"] > 0)
    out["rate_low"], out["rate_high"] = wilson_interval(out["diplomas"], out["participants"])
    return out


def attendance_by_group(diplomas: pd.DataFrame, participants: pd.DataFrame) -> pd.DataFrame:
    """Attendance and diplomas per training group (participants without a group apart).

    Parameters
    ----------
    diplomas
        The diploma list (:func:`toolkit.attendance.diploma_table`).
    participants
        The ``participants`` table (its ``group`` column).

    Returns
    -------
    pandas.DataFrame
        ``group``, ``participants``, ``mean_share``, ``diplomas``, one row per group in
        sorted order; empty when nobody has a group.
    """
    columns = TABLE_SHEETS["groups"]
    if "group" not in participants or participants["group"].isna().all():
        return pd.DataFrame(columns=columns)
    group = diplomas["participant_id"].map(
        participants.drop_duplicates("participant_id").set_index("participant_id")["group"])
    out = (diplomas.assign(group=group).dropna(subset=["group"])
           .groupby("group", sort=True)
           .agg(participants=("participant_id", "size"), mean_share=("share", "mean"),
                diplomas=("eligible", "sum"))
           .reset_index())
    out["diplomas"] = out["diplomas"].astype(int)
    return out[columns]


#: The participants' sectors in the order reports list them (SPEC §2).
SECTORS = ("JST", "NGO", "informal", "other")


def attendance_by_sector(diplomas: pd.DataFrame) -> pd.DataFrame:
    """Attendance and diplomas per sector, in each gmina and in the whole programme.

    Parameters
    ----------
    diplomas
        The diploma list (:func:`toolkit.attendance.diploma_table`; its ``sector``).

    Returns
    -------
    pandas.DataFrame
        ``gmina_id`` (``ALL`` for the programme, after the gminas), ``sector`` (in
        :data:`SECTORS` order, only sectors someone belongs to), ``participants``,
        ``mean_share`` (mean of the participants' shares), ``diplomas`` (eligible).
    """
    columns = ["gmina_id", "sector", "participants", "mean_share", "diplomas"]
    if diplomas.empty or "sector" not in diplomas:
        return pd.DataFrame(columns=columns)
    rows = diplomas.assign(sector=diplomas["sector"].astype(str))
    rank = {s: i for i, s in enumerate(SECTORS)}

    def per(frame, keys):
        return (frame.groupby(keys, sort=False)
                .agg(participants=("participant_id", "size"), mean_share=("share", "mean"),
                     diplomas=("eligible", "sum")).reset_index())

    gminas = per(rows, ["gmina_id", "sector"])
    whole = per(rows, ["sector"]).assign(gmina_id=ALL)
    out = pd.concat([gminas, whole], ignore_index=True)
    out["_g"] = (out["gmina_id"] == ALL).astype(int)
    out["_s"] = out["sector"].map(rank).fillna(len(SECTORS))
    out = out.sort_values(["_g", "gmina_id", "_s", "sector"], kind="stable")
    out["diplomas"] = out["diplomas"].astype(int)
    return out[columns].reset_index(drop=True)


#: Columns of each sheet of ``tables`` (SPEC §3); extra columns follow them (the workbook
#: adds ``gmina_name`` right after ``gmina_id``: :func:`with_gmina_names`).
TABLE_SHEETS = {
    "attendance": ["gmina_id", "participants", "mean_share", "diplomas"],
    "likert": LIKERT_COLUMNS,
    "knowledge": KNOWLEDGE_COLUMNS,
    "index": ["gmina_id", "wave", "plane", "score", "date", "n_areas", "n_expected", "complete"],
    "recommendations": SUMMARY_COLUMNS,
    "support": SUPPORT_COLUMNS,
    "groups": ["group", "participants", "mean_share", "diplomas"],
    "actions": ACTION_COLUMNS,
}
#: Sheets written only where the data has them (SPEC §3).
OPTIONAL_SHEETS = ("groups", "actions")


def programme_tables(data: Dataset) -> dict[str, pd.DataFrame]:
    """The figures behind the reports, one frame per ``tables`` sheet (SPEC §3).

    A sheet whose data is missing from the dataset has its columns and no rows; the
    sheets of :data:`OPTIONAL_SHEETS` are there only when the data has them (``groups``:
    participants in training groups; ``actions``: an ``actions`` table, counted as of the
    data date with the programme's ``actions_min_per_area``). Attendance uses the programme's diploma rules
    (days, 0.8, excused = absent unless its ``programme`` table says otherwise), the
    recommendations its commitment rule.
    """
    from .attendance import diploma_table

    programme = data.programme
    out = {name: pd.DataFrame(columns=columns) for name, columns in TABLE_SHEETS.items()
           if name not in OPTIONAL_SHEETS}
    if data.has("participants", "sessions", "attendance"):
        diplomas = diploma_table(data["participants"], data["sessions"], data["attendance"],
                                 programme.diploma_rules())
        out["attendance"] = attendance_by_gmina(diplomas, data.gminas)
        groups = attendance_by_group(diplomas, data["participants"])
        if not groups.empty:
            out["groups"] = groups
    if data.has("items", "responses"):
        items, responses = data["items"], data["responses"]
        out["likert"] = likert_table(responses, items, scales=data.scales)
        tests = [knowledge_table(responses, items, name) for name in knowledge_tests(items)]
        if tests:
            out["knowledge"] = pd.concat(tests, ignore_index=True)
    if data.has("index_scores"):
        out["index"] = index_table(data["index_scores"], data.index_areas)[TABLE_SHEETS["index"]]
    if data.has("recommendations"):
        out["recommendations"] = recommendation_summary(
            data["recommendations"], data.gminas, programme.commitment_min_total,
            programme.commitment_min_per_plane)
    if data.has("support"):
        out["support"] = support_summary(data["support"])
    if data.has("actions"):
        out["actions"] = action_summary(data["actions"], data.gminas, data.data_date(),
                                        programme.actions_min_per_area)
    return out


#: Columns shown as percentages although their name does not say share (knowledge scores
#: are shares of correct items, 0–1); other formats follow the column names
#: (:func:`toolkit.io.excel.column_format`).
TABLE_PERCENT = {"knowledge": ("pre_mean", "post_mean", "gain_mean")}


def with_gmina_names(frame: pd.DataFrame, gminas: pd.DataFrame, lang: str = "pl") -> pd.DataFrame:
    """``frame`` with a ``gmina_name`` column right after ``gmina_id``.

    Parameters
    ----------
    frame
        A ``tables`` sheet; returned unchanged when it has no ``gmina_id`` or already has
        a ``gmina_name``.
    gminas
        The ``gminas`` table (``gmina_id``, ``name``).
    lang
        Language of the name of the ``ALL`` rows ("cały program" / "whole programme").

    Returns
    -------
    pandas.DataFrame
        A copy with ``gmina_name`` (text; empty for an id not in ``gminas``).
    """
    from .text import t

    if "gmina_id" not in frame or "gmina_name" in frame:
        return frame
    names = gminas.drop_duplicates("gmina_id").set_index("gmina_id")["name"].astype(object)
    names[ALL] = t("label_programme", lang)
    out = frame.copy()
    out.insert(out.columns.get_loc("gmina_id") + 1, "gmina_name",
               out["gmina_id"].astype(object).map(names))
    return out


#: Columns of diploma figures, left out of the workbook of a programme without diplomas.
DIPLOMA_FIGURES = ("diplomas", "diploma_rate", "rate_low", "rate_high")


def write_tables(frames: dict[str, pd.DataFrame], path, gminas: pd.DataFrame,
                 lang: str = "pl", diplomas: bool = True):
    """Write the ``tables`` workbook for people and programs, one sheet per frame.

    The SPEC columns keep their names, order and value types (numbers stay numbers,
    booleans booleans, dates dates); each sheet with ``gmina_id`` gets ``gmina_name``
    beside it. Cells are formatted by column (percent, decimals, counts, dates), and every
    sheet has a frozen header with filters and prints on A4 landscape, one page wide,
    with the header row on every page (:func:`toolkit.io.excel.write_workbook`).

    Parameters
    ----------
    frames
        :func:`programme_tables` (or more sheets: any frame is formatted by its columns).
    path
        The ``.xlsx`` file.
    gminas
        The ``gminas`` table, for the names.
    lang
        Language of the ``ALL`` rows' name.
    diplomas
        Whether the programme awards diplomas (:attr:`toolkit.programme.Programme.diplomas`);
        without, the sheets carry no diploma figures (:data:`DIPLOMA_FIGURES`: the
        ``diplomas`` column of ``attendance`` and ``groups``, the rate and its interval).

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    from .io.excel import Sheet, write_workbook

    if not diplomas:
        frames = {name: frame.drop(columns=[c for c in DIPLOMA_FIGURES if c in frame])
                  for name, frame in frames.items()}
    return write_workbook(path, [
        Sheet(name, with_gmina_names(frame, gminas, lang), percent=TABLE_PERCENT.get(name, ()))
        for name, frame in frames.items()])
