"""The gminas' action plans (*Plan Działania*): status counts, what is overdue, coverage.

Pure functions: frames in, frames out (SPEC §2 ``actions``, §3 sheet ``actions``). An
action is **overdue** when its ``due`` is before the data date (``as_of``) and its status
is neither ``done`` nor ``dropped``. A plan **covers all areas** when every area it must
work in has at least ``min_per_area`` actions that are not dropped (the programme's
``actions_min_per_area``, 1 by default).

Which areas a plan must cover is read from the data, never from a path's name: a gmina
must cover every area in which the programme's actions of its paths work (the actions
carrying that path, or carrying none in a gmina of one path). Without paths (no
``gminas.path``, no ``actions.path``) every gmina must cover all of
:data:`toolkit.config.ACTION_AREAS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .config import ACTION_AREAS, ACTION_STATUSES, ACTIONS_MIN_PER_AREA, ALL

__all__ = ["action_summary", "overdue_actions", "required_areas", "gmina_paths",
           "path_summary", "ACTION_COLUMNS", "PATH_COLUMNS", "TOTAL_AREA"]

#: The ``area`` of a gmina's row that counts all its areas together.
TOTAL_AREA = "all"
#: Columns of :func:`action_summary`, in order (the SPEC §3 ``actions`` sheet first).
ACTION_COLUMNS = ["gmina_id", "area", "planned", "in_progress", "done", "dropped", "overdue",
                  "covers_all_areas", "total", "share_done", "missing_areas", "required_areas",
                  "gminas_covering", "n_gminas"]
#: Columns of :func:`path_summary`, in order.
PATH_COLUMNS = ["path", "gminas", "attendance_mean_share", "rating_mean", "index_change",
                "actions", "done", "dropped", "overdue", "share_done", "gminas_covering",
                "index_first", "index_last"]


def _paths_of(value) -> list[str]:
    if not isinstance(value, str):
        return []
    return [p.strip() for p in value.split(";") if p.strip()]


def gmina_paths(gminas: pd.DataFrame) -> dict[str, list[str]]:
    """Each gmina's support paths (``gminas.path``, several separated by ``;``)."""
    paths = gminas["path"] if "path" in gminas else [None] * len(gminas)
    return {str(g): _paths_of(p) for g, p in zip(gminas["gmina_id"], paths)}


def _action_paths(actions: pd.DataFrame, paths: dict[str, list[str]]) -> pd.Series:
    """The path each action belongs to: its own, else its gmina's only path, else NA."""
    own = (actions["path"] if "path" in actions
           else pd.Series(None, index=actions.index, dtype=object))
    only = actions["gmina_id"].map(
        lambda g: paths.get(str(g), [None])[0] if len(paths.get(str(g), [])) == 1 else None)
    return own.where(own.notna() & (own.astype(str).str.strip() != ""), only)


def required_areas(actions: pd.DataFrame, gminas: pd.DataFrame,
                   areas=ACTION_AREAS) -> dict[str, tuple[str, ...]]:
    """The areas each gmina's plan must cover (see the module's description).

    Returns
    -------
    dict
        gmina_id → areas in the order of ``areas``.
    """
    paths = gmina_paths(gminas)
    by_path: dict[str, set] = {}
    if len(actions):
        for path, area in zip(_action_paths(actions, paths), actions["area"]):
            if isinstance(path, str):
                by_path.setdefault(path, set()).add(area)
    out = {}
    for gmina, own in paths.items():
        needed = set().union(*(by_path.get(p, set()) for p in own)) if own else set()
        out[gmina] = tuple(a for a in areas if a in needed) if needed else tuple(areas)
    return out


def _overdue(actions: pd.DataFrame, as_of) -> pd.Series:
    if "due" not in actions or as_of is None:
        return pd.Series(False, index=actions.index)
    due = pd.to_datetime(actions["due"], errors="coerce")
    return ((due < pd.Timestamp(as_of)) & ~actions["status"].isin(["done", "dropped"])).fillna(
        False).astype(bool)


