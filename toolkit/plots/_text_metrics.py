"""Text measured, laid out and rasterised once per process, not once per figure.

Matplotlib keeps the sizes of the texts it measured (``matplotlib.text``'s cache of
``get_text_width_height_descent``), but keyed by the renderer that measured them, and
each figure has its own renderer: a report's ≈ 12 figures measure the same tick labels,
legend entries and titles again, ≈ 650 FreeType layouts per report. An Agg renderer's
measure depends only on the text, its font and the dots per inch, so here every Agg
figure's texts are measured by one renderer per dpi and the cache serves them all
(:func:`share_text_metrics`).

From those sizes a text's layout (``Text._get_layout``: its box, its lines' places
relative to its anchor) is worked out again each time the text is asked where it is: by
the constrained layout's two passes, by the axis labels' placing and by the drawing,
five to ten times per text and figure. The layout depends only on the text, its font,
rotation, alignments and line spacing and the dots per inch, never on where the text
stands; :func:`share_text_layouts` keeps the layouts of the Agg figures' texts (the
most recent :data:`LAYOUTS_KEPT`) for every figure of the process.

Drawing a text, Agg has FreeType lay out its glyphs into a grey picture again, ≈ 350
times per report, mostly the same tick labels and legend entries:
:func:`share_text_rasters` keeps those pictures (the most recent :data:`RASTERS_KEPT`).

The pictures are byte for byte the same (tests/test_figure_png.py); a report's figures
take ≈ 7 % (measures), ≈ 15 % (layouts) and ≈ 7 % (rasters) less time
(docs/benchmarks.md).

Matplotlib 3.8 to 3.10 (the versions ``pyproject.toml`` allows) have the functions
replaced here; without them nothing is changed.
"""

from __future__ import annotations

__all__ = ["share_text_metrics", "share_text_layouts", "share_text_rasters"]

# A report's figures lay out ≈ 300 texts, ≈ 30 of them new after the first few reports
# (names, numbers): 8 192 layouts keep hundreds of reports' worth, in ≈ 30 MiB at most
# (measured: under 4.7 kB per layout, matplotlib's own size cache included).
LAYOUTS_KEPT = 8192
# The layouts kept, by everything a layout depends on (:func:`share_text_layouts`).
_LAYOUTS: dict[tuple, tuple] = {}
# The rasters of drawn texts kept (:func:`share_text_rasters`): a few kB each.
RASTERS_KEPT = 8192
_RASTERS: dict[tuple, tuple] = {}


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


def share_text_layouts() -> None:
    """Keep the layouts of the Agg figures' texts for every figure (once per process)."""
    import matplotlib.text as mtext
    from matplotlib.backends.backend_agg import RendererAgg

    own = getattr(mtext.Text, "_get_layout", None)
    if own is None or hasattr(own, "__wrapped__"):
        return  # not matplotlib's method as known, or replaced already
    layouts = _LAYOUTS

    def layout(self, renderer):
        if self._wrap or type(renderer) is not RendererAgg:
            # A wrapped text's lines depend on where it stands.
            return layout.__wrapped__(self, renderer)
        # Everything Text._get_layout reads (its callers only read what it returns).
        key = (self.get_text(), self._fontproperties, self.get_rotation(),
               self.get_rotation_mode(), self._linespacing, self._get_multialignment(),
               self._horizontalalignment, self._verticalalignment, self.get_usetex(),
               self._parse_math, self.figure.dpi, renderer.dpi)
        found = layouts.get(key)
        if found is None:
            found = layout.__wrapped__(self, renderer)  # matplotlib's own
            if len(layouts) >= LAYOUTS_KEPT:
                del layouts[next(iter(layouts))]  # the oldest
            # The font properties are kept as they are now (the text may change its own).
            layouts[(*key[:1], key[1].copy(), *key[2:])] = found
        return found

    layout.__wrapped__ = own
    mtext.Text._get_layout = layout


def share_text_rasters() -> None:
    """Keep the pictures of the texts Agg draws for every figure (once per process).

    Agg draws a text by laying out its glyphs with FreeType into a grey picture, which it
    then places (rotated) on the canvas. The picture depends only on the text, its font,
    the dots per inch, the antialiasing and FreeType's hinting, never on where the text
    stands or how it is turned: the pictures of the most recent :data:`RASTERS_KEPT`
    texts are kept, with the offsets matplotlib reads beside them.
    """
    import math

    import matplotlib as mpl
    import numpy as np
    from matplotlib.backends import backend_agg

    renderer_class = backend_agg.RendererAgg
    own = renderer_class.__dict__.get("draw_text")
    if own is None or hasattr(own, "__wrapped__") or not hasattr(backend_agg, "get_hinting_flag"):
        return  # not matplotlib's method as known, or replaced already
    rasters = _RASTERS

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return own(self, gc, x, y, s, prop, angle, ismath, mtext)
        flags, antialiased = backend_agg.get_hinting_flag(), gc.get_antialiased()
        key = (s, prop, self.dpi, flags, antialiased, mpl.rcParams["text.hinting_factor"],
               mpl.rcParams["text.kerning_factor"])
        found = rasters.get(key)
        if found is None:
            # What matplotlib's own draw_text does before placing the picture.
            font = self._prepare_font(prop)
            font.set_text(s, 0, flags=flags)
            font.draw_glyphs_to_bitmap(antialiased=antialiased)
            xo, yo = font.get_bitmap_offset()
            found = (np.array(font), font.get_descent() / 64.0, xo / 64.0, yo / 64.0)
            if len(rasters) >= RASTERS_KEPT:
                del rasters[next(iter(rasters))]  # the oldest
            rasters[(s, prop.copy(), *key[2:])] = found
        image, descent, xo, yo = found
        # The descent is turned with the text, as matplotlib turns it.
        xd = descent * math.sin(math.radians(angle))
        yd = descent * math.cos(math.radians(angle))
        self._renderer.draw_text_image(image, round(x + xo + xd), round(y + yo + yd) + 1,
                                       angle, gc)

    draw_text.__wrapped__ = own
    renderer_class.draw_text = draw_text
