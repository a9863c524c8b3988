"""Shared look of the report figures."""

from __future__ import annotations

import functools
import re

import matplotlib.pyplot as plt

from ..text import format_number, format_share
from ._text_metrics import share_text_layouts, share_text_metrics, share_text_rasters

# Every process that draws report figures imports this module.
share_text_metrics()
share_text_layouts()
share_text_rasters()

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


# Things put beside the axes are placed in points from the axes' edge, not in fractions
# of the axes: the constrained layout narrows the axes to make room for them, and a
# position that moved with the axes' width would need more room than was made (the
# figure's content then reaches beyond its edge and the layout never settles).
_BESIDE = 8.0  # points between the axes' right edge and the texts beside it


def beside(ax, y, text: str, gap: float = _BESIDE, **kwargs):
    """Write ``text`` right of ``ax`` at the data height ``y``, ``gap`` points from its edge."""
    kwargs.setdefault("va", "center")
    return ax.annotate(text, xy=(1, y), xycoords=ax.get_yaxis_transform(),
                       xytext=(gap, 0), textcoords="offset points", ha="left", **kwargs)


def legend_right(ax, gap: float = 0.0, **kwargs):
    """A legend right of ``ax``, its top level with the axes' top, ``gap`` points further
    right than usual (past texts written :func:`beside` the axes)."""
    from matplotlib.transforms import ScaledTranslation

    shift = ScaledTranslation(gap / 72, 0, ax.figure.dpi_scale_trans)
    return ax.legend(loc="upper left", bbox_to_anchor=(1, 1), bbox_transform=ax.transAxes + shift,
                     frameon=False, **kwargs)


def legend_above(ax, handles, **kwargs):
    """A legend over ``ax`` from its left edge: in one row, or else in two rows, or else in
    one column, whichever first fits in the figure beside the y axis's labels."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    labels = max((label.get_window_extent(renderer).width for label in ax.get_yticklabels()
                  if label.get_text()), default=0.0)
    room = fig.bbox.width - labels - 0.3 * fig.dpi
    for columns in dict.fromkeys((len(handles), -(-len(handles) // 2), 1)):
        legend = ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0),
                           ncol=columns, frameon=False, **kwargs)
        if legend.get_window_extent(renderer).width <= room:
            break
    return legend


def text_width(fig, texts) -> float:
    """The widest of ``texts`` (artists of ``fig``) in points, as drawn."""
    renderer = fig.canvas.get_renderer()
    return max((t.get_window_extent(renderer).width for t in texts), default=0.0) * 72 / fig.dpi


def tick_format(axis, kind: str, lang: str, *, absolute: bool = False) -> None:
    """Label ``axis``'s ticks as shares (``kind="share"``: ``20 %``) or as numbers with up
    to two decimals (``"number"``: ``0,25``), in ``lang``; ``absolute``: without their sign
    (the left half of a diverging chart).

    The same few tick values recur on every report's figures, and a figure's layout asks
    for each label several times: each is formatted once per process.
    """
    axis.set_major_formatter(lambda x, _: _tick_label(kind, float(abs(x) if absolute else x) + 0.0,
                                                      lang))


@functools.lru_cache(maxsize=4096)
def _tick_label(kind: str, value: float, lang: str) -> str:
    return format_share(value, lang) if kind == "share" else format_number(value, lang, 2)


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
