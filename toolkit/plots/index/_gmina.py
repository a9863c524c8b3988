"""LIJW figures of one gmina: its areas first → last assessment, its planes against the
programme."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ...config import PLANES
from ...index import ALL, OVERALL, area_scales, area_scores, index_change, wave_order
from ...text import format_number, unnest_brackets
from .. import _alt
from .._style import HIGHLIGHT, MUTED, beside, describe, figure, legend_above, tick_format
from ._common import (DOWN, SAME, UP, _PLANE_LABELS, _colour, _fmt, _horizontal_box,
                      _shown_change, _signed, _wrap)


# The looks of area_dumbbell's dots: the first wave's score (open), the last wave's where the
# first has none (filled); a last score beside a first one is filled in its change's colour.
_FIRST = (("facecolor", "white"), ("edgecolor", MUTED), ("linewidth", 1.5), ("zorder", 3))
_LAST_ONLY = (("facecolor", HIGHLIGHT), ("edgecolor", HIGHLIGHT), ("linewidth", 1.5),
              ("zorder", 3))


def _area_pairs(data: pd.DataFrame, areas: pd.DataFrame, gmina_id: str):
    """Per area of one gmina: first and last score, and the two waves' names."""
    gmina_id = str(gmina_id)
    if "level" in data:
        rows = data[(data["gmina_id"].astype(str) == gmina_id) & (data["level"] == "area")]
        pairs = rows.set_index("key")[["first_score", "last_score"]]
        first = rows["first_wave"].iloc[0] if len(rows) else None
        last = rows["last_wave"].iloc[0] if len(rows) else None
        return pairs, first, last
    own = data[data["gmina_id"].astype(str) == gmina_id]
    long = area_scores(own, areas)
    waves = wave_order(long)
    if len(waves) >= 2:
        # The gmina's first and last wave in the order of all the scores given (as
        # index_change orders them for the programme), not of its own dates alone: the
        # chart compares what the programme's change table compares.
        return _area_pairs(index_change(data, areas), areas, gmina_id)
    pairs = pd.DataFrame(columns=["first_score", "last_score"], dtype=float)
    if waves:
        pairs = long.set_index("area_id")[["score"]].rename(columns={"score": "first_score"})
        pairs["last_score"] = np.nan
    return pairs, (waves[0] if waves else None), None


