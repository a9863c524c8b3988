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
from .findings import evaluator_recommendations, findings, summary_findings, with_conclusions

# Each analysis section: an anchor on its heading (the key findings link to it) and the
# evaluator's words for it at its end (``conclusions``: the gmina's, or ALL's in the summary).
attendance = with_conclusions(attendance, "attendance", "attendance")
questionnaires = with_conclusions(questionnaires, "questionnaires", "questionnaires")
knowledge = with_conclusions(knowledge, "knowledge", "knowledge")
index = with_conclusions(index, "index", "index")
recommendations = with_conclusions(recommendations, "recommendations", "recommendations")
support = with_conclusions(support, "support", "support")
summary_attendance = with_conclusions(summary_attendance, "attendance", "attendance")
summary_questionnaires = with_conclusions(
    with_conclusions(summary_questionnaires, "questionnaires", "questionnaires"), "knowledge")
summary_index = with_conclusions(summary_index, "index", "index")
summary_recommendations = with_conclusions(summary_recommendations, "recommendations",
                                           "recommendations")
summary_support = with_conclusions(summary_support, "support", "support")
actions = with_conclusions(actions, "actions", "actions")
summary_actions = with_conclusions(summary_actions, "actions", "actions")

__all__ = ["show", "header", "holdings", "attendance", "questionnaires", "knowledge",
           "open_answers", "index", "recommendations", "support", "footer", "summary_header",
           "summary_holdings", "summary_attendance", "summary_questionnaires", "summary_index",
           "summary_recommendations", "summary_support", "actions", "summary_actions",
           "summary_paths", "findings", "summary_findings", "evaluator_recommendations", "t"]
