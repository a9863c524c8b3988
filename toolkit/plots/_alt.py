"""Text alternatives of the report figures: what each figure shows, in words.

Each function builds the text from the frames its figure draws (passed by the plot
function right before it returns), in the report's language; the plot attaches it with
:func:`toolkit.plots._style.describe`. A long list is cut after a few entries and ends
with "i jeszcze N" / "and N more".
"""

from __future__ import annotations

import re
import textwrap

import numpy as np
import pandas as pd

from ..text import (format_change, format_figure, format_number, format_share, shown_difference,
                    t, tn)

__all__ = ["heatmap", "share", "rate", "likert", "knowledge", "dumbbell", "planes",
           "index_heatmap", "ranking", "recommendations", "support", "actions"]


def _listing(items, lang: str, limit: int) -> str:
    """``items`` joined by commas, the first ``limit`` and "and N more"."""
    items = list(items)
    shown = items[:limit]
    if len(items) > limit:
        shown.append(t("alt_more", lang, n=len(items) - limit))
    return ", ".join(shown)


def _short(text, width: int = 40) -> str:
    return textwrap.shorten(re.sub(r"[ \t\r\n]+", " ", str(text)).strip(), width, placeholder="…")


def _share(value, lang: str) -> str:
    return t("alt_no_data", lang) if value is None or pd.isna(value) else format_share(value, lang)


