"""Report sections: each returns the blocks to show (Markdown, tables, figures).

A notebook shows a section with ``show(section(ctx))``; the wording comes from
:mod:`toolkit.text` in the report's language, the figures from :mod:`toolkit.plots`, the
numbers from the domain modules. Nothing here reads files.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from IPython.display import Markdown

from .. import config
from ..attendance import attendance_records, diploma_table
from ..figures import ALL, GMINA_TABLES
from ..questionnaires import (item_difficulty, knowledge_scores, knowledge_tests,
                              open_answers as open_answer_table, scale_reliability)
from ..text import (format_change, format_date, format_number, format_period, format_share,
                    labels, t, tn)
from .context import ReportContext, SummaryContext

__all__ = ["show", "header", "holdings", "attendance", "questionnaires", "knowledge",
           "open_answers", "footer", "summary_header", "summary_holdings", "summary_attendance",
           "summary_questionnaires", "index", "recommendations", "support", "summary_index", "t"]

# Which analysis each table feeds (for the "left out" lines), in report order.
_ANALYSES = (
    ("analysis_attendance", ("participants", "sessions", "attendance")),
    ("analysis_questionnaires", ("items", "responses")),
    ("analysis_index", ("index_scores",)),
    ("analysis_recommendations", ("recommendations",)),
    ("analysis_support", ("support",)),
)


def show(blocks) -> None:
    """Display each block in the notebook; figures are closed once shown."""
    import matplotlib.pyplot as plt
    from IPython.display import display

    for block in blocks:
        display(block)
        if isinstance(block, plt.Figure):
            plt.close(block)


def _md(text: str) -> Markdown:
    return Markdown(text)


def _table(frame: pd.DataFrame):
    """A display table: no index, text left-aligned, numbers right-aligned."""
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return (frame.style.hide(axis="index")
            .set_properties(subset=text, **{"text-align": "left"})
            .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}]))


def _text(value) -> str:
    return "—" if value is None or pd.isna(value) else str(value)


def _left_out(ctx: ReportContext, analysis: str) -> Markdown | None:
    tables = dict(_ANALYSES)[analysis]
    missing = [n for n in tables if not ctx.data.has(n)]
    if not missing:
        return None
    return _md(t("missing_table", ctx.lang, analysis=t(analysis, ctx.lang), table=missing[0]))


def _start(ctx: ReportContext, heading: str, analysis: str) -> tuple[list, bool]:
    """A section's heading, and whether its analysis is left out (then with the line why)."""
    blocks = [_md("## " + t(heading, ctx.lang, academy=ctx.info.academy(ctx.lang)))]
    left_out = _left_out(ctx, analysis)
    return (blocks + [left_out], True) if left_out is not None else (blocks, False)


def header(ctx: ReportContext) -> list:
    """Title, the gmina (name, kind, powiat, voivodeship, code), the programme, the data date."""
    g = ctx.gmina
    kind = t(f"gmina_kind_{g['gmina_id'][-1]}", ctx.lang)
    date = ctx.programme.get("data_date")
    source = ctx.programme.get("source", "")
    key = "index_areas_default" if ctx.programme.get("index_areas_are_default") else "index_areas_own"
    return [
        _md("# " + t("report_title", ctx.lang, name=g["name"])),
        _md(t("identity", ctx.lang, name=g["name"], kind=kind, powiat=_text(g.get("powiat")),
              wojewodztwo=_text(g.get("wojewodztwo")), gmina_id=g["gmina_id"])),
        _md(_programme_line(ctx)),
        _md(t("data_date", ctx.lang, date=format_date(date, ctx.lang), source=source)
            if date is not None else t("data_date_unknown", ctx.lang, source=source)),
        _md(t(key, ctx.lang, areas=tn("n_areas", len(ctx.programme["index_areas"]), ctx.lang))),
    ]


def _programme_line(ctx: ReportContext | SummaryContext) -> str:
    """Which programme the report belongs to: its name, operator and period, as given."""
    info, lang = ctx.info, ctx.lang
    lines = [t("programme", lang, programme=info.name) if info.name
             else t("programme_neutral", lang)]
    if info.operator:
        lines.append(t("programme_operator", lang, operator=info.operator))
    if info.start and info.end:
        lines.append(t("programme_period", lang, start=format_date(info.start, lang),
                       end=format_date(info.end, lang)))
    return "  \n".join(lines)


