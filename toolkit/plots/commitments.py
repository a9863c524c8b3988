"""Commitment figures: recommendations against the 4 / 1-per-plane rule, support against plan.

Every function returns a :class:`matplotlib.figure.Figure`. Labels are plain keyword
arguments with English defaults (the report passes its own wording); numbers are
formatted for ``lang``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..config import COMMITMENT_MIN_PER_PLANE, COMMITMENT_MIN_TOTAL
from ..config import PLANES
from ..text import format_number, format_share
from . import _alt
from ._style import MUTED, STATUS_COLOURS, beside, describe, figure, legend_above

__all__ = ["recommendations_chart", "support_chart"]

MET = STATUS_COLOURS["eligible"]
SHORT = STATUS_COLOURS["ineligible"]
_PLANE_LABELS = {"I": "Plane I", "II": "Plane II", "III": "Plane III"}


def _row(frame_or_row, gmina_id: str | None) -> pd.Series:
    if isinstance(frame_or_row, pd.Series):
        return frame_or_row
    rows = frame_or_row[frame_or_row["gmina_id"].astype(str) == str(gmina_id)]
    if rows.empty:
        raise ValueError(f"gmina_id {gmina_id!r} is not in the summary")
    return rows.iloc[0]


def recommendations_chart(summary, gmina_id: str | None = None, *, lang: str = "en",
                          min_adopted: int = COMMITMENT_MIN_TOTAL,
                          min_per_plane: int = COMMITMENT_MIN_PER_PLANE,
                          title: str = "Recommendations adopted",
                          met_label: str = "commitment met",
                          not_met_label: str = "commitment not met",
                          plane_labels: dict[str, str] | None = None,
                          total_label: str = "Total",
                          adopted_label: str = "adopted",
                          in_progress_label: str = "in progress",
                          planned_label: str = "planned",
                          plane_rule_label: str = "≥ 1 per plane",
                          total_rule_label: str = "≥ {n} in total",
                          count_label: str = "recommendations"):
    """Adopted recommendations per plane and in total against the commitment rules.

    Parameters
    ----------
    summary
        :func:`toolkit.commitments.recommendation_summary` (the row of ``gmina_id`` is
        used) or one of its rows.
    gmina_id
        The gmina (not needed when ``summary`` is a row).
    min_adopted
        The total the gmina committed to (drawn as a line).
    min_per_plane
        What the gmina committed to in each plane (drawn as a line).
    total_rule_label
        Label of the total rule; ``{n}`` is ``min_adopted``.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    One bar per plane (green when at least one is adopted, a red ``0`` when none) with
    a dashed line at 1, then a total bar: adopted (green when ≥ ``min_adopted``, red
    otherwise) with the recommendations in progress and planned stacked on it (hatched,
    not counted), and a dashed line at ``min_adopted``. The title says whether the
    commitment is met.
    """
    row = _row(summary, gmina_id)
    plane_labels = {**_PLANE_LABELS, **(plane_labels or {})}
    adopted = [int(row.get(f"adopted_{p}", 0)) for p in PLANES]
    total = int(row.get("adopted_total", sum(adopted)))
    in_progress = int(row.get("in_progress", 0) or 0)
    planned = int(row.get("planned", 0) or 0)
    met = row.get("commitment_met")
    if met is None or pd.isna(met):
        met = total >= min_adopted and min(adopted) >= min_per_plane

    fig, ax = figure(7.0, 3.2)
    xs = np.arange(len(PLANES), dtype=float)
    x_total = len(PLANES) + 0.6
    for x, n in zip(xs, adopted):
        if n > 0:
            ax.bar(x, n, width=0.6, color=MET if n >= min_per_plane else SHORT)
            ax.text(x, n, f"{n}", ha="center", va="bottom", fontsize=9, fontweight="bold")
        else:
            ax.text(x, 0.05, "0", ha="center", va="bottom", fontsize=11, fontweight="bold",
                    color=SHORT)
    ax.plot([xs[0] - 0.4, xs[-1] + 0.4], [min_per_plane] * 2, color="black", linestyle="--",
            linewidth=1)
    ax.text(xs[-1] + 0.42, min_per_plane, plane_rule_label.format(n=min_per_plane), fontsize=8,
            va="center", ha="left")

    ax.bar(x_total, total, width=0.6, color=MET if total >= min_adopted else SHORT,
           label=adopted_label)
    bottom = total
    for n, label, hatch in ((in_progress, in_progress_label, "////"),
                            (planned, planned_label, "....")):
        if n:
            ax.bar(x_total, n, width=0.6, bottom=bottom, color="white", edgecolor=MUTED,
                   hatch=hatch, label=label)
            bottom += n
    ax.text(x_total, total / 2 if total else 0.05, f"{total}", ha="center",
            va="center" if total else "bottom", fontsize=9, fontweight="bold",
            color="white" if total else SHORT)
    ax.plot([x_total - 0.4, x_total + 0.4], [min_adopted, min_adopted], color="black",
            linestyle="--", linewidth=1)
    ax.text(x_total + 0.42, min_adopted, total_rule_label.format(n=min_adopted), fontsize=8,
            va="center", ha="left")

    top = max(bottom, min_adopted, max(adopted)) + 1
    ax.set_ylim(0, top)
    ax.set_xlim(-0.6, x_total + 1.4)
    ax.set_yticks(range(0, int(top) + 1))
    ax.set_xticks([*xs, x_total], [*(plane_labels[p] for p in PLANES), total_label],
                  fontsize=8)
    ax.tick_params(labelsize=8)
    ax.set_ylabel(count_label, fontsize=8)
    ax.grid(axis="y", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    handles = [Patch(color=MET, label=adopted_label)]
    if in_progress:
        handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch="////",
                             label=in_progress_label))
    if planned:
        handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch="....",
                             label=planned_label))
    legend_above(ax, handles, fontsize=8)
    fig.suptitle(f"{title}: {met_label if met else not_met_label}", fontsize=10, x=0.01,
                 ha="left", color="black" if met else SHORT)
    # Text alternative: adopted per plane and in total against the commitment.
    describe(fig, _alt.recommendations(PLANES, adopted, total, in_progress, planned,
                                       bool(met), min_adopted, min_per_plane, lang))
    return fig


def support_chart(summary: pd.DataFrame, gmina_id: str, *, lang: str = "en",
                  max_ratio: float = 1.5, title: str = "Support delivered against plan",
                  xlabel: str = "delivered as % of plan", plan_label: str = "plan (100 %)",
                  met_label: str = "delivered in full", short_label: str = "shortfall",
                  no_plan_label: str = "not planned",
                  unit_labels: dict[str, str] | None = None, wrap: int = 30):
    """Each activity's delivery as a share of its plan.

    Parameters
    ----------
    summary
        :func:`toolkit.commitments.support_summary` (rows of ``gmina_id`` are used; pass
        ``"ALL"`` for the programme).
    gmina_id
        The gmina.
    max_ratio
        Bars are cut at this share (an arrow marks a cut bar); the numbers stay exact.
    unit_labels
        Unit after the amounts, per unit (``h`` → ``"h"``, ``count`` → ``""``,
        ``PLN`` → ``"PLN"`` by default).

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Bar = ratio = delivered / planned, green when met, red when short; the line marks
    100 %. On the right: ``delivered / planned unit``. An activity planned at 0 has no
    bar and says ``no_plan_label``.
    """
    units = {"h": "h", "count": "", "PLN": "PLN", **(unit_labels or {})}
    rows = summary[summary["gmina_id"].astype(str) == str(gmina_id)].iloc[::-1]
    fig, ax = figure(7.5, 1.0 + 0.3 * max(len(rows), 1))
    ys = np.arange(len(rows))
    for y, (_, r) in zip(ys, rows.iterrows()):
        ratio = r["ratio"]
        unit = units.get(r["unit"], r["unit"])
        digits = 0 if r["unit"] == "PLN" else 1
        amounts = (f"{format_number(r['delivered'], lang, digits)} / "
                   f"{format_number(r['planned'], lang, digits)} {unit}").strip()
        if r["shortfall"] > 0:
            amounts += f"  (−{format_number(r['shortfall'], lang, digits)} {unit})".replace(
                " )", ")")
        if pd.isna(ratio):
            ax.text(0.02, y, no_plan_label, fontsize=8, va="center", color=MUTED,
                    style="italic")
        else:
            colour = MET if r["met"] else SHORT
            shown = min(ratio, max_ratio)
            ax.barh(y, shown, height=0.6, color=colour)
            if ratio > max_ratio:
                ax.plot(max_ratio, y, marker=">", color=colour, markersize=7, clip_on=False)
            inside = shown >= 0.25  # inside the bar's end, clear of the 100 % line
            ax.text(shown - 0.015 if inside else shown + 0.01, y, format_share(ratio, lang),
                    fontsize=7.5, va="center", ha="right" if inside else "left",
                    color="white" if inside else "#424242", fontweight="bold")
        beside(ax, y, amounts, fontsize=8)
    ax.set_yticks(ys, ["\n".join(textwrap.wrap(str(a), wrap)) for a in rows["activity"]],
                  fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1)
    ratios = rows["ratio"].dropna()
    right = min(max(float(ratios.max()) if len(ratios) else 1.0, 1.0), max_ratio)
    ax.set_xlim(0, right + 0.15)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.xaxis.set_major_formatter(lambda x, _: format_share(x, lang))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    handles = [Patch(color=MET, label=met_label)]
    if (~rows["met"].astype(bool) & rows["ratio"].notna()).any():
        handles.append(Patch(color=SHORT, label=short_label))
    handles.append(Line2D([], [], color="black", linestyle="--", linewidth=1, label=plan_label))
    legend_above(ax, handles, fontsize=8)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    # Text alternative: delivered against planned per activity, the shortfalls.
    describe(fig, _alt.support(rows, units, title, lang))
    return fig
