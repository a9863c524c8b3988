"""Attendance and diplomas: per participant, per group and plane, against the programme."""

from __future__ import annotations

import pandas as pd

from ...attendance import attendance_records, diploma_table
from ...config import ALL
from ...text import format_period, format_share, labels, t, tn
from ..context import ReportContext, SummaryContext
from ._blocks import _has_academy, _md, _share_or_dash, _start, _table, _with_names



def attendance(ctx: ReportContext) -> list:
    """Academy attendance: summary, per-day heatmap, shares against the threshold, the
    diploma rate as a count of the gmina's people (no interval: they are the whole group,
    not a sample), and the gmina against the programme."""
    from ...plots import attendance_heatmap, diploma_rate_chart, share_chart

    lang = ctx.lang
    if not ctx.info.diplomas:
        return _trainings(ctx)
    blocks, missing = _start(ctx, "attendance_heading", "analysis_attendance")
    if missing:
        return blocks
    people = ctx.data["participants"]
    if people.empty:
        return [_md(t("attendance_none", lang))]
    if ctx.data["attendance"].empty:
        return [_md(t("attendance_no_records", lang))]
    rules = ctx.info.diploma_rules()
    diplomas = diploma_table(people, ctx.data["sessions"], ctx.data["attendance"], rules)
    records = attendance_records(people, ctx.data["sessions"], ctx.data["attendance"])
    by_gmina = ctx.programme["attendance"]
    mine = by_gmina[by_gmina["gmina_id"] == ctx.gmina_id].iloc[0]
    whole = by_gmina[by_gmina["gmina_id"] == ALL].iloc[0]
    n, sectors = len(diplomas), diplomas["sector"].value_counts()
    threshold = format_share(rules.threshold, lang)
    other, informal = sectors.get("other", 0), sectors.get("informal", 0)
    blocks.append(_md(t(
        "attendance_summary", lang, n=n, jst=sectors.get("JST", 0),
        ngo=sectors.get("NGO", 0),
        other=(t("informal_sector", lang, n=informal) if informal else "")
        + (t("other_sector", lang, n=other) if other else ""),
        threshold=threshold, k=int(diplomas["eligible"].sum()),
        got=tn("v_got", int(diplomas["eligible"].sum()), lang),
        people=tn("n_people_of", n, lang),
        mean=format_share(mine["mean_share"], lang),
        programme_mean=format_share(whole["mean_share"], lang))))
    # A gmina's participants are all of them, not a sample: a count, no interval.
    blocks.append(_md(t("attendance_rate_count", lang, rate=format_share(mine["diploma_rate"], lang),
                        k=int(mine["diplomas"]), people=tn("n_people_of", int(mine["participants"]), lang),
                        programme_rate=format_share(whole["diploma_rate"], lang))))
    missing = int(diplomas["missing_rows"].sum())
    if missing:
        blocks.append(_md(t("attendance_missing", lang, n=missing)))
    blocks.append(_md(t("attendance_rules", lang, threshold=threshold,
                        basis=t(f"rules_basis_{rules.basis}", lang),
                        excused=t(f"rules_excused_{rules.excused}", lang))))
    blocks += _attendance_breakdowns(diplomas, records, ctx.data, ctx.info, lang)
    blocks += _sectors_table(diplomas, ctx)
    blocks.append(attendance_heatmap(records, lang, group_labels=_group_labels(ctx.info, lang)))
    blocks.append(share_chart(diplomas, rules.threshold, lang))
    blocks.append(diploma_rate_chart(by_gmina, ctx.gmina_id, lang))
    return blocks