def action_summary(actions: pd.DataFrame, gminas: pd.DataFrame, as_of=None,
                   min_per_area: int = ACTIONS_MIN_PER_AREA, areas=ACTION_AREAS) -> pd.DataFrame:
    """Actions per gmina and area by status, what is overdue, and whether the plan covers
    every area it must.

    Parameters
    ----------
    actions
        The ``actions`` table (``gmina_id``, ``area``, ``status``, ``due``, …).
    gminas
        The ``gminas`` table: every gmina gets its rows, zeros when it has no actions.
    as_of
        The data date (:meth:`toolkit.dataset.Dataset.data_date`); ``None``: nothing
        is overdue.
    min_per_area
        Actions, not dropped, a plan needs in each area it must cover.
    areas
        The action areas, in the order rows are given.

    Returns
    -------
    pandas.DataFrame
        :data:`ACTION_COLUMNS`; per gmina (in the order of ``gminas``) one row per area
        and one with area :data:`TOTAL_AREA`, then the same rows for ``ALL``:

        - ``planned``, ``in_progress``, ``done``, ``dropped`` (int): actions by status;
          ``total`` (int): the actions that count, i.e. all but the dropped ones
          (planned + in progress + done; dropped actions are shown, never counted);
          ``overdue`` (int): due before ``as_of``, neither done nor dropped;
        - ``share_done`` (float): done / total, NaN when nothing is left;
        - ``covers_all_areas`` (nullable boolean): the gmina's plan has
          ≥ ``min_per_area`` actions not dropped in every area of ``required_areas``
          (the same in all its rows); NA in ``ALL`` rows;
        - ``missing_areas`` (str): the areas short of that, ``";"``-separated ids;
          ``required_areas`` likewise;
        - ``gminas_covering``, ``n_gminas`` (int): gminas whose plan covers all areas,
          and gminas counted (1 or 0 and 1 in a gmina's rows).

    Examples
    --------
    >>> acts = pd.DataFrame({"gmina_id": ["1", "1"], "area": ["JST", "NGO"],
    ...                      "status": ["done", "planned"],
    ...                      "due": ["2021-01-01", "2021-01-01"]})
    >>> out = action_summary(acts, pd.DataFrame({"gmina_id": ["1"]}), as_of="2021-06-30")
    >>> out.loc[out["area"] == "all", ["gmina_id", "done", "overdue", "missing_areas"]].values.tolist()
    [['1', 1, 1, 'informal'], ['ALL', 1, 1, 'informal']]
    """
    gmina_ids = list(dict.fromkeys(str(g) for g in gminas["gmina_id"]))
    acts = actions[actions["gmina_id"].astype(str).isin(gmina_ids)].copy()
    acts["gmina_id"] = acts["gmina_id"].astype(str)
    acts["overdue"] = _overdue(acts, as_of)
    needed = required_areas(acts, gminas, areas)
    counts = (pd.crosstab([acts["gmina_id"], acts["area"]], acts["status"])
              .reindex(columns=list(ACTION_STATUSES), fill_value=0))
    overdue = acts.groupby(["gmina_id", "area"])["overdue"].sum()
    index = pd.MultiIndex.from_product([gmina_ids, list(areas)], names=["gmina_id", "area"])
    rows = counts.reindex(index, fill_value=0).astype(int)
    rows["overdue"] = overdue.reindex(index, fill_value=0).astype(int)
    rows = rows.reset_index()
    rows.columns.name = None
    active = rows["planned"] + rows["in_progress"] + rows["done"]
    missing = {g: [a for a in needed[g]
                   if active[(rows["gmina_id"] == g) & (rows["area"] == a)].sum() < min_per_area]
               for g in gmina_ids}
    totals = rows.groupby("gmina_id", sort=False)[[*ACTION_STATUSES, "overdue"]].sum()
    totals = totals.reindex(gmina_ids).reset_index().assign(area=TOTAL_AREA)
    per_gmina = pd.concat([rows, totals], ignore_index=True)
    order = {a: i for i, a in enumerate([*areas, TOTAL_AREA])}
    per_gmina["_g"] = per_gmina["gmina_id"].map({g: i for i, g in enumerate(gmina_ids)})
    per_gmina["_a"] = per_gmina["area"].map(order)
    per_gmina = per_gmina.sort_values(["_g", "_a"]).drop(columns=["_g", "_a"])
    per_gmina["covers_all_areas"] = per_gmina["gmina_id"].map(
        {g: not m for g, m in missing.items()}).astype("boolean")
    per_gmina["missing_areas"] = per_gmina["gmina_id"].map({g: ";".join(m) for g, m in
                                                            missing.items()})
    per_gmina["required_areas"] = per_gmina["gmina_id"].map({g: ";".join(a) for g, a in
                                                             needed.items()})
    per_gmina["gminas_covering"] = per_gmina["covers_all_areas"].astype(int)
    per_gmina["n_gminas"] = 1
    whole = per_gmina.groupby("area", sort=False)[
        [*ACTION_STATUSES, "overdue", "gminas_covering", "n_gminas"]].sum().reset_index()
    whole["gmina_id"] = ALL
    whole["covers_all_areas"] = pd.array([pd.NA] * len(whole), dtype="boolean")
    no_one = [a for a in areas
              if not any(a in needed[g] for g in gmina_ids)
              or (per_gmina.loc[per_gmina["area"] == a, ["planned", "in_progress", "done"]]
                  .to_numpy().sum() < min_per_area)]
    whole["missing_areas"] = ";".join(no_one)
    whole["required_areas"] = ";".join(areas)
    out = pd.concat([per_gmina, whole], ignore_index=True)
    # One definition everywhere: dropped actions are shown but not counted.
    out["total"] = out[["planned", "in_progress", "done"]].sum(axis=1).astype(int)
    left = out["total"]
    out["share_done"] = np.where(left > 0, out["done"] / left.where(left > 0, 1), np.nan)
    for column in [*ACTION_STATUSES, "overdue", "gminas_covering", "n_gminas"]:
        out[column] = out[column].astype(int)
    return out[ACTION_COLUMNS].reset_index(drop=True)