def _programme_phrase(ctx: ReportContext | SummaryContext) -> str:
    """``Program „X”`` or, without a name, ``Program``."""
    name = ctx.info.name
    return (t("programme_named", ctx.lang, programme=name) if name
            else t("programme_unnamed", ctx.lang))


def holdings(ctx: ReportContext) -> list:
    """What the dataset holds for the gmina, and which analyses are left out."""
    summary = ctx.data.summary()
    # What describes the data (the programme, labels, the evaluator's words) is not data.
    summary = summary[~summary["table"].isin(("gminas", "programme", "labels", "conclusions"))]
    frame = pd.DataFrame({
        t("col_table", ctx.lang): [t(f"table_{n}", ctx.lang) for n in summary["table"]],
        t("col_present", ctx.lang): [t("yes" if p else "no", ctx.lang) for p in summary["present"]],
        t("col_rows", ctx.lang): summary["rows"].to_numpy(),
    })
    blocks = [_md(f"## {t('holdings_heading', ctx.lang)}\n\n"
                  + t("holdings_intro", ctx.lang, name=ctx.gmina["name"])), _table(frame)]
    lines = [_left_out(ctx, analysis) for analysis, _ in _ANALYSES]
    return blocks + [line for line in lines if line is not None]


def attendance(ctx: ReportContext) -> list:
    """Academy attendance: summary, per-day heatmap, shares against the threshold, the
    diploma rate with its Wilson interval, and the gmina against the programme."""
    from ..plots import attendance_heatmap, diploma_rate_chart, share_chart

    lang = ctx.lang
    blocks, missing = _start(ctx, "attendance_heading", "analysis_attendance")
    if missing:
        return blocks
    people = ctx.data["participants"]
    if people.empty:
        return blocks + [_md(t("attendance_none", lang))]
    if ctx.data["attendance"].empty:
        return blocks + [_md(t("attendance_no_records", lang))]
    rules = ctx.info.diploma_rules()
    diplomas = diploma_table(people, ctx.data["sessions"], ctx.data["attendance"], rules)
    records = attendance_records(people, ctx.data["sessions"], ctx.data["attendance"])
    by_gmina = ctx.programme["attendance"]
    mine = by_gmina[by_gmina["gmina_id"] == ctx.gmina_id].iloc[0]
    whole = by_gmina[by_gmina["gmina_id"] == ALL].iloc[0]
    n, sectors = len(diplomas), diplomas["sector"].value_counts()
    threshold = format_share(rules.threshold, lang)
    other = sectors.get("other", 0)
    blocks.append(_md(t(
        "attendance_summary", lang, n=n, jst=sectors.get("JST", 0),
        ngo=sectors.get("NGO", 0), other=t("other_sector", lang, n=other) if other else "",
        threshold=threshold, k=int(diplomas["eligible"].sum()),
        mean=format_share(mine["mean_share"], lang),
        programme_mean=format_share(whole["mean_share"], lang))))
    if n >= config.MIN_RESPONDENTS:
        blocks.append(_md(t("attendance_rate_ci", lang, rate=format_share(mine["diploma_rate"], lang),
                            low=format_share(mine["rate_low"], lang),
                            high=format_share(mine["rate_high"], lang),
                            programme_rate=format_share(whole["diploma_rate"], lang))))
    else:
        blocks.append(_md(t("attendance_rate_small", lang, n=n, min_n=config.MIN_RESPONDENTS)))
    missing = int(diplomas["missing_rows"].sum())
    if missing:
        blocks.append(_md(t("attendance_missing", lang, n=missing)))
    blocks.append(_md(t("attendance_rules", lang, threshold=threshold)))
    blocks += _attendance_breakdowns(diplomas, records, ctx.data, ctx.info, lang)
    blocks.append(attendance_heatmap(records, lang, group_labels=_group_labels(ctx.info, lang)))
    blocks.append(share_chart(diplomas, rules.threshold, lang))
    blocks.append(diploma_rate_chart(by_gmina, ctx.gmina_id, lang))
    return blocks


def _group_labels(info, lang: str):
    return lambda group: info.label("group", group, lang)


