"""Evaluation questionnaires, scale reliability, the knowledge test and open answers."""

from __future__ import annotations

import pandas as pd

from ... import config
from ...config import ALL
from ...questionnaires import (item_difficulty, knowledge_scores, knowledge_tests,
                               open_answers as open_answer_table, scale_reliability)
from ...text import format_change, format_figure, format_share, t, tn
from ..context import ReportContext, SummaryContext
from ._blocks import (_has_academy, _label, _left_out, _md, _mean_or_dash, _share_or_dash,
                      _start, _table, _with_names)



def questionnaires(ctx: ReportContext) -> list:
    """Likert items per questionnaire: the distribution (diverging bars on one fixed axis,
    annotated with the gmina's and the programme's means), a table of n, means and
    positive shares, and the reliability of the scales. Breakdowns under the minimum n
    are suppressed. No confidence interval for a gmina's shares: its respondents are the
    gmina's whole group of trainees, not a sample (intervals stay in the programme-level
    ``tables``; README "What the figures mean")."""
    from ...plots.questionnaires import likert_diverging, row_scales

    lang = ctx.lang
    blocks, missing = _start(ctx, "questionnaires_heading", "analysis_questionnaires")
    if missing:
        return blocks
    likert = ctx.programme["likert"]
    mine = likert[likert["gmina_id"] == ctx.gmina_id]
    if mine.empty:
        return [_md(t("likert_none", lang))]
    items = ctx.data["items"].drop_duplicates("item_id")
    order = {item: i for i, item in enumerate(items["item_id"])}
    labels = items.set_index("item_id")["text"].to_dict()
    programme = likert[likert["gmina_id"] == ALL].set_index(["instrument", "item_id"])
    whole = programme["mean"]
    intro = "questionnaires_intro" if _has_academy(ctx) else "questionnaires_intro_trainings"
    blocks.append(_md(t(intro, lang, min_n=config.MIN_RESPONDENTS)))
    mine = mine.assign(_order=mine["item_id"].map(order)).sort_values("_order", kind="stable")
    scales = ctx.data.scales
    hidden = []
    for instrument, rows in mine.groupby("instrument", sort=False):
        if rows["mean"].isna().all():  # every row would be "—": one line for all such
            hidden.append(_label(ctx, "instrument", instrument))
            continue
        programme_means = [whole.get((instrument, q)) for q in rows["item_id"]]
        blocks.append(_md(f"### {_label(ctx, 'instrument', instrument)}"))
        blocks.append(likert_diverging(rows, labels, lang, programme_means=programme_means,
                                       title=t("likert_chart_title", lang), scales=scales))
        blocks.append(_table(pd.DataFrame({
            t("col_item", lang): rows["item_id"].map(labels).to_numpy(),
            **_scale_columns(row_scales(rows, scales), rows, lang),
            t("col_programme_mean", lang): [_mean_or_dash(v, lang) for v in programme_means],
            t("col_programme_positive", lang): [
                _programme_share(programme, instrument, q, lang) for q in rows["item_id"]],
        })))
    if hidden:
        blocks.append(_md(t("likert_all_suppressed", lang,
                            people=tn("n_people", config.MIN_RESPONDENTS, lang),
                            instruments="; ".join(hidden))))
    if len(hidden) < mine["instrument"].nunique() and mine["suppressed"].any():
        blocks.append(_md(t("likert_suppressed_note", lang, min_n=config.MIN_RESPONDENTS)))
    blocks += _reliability(*_named_scales(ctx, *scale_reliability(ctx.data["responses"],
                                                                  ctx.data["items"],
                                                                  scales=ctx.data.scales)),
                           labels, lang, gmina=True)
    return blocks


