"""The evaluators' dashboard: which gmina lags, which session lost people, which area moved.

Two parts, kept apart:

- :class:`ExploreFrames` (pure, no widgets, no drawing) computes once, from the whole
  dataset, small count arrays indexed gmina × sector × … (attendance per session, Likert
  answers per item and value, knowledge scores per test, LIJW plane scores per wave,
  recommendations per plane). Its methods turn a :class:`Selection` into the frames the
  views show, by summing over the selected rows of those arrays: no dataset pass, no
  groupby over people on an interaction.
- :class:`ExploreDashboard` wires ipywidgets to it and draws every view into a figure
  made once; an interaction moves the existing artists and re-renders only the views it
  affects (a sector change leaves the index alone, an instrument change touches only the
  questionnaire view).

Every view shows the selection against the whole programme. No names are shown
(participants never appear, not even by id), and questionnaire and knowledge-test figures
over fewer than :data:`toolkit.config.MIN_RESPONDENTS` respondents are suppressed.

The package: :mod:`._frames` (the data), :mod:`._views` (the figures), :mod:`._widget`
(the ipywidgets app).
"""

from ._frames import SECTOR_CHOICES, ExploreFrames, Selection
from ._views import VIEWS
from ._widget import ExploreDashboard

__all__ = ["ExploreDashboard", "ExploreFrames", "Selection", "SECTOR_CHOICES", "VIEWS"]
