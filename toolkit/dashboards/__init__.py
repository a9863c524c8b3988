"""Interactive dashboards (ipywidgets) for JupyterLab and Voilà; notebooks only show them."""

from .diplomas import DiplomaDashboard

__all__ = ["DiplomaDashboard"]
