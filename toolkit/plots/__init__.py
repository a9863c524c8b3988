"""Plots for the reports: one module per report section, each function returns a Figure.

A plot never computes a statistic: it draws frames made by the domain modules.
"""

from .attendance import attendance_heatmap, diploma_rate_chart, share_chart

__all__ = ["attendance_heatmap", "share_chart", "diploma_rate_chart"]
