"""Report figures as PNG drawn once (toolkit.plots._png) and laid out within their canvas."""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from PIL import Image

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from toolkit.config import REPO_DIR  # noqa: E402
from toolkit.plots._png import figure_png  # noqa: E402
from toolkit.plots._style import beside, figure, legend_above, legend_right  # noqa: E402


def _tight(fig) -> np.ndarray:
    """What ``savefig(bbox_inches="tight")`` gives (the inline display's way), on white."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    image = Image.open(buf).convert("RGBA")
    return np.asarray(Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
                      .convert("RGB"), dtype=float)


def _ink(picture: np.ndarray) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The part of ``picture`` that is drawn (not white), and the white margins around it
    (top, right, bottom, left) in pixels."""
    drawn = (picture != 255).any(axis=2)
    rows, columns = np.flatnonzero(drawn.any(axis=1)), np.flatnonzero(drawn.any(axis=0))
    margins = (rows[0], picture.shape[1] - 1 - columns[-1], picture.shape[0] - 1 - rows[-1],
               columns[0])
    return picture[rows[0]:rows[-1] + 1, columns[0]:columns[-1] + 1], margins


def _closest(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two pictures at their best alignment within 2 pixels."""
    h, w = min(a.shape[0], b.shape[0]) - 2, min(a.shape[1], b.shape[1]) - 2
    return min(np.abs(a[ay:ay + h, ax:ax + w] - b[by:by + h, bx:bx + w]).mean()
               for ay in range(3) for ax in range(3) for by in range(3) for bx in range(3))


def _chart():
    fig, ax = figure(6, 3)
    ax.barh(["a", "bb", "ccc"], [1, 2, 3], label="wartość")
    ax.set_title("Tytuł")
    for y, value in enumerate([1, 2, 3]):
        beside(ax, y, f"{value},00 (2,50)", fontsize=8)
    legend_right(ax, gap=60, fontsize=8)
    return fig


def test_figure_png_is_the_tight_picture_drawn_once():
    fig = _chart()
    png = figure_png(fig)
    expected = _tight(fig)
    image = Image.open(io.BytesIO(png))
    assert image.mode == "RGB"  # opaque: the PDF embeds it as it is
    assert image.info["dpi"] == pytest.approx((fig.dpi, fig.dpi), abs=0.01)
    got, margins = _ink(np.asarray(image, dtype=float))
    want, _ = _ink(expected)
    # The same drawing up to a shift of less than a pixel (anti-aliased edges differ) …
    assert abs(got.shape[0] - want.shape[0]) <= 2 and abs(got.shape[1] - want.shape[1]) <= 2
    assert _closest(got, want) < 4
    # … with savefig's margin around it.
    pad = matplotlib.rcParams["savefig.pad_inches"] * fig.dpi
    assert all(abs(margin - pad) <= 1.5 for margin in margins), (margins, pad)
    # Not a blank picture that would pass the comparison with anything white.
    assert (got < 128).mean() > 0.01


def test_content_beyond_the_canvas_is_not_cut_off():
    fig, ax = figure(4, 2)
    ax.plot([0, 1])
    # Across the figure's right edge (a figure's text is not laid out): only savefig's
    # tight box (a larger picture) shows it whole.
    fig.text(0.8, 0.5, "daleko poza krawędzią figury")
    got = np.asarray(Image.open(io.BytesIO(figure_png(fig))), dtype=float)
    assert got.shape[1] > fig.bbox.width + 50
    # The text ends inside the picture: its right margin is white, as savefig's.
    assert (got[:, -5:] == 255).all()
    assert (got[:, -60:-5] < 128).any()


def test_a_figure_with_nothing_drawn_has_no_picture():
    assert figure_png(plt.figure()) is None


def test_legend_above_takes_as_many_rows_as_the_figure_needs():
    fig, ax = figure(6, 3)
    ax.set_yticks([0, 1], ["krótka", "etykieta osi y dość długa"])
    handles = [plt.Line2D([], [], label=f"pozycja legendy numer {k} z długim opisem")
               for k in range(4)]
    legend = legend_above(ax, handles, fontsize=8)
    fig.canvas.draw()
    assert legend._ncols < len(handles)
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    assert box.x1 <= fig.get_figwidth() + 0.01
    short = [plt.Line2D([], [], label=f"pozycja {k}") for k in range(3)]
    assert legend_above(ax, short, fontsize=8)._ncols == 3  # one row where it fits


def _report_figures(data_dir, gmina_id):
    from toolkit.report import report_context, sections

    ctx = report_context(gmina_id, data_dir=data_dir, lang="pl")
    for name in ("attendance", "questionnaires", "knowledge", "index", "recommendations",
                 "support", "actions"):
        for block in getattr(sections, name)(ctx):
            if isinstance(block, plt.Figure):
                yield name, block


@pytest.mark.parametrize("dataset,position", [("demo", 0), ("demo", 2), ("probus", 0),
                                              ("mowes2", 0)])
def test_every_report_figure_is_laid_out_within_its_canvas(dataset, position):
    """The constrained layout settles: nothing of a figure reaches beyond its canvas, so
    the picture is drawn once, and no layout collapses (demo's third gmina had a legend
    wider than its figure)."""
    data_dir = REPO_DIR / "data" / dataset
    gmina_id = pd.read_csv(data_dir / "gminas.csv", dtype=str)["gmina_id"].iloc[position]
    seen = 0
    for name, fig in _report_figures(data_dir, gmina_id):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "constrained_layout not applied" fails
            fig.canvas.draw()
        box = fig.get_tightbbox(fig.canvas.get_renderer())
        width, height = fig.get_size_inches()
        slack = 1 / fig.dpi
        assert (box.x0 >= -slack and box.y0 >= -slack and box.x1 <= width + slack
                and box.y1 <= height + slack), (name, box, (width, height))
        plt.close(fig)
        seen += 1
    assert seen >= 5


def _draw_twice(count):
    """Two like figures' PNGs, and by how much ``count()`` grew while each was drawn."""
    pictures, grown = [], []
    for _ in range(2):
        before = count()
        pictures.append(figure_png(_chart()))
        grown.append(count() - before)
        plt.close("all")
    return pictures, grown


def test_texts_are_measured_once_for_all_figures_and_the_pictures_stay_the_same(monkeypatch):
    """The second of two like figures finds every text's size already measured (each
    figure has its own renderer); matplotlib's own measuring, per renderer, draws the
    same bytes and measures that figure's texts again."""
    import matplotlib.text as mtext

    cache = mtext._get_text_metrics_with_cache_impl

    def misses():
        return cache.cache_info().misses

    cache.cache_clear()
    shared, shared_misses = _draw_twice(misses)
    monkeypatch.setattr(mtext, "_get_text_metrics_with_cache",
                        mtext._get_text_metrics_with_cache.__wrapped__)
    cache.cache_clear()
    own, own_misses = _draw_twice(misses)
    assert shared_misses[0] > 0 and shared_misses[1] == 0
    assert own_misses[1] > 0
    assert shared == own and shared[0] == shared[1]


def test_text_layouts_are_kept_for_all_figures_and_the_pictures_stay_the_same(monkeypatch):
    """The second of two like figures lays out none of its texts again; matplotlib's own
    layout, worked out each time it is asked for, draws the same bytes."""
    import matplotlib.text as mtext

    shared_layout = mtext.Text._get_layout
    own_layout = shared_layout.__wrapped__
    calls = []

    def counting(self, renderer):
        calls.append(self)
        return own_layout(self, renderer)

    from toolkit.plots import _text_metrics

    _text_metrics._LAYOUTS.clear()
    monkeypatch.setattr(shared_layout, "__wrapped__", counting)  # called on a miss
    shared, shared_counts = _draw_twice(lambda: len(calls))
    monkeypatch.setattr(mtext.Text, "_get_layout", counting)
    own, own_counts = _draw_twice(lambda: len(calls))
    assert shared_counts[0] > 0 and shared_counts[1] == 0
    assert own_counts[1] > 5 * shared_counts[0]  # asked again and again without the keeping
    assert shared == own and shared[0] == shared[1]


@pytest.mark.parametrize("props", [
    {}, {"rotation": 90}, {"rotation": 30, "ha": "right", "va": "top"},
    {"ha": "center", "va": "baseline", "multialignment": "right", "linespacing": 2.0},
    {"rotation": 45, "rotation_mode": "anchor", "va": "center_baseline"},
])
def test_a_kept_layout_is_the_one_matplotlib_works_out(props):
    """Whatever a text's rotation, alignments and line spacing, and after its font size or
    its words change, its place is where matplotlib's own layout puts it."""
    import matplotlib.text as mtext

    own = mtext.Text._get_layout.__wrapped__
    fig, ax = figure(4, 3)
    renderer = fig.canvas.get_renderer()
    text = ax.text(0.3, 0.4, "Wartość\nśrednia", fontsize=9, **props)
    for change in ({}, {"fontsize": 14}, {"text": "inna\ndłuższa linia"}, {"fontsize": 9}):
        text.set(**change)
        for _ in range(2):  # the first layout is worked out, the second kept
            box, lines, descent = mtext.Text._get_layout(text, renderer)
            want_box, want_lines, want_descent = own(text, renderer)
            assert box.bounds == pytest.approx(want_box.bounds)
            assert lines == want_lines and descent == want_descent
    plt.close(fig)


@pytest.mark.parametrize("bound, kept", [("LAYOUTS_KEPT", "_LAYOUTS"),
                                          ("RASTERS_KEPT", "_RASTERS")])
def test_the_layouts_and_pictures_of_texts_kept_are_bounded(monkeypatch, bound, kept):
    """A national run lays out and draws new texts (names, numbers) for every gmina: only
    the most recent layouts and pictures are kept."""
    from toolkit.plots import _text_metrics

    monkeypatch.setattr(_text_metrics, bound, 10)
    getattr(_text_metrics, kept).clear()
    fig, ax = figure(4, 3)
    for k in range(40):
        ax.text(0.1, 0.1, f"gmina {k}")
    fig.canvas.draw()
    assert 0 < len(getattr(_text_metrics, kept)) <= 10
    plt.close(fig)


def test_text_pictures_are_kept_for_all_figures_and_the_pictures_stay_the_same(monkeypatch):
    """The second of two like figures draws none of its texts with FreeType again;
    matplotlib's own drawing of each text draws the same bytes."""
    from matplotlib.backends.backend_agg import RendererAgg

    from toolkit.plots import _text_metrics

    _text_metrics._RASTERS.clear()
    shared, shared_new = _draw_twice(lambda: len(_text_metrics._RASTERS))
    monkeypatch.setattr(RendererAgg, "draw_text", RendererAgg.draw_text.__wrapped__)
    own, _ = _draw_twice(lambda: 0)
    assert shared_new[0] > 0 and shared_new[1] == 0
    assert shared == own and shared[0] == shared[1]


def test_a_kept_text_picture_is_placed_as_matplotlib_places_it(monkeypatch):
    """Turned any way, without antialiasing, in another size or in mathtext, a text drawn
    from its kept picture (the second drawing) is where and what matplotlib draws."""
    from matplotlib.backends.backend_agg import RendererAgg

    def picture():
        fig, ax = figure(4, 3)
        for k, angle in enumerate((0, 30, 90, 135, 270)):
            ax.text(0.1 + 0.15 * k, 0.5, "Ąż gy 12,5 %", rotation=angle, fontsize=7 + k)
        ax.text(0.5, 0.1, "Ąż gy 12,5 %", fontsize=7, antialiased=False)  # as the first, sharp
        ax.text(0.5, 0.9, r"$\alpha = 0,5$")
        png = figure_png(fig)
        plt.close(fig)
        return png

    kept = [picture(), picture()]
    monkeypatch.setattr(RendererAgg, "draw_text", RendererAgg.draw_text.__wrapped__)
    assert kept[0] == kept[1] == picture()


def test_the_png_written_is_read_back_as_the_same_pixels_and_dpi():
    """Pillow reads the PNG written without it (rows unfiltered) as the same RGB pixels, at
    the figure's dpi, and finds its chunks' checksums right."""
    from toolkit.plots._png import _png

    rgb = np.random.default_rng(3).integers(0, 256, size=(17, 23, 3), dtype=np.uint8)
    data = _png(rgb, 110)
    Image.open(io.BytesIO(data)).verify()
    image = Image.open(io.BytesIO(data))
    assert image.mode == "RGB" and image.size == (23, 17)
    assert np.array_equal(np.asarray(image), rgb)
    assert image.info["dpi"] == pytest.approx((110, 110), abs=0.01)
