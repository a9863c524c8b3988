"""The gminas' commitments: recommendations adopted, and support delivered against plan.

Pure functions: frames in, frames out (SPEC §1, §3 sheets ``recommendations`` and
``support``). A gmina meets its commitment when it has adopted at least ``min_total``
recommendations of the Model and at least ``min_per_plane`` in each plane (the
programme's ``commitment_min_total`` and ``commitment_min_per_plane``; 4 and 1 by default);
only status ``adopted`` counts (``planned`` and ``in_progress`` do not).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .config import ALL, COMMITMENT_MIN_PER_PLANE, COMMITMENT_MIN_TOTAL, PLANES

__all__ = ["recommendation_summary", "recommendation_list", "support_summary",
           "PLANES", "SUMMARY_COLUMNS", "LIST_COLUMNS", "SUPPORT_COLUMNS"]

#: Columns of :func:`recommendation_summary`, in order.
SUMMARY_COLUMNS = ["gmina_id", "adopted_I", "adopted_II", "adopted_III", "adopted_total",
                   "commitment_met", "missing_planes", "adopted_short", "planned",
                   "in_progress", "gminas_met", "n_gminas"]
#: Columns of :func:`recommendation_list`, in order (``gmina_id`` first for all gminas).
LIST_COLUMNS = ["recommendation_id", "plane", "title", "document_type", "status", "adopted_on"]
#: Columns of :func:`support_summary`, in order.
SUPPORT_COLUMNS = ["gmina_id", "activity", "unit", "planned", "delivered", "ratio",
                   "shortfall", "met", "gminas_met", "n_gminas"]


def _gmina_ids(gminas) -> list[str]:
    if isinstance(gminas, pd.DataFrame):
        if "gmina_id" not in gminas:
            raise ValueError(f"gminas must have a column 'gmina_id'; got {list(gminas.columns)}")
        gminas = gminas["gmina_id"]
    return list(dict.fromkeys(str(g) for g in gminas))


def recommendation_summary(recs: pd.DataFrame, gminas, min_total: int = COMMITMENT_MIN_TOTAL,
                           min_per_plane: int = COMMITMENT_MIN_PER_PLANE) -> pd.DataFrame:
    """Recommendations adopted per gmina and plane, and whether the commitment is met.

    Parameters
    ----------
    recs
        The ``recommendations`` table (``gmina_id``, ``plane``, ``status``, …).
    gminas
        The ``gminas`` table (or a list of gmina_ids): every gmina gets a row, with
        zeros when it has no recommendations. Rows of other gminas in ``recs`` are
        ignored.
    min_total, min_per_plane
        The commitment: adopted recommendations needed in all and in each plane.

    Returns
    -------
    pandas.DataFrame
        :data:`SUMMARY_COLUMNS`, one row per gmina in the order of ``gminas``, then the
        programme row ``ALL``:

        - ``adopted_I``, ``adopted_II``, ``adopted_III``, ``adopted_total`` (int):
          recommendations with status ``adopted``, per plane and in all;
        - ``commitment_met`` (nullable boolean): adopted_total ≥ ``min_total``
          and at least ``min_per_plane`` adopted in every plane; NA in the ``ALL`` row;
        - ``missing_planes`` (str): the planes with fewer than ``min_per_plane``
          adopted, e.g. ``"II, III"`` (``""`` when none);
        - ``adopted_short`` (int): adoptions the minimum still needs,
          max(0, min_total − adopted_total);
        - ``planned``, ``in_progress`` (int): recommendations with that status;
        - ``gminas_met`` (int): gminas meeting the commitment (1 or 0 in a gmina row);
        - ``n_gminas`` (int): gminas counted (1 in a gmina row).

        ``ALL``: counts, ``adopted_short``, ``gminas_met`` and ``n_gminas`` are sums over
        the gminas; ``missing_planes`` lists the planes in which no gmina adopted
        anything; ``commitment_met`` is NA (see ``gminas_met`` / ``n_gminas``).

    Notes
    -----
    commitment_met ⇔ Σ_p adopted_p ≥ min_total ∧ ∀ p ∈ {I, II, III}: adopted_p ≥ min_per_plane.

    Examples
    --------
    Adopted I.1, I.2, II.3, II.4 (plane III empty): 4 adopted, missing_planes ``"III"``,
    commitment not met.
    """
    ids = _gmina_ids(gminas)
    frame = recs[recs["gmina_id"].astype(str).isin(ids)]
    frame = frame.assign(gmina_id=frame["gmina_id"].astype(str),
                         status=frame["status"].astype(str).str.strip().str.lower())
    adopted = frame[frame["status"] == "adopted"]
    per_plane = (pd.crosstab(adopted["gmina_id"], adopted["plane"].astype(str))
                 .reindex(index=ids, columns=list(PLANES), fill_value=0))
    out = pd.DataFrame({"gmina_id": ids})
    for plane in PLANES:
        out[f"adopted_{plane}"] = per_plane[plane].to_numpy(dtype=np.int64)
    out["adopted_total"] = (adopted["gmina_id"].value_counts().reindex(ids, fill_value=0)
                            .to_numpy(dtype=np.int64))
    plane_counts = out[[f"adopted_{p}" for p in PLANES]].to_numpy()
    every_plane = (plane_counts >= min_per_plane).all(axis=1)
    met = (out["adopted_total"].to_numpy() >= min_total) & every_plane
    out["commitment_met"] = pd.array(met, dtype="boolean")
    out["missing_planes"] = [", ".join(p for p, n in zip(PLANES, row) if n < min_per_plane)
                             for row in plane_counts]
    out["adopted_short"] = np.maximum(min_total - out["adopted_total"], 0).astype(np.int64)
    for status in ("planned", "in_progress"):
        out[status] = (frame.loc[frame["status"] == status, "gmina_id"].value_counts()
                       .reindex(ids, fill_value=0).to_numpy(dtype=np.int64))
    out["gminas_met"] = met.astype(np.int64)
    out["n_gminas"] = np.ones(len(out), dtype=np.int64)

    counts = [f"adopted_{p}" for p in PLANES] + ["adopted_total", "adopted_short", "planned",
                                                 "in_progress", "gminas_met", "n_gminas"]
    total = {c: int(out[c].sum()) for c in counts}
    total.update(gmina_id=ALL, commitment_met=pd.NA,
                 missing_planes=", ".join(p for p in PLANES if total[f"adopted_{p}"] < 1))
    out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
    out["commitment_met"] = out["commitment_met"].astype("boolean")
    for column in counts:
        out[column] = out[column].astype(np.int64)
    return out[SUMMARY_COLUMNS]


def _natural_key(value) -> tuple:
    """``"III.10"`` after ``"III.5"``: numbers compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", str(value)))