def _trainings(ctx: ReportContext) -> list:
    """Attendance of a programme that awards no diploma: who came, per group and plane,
    against the programme's mean; no threshold, no diploma figures."""
    from ...plots import attendance_heatmap

    lang = ctx.lang
    blocks, missing = _start(ctx, "trainings_heading", "analysis_attendance")
    if missing:
        return blocks
    people, sessions, attendance = (ctx.data[n] for n in ("participants", "sessions", "attendance"))
    if people.empty or attendance.empty:
        return [_md(t("attendance_none" if people.empty else "attendance_no_records", lang))]
    diplomas = diploma_table(people, sessions, attendance, ctx.info.diploma_rules())
    records = attendance_records(people, sessions, attendance)
    by_gmina = ctx.programme["attendance"]
    mine = by_gmina[by_gmina["gmina_id"] == ctx.gmina_id].iloc[0]
    whole = by_gmina[by_gmina["gmina_id"] == ALL].iloc[0]
    blocks.append(_md(t("trainings_summary", lang, people=tn("n_people", len(diplomas), lang),
                        sectors=_sectors(diplomas, lang),
                        mean=format_share(mine["mean_share"], lang),
                        programme_mean=format_share(whole["mean_share"], lang))
                      + " " + t("trainings_no_diploma", lang)))
    blocks += _attendance_breakdowns(diplomas, records, ctx.data, ctx.info, lang)
    blocks += _sectors_table(diplomas, ctx)
    # No Academy, no "Academy days" nor meeting marks: the programme's trainings.
    blocks.append(attendance_heatmap(records, lang, group_labels=_group_labels(ctx.info, lang),
                                     academy=_has_academy(ctx)))
    return blocks


def _sectors_table(diplomas, ctx: ReportContext) -> list:
    """Participants, mean attendance (and diplomas) per sector in the gmina, beside the
    programme's mean attendance of that sector (:func:`toolkit.figures.attendance_by_sector`)."""
    from ...figures import attendance_by_sector

    lang = ctx.lang
    mine = attendance_by_sector(diplomas)
    mine = mine[mine["gmina_id"] != ALL]
    if mine.empty:
        return []
    whole = ctx.programme.get("sectors")
    programme = ({} if whole is None else
                 whole[whole["gmina_id"] == ALL].set_index("sector")["mean_share"].to_dict())
    columns = {t("col_sector", lang): [t(f"sector_{s}", lang) for s in mine["sector"]],
               t("col_participants", lang): mine["participants"].to_numpy(),
               t("label_mean_share", lang): [_share_or_dash(v, lang) for v in mine["mean_share"]]}
    if ctx.info.diplomas:
        columns[t("col_diplomas", lang)] = [t("k_of_n", lang, k=d, n=n) for d, n in
                                            zip(mine["diplomas"], mine["participants"])]
    columns[t("col_programme_mean_share", lang)] = [
        _share_or_dash(programme.get(s, float("nan")), lang) for s in mine["sector"]]
    return [_md("### " + t("sectors_heading", lang)), _table(pd.DataFrame(columns))]


def _summary_sectors(ctx: SummaryContext) -> list:
    """Every gmina's participants and mean attendance per sector, one column a sector."""
    lang = ctx.lang
    frame = ctx.programme.get("sectors")
    if frame is None or frame.empty:
        return []
    # Gminas in the order of every other table (the gminas table), the programme last.
    order = [*ctx.programme["gminas"]["gmina_id"].astype(str), ALL]
    present = set(frame["gmina_id"].astype(str))
    rows = _with_names(pd.DataFrame({"gmina_id": [g for g in order if g in present]}), ctx)
    columns = {t("col_gmina", lang): rows["name"].to_numpy()}
    cells = frame.set_index(["gmina_id", "sector"])
    for sector in dict.fromkeys(frame["sector"]):
        columns[t(f"sector_{sector}", lang)] = [
            t("sectors_cell", lang, n=int(cells.at[(g, sector), "participants"]),
              share=_share_or_dash(cells.at[(g, sector), "mean_share"], lang))
            if (g, sector) in cells.index else "—" for g in rows["gmina_id"]]
    # The title is the table's caption, the note after it (no break between them).
    return [_table(pd.DataFrame(columns)).set_caption(t("sectors_heading", lang)),
            _md(t("sectors_summary_intro", lang))]


def _sectors(diplomas, lang: str) -> str:
    """``2 z JST, 2 z organizacji pozarządowych, 2 z grup nieformalnych``."""
    counts = diplomas["sector"].value_counts()
    return ", ".join(t(f"sector_count_{s}", lang, n=int(counts[s]))
                     for s in ("JST", "NGO", "informal", "other") if counts.get(s, 0))


