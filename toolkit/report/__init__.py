"""Per-gmina evaluation reports: context for the notebooks, sections, export, batch runner."""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from .context import ReportContext, SummaryContext, report_context, summary_context

__all__ = ["ReportContext", "SummaryContext", "report_context", "summary_context"]

# The report workers import the runner's and the exports' modules without the data's.
__getattr__, __dir__ = lazy_names(__name__, dict.fromkeys(__all__, ".context"))
