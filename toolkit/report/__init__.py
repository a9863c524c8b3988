"""Per-gmina evaluation reports: context for the notebooks, sections, export, batch runner."""

from .context import ReportContext, SummaryContext, report_context, summary_context

__all__ = ["ReportContext", "SummaryContext", "report_context", "summary_context"]