def _group_labels(info, lang: str):
    return lambda group: info.label("group", group, lang)


def _groups_table(groups: pd.DataFrame, info, lang: str, extra: dict | None = None) -> list:
    """The heading and table of attendance (and diplomas, where the programme awards them)
    per training group (:func:`toolkit.figures.attendance_by_group`); ``extra`` columns
    come after the participants."""
    heading = "groups_heading" if info.diplomas else "groups_heading_trainings"
    columns = {t("col_group", lang): [info.label("group", g, lang) for g in groups["group"]],
               t("col_participants", lang): groups["participants"].to_numpy(),
               **(extra or {}),
               t("label_mean_share", lang): [_share_or_dash(v, lang)
                                             for v in groups["mean_share"]]}
    if info.diplomas:
        columns[t("col_diplomas", lang)] = [t("k_of_n", lang, k=d, n=n) for d, n in
                                            zip(groups["diplomas"], groups["participants"])]
    return [_md("### " + t(heading, lang)), _table(pd.DataFrame(columns))]


def _attendance_breakdowns(diplomas, records, data, info, lang: str) -> list:
    """Attendance and diplomas per training group (each group with its own sessions and
    dates), and attendance per plane, where the data has groups and planes."""
    from ...attendance import attendance_by_plane, participant_periods
    from ...figures import attendance_by_group

    blocks = []
    groups = attendance_by_group(diplomas, data["participants"])
    if not groups.empty:
        periods = (participant_periods(data["participants"], data["sessions"])
                   .groupby("group").agg(sessions=("sessions", "max"), first=("first_date", "min"),
                                         last=("last_date", "max")).reindex(groups["group"]))
        blocks += _groups_table(groups, info, lang, {
            t("col_sessions", lang): periods["sessions"].to_numpy(),
            t("col_period", lang): [format_period(a, b, lang)
                                    for a, b in zip(periods["first"], periods["last"])]})
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


def summary_attendance(ctx: SummaryContext) -> list:
    """Participants, mean attendance and diplomas of every gmina side by side; the
    programme's diploma rate with its 95 % Wilson interval, labelled as the programme's
    (gminas have none: their participants are the whole group, not a sample)."""
    lang = ctx.lang
    frame = ctx.programme["attendance"]
    diplomas = ctx.info.diplomas
    heading = "attendance_heading" if diplomas else "trainings_heading"
    blocks: list = [_md("## " + t(heading, lang, academy=ctx.info.academy(lang)))]
    if frame.empty:
        return [_md(t("missing_table", lang, analysis=t("analysis_attendance", lang),
                                table="attendance"))]
    rows = _with_names(frame, ctx)
    blocks.append(_table(pd.DataFrame({
        t("col_gmina", lang): rows["name"].to_numpy(),
        # The programme's row has no TERYT code.
        t("col_gmina_id", lang): ["—" if g == ALL else g for g in rows["gmina_id"]],
        t("col_participants", lang): rows["participants"].to_numpy(),
        t("label_mean_share", lang): [_share_or_dash(v, lang) for v in rows["mean_share"]],
        **({t("col_diplomas", lang): rows["diplomas"].to_numpy(),
            t("label_diploma_rate", lang): [_share_or_dash(v, lang) for v in rows["diploma_rate"]]}
           if diplomas else {}),
    })))
    # The interval only for the programme, which stands for more than its participants.
    whole = frame[frame["gmina_id"] == ALL]
    if diplomas and not whole.empty and whole["participants"].iloc[0] > 0:
        whole = whole.iloc[0]
        blocks.append(_md(t("summary_rate_programme", lang,
                            rate=format_share(whole["diploma_rate"], lang),
                            k=int(whole["diplomas"]),
                            people=tn("n_people_of", int(whole["participants"]), lang),
                            low=format_share(whole["rate_low"], lang),
                            high=format_share(whole["rate_high"], lang))))
    groups = ctx.programme.get("groups")
    if groups is not None and not groups.empty:
        blocks += _groups_table(groups, ctx.info, lang)
    blocks += _summary_sectors(ctx)
    return blocks
