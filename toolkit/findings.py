"""Key findings: the few sentences a report opens with (SPEC §7, "What matters first").

Each finding comes from a rule over the programme figures
(:func:`toolkit.report.context.programme_figures`): attendance and diplomas against the
programme, the best- and worst-rated questionnaire item, the knowledge gain, the change of
the LIJW with its largest and smallest area, the commitment, support shortfalls. Every
sentence carries the figure it states (``value``, as in the figures) and the anchor of the
report section that shows it. Pure: frames in, findings out; nothing is read or drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .config import ALL
from .text import format_change, format_figure, format_share, shown_difference, t, tn

__all__ = ["Finding", "gmina_findings", "programme_findings",
           "commitment_gaps", "ANCHORS"]

#: The HTML anchor of each report section a finding points to.
ANCHORS = {"attendance": "attendance", "questionnaires": "questionnaires",
           "knowledge": "knowledge", "index": "index", "recommendations": "recommendations",
           "support": "support", "actions": "actions"}


@dataclass(frozen=True)
class Finding:
    """One key finding.

    Attributes
    ----------
    key
        Which rule produced it (``attendance``, ``items``, ``knowledge``, ``index``,
        ``commitment``, ``support``).
    text
        The sentence (Markdown), without the link.
    value
        The figure the sentence states, as in the programme figures (for a check).
    anchor
        The anchor of the section that shows the figure.
    """

    key: str
    text: str
    value: object
    anchor: str


def commitment_gaps(row, lang: str, sep: str = "; ") -> str:
    """What a gmina's commitment still lacks, in words (a row of
    :func:`toolkit.commitments.recommendation_summary`): adoptions short, empty planes
    ("w płaszczyźnie II", "w płaszczyznach II i III")."""
    from babel.lists import format_list

    missing = []
    if row["adopted_short"] > 0:
        missing.append(t("commitment_short", lang, n=row["adopted_short"],
                         recommendations=tn("n_recommendations", int(row["adopted_short"]), lang)))
    planes = [p.strip() for p in str(row["missing_planes"] or "").split(",") if p.strip()]
    if planes:
        key = "commitment_planes" if len(planes) == 1 else "commitment_planes_many"
        missing.append(t(key, lang, planes=format_list(planes, locale=lang)))
    return sep.join(missing)


def _rows(frame, gmina_id) -> pd.DataFrame:
    if frame is None or frame.empty:
        return pd.DataFrame()
    return frame[frame["gmina_id"] == gmina_id]


def _label(info, kind: str, id_, lang: str) -> str:
    return info.label(kind, id_, lang) if info is not None else str(id_)


def _attendance(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    frame = figures.get("attendance")
    mine, whole = _rows(frame, gmina_id), _rows(frame, ALL)
    if mine.empty or int(mine.iloc[0]["participants"]) == 0:
        return []
    row = mine.iloc[0]
    key = "finding_attendance_programme" if gmina_id == ALL else "finding_attendance"
    if info is not None and not info.diplomas:
        key = "finding_trainings_programme" if gmina_id == ALL else "finding_trainings"
    text = t(key, lang, k=int(row["diplomas"]), got=tn("v_got", int(row["diplomas"]), lang),
             people=tn("n_people_of", int(row["participants"]), lang),
             mean=format_share(row["mean_share"], lang),
             programme_mean=(format_share(whole.iloc[0]["mean_share"], lang)
                             if not whole.empty else "—"))
    return [Finding("attendance", text, int(row["diplomas"]), ANCHORS["attendance"])]


def _items(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    frame = figures.get("likert")
    mine = _rows(frame, gmina_id)
    if mine.empty:
        return []
    mine = mine[~mine["suppressed"].astype(bool) & mine["mean"].notna()]
    if {"scale_min", "scale_max"} <= set(mine.columns) and len(mine):
        # Means compare only on one answer range: the range most of the items use.
        ranges = list(zip(mine["scale_min"], mine["scale_max"]))
        common = max(dict.fromkeys(ranges), key=ranges.count)
        mine = mine[[r == common for r in ranges]]
    if len(mine) < 2:
        return []
    best = mine.loc[mine["mean"].idxmax()]
    worst = mine.loc[mine["mean"].idxmin()]
    labels = figures.get("item_labels", {})
    text = t("finding_items", lang,
             best=labels.get(best["item_id"], best["item_id"]),
             best_instrument=_label(info, "instrument", best["instrument"], lang),
             best_mean=format_figure(best["mean"], "mean", lang),
             worst=labels.get(worst["item_id"], worst["item_id"]),
             worst_instrument=_label(info, "instrument", worst["instrument"], lang),
             worst_mean=format_figure(worst["mean"], "mean", lang))
    return [Finding("items", text, (float(best["mean"]), float(worst["mean"])),
                    ANCHORS["questionnaires"])]


def _knowledge(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    out = []
    for row in _rows(figures.get("knowledge"), gmina_id).itertuples():
        if not row.n_pairs or pd.isna(row.pre_mean) or pd.isna(row.post_mean):
            continue
        change = format_change(row.pre_mean, row.post_mean, "share", lang)
        text = t("finding_knowledge", lang, test=_label(info, "instrument", row.instrument, lang),
                 pre=change.before, post=change.after, gain=change.change,
                 pairs=tn("n_pairs", int(row.n_pairs), lang))
        out.append(Finding("knowledge", text, (float(row.pre_mean), float(row.post_mean)),
                           ANCHORS["knowledge"]))
    return out


def _index(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    change = _rows(figures.get("index_change"), gmina_id)
    if change.empty:
        return []
    overall = change[(change["level"] == "plane") & (change["key"] == "overall")]
    if overall.empty or pd.isna(overall.iloc[0]["change"]):
        return []
    row = overall.iloc[0]
    shown = format_change(row["first_score"], row["last_score"], "score", lang)
    text = t("finding_index", lang, first=shown.before, last=shown.after, change=shown.change)
    areas = change[(change["level"] == "area") & change["change"].notna()]
    if len(areas) >= 2:
        names = figures.get("index_areas")
        names = (names.set_index("area_id")["name"].to_dict() if names is not None else {})
        # The largest and smallest change as shown (the difference of the shown scores).
        as_shown = pd.Series([float(shown_difference(f, l, "score")) for f, l in
                              zip(areas["first_score"], areas["last_score"])], index=areas.index)
        top = areas.loc[as_shown.idxmax()]
        low = areas.loc[as_shown.idxmin()]

        def area_name(area_id):
            if info is not None and ("area", str(area_id)) in info.labels:
                return info.label("area", area_id, lang)
            return names.get(area_id) or _label(info, "area", area_id, lang)

        # Said by the signs of the shown changes: "changed least" would be wrong for a
        # fall when another area did not move at all.
        key = ("finding_index_areas_mixed" if as_shown.min() < 0 < as_shown.max()
               else "finding_index_areas_fall" if as_shown.max() <= 0 and as_shown.min() < 0
               else "finding_index_areas")
        text += " " + t(key, lang, top=area_name(top["key"]),
                        top_change=format_change(top["first_score"], top["last_score"],
                                                 "score", lang).change,
                        low=area_name(low["key"]),
                        low_change=format_change(low["first_score"], low["last_score"],
                                                 "score", lang).change)
    return [Finding("index", text, float(row["change"]), ANCHORS["index"])]


def _commitment(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    mine = _rows(figures.get("recommendations"), gmina_id)
    if mine.empty:
        return []
    row = mine.iloc[0]
    min_n = info.commitment_min_total if info is not None else 4
    if gmina_id == ALL:
        text = t("finding_commitment_programme", lang, met=int(row["gminas_met"]),
                 meets=tn("v_meets", int(row["gminas_met"]), lang),
                 gminas_of=tn("n_gminas_of", int(row["n_gminas"]), lang))
        return [Finding("commitment", text, int(row["gminas_met"]), ANCHORS["recommendations"])]
    if bool(row["commitment_met"]):
        text = t("finding_commitment_met", lang, total=int(row["adopted_total"]), min_n=min_n,
                 recommendations=tn("n_recommendations_acc", int(row["adopted_total"]), lang),
                 per_plane=info.commitment_min_per_plane if info is not None else 1)
    else:
        text = t("finding_commitment_not_met", lang, total=int(row["adopted_total"]),
                 min_n=min_n, missing=commitment_gaps(row, lang),
                 per_plane=info.commitment_min_per_plane if info is not None else 1)
    return [Finding("commitment", text, int(row["adopted_total"]), ANCHORS["recommendations"])]


def _support(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    mine = _rows(figures.get("support"), gmina_id)
    if mine.empty:
        return []
    short = mine[mine["shortfall"] > 0]
    if short.empty:
        text = tn("support_met_all", len(mine), lang)
    else:
        text = t("finding_support_short", lang, activities="; ".join(
            _label(info, "activity", a, lang) for a in short["activity"]))
    return [Finding("support", text, int(len(short)), ANCHORS["support"])]


def gmina_findings(figures: dict, gmina_id: str, info=None, lang: str = "pl") -> list[Finding]:
    """The key findings of one gmina's report, in the order of its sections.

    Parameters
    ----------
    figures
        The programme figures (:func:`toolkit.report.context.programme_figures`).
    gmina_id
        The gmina (``ALL``: the programme as a whole, see :func:`programme_findings`).
    info
        The :class:`toolkit.programme.Programme` (labels, the commitment rule).
    lang
        ``"pl"`` or ``"en"``.

    Returns
    -------
    list of Finding
        One per rule whose figures exist, at most seven.
    """
    found = (_attendance(figures, gmina_id, info, lang) + _items(figures, gmina_id, info, lang)
             + _knowledge(figures, gmina_id, info, lang) + _index(figures, gmina_id, info, lang)
             + _commitment(figures, gmina_id, info, lang)
             + _support(figures, gmina_id, info, lang) + _actions(figures, gmina_id, info, lang))
    return found[:7]


def _plan(figures: dict, gmina_id: str):
    """The gmina's (or the programme's) total row of the ``actions`` sheet, or ``None``."""
    from .actions import TOTAL_AREA

    rows = _rows(figures.get("actions"), gmina_id)
    rows = rows[rows["area"] == TOTAL_AREA] if not rows.empty else rows
    return None if rows.empty else rows.iloc[0]


def _missing_areas(row, info, lang: str) -> str:
    return ", ".join(_label(info, "area", a, lang) for a in str(row["missing_areas"]).split(";")
                     if a)


def _actions(figures: dict, gmina_id: str, info, lang: str) -> list[Finding]:
    row = _plan(figures, gmina_id)
    if row is None or int(row["total"]) == 0:
        return []
    words = dict(done=int(row["done"]),
                 actions_of=tn("n_activities_of", int(row["total"]), lang),
                 overdue=int(row["overdue"]))
    if gmina_id == ALL:
        text = t("finding_actions_programme", lang, **words, covering=int(row["gminas_covering"]),
                 gminas_of=tn("n_gminas_of", int(row["n_gminas"]), lang))
    else:
        text = t("finding_actions", lang, **words)
        if pd.notna(row["covers_all_areas"]) and not bool(row["covers_all_areas"]):
            text += " " + t("finding_actions_missing", lang,
                            areas=_missing_areas(row, info, lang))
    return [Finding("actions", text, int(row["done"]), ANCHORS["actions"])]


def programme_findings(figures: dict, info=None, lang: str = "pl") -> list[Finding]:
    """The programme's key findings (its ``ALL`` rows, see :func:`gmina_findings`)."""
    return gmina_findings(figures, ALL, info, lang)

