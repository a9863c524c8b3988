"""Action plans (*Plan Działania*): status per area, what is overdue, coverage; the paths."""

from __future__ import annotations

import pandas as pd

from ...actions import TOTAL_AREA, overdue_actions
from ...config import ALL
from ...text import format_change, format_date, format_figure, format_share, t, tn
from ..context import ReportContext, SummaryContext
from ._blocks import _md, _share_or_dash, _start, _table, _with_names


def _day(value, lang: str) -> str:
    return "—" if value is None or pd.isna(value) else format_date(pd.Timestamp(value).date(), lang)


def _areas_in_words(ids: str, info, lang: str) -> str:
    return ", ".join(info.label("area", a, lang) for a in str(ids).split(";") if a)


def actions(ctx: ReportContext) -> list:
    """The gmina's action plan: actions per area by status, share done, the overdue ones
    by title with their due dates, whether the plan covers every area it must, a timeline."""
    from ...plots.actions import actions_timeline

    lang, info = ctx.lang, ctx.info
    blocks, missing = _start(ctx, "actions_heading", "analysis_actions")
    if missing:
        return blocks
    as_of = ctx.programme["data_date"]
    sheet = ctx.programme["actions"]
    mine = sheet[sheet["gmina_id"] == ctx.gmina_id]
    total = mine[mine["area"] == TOTAL_AREA].iloc[0]
    if total["total"] + total["dropped"] == 0:
        blocks.append(_md(t("actions_line_empty", lang, as_of=_day(as_of, lang))))
    else:
        # Dropped actions are named (and the rule that leaves them out said) only when
        # there are any.
        dropped = int(total["dropped"])
        line = t("actions_line" if dropped else "actions_line_none_dropped", lang,
                 actions=tn("n_activities", total["total"], lang), done=total["done"],
                 total=total["total"], share=_share_or_dash(total["share_done"], lang),
                 dropped=dropped, as_of=_day(as_of, lang))
        blocks.append(_md(line + (" " + t("actions_dropped_note", lang) if dropped else "")))
    needed = _areas_in_words(total["required_areas"], info, lang)
    if bool(total["covers_all_areas"]):
        blocks.append(_md(t("actions_covers", lang, areas=needed)))
    else:
        blocks.append(_md(t("actions_not_covers", lang, missing=_areas_in_words(
            total["missing_areas"], info, lang))))
    blocks.append(_table(pd.DataFrame({
        t("col_area", lang): [t("area_total", lang) if a == TOTAL_AREA
                              else info.label("area", a, lang) for a in mine["area"]],
        t("col_planned_actions", lang): mine["planned"].to_numpy(),
        t("col_in_progress", lang): mine["in_progress"].to_numpy(),
        t("col_done", lang): mine["done"].to_numpy(),
        t("col_dropped", lang): mine["dropped"].to_numpy(),
        t("col_overdue", lang): mine["overdue"].to_numpy(),
    })))
    late = overdue_actions(ctx.data["actions"], as_of, ctx.gmina_id)
    if late.empty:
        blocks.append(_md(t("actions_overdue_none", lang, as_of=_day(as_of, lang))))
    else:
        blocks.append(_md(t("actions_overdue", lang, n=len(late)) + "\n\n" + "\n".join(
            "- " + t("actions_overdue_item", lang, title=r.title, due=_day(r.due, lang))
            for r in late.itertuples())))
    whole = sheet[(sheet["gmina_id"] == ALL) & (sheet["area"] == TOTAL_AREA)].iloc[0]
    blocks.append(_md(t("actions_programme", lang, covering=whole["gminas_covering"],
                        gminas_of=tn("n_gminas_of", whole["n_gminas"], lang),
                        overdue=whole["overdue"])))
    plan = ctx.data["actions"]
    plan = plan[plan["gmina_id"] == ctx.gmina_id]
    if not plan.empty:
        note = t("actions_figure_note", lang)
        if (plan["status"] == "dropped").any():
            note += " " + t("actions_figure_note_dropped", lang)
        blocks.append(_md(note))
        blocks.append(actions_timeline(
            plan, as_of, lang=lang,
            area_labels={a: info.label("area", a, lang) for a in plan["area"].unique()},
            title=t("actions_timeline_title", lang), due_label=t("actions_timeline_due", lang),
            done_label=t("actions_timeline_done", lang),
            overdue_label=t("actions_timeline_overdue", lang),
            as_of_label=t("actions_timeline_as_of", lang, as_of="{as_of}"),
            dropped_label=t("actions_timeline_dropped", lang)))
        # The caption is the table's own, so the two are never parted by a page break.
        blocks.append(plan_table(plan, ctx).set_caption(t("actions_plan_table", lang)))
    return blocks


