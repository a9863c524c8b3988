"""Report sections as text (Markdown) and display tables, in the report's language.

Notebooks call these and display the result; nothing here computes a statistic.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import config
from ..figures import GMINA_TABLES
from ..io.tables import TABLE_NAMES
from ..text import format_date, t
from .context import ReportContext, SummaryContext

__all__ = ["title", "identity", "holdings_heading", "holdings", "left_out", "footer",
           "summary_title", "summary_holdings"]

# Which analysis each table feeds (for the "left out" lines), in report order.
_ANALYSES = (
    ("analysis_attendance", ("participants", "sessions", "attendance")),
    ("analysis_questionnaires", ("items", "responses")),
    ("analysis_index", ("index_scores",)),
    ("analysis_recommendations", ("recommendations",)),
    ("analysis_support", ("support",)),
)


def _text(value) -> str:
    return "—" if value is None or pd.isna(value) else str(value)


def title(ctx: ReportContext) -> str:
    """``# Raport ewaluacyjny: gmina Miechów``."""
    return "# " + t("report_title", ctx.lang, name=ctx.gmina["name"])


def identity(ctx: ReportContext) -> str:
    """The gmina (name, kind, powiat, voivodeship, code), the programme and the data date."""
    g = ctx.gmina
    kind = t(f"gmina_kind_{g['gmina_id'][-1]}", ctx.lang)
    parts = [
        t("identity", ctx.lang, name=g["name"], kind=kind, powiat=_text(g.get("powiat")),
          wojewodztwo=_text(g.get("wojewodztwo")), gmina_id=g["gmina_id"]),
        t("programme", ctx.lang, programme=config.PROGRAMME_NAME),
    ]
    date = ctx.programme.get("data_date")
    source = ctx.programme.get("source", "")
    parts.append(t("data_date", ctx.lang, date=format_date(date, ctx.lang), source=source)
                 if date is not None else t("data_date_unknown", ctx.lang, source=source))
    areas = ctx.programme["index_areas"]
    key = "index_areas_default" if ctx.programme.get("index_areas_are_default") else "index_areas_own"
    parts.append(t(key, ctx.lang, n=len(areas)))
    return "\n\n".join(parts)


def holdings_heading(ctx: ReportContext) -> str:
    """Heading and introduction of the "what the data holds" section."""
    return (f"## {t('holdings_heading', ctx.lang)}\n\n"
            + t("holdings_intro", ctx.lang, name=ctx.gmina["name"]))


def holdings(ctx: ReportContext) -> pd.DataFrame:
    """What the dataset holds for the gmina: one row per table, labelled in the report's language."""
    summary = ctx.data.summary()
    summary = summary[summary["table"] != "gminas"]
    return pd.DataFrame({
        t("col_table", ctx.lang): [t(f"table_{n}", ctx.lang) for n in summary["table"]],
        t("col_present", ctx.lang): [t("yes" if p else "no", ctx.lang) for p in summary["present"]],
        t("col_rows", ctx.lang): summary["rows"].to_numpy(),
    })


def left_out(ctx: ReportContext) -> list[str]:
    """One sentence per analysis that cannot run because a table is missing."""
    lines = []
    for analysis, tables in _ANALYSES:
        missing = [n for n in tables if not ctx.data.has(n)]
        if missing:
            lines.append(t("missing_table", ctx.lang, analysis=t(analysis, ctx.lang),
                           table=missing[0]))
    return lines


def footer(ctx: ReportContext | SummaryContext, today: dt.date | None = None) -> str:
    """Privacy note and the generation date."""
    today = today or dt.date.today()
    return t("privacy_note", ctx.lang) + "  \n" + t("generated", ctx.lang,
                                                     date=format_date(today, ctx.lang))


def summary_title(ctx: SummaryContext) -> str:
    return f"# {t('summary_title', ctx.lang)}\n\n{t('summary_holdings_intro', ctx.lang)}"


def summary_holdings(ctx: SummaryContext) -> pd.DataFrame:
    """Rows of data per gmina, side by side, labelled in the report's language."""
    frame = ctx.programme["holdings"]
    columns = {"gmina_id": t("col_gmina_id", ctx.lang), "name": t("col_gmina", ctx.lang)}
    columns.update({n: t(f"table_{n}", ctx.lang) for n in GMINA_TABLES if n in frame})
    return frame[list(columns)].rename(columns=columns)

