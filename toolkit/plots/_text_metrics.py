"""Text measured once per process, not once per figure.

Matplotlib keeps the sizes of the texts it measured (``matplotlib.text``'s cache of
``get_text_width_height_descent``), but keyed by the renderer that measured them, and
each figure has its own renderer: a report's ≈ 12 figures measure the same tick labels,
legend entries and titles again, ≈ 650 FreeType layouts per report. An Agg renderer's
measure depends only on the text, its font and the dots per inch, so here every Agg
figure's texts are measured by one renderer per dpi and the cache serves them all. The
pictures are byte for byte the same (tests/test_figure_png.py); a report's figures take
≈ 7 % less time (docs/benchmarks.md).

Matplotlib 3.8 to 3.10 (the versions ``pyproject.toml`` allows) have the function
replaced here; without it nothing is changed.
"""

from __future__ import annotations

__all__ = ["share_text_metrics"]


def share_text_metrics() -> None:
    """Measure the texts of every Agg figure with one renderer per dpi (once per process)."""
    import matplotlib.text as mtext
    from matplotlib.backends.backend_agg import RendererAgg

    own = getattr(mtext, "_get_text_metrics_with_cache", None)
    if own is None or hasattr(own, "__wrapped__"):
        return  # not matplotlib's function as known, or replaced already
    measures: dict[float, RendererAgg] = {}

    def metrics(renderer, text, fontprop, ismath, dpi):
        if type(renderer) is RendererAgg:
            measure = measures.get(renderer.dpi)
            if measure is None:
                measure = measures[renderer.dpi] = RendererAgg(1, 1, renderer.dpi)
            renderer = measure
        return own(renderer, text, fontprop, ismath, dpi)

    metrics.__wrapped__ = own
    mtext._get_text_metrics_with_cache = metrics
