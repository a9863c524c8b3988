"""LIJW figures: areas baseline → follow-up, planes against the programme, heatmap, ranking.

Every function returns a :class:`matplotlib.figure.Figure`. Labels are plain keyword
arguments with English defaults (the report passes its own wording); numbers are
formatted for ``lang``.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..config import PLANES
from ..index import ALL, OVERALL, area_scales, area_scores, index_change, index_table, wave_order
from ..text import format_number, shown_difference, unnest_brackets
from ._style import HIGHLIGHT, MUTED, figure
from . import _alt
from ._style import describe

__all__ = ["area_dumbbell", "plane_scores_vs_programme", "index_heatmap", "change_ranking"]

UP = "#2e7d32"
DOWN = "#c62828"
SAME = "#757575"
_PLANE_LABELS = {"I": "Plane I", "II": "Plane II", "III": "Plane III", OVERALL: "Overall"}


def _fixed(value, lang: str, digits: int = 2) -> str:
    """A number with exactly ``digits`` decimals and the locale's decimal sign (2,80)."""
    text = format_number(value, lang, digits)
    if digits <= 0:
        return text
    point = "," if lang == "pl" else "."
    whole, _, decimals = text.partition(point)
    return f"{whole}{point}{decimals.ljust(digits, '0')}"


def _fmt(value, lang: str, digits: int = 2) -> str:
    return "—" if value is None or pd.isna(value) else _fixed(value, lang, digits)


def _signed(value, lang: str, digits: int = 2) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = _fixed(value, lang, digits)
    return "+" + text if value > 0 else ("±" + text if value == 0 else text)


