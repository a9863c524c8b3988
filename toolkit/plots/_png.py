"""A report figure as PNG, drawn once.

What ``savefig(bbox_inches="tight")`` (the notebook's inline display) gives, in one
drawing instead of two: the figure is laid out and drawn on its canvas once, and the
picture is cut to the drawn content's box plus the usual margin (``savefig.pad_inches``).
``savefig`` draws a second time on a canvas of the cut's size instead; the pixels are the
same up to a shift of less than one pixel. A figure whose content reaches beyond its
canvas (a layout that could not make room for everything) is saved the usual way, so
nothing is cut off.

The picture is opaque (drawn on white, as every page shows it): an RGB PNG is smaller,
and the PDF export embeds it as it is instead of re-encoding an alpha channel.
"""

from __future__ import annotations

import io
import math

import numpy as np

__all__ = ["figure_png"]

_COMPRESS_LEVEL = 6  # zlib's default, as matplotlib saves


def figure_png(fig) -> bytes | None:
    """``fig`` as PNG bytes at its own dpi, cut to its content (``None``: nothing drawn,
    as for the inline display of a figure without axes)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    if not fig.axes and not fig.lines:
        return None
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    box = fig.get_tightbbox(canvas.get_renderer())
    dpi = fig.dpi
    rgba = np.asarray(canvas.buffer_rgba())
    height, width = rgba.shape[:2]
    # The content's box in pixels, rows counted from the top.
    left, right = box.x0 * dpi, box.x1 * dpi
    top, bottom = height - box.y1 * dpi, height - box.y0 * dpi
    if left < -1 or top < -1 or right > width + 1 or bottom > height + 1:
        saved = io.BytesIO()
        fig.savefig(saved, format="png", bbox_inches="tight")
        image = Image.open(saved)
        image = Image.alpha_composite(Image.new("RGBA", image.size, "white"),
                                      image.convert("RGBA")).convert("RGB")
        return _png(image, dpi)
    pad = mpl.rcParams["savefig.pad_inches"] * dpi
    x0, y0 = math.floor(left - pad), math.floor(top - pad)
    x1, y1 = math.ceil(right + pad), math.ceil(bottom + pad)
    # The margin may reach beyond the canvas: it is white there, as savefig's would be.
    picture = np.full((y1 - y0, x1 - x0, 4), 255, dtype=np.uint8)
    picture[:, :, 3] = 0
    sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    picture[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = rgba[sy0:sy1, sx0:sx1]
    image = Image.alpha_composite(Image.new("RGBA", (x1 - x0, y1 - y0), "white"),
                                  Image.fromarray(picture, "RGBA")).convert("RGB")
    return _png(image, dpi)


def _png(image, dpi: float) -> bytes:
    out = io.BytesIO()
    image.save(out, format="png", dpi=(dpi, dpi), compress_level=_COMPRESS_LEVEL)
    return out.getvalue()
