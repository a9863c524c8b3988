"""Action-plan figure: each action's due date and the day it was done, against the data date.

Returns a :class:`matplotlib.figure.Figure`. Labels are plain keyword arguments with
English defaults (the report passes its own wording); dates are formatted for ``lang``.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from ..text import format_date
from ._style import HIGHLIGHT, MUTED, STATUS_COLOURS, describe, figure, legend_right

__all__ = ["actions_timeline"]


def _month_formatter(lang: str):
    """Axis months as the language writes them (``sty 2021``, ``Jan 2021``), via Babel."""
    from babel.dates import format_date as babel_date

    from ..text import _LOCALES

    def month(value, _pos=None):
        return babel_date(mdates.num2date(value).date(), "LLL y", locale=_LOCALES[lang])

    return FuncFormatter(month)


def _row_name(area: str, title: str, width: int = 42, lines: int = 2) -> str:
    """A row's label: the area and the title, wrapped on ``lines`` lines (the plan's table
    beside the figure gives every title whole)."""
    return "\n".join(textwrap.wrap(f"{area}: {title}", width, max_lines=lines,
                                    placeholder=" …"))


def actions_timeline(actions: pd.DataFrame, as_of=None, *, lang: str = "en",
                     area_labels: dict[str, str] | None = None,
                     title: str = "Due dates and completion of the actions",
                     due_label: str = "due", done_label: str = "done",
                     overdue_label: str = "overdue", as_of_label: str = "as of {as_of}",
                     dropped_label: str = "dropped"):
    """One row per action: its due date (circle), the day it was done (diamond), and a
    cross on the due date of an overdue one; a dropped action's due date is a grey hatched
    square (its row label grey); a dashed line marks the data date.

    Parameters
    ----------
    actions
        One gmina's ``actions`` rows (``title``, ``area``, ``status``, ``due``,
        ``done_on``; dates as datetimes or ISO text).
    as_of
        The data date; an action due before it, neither done nor dropped, is overdue.
    lang
        Language of the dates on the axis (months as ``sty 2021`` in Polish).
    area_labels
        Area id → how readers name it (prefixed to each row's title).
    title, due_label, done_label, overdue_label, as_of_label, dropped_label
        The wording.

    Returns
    -------
    matplotlib.figure.Figure
        Marker shape (not colour alone) tells due, done, overdue and dropped apart; the
        figure carries a text alternative (:func:`toolkit.plots._alt.actions`).
    """
    from . import _alt

    area_labels = area_labels or {}
    acts = actions.copy()
    acts["_due"] = pd.to_datetime(acts["due"], errors="coerce") if "due" in acts else pd.NaT
    acts["_done"] = (pd.to_datetime(acts["done_on"], errors="coerce") if "done_on" in acts
                     else pd.NaT)
    acts = acts.sort_values(["_due", "_done"], na_position="last").reset_index(drop=True)
    names = [_row_name(area_labels.get(a, a), t) for a, t in zip(acts["area"], acts["title"])]
    n_lines = sum(name.count("\n") + 1 for name in names)
    fig, ax = figure(7.5, max(2.0, 0.2 * n_lines + 0.12 * len(acts) + 1.3))
    stamp = pd.Timestamp(as_of) if as_of is not None else None
    late = (acts["_due"] < stamp) & ~acts["status"].isin(["done", "dropped"]) if stamp is not None \
        else pd.Series(False, index=acts.index)
    dropped = (acts["status"] == "dropped").to_numpy()
    y = np.arange(len(acts))[::-1]
    for due, done, pos in zip(acts["_due"], acts["_done"], y):
        if pd.notna(due) and pd.notna(done):
            ax.plot([due, done], [pos, pos], color=MUTED, linewidth=1)
    ax.scatter(acts.loc[~dropped, "_due"], y[~dropped], marker="o", facecolors="none",
               edgecolors=HIGHLIGHT, zorder=3, gid="due")
    ax.scatter(acts.loc[dropped, "_due"], y[dropped], marker="s", s=60, facecolors="white",
               edgecolors=MUTED, hatch="////", zorder=3, gid="dropped")
    ax.scatter(acts["_done"], y, marker="D", color=STATUS_COLOURS["eligible"], zorder=4,
               gid="done")
    ax.scatter(acts.loc[late, "_due"], [p for p, l in zip(y, late) if l], marker="x", s=70,
               color=STATUS_COLOURS["ineligible"], zorder=5, gid="overdue")
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                      markeredgecolor=HIGHLIGHT, label=due_label),
               Line2D([], [], marker="D", linestyle="", color=STATUS_COLOURS["eligible"],
                      label=done_label),
               Line2D([], [], marker="x", linestyle="", color=STATUS_COLOURS["ineligible"],
                      label=overdue_label)]
    if dropped.any():
        handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch="////",
                             label=dropped_label))
    if stamp is not None:
        ax.axvline(stamp, color=MUTED, linestyle="--", linewidth=1)
        handles.append(Line2D([], [], color=MUTED, linestyle="--",
                              label=as_of_label.format(as_of=format_date(stamp.date(), lang))))
    ax.set_yticks(y, names, fontsize=7)
    for label, gone in zip(ax.get_yticklabels(), dropped):
        if gone:
            label.set_color("#616161")
            label.set_fontstyle("italic")
    ax.set_ylim(-0.6, len(acts) - 0.4)
    ax.xaxis.set_major_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(_month_formatter(lang))
    ax.tick_params(axis="x", labelsize=7, labelrotation=45)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
    legend_right(ax, handles=handles, fontsize=7)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    return describe(fig, _alt.actions(acts, late, as_of, title, lang))
