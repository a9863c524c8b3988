"""The gminas that need attention: rules relative to the data date and the programme.

The summary opens with the programme's findings and the gminas that need attention
(SPEC §7). A gmina is listed for what the data says is wrong *by the data date*, not for
every figure below the programme's average: support behind the pace the programme's
period allows, an action plan that misses an area or has a large share of its actions
overdue, a commitment not met when little or no time is left, attendance below the
threshold, an LIJW plane that fell between the first and the last assessment, no LIJW
assessment where the other gminas have one. Each rule is a small pure function over the
programme figures (:func:`toolkit.report.context.programme_figures`); each fired rule has
a weight, the gminas are ranked by the sum and at most :data:`MAX_LISTED` are listed
(README "Gminas that need attention" publishes the rules).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .config import ALL, DIPLOMA_THRESHOLD
from .text import format_change, format_share, t, tn

__all__ = ["Attention", "Reason", "attention", "elapsed_share", "RULES", "MAX_LISTED",
           "MAX_NAMED", "SERIOUS", "RULE_WEIGHTS", "SUPPORT_TOLERANCE", "OVERDUE_SHARE", "COMMITMENT_TIME_LEFT"]

#: Support counts as behind when its share delivered is more than this below the share
#: expected by the data date (20 percentage points).
SUPPORT_TOLERANCE = 0.2
#: An action plan needs attention when at least this share of its actions (not dropped)
#: is overdue.
OVERDUE_SHARE = 1 / 3
#: An unmet commitment needs attention once no more than this share of the programme's
#: period is left (or the period is not known).
COMMITMENT_TIME_LEFT = 0.25
#: A gmina is listed with its reasons when their weights add up to at least this (one
#: serious reason, or a support gap of a whole plan); the others are named in one sentence.
SERIOUS = 2.0
#: The weight of each rule's reason (support: this plus the gap, 0–1, behind the expected
#: share): a gmina's score is the sum of its reasons' weights.
RULE_WEIGHTS = {"commitment": 3.0, "attendance": 2.0, "index_fell": 2.0, "index_missing": 2.0,
                "missing_area": 2.0, "support": 1.0, "overdue": 1.0}
#: At most this many gminas are listed with their reasons; the rest are named in one sentence.
MAX_LISTED = 10
#: That sentence names at most this many of the rest (the most serious first) and counts
#: the others: a national programme would otherwise name well over a thousand gminas
#: before its first figure.
MAX_NAMED = 30


@dataclass(frozen=True)
class Reason:
    """Why one rule fired for a gmina: its ``key``, the words, its ``weight``."""

    key: str
    text: str
    weight: float


@dataclass(frozen=True)
class Attention:
    """A gmina that needs attention: its reasons (sentence parts), their keys, its score."""

    gmina_id: str
    name: str
    reasons: tuple[str, ...]
    keys: tuple[str, ...]
    score: float = 0.0


def elapsed_share(start, end, as_of) -> float | None:
    """The share of the programme's period ``start``–``end`` gone by on ``as_of`` (0–1).

    ``None`` when any of the three is unknown or the period is empty.
    """
    if start is None or end is None or as_of is None or pd.isna(as_of):
        return None
    start, end, as_of = (pd.Timestamp(x).normalize() for x in (start, end, as_of))
    if end <= start:
        return None
    share = (as_of - start) / (end - start)
    return float(min(max(share, 0.0), 1.0))


def _rows(frame, gmina_id) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame()
    return frame[frame["gmina_id"].astype(str) == str(gmina_id)]


def _label(info, kind: str, id_, lang: str) -> str:
    return info.label(kind, id_, lang) if info is not None else str(id_)


def _elapsed(figures: dict, info) -> float | None:
    if info is None:
        return None
    return elapsed_share(info.start, info.end, figures.get("data_date"))


# -- the rules: (figures, gmina_id, info, lang) → Reason or None ------------------------


def support_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """Support delivered below the share expected by the data date.

    Expected: the share of the programme's period gone by (``elapsed_share``); without a
    known period, the share the programme as a whole has delivered of that activity (the
    other gminas' pace). An activity is behind when ``delivered / planned`` is more than
    :data:`SUPPORT_TOLERANCE` below the expected share.
    """
    support = figures.get("support")
    mine = _rows(support, gmina_id)
    if mine.empty:
        return None
    elapsed = _elapsed(figures, info)
    others = support[support["gmina_id"].astype(str) != ALL]
    totals = others.groupby("activity")[["planned", "delivered"]].sum()
    behind = []
    for row in mine.itertuples():
        if not row.planned or pd.isna(row.planned) or row.planned <= 0:
            continue
        ratio = row.delivered / row.planned
        if elapsed is not None:
            expected = elapsed
        else:
            planned = totals.loc[row.activity, "planned"] if row.activity in totals.index else 0
            if not planned:
                continue
            expected = min(totals.loc[row.activity, "delivered"] / planned, 1.0)
        if ratio < expected - SUPPORT_TOLERANCE - 1e-9:
            behind.append((expected - ratio, row.activity, ratio, expected))
    if not behind:
        return None
    behind.sort(key=lambda x: (-x[0], str(x[1])))
    key = "attn_support" if elapsed is not None else "attn_support_relative"
    items = ", ".join(t(key + "_item", lang, activity=_label(info, "activity", a, lang),
                        share=format_share(r, lang), expected=format_share(e, lang))
                      for _, a, r, e in behind)
    weight = RULE_WEIGHTS["support"] + max(x[0] for x in behind)
    return Reason("support", t(key, lang, items=items), weight)


def _plan(figures: dict, gmina_id: str):
    from .actions import TOTAL_AREA

    rows = _rows(figures.get("actions"), gmina_id)
    rows = rows[rows["area"] == TOTAL_AREA] if not rows.empty else rows
    return None if rows.empty else rows.iloc[0]


def missing_area_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """The action plan does not cover every area the gmina's paths work in."""
    plan = _plan(figures, gmina_id)
    if plan is None or pd.isna(plan["covers_all_areas"]) or bool(plan["covers_all_areas"]):
        return None
    areas = ", ".join(_label(info, "area", a, lang)
                      for a in str(plan["missing_areas"]).split(";") if a)
    return Reason("missing_area", t("attn_missing_area", lang, areas=areas),
                  RULE_WEIGHTS["missing_area"])


def overdue_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """At least :data:`OVERDUE_SHARE` of the plan's actions (not dropped) are overdue."""
    plan = _plan(figures, gmina_id)
    if plan is None:
        return None
    overdue, live = int(plan["overdue"]), int(plan["total"]) - int(plan["dropped"])
    if overdue == 0 or live <= 0 or overdue / live < OVERDUE_SHARE - 1e-9:
        return None
    return Reason("overdue", t("attn_overdue", lang, n=overdue,
                               actions_of=tn("n_activities_of", live, lang)),
                  RULE_WEIGHTS["overdue"])


def commitment_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """The commitment is not met and at most :data:`COMMITMENT_TIME_LEFT` of the period is
    left (or the period is not known)."""
    recs = _rows(figures.get("recommendations"), gmina_id)
    if recs.empty or pd.isna(recs.iloc[0]["commitment_met"]) \
            or bool(recs.iloc[0]["commitment_met"]):
        return None
    elapsed = _elapsed(figures, info)
    if elapsed is not None and 1.0 - elapsed > COMMITMENT_TIME_LEFT + 1e-9:
        return None
    from .findings import commitment_gaps

    key = "attn_commitment_ended" if elapsed is not None and elapsed >= 1.0 else "attn_commitment"
    missing = commitment_gaps(recs.iloc[0], lang, sep=", ")
    return Reason("commitment", t(key, lang, missing=missing),
                  RULE_WEIGHTS["commitment"])


def attendance_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """The gmina's mean attendance is below the threshold (the programme's diploma
    threshold; the default 0.8 where the programme awards no diplomas)."""
    mine = _rows(figures.get("attendance"), gmina_id)
    if mine.empty or not int(mine.iloc[0]["participants"]) \
            or pd.isna(mine.iloc[0]["mean_share"]):
        return None
    threshold = info.diploma_threshold if info is not None else DIPLOMA_THRESHOLD
    row = mine.iloc[0]
    if float(row["mean_share"]) >= threshold - 1e-9:
        return None
    text = t("attn_attendance", lang, mean=format_share(row["mean_share"], lang),
             threshold=format_share(threshold, lang))
    if info is None or info.diplomas:
        text += t("attn_attendance_diplomas", lang, k=int(row["diplomas"]),
                  people=tn("n_people_of", int(row["participants"]), lang))
    return Reason("attendance", text, RULE_WEIGHTS["attendance"])


def index_fell_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """A plane (or the overall index) fell from the first to the last assessment, as shown
    (two decimals: a change shown as 0,00 is no fall)."""
    from .text import labels

    change = _rows(figures.get("index_change"), gmina_id)
    if change.empty:
        return None
    planes = change[(change["level"] == "plane") & change["change"].notna()]
    names = labels("planes", lang)
    fell = []
    for row in planes.itertuples():
        shown = format_change(row.first_score, row.last_score, "score", lang)
        if shown.difference < 0:
            fell.append(t("attn_index_item", lang, plane=names.get(row.key, row.key),
                          change=shown.change))
    if not fell:
        return None
    return Reason("index_fell", t("attn_index_fell", lang, items=", ".join(fell)),
                  RULE_WEIGHTS["index_fell"])


def index_missing_rule(figures: dict, gmina_id: str, info, lang: str) -> Reason | None:
    """The programme has LIJW assessments, this gmina none."""
    index = figures.get("index")
    if index is None or index.empty or not _rows(index, gmina_id).empty:
        return None
    return Reason("index_missing", t("attn_index_missing", lang), RULE_WEIGHTS["index_missing"])


#: The rules, in the order their reasons are told.
RULES = (attendance_rule, index_missing_rule, index_fell_rule, commitment_rule,
         support_rule, missing_area_rule, overdue_rule)


def attention(figures: dict, info=None, lang: str = "pl") -> list[Attention]:
    """The gminas that need attention, most serious first, each with its reasons.

    Parameters
    ----------
    figures
        The programme figures (:func:`toolkit.report.context.programme_figures`): the
        ``gminas``, ``attendance``, ``support``, ``actions``, ``recommendations``,
        ``index`` and ``index_change`` frames and the ``data_date``, where present.
    info
        The :class:`toolkit.programme.Programme` (period, threshold, labels).
    lang
        ``"pl"`` or ``"en"``.

    Returns
    -------
    list of Attention
        Every gmina for which at least one of :data:`RULES` fires, ranked by the sum of the
        weights of its reasons (then by name). The caller shows at most
        :data:`MAX_LISTED`.
    """
    out = []
    for gmina_id, name in zip(figures["gminas"]["gmina_id"], figures["gminas"]["name"]):
        reasons = [r for r in (rule(figures, str(gmina_id), info, lang) for rule in RULES)
                   if r is not None]
        if reasons:
            out.append(Attention(str(gmina_id), str(name), tuple(r.text for r in reasons),
                                 tuple(r.key for r in reasons),
                                 round(sum(r.weight for r in reasons), 6)))
    return sorted(out, key=lambda a: (-a.score, a.name))
