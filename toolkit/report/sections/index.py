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
    # Areas as readers are told them (``labels`` kind area, English in an English report).
    named = _area_labels(ctx, areas["area_id"])
    shown_areas = areas.assign(name=[named.get(a, n) for a, n in zip(areas["area_id"],
                                                                      areas["name"])])
    # The areas' first and last scores are the programme's change table's, as the planes'
    # above (one gmina's first and last wave, one value per figure); a gmina assessed
    # once has no change rows: its single scores are drawn.
    pairs = change if not overall.empty else scores
    blocks.append(area_dumbbell(pairs, shown_areas, ctx.gmina_id, lang=lang,
                                plane_labels=planes, **dumbbell))
    blocks.append(plane_scores_vs_programme(table, ctx.gmina_id, lang=lang, plane_labels=planes,
                                            wave_labels=waves, **labels("plane_scores", lang)))
    return blocks


def _area_labels(ctx: ReportContext | SummaryContext, ids) -> dict:
    """``area_id → label`` of the areas that have one in ``labels`` (the others keep their
    ``index_areas`` name)."""
    return {a: _label(ctx, "area", a) for a in dict.fromkeys(ids)
            if ("area", str(a)) in ctx.info.labels}


def summary_index(ctx: SummaryContext) -> list:
    """Heatmap of gminas × areas and the ranking of change."""
    from ...plots.index import change_ranking, index_heatmap

    lang = ctx.lang
    blocks: list = [_md("## " + t("index_heading", lang))]
    gminas = ctx.programme["gminas"]
    if ctx.programme.get("index_change") is not None:
        scores = ctx.programme["index_scores"]
        blocks += summary_planes_table(ctx)
        heatmap = index_heatmap(scores, ctx.programme["index_areas"], gminas=gminas,
                                lang=lang, wave_labels=_labels_of(ctx, "wave", scores["wave"]),
                                area_labels=_area_labels(ctx, scores["area_id"]),
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


def summary_planes_table(ctx: SummaryContext) -> list:
    """Every gmina's LIJW by plane (I, II, III, overall) in its latest assessment, and the
    change since its first where it has two (the difference of the values shown); a gmina
    without any assessment is listed as such."""
    from ...index import PLANES, wave_order
    from ...text import format_change, format_figure

    lang = ctx.lang
    table = ctx.programme.get("index")
    scores = ctx.programme.get("index_scores")
    if table is None or table.empty or scores is None:
        return []
    order = {w: i for i, w in enumerate(wave_order(scores))}
    waves = _labels_of(ctx, "wave", order)
    planes = [*PLANES, "overall"]
    heads = {p: p if p in PLANES else t("col_index_overall", lang) for p in planes}
    rows = table[table["gmina_id"] != ALL]
    two = rows.groupby("gmina_id")["wave"].nunique().gt(1).any()
    out = []
    for gmina, name in zip(ctx.programme["gminas"]["gmina_id"], ctx.programme["gminas"]["name"]):
        mine = rows[rows["gmina_id"] == gmina]
        seen = sorted(mine["wave"].unique(), key=lambda w: order.get(w, len(order)))
        line = {t("col_gmina", lang): name}
        if not seen:
            line[t("col_last_wave", lang)] = t("index_planes_none", lang)
            line.update({heads[p]: "—" for p in planes})
            if two:
                line.update({t("col_plane_change", lang, plane=heads[p]): "—" for p in planes})
            out.append(line)
            continue
        score = mine.set_index(["wave", "plane"])["score"]
        first, last = seen[0], seen[-1]
        line[t("col_last_wave", lang)] = waves.get(last, last)
        for p in planes:
            value = score.get((last, p))
            line[heads[p]] = "—" if value is None or pd.isna(value) else \
                format_figure(value, "score", lang)
        if two:
            for p in planes:
                before, after = score.get((first, p)), score.get((last, p))
                line[t("col_plane_change", lang, plane=heads[p])] = (
                    format_change(before, after, "score", lang).change
                    if len(seen) > 1 and pd.notna(before) and pd.notna(after) else "—")
        out.append(line)
    intro = t("index_planes_intro" if two else "index_planes_intro_single", lang)
    # The title is the table's caption and the note follows it: nothing between a heading
    # and its table for a page break to fall on.
    return [_table(pd.DataFrame(out)).set_caption(t("index_planes_heading", lang)), _md(intro)]