def _scale_columns(scales: list, rows: pd.DataFrame, lang: str) -> dict:
    """n, mean and positive share, said on the items' scale: in the header when the
    questionnaire has one scale ("Oceny 6–7 (skala 1–7)"), else in a column of its own."""
    positive = [_share_or_dash(v, lang) for v in rows["share_positive"]]
    mixed = len({(s.min, s.max, s.positive_min) for s in scales}) > 1
    out = {}
    if mixed:
        out[t("col_scale", lang)] = [t("scale_cell", lang, span=s.span, positive=s.positive_span)
                                     for s in scales]
    out[t("col_n", lang)] = rows["n"].to_numpy()
    out[t("col_mean", lang)] = [_mean_or_dash(v, lang) for v in rows["mean"]]
    if mixed:
        out[t("col_positive", lang)] = positive
    else:
        out[t("col_positive_on", lang, span=scales[0].span,
              positive=scales[0].positive_span)] = positive
    return out


def _programme_share(programme: pd.DataFrame, instrument: str, item: str, lang: str) -> str:
    """The programme's share of positive answers with its 95 % Wilson interval: the programme's
    respondents stand for the programme's wider audience, a gmina's are its whole group."""
    if (instrument, item) not in programme.index:
        return t("suppressed_cell", lang)
    row = programme.loc[(instrument, item)]
    if pd.isna(row["share_positive"]):
        return t("suppressed_cell", lang)
    return t("share_with_interval", lang, share=format_share(row["share_positive"], lang),
             low=format_share(row["positive_low"], lang),
             high=format_share(row["positive_high"], lang))


def _named_scales(ctx, scales: pd.DataFrame, if_deleted: pd.DataFrame):
    """The two reliability frames with instruments and constructs named through ``labels``
    (both frames alike, so that they still match each other)."""
    def named(frame):
        if frame is None or frame.empty:
            return frame
        frame = frame.copy()
        for column, kind in (("instrument", "instrument"), ("construct", "construct")):
            if column in frame:
                frame[column] = [_label(ctx, kind, v) for v in frame[column]]
        return frame
    return named(scales), named(if_deleted)


def _complete(n: int, lang: str) -> str:
    """Who answered a scale in full, the verb agreeing with the count; nobody in words."""
    return tn("people_complete", n, lang) if n else t("scales_nobody_complete", lang)


def _none_computed(scales: pd.DataFrame, lang: str, gmina: bool) -> str:
    """One sentence for scales none of which gets an alpha: why, by reason."""
    reasons = []
    few_items = scales[scales["status"] == "too_few_items"]
    if len(few_items):
        reasons.append(t("scales_none_items", lang, scales=tn("n_scales_at", len(few_items), lang),
                         items=tn("n_questions", int(few_items["k"].max()), lang),
                         min_k=config.MIN_ALPHA_ITEMS))
    few_people = scales[scales["status"] == "too_few_respondents"]
    if len(few_people):
        most = int(few_people["n"].max())
        reasons.append(
            t("scales_none_people", lang, scales=tn("n_scales_at", len(few_people), lang),
              people=tn("n_people", most, lang), min_n=config.MIN_ALPHA_RESPONDENTS) if most
            else t("scales_none_nobody", lang, scales=tn("n_scales_at", len(few_people), lang)))
    flat = scales[scales["status"] == "no_variance"]
    if len(flat):
        reasons.append(t("scales_none_variance", lang, scales=tn("n_scales_at", len(flat), lang)))
    text = t("scales_none_computed", lang, scales=tn("n_scales_of", len(scales), lang),
             reasons="; ".join(reasons))
    return text + (t("scales_none_summary", lang) if gmina and len(few_people) else "")


