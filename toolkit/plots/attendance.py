"""Attendance figures: who was where, each participant against the threshold, the rate."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from ..text import format_share, t
from . import _alt
from ._style import (HIGHLIGHT, MUTED, STATUS_COLOURS, STATUS_HATCHES, describe, figure,
                     legend_right, tick_format)

__all__ = ["attendance_heatmap", "share_chart", "diploma_rate_chart"]

# Cell categories of the heatmap, in legend order, with their colours.
_CELLS = (("present", "#2e7d32"), ("late", "#9ccc65"), ("excused", "#ffca28"),
          ("absent", "#e53935"), ("missing", "#bdbdbd"), ("future", "#eceff1"))


# Marks on a dark cell are white, on a light one near-black (contrast either way).
_DARK_CELLS = {"present", "absent"}


def _mark_cells(ax, grid: pd.DataFrame, lang: str) -> None:
    """Write each cell's status mark (✓, S, U, ✗, ?) in it: status is not told by colour
    alone."""
    for row, codes in enumerate(grid.to_numpy()):
        for col, code in enumerate(codes):
            if pd.isna(code):
                continue
            name = _CELLS[int(code)][0]
            mark = t(f"mark_{name}", lang)
            if mark:
                ax.text(col, row, mark, ha="center", va="center", fontsize=8,
                        fontweight="bold", gid=f"mark_{name}",
                        color="white" if name in _DARK_CELLS else "#212121")


def _participant_groups(records: pd.DataFrame) -> pd.Series:
    """Each participant's group: the group of the group sessions they are expected at."""
    grouped = records.dropna(subset=["group"]).drop_duplicates("participant_id")
    people = pd.Index(records["participant_id"].drop_duplicates())
    return grouped.set_index("participant_id")["group"].reindex(people)


