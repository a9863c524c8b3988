"""Questionnaire figures: diverging Likert bars (with the programme's means), pre/post knowledge."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Patch, Rectangle

import matplotlib.pyplot as plt
from matplotlib.colors import LinearSegmentedColormap, to_hex

from ..scales import DEFAULT_SCALE, Scale
from ..text import format_figure, t
from . import _alt
from ._style import (_BESIDE, HIGHLIGHT, MUTED, beside, describe, figure as _figure,
                     legend_right, text_width, tick_format)

__all__ = ["likert_diverging", "knowledge_paired", "likert_colours", "row_scales"]

# Red (the worst answer) → grey (the centre) → green (the best), as on 1–5:
# 1 #c62828, 2 #ef9a9a, 3 #bdbdbd, 4 #a5d6a7, 5 #2e7d32.
_RED, _LIGHT_RED, _GREY, _LIGHT_GREEN, _GREEN = ("#c62828", "#ef9a9a", "#bdbdbd", "#a5d6a7",
                                                 "#2e7d32")
# Above the centre but below positive_min (7–8 on a 0–10 scale whose positive is 9–10).
_PALE = "#e6ee9c"


def _ramp(start: str, end: str, k: int) -> list[str]:
    if k <= 0:
        return []
    if k == 1:
        return [end]
    cmap = LinearSegmentedColormap.from_list("ramp", [start, end])
    return [to_hex(cmap(x)) for x in np.linspace(0, 1, k)]


def likert_colours(scale: Scale) -> list[str]:
    """One colour per answer of ``scale``, split at its midpoint and ``positive_min``.

    Answers below the midpoint are red (darkest at ``min``), the midpoint grey, answers
    from ``positive_min`` green (darkest at ``max``), those between pale.
    """
    values = list(scale.values)
    low = [v for v in values if v < scale.midpoint]
    high = [v for v in values if v >= scale.positive_min and v > scale.midpoint]
    colours = dict(zip(low, _ramp(_RED, _LIGHT_RED, len(low))))
    colours.update(zip(high, _ramp(_LIGHT_GREEN, _GREEN, len(high))))
    return [colours.get(v, _GREY if v == scale.midpoint else _PALE) for v in values]


def row_scales(rows: pd.DataFrame, scales: dict[str, Scale] | None = None) -> list[Scale]:
    """The scale of each row of :func:`toolkit.questionnaires.likert_table`.

    From ``scales`` by the row's ``scale`` name when given there (labels included), else
    from the row's ``scale_min``, ``scale_max`` and ``positive_min``; rows without these
    columns are on the default 1–5 scale.
    """
    if "scale_min" not in rows:
        return [DEFAULT_SCALE] * len(rows)
    names = rows["scale"] if "scale" in rows else pd.Series("", index=rows.index)
    out = []
    for name, lo, hi, positive in zip(names, rows["scale_min"], rows["scale_max"],
                                      rows["positive_min"]):
        name = "" if pd.isna(name) else str(name)
        if scales and name in scales:
            out.append(scales[name])
        else:
            out.append(Scale(name, int(lo), int(hi), int(positive)))
    return out


def _wrap(text: str, width: int = 38) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _shares(rows: pd.DataFrame, scale: Scale) -> np.ndarray:
    columns = [f"n_{v}" for v in scale.values]
    counts = rows.reindex(columns=columns).fillna(0).to_numpy(dtype=float)
    total = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, counts / np.where(total > 0, total, 1), 0.0)


def likert_diverging(rows: pd.DataFrame, labels: dict[str, str], lang: str = "pl",
                     programme_means=None, title: str | None = None,
                     scales: dict[str, Scale] | None = None):
    """Diverging stacked bars of Likert answers, each item on its own scale.

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
    scales
        The dataset's scales by name (:attr:`toolkit.dataset.Dataset.scales`): the
        legend then shows their labels (Polish or English by ``lang``), else numbers.

    Notes
    -----
    Items on different scales are never put on one axis: one panel per scale, each with
    its range, its positive answers and its legend. Answers below the scale's midpoint
    are drawn left of 0, those above right of it, the midpoint split in half. The axis
    (share of answers) is fixed at −100 % … 100 % for every gmina, so reports compare at a
    glance.
    """
    title = title or t("likert_chart_title", lang)
    of_row = row_scales(rows, scales)
    # One panel per range (agree5 and rating5 share one: 1–5, positive 4–5); the legend
    # shows labels only when every item of the panel has the same ones.
    by_range: dict[tuple, list[int]] = {}
    for i, scale in enumerate(of_row):
        by_range.setdefault((scale.min, scale.max, scale.positive_min), []).append(i)
    groups: dict[Scale, list[int]] = {}
    for (lo, hi, positive), positions in by_range.items():
        kinds = {of_row[i] for i in positions}
        shared = kinds.pop() if len(kinds) == 1 else Scale("", lo, hi, positive)
        groups[shared] = positions
    # A panel is tall enough for its bars and for its legend (one line per answer).
    heights = [max(0.5 + 0.42 * len(positions), 0.45 + 0.19 * (scale.max - scale.min + 1))
               for scale, positions in groups.items()]
    fig, axes = plt.subplots(len(groups), 1, figsize=(8.5, 0.4 + sum(heights)), dpi=110,
                             layout="constrained", squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    means = None if programme_means is None else list(programme_means)
    all_shares = np.zeros((len(rows), 0))
    for ax, (scale, positions) in zip(axes[:, 0], groups.items()):
        _panel(ax, rows.iloc[positions], scale, labels, lang,
               None if means is None else [means[i] for i in positions])
        if len(groups) == 1:
            all_shares = _shares(rows, scale)
    fig.suptitle(title, x=0.01, ha="left", fontsize=10)
    # Text alternative: each item's mean and share of positive answers (on its scale).
    describe(fig, _alt.likert(rows, labels, all_shares, title, lang, programme_means,
                              scales=of_row))
    return fig


def _panel(ax, rows: pd.DataFrame, scale: Scale, labels: dict, lang: str, programme_means):
    """One scale's bars, its range and positive answers in the panel's title."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    shares = _shares(rows, scale)
    values = list(scale.values)
    below = [j for j, v in enumerate(values) if v < scale.midpoint]
    centre = [j for j, v in enumerate(values) if v == scale.midpoint]
    left = -(shares[:, below].sum(axis=1) + shares[:, centre].sum(axis=1) / 2)
    y = np.arange(len(rows))[::-1]
    colours = likert_colours(scale)
    start = left.copy()
    for j, colour in enumerate(colours):
        _bars(ax, y, shares[:, j], start, colour)
        start = start + shares[:, j]
    for yi, suppressed in zip(y, rows["suppressed"].to_numpy(dtype=bool)):
        if suppressed:
            # On a white ground: the zero line must not cross the note's words.
            ax.text(0, yi, t("likert_suppressed_short", lang), ha="center", va="center",
                    fontsize=8, color=MUTED, zorder=5, gid="suppressed_note",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5})
    means = []
    if programme_means is not None:
        for yi, mine, whole in zip(y, rows["mean"], programme_means):
            text = (f"{_number(mine, lang)} ({_number(whole, lang)})" if pd.notna(mine)
                    else f"— ({_number(whole, lang)})")
            means.append(beside(ax, yi, text, fontsize=8))
        means.append(beside(ax, len(rows) - 0.4, t("likert_means_header", lang), fontsize=7,
                            color=MUTED, va="baseline"))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    tick_format(ax.xaxis, "share", lang, absolute=True)
    ax.set_yticks(y, [_wrap(labels.get(i, i)) for i in rows["item_id"]], fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    names = [scale.label(v, lang) for v in values]
    # The legend right of the means, when they are shown.
    legend_right(ax, gap=_BESIDE + text_width(ax.figure, means) if means else 0.0,
                 handles=[Patch(color=c, label=str(v) if name == str(v) else f"{v} {name}")
                          for v, name, c in zip(values, names, colours)],
                 title=t("likert_legend", lang, span=scale.span),
                 fontsize=7 if len(values) > 7 else 8, title_fontsize=8)
    ax.set_title(t("likert_panel_title", lang, span=scale.span, positive=scale.positive_span),
                 fontsize=9, loc="left")
    # The scale's own range, for whoever reads the figure's data (tests, alt text).
    ax.likert_scale = scale


def _bars(ax, y, widths, lefts, colour, height: float = 0.65) -> None:
    """Horizontal bars centred on ``y``, as ``ax.barh`` draws them, on an axes whose limits
    are set by hand: added as patches without ``barh``'s update of the data limits, which
    for each bar builds and inverts a chain of transforms (a quarter of a Likert chart's
    making)."""
    for yi, width, left in zip(y, widths, lefts):
        ax.add_artist(Rectangle((left, yi - height / 2), width, height, facecolor=colour,
                                edgecolor="white", linewidth=0.5))


def _number(value, lang: str) -> str:
    """A mean of answers as the tables show it (two decimals)."""
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
    fig, ax = _figure(5.5, 3.6)
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
    tick_format(ax.yaxis, "share", lang)
    ax.tick_params(labelsize=8)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    ax.set_title(t("knowledge_chart_title", lang), fontsize=10, loc="left")
    # Text alternative: the means before and after, who rose and fell.
    describe(fig, _alt.knowledge(scores, programme, t("knowledge_chart_title", lang), lang))
    return fig
