"""The report's frame: title, the gmina and the programme, what the data holds, footer."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ...figures import GMINA_TABLES
from ...text import format_date, t, tn
from ..context import ReportContext, SummaryContext
from ._blocks import _md, _programme_line, _programme_phrase, _table, _text



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
        *_paths_line(ctx),
        _md(_programme_line(ctx)),
        _md(t("data_date", ctx.lang, date=format_date(date, ctx.lang), source=source)
            if date is not None else t("data_date_unknown", ctx.lang, source=source)),
        _md(t(key, ctx.lang, areas=tn("n_areas", len(ctx.programme["index_areas"]), ctx.lang))),
    ]


def _paths_line(ctx: ReportContext) -> list:
    """The support paths the gmina follows (``gminas.path``), named by their ``labels``;
    nothing when it follows none."""
    path = ctx.gmina.get("path")
    if path is None or pd.isna(path):
        return []
    ids = [p.strip() for p in str(path).split(";") if p.strip()]
    if not ids:
        return []
    return [_md(t("paths_line", ctx.lang, paths="; ".join(
        ctx.info.label("path", p, ctx.lang) for p in ids)))]


def holdings(ctx: ReportContext) -> list:
    """What the dataset holds for the gmina, and which analyses are left out."""
    summary = ctx.data.summary()
    # What describes the data (the programme, labels, the evaluator's words) is not data.
    summary = summary[~summary["table"].isin(("gminas", "programme", "labels", "conclusions"))]
    # Without an index_areas table the toolkit's default definition is used (the header
    # says so): the row says the same instead of "no, 0".
    default = bool(ctx.programme.get("index_areas_are_default"))
    n_default = len(ctx.programme["index_areas"])
    # "tak" only beside rows the gmina has: a table present for other gminas only is "nie, 0".
    present = [t("holdings_default_cell", ctx.lang) if n == "index_areas" and default
               else t("yes" if p and r > 0 else "no", ctx.lang)
               for n, p, r in zip(summary["table"], summary["present"], summary["rows"])]
    rows = [n_default if n == "index_areas" and default else r
            for n, r in zip(summary["table"], summary["rows"])]
    frame = pd.DataFrame({
        t("col_table", ctx.lang): [t(f"table_{n}", ctx.lang) for n in summary["table"]],
        t("col_present", ctx.lang): present,
        t("col_rows", ctx.lang): rows,
    })
    # The analyses left out say so once, in their own place in the report.
    return [_md(f"## {t('appendix_heading', ctx.lang)}\n\n"
                + t("holdings_intro", ctx.lang, name=ctx.gmina["name"])), _table(frame)]


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


def summary_holdings(ctx: SummaryContext) -> list:
    """Rows of data per gmina, side by side, labelled in the report's language."""
    frame = ctx.programme["holdings"]
    columns = {"gmina_id": t("col_gmina_id", ctx.lang), "name": t("col_gmina", ctx.lang)}
    columns.update({n: t(f"table_{n}", ctx.lang) for n in GMINA_TABLES if n in frame})
    # The analyses left out say so once, in their own sections of the summary.
    return [_md(f"## {t('appendix_heading', ctx.lang)}\n\n"
                + t("summary_holdings_intro", ctx.lang)),
            _table(frame[list(columns)].rename(columns=columns))]