def overdue_actions(actions: pd.DataFrame, as_of, gmina_id: str | None = None) -> pd.DataFrame:
    """The overdue actions (due before ``as_of``, neither done nor dropped), earliest first.

    Returns
    -------
    pandas.DataFrame
        The rows of ``actions`` (of ``gmina_id`` when given), sorted by ``due``.
    """
    acts = actions if gmina_id is None else actions[actions["gmina_id"].astype(str)
                                                    == str(gmina_id)]
    late = acts[_overdue(acts, as_of).to_numpy()]
    return late.sort_values(["due", "action_id"] if "action_id" in late else ["due"]
                            ).reset_index(drop=True)


def path_summary(gminas: pd.DataFrame, actions: pd.DataFrame | None = None, as_of=None,
                 attendance: pd.DataFrame | None = None, ratings: pd.DataFrame | None = None,
                 index_change: pd.DataFrame | None = None,
                 min_per_area: int = ACTIONS_MIN_PER_AREA) -> pd.DataFrame:
    """The programme's support paths side by side (a gmina of two paths counts in both).

    Parameters
    ----------
    gminas
        The ``gminas`` table with ``path``.
    actions, as_of, min_per_area
        The ``actions`` table and the data date (see :func:`action_summary`).
    attendance
        Attendance per gmina (``gmina_id``, ``mean_share``: the ``attendance`` sheet).
    ratings
        Questionnaire means per gmina and instrument (``gmina_id``, ``n``, ``mean``,
        ``suppressed``: :func:`toolkit.questionnaires.likert_by_instrument`).
    index_change
        :func:`toolkit.index.index_change` (its overall rows: ``level == "plane"``,
        ``key == "overall"``).

    Returns
    -------
    pandas.DataFrame
        :data:`PATH_COLUMNS`, one row per path in order of first appearance:
        ``gminas`` (int); ``attendance_mean_share``: mean of the gminas' mean attendance;
        ``rating_mean``: mean answer over the gminas' answers that are shown (not
        suppressed), each instrument's mean weighted by its answers (NaN when the
        questionnaires are on different answer ranges: such means do not add up); ``index_change``:
        mean of the gminas' overall LIJW change, ``index_first``, ``index_last``: the
        means of their first and last overall scores (a report shows the change as the
        difference of these two, shown, as for the programme); ``actions`` (int): the path's actions that
        count (its own, or untagged ones of a gmina of that path only; dropped ones are
        not counted, as in :func:`action_summary`'s ``total``); ``done``, ``dropped``,
        ``overdue`` (int); ``share_done`` = done / actions;
        ``gminas_covering`` (int): the path's gminas whose plan covers all its areas.
        A figure the data cannot give is NaN. Empty without paths.
    """
    paths = gmina_paths(gminas)
    order = list(dict.fromkeys(p for own in paths.values() for p in own))
    if actions is not None:
        acts = actions.copy()
        acts["_path"] = _action_paths(acts, paths)
        acts["overdue"] = _overdue(acts, as_of)
        covering = action_summary(actions, gminas, as_of, min_per_area)
        covering = covering[covering["area"] == TOTAL_AREA].set_index("gmina_id")[
            "covers_all_areas"]
    rows = []
    for path in order:
        members = [g for g, own in paths.items() if path in own]
        row = {"path": path, "gminas": len(members)}
        if attendance is not None and len(attendance):
            shares = attendance[attendance["gmina_id"].isin(members)]["mean_share"]
            row["attendance_mean_share"] = shares.mean() if shares.notna().any() else np.nan
        if ratings is not None and len(ratings):
            shown = ratings[ratings["gmina_id"].isin(members) & ~ratings["suppressed"].astype(bool)
                            & ratings["mean"].notna()]
            ranges = shown[[c for c in ("scale_min", "scale_max") if c in shown]]
            one_scale = ranges.drop_duplicates().shape[0] <= 1
            row["rating_mean"] = ((shown["mean"] * shown["n"]).sum() / shown["n"].sum()
                                  if shown["n"].sum() > 0 and one_scale else np.nan)
        if index_change is not None and len(index_change):
            rows_ = index_change[(index_change["level"] == "plane")
                                 & (index_change["key"] == "overall")
                                 & index_change["gmina_id"].isin(members)]
            rows_ = rows_[rows_["change"].notna()]
            both = not rows_.empty
            row["index_change"] = rows_["change"].mean() if both else np.nan
            row["index_first"] = rows_["first_score"].mean() if both else np.nan
            row["index_last"] = rows_["last_score"].mean() if both else np.nan
        if actions is not None:
            mine = acts[(acts["_path"] == path) & acts["gmina_id"].astype(str).isin(members)]
            done, dropped = int((mine["status"] == "done").sum()), int(
                (mine["status"] == "dropped").sum())
            left = len(mine) - dropped
            row.update(actions=left, done=done, dropped=dropped,
                       overdue=int(mine["overdue"].sum()),
                       share_done=done / left if left else np.nan,
                       gminas_covering=int(covering.reindex(members).fillna(False).sum()))
        rows.append(row)
    out = pd.DataFrame(rows, columns=PATH_COLUMNS)
    for column in ("gminas", "actions", "done", "dropped", "overdue", "gminas_covering"):
        if out[column].notna().all():
            out[column] = out[column].astype(int)
    return out
