"""Recommendations adopted against the commitment, and support delivered against plan."""

from __future__ import annotations

import pandas as pd

from ...config import ALL
from ...text import format_date, labels, t, tn
from ..context import ReportContext, SummaryContext
from ...findings import commitment_gaps
from ._blocks import _amount, _label, _md, _share_or_dash, _start, _table, _with_names



def recommendations(ctx: ReportContext) -> list:
    """Recommendations adopted per plane, whether the commitment is met (what is missing,
    in words), the list with document types and dates, and a chart."""
    from ...commitments import recommendation_list
    from ...plots.commitments import recommendations_chart

    lang = ctx.lang
    blocks, missing = _start(ctx, "recommendations_heading", "analysis_recommendations")
    if missing:
        return blocks
    summary = ctx.programme["recommendations"]
    row = summary[summary["gmina_id"] == ctx.gmina_id].iloc[0]
    blocks.append(_md(t("recommendations_line", lang, total=row["adopted_total"],
                        I=row["adopted_I"], II=row["adopted_II"], III=row["adopted_III"])))
    min_n, per_plane = ctx.info.commitment_min_total, ctx.info.commitment_min_per_plane
    if bool(row["commitment_met"]):
        blocks.append(_md(t("commitment_met", lang, min_n=min_n, per_plane=per_plane)))
    else:
        blocks.append(_md(t("commitment_not_met", lang, min_n=min_n, per_plane=per_plane,
                            missing=commitment_gaps(row, lang))))
    whole = summary[summary["gmina_id"] == ALL].iloc[0]
    blocks.append(_md(t("recommendations_programme", lang, met=whole["gminas_met"],
                        meets=tn("v_meets", int(whole["gminas_met"]), lang),
                        gminas_of=tn("n_gminas_of", whole["n_gminas"], lang))))
    listed = recommendation_list(ctx.data["recommendations"], ctx.gmina_id)
    if not listed.empty:
        blocks.append(_table(pd.DataFrame({
            t("col_recommendation", lang): listed["recommendation_id"].to_numpy(),
            t("col_title", lang): listed["title"].to_numpy(),
            t("col_document", lang): listed["document_type"].fillna("—").to_numpy(),
            t("col_status", lang): [t(f"rec_status_{s}", lang) for s in listed["status"]],
            t("col_adopted_on", lang): [format_date(d, lang) if pd.notna(d) else "—"
                                        for d in listed["adopted_on"]],
        })))
    chart_labels = labels("recommendations", lang)
    blocks.append(recommendations_chart(summary, ctx.gmina_id, lang=lang, min_adopted=min_n,
                                        min_per_plane=per_plane, **chart_labels))
    return blocks


def support(ctx: ReportContext) -> list:
    """Support delivered against plan per activity, with the ratio and what fell short."""
    from ...plots.commitments import support_chart

    lang = ctx.lang
    blocks, missing = _start(ctx, "support_heading", "analysis_support")
    if missing:
        return blocks
    summary = ctx.programme["support"]
    summary = summary.assign(activity=[_label(ctx, "activity", a) for a in summary["activity"]])
    mine = summary[summary["gmina_id"] == ctx.gmina_id]
    blocks.append(_md(t("support_line", lang, met=int(mine["met"].sum()),
                        activities_of=tn("n_activities_of", len(mine), lang))))
    short = mine[mine["shortfall"] > 0]
    if not short.empty:
        blocks.append(_md(t("support_short", lang, items="; ".join(
            t("support_short_item", lang, activity=r.activity,
              delivered=_amount(r.delivered, r.unit, lang),
              planned=_amount(r.planned, r.unit, lang), unit=t(f"unit_{r.unit}", lang))
            for r in short.itertuples()))))
    blocks.append(_table(pd.DataFrame({
        t("col_activity", lang): mine["activity"].to_numpy(),
        t("col_unit", lang): [t(f"unit_{u}", lang) for u in mine["unit"]],
        t("col_planned", lang): [_amount(v, u, lang) for v, u in zip(mine["planned"], mine["unit"])],
        t("col_delivered", lang): [_amount(v, u, lang) for v, u in zip(mine["delivered"],
                                                                       mine["unit"])],
        t("col_ratio", lang): [_share_or_dash(v, lang) for v in mine["ratio"]],
    })))
    blocks.append(support_chart(summary, ctx.gmina_id, lang=lang, **labels("support", lang)))
    return blocks


def summary_recommendations(ctx: SummaryContext) -> list:
    """Recommendations adopted per plane in every gmina, and who met the commitment."""
    lang = ctx.lang
    recs = ctx.programme["recommendations"]
    blocks: list = [_md("## " + t("recommendations_heading", lang))]
    if recs.empty:
        return [_md(t("missing_table", lang, analysis=t("analysis_recommendations", lang),
                                table="recommendations"))]
    rows = _with_names(recs, ctx)
    whole = recs[recs["gmina_id"] == ALL].iloc[0]
    blocks.append(_md(t("recommendations_programme", lang, met=whole["gminas_met"],
                        meets=tn("v_meets", int(whole["gminas_met"]), lang),
                        gminas_of=tn("n_gminas_of", whole["n_gminas"], lang))))
    blocks.append(_table(pd.DataFrame({
        t("col_gmina", lang): rows["name"].to_numpy(),
        "I": rows["adopted_I"].to_numpy(), "II": rows["adopted_II"].to_numpy(),
        "III": rows["adopted_III"].to_numpy(),
        t("total_label_short", lang): rows["adopted_total"].to_numpy(),
        t("col_commitment", lang): [("—" if pd.isna(m) else t("yes" if m else "no", lang))
                                    for m in rows["commitment_met"]],
    })))
    return blocks


def summary_support(ctx: SummaryContext) -> list:
    """Support planned and delivered for the whole programme, per activity."""
    lang = ctx.lang
    support_rows = ctx.programme["support"]
    blocks: list = [_md("## " + t("support_heading", lang))]
    if support_rows.empty:
        return [_md(t("missing_table", lang, analysis=t("analysis_support", lang),
                                table="support"))]
    whole = support_rows[support_rows["gmina_id"] == ALL]
    whole = whole.assign(activity=[_label(ctx, "activity", a) for a in whole["activity"]])
    blocks.append(_table(pd.DataFrame({
        t("col_activity", lang): whole["activity"].to_numpy(),
        t("col_unit", lang): [t(f"unit_{u}", lang) for u in whole["unit"]],
        t("col_planned", lang): [_amount(v, u, lang) for v, u in zip(whole["planned"],
                                                                     whole["unit"])],
        t("col_delivered", lang): [_amount(v, u, lang) for v, u in zip(whole["delivered"],
                                                                       whole["unit"])],
        t("col_ratio", lang): [_share_or_dash(v, lang) for v in whole["ratio"]],
        t("col_gminas_met", lang): [f"{m} / {n}" for m, n in zip(whole["gminas_met"],
                                                                 whole["n_gminas"])],
    })))
    return blocks