def attendance_heatmap(records: pd.DataFrame, lang: str = "pl", group_labels=None,
                       academy: bool = True):
    """Participants × sessions, coloured by what happened; one panel per training group.

    Each group's panel shows only its participants and the sessions they are expected
    at (their group's and the common ones), labelled meeting/day and date, with the
    group named in the panel's title.

    Parameters
    ----------
    records
        :func:`toolkit.attendance.attendance_records` of one gmina (or any subset).
    lang
        Labels' language.
    group_labels
        ``group id → name`` for the panel titles (``None``: the id).
    academy
        Whether the programme trains in an Academy of meetings (*zjazdy*): days are then
        marked ``Z2/1`` (meeting/day); otherwise the title speaks of training days and the
        marks are ``2/1`` (no Academy word).

    Returns
    -------
    matplotlib.figure.Figure
    """
    import matplotlib.pyplot as plt

    prefix = t("zjazd_short" if academy else "meeting_short", lang)
    category = np.where(~records["happened"], "future",
                        np.where(records["missing"], "missing", records["status"]))
    codes = {name: i for i, (name, _) in enumerate(_CELLS)}
    records = records.assign(code=[codes[c] for c in category])
    groups = _participant_groups(records)
    panels = [(g, groups.index[groups == g]) for g in sorted(groups.dropna().unique())]
    if groups.isna().any():
        panels.append((None, groups.index[groups.isna()]))
    heights = [0.5 + 0.3 * len(people) for _, people in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(7.5, 0.5 + sum(heights)), dpi=110,
                             layout="constrained", squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    for ax, (group, people) in zip(axes[:, 0], panels):
        rows = records[records["participant_id"].isin(people)]
        grid = rows.pivot(index="participant_id", columns="session_id", values="code")
        order = rows.drop_duplicates("session_id").sort_values(["date", "zjazd", "day"])
        grid = grid.reindex(columns=order["session_id"])
        labels = [f"{prefix}{z}/{d}\n{pd.Timestamp(when):%d.%m}"
                  for z, d, when in zip(order["zjazd"], order["day"], order["date"])]
        ax.imshow(grid.to_numpy(dtype=float), cmap=ListedColormap([c for _, c in _CELLS]),
                  vmin=-0.5, vmax=len(_CELLS) - 0.5, aspect="auto")
        _mark_cells(ax, grid, lang)
        ax.set_xticks(range(len(labels)), labels, fontsize=7)
        ax.set_yticks(range(len(grid)), grid.index, fontsize=8)
        ax.set_xticks(np.arange(-0.5, len(labels)), minor=True)
        ax.set_yticks(np.arange(-0.5, len(grid)), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        if group is not None:
            name = group_labels(group) if group_labels else str(group)
            ax.set_title(name, fontsize=9, loc="left")
    used = set(category)
    # Each status has a mark as well as a colour (WCAG 1.4.1); the legend shows both.
    legend_right(axes[0, 0], fontsize=8, handles=[
        Patch(facecolor=c, edgecolor="#9e9e9e",
              label=f"{t(f'mark_{n}', lang)} {t(f'cell_{n}', lang)}".strip())
        for n, c in _CELLS if n in used])
    fig.suptitle(t("heatmap_title" if academy else "heatmap_title_trainings", lang),
                 fontsize=10, x=0.01, ha="left")
    # Text alternative: who missed which day, from the frame drawn.
    describe(fig, _alt.heatmap(records, category, groups, lang, prefix=prefix))
    return fig


def share_chart(diplomas: pd.DataFrame, threshold: float, lang: str = "pl"):
    """Each participant's attendance share as a bar, coloured by status, with the threshold.

    Parameters
    ----------
    diplomas
        The diploma list (:func:`toolkit.attendance.diploma_table`) of one gmina.
    threshold
        The diploma threshold (drawn as a line).
    """
    rows = diplomas.sort_values("participant_id", ascending=False)
    fig, ax = figure(7.5, 0.9 + 0.32 * len(rows))
    colours = [STATUS_COLOURS[s] for s in rows["status"]]
    bars = ax.barh(rows["participant_id"], rows["share"].fillna(0), color=colours, height=0.6,
                   edgecolor="white", linewidth=0)
    for bar, status in zip(bars, rows["status"]):  # a pattern as well as a colour
        bar.set_hatch(STATUS_HATCHES[status])
    if "max_reachable_share" in rows and (rows["max_reachable_share"] > rows["share"]).any():
        ax.barh(rows["participant_id"], rows["max_reachable_share"] - rows["share"],
                left=rows["share"], color="none", edgecolor=colours, hatch="///", height=0.6)
    ax.axvline(threshold, color="black", linewidth=1, linestyle="--")
    ax.text(threshold, len(rows) - 0.4, " " + t("threshold_label", lang,
                                                 threshold=format_share(threshold, lang)),
            fontsize=8, va="bottom")
    ax.set_xlim(0, 1)
    tick_format(ax.xaxis, "share", lang)
    ax.tick_params(labelsize=8)
    used = list(dict.fromkeys(rows["status"][::-1]))
    legend_right(ax, handles=[Patch(facecolor=STATUS_COLOURS[s], edgecolor="white",
                                    hatch=STATUS_HATCHES[s], label=t(f"status_{s}", lang))
                              for s in used],
                 fontsize=8, handlelength=2.5, handleheight=1.4)
    ax.set_title(t("share_title", lang), fontsize=10, loc="left")
    # Text alternative: who is under the threshold, from the frame drawn.
    describe(fig, _alt.share(rows, threshold, lang))
    return fig


def diploma_rate_chart(by_gmina: pd.DataFrame, gmina_id: str, lang: str = "pl",
                       all_id: str = "ALL"):
    """The gmina's diploma rate and mean attendance beside every gmina and the programme.

    The programme's diploma rate carries its 95 % Wilson interval (labelled as the
    programme's); a gmina's has none — its participants are the whole group, not a sample.

    Parameters
    ----------
    by_gmina
        :func:`toolkit.figures.attendance_by_gmina` (every gmina and ``ALL``).
    gmina_id
        The gmina to highlight.
    """
    fig, ax = figure(7.5, 2.4)
    others = by_gmina[(by_gmina["gmina_id"] != all_id) & (by_gmina["participants"] > 0)]
    rows = [(t("label_programme", lang), by_gmina[by_gmina["gmina_id"] == all_id], MUTED),
            (t("label_gmina", lang), by_gmina[by_gmina["gmina_id"] == gmina_id], HIGHLIGHT)]
    for y, measure in enumerate(("diploma_rate", "mean_share")):
        jitter = np.linspace(-0.12, 0.12, len(others)) if len(others) > 1 else np.zeros(len(others))
        ax.scatter(others[measure], y + jitter, color=MUTED, alpha=0.35, s=12, linewidths=0,
                   label=t("label_other_gminas", lang) if y == 0 else None)
        for label, row, colour in rows:
            if row.empty or pd.isna(row[measure].iloc[0]):
                continue
            value = row[measure].iloc[0]
            if (measure == "diploma_rate" and row["gmina_id"].iloc[0] == all_id
                    and not pd.isna(row["rate_low"].iloc[0])):
                # Only the programme's rate has an interval: a gmina's participants are
                # the whole group, not a sample. Clipped at 0: a bound may sit a rounding
                # error inside the rate.
                ax.errorbar(value, y, xerr=[[max(0.0, value - row["rate_low"].iloc[0])],
                                            [max(0.0, row["rate_high"].iloc[0] - value)]],
                            fmt="none", ecolor=colour, capsize=4, linewidth=1.5,
                            label=t("label_programme_interval", lang))
            ax.scatter(value, y, color=colour, s=60, zorder=3, marker="D" if colour == MUTED else "o",
                       label=label if y == 0 else None)
    ax.set_yticks([0, 1], [t("label_diploma_rate", lang), t("label_mean_share", lang)], fontsize=8)
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(-0.02, 1.02)
    tick_format(ax.xaxis, "share", lang)
    ax.tick_params(labelsize=8)
    legend_right(ax, fontsize=8)
    ax.set_title(t("rate_title", lang), fontsize=10, loc="left")
    # Text alternative: the gmina's rate and mean against the programme.
    describe(fig, _alt.rate(rows[1][1], rows[0][1],
                            int((others["gmina_id"] != gmina_id).sum()), lang))
    return fig
