"""Shared look of the report figures."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt

#: Status colours, shared with the Excel list (toolkit.diplomas.STATUS_COLOURS, darker).
STATUS_COLOURS = {"eligible": "#2e7d32", "on_track": "#7cb342", "at_risk": "#f9a825",
                  "ineligible": "#c62828"}
#: A pattern beside each status colour, so that no status is told by colour alone (WCAG 1.4.1).
STATUS_HATCHES = {"eligible": "", "on_track": "..", "at_risk": "oo", "ineligible": "xx"}
HIGHLIGHT = "#1f4e79"
MUTED = "#9e9e9e"


def figure(width: float = 7.5, height: float = 3.5):
    """A new figure and axes in the report style."""
    fig, ax = plt.subplots(figsize=(width, height), dpi=110, layout="constrained")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def describe(fig, text: str):
    """Attach the text alternative ``text`` (what the figure shows, in words) to ``fig``.

    The report displays it as the image's ``alt`` (``toolkit.report.sections._blocks.show``).

    Returns
    -------
    matplotlib.figure.Figure
        ``fig`` itself.
    """
    # Line breaks and runs of spaces become one space; no-break spaces (80 %) stay.
    fig.text_alternative = re.sub(r"[ \t\r\n]+", " ", str(text)).strip()
    return fig


def text_alternative(fig) -> str | None:
    """The text alternative attached to ``fig`` by :func:`describe` (``None``: none)."""
    return getattr(fig, "text_alternative", None)
