"""What every section is made of: Markdown and table blocks, the "left out" lines."""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown
from pandas.io.formats.style import Styler

from ...text import format_date, format_figure, format_number, format_share, t, unnest_brackets
from ..context import ReportContext, SummaryContext



_ANALYSES = (
    ("analysis_attendance", ("participants", "sessions", "attendance")),
    ("analysis_questionnaires", ("items", "responses")),
    ("analysis_index", ("index_scores",)),
    ("analysis_recommendations", ("recommendations",)),
    ("analysis_support", ("support",)),
    ("analysis_actions", ("actions",)),
)


def show(blocks) -> None:
    """Display each block in the notebook; figures are shown as PNG and closed.

    A figure is drawn once (:func:`toolkit.plots._png.figure_png`) and displayed as its
    picture, with its text alternative (:func:`toolkit.plots._style.describe`), if it has
    one, as the image's ``alt`` metadata.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    for block in blocks:
        if isinstance(block, plt.Figure):
            _show_figure(block, display)
            plt.close(block)
        else:
            display(block)


def _show_figure(fig, display) -> None:
    import base64

    from ...plots._png import figure_png
    from ...plots._style import text_alternative

    png = figure_png(fig)
    data = {"text/plain": repr(fig)}
    if png is None:  # nothing drawn: as the inline backend, only the figure's name
        display(data, raw=True)
        return
    data["image/png"] = base64.b64encode(png).decode("ascii")
    alt = text_alternative(fig)
    alt = unnest_brackets(alt) if alt else alt
    # The image's text alternative: the HTML template writes it as ``alt``.
    display(data, raw=True, metadata={"image/png": {"alt": alt}} if alt else None)


def _md(text: str) -> Markdown:
    return Markdown(unnest_brackets(text))


def _has_academy(ctx: ReportContext | SummaryContext) -> bool:
    """Whether the programme trains in an Academy (its name, or diploma rules): its
    reports then speak of the Academy and its meetings (*zjazdy*); otherwise of trainings
    and meetings."""
    return ctx.info.academy_name is not None or ctx.info.diplomas


def _table(frame: pd.DataFrame) -> Styler:
    """A display table: no index, text left-aligned, numbers right-aligned.

    The alignment is one rule per column, not a style per cell: a cell then has no ``id``,
    which each PDF would otherwise make a named destination (a summary of all gminas has
    tens of thousands of cells; without their ids its PDF takes 40 % less time).
    """
    left = [("text-align", "left")]
    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    return (Styler(frame, cell_ids=False).hide(axis="index")
            .set_table_styles({c: [{"selector": "td", "props": left}] for c in text})
            .set_table_styles([{"selector": "th", "props": left}], overwrite=False))


def _text(value) -> str:
    return "—" if value is None or pd.isna(value) else str(value)


def _left_out(ctx: ReportContext, analysis: str) -> Markdown | None:
    tables = dict(_ANALYSES)[analysis]
    missing = [n for n in tables if not ctx.data.has(n)]
    if not missing:
        return None
    return _md(t("missing_table", ctx.lang, analysis=t(analysis, ctx.lang), table=missing[0]))


def _start(ctx: ReportContext, heading: str, analysis: str) -> tuple[list, bool]:
    """A section's heading, and whether its analysis is left out.

    A left-out section is only the line saying why: no heading over nothing.
    """
    left_out = _left_out(ctx, analysis)
    if left_out is not None:
        return [left_out], True
    return [_md("## " + t(heading, ctx.lang, academy=ctx.info.academy(ctx.lang)))], False


def _label(ctx: ReportContext | SummaryContext, kind: str, id_) -> str:
    """How the reader is told ``id_`` of ``kind`` (``labels``, a readable id otherwise)."""
    return ctx.info.label(kind, id_, ctx.lang)


def _labels_of(ctx: ReportContext | SummaryContext, kind: str, ids) -> dict:
    """``id → label`` for each of ``ids`` (see :func:`_label`)."""
    return {i: _label(ctx, kind, i) for i in dict.fromkeys(ids)}


def _share_or_dash(value, lang: str) -> str:
    return t("suppressed_cell", lang) if pd.isna(value) else format_share(value, lang)


def _mean_or_dash(value, lang: str) -> str:
    """A mean of answers 1–5 as shown everywhere (two decimals: ``4,00``), or the mark of a
    suppressed cell."""
    return t("suppressed_cell", lang) if pd.isna(value) else format_figure(value, "mean", lang)


def _amount(value, unit: str, lang: str) -> str:
    return format_number(value, lang, 1 if unit == "h" else 0)


def _with_names(frame: pd.DataFrame, ctx: SummaryContext) -> pd.DataFrame:
    names = ctx.programme["gminas"].set_index("gmina_id")["name"]
    return frame.assign(name=frame["gmina_id"].map(names).fillna(t("label_programme", ctx.lang)))


def _programme_line(ctx: ReportContext | SummaryContext) -> str:
    """Which programme the report belongs to: its name, operator and period, as given."""
    info, lang = ctx.info, ctx.lang
    lines = [t("programme_title", lang, title=info.title) if info.title
             else t("programme", lang, programme=info.name) if info.name
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