def _reliability(scales: pd.DataFrame, if_deleted: pd.DataFrame, labels: dict, lang: str,
                 gmina: bool = False) -> list:
    """Cronbach's alpha of each scale with its interval and alpha-if-item-deleted, or in
    words why not (:func:`toolkit.questionnaires.scale_reliability`'s two frames, its
    ``status`` deciding what is shown)."""
    if scales.empty:
        return []
    alpha = lambda value: format_figure(value, "coefficient", lang)  # noqa: E731
    rule = t("scales_rule", lang, min_k=config.MIN_ALPHA_ITEMS, min_n=config.MIN_ALPHA_RESPONDENTS)
    all_few = (scales["status"] == "too_few_respondents").all() and scales["n"].max() > 0
    if scales["status"].isin(("too_few_items", "too_few_respondents", "no_variance")).all() \
            and not all_few:
        # No alpha at all: one sentence, not the same reason scale after scale.
        return [_md(f"### {t('scales_heading', lang)}\n\n{rule} "
                    + _none_computed(scales, lang, gmina))]
    if all_few:
        # One sentence rather than the same reason scale after scale (a gmina's few people).
        return [_md(f"### {t('scales_heading', lang)}\n\n{rule} " + t(
            "scales_all_too_few", lang, people=tn("n_people", int(scales["n"].max()), lang),
            scales=tn("n_scales_of", len(scales), lang), min_n=config.MIN_ALPHA_RESPONDENTS))]
    lines = []
    for row in scales.itertuples():
        words = {"construct": row.construct, "instrument": row.instrument,
                 "items": tn("n_questions", row.k, lang), "min_k": config.MIN_ALPHA_ITEMS,
                 "min_n": config.MIN_ALPHA_RESPONDENTS}
        if row.status == "too_few_items":
            lines.append(t("scales_too_few_items", lang, **words))
        elif row.status == "too_few_respondents":
            lines.append(t("scales_too_few_respondents", lang, **words,
                           people=tn("n_people", row.n, lang), complete=_complete(row.n, lang)))
        elif row.status == "no_variance":
            lines.append(t("scales_no_variance", lang, **words, people=tn("n_people", row.n, lang)))
        elif row.status == "negative":
            lines.append(t("scales_negative", lang, **words, people=tn("n_people", row.n, lang),
                           alpha=alpha(row.alpha)))
        else:
            line = t("scales_line", lang, **words, people=tn("n_people", row.n, lang),
                     alpha=alpha(row.alpha), low=alpha(row.ci_low), high=alpha(row.ci_high))
            dropped = if_deleted[(if_deleted["instrument"] == row.instrument)
                                 & (if_deleted["construct"] == row.construct)]
            if not dropped.empty:
                line += " " + t("scales_if_deleted", lang) + "; ".join(
                    f"{t('quoted', lang, text=labels.get(i, i))} {alpha(a)}"
                    for i, a in zip(dropped["item_id"], dropped["alpha_if_deleted"])) + "."
            lines.append(line)
    return [_md(f"### {t('scales_heading', lang)}\n\n{rule}\n\n"
                + "\n".join(f"- {x}" for x in lines))]


def knowledge(ctx: ReportContext) -> list:
    """The knowledge test before and after: means, gain, the Wilcoxon test from its
    minimum number of pairs (or why not), the paired chart and item difficulty."""
    from ...plots.questionnaires import knowledge_paired

    lang = ctx.lang
    heading = "knowledge_heading" if _has_academy(ctx) else "knowledge_heading_trainings"
    blocks, missing = _start(ctx, heading, "analysis_questionnaires")
    if missing:
        return blocks
    table = ctx.programme["knowledge"]
    tests = knowledge_tests(ctx.data["items"])
    if not tests:  # the programme has no knowledge test: left out, as absent data is
        return [_md(t("missing_table", lang, analysis=t("analysis_knowledge", lang)))]
    mine = table[table["gmina_id"] == ctx.gmina_id]
    if not tests or mine.empty:
        return [_md(t("knowledge_none", lang))]
    for test in tests:
        row = mine[mine["instrument"] == test]
        whole = table[(table["gmina_id"] == ALL) & (table["instrument"] == test)]
        if row.empty:
            continue
        row, whole = row.iloc[0], whole.iloc[0]
        pre, post, gain, _ = format_change(row["pre_mean"], row["post_mean"], "share", lang)
        blocks.append(_md(t("knowledge_line", lang, test=_label(ctx, "instrument", test),
                            pairs=tn("n_pairs", row["n_pairs"], lang), pre=pre, post=post,
                            gain=gain,
                            programme_pre=format_share(whole["pre_mean"], lang),
                            programme_post=format_share(whole["post_mean"], lang))))
        if row["test"]:
            blocks.append(_md(t("knowledge_tested", lang, p=format_figure(row["p_value"], "p_value", lang),
                                r=format_figure(row["effect_size"], "coefficient", lang))))
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
        return [_md(t("open_none", lang))]
    for (instrument, question), group in answers.groupby(["instrument", "text"], sort=False):
        quoted = "\n".join("- " + " ".join(str(a).split()) for a in group["answer"])
        blocks.append(_md(f"**{_label(ctx, 'instrument', instrument)}: {question}**\n\n{quoted}"))
    return blocks