def _attendance_breakdowns(diplomas, records, data, info, lang: str) -> list:
    """Attendance and diplomas per training group (each group with its own sessions and
    dates), and attendance per plane, where the data has groups and planes."""
    from ..attendance import attendance_by_plane, participant_periods
    from ..figures import attendance_by_group

    blocks = []
    groups = attendance_by_group(diplomas, data["participants"])
    if not groups.empty:
        periods = (participant_periods(data["participants"], data["sessions"])
                   .groupby("group").agg(sessions=("sessions", "max"), first=("first_date", "min"),
                                         last=("last_date", "max")).reindex(groups["group"]))
        blocks.append(_md("### " + t("groups_heading", lang)))
        blocks.append(_table(pd.DataFrame({
            t("col_group", lang): [info.label("group", g, lang) for g in groups["group"]],
            t("col_participants", lang): groups["participants"].to_numpy(),
            t("col_sessions", lang): periods["sessions"].to_numpy(),
            t("col_period", lang): [format_period(a, b, lang)
                                    for a, b in zip(periods["first"], periods["last"])],
            t("label_mean_share", lang): [_share_or_dash(v, lang) for v in groups["mean_share"]],
            t("col_diplomas", lang): [t("k_of_n", lang, k=d, n=n) for d, n in
                                      zip(groups["diplomas"], groups["participants"])],
        })))
    planes = attendance_by_plane(records)
    if not planes.empty:
        plane_names = labels("planes", lang)
        blocks.append(_md("### " + t("planes_attendance_heading", lang)))
        blocks.append(_table(pd.DataFrame({
            t("col_plane", lang): [plane_names.get(p, p) for p in planes["plane"]],
            t("col_expected", lang): planes["expected"].to_numpy(),
            t("col_attended", lang): planes["attended"].to_numpy(),
            t("label_mean_share", lang): [format_share(v, lang) for v in planes["share"]],
        })))
    return blocks


def _share_or_dash(value, lang: str) -> str:
    return t("suppressed_cell", lang) if pd.isna(value) else format_share(value, lang)


def _number_or_dash(value, lang: str, digits: int = 2) -> str:
    return t("suppressed_cell", lang) if pd.isna(value) else format_number(value, lang, digits)


def questionnaires(ctx: ReportContext) -> list:
    """Likert items per questionnaire: the distribution (diverging bars on one fixed axis,
    annotated with the gmina's and the programme's means), a table of n, means and
    positive shares with Wilson intervals, and the reliability of the scales.
    Breakdowns under the minimum n are suppressed."""
    from ..plots.questionnaires import likert_diverging

    lang = ctx.lang
    blocks, missing = _start(ctx, "questionnaires_heading", "analysis_questionnaires")
    if missing:
        return blocks
    likert = ctx.programme["likert"]
    mine = likert[likert["gmina_id"] == ctx.gmina_id]
    if mine.empty:
        return blocks + [_md(t("likert_none", lang))]
    items = ctx.data["items"].drop_duplicates("item_id")
    order = {item: i for i, item in enumerate(items["item_id"])}
    labels = items.set_index("item_id")["text"].to_dict()
    whole = likert[likert["gmina_id"] == ALL].set_index(["instrument", "item_id"])["mean"]
    blocks.append(_md(t("questionnaires_intro", lang, min_n=config.MIN_RESPONDENTS)))
    mine = mine.assign(_order=mine["item_id"].map(order)).sort_values("_order", kind="stable")
    for instrument, rows in mine.groupby("instrument", sort=False):
        programme_means = [whole.get((instrument, q)) for q in rows["item_id"]]
        blocks.append(_md(f"### {instrument}"))
        blocks.append(likert_diverging(rows, labels, lang, programme_means=programme_means,
                                       title=t("likert_chart_title", lang)))
        blocks.append(_table(pd.DataFrame({
            t("col_item", lang): rows["item_id"].map(labels).to_numpy(),
            t("col_n", lang): rows["n"].to_numpy(),
            t("col_mean", lang): [_number_or_dash(v, lang) for v in rows["mean"]],
            t("col_positive", lang): [_share_or_dash(v, lang) for v in rows["share_positive"]],
            t("col_positive_ci", lang): [
                t("suppressed_cell", lang) if pd.isna(lo) else
                f"{format_share(lo, lang)}–{format_share(hi, lang)}"
                for lo, hi in zip(rows["positive_low"], rows["positive_high"])],
            t("col_programme_mean", lang): [_number_or_dash(v, lang) for v in programme_means],
        })))
    if mine["suppressed"].any():
        blocks.append(_md(t("likert_suppressed_note", lang, min_n=config.MIN_RESPONDENTS)))
    blocks += _reliability(*scale_reliability(ctx.data["responses"], ctx.data["items"]),
                           labels, lang)
    return blocks