def recommendation_list(recs: pd.DataFrame, gmina_id: str | None = None) -> pd.DataFrame:
    """The recommendations as a report table.

    Parameters
    ----------
    recs
        The ``recommendations`` table.
    gmina_id
        Only this gmina's recommendations; ``None``: every gmina's, with a ``gmina_id``
        column first.

    Returns
    -------
    pandas.DataFrame
        :data:`LIST_COLUMNS` (``recommendation_id``, ``plane``, ``title``,
        ``document_type``, ``status``, ``adopted_on``; a column missing from ``recs`` is
        empty), sorted by gmina (order of first appearance), plane (I, II, III) and
        recommendation_id (numbers compared as numbers: ``III.5`` before ``III.10``).
    """
    frame = recs.copy()
    frame["gmina_id"] = frame["gmina_id"].astype(str)
    if gmina_id is not None:
        frame = frame[frame["gmina_id"] == str(gmina_id)]
    for column in LIST_COLUMNS:
        if column not in frame:
            frame[column] = pd.NaT if column == "adopted_on" else None
    gmina_rank = {g: i for i, g in enumerate(dict.fromkeys(frame["gmina_id"]))}
    plane_rank = {p: i for i, p in enumerate(PLANES)}
    order = sorted(range(len(frame)), key=lambda i: (
        gmina_rank[frame["gmina_id"].iat[i]],
        plane_rank.get(frame["plane"].iat[i], len(PLANES)), str(frame["plane"].iat[i]),
        _natural_key(frame["recommendation_id"].iat[i])))
    frame = frame.iloc[order]
    columns = LIST_COLUMNS if gmina_id is not None else ["gmina_id", *LIST_COLUMNS]
    return frame[columns].reset_index(drop=True)


def support_summary(support: pd.DataFrame) -> pd.DataFrame:
    """Support delivered against plan, per gmina and activity, and for the programme.

    Parameters
    ----------
    support
        The ``support`` table (``gmina_id``, ``activity``, ``unit``, ``planned``,
        ``delivered``).

    Returns
    -------
    pandas.DataFrame
        :data:`SUPPORT_COLUMNS`, one row per gmina × activity (gminas and activities in
        order of first appearance; duplicate rows summed), then the ``ALL`` rows, one per
        activity and unit:

        - ``planned``, ``delivered`` (float): as given; in ``ALL`` summed over gminas;
        - ``ratio`` = delivered / planned (NaN when planned is 0); in ``ALL`` the ratio
          of the sums;
        - ``shortfall`` = max(planned − delivered, 0); in ``ALL`` the sum of the gminas'
          shortfalls (one gmina's surplus does not make up for another's shortfall);
        - ``met``: delivered ≥ planned; in ``ALL`` true when every gmina met it;
        - ``gminas_met``: gminas that met it (1 or 0 in a gmina row);
        - ``n_gminas``: gminas counted (1 in a gmina row).
    """
    frame = support.copy()
    frame["gmina_id"] = frame["gmina_id"].astype(str)
    for column in ("planned", "delivered"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    per = (frame.groupby(["gmina_id", "activity", "unit"], sort=False, as_index=False)
           [["planned", "delivered"]].sum(min_count=1))
    per["ratio"] = _ratio(per["delivered"], per["planned"])
    per["shortfall"] = (per["planned"] - per["delivered"]).clip(lower=0)
    per["met"] = (per["delivered"] >= per["planned"]).to_numpy(dtype=bool)
    per["gminas_met"] = per["met"].astype(np.int64)
    per["n_gminas"] = np.ones(len(per), dtype=np.int64)
    gmina_rank = {g: i for i, g in enumerate(dict.fromkeys(frame["gmina_id"]))}
    per = per.sort_values("gmina_id", key=lambda s: s.map(gmina_rank), kind="stable")

    total = per.groupby(["activity", "unit"], sort=False, as_index=False).agg(
        planned=("planned", "sum"), delivered=("delivered", "sum"),
        shortfall=("shortfall", "sum"), gminas_met=("gminas_met", "sum"),
        n_gminas=("n_gminas", "sum"))
    total.insert(0, "gmina_id", ALL)
    total["ratio"] = _ratio(total["delivered"], total["planned"])
    total["met"] = (total["gminas_met"] == total["n_gminas"]).to_numpy(dtype=bool)
    out = pd.concat([per, total], ignore_index=True)
    out["met"] = out["met"].astype(bool)
    for column in ("gminas_met", "n_gminas"):
        out[column] = out[column].astype(np.int64)
    return out[SUPPORT_COLUMNS]


def _ratio(delivered: pd.Series, planned: pd.Series) -> pd.Series:
    return (delivered / planned.where(planned != 0)).astype(float)