def _with_span(label: str, span: str) -> str:
    """A questionnaire's name with its scale in brackets; a name that ends in brackets of
    its own takes the scale inside them (``Ankieta (płaszczyzna I, 1–5)``), never a
    second pair beside them."""
    if not span:
        return label
    if label.endswith(")"):
        return f"{label[:-1]}, {span})"
    return f"{label} ({span})"


def summary_questionnaires(ctx: SummaryContext) -> list:
    """Mean rating of each questionnaire per gmina, and the knowledge test per gmina."""
    lang = ctx.lang
    blocks: list = [_md("## " + t("questionnaires_heading", lang))]
    pooled = ctx.programme.get("likert_by_instrument")
    if pooled is None or pooled.empty:
        return [_md(t("summary_likert_none", lang))]
    wide = pooled.pivot(index="gmina_id", columns="instrument", values="mean")
    order = list(ctx.programme["gminas"]["gmina_id"]) + [ALL]
    wide = wide.reindex([g for g in order if g in wide.index])
    rows = _with_names(wide.reset_index(), ctx)
    table = {t("col_gmina", lang): rows["name"].to_numpy()}
    spans = pooled.drop_duplicates("instrument").set_index("instrument")
    for instrument in wide.columns:
        lo, hi = (spans.at[instrument, "scale_min"], spans.at[instrument, "scale_max"]
                  ) if "scale_min" in spans else (1, 5)
        span = f"{int(lo)}–{int(hi)}" if pd.notna(lo) else ""
        table[_with_span(_label(ctx, "instrument", instrument), span)] = [
            _mean_or_dash(v, lang) for v in rows[instrument]]
    blocks += [_md(t("summary_likert_intro", lang, min_n=config.MIN_RESPONDENTS)),
               _table(pd.DataFrame(table))]
    if ctx.programme.get("scales") is not None:
        labels = ctx.programme["item_labels"]
        blocks += _reliability(*_named_scales(ctx, ctx.programme["scales"],
                                              ctx.programme["scales_if_deleted"]),
                               labels, lang)
    knowledge_rows = ctx.programme["knowledge"]
    if not knowledge_rows.empty:
        rows = _with_names(knowledge_rows, ctx)
        from .findings import anchored

        blocks += [_md(anchored("## " + t("knowledge_heading", lang), "knowledge")),
                   _table(pd.DataFrame({
            t("col_gmina", lang): rows["name"].to_numpy(),
            t("col_pairs", lang): rows["n_pairs"].to_numpy(),
            t("label_pre", lang): [format_share(v, lang) for v in rows["pre_mean"]],
            t("label_post", lang): [format_share(v, lang) for v in rows["post_mean"]],
            t("col_p_value", lang): [format_figure(p, "p_value", lang) if test else
                                     t("not_tested_cell", lang, min_n=config.MIN_PAIRS_TEST)
                                     for p, test in zip(rows["p_value"], rows["test"])],
            t("col_effect", lang): [format_figure(r, "coefficient", lang) if test else "—"
                                    for r, test in zip(rows["effect_size"], rows["test"])],
        }))]
    return blocks