def area_dumbbell(data: pd.DataFrame, areas: pd.DataFrame, gmina_id: str, *, lang: str = "en",
                  title: str = "LIJW by area: first and last assessment",
                  first_label: str | None = None, last_label: str | None = None,
                  score_label: str = "score",
                  normalised_label: str = "score rescaled to 0–1 (areas use different scales)",
                  no_data_label: str = "no data", up_label: str = "higher",
                  down_label: str = "lower", same_label: str = "no change",
                  plane_labels: dict[str, str] | None = None, wrap: int = 44):
    """Each area's score in the gmina's first and last wave, on the area's full scale.

    Parameters
    ----------
    data
        Either :func:`toolkit.index.index_change` (its ``area`` rows are used) or the
        ``index_scores`` table (its waves ordered over all the gminas given, as
        :func:`~toolkit.index.index_change` orders them; a gmina with one wave then shows
        single dots).
    areas
        The index definition (``index_areas``): names, planes, scales.
    gmina_id
        The gmina to draw.
    first_label, last_label
        Legend labels of the two waves; the waves' names by default.
    plane_labels
        Heading per plane (``{"I": "…", "II": "…", "III": "…"}``).
    wrap
        Characters per line of the area names.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    The x axis runs over the areas' scale (``scale_min``–``scale_max``). When the areas
    use different scales every score is rescaled to 0–1,
    (score − scale_min) / (scale_max − scale_min), and the axis says so; the numbers on
    the right are always the scores as given. An arrow goes from the first to the last
    score, green when the score rose, red when it fell; an area scored in only one
    wave is a single dot, an area scored in neither says ``no_data_label``.
    """
    defined = area_scales(areas)
    plane_labels = {**_PLANE_LABELS, **(plane_labels or {})}
    pairs, first_wave, last_wave = _area_pairs(data, areas, gmina_id)
    first_label = first_label or first_wave or "first"
    last_label = last_label or last_wave or "last"

    scales = defined[["scale_min", "scale_max"]].drop_duplicates()
    normalise = len(scales) > 1
    lo, hi = (0.0, 1.0) if normalise else (scales["scale_min"].iat[0], scales["scale_max"].iat[0])

    def position(value, area):
        if pd.isna(value) or not normalise:
            return value
        return (value - area["scale_min"]) / (area["scale_max"] - area["scale_min"])

    # Layout: a heading row per plane, then its areas, from the top down.
    rows: list[tuple[str, object]] = []
    for plane in [p for p in PLANES if p in set(defined["plane"])]:
        rows.append(("heading", plane))
        rows += [("area", a) for _, a in defined[defined["plane"] == plane].iterrows()]
    labels = [_wrap(a["name"], wrap) for kind, a in rows if kind == "area"]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    step = 0.16 + 0.13 * lines
    fig, ax = figure(8.0, 1.3 + step * len(rows))
    y_ticks, y_labels = [], []
    span = hi - lo
    used: set[str] = set()
    # The dots, by their look: one collection per look rather than per dot (each of a
    # figure's collections is laid out and drawn on its own).
    dots: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for i, (kind, item) in enumerate(rows):
        y = -i
        if kind == "heading":
            ax.text(lo - 0.01 * span, y, plane_labels.get(item, item), fontsize=9,
                    fontweight="bold", ha="left", va="center", color=HIGHLIGHT)
            ax.axhline(y - 0.5, color="#e0e0e0", linewidth=0.6, zorder=0)
            continue
        y_ticks.append(y)
        y_labels.append(_wrap(item["name"], wrap))
        ax.axhline(y, color="#f0f0f0", linewidth=0.6, zorder=0)
        f = l = np.nan
        if item["area_id"] in pairs.index:
            f, l = pairs.loc[item["area_id"], ["first_score", "last_score"]]
        fx, lx = position(f, item), position(l, item)
        if pd.isna(f) and pd.isna(l):
            ax.text((lo + hi) / 2, y, no_data_label, fontsize=8, color=MUTED, ha="center",
                    va="center", style="italic")
        elif pd.isna(f) or pd.isna(l):
            used.add("last" if pd.isna(f) else "first")
            dots[_LAST_ONLY if pd.isna(f) else _FIRST].append((lx if pd.isna(f) else fx, y))
        else:
            colour = _colour(_shown_change(f, l))  # as the label: ±0,00 is grey
            used.update({"first", colour})
            if abs(lx - fx) > 0.02 * span:
                ax.annotate("", xy=(lx, y), xytext=(fx, y), zorder=2,
                            arrowprops=dict(arrowstyle="-|>", color=colour, lw=2,
                                            shrinkA=4, shrinkB=5, mutation_scale=12))
            dots[_FIRST].append((fx, y))
            dots[(("color", colour), ("zorder", 4))].append((lx, y))
        if last_wave is None:  # one assessment: its score, no arrow to nothing
            value = _fmt(f, lang) if pd.notna(f) else ""
        else:
            value = (f"{_fmt(f, lang)} → {_fmt(l, lang)}" if not (pd.isna(f) and pd.isna(l))
                     else "")
        if pd.notna(f) and pd.notna(l):
            value += f"  ({_signed(_shown_change(f, l), lang)})"
        beside(ax, y, value, fontsize=8)
    for look, points in dots.items():
        xs, ys = zip(*points)
        ax.scatter(xs, ys, s=55, **dict(look))

    ax.set_yticks(y_ticks, y_labels, fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-len(rows) + 0.5, 0.6)
    ax.set_xlim(lo - 0.02 * span, hi + 0.02 * span)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="x", labelsize=8)
    tick_format(ax.xaxis, "number", lang)
    if normalise:
        ax.set_xlabel(normalised_label, fontsize=8)
    else:
        ax.set_xlabel(f"{score_label} ({format_number(lo, lang)}–{format_number(hi, lang)})",
                      fontsize=8)
    entries = {
        "first": Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                        markeredgecolor=MUTED, markeredgewidth=1.5, label=first_label),
        "last": Line2D([], [], marker="o", linestyle="", color=HIGHLIGHT, label=last_label),
        UP: Line2D([], [], marker="o", color=UP, lw=2, label=f"{last_label}: {up_label}"),
        DOWN: Line2D([], [], marker="o", color=DOWN, lw=2, label=f"{last_label}: {down_label}"),
        SAME: Line2D([], [], marker="o", linestyle="", color=SAME,
                     label=f"{last_label}: {same_label}"),
    }
    handles = [entries[k] for k in entries if k in used]
    legend_above(ax, handles, fontsize=8, handletextpad=0.4, columnspacing=1.2)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    # Text alternative: each area's first and last score, the largest rise and fall.
    describe(fig, _alt.dumbbell(pairs, defined, first_label or first_wave,
                                last_label or last_wave, title, lang))
    return fig


