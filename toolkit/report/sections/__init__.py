"""Report sections: each returns the blocks to show (Markdown, tables, figures).

A notebook shows a section with ``show(section(ctx))``; the wording comes from
:mod:`toolkit.text` in the report's language, the figures from :mod:`toolkit.plots`, the
numbers from the domain modules. Nothing here reads files. One module per part of the
report; the summary's sections sit beside the gmina's.
"""

from ...text import t
from ._blocks import show
from .actions import actions, summary_actions, summary_paths
from .attendance import attendance, summary_attendance
from .commitments import recommendations, summary_recommendations, summary_support, support
from .general import footer, header, holdings, summary_header, summary_holdings
from .index import index, summary_index
from .questionnaires import knowledge, open_answers, questionnaires, summary_questionnaires

__all__ = ["show", "header", "holdings", "attendance", "questionnaires", "knowledge",
           "open_answers", "index", "recommendations", "support", "footer", "summary_header",
           "summary_holdings", "summary_attendance", "summary_questionnaires", "summary_index",
           "summary_recommendations", "summary_support", "actions", "summary_actions",
           "summary_paths", "t"]
