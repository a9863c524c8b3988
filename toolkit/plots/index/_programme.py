"""LIJW figures of the whole programme: gminas × areas heatmap, ranking of the change."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...config import PLANES
from ...index import ALL, OVERALL, area_scales, area_scores, index_table, wave_order
from ...text import count_label, unnest_brackets
from .. import _alt
from .._style import HIGHLIGHT, describe, figure, tick_format
from ._common import (DOWN, SAME, UP, _fixed, _gap_sizes, _gmina_names, _shown_change,
                      _signed, _wrap)


def _top_and_bottom(order: list[str], max_rows: int, gmina_id, subset_label: str | dict,
                    lang: str) -> tuple[list[str | None], str | None]:
    """The first and last ``max_rows // 2`` of ``order`` (``None`` marks the gap), with the
    highlighted gmina kept between them; all of ``order`` when it is short enough."""
    n = len(order)
    if n <= max_rows:
        return list(order), None
    top = max_rows // 2
    middle: list[str | None] = [None]
    if gmina_id is not None and str(gmina_id) in order[top:n - top]:
        middle = [None, str(gmina_id), None]
    return order[:top] + middle + order[n - top:], count_label(subset_label, n, lang, top=top)


def _area_codes(defined: pd.DataFrame) -> dict[str, str]:
    """``area_id → "I.1"``: the plane and the area's place in it (areas without a plane
    are numbered on their own)."""
    codes, seen = {}, {}
    for area, plane in zip(defined["area_id"], defined["plane"]):
        plane = plane if plane in PLANES else ""
        seen[plane] = seen.get(plane, 0) + 1
        codes[area] = f"{plane}.{seen[plane]}" if plane else str(seen[plane])
    return codes


def index_heatmap(scores: pd.DataFrame, areas: pd.DataFrame, wave: str | None = None, *,
                  gminas: pd.DataFrame | None = None, gmina_id: str | None = None,
                  max_rows: int = 60, lang: str = "en",
                  title: str = "LIJW scores by gmina and area",
                  programme_label: str = "programme mean",
                  omitted_label: str | dict = "… {n} gminas not shown …",
                  subset_label: str = "the {top} highest and {top} lowest of {n} gminas "
                                      "(by overall score)",
                  scale_label: str = "score",
                  normalised_label: str = "score rescaled to 0–1",
                  show_key: bool = True, key_wrap: int = 110,
                  wave_labels: dict[str, str] | None = None,
                  area_labels: dict[str, str] | None = None):
    """Gminas × areas: every gmina's score in each area in one wave.

    Parameters
    ----------
    scores, areas
        The ``index_scores`` and ``index_areas`` tables.
    wave
        The wave shown; the last (:func:`toolkit.index.wave_order`) by default.
    gminas
        The ``gminas`` table: rows are labelled with the names (ids otherwise).
    gmina_id
        A gmina to highlight (bold label; always shown, with its rank, when rows are
        left out).
    max_rows
        Up to this many gminas every gmina is a row. Beyond it the ``max_rows // 2``
        highest and lowest gminas by overall score are shown, with a row saying how
        many are left out (``omitted_label``), and the subtitle says so (``subset_label``);
        both count gminas: a text with ``{n}`` or its plural forms
        (:func:`toolkit.text.count_label`).
    show_key
        List ``code: name`` under the heatmap. Columns are labelled by a short code of
        the plane and the area's place in it (``I.1``, ``I.2``, ``II.1`` …), never by
        the area's id.
    wave_labels
        How the title names the wave (``labels``); the wave's id otherwise.
    area_labels
        How readers name each area (``labels`` kind ``area``); the ``index_areas``
        name otherwise.

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Rows are sorted by the overall score (highest first), then a last row gives the
    programme mean of each area (over every gmina, not only those shown). Colours run
    over the areas' scale; when the areas use different scales the colours show the
    rescaled scores (score − min) / (max − min) and the cells keep the scores as given.
    Cell values are written when at most 40 rows and 14 areas are drawn. Missing
    scores are blank.
    """
    defined = area_scales(areas)
    defined = pd.concat([defined[defined["plane"] == p] for p in PLANES]
                        + [defined[~defined["plane"].isin(PLANES)]], ignore_index=True)
    waves = wave_order(scores)
    wave = wave or (waves[-1] if waves else None)
    in_wave = scores[scores["wave"].astype(str) == str(wave)]
    scales = defined[["scale_min", "scale_max"]].drop_duplicates()
    normalise = len(scales) > 1
    raw = area_scores(in_wave, areas)
    shade = area_scores(in_wave, areas, normalised=normalise)
    raw_grid = raw.pivot(index="gmina_id", columns="area_id", values="score")
    shade_grid = shade.pivot(index="gmina_id", columns="area_id", values="score")
    columns = list(defined["area_id"])
    overall = index_table(in_wave, areas, normalised=normalise)
    overall = overall[(overall["plane"] == OVERALL) & (overall["gmina_id"] != ALL)]
    order = overall.sort_values("score", ascending=False, kind="stable")["gmina_id"].tolist()
    n = len(order)

    rows, subtitle = _top_and_bottom(order, max_rows, gmina_id, subset_label, lang)
    names = _gmina_names(gminas, order)
    rank = {g: i + 1 for i, g in enumerate(order)}

    def row_values(grid, gmina):
        if gmina is None or gmina not in grid.index:
            return np.full(len(columns), np.nan)
        return grid.reindex(columns=columns).loc[gmina].to_numpy(dtype=float)

    shade_rows = [row_values(shade_grid, g) for g in rows]
    raw_rows = [row_values(raw_grid, g) for g in rows]
    shade_rows.append(shade_grid.reindex(columns=columns).mean().to_numpy(dtype=float))
    raw_rows.append(raw_grid.reindex(columns=columns).mean().to_numpy(dtype=float))
    gaps = _gap_sizes(rows, order)
    labels = []
    for g in rows:
        if g is None:
            labels.append(count_label(omitted_label, gaps.pop(0), lang))
        else:
            labels.append(f"{rank[g]}. {names[g]}" if n > max_rows else names[g])
    labels.append(programme_label)
    matrix = np.vstack(shade_rows) if shade_rows else np.empty((0, len(columns)))
    raw_matrix = np.vstack(raw_rows) if raw_rows else np.empty((0, len(columns)))

    area_names = {a: (area_labels or {}).get(a) or name
                  for a, name in zip(defined["area_id"], defined["name"])}
    codes = _area_codes(defined)
    key = [_wrap(f"{codes[a]}: {area_names[a]}", key_wrap) for a in defined["area_id"]]
    key_lines = sum(k.count("\n") + 1 for k in key) if show_key else 0
    height = 1.5 + 0.24 * len(labels) + 0.15 * key_lines
    fig, ax = figure(7.5, height)
    lo, hi = (0.0, 1.0) if normalise else (scales["scale_min"].iat[0], scales["scale_max"].iat[0])
    image = ax.imshow(np.ma.masked_invalid(matrix), cmap="YlGnBu", vmin=lo, vmax=hi,
                      aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(columns)), [codes[a] for a in columns], fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(labels)), labels, fontsize=8 if len(labels) <= 40 else 7)
    for tick, g in zip(ax.get_yticklabels(), [*rows, ALL]):
        if g is not None and gmina_id is not None and g == str(gmina_id):
            tick.set_fontweight("bold")
            tick.set_color(HIGHLIGHT)
        if g == ALL:
            tick.set_fontstyle("italic")
    ax.set_xticks(np.arange(-0.5, len(columns)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(labels)), minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="both", length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.axhline(len(labels) - 1.5, color="black", linewidth=1.2)   # programme row below
    # Plane boundaries between columns.
    planes = defined["plane"].tolist()
    for j in range(1, len(planes)):
        if planes[j] != planes[j - 1]:
            ax.axvline(j - 0.5, color="white", linewidth=3)
    if len(labels) <= 41 and len(columns) <= 14:
        for i in range(raw_matrix.shape[0]):
            for j in range(raw_matrix.shape[1]):
                if np.isnan(raw_matrix[i, j]):
                    continue
                dark = (matrix[i, j] - lo) / (hi - lo) > 0.55
                ax.text(j, i, _fixed(raw_matrix[i, j], lang, 2), ha="center",
                        va="center", fontsize=7, color="white" if dark else "black")
    bar = fig.colorbar(image, ax=ax, shrink=min(1.0, 3.0 / height), pad=0.02)
    bar.ax.tick_params(labelsize=7)
    tick_format(bar.ax.yaxis, "number", lang)
    bar.set_label(normalised_label if normalise else scale_label, fontsize=8)
    heading = unnest_brackets(f"{title} ({(wave_labels or {}).get(wave, wave)})") if wave else title
    if subtitle:
        heading += "\n" + subtitle
    ax.set_title(heading, fontsize=10, loc="left", pad=22)
    if show_key:
        ax.set_xlabel("\n".join(key), fontsize=7, loc="left", labelpad=8, linespacing=1.3)
    # Text alternative: gminas × areas, the lowest and highest score, the order.
    describe(fig, _alt.index_heatmap(raw_grid, columns, order, names,
                                     (wave_labels or {}).get(wave, wave), title, lang,
                                     area_names))
    return fig


def change_ranking(change: pd.DataFrame, gminas: pd.DataFrame | None = None,
                   gmina_id: str | None = None, *, key: str = OVERALL, max_rows: int = 40,
                   lang: str = "en", title: str = "Change of the overall LIJW",
                   xlabel: str = "change (last − first assessment)",
                   programme_label: str = "programme mean",
                   omitted_label: str | dict = "… {n} gminas not shown …",
                   subset_label: str = "the {top} largest and {top} smallest changes of "
                                       "{n} gminas"):
    """Gminas ranked by the change of their overall (or a plane's) LIJW score.

    Parameters
    ----------
    change
        :func:`toolkit.index.index_change`.
    gminas
        The ``gminas`` table, for the names (ids otherwise).
    gmina_id
        A gmina to highlight (always shown, with its rank, when rows are left out).
    key
        ``overall`` (default) or a plane ``I``, ``II``, ``III``.
    max_rows
        Up to this many gminas each is a bar. Beyond it the ``max_rows // 2`` largest and
        smallest changes are shown and a row says how many are left out (``omitted_label``,
        ``subset_label`` as for :func:`index_heatmap`).

    Returns
    -------
    matplotlib.figure.Figure

    Notes
    -----
    Bars are sorted from the largest rise (top) to the largest fall; green for a rise,
    red for a fall, blue for the highlighted gmina. The dashed line is the programme
    mean change (``ALL``).
    """
    rows = change[(change["level"] == "plane") & (change["key"] == key)]
    rows = rows.assign(gmina_id=rows["gmina_id"].astype(str))
    # Bars, labels, order and the text alternative all use the change as shown (the
    # difference of the two shown scores), so the chart agrees with the report's tables.
    rows = rows.assign(change=[_shown_change(f, l) for f, l in
                               zip(rows["first_score"], rows["last_score"])])
    programme = rows.loc[rows["gmina_id"] == ALL, "change"]
    rows = (rows[(rows["gmina_id"] != ALL) & rows["change"].notna()]
            .sort_values("change", ascending=False, kind="stable"))
    order = rows["gmina_id"].tolist()
    value = dict(zip(rows["gmina_id"], rows["change"]))
    shown, subtitle = _top_and_bottom(order, max_rows, gmina_id, subset_label, lang)
    names = _gmina_names(gminas, order)
    rank = {g: i + 1 for i, g in enumerate(order)}

    fig, ax = figure(7.5, 1.2 + 0.24 * max(len(shown), 1))
    ys = np.arange(len(shown))[::-1]
    gaps = _gap_sizes(shown, order)
    labels = []
    for y, g in zip(ys, shown):
        if g is None:
            labels.append(count_label(omitted_label, gaps.pop(0), lang))
            continue
        v = value[g]
        highlight = gmina_id is not None and g == str(gmina_id)
        colour = HIGHLIGHT if highlight else (UP if v > 0 else DOWN if v < 0 else SAME)
        ax.barh(y, v, color=colour, height=0.7, alpha=1 if highlight else 0.75)
        ax.text(v, y, f" {_signed(v, lang)} " if v >= 0 else f" {_signed(v, lang)} ",
                va="center", ha="left" if v >= 0 else "right", fontsize=7,
                color=HIGHLIGHT if highlight else "#424242")
        labels.append(f"{rank[g]}. {names[g]}")
    ax.set_yticks(ys, labels, fontsize=8 if len(shown) <= 30 else 7)
    for tick, g in zip(ax.get_yticklabels(), shown):
        if g is not None and gmina_id is not None and g == str(gmina_id):
            tick.set_fontweight("bold")
            tick.set_color(HIGHLIGHT)
    ax.tick_params(axis="y", length=0)
    ax.axvline(0, color="black", linewidth=0.8)
    if len(programme) and pd.notna(programme.iat[0]):
        ax.axvline(programme.iat[0], color="black", linestyle="--", linewidth=1,
                   label=f"{programme_label}: {_signed(programme.iat[0], lang)}")
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, fontsize=8)
    values = np.array(list(value.values()) or [0.0])
    low, high = min(values.min(), 0.0), max(values.max(), 0.0)
    pad = 0.18 * max(high - low, 0.1)
    ax.set_xlim(low - (pad if low < 0 else 0.02 * pad), high + pad)
    ax.set_ylim(-0.6, len(shown) - 0.4)
    tick_format(ax.xaxis, "number", lang)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    heading = title if not subtitle else f"{title}\n{subtitle}"
    fig.suptitle(heading, fontsize=10, x=0.01, ha="left")
    # Text alternative: gminas from the largest rise to the largest fall.
    describe(fig, _alt.ranking(order, value, names, programme, title, lang))
    return fig
