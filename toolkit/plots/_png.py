"""A report figure as PNG, drawn once.

What ``savefig(bbox_inches="tight")`` (the notebook's inline display) gives, in one
drawing instead of two: the figure is laid out and drawn on its canvas once, and the
picture is cut to what was drawn plus the usual margin (``savefig.pad_inches``), found
from the pixels (a figure's content box, from its artists, costs as much as a tenth of
the drawing). ``savefig`` draws a second time on a canvas of the cut's size instead; the
pictures differ by less than a pixel's shift. A figure drawn up to its canvas's edge (a
layout that could not make room for everything: its content may go on beyond) is saved
the usual way, so that nothing is cut off.

The picture is opaque, on white as every page shows it (the notebook's figures are
transparent otherwise): an RGB PNG is smaller, and the PDF export has no alpha channel
to split off and encode as a mask.

The PNG is written here (:func:`_png`): its rows unfiltered, compressed by zlib. Pillow's
encoder tries every row filter on every row; on the report figures (flat colours on
white) unfiltered rows compress smaller, in less than half the time (≈ 0.04 s less per
report; docs/benchmarks.md).
"""

from __future__ import annotations

import io
import math
import struct
import zlib

import numpy as np

__all__ = ["figure_png"]

WHITE = 255
OPAQUE_WHITE = 0xFFFFFFFF
# zlib's level for the pictures: on the report figures' unfiltered rows level 3 is nearly
# as small as level 6, in half its time.
COMPRESS_LEVEL = 3
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_INCH = 0.0254  # metres


def figure_png(fig) -> bytes | None:
    """``fig`` as PNG bytes at its own dpi, cut to its content (``None``: nothing drawn,
    as for the inline display of a figure without axes)."""
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.colors import to_rgba

    if not fig.axes and not fig.lines:
        return None
    if to_rgba(fig.get_facecolor())[3] < 1:
        fig.set_facecolor("white")
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    rgba = np.asarray(canvas.buffer_rgba())
    rgb = rgba[:, :, :3]
    # Each pixel is opaque (the figure's ground is): a pixel is drawn where its four bytes,
    # read as one number, are not those of white (one pass over the picture, not four).
    drawn = rgba.view(np.uint32)[:, :, 0] != OPAQUE_WHITE
    rows, columns = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
    height, width = drawn.shape
    if not len(rows):
        return _png(rgb, fig.dpi)
    if rows[0] == 0 or columns[0] == 0 or rows[-1] == height - 1 or columns[-1] == width - 1:
        return _saved(fig)
    pad = mpl.rcParams["savefig.pad_inches"] * fig.dpi
    x0, y0 = math.floor(columns[0] - pad), math.floor(rows[0] - pad)
    x1, y1 = math.ceil(columns[-1] + 1 + pad), math.ceil(rows[-1] + 1 + pad)
    # The margin may reach beyond the canvas: it is white there, as savefig's would be.
    picture = np.full((y1 - y0, x1 - x0, 3), WHITE, dtype=np.uint8)
    sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)
    picture[sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = rgb[sy0:sy1, sx0:sx1]
    return _png(picture, fig.dpi)


def _saved(fig) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    fig.savefig(out, format="png", bbox_inches="tight")
    image = Image.open(out).convert("RGBA")
    return _png(np.asarray(Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
                           .convert("RGB")), fig.dpi)


def _png(rgb: np.ndarray, dpi: float) -> bytes:
    """``rgb`` (rows × columns × 3 bytes) as an 8-bit RGB PNG of ``dpi`` dots per inch:
    each row unfiltered (filter type 0), all rows compressed at COMPRESS_LEVEL."""
    height, width, _ = rgb.shape
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0
    rows[:, 1:] = rgb.reshape(height, 3 * width)
    per_metre = int(dpi / _INCH + 0.5)  # as Pillow writes a dpi
    return b"".join([
        _SIGNATURE,
        _chunk(b"IHDR", struct.pack("!IIBBBBB", width, height, 8, 2, 0, 0, 0)),
        _chunk(b"pHYs", struct.pack("!IIB", per_metre, per_metre, 1)),
        _chunk(b"IDAT", zlib.compress(rows.tobytes(), COMPRESS_LEVEL)),
        _chunk(b"IEND", b""),
    ])


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack("!I", len(data)) + kind + data + struct.pack("!I", zlib.crc32(kind + data))