def _score(value, lang: str, kind: str = "score", signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return "—"
    text = format_figure(value, kind, lang, signed=signed)
    return "±" + text if signed and text.strip("0,.") == "" else text


def _q(text: str, lang: str) -> str:
    """``text`` in the language's quotation marks (Polish „…”, English “…”)."""
    return t("quoted", lang, text=text)


def _signed(value, lang: str) -> str:
    return _score(value, lang, signed=True)


# -- attendance -----------------------------------------------------------------------------


def heatmap(records: pd.DataFrame, category, groups: pd.Series, lang: str,
            limit: int = 5, prefix: str | None = None) -> str:
    """The attendance heatmap: people, days, groups, and who missed which day (each day
    marked as on the chart's axis: ``prefix`` meeting/day, then the date)."""
    prefix = t("zjazd_short", lang) if prefix is None else prefix
    records = records.assign(category=np.asarray(category, dtype=object))
    n_groups = groups.dropna().nunique()
    parts = [t("alt_heatmap", lang, people=tn("n_people", records["participant_id"].nunique(),
                                              lang),
               days=tn("n_training_days", records["session_id"].nunique(), lang),
               groups=t("alt_heatmap_groups", lang, groups=tn("n_groups_at", n_groups, lang))
               if n_groups > 1 else "")]
    noted = False
    for name in ("absent", "late", "excused", "missing"):
        rows = records[records["category"] == name].sort_values(
            ["date", "zjazd", "day", "participant_id"])
        if rows.empty:
            continue
        noted = True
        items = [f"{p} {prefix}{z}/{d} {pd.Timestamp(when):%d.%m}"
                 for p, z, d, when in zip(rows["participant_id"], rows["zjazd"], rows["day"],
                                          rows["date"])]
        parts.append(t(f"alt_heatmap_{name}", lang, n=len(rows),
                       items=_listing(items, lang, limit)))
    held = records[records["category"] != "future"]
    if not noted and not held.empty:
        parts.append(t("alt_heatmap_all_present", lang))
    future = records.loc[records["category"] == "future", "session_id"].nunique()
    if future:
        parts.append(t("alt_heatmap_future", lang, n=future))
    return " ".join(parts)


def share(rows: pd.DataFrame, threshold: float, lang: str, limit: int = 8) -> str:
    """The share chart: who is under the threshold (with their shares), the statuses."""
    rows = rows.sort_values("participant_id")
    parts = [t("alt_share", lang, people=tn("n_people_of", len(rows), lang),
               threshold=format_share(threshold, lang))]
    below = rows[rows["share"].isna() | (rows["share"] < threshold)]
    items = [f"{p} ({_share(s, lang)})" for p, s in zip(below["participant_id"], below["share"])]
    reach = len(rows) - len(below)
    if below.empty:
        parts.append(t("alt_share_none_below", lang))
    elif reach == 0:
        parts.append(t("alt_share_all_below", lang, items=_listing(items, lang, limit)))
    else:
        parts.append(t("alt_share_below", lang, items=_listing(items, lang, limit),
                       rest=tn("reach_threshold", reach, lang)))
    counts = rows["status"].value_counts()
    statuses = [tn(f"n_status_{s}", int(counts[s]), lang)
                for s in ("eligible", "on_track", "at_risk", "ineligible") if s in counts]
    if statuses:
        parts.append(t("alt_share_status", lang, statuses=", ".join(statuses)))
    return " ".join(parts)


def rate(mine: pd.DataFrame, whole: pd.DataFrame, n_others: int, lang: str) -> str:
    """The diploma rate chart: the gmina's rate and mean attendance against the programme.

    Only the programme's rate has an interval, as on the chart and in the report's text (a
    gmina's participants are its whole group, not a sample): the gmina's is never given.
    """
    def value(frame, column):
        return frame[column].iloc[0] if len(frame) and column in frame else np.nan

    low, high = value(whole, "rate_low"), value(whole, "rate_high")
    interval = (t("alt_rate_interval", lang, low=format_share(low, lang),
                  high=format_share(high, lang)) if pd.notna(low) and pd.notna(high) else "")
    text = t("alt_rate", lang, rate=_share(value(mine, "diploma_rate"), lang), interval=interval,
             rate_all=_share(value(whole, "diploma_rate"), lang),
             mean=_share(value(mine, "mean_share"), lang),
             mean_all=_share(value(whole, "mean_share"), lang))
    if n_others:
        text += " " + t("alt_rate_others", lang, n=n_others)
    return text


# -- questionnaires ------------------------------------------------------------------------


def likert(rows: pd.DataFrame, labels: dict, shares: np.ndarray, title: str, lang: str,
           programme_means=None, limit: int = 6, scales=None) -> str:
    """The Likert bars: each item's mean and share of positive answers, on its own scale.

    ``scales``: the :class:`~toolkit.scales.Scale` of each row (default: 1–5, positive
    4–5). One scale is named once; items on different scales each name theirs, and the
    best and worst item are compared only on one scale.
    """
    from ..scales import DEFAULT_SCALE

    scales = list(scales) if scales is not None else [DEFAULT_SCALE] * len(rows)
    one_scale = len({(s.min, s.max, s.positive_min) for s in scales}) <= 1
    positive = (rows["share_positive"].to_numpy(dtype=float) if "share_positive" in rows
                else shares[:, 3] + shares[:, 4])
    whole = (list(programme_means) if programme_means is not None
             else [np.nan] * len(rows))
    suppressed = rows["suppressed"].to_numpy(dtype=bool)
    items, rated = [], []
    for item, mean, pos, hidden, programme, scale in zip(
            rows["item_id"], rows["mean"], positive, suppressed, whole, scales):
        if hidden or pd.isna(mean):
            continue
        label = _short(labels.get(item, item), 32)
        text = t("alt_likert_item", lang, label=label, mean=_score(mean, lang, "mean"),
                 positive=_share(pos, lang))
        if pd.notna(programme):
            text += t("alt_likert_programme", lang, mean=_score(programme, lang, "mean"))
        if not one_scale:
            text += t("alt_likert_item_scale", lang, span=scale.span,
                      positive=scale.positive_span)
        items.append(text)
        rated.append((float(mean), label))
    parts = [t("alt_likert", lang, title=title, n_items=tn("n_questions", len(rows), lang),
               items=_listing(items, lang, limit) if items else t("alt_no_data", lang))]
    if one_scale and scales:
        parts.append(t("alt_likert_scale", lang, span=scales[0].span,
                       positive=scales[0].positive_span))
    if len(rated) >= 2 and one_scale:
        best = max(rated, key=lambda r: r[0])
        worst = min(rated, key=lambda r: r[0])
        parts.append(t("alt_likert_best", lang, best=best[1], best_mean=_score(best[0], lang,
                                                                             "mean"),
                       worst=worst[1], worst_mean=_score(worst[0], lang, "mean")))
    if suppressed.any():
        parts.append(t("alt_likert_suppressed", lang, n=int(suppressed.sum())))
    return " ".join(parts)


def knowledge(scores: pd.DataFrame, programme, title: str, lang: str) -> str:
    """The knowledge test: means before and after, pairs, who rose and fell."""
    pairs = scores.dropna(subset=["pre", "post"])
    if pairs.empty:
        return t("alt_knowledge_none", lang, title=title)
    change = format_change(pairs["pre"].mean(), pairs["post"].mean(), "share", lang)
    parts = [t("alt_knowledge", lang, title=title, pairs=tn("n_pairs", len(pairs), lang),
               pre=change.before, post=change.after, change=change.change)]
    if programme is not None and pd.notna(programme.get("pre_mean")):
        parts.append(t("alt_knowledge_programme", lang,
                       pre=format_share(programme["pre_mean"], lang),
                       post=_share(programme.get("post_mean"), lang)))
    diff = pairs["post"] - pairs["pre"]
    def people(n):  # "u nikogo", not "u 0 osób"
        return tn("n_people_of", n, lang) if n else t("nobody_of", lang)
    parts.append(t("alt_knowledge_moves", lang, up=people(int((diff > 0).sum())),
                   down=people(int((diff < 0).sum())), same=people(int((diff == 0).sum()))))
    return " ".join(parts)


# -- the index (LIJW) ----------------------------------------------------------------------


def dumbbell(pairs: pd.DataFrame, defined: pd.DataFrame, first_wave, last_wave, title: str,
             lang: str, limit: int = 12) -> str:
    """The area dumbbell: each area's first and last score, the largest rise and fall."""
    names = dict(zip(defined["area_id"], defined["name"]))
    pairs = pairs.reindex([a for a in defined["area_id"] if a in pairs.index])
    first = pairs["first_score"] if "first_score" in pairs else pd.Series(dtype=float)
    last = pairs["last_score"] if "last_score" in pairs else pd.Series(dtype=float)
    if last.notna().any():
        # Each change as shown: the difference of the two shown scores.
        change = pd.Series([float(shown_difference(f, l, "score"))
                            if pd.notna(f) and pd.notna(l) else np.nan
                            for f, l in zip(first, last)], index=pairs.index, dtype=float)
        items = [f"{_q(_short(names.get(a, a), 40), lang)} {_score(f, lang)} → {_score(l, lang)}"
                 + (f" ({_signed(c, lang)})" if pd.notna(c) else "")
                 for a, f, l, c in zip(pairs.index, first, last, change)]
        parts = [t("alt_dumbbell", lang, title=title, first=first_wave, last=last_wave,
                   items=_listing(items, lang, limit))]
        change = change.dropna()
        rises, falls = change[change > 0], change[change < 0]
        if len(rises):
            a = rises.idxmax()
            parts.append(t("alt_dumbbell_rose", lang, area=a, name=_short(names[a], 60),
                           change=_signed(rises[a], lang)))
        else:
            parts.append(t("alt_dumbbell_no_rise", lang))
        if len(falls):
            a = falls.idxmin()
            parts.append(t("alt_dumbbell_fell", lang, area=a, name=_short(names[a], 60),
                           change=_signed(falls[a], lang)))
        else:
            parts.append(t("alt_dumbbell_no_fall", lang))
        return " ".join(parts)
    items = [f"{_q(_short(names.get(a, a), 40), lang)} {_score(f, lang)}"
             for a, f in zip(pairs.index, first)]
    parts = [t("alt_dumbbell_single", lang, title=title, first=first_wave or "—",
               items=_listing(items, lang, limit) if items else t("alt_no_data", lang))]
    scored = first.dropna()
    if len(scored) >= 2:
        hi, lo = scored.idxmax(), scored.idxmin()
        parts.append(t("alt_dumbbell_highest", lang, area=hi, name=_short(names[hi], 60),
                       score=_score(scored[hi], lang), low_area=lo,
                       low_name=_short(names[lo], 60), low_score=_score(scored[lo], lang)))
    return " ".join(parts)


def planes(planes_: list, now: pd.Series, before: pd.Series, programme: pd.DataFrame,
           others: pd.DataFrame, wave, first_wave, plane_labels: dict, title: str,
           lang: str) -> str:
    """The planes chart: the gmina's score per plane, the programme mean, its rank."""
    items = []
    for plane in planes_:
        n = now.get(plane, np.nan)
        b = before.get(plane, np.nan) if first_wave else np.nan
        score = (f"{_score(b, lang)} → {_score(n, lang)}" if pd.notna(b) else _score(n, lang))
        mean = (programme.at[plane, "score"] if plane in programme.index else np.nan)
        values = others.loc[others["plane"] == plane, "score"].dropna()
        rank = int((values > n).sum()) + 1 if pd.notna(n) else "—"
        items.append(t("alt_planes_item", lang, plane=plane_labels.get(plane, plane),
                       score=score, programme=_score(mean, lang), rank=rank,
                       of=tn("n_gminas_of", len(values) + (1 if pd.notna(n) else 0), lang)))
    return t("alt_planes", lang, title=title, wave=wave or "—", items="; ".join(items))


def index_heatmap(raw_grid: pd.DataFrame, columns: list, order: list, names: dict, wave,
                  title: str, lang: str, area_names: dict | None = None) -> str:
    """The index heatmap: gminas × areas, the lowest and highest score, the order."""
    area = lambda a: _q(_short((area_names or {}).get(a, a), 40), lang)  # noqa: E731
    grid = raw_grid.reindex(index=order, columns=columns)
    stacked = grid.stack().dropna()
    if stacked.empty:
        return t("alt_dumbbell_single", lang, title=title, first=wave or "—",
                 items=t("alt_no_data", lang))
    (lo_g, lo_a), (hi_g, hi_a) = stacked.idxmin(), stacked.idxmax()
    parts = [t("alt_heatmap_index", lang, title=title, wave=wave or "—",
               gminas=tn("n_gminas", len(order), lang), areas=tn("n_areas", len(columns), lang),
               low=_score(stacked.min(), lang), low_gmina=names.get(lo_g, lo_g),
               low_area=area(lo_a), high=_score(stacked.max(), lang),
               high_gmina=names.get(hi_g, hi_g), high_area=area(hi_a))]
    if len(order) >= 2:
        parts.append(t("alt_heatmap_index_order", lang, top=names.get(order[0], order[0]),
                       bottom=names.get(order[-1], order[-1])))
    means = grid.mean().dropna()
    if len(means) >= 2:
        parts.append(t("alt_heatmap_index_areas", lang, high=area(means.idxmax()),
                       high_mean=_score(means.max(), lang), low=area(means.idxmin()),
                       low_mean=_score(means.min(), lang)))
    return " ".join(parts)


def ranking(order: list, value: dict, names: dict, programme: pd.Series, title: str,
            lang: str, head: int = 5, tail: int = 3) -> str:
    """The change ranking: gminas from the largest rise to the largest fall."""
    if not order:
        return t("alt_ranking_none", lang, title=title)
    entries = [f"{i}. {names.get(g, g)} {_signed(value[g], lang)}"
               for i, g in enumerate(order, start=1)]
    if len(entries) > head + tail:
        shown = entries[:head] + [t("alt_more", lang, n=len(entries) - head - tail) + " …"] \
            + entries[-tail:]
    else:
        shown = entries
    parts = [t("alt_ranking", lang, title=title, gminas=tn("n_gminas", len(order), lang),
               items=", ".join(shown))]
    if len(programme) and pd.notna(programme.iat[0]):
        parts.append(t("alt_ranking_programme", lang, change=_signed(programme.iat[0], lang)))
    values = pd.Series([value[g] for g in order], dtype=float)
    parts.append(t("alt_ranking_counts", lang, up=int((values > 0).sum()),
                   down=int((values < 0).sum()), same=int((values == 0).sum())))
    return " ".join(parts)


# -- commitments ---------------------------------------------------------------------------


def recommendations(planes_: tuple, adopted: list, total: int, in_progress: int, planned: int,
                    met: bool, min_adopted: int, min_per_plane: int, lang: str) -> str:
    """The recommendations chart: adopted per plane and in total against the commitment."""
    per_plane = ", ".join(t("alt_plane_short", lang, plane=p, n=n)
                          for p, n in zip(planes_, adopted))
    text = t("alt_recommendations", lang, planes=per_plane, total=total, min_n=min_adopted,
             per_plane=min_per_plane,
             verdict=t("alt_recommendations_met" if met else "alt_recommendations_not_met",
                       lang))
    if in_progress or planned:
        text += " " + t("alt_recommendations_more", lang, in_progress=in_progress,
                        planned=planned)
    return text


def support(rows: pd.DataFrame, units: dict, title: str, lang: str, limit: int = 6) -> str:
    """The support chart: delivered against planned per activity, the shortfalls."""
    def amount(value, unit):
        return format_number(value, lang, 0 if unit == "PLN" else 1)

    rows = rows.iloc[::-1] if len(rows) else rows
    planned = rows[rows["ratio"].notna()]
    met = planned[planned["met"].astype(bool)]
    parts = [t("alt_support", lang, title=title, activities=tn("n_activities", len(rows), lang),
               met=f"{len(met)}/{len(planned)}")]
    short = planned[~planned["met"].astype(bool)]
    if len(short):
        items = [f"{_short(r['activity'], 40)} ({amount(r['delivered'], r['unit'])} / "
                 f"{amount(r['planned'], r['unit'])} {units.get(r['unit'], r['unit'])}".rstrip()
                 + f", {format_share(r['ratio'], lang)})" for _, r in short.iterrows()]
        parts.append(t("alt_support_short", lang, items=_listing(items, lang, limit)))
    unplanned = rows[rows["ratio"].isna()]
    if len(unplanned):
        parts.append(t("alt_support_no_plan", lang, items=_listing(
            [_short(a, 40) for a in unplanned["activity"]], lang, limit)))
    return " ".join(parts)


# -- action plans --------------------------------------------------------------------------


def actions(acts: pd.DataFrame, late: pd.Series, as_of, title: str, lang: str,
            limit: int = 5) -> str:
    """The action-plan timeline: actions by status, the span of due dates, the overdue ones."""
    from ..text import format_date

    counts = acts["status"].value_counts()
    due = acts["_due"].dropna()
    parts = [t("alt_actions", lang, title=title, actions=tn("n_activities", len(acts), lang),
               **{s: int(counts.get(s, 0)) for s in ("done", "in_progress", "planned",
                                                     "dropped")},
               first=format_date(due.min(), lang) if len(due) else "—",
               last=format_date(due.max(), lang) if len(due) else "—")]
    if as_of is not None:
        day = format_date(pd.Timestamp(as_of), lang)
        overdue = acts[late.to_numpy(dtype=bool)]
        if overdue.empty:
            parts.append(t("alt_actions_none_overdue", lang, as_of=day))
        else:
            items = [f"{_q(_short(title_, 40), lang)} ({format_date(due_, lang)})"
                     for title_, due_ in zip(overdue["title"], overdue["_due"])]
            parts.append(t("alt_actions_overdue", lang, as_of=day, n=len(overdue),
                           items=_listing(items, lang, limit)))
    return " ".join(parts)