def plane_scores_vs_programme(table: pd.DataFrame, gmina_id: str, wave: str | None = None, *,
                              first_wave: str | None = None, show_first: bool = True,
                              scale: tuple[float, float] | None = None, lang: str = "en",
                              title: str = "LIJW planes: the gmina among all gminas",
                              gmina_label: str = "this gmina",
                              first_label: str | None = None,
                              others_label: str = "other gminas",
                              programme_label: str = "programme mean",
                              score_label: str = "score",
                              plane_labels: dict[str, str] | None = None,
                              wave_labels: dict[str, str] | None = None):
    """The gmina's plane and overall scores against the spread of every gmina.

    Parameters
    ----------
    table
        :func:`toolkit.index.index_table` (every gmina and ``ALL``).
    gmina_id
        The gmina to highlight.
    wave
        The wave compared; the last wave (:func:`toolkit.index.wave_order`) by default.
    first_wave, show_first
        The gmina's earlier score, drawn faded and joined to the current one; by default
        the gmina's first wave (nothing when it is ``wave``); ``show_first=False`` hides it.
    scale
        x-axis limits, e.g. the areas' scale ``(0, 5)``; from the data when not given.
    first_label
        Legend label of the faded point; ``f"{gmina_label} ({first_wave})"`` by default.
    plane_labels
        Row label per plane (``I``, ``II``, ``III``, ``overall``).
    wave_labels
        How the axis and legend name each wave (``labels``); the wave's id otherwise.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Per plane: other gminas' scores in ``wave`` as grey dots (a box with the quartiles
    when there are 5 or more), the programme mean (``ALL``) as a black bar, the
    gmina as a large blue dot; the numbers on the right are the gmina's scores.
    """
    gmina_id = str(gmina_id)
    plane_labels = {**_PLANE_LABELS, **(plane_labels or {})}
    waves = wave_order(table)
    wave = wave or (waves[-1] if waves else None)
    table = table.assign(gmina_id=table["gmina_id"].astype(str))
    own = table[table["gmina_id"] == gmina_id]
    own_waves = [w for w in waves if w in set(own["wave"])]
    if show_first and first_wave is None and own_waves and own_waves[0] != wave:
        first_wave = own_waves[0]
    if not show_first:
        first_wave = None
    planes = [p for p in (*PLANES, OVERALL) if p in set(table["plane"])]
    others = table[(table["gmina_id"] != gmina_id) & (table["gmina_id"] != ALL)
                   & (table["wave"] == wave)]
    programme = table[(table["gmina_id"] == ALL) & (table["wave"] == wave)].set_index("plane")
    now = own[own["wave"] == wave].set_index("plane")["score"]
    before = (own[own["wave"] == first_wave].set_index("plane")["score"] if first_wave
              else pd.Series(dtype=float))

    fig, ax = figure(7.5, 0.9 + 0.55 * len(planes))
    rng = np.random.default_rng(0)
    n_others = others["gmina_id"].nunique()
    alpha = float(np.clip(25 / max(n_others, 1), 0.08, 0.6))
    # Each kind of dot is one collection over the planes (not one per plane and kind).
    looks = {"others": dict(s=28 if n_others < 20 else 12, color=MUTED, alpha=alpha,
                            linewidths=0, zorder=2),
             "programme": dict(marker="|", s=420, linewidths=2.2, color="black", zorder=6),
             "before": dict(s=70, facecolor="white", edgecolor=HIGHLIGHT, alpha=0.6,
                            linewidth=1.5, zorder=4),
             "now": dict(s=85, color=HIGHLIGHT, zorder=5)}
    dots: dict[str, tuple[list, list]] = {kind: ([], []) for kind in looks}
    for i, plane in enumerate(planes):
        y = len(planes) - 1 - i
        values = others.loc[others["plane"] == plane, "score"].dropna().to_numpy()
        if len(values) >= 5:
            _horizontal_box(ax, values, y)
        jitter = rng.uniform(-0.18, 0.18, len(values))
        dots["others"][0].extend(values)
        dots["others"][1].extend(y + jitter)
        b, n = before.get(plane, np.nan), now.get(plane, np.nan)
        shown = {"programme": programme.at[plane, "score"] if plane in programme.index
                 else np.nan, "before": b, "now": n}
        for kind, x in shown.items():
            if pd.notna(x):
                dots[kind][0].append(x)
                dots[kind][1].append(y)
        if pd.notna(b) and pd.notna(n):
            ax.plot([b, n], [y, y], color=HIGHLIGHT, alpha=0.4, lw=2, zorder=3)
        text = (f"{_fmt(b, lang)} → {_fmt(n, lang)}" if first_wave else _fmt(n, lang))
        beside(ax, y, text, fontsize=8, color=HIGHLIGHT)
    for kind, look in looks.items():
        if dots[kind][0]:
            ax.scatter(*dots[kind], **look)
    ax.set_yticks(range(len(planes)), [plane_labels.get(p, p) for p in planes[::-1]],
                  fontsize=8)
    ax.set_ylim(-0.6, len(planes) - 0.4)
    if scale is not None:
        pad = 0.02 * (scale[1] - scale[0])
        ax.set_xlim(scale[0] - pad, scale[1] + pad)
    tick_format(ax.xaxis, "number", lang)
    ax.tick_params(labelsize=8)
    named = {**{w: w for w in waves}, **(wave_labels or {})}
    ax.set_xlabel(unnest_brackets(f"{score_label} ({named.get(wave, wave)})") if wave
                  else score_label, fontsize=8)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    handles = []
    if now.notna().any():
        handles.append(Line2D([], [], marker="o", linestyle="", color=HIGHLIGHT,
                              label=unnest_brackets(f"{gmina_label} ({named.get(wave, wave)})")))
    if first_wave and before.notna().any():
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                              markeredgecolor=HIGHLIGHT, alpha=0.6,
                              label=first_label
                              or unnest_brackets(
                                  f"{gmina_label} ({named.get(first_wave, first_wave)})")))
    handles += [Line2D([], [], marker="|", linestyle="", color="black", markersize=12,
                       markeredgewidth=2.2, label=programme_label),
                Line2D([], [], marker="o", linestyle="", color=MUTED, label=others_label)]
    legend_above(ax, handles, fontsize=8, handletextpad=0.3, columnspacing=1.0)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    # Text alternative: the gmina's plane scores, the programme means, its rank.
    describe(fig, _alt.planes(planes, now, before, programme, others, named.get(wave, wave),
                              first_wave, plane_labels, title, lang))
    return fig