def _reliability(scales: pd.DataFrame, if_deleted: pd.DataFrame, labels: dict, lang: str) -> list:
    """Cronbach's alpha of each scale with its interval and alpha-if-item-deleted, or why not
    (:func:`toolkit.questionnaires.scale_reliability`'s two frames)."""
    if scales.empty:
        return []
    lines = []
    for row in scales.itertuples():
        if not row.computed:
            lines.append(t("scales_small", lang, construct=row.construct,
                           instrument=row.instrument, people=tn("n_people", row.n, lang),
                           min_n=config.MIN_ALPHA_RESPONDENTS))
            continue
        line = t("scales_line", lang, construct=row.construct, instrument=row.instrument,
                 k=row.k, n=row.n, alpha=format_number(row.alpha, lang),
                 low=format_number(row.ci_low, lang), high=format_number(row.ci_high, lang))
        dropped = if_deleted[(if_deleted["instrument"] == row.instrument)
                             & (if_deleted["construct"] == row.construct)]
        if not dropped.empty:
            line += " " + t("scales_if_deleted", lang) + "; ".join(
                f"„{labels.get(i, i)}” {format_number(a, lang)}"
                for i, a in zip(dropped["item_id"], dropped["alpha_if_deleted"]))
        lines.append(line)
    return [_md(f"### {t('scales_heading', lang)}\n\n" + "\n".join(f"- {x}" for x in lines))]


def knowledge(ctx: ReportContext) -> list:
    """The knowledge test before and after: means, gain, the Wilcoxon test from its
    minimum number of pairs (or why not), the paired chart and item difficulty."""
    from ..plots.questionnaires import knowledge_paired

    lang = ctx.lang
    blocks, missing = _start(ctx, "knowledge_heading", "analysis_questionnaires")
    if missing:
        return blocks
    table = ctx.programme["knowledge"]
    tests = knowledge_tests(ctx.data["items"])
    mine = table[table["gmina_id"] == ctx.gmina_id]
    if not tests or mine.empty:
        return blocks + [_md(t("knowledge_none", lang))]
    for test in tests:
        row = mine[mine["instrument"] == test]
        whole = table[(table["gmina_id"] == ALL) & (table["instrument"] == test)]
        if row.empty:
            continue
        row, whole = row.iloc[0], whole.iloc[0]
        pre, post, gain, _ = format_change(row["pre_mean"], row["post_mean"], "share", lang)
        blocks.append(_md(t("knowledge_line", lang, test=test,
                            pairs=tn("n_pairs", row["n_pairs"], lang), pre=pre, post=post,
                            gain=gain,
                            programme_pre=format_share(whole["pre_mean"], lang),
                            programme_post=format_share(whole["post_mean"], lang))))
        if row["test"]:
            blocks.append(_md(t("knowledge_tested", lang, p=format_number(row["p_value"], lang, 3),
                                r=format_number(row["effect_size"], lang))))
        else:
            blocks.append(_md(t("knowledge_not_tested", lang, n=row["n_pairs"],
                                nonzero=row.get("n_nonzero", "—"),
                                min_n=config.MIN_PAIRS_TEST)))
        scores = knowledge_scores(ctx.data["responses"], ctx.data["items"], test)
        blocks.append(knowledge_paired(scores, whole, lang))
        difficulty = item_difficulty(ctx.data["responses"], ctx.data["items"], test)
        blocks.append(_table(pd.DataFrame({
            t("col_question", lang): difficulty["text"].to_numpy(),
            t("col_pre_correct", lang): [format_share(v, lang) for v in difficulty["pre_correct"]],
            t("col_post_correct", lang): [format_share(v, lang) for v in difficulty["post_correct"]],
        })))
    return blocks


