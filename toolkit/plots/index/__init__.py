"""LIJW figures: areas baseline → follow-up, planes against the programme, heatmap, ranking.

Every function returns a :class:`matplotlib.figure.Figure`. Labels are plain keyword
arguments with English defaults (the report passes its own wording); numbers are
formatted for ``lang``.
"""

from ._gmina import area_dumbbell, plane_scores_vs_programme
from ._programme import change_ranking, index_heatmap

__all__ = ["area_dumbbell", "plane_scores_vs_programme", "index_heatmap", "change_ranking"]
