"""Questionnaire figures: diverging Likert bars (with the programme's means), pre/post knowledge."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..config import LIKERT_MAX, LIKERT_MIN
from ..text import format_figure, format_share, t
from ._style import HIGHLIGHT, MUTED, figure
from . import _alt
from ._style import describe

__all__ = ["likert_diverging", "knowledge_paired"]

# Red → grey → green, for answers 1..5.
_LIKERT_COLOURS = ["#c62828", "#ef9a9a", "#bdbdbd", "#a5d6a7", "#2e7d32"]


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def likert_diverging(rows: pd.DataFrame, labels: dict[str, str], lang: str = "pl",
                     programme_means=None, title: str | None = None):
    """Diverging stacked bars of Likert answers, the neutral answer split at the centre.

    Parameters
    ----------
    rows
        Rows of :func:`toolkit.questionnaires.likert_table` (one per item), in the order to
        draw them top to bottom; suppressed rows are drawn empty with a note.
    labels
        Item texts by ``item_id``.
    programme_means
        The programme's mean of each row's item; with it, each bar is annotated
        "gmina mean (programme mean)".
    title
        The chart's title (default: a generic one).

    Notes
    -----
    The axis is fixed at −100 % … 100 % for every gmina, so reports compare at a glance.
    """
    counts = rows[[f"n_{v}" for v in range(LIKERT_MIN, LIKERT_MAX + 1)]].to_numpy(dtype=float)
    total = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(total > 0, counts / np.where(total > 0, total, 1), 0.0)
    left = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
    y = np.arange(len(rows))[::-1]
    fig, ax = figure(8.5, 0.8 + 0.42 * len(rows))
    start = left.copy()
    for j, colour in enumerate(_LIKERT_COLOURS):
        ax.barh(y, shares[:, j], left=start, color=colour, height=0.65, edgecolor="white",
                linewidth=0.5)
        start = start + shares[:, j]
    for yi, suppressed in zip(y, rows["suppressed"].to_numpy(dtype=bool)):
        if suppressed:
            ax.text(0, yi, t("likert_suppressed_short", lang), ha="center", va="center",
                    fontsize=8, color=MUTED)
    if programme_means is not None:
        for yi, mine, whole in zip(y, rows["mean"], programme_means):
            text = (f"{_number(mine, lang)} ({_number(whole, lang)})" if pd.notna(mine)
                    else f"— ({_number(whole, lang)})")
            ax.text(1.02, yi, text, va="center", fontsize=8, transform=ax.get_yaxis_transform())
        ax.text(1.02, len(rows) - 0.4, t("likert_means_header", lang), fontsize=7, color=MUTED,
                transform=ax.get_yaxis_transform())
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.xaxis.set_major_formatter(lambda x, _: format_share(abs(x), lang))
    ax.set_yticks(y, [_wrap(labels.get(i, i)) for i in rows["item_id"]], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.legend(handles=[Patch(color=c, label=str(v)) for v, c in
                       zip(range(LIKERT_MIN, LIKERT_MAX + 1), _LIKERT_COLOURS)],
              title=t("likert_legend", lang), loc="upper left",
              bbox_to_anchor=(1.2 if programme_means is not None else 1.01, 1),
              frameon=False, fontsize=8, title_fontsize=8)
    ax.set_title(title or t("likert_chart_title", lang), fontsize=10, loc="left")
    # Text alternative: each item's mean and share of 4–5, the best and worst.
    describe(fig, _alt.likert(rows, labels, shares, title or t("likert_chart_title", lang),
                              lang, programme_means))
    return fig


def _number(value, lang: str) -> str:
    """A mean of answers 1–5 as the tables show it (two decimals)."""
    return "—" if pd.isna(value) else format_figure(value, "mean", lang)


def knowledge_paired(scores: pd.DataFrame, programme: pd.Series | None = None,
                     lang: str = "pl"):
    """Each participant's share correct before and after, with the means.

    Parameters
    ----------
    scores
        :func:`toolkit.questionnaires.knowledge_scores` of one gmina.
    programme
        The programme's row of :func:`toolkit.questionnaires.knowledge_table` (``ALL``).
    """
    fig, ax = figure(5.5, 3.6)
    for _, row in scores.iterrows():
        ax.plot([0, 1], [row["pre"], row["post"]], color=MUTED, alpha=0.6, marker="o",
                markersize=3, linewidth=1)
    if len(scores):
        ax.plot([0, 1], [scores["pre"].mean(), scores["post"].mean()], color=HIGHLIGHT,
                linewidth=3, marker="o", label=t("label_gmina_mean", lang))
    if programme is not None and pd.notna(programme.get("pre_mean")):
        ax.plot([0, 1], [programme["pre_mean"], programme["post_mean"]], color="black",
                linewidth=1.5, linestyle="--", marker="D", label=t("label_programme_mean", lang))
    ax.set_xticks([0, 1], [t("label_pre", lang), t("label_post", lang)])
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylim(-0.03, 1.03)
    ax.yaxis.set_major_formatter(lambda x, _: format_share(x, lang))
    ax.tick_params(labelsize=8)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title(t("knowledge_chart_title", lang), fontsize=10, loc="left")
    # Text alternative: the means before and after, who rose and fell.
    describe(fig, _alt.knowledge(scores, programme, t("knowledge_chart_title", lang), lang))
    return fig