def open_answers(ctx: ReportContext) -> list:
    """Answers to open questions, per questionnaire, without any participant identifier."""
    lang = ctx.lang
    blocks: list = [_md("## " + t("open_heading", lang))]
    if not ctx.data.has("items", "responses"):
        return blocks + [_left_out(ctx, "analysis_questionnaires")]
    answers = open_answer_table(ctx.data["responses"], ctx.data["items"])
    if answers.empty:
        return blocks + [_md(t("open_none", lang))]
    for (instrument, question), group in answers.groupby(["instrument", "text"], sort=False):
        quoted = "\n".join("- " + " ".join(str(a).split()) for a in group["answer"])
        blocks.append(_md(f"**{instrument}: {question}**\n\n{quoted}"))
    return blocks


def _signed(value, lang: str) -> str:
    if pd.isna(value):
        return "—"
    text = format_number(value, lang)
    return text if text.startswith(("-", "−")) or value == 0 else "+" + text


def index(ctx: ReportContext) -> list:
    """The LIJW: overall and plane scores, change from the first to the last assessment
    (against the programme), incomplete assessments flagged, per-area dumbbell chart and
    the gmina's planes against the spread of all gminas."""
    from ..plots.index import area_dumbbell, plane_scores_vs_programme

    lang = ctx.lang
    blocks, missing = _start(ctx, "index_heading", "analysis_index")
    if missing:
        return blocks
    table = ctx.programme["index"]
    mine = table[table["gmina_id"] == ctx.gmina_id]
    if mine.empty:
        return blocks + [_md(t("index_none", lang))]
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
        blocks.append(_md(t("index_single_wave", lang, wave=last["wave"],
                            score=format_number(last["score"], lang))))
    else:
        row = overall.iloc[0]
        programme = whole_change.loc[whole_change["key"] == "overall", "change"]
        blocks.append(_md(t("index_change_line", lang, first=format_number(row["first_score"], lang),
                            first_wave=row["first_wave"], last=format_number(row["last_score"], lang),
                            last_wave=row["last_wave"], change=_signed(row["change"], lang),
                            programme_change=_signed(programme.iloc[0] if len(programme) else
                                                     float("nan"), lang))))
        programme_by_key = whole_change.set_index("key")["change"]
        blocks.append(_table(pd.DataFrame({
            t("col_plane", lang): [planes.get(k, k) for k in mine_change["key"]],
            t("col_first", lang): [format_number(v, lang) for v in mine_change["first_score"]],
            t("col_last", lang): [format_number(v, lang) for v in mine_change["last_score"]],
            t("col_change", lang): [_signed(v, lang) for v in mine_change["change"]],
            t("col_programme_change", lang): [_signed(programme_by_key.get(k), lang)
                                              for k in mine_change["key"]],
        })))
    incomplete = mine[(mine["plane"] == "overall") & ~mine["complete"].astype(bool)]
    for row in incomplete.itertuples():
        blocks.append(_md(t("index_incomplete", lang, wave=row.wave, n=row.n_areas,
                            expected=row.n_expected)))
    scores = ctx.data["index_scores"]
    blocks.append(area_dumbbell(scores, areas, ctx.gmina_id, lang=lang, plane_labels=planes,
                                **labels("area_dumbbell", lang)))
    blocks.append(plane_scores_vs_programme(table, ctx.gmina_id, lang=lang, plane_labels=planes,
                                            **labels("plane_scores", lang)))
    return blocks


