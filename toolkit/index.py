"""The Lokalny Indeks Jakości Współpracy (LIJW): plane and overall scores, change between waves.

Pure functions: frames in, frames out. The index definition is configuration: ``areas``
(the ``index_areas`` table, SPEC §2) may hold any number of areas in the planes I, II and
III, each on its own scale (``scale_min``–``scale_max``, 0–5 when not given). Scores are
plain means of the areas' scores as written (SPEC §1, §3); ``normalised=True`` rescales
each area to 0–1 first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .config import ALL, PLANES

__all__ = ["wave_order", "index_table", "index_change", "area_scores", "area_scales",
           "INDEX_COLUMNS", "CHANGE_COLUMNS", "OVERALL", "LEVELS"]

#: The ``plane`` of the overall index (mean of every area).
OVERALL = "overall"
#: Columns of :func:`index_table`, in order.
INDEX_COLUMNS = ["gmina_id", "wave", "date", "plane", "score", "n_areas", "n_expected",
                 "complete"]
#: Columns of :func:`index_change`, in order.
CHANGE_COLUMNS = ["gmina_id", "level", "key", "first_wave", "last_wave", "first_score",
                  "last_score", "change", "plane", "n_gminas"]
#: The ``level`` values of :func:`index_change`.
LEVELS = ("plane", "area")


_DEFAULT_SCALE = {"scale_min": 0.0, "scale_max": 5.0}


def area_scales(areas: pd.DataFrame) -> pd.DataFrame:
    """The index definition with every area's scale filled in.

    Parameters
    ----------
    areas
        The ``index_areas`` table; ``scale_min`` and ``scale_max`` may be missing or empty.

    Returns
    -------
    pandas.DataFrame
        One row per area (first of duplicates), in the given order: ``area_id``,
        ``plane``, ``name`` (the area_id when the table has none), ``scale_min``,
        ``scale_max`` (floats, 0 and 5 when not given).
    """
    for column in ("area_id", "plane"):
        if column not in areas:
            raise ValueError(f"areas must have a column {column!r}; got {list(areas.columns)}")
    out = areas.drop_duplicates("area_id").reset_index(drop=True)
    frame = pd.DataFrame({"area_id": out["area_id"].astype(str), "plane": out["plane"]})
    frame["name"] = out["name"] if "name" in out else frame["area_id"]
    for column, default in _DEFAULT_SCALE.items():
        values = (pd.to_numeric(out[column], errors="coerce") if column in out
                  else pd.Series(np.nan, index=out.index))
        frame[column] = values.astype(float).fillna(default)
    return frame


def wave_order(scores: pd.DataFrame) -> list[str]:
    """The waves, ordered by their earliest date anywhere in the data.

    Parameters
    ----------
    scores
        The ``index_scores`` table (``wave``, ``date``).

    Returns
    -------
    list of str
        Wave names, earliest first; waves with the same earliest date by name, waves with
        no date at all last.

    Examples
    --------
    A wave called ``"2016"`` dated 2013-05-01 comes before ``"2013"`` dated 2016-05-01.
    """
    if scores.empty:
        return []
    dates = pd.to_datetime(scores["date"], errors="coerce") if "date" in scores else pd.NaT
    first = (pd.DataFrame({"wave": scores["wave"].astype(str), "date": dates})
             .groupby("wave", sort=False)["date"].min().reset_index())
    first["undated"] = first["date"].isna()
    first = first.sort_values(["undated", "date", "wave"], kind="stable")
    return first["wave"].tolist()


def area_scores(scores: pd.DataFrame, areas: pd.DataFrame,
                normalised: bool = False) -> pd.DataFrame:
    """Each area's score per gmina and wave, with the area's plane and scale.

    Parameters
    ----------
    scores
        The ``index_scores`` table.
    areas
        The ``index_areas`` table (the index definition).
    normalised
        Rescale each score to 0–1 on its area's scale.

    Returns
    -------
    pandas.DataFrame
        One row per gmina × wave × area with a score: ``gmina_id``, ``wave``, ``date``
        (of that gmina's wave, the latest if several), ``area_id``, ``plane``,
        ``score`` (mean of duplicate rows, if any; rescaled when ``normalised``),
        ``scale_min``, ``scale_max``. Rows with an empty score are dropped.

    Raises
    ------
    ValueError
        When a score's ``area_id`` is not in ``areas``.

    Notes
    -----
    Normalised score = (score − scale_min) / (scale_max − scale_min).
    """
    defined = area_scales(areas)
    frame = scores[["gmina_id", "wave", "date", "area_id", "score"]].copy()
    frame["gmina_id"] = frame["gmina_id"].astype(str)
    frame["wave"] = frame["wave"].astype(str)
    frame["area_id"] = frame["area_id"].astype(str)
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce").astype(float)
    unknown = sorted(set(frame["area_id"]) - set(defined["area_id"]))
    if unknown:
        raise ValueError(f"scores refer to areas that are not in areas: {', '.join(unknown)}; "
                         f"known areas: {', '.join(defined['area_id'])}")
    frame = frame[frame["score"].notna()]
    wave_date = frame.groupby(["gmina_id", "wave"], sort=False)["date"].max()
    frame = (frame.groupby(["gmina_id", "wave", "area_id"], sort=False, as_index=False)
             ["score"].mean())
    frame["date"] = pd.MultiIndex.from_frame(frame[["gmina_id", "wave"]]).map(wave_date)
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.merge(defined[["area_id", "plane", "scale_min", "scale_max"]], on="area_id",
                        how="left")
    if normalised:
        frame["score"] = ((frame["score"] - frame["scale_min"])
                          / (frame["scale_max"] - frame["scale_min"]))
    return frame[["gmina_id", "wave", "date", "area_id", "plane", "score", "scale_min",
                  "scale_max"]].reset_index(drop=True)


def _planes(defined: pd.DataFrame) -> list[str]:
    """Planes that have at least one area defined, then ``overall``."""
    present = set(defined["plane"])
    return [p for p in PLANES if p in present] + [OVERALL]


def _gmina_order(scores: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(scores["gmina_id"].astype(str)))


def index_table(scores: pd.DataFrame, areas: pd.DataFrame,
                normalised: bool = False) -> pd.DataFrame:
    """LIJW scores per gmina, wave and plane, and for the whole programme (``ALL``).

    Parameters
    ----------
    scores
        The ``index_scores`` table (``gmina_id``, ``wave``, ``date``, ``area_id``,
        ``score``).
    areas
        The ``index_areas`` table: which areas make up each plane, and their scales.
    normalised
        ``False`` (default): scores are averaged as written, whatever each area's scale
        (SPEC §1). ``True``: each area's score is first rescaled to 0–1 on its own
        scale, so areas on different scales weigh the same.

    Returns
    -------
    pandas.DataFrame
        :data:`INDEX_COLUMNS`, one row per gmina × wave × plane, ``plane`` in ``I``,
        ``II``, ``III`` (those with areas defined) and ``overall``:

        - ``date``: the date of the gmina's wave (the latest if the rows differ);
        - ``score``: mean of the plane's areas that have a score (NaN when none);
          ``overall`` is the mean of **all** areas present, not the mean of the plane
          scores;
        - ``n_areas``: areas with a score; ``n_expected``: areas defined for the plane;
        - ``complete``: ``n_areas == n_expected``.

        Then the programme rows (``gmina_id`` ``ALL``), one per wave and plane:
        ``score`` = mean over gminas of their plane score (gminas without one are left
        out), ``n_areas`` = number of gminas contributing, ``n_expected`` = number of
        gminas in ``scores``, ``date`` = the wave's latest date.

        Gminas in order of first appearance, waves in :func:`wave_order`, planes I, II,
        III, overall.

    Notes
    -----
    For a gmina g, wave w and plane p with areas A(p) scored s_a:
    score(g, w, p) = Σ_{a ∈ A(p), scored} s_a / n_areas; score(g, w, overall) = mean of
    every scored area. With ``normalised``, s_a is replaced by
    (s_a − scale_min_a) / (scale_max_a − scale_min_a).
    Programme: score(ALL, w, p) = mean over gminas g of score(g, w, p).

    Examples
    --------
    Areas I_1 = 1, I_2 = 2 (plane I) and II_1 = 4 (plane II): plane I = 1.5,
    plane II = 4, overall = (1 + 2 + 4) / 3 = 2.33 (not (1.5 + 4) / 2 = 2.75).
    """
    defined = area_scales(areas)
    long = area_scores(scores, areas, normalised)
    planes = _planes(defined)
    expected = defined["plane"].value_counts().to_dict()
    expected[OVERALL] = len(defined)

    by_plane = long.groupby(["gmina_id", "wave", "plane"], sort=False)["score"].agg(["mean", "count"])
    overall = long.groupby(["gmina_id", "wave"], sort=False)["score"].agg(["mean", "count"])
    overall.index = pd.MultiIndex.from_tuples(
        [(g, w, OVERALL) for g, w in overall.index], names=["gmina_id", "wave", "plane"])
    stats = pd.concat([by_plane, overall])

    waves = wave_order(long)
    gminas = _gmina_order(long)
    dates = long.groupby(["gmina_id", "wave"], sort=False)["date"].max()
    pairs = pd.DataFrame(list(dates.index), columns=["gmina_id", "wave"])
    pairs["_g"] = pairs["gmina_id"].map({g: i for i, g in enumerate(gminas)})
    pairs["_w"] = pairs["wave"].map({w: i for i, w in enumerate(waves)})
    pairs = pairs.sort_values(["_g", "_w"]).drop(columns=["_g", "_w"])

    grid = pairs.loc[pairs.index.repeat(len(planes))].reset_index(drop=True)
    grid["plane"] = planes * len(pairs)
    keys = pd.MultiIndex.from_frame(grid[["gmina_id", "wave", "plane"]])
    found = stats.reindex(keys)
    grid["date"] = pd.MultiIndex.from_frame(grid[["gmina_id", "wave"]]).map(dates)
    grid["score"] = found["mean"].to_numpy(dtype=float)
    grid["n_areas"] = found["count"].fillna(0).to_numpy(dtype=np.int64)
    grid["n_expected"] = grid["plane"].map(expected).astype(np.int64)
    grid["complete"] = (grid["n_areas"] == grid["n_expected"]).to_numpy(dtype=bool)

    programme = _programme_rows(grid, waves, planes, n_gminas=len(gminas))
    out = pd.concat([grid, programme], ignore_index=True) if len(programme) else grid
    out["date"] = pd.to_datetime(out["date"])
    out["n_areas"] = out["n_areas"].astype(np.int64)
    out["n_expected"] = out["n_expected"].astype(np.int64)
    out["complete"] = out["complete"].astype(bool)
    return out[INDEX_COLUMNS].reset_index(drop=True)


def _programme_rows(grid: pd.DataFrame, waves: list[str], planes: list[str],
                    n_gminas: int) -> pd.DataFrame:
    if grid.empty:
        return grid.iloc[0:0]
    agg = grid.groupby(["wave", "plane"], sort=False).agg(
        date=("date", "max"), score=("score", "mean"), n_areas=("score", "count"))
    rows = pd.DataFrame([(w, p) for w in waves for p in planes], columns=["wave", "plane"])
    found = agg.reindex(pd.MultiIndex.from_frame(rows))
    rows.insert(0, "gmina_id", ALL)
    rows["date"] = found["date"].to_numpy()
    rows["score"] = found["score"].to_numpy(dtype=float)
    rows["n_areas"] = found["n_areas"].fillna(0).to_numpy(dtype=np.int64)
    rows["n_expected"] = n_gminas
    rows["complete"] = rows["n_areas"] == rows["n_expected"]
    return rows


def index_change(scores: pd.DataFrame, areas: pd.DataFrame,
                 normalised: bool = False) -> pd.DataFrame:
    """Change of the LIJW between each gmina's first and last wave, and for the programme.

    Parameters
    ----------
    scores, areas
        As in :func:`index_table`.
    normalised
        Compare scores rescaled to 0–1 on each area's scale (see :func:`index_table`).

    Returns
    -------
    pandas.DataFrame
        :data:`CHANGE_COLUMNS`. For every gmina with at least two waves, first the
        ``level`` ``"plane"`` rows (``key`` ``I``, ``II``, ``III``, ``overall``), then the
        ``"area"`` rows (``key`` = ``area_id``, in the order of ``areas``; an area scored
        in only one of the two waves keeps its row, with NaN for the missing score and
        the change; an area scored in neither has no row):

        - ``first_wave``, ``last_wave``: the gmina's first and last wave by
          :func:`wave_order` (the waves in between are not used);
        - ``first_score``, ``last_score``: the plane score of :func:`index_table`, or
          the area's score, in those waves;
        - ``change`` = last_score − first_score;
        - ``plane``: the plane (for area rows, the area's plane);
        - ``n_gminas``: 1 (0 when the change is NaN).

        A gmina with a single wave gets **no rows** (there is nothing to compare).
        Then the programme rows (``gmina_id`` ``ALL``), one per level and key, over the
        gminas whose change is not NaN: ``first_score``, ``last_score`` and ``change``
        are their means (so change = last − first still holds), ``n_gminas`` their
        number, ``first_wave`` the earliest of their first waves and ``last_wave`` the
        latest of their last waves.

    Notes
    -----
    change(g, p) = score(g, last, p) − score(g, first, p);
    change(ALL, p) = mean over gminas g with both scores of change(g, p).

    Reports never show ``change`` rounded on its own: every change shown is the
    difference of the two scores as shown (:func:`toolkit.text.shown_difference` of
    ``first_score`` and ``last_score``), so "2,31 → 3,24, +0,93" adds up, and the
    programme's change is one value in the summary, its charts and every gmina's report.

    Examples
    --------
    Overall 1.83 at the baseline and 2.96 at the follow-up: change = 1.13.
    """
    defined = area_scales(areas)
    table = index_table(scores, areas, normalised)
    table = table[table["gmina_id"] != ALL]
    long = area_scores(scores, areas, normalised)
    waves = wave_order(long)
    rank = {w: i for i, w in enumerate(waves)}

    present = table[["gmina_id", "wave"]].drop_duplicates()
    present = present.assign(_r=present["wave"].map(rank))
    ends = present.groupby("gmina_id", sort=False)["_r"].agg(["min", "max", "count"])
    ends = ends[ends["count"] >= 2]
    if ends.empty:
        return _empty_change()
    ends["first_wave"] = [waves[i] for i in ends["min"]]
    ends["last_wave"] = [waves[i] for i in ends["max"]]
    ends = ends[["first_wave", "last_wave"]]

    planes = _planes(defined)
    plane_score = table.set_index(["gmina_id", "wave", "plane"])["score"]
    plane_rows = pd.DataFrame([(g, p) for g in ends.index for p in planes],
                              columns=["gmina_id", "key"])
    plane_rows["level"] = "plane"
    plane_rows["plane"] = plane_rows["key"]

    area_order = {a: i for i, a in enumerate(defined["area_id"])}
    scored = long[["gmina_id", "area_id"]].drop_duplicates()
    area_rows = scored[scored["gmina_id"].isin(ends.index)].rename(columns={"area_id": "key"})
    area_rows["level"] = "area"
    area_rows["plane"] = area_rows["key"].map(defined.set_index("area_id")["plane"])
    area_score = long.set_index(["gmina_id", "wave", "area_id"])["score"]

    rows = []
    for frame, lookup in ((plane_rows, plane_score), (area_rows, area_score)):
        frame = frame.join(ends, on="gmina_id")
        for side in ("first", "last"):
            idx = pd.MultiIndex.from_arrays(
                [frame["gmina_id"], frame[f"{side}_wave"], frame["key"]])
            frame[f"{side}_score"] = lookup.reindex(idx).to_numpy(dtype=float)
        rows.append(frame)
    plane_part, area_part = rows
    # An area scored only in a middle wave has neither end: drop it.
    area_part = area_part[area_part[["first_score", "last_score"]].notna().any(axis=1)]

    out = pd.concat([plane_part, area_part], ignore_index=True)
    out["change"] = out["last_score"] - out["first_score"]
    out["n_gminas"] = out["change"].notna().astype(np.int64)
    gmina_rank = {g: i for i, g in enumerate(ends.index)}
    key_rank = {**{p: i for i, p in enumerate(planes)},
                **{a: len(planes) + i for i, a in enumerate(area_order)}}
    out["_g"] = out["gmina_id"].map(gmina_rank)
    out["_l"] = (out["level"] == "area").astype(int)
    out["_k"] = out["key"].map(key_rank)
    out = out.sort_values(["_g", "_l", "_k"], kind="stable")
    out = out[CHANGE_COLUMNS].reset_index(drop=True)
    return pd.concat([out, _programme_change(out, rank, waves)], ignore_index=True)


def _programme_change(out: pd.DataFrame, rank: dict[str, int], waves: list[str]) -> pd.DataFrame:
    both = out[out["change"].notna()].copy()
    keys = out[["level", "key", "plane"]].drop_duplicates()
    both["_fr"] = both["first_wave"].map(rank)
    both["_lr"] = both["last_wave"].map(rank)
    agg = both.groupby(["level", "key"], sort=False).agg(
        first_score=("first_score", "mean"), last_score=("last_score", "mean"),
        change=("change", "mean"), n_gminas=("change", "size"), _fr=("_fr", "min"),
        _lr=("_lr", "max"))
    found = agg.reindex(pd.MultiIndex.from_frame(keys[["level", "key"]]))
    rows = keys.reset_index(drop=True).copy()
    rows.insert(0, "gmina_id", ALL)
    rows["first_wave"] = [waves[int(i)] if pd.notna(i) else None for i in found["_fr"]]
    rows["last_wave"] = [waves[int(i)] if pd.notna(i) else None for i in found["_lr"]]
    for column in ("first_score", "last_score", "change"):
        rows[column] = found[column].to_numpy(dtype=float)
    rows["n_gminas"] = found["n_gminas"].fillna(0).to_numpy(dtype=np.int64)
    # Keep the gmina rows' order of keys: planes first, then areas.
    rows["_l"] = (rows["level"] == "area").astype(int)
    rows = rows.sort_values("_l", kind="stable")
    return rows[CHANGE_COLUMNS].reset_index(drop=True)


def _empty_change() -> pd.DataFrame:
    return pd.DataFrame({
        "gmina_id": pd.Series(dtype=object), "level": pd.Series(dtype=object),
        "key": pd.Series(dtype=object), "first_wave": pd.Series(dtype=object),
        "last_wave": pd.Series(dtype=object), "first_score": pd.Series(dtype=float),
        "last_score": pd.Series(dtype=float), "change": pd.Series(dtype=float),
        "plane": pd.Series(dtype=object), "n_gminas": pd.Series(dtype=np.int64)})
