"""Interactive dashboards (ipywidgets) for JupyterLab and Voilà; notebooks only show them."""

from .diplomas import DiplomaDashboard
from .explore import ExploreDashboard

__all__ = ["DiplomaDashboard", "ExploreDashboard"]