def _shown_change(first, last) -> float:
    """The change between two scores as shown (last − first of the rounded scores)."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return np.nan
    return float(shown_difference(first, last, "score"))


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _colour(change) -> str:
    if pd.isna(change) or abs(change) < 1e-12:
        return SAME
    return UP if change > 0 else DOWN


def _gmina_names(gminas: pd.DataFrame | None, ids) -> dict[str, str]:
    """Display name per gmina_id: the name, with the id where two gminas share a name."""
    ids = [str(g) for g in ids]
    if gminas is None or "name" not in gminas:
        return {g: g for g in ids}
    names = gminas.assign(gmina_id=gminas["gmina_id"].astype(str)).drop_duplicates(
        "gmina_id").set_index("gmina_id")["name"]
    shown = {g: str(names.get(g, g)) for g in ids}
    counts = pd.Series(list(shown.values())).value_counts()
    return {g: (f"{n} ({g})" if counts[n] > 1 and n != g else n) for g, n in shown.items()}


def _horizontal_box(ax, values, y: float) -> None:
    style = dict(positions=[y], widths=0.5, showfliers=False, patch_artist=True,
                 manage_ticks=False, boxprops=dict(facecolor="#eeeeee", edgecolor="#bdbdbd"),
                 medianprops=dict(color="#9e9e9e"), whiskerprops=dict(color="#bdbdbd"),
                 capprops=dict(color="#bdbdbd"), zorder=1)
    try:
        ax.boxplot(values, orientation="horizontal", **style)
    except TypeError:  # matplotlib < 3.10 has no ``orientation``
        ax.boxplot(values, vert=False, **style)


def _gap_sizes(shown: list, order: list[str]) -> list[int]:
    """How many gminas of ``order`` each ``None`` gap of ``shown`` stands for."""
    rank = {g: i for i, g in enumerate(order)}
    sizes, previous = [], -1
    for i, g in enumerate(shown):
        if g is not None:
            previous = rank[g]
            continue
        following = next((rank[h] for h in shown[i + 1:] if h is not None), len(order))
        sizes.append(following - previous - 1)
    return sizes


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
        change = index_change(own, areas)
        return _area_pairs(change, areas, gmina_id)
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
        ``index_scores`` table (a gmina with one wave then shows single dots).
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
            x = lx if pd.isna(f) else fx
            used.add("last" if pd.isna(f) else "first")
            ax.scatter([x], [y], s=55, zorder=3,
                       facecolor=HIGHLIGHT if pd.isna(f) else "white",
                       edgecolor=HIGHLIGHT if pd.isna(f) else MUTED, linewidth=1.5)
        else:
            colour = _colour(_shown_change(f, l))  # as the label: ±0,00 is grey
            used.update({"first", colour})
            if abs(lx - fx) > 0.02 * span:
                ax.annotate("", xy=(lx, y), xytext=(fx, y), zorder=2,
                            arrowprops=dict(arrowstyle="-|>", color=colour, lw=2,
                                            shrinkA=4, shrinkB=5, mutation_scale=12))
            ax.scatter([fx], [y], s=55, facecolor="white", edgecolor=MUTED, linewidth=1.5,
                       zorder=3)
            ax.scatter([lx], [y], s=55, color=colour, zorder=4)
        if last_wave is None:  # one assessment: its score, no arrow to nothing
            value = _fmt(f, lang) if pd.notna(f) else ""
        else:
            value = (f"{_fmt(f, lang)} → {_fmt(l, lang)}" if not (pd.isna(f) and pd.isna(l))
                     else "")
        if pd.notna(f) and pd.notna(l):
            value += f"  ({_signed(_shown_change(f, l), lang)})"
        ax.text(1.02, y, value, transform=ax.get_yaxis_transform(), fontsize=8,
                va="center", ha="left")

    ax.set_yticks(y_ticks, y_labels, fontsize=8)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-len(rows) + 0.5, 0.6)
    ax.set_xlim(lo - 0.02 * span, hi + 0.02 * span)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="x", labelsize=8)
    ax.xaxis.set_major_formatter(lambda x, _: format_number(x, lang, 2))
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
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles),
              frameon=False, fontsize=8, handletextpad=0.4, columnspacing=1.2)
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
    for i, plane in enumerate(planes):
        y = len(planes) - 1 - i
        values = others.loc[others["plane"] == plane, "score"].dropna().to_numpy()
        if len(values) >= 5:
            _horizontal_box(ax, values, y)
        jitter = rng.uniform(-0.18, 0.18, len(values))
        ax.scatter(values, y + jitter, s=28 if n_others < 20 else 12, color=MUTED, alpha=alpha,
                   linewidths=0, zorder=2)
        if plane in programme.index and pd.notna(programme.at[plane, "score"]):
            ax.scatter(programme.at[plane, "score"], y, marker="|", s=420, linewidths=2.2,
                       color="black", zorder=6)
        b, n = before.get(plane, np.nan), now.get(plane, np.nan)
        if pd.notna(b) and pd.notna(n):
            ax.plot([b, n], [y, y], color=HIGHLIGHT, alpha=0.4, lw=2, zorder=3)
        if pd.notna(b):
            ax.scatter(b, y, s=70, facecolor="white", edgecolor=HIGHLIGHT, alpha=0.6,
                       linewidth=1.5, zorder=4)
        if pd.notna(n):
            ax.scatter(n, y, s=85, color=HIGHLIGHT, zorder=5)
        text = (f"{_fmt(b, lang)} → {_fmt(n, lang)}" if first_wave else _fmt(n, lang))
        ax.text(1.02, y, text, transform=ax.get_yaxis_transform(), fontsize=8, va="center",
                color=HIGHLIGHT)
    ax.set_yticks(range(len(planes)), [plane_labels.get(p, p) for p in planes[::-1]],
                  fontsize=8)
    ax.set_ylim(-0.6, len(planes) - 0.4)
    if scale is not None:
        pad = 0.02 * (scale[1] - scale[0])
        ax.set_xlim(scale[0] - pad, scale[1] + pad)
    ax.xaxis.set_major_formatter(lambda x, _: format_number(x, lang, 2))
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
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles),
              frameon=False, fontsize=8, handletextpad=0.3, columnspacing=1.0)
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    # Text alternative: the gmina's plane scores, the programme means, its rank.
    describe(fig, _alt.planes(planes, now, before, programme, others, named.get(wave, wave),
                              first_wave, plane_labels, title, lang))
    return fig


def _top_and_bottom(order: list[str], max_rows: int, gmina_id, subset_label: str
                    ) -> tuple[list[str | None], str | None]:
    """The first and last ``max_rows // 2`` of ``order`` (``None`` marks the gap), with the
    highlighted gmina kept between them; all of ``order`` when it is short enough."""
    n = len(order)
    if n <= max_rows:
        return list(order), None
    top = max_rows // 2
    middle: list[str | None] = [None]
    if gmina_id is not None and str(gmina_id) in order[top:n - top]:
        middle = [None, str(gmina_id), None]
    return order[:top] + middle + order[n - top:], subset_label.format(top=top, n=n)


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
                  omitted_label: str = "… {n} gminas not shown …",
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
        many are left out (``omitted_label``), and the subtitle says so (``subset_label``).
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

    rows, subtitle = _top_and_bottom(order, max_rows, gmina_id, subset_label)
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
            labels.append(omitted_label.format(n=gaps.pop(0)))
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
    bar.ax.yaxis.set_major_formatter(lambda x, _: format_number(x, lang, 2))
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
                   omitted_label: str = "… {n} gminas not shown …",
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
        smallest changes are shown and a row says how many are left out.

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
    shown, subtitle = _top_and_bottom(order, max_rows, gmina_id, subset_label)
    names = _gmina_names(gminas, order)
    rank = {g: i + 1 for i, g in enumerate(order)}

    fig, ax = figure(7.5, 1.2 + 0.24 * max(len(shown), 1))
    ys = np.arange(len(shown))[::-1]
    gaps = _gap_sizes(shown, order)
    labels = []
    for y, g in zip(ys, shown):
        if g is None:
            labels.append(omitted_label.format(n=gaps.pop(0)))
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
    ax.xaxis.set_major_formatter(lambda x, _: format_number(x, lang, 2))
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.grid(axis="x", color="#eeeeee", zorder=0)
    ax.set_axisbelow(True)
    heading = title if not subtitle else f"{title}\n{subtitle}"
    fig.suptitle(heading, fontsize=10, x=0.01, ha="left")
    # Text alternative: gminas from the largest rise to the largest fall.
    describe(fig, _alt.ranking(order, value, names, programme, title, lang))
    return fig