def plan_table(plan: pd.DataFrame, ctx: ReportContext):
    """The gmina's plan, one row per action in the timeline's order: full title, area,
    status and the due and done dates, in the report's words."""
    lang, info = ctx.lang, ctx.info
    plan = plan.assign(_due=pd.to_datetime(plan.get("due"), errors="coerce"),
                       _done=pd.to_datetime(plan.get("done_on"), errors="coerce")
                       ).sort_values(["_due", "_done"], na_position="last")
    return _table(pd.DataFrame({
        t("col_title", lang): plan["title"].to_numpy(),
        t("col_area", lang): [info.label("area", a, lang) for a in plan["area"]],
        t("col_status", lang): [t(f"action_status_{s}", lang) for s in plan["status"]],
        t("col_due", lang): [_day(v, lang) for v in plan["_due"]],
        t("col_done_on", lang): [_day(v, lang) for v in plan["_done"]],
    }))


def summary_actions(ctx: SummaryContext) -> list:
    """Every gmina's plan side by side: done of all, overdue, coverage (missing in words)."""
    lang, info = ctx.lang, ctx.info
    sheet = ctx.programme.get("actions")
    if sheet is None or sheet.empty:
        return [_md(t("missing_table", lang, analysis=t("analysis_actions", lang),
                      table="actions"))]
    rows = _with_names(sheet[sheet["area"] == TOTAL_AREA], ctx)
    whole = rows[rows["gmina_id"] == ALL].iloc[0]
    blocks: list = [_md("## " + t("actions_summary_heading", lang)),
                    _md(t("actions_programme", lang, covering=whole["gminas_covering"],
                          gminas_of=tn("n_gminas_of", whole["n_gminas"], lang),
                          overdue=whole["overdue"])
                       + " " + t("actions_dropped_note", lang))]
    blocks.append(_table(pd.DataFrame({
        t("col_gmina", lang): rows["name"].to_numpy(),
        t("col_done_of_all", lang): [f"{d} / {n}" for d, n in zip(rows["done"], rows["total"])],
        t("col_dropped", lang): rows["dropped"].to_numpy(),
        t("col_overdue", lang): rows["overdue"].to_numpy(),
        t("col_covers_all_areas", lang): [("—" if pd.isna(c) else t("yes" if c else "no", lang))
                                          for c in rows["covers_all_areas"]],
        t("col_missing_areas", lang): [
            "—" if g == ALL or not m else _areas_in_words(m, info, lang)
            for g, m in zip(rows["gmina_id"], rows["missing_areas"])],
    })))
    return blocks


def summary_paths(ctx: SummaryContext) -> list:
    """The support paths side by side: gminas, attendance, ratings, LIJW change, plans.

    Nothing when the gminas follow no paths.
    """
    lang, info = ctx.lang, ctx.info
    paths = ctx.programme.get("paths")
    if paths is None or paths.empty:
        return []
    columns = {
        t("col_path", lang): [info.label("path", p, lang) for p in paths["path"]],
        t("col_gminas", lang): paths["gminas"].to_numpy(),
        t("label_mean_share", lang): [_share_or_dash(v, lang)
                                      for v in paths["attendance_mean_share"]],
        t("col_rating_mean", lang): ["—" if pd.isna(v) else format_figure(v, "mean", lang)
                                     for v in paths["rating_mean"]],
        # As the programme's change: the difference of the two means as shown.
        t("col_index_change", lang): ["—" if pd.isna(f) or pd.isna(l) else
                                      format_change(f, l, "score", lang).change
                                      for f, l in zip(paths["index_first"], paths["index_last"])],
        t("col_plan_done", lang): [
            "—" if pd.isna(s) else f"{format_share(s, lang)} ({d} / {a})"
            for s, d, a in zip(paths["share_done"], paths["done"], paths["actions"])],
        t("col_overdue", lang): paths["overdue"].to_numpy(),
    }
    return [_md("## " + t("paths_heading", lang)), _md(t("paths_intro", lang)),
            _table(pd.DataFrame(columns))]
