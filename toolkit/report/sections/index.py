"""The Local Cooperation Quality Index (LIJW): scores, planes, change."""

from __future__ import annotations

import pandas as pd

from ...config import ALL
from babel.lists import format_list

from ...plots._style import describe, text_alternative
from ...text import Change, format_change, format_figure, format_number, labels, t, tn
from ..context import ReportContext, SummaryContext
from ._blocks import _label, _labels_of, _md, _start, _table



def _change(row, lang: str) -> Change:
    """A row of :func:`toolkit.index.index_change` as shown: first → last and the change of
    the shown values (one rule for the gmina's and the programme's changes), or dashes."""
    first, last = row["first_score"], row["last_score"]
    if pd.notna(first) and pd.notna(last):
        return format_change(first, last, "score", lang)

    def shown(value):
        return "—" if pd.isna(value) else format_figure(value, "score", lang)

    return Change(shown(first), shown(last), "—", None)


def index(ctx: ReportContext) -> list:
    """The LIJW: overall and plane scores, change from the first to the last assessment
    (against the programme), incomplete assessments flagged, per-area dumbbell chart and
    the gmina's planes against the spread of all gminas."""
    from ...plots.index import area_dumbbell, plane_scores_vs_programme

    lang = ctx.lang
    blocks, missing = _start(ctx, "index_heading", "analysis_index")
    if missing:
        return blocks
    table = ctx.programme["index"]
    mine = table[table["gmina_id"] == ctx.gmina_id]
    if mine.empty:
        return [_md(t("index_none", lang))]
    areas = ctx.programme["index_areas"]
    scales = sorted({(float(a), float(b)) for a, b in zip(areas.get("scale_min", [0.0]),
                                                           areas.get("scale_max", [5.0]))})
    scale = ", ".join(f"{format_number(a, lang)}–{format_number(b, lang)}" for a, b in scales)
    blocks.append(_md(t("index_intro", lang, scale=scale)))
    planes = labels("planes", lang)
    change = ctx.programme["index_change"]
    mine_change = change[(change["gmina_id"] == ctx.gmina_id) & (change["level"] == "plane")]
    whole_change = change[(change["gmina_id"] == ALL) & (change["level"] == "plane")]
    overall = mine_change[mine_change["key"] == "overall"]
    if overall.empty:
        last = mine[mine["plane"] == "overall"].iloc[-1]
        blocks.append(_md(t("index_single_wave", lang, wave=_label(ctx, "wave", last["wave"]),
                            score=format_figure(last["score"], "score", lang))))
    else:
        row = overall.iloc[0]
        shown = _change(row, lang)
        programme_by_key = {r["key"]: _change(r, lang).change for _, r in whole_change.iterrows()}
        blocks.append(_md(t("index_change_line", lang, first=shown.before,
                            first_wave=_label(ctx, "wave", row["first_wave"]),
                            last=shown.after,
                            last_wave=_label(ctx, "wave", row["last_wave"]), change=shown.change,
                            programme_change=programme_by_key.get("overall", "—"))))
        rows = [_change(r, lang) for _, r in mine_change.iterrows()]
        blocks.append(_table(pd.DataFrame({
            t("col_plane", lang): [planes.get(k, k) for k in mine_change["key"]],
            t("col_first", lang): [r.before for r in rows],
            t("col_last", lang): [r.after for r in rows],
            t("col_change", lang): [r.change for r in rows],
            t("col_programme_change", lang): [programme_by_key.get(k, "—")
                                              for k in mine_change["key"]],
        })))
    incomplete = mine[(mine["plane"] == "overall") & ~mine["complete"].astype(bool)]
    for row in incomplete.itertuples():
        blocks.append(_md(t("index_incomplete", lang, wave=_label(ctx, "wave", row.wave),
                            n=row.n_areas, expected=row.n_expected)))
    scores = ctx.data["index_scores"]
    waves = _labels_of(ctx, "wave", table["wave"])
    mine_waves = list(dict.fromkeys(mine["wave"]))
    dumbbell = labels("area_dumbbell", lang)
    if mine_waves:
        dumbbell["first_label"] = waves[mine_waves[0]]
        dumbbell["last_label"] = waves[mine_waves[-1]]
    if len(mine_waves) == 1:  # one assessment: no "first and last" in the title
        dumbbell["title"] = t("dumbbell_single_title", lang, wave=waves[mine_waves[0]])
    blocks.append(area_dumbbell(scores, areas, ctx.gmina_id, lang=lang, plane_labels=planes,
                                **dumbbell))
    blocks.append(plane_scores_vs_programme(table, ctx.gmina_id, lang=lang, plane_labels=planes,
                                            wave_labels=waves, **labels("plane_scores", lang)))
    return blocks


def summary_index(ctx: SummaryContext) -> list:
    """Heatmap of gminas × areas and the ranking of change."""
    from ...plots.index import change_ranking, index_heatmap

    lang = ctx.lang
    blocks: list = [_md("## " + t("index_heading", lang))]
    gminas = ctx.programme["gminas"]
    if ctx.programme.get("index_change") is not None:
        scores = ctx.programme["index_scores"]
        heatmap = index_heatmap(scores, ctx.programme["index_areas"], gminas=gminas,
                                lang=lang, wave_labels=_labels_of(ctx, "wave", scores["wave"]),
                                **labels("index_heatmap", lang))
        # The gminas without any score are named, beside the heatmap and in its alt.
        unscored = gminas[~gminas["gmina_id"].astype(str).isin(scores["gmina_id"].astype(str))]
        unscored_line = (tn("index_unscored", len(unscored), lang,
                            names=format_list(list(unscored["name"]), locale=lang))
                         if len(unscored) else "")
        if unscored_line and text_alternative(heatmap):
            describe(heatmap, text_alternative(heatmap) + " " + unscored_line)
        blocks.append(heatmap)
        change = ctx.programme["index_change"]
        overall = change[(change["level"] == "plane") & (change["key"] == "overall")
                         & (change["gmina_id"] != ALL)]
        if overall["change"].notna().any():
            blocks.append(_md(t("summary_index_intro", lang)
                              + (" " + unscored_line if unscored_line else "")))
            blocks.append(change_ranking(change, gminas, lang=lang,
                                         **labels("change_ranking", lang)))
        elif unscored_line:  # one assessment each where there is any, none elsewhere
            scored = len(gminas) - len(unscored)
            blocks.append(_md(unscored_line + " " + tn("index_one_wave", scored, lang)))
        else:  # one assessment per gmina: no change to rank yet
            blocks.append(_md(t("summary_index_single_wave", lang)))
    else:
        blocks.append(_md(t("missing_table", lang, analysis=t("analysis_index", lang),
                            table="index_scores")))
    return blocks
