"""Action-plan figure: each action's due date and the day it was done, against the data date.

Returns a :class:`matplotlib.figure.Figure`. Labels are plain keyword arguments with
English defaults (the report passes its own wording); dates are formatted for ``lang``.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.lines import Line2D

from ..text import format_date
from ._style import HIGHLIGHT, MUTED, STATUS_COLOURS, figure

__all__ = ["actions_timeline"]


def actions_timeline(actions: pd.DataFrame, as_of=None, *, lang: str = "en",
                     area_labels: dict[str, str] | None = None,
                     title: str = "Due dates and completion of the actions",
                     due_label: str = "due", done_label: str = "done",
                     overdue_label: str = "overdue", as_of_label: str = "as of {as_of}"):
    """One row per action: its due date (circle), the day it was done (diamond), and a
    cross on the due date of an overdue one; a dashed line marks the data date.

    Parameters
    ----------
    actions
        One gmina's ``actions`` rows (``title``, ``area``, ``status``, ``due``,
        ``done_on``; dates as datetimes or ISO text).
    as_of
        The data date; an action due before it, neither done nor dropped, is overdue.
    lang
        Language of the dates on the axis.
    area_labels
        Area id → how readers name it (prefixed to each row's title).
    title, due_label, done_label, overdue_label, as_of_label
        The wording.

    Returns
    -------
    matplotlib.figure.Figure
        Marker shape (not colour alone) tells due, done and overdue apart.
    """
    area_labels = area_labels or {}
    acts = actions.copy()
    acts["_due"] = pd.to_datetime(acts["due"], errors="coerce") if "due" in acts else pd.NaT
    acts["_done"] = (pd.to_datetime(acts["done_on"], errors="coerce") if "done_on" in acts
                     else pd.NaT)
    acts = acts.sort_values(["_due", "_done"], na_position="last").reset_index(drop=True)
    fig, ax = figure(7.5, max(2.0, 0.38 * len(acts) + 1.2))
    stamp = pd.Timestamp(as_of) if as_of is not None else None
    late = (acts["_due"] < stamp) & ~acts["status"].isin(["done", "dropped"]) if stamp is not None \
        else pd.Series(False, index=acts.index)
    y = list(range(len(acts)))[::-1]
    for due, done, pos in zip(acts["_due"], acts["_done"], y):
        if pd.notna(due) and pd.notna(done):
            ax.plot([due, done], [pos, pos], color=MUTED, linewidth=1)
    ax.scatter(acts["_due"], y, marker="o", facecolors="none", edgecolors=HIGHLIGHT, zorder=3)
    ax.scatter(acts["_done"], y, marker="D", color=STATUS_COLOURS["eligible"], zorder=4)
    ax.scatter(acts.loc[late, "_due"], [p for p, l in zip(y, late) if l], marker="x", s=70,
               color=STATUS_COLOURS["ineligible"], zorder=5)
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                      markeredgecolor=HIGHLIGHT, label=due_label),
               Line2D([], [], marker="D", linestyle="", color=STATUS_COLOURS["eligible"],
                      label=done_label),
               Line2D([], [], marker="x", linestyle="", color=STATUS_COLOURS["ineligible"],
                      label=overdue_label)]
    if stamp is not None:
        ax.axvline(stamp, color=MUTED, linestyle="--", linewidth=1)
        handles.append(Line2D([], [], color=MUTED, linestyle="--",
                              label=as_of_label.format(as_of=format_date(stamp.date(), lang))))
    names = [textwrap.shorten(f"{area_labels.get(a, a)}: {t}", 60, placeholder="…")
             for a, t in zip(acts["area"], acts["title"])]
    ax.set_yticks(y, names, fontsize=7)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0),
              frameon=False)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    return fig
