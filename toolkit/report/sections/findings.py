"""What the report opens with (key findings, gminas that need attention) and the
evaluator's own words (``conclusions``), shown in the section they name."""

from __future__ import annotations

import functools
import html
import re


from ...config import ALL
from ...attention import MAX_LISTED, MAX_NAMED, SERIOUS, attention
from ...findings import gmina_findings, programme_findings
from ...text import format_date, t, tn
from ..context import ReportContext, SummaryContext
from ._blocks import _md

#: Sections of the report a conclusion may name (SPEC §2 ``conclusions``).
CONCLUSION_SECTIONS = ("summary", "attendance", "questionnaires", "knowledge", "index",
                       "recommendations", "support", "actions", "recommendations_evaluator")

# A link to a script, whatever its case or spacing ("JavaScript :", "vbscript:", "data:").
_SCRIPT_LINK = re.compile(r"(?i)\b(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:"
                          r"|\bd\s*a\s*t\s*a\s*:")


def anchored(heading: str, anchor: str) -> str:
    """A Markdown heading line (``## Title``) with an HTML anchor links can point to."""
    marks, _, title = heading.partition(" ")
    return f'{marks} <a id="{anchor}"></a>{title}'


def safe_markdown(text: str) -> str:
    """The evaluator's Markdown with no HTML of its own: ``<``, ``>`` and ``&`` escaped and
    links to scripts neutralised, so that only Markdown's own formatting is rendered."""
    text = html.escape(str(text), quote=False)
    return _SCRIPT_LINK.sub("#", text)


def _conclusion_rows(ctx, section: str) -> list[str]:
    if isinstance(ctx, SummaryContext):
        frame = ctx.programme.get("conclusions")
        owner = ALL
    else:
        frame = ctx.data.get("conclusions")
        owner = ctx.gmina_id
    if frame is None or frame.empty:
        return []
    rows = frame[(frame["gmina_id"].astype(str) == owner)
                 & (frame["section"].astype(str).str.strip() == section)]
    return [str(x) for x in rows["text"] if isinstance(x, str) and x.strip()]


def conclusions(ctx: ReportContext | SummaryContext, section: str, *,
                heading: str = "conclusions_heading") -> list:
    """The evaluator's words for ``section`` as a blockquote headed "Wnioski ewaluatora"
    (nothing when there are none)."""
    texts = _conclusion_rows(ctx, section)
    if not texts:
        return []
    body = "\n\n".join(safe_markdown(x).strip() for x in texts)
    quoted = "\n".join("> " + line if line.strip() else ">" for line in body.splitlines())
    return [_md(f"> **{t(heading, ctx.lang)}**\n>\n{quoted}")]


def with_conclusions(section_fn, section: str, anchor: str | None = None):
    """``section_fn`` with an anchor on its heading and the evaluator's words at its end."""
    @functools.wraps(section_fn)
    def wrapped(ctx, *args, **kwargs):
        blocks = list(section_fn(ctx, *args, **kwargs))
        if anchor and blocks and hasattr(blocks[0], "data") and isinstance(blocks[0].data, str) \
                and blocks[0].data.startswith("## "):
            first, _, rest = blocks[0].data.partition("\n")
            blocks[0] = _md(anchored(first, anchor) + ("\n" + rest if rest else ""))
        return blocks + conclusions(ctx, section)
    return wrapped


def _finding_lines(found, lang: str) -> str:
    more = t("finding_more", lang)
    return "\n".join(f"- {f.text} [{more}](#{f.anchor})" for f in found)


def findings(ctx: ReportContext) -> list:
    """The report's key findings, each linked to its section, then the evaluator's summary."""
    found = gmina_findings(ctx.programme, ctx.gmina_id, ctx.info, ctx.lang)
    blocks = []
    if found:
        blocks.append(_md(anchored("## " + t("findings_heading", ctx.lang), "findings") + "\n\n"
                          + _finding_lines(found, ctx.lang)))
    return blocks + conclusions(ctx, "summary")


def summary_findings(ctx: SummaryContext) -> list:
    """The programme's key findings and the gminas that need attention, with the reasons;
    then the evaluator's summary of the programme."""
    lang = ctx.lang
    found = programme_findings(ctx.programme, ctx.info, lang)
    blocks = []
    if found:
        blocks.append(_md(anchored("## " + t("summary_findings_heading", lang), "findings")
                          + "\n\n" + _finding_lines(found, lang)))
    blocks.append(_md("### " + t("attention_heading", lang) + "\n\n" + _attention_text(ctx)))
    return blocks + conclusions(ctx, "summary")


def _attention_text(ctx: SummaryContext) -> str:
    """The gminas that need attention (:mod:`toolkit.attention`), most serious first: those
    whose reasons weigh at least ``SERIOUS`` with their reasons (at most ``MAX_LISTED``),
    the others named in one sentence (their reasons are in their own reports)."""
    lang = ctx.lang
    date = ctx.programme.get("data_date")
    date = format_date(date, lang) if date is not None else "—"
    flagged = attention(ctx.programme, ctx.info, lang)
    serious = [a for a in flagged if a.score >= SERIOUS - 1e-9]
    if not flagged:
        return t("attn_none", lang, date=date)
    if not serious:
        return t("attn_none", lang, date=date) + " " + _named(flagged, lang)
    shown = serious[:MAX_LISTED]
    rest = [a for a in flagged if a not in shown]
    text = t("attn_intro", lang, date=date) + "\n\n" + "\n".join(
        "- " + t("attention_line", lang, name=a.name, reasons="; ".join(a.reasons))
        for a in shown)
    if rest:
        text += "\n\n" + _named(rest, lang)
    return text


def _named(rest: list, lang: str) -> str:
    """The sentence naming the gminas with minor points: at most ``MAX_NAMED`` of them,
    the others counted."""
    names = ", ".join(a.name for a in rest[:MAX_NAMED])
    if len(rest) <= MAX_NAMED:
        return t("attn_more", lang, names=names)
    return t("attn_more_counted", lang, names=names,
             others=tn("n_more_gminas", len(rest) - MAX_NAMED, lang))


def evaluator_recommendations(ctx: ReportContext | SummaryContext) -> list:
    """The evaluator's recommendations, a section of their own (nothing when there are none)."""
    texts = _conclusion_rows(ctx, "recommendations_evaluator")
    if not texts:
        return []
    heading = t("recommendations_evaluator_heading", ctx.lang)
    return [_md(anchored("## " + heading, "recommendations-evaluator"))] + conclusions(
        ctx, "recommendations_evaluator", heading="conclusions_heading")