def recommendations(ctx: ReportContext) -> list:
    """Recommendations adopted per plane, whether the commitment is met (what is missing,
    in words), the list with document types and dates, and a chart."""
    from ..commitments import recommendation_list
    from ..plots.commitments import recommendations_chart

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
        missing = []
        if row["adopted_short"] > 0:
            missing.append(t("commitment_short", lang, n=row["adopted_short"]))
        if row["missing_planes"]:
            missing.append(t("commitment_planes", lang, planes=row["missing_planes"]))
        blocks.append(_md(t("commitment_not_met", lang, min_n=min_n, per_plane=per_plane,
                            missing="; ".join(missing))))
    whole = summary[summary["gmina_id"] == ALL].iloc[0]
    blocks.append(_md(t("recommendations_programme", lang, met=whole["gminas_met"],
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


def _amount(value, unit: str, lang: str) -> str:
    return format_number(value, lang, 1 if unit == "h" else 0)


def support(ctx: ReportContext) -> list:
    """Support delivered against plan per activity, with the ratio and what fell short."""
    from ..plots.commitments import support_chart

    lang = ctx.lang
    blocks, missing = _start(ctx, "support_heading", "analysis_support")
    if missing:
        return blocks
    summary = ctx.programme["support"]
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


def summary_index(ctx: SummaryContext) -> list:
    """Heatmap of gminas × areas, the ranking of change, recommendations and support."""
    from ..plots.index import change_ranking, index_heatmap

    lang = ctx.lang
    blocks: list = [_md("## " + t("index_heading", lang))]
    gminas = ctx.programme["gminas"]
    if ctx.programme.get("index_change") is not None:
        scores = ctx.programme["index_scores"]
        blocks.append(index_heatmap(scores, ctx.programme["index_areas"], gminas=gminas,
                                    lang=lang, **labels("index_heatmap", lang)))
        blocks.append(_md(t("summary_index_intro", lang)))
        blocks.append(change_ranking(ctx.programme["index_change"], gminas, lang=lang,
                                     **labels("change_ranking", lang)))
    else:
        blocks.append(_md(t("missing_table", lang, analysis=t("analysis_index", lang),
                            table="index_scores")))
    recs = ctx.programme["recommendations"]
    blocks.append(_md("## " + t("recommendations_heading", lang)))
    if not recs.empty:
        rows = _with_names(recs, ctx)
        whole = recs[recs["gmina_id"] == ALL].iloc[0]
        blocks.append(_md(t("recommendations_programme", lang, met=whole["gminas_met"],
                            gminas_of=tn("n_gminas_of", whole["n_gminas"], lang))))
        blocks.append(_table(pd.DataFrame({
            t("col_gmina", lang): rows["name"].to_numpy(),
            "I": rows["adopted_I"].to_numpy(), "II": rows["adopted_II"].to_numpy(),
            "III": rows["adopted_III"].to_numpy(),
            t("total_label_short", lang): rows["adopted_total"].to_numpy(),
            t("col_commitment", lang): [("—" if pd.isna(m) else t("yes" if m else "no", lang))
                                        for m in rows["commitment_met"]],
        })))
    support_rows = ctx.programme["support"]
    blocks.append(_md("## " + t("support_heading", lang)))
    if not support_rows.empty:
        whole = support_rows[support_rows["gmina_id"] == ALL]
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


def footer(ctx: ReportContext | SummaryContext, today: dt.date | None = None) -> list:
    """Privacy note and the generation date."""
    today = today or dt.date.today()
    return [_md("---\n\n" + _programme_phrase(ctx) + "  \n" + t("privacy_note", ctx.lang)
                + "  \n" + t("generated", ctx.lang, date=format_date(today, ctx.lang)))]


def summary_header(ctx: SummaryContext) -> list:
    date = ctx.programme.get("data_date")
    n = len(ctx.programme["gminas"])
    return [_md(f"# {t('summary_title', ctx.lang)}"),
            _md(_programme_line(ctx)),
            _md(t("summary_intro", ctx.lang, programme=_programme_phrase(ctx),
                  gminas=tn("n_gminas", n, ctx.lang),
                  date=format_date(date, ctx.lang)))]


def _with_names(frame: pd.DataFrame, ctx: SummaryContext) -> pd.DataFrame:
    names = ctx.programme["gminas"].set_index("gmina_id")["name"]
    return frame.assign(name=frame["gmina_id"].map(names).fillna(t("label_programme", ctx.lang)))


def summary_attendance(ctx: SummaryContext) -> list:
    """Participants, mean attendance and diplomas of every gmina side by side."""
    lang = ctx.lang
    frame = ctx.programme["attendance"]
    blocks: list = [_md("## " + t("attendance_heading", lang, academy=ctx.info.academy(lang)))]
    if frame.empty:
        return blocks + [_md(t("missing_table", lang, analysis=t("analysis_attendance", lang),
                                table="attendance"))]
    rows = _with_names(frame, ctx)
    blocks.append(_table(pd.DataFrame({
        t("col_gmina", lang): rows["name"].to_numpy(),
        t("col_gmina_id", lang): rows["gmina_id"].to_numpy(),
        t("col_participants", lang): rows["participants"].to_numpy(),
        t("label_mean_share", lang): [_share_or_dash(v, lang) for v in rows["mean_share"]],
        t("col_diplomas", lang): rows["diplomas"].to_numpy(),
        t("label_diploma_rate", lang): [_share_or_dash(v, lang) for v in rows["diploma_rate"]],
        t("col_positive_ci", lang): [
            t("suppressed_cell", lang) if pd.isna(lo) or n < config.MIN_RESPONDENTS else
            f"{format_share(lo, lang)}–{format_share(hi, lang)}"
            for lo, hi, n in zip(rows["rate_low"], rows["rate_high"], rows["participants"])],
    })))
    groups = ctx.programme.get("groups")
    if groups is not None and not groups.empty:
        blocks.append(_md("### " + t("groups_heading", lang)))
        blocks.append(_table(pd.DataFrame({
            t("col_group", lang): [ctx.info.label("group", g, lang) for g in groups["group"]],
            t("col_participants", lang): groups["participants"].to_numpy(),
            t("label_mean_share", lang): [_share_or_dash(v, lang) for v in groups["mean_share"]],
            t("col_diplomas", lang): [t("k_of_n", lang, k=d, n=n) for d, n in
                                      zip(groups["diplomas"], groups["participants"])],
        })))
    return blocks


def summary_questionnaires(ctx: SummaryContext) -> list:
    """Mean rating of each questionnaire per gmina, and the knowledge test per gmina."""
    lang = ctx.lang
    blocks: list = [_md("## " + t("questionnaires_heading", lang))]
    pooled = ctx.programme.get("likert_by_instrument")
    if pooled is None or pooled.empty:
        return blocks + [_md(t("likert_none", lang))]
    wide = pooled.pivot(index="gmina_id", columns="instrument", values="mean")
    order = list(ctx.programme["gminas"]["gmina_id"]) + [ALL]
    wide = wide.reindex([g for g in order if g in wide.index])
    rows = _with_names(wide.reset_index(), ctx)
    table = {t("col_gmina", lang): rows["name"].to_numpy()}
    for instrument in wide.columns:
        table[instrument] = [_number_or_dash(v, lang) for v in rows[instrument]]
    blocks += [_md(t("summary_likert_intro", lang, min_n=config.MIN_RESPONDENTS)),
               _table(pd.DataFrame(table))]
    if ctx.programme.get("scales") is not None:
        labels = ctx.programme["item_labels"]
        blocks += _reliability(ctx.programme["scales"], ctx.programme["scales_if_deleted"],
                               labels, lang)
    knowledge_rows = ctx.programme["knowledge"]
    if not knowledge_rows.empty:
        rows = _with_names(knowledge_rows, ctx)
        blocks += [_md("## " + t("knowledge_heading", lang)), _table(pd.DataFrame({
            t("col_gmina", lang): rows["name"].to_numpy(),
            t("col_pairs", lang): rows["n_pairs"].to_numpy(),
            t("label_pre", lang): [format_share(v, lang) for v in rows["pre_mean"]],
            t("label_post", lang): [format_share(v, lang) for v in rows["post_mean"]],
            t("col_p_value", lang): [format_number(p, lang, 3) if test else
                                     t("not_tested_cell", lang, min_n=config.MIN_PAIRS_TEST)
                                     for p, test in zip(rows["p_value"], rows["test"])],
            t("col_effect", lang): [format_number(r, lang) if test else "—"
                                    for r, test in zip(rows["effect_size"], rows["test"])],
        }))]
    return blocks


def summary_holdings(ctx: SummaryContext) -> list:
    """Rows of data per gmina, side by side, labelled in the report's language."""
    frame = ctx.programme["holdings"]
    columns = {"gmina_id": t("col_gmina_id", ctx.lang), "name": t("col_gmina", ctx.lang)}
    columns.update({n: t(f"table_{n}", ctx.lang) for n in GMINA_TABLES if n in frame})
    return [_md(f"## {t('summary_holdings_heading', ctx.lang)}\n\n"
                + t("summary_holdings_intro", ctx.lang)),
            _table(frame[list(columns)].rename(columns=columns))]
