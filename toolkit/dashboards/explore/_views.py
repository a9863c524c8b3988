"""The explore dashboard's views: one matplotlib figure per view, redrawn by blitting.

Each view takes its frame from :class:`~._frames.ExploreFrames` and moves the
selection's artists on a background drawn once; no widgets here (:mod:`._widget`).
"""

from __future__ import annotations

import io
import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ... import config
from ...config import PLANES
from ...index import OVERALL
from ...plots._style import HIGHLIGHT, MUTED
from ...scales import DEFAULT_SCALE
from ...text import format_count, format_figure, format_number, format_share, t, tn
from ._frames import ExploreFrames

#: The views, in the order they are shown and exported.
VIEWS = ("attendance", "likert", "knowledge", "index", "recommendations")
_DPI = 90


# -- drawing ------------------------------------------------------------------------------
#
# Each view is one figure made once. What depends only on the programme and the view's
# static choice (axes, ticks, titles, the programme's marks) is drawn once into a cached
# background; an update restores it and draws only the selection's artists (blitting),
# which is most of the speed: text is what Agg is slowest at.


def _fixed(value, lang: str, digits: int = 2) -> str:
    """A number with exactly ``digits`` decimals in the locale's style (2,40 in Polish)."""
    text = format_number(value, lang, digits)
    point = "," if lang == "pl" else "."
    whole, _, decimals = text.partition(point)
    return f"{whole}{point}{decimals.ljust(digits, '0')}" if digits else text


def _count(value, lang: str) -> str:
    """A count with the locale's grouping (11 079 in Polish)."""
    return format_count(int(value), lang)


def _encode(buffer) -> bytes:
    """An RGBA buffer as PNG bytes (level-1 compression: fast, still small)."""
    from PIL import Image

    image = Image.frombuffer("RGBA", (buffer.shape[1], buffer.shape[0]), buffer, "raw", "RGBA",
                             0, 1)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _key(values, *choices) -> tuple:
    """What a background depends on, comparable (NaN never equals itself; None does)."""
    return (*choices, *(None if pd.isna(v) else float(v) for v in values))


def _no_data(ax, text: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=9, color=MUTED,
            transform=ax.transAxes)


class _View:
    """One view: a figure made once, the selection's artists redrawn on a cached background.

    Subclasses build the axes in ``__init__`` (calling :meth:`_animate` on every artist
    that shows the selection) and move artists in ``draw(frame)``, setting
    ``self.static`` to whatever the background depends on (e.g. the questionnaire).
    """

    name = ""

    def __init__(self, lang: str, width: float = 5.6, height: float = 3.1, left=0.11,
                 right=0.97, bottom=0.15, top=0.84):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.lang = lang
        self.fig = Figure(figsize=(width, height), dpi=_DPI)
        FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((left, bottom, right - left, top - bottom))
        for side in ("top", "right"):
            self.ax.spines[side].set_visible(False)
        self.ax.tick_params(labelsize=8)
        self.available = True
        self.static: tuple = ()
        self._animated: list = []
        self._background = None
        self._background_key = None

    def _animate(self, *artists) -> None:
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)

    def _title(self, text: str, pad: float = 16) -> None:
        self.ax.set_title(text, fontsize=9, loc="left", pad=pad)

    def png(self) -> bytes:
        """The view as PNG: the cached background (redrawn when ``static`` changed) with
        the selection's artists drawn on it."""
        canvas = self.fig.canvas
        if self._background is None or self._background_key != self.static:
            canvas.draw()  # everything but the animated artists
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key = self.static
        else:
            canvas.restore_region(self._background)
        for artist in self._animated:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return _encode(canvas.buffer_rgba())

    def full_png(self) -> bytes:
        """The view drawn from scratch, every artist included (for exports)."""
        for artist in self._animated:
            artist.set_animated(False)
        try:
            self.fig.canvas.draw()
            return _encode(self.fig.canvas.buffer_rgba())
        finally:
            for artist in self._animated:
                artist.set_animated(True)
            self._background = None


class _PairedBars:
    """A bar for the selection and one for the programme, side by side, per group."""

    def __init__(self, view: _View, groups: int):
        ax, lang = view.ax, view.lang
        self.x = np.arange(groups, dtype=float)
        self.selection = ax.bar(self.x - 0.2, np.zeros(groups), width=0.4, color=HIGHLIGHT,
                                label=t("explore_selection", lang))
        self.programme = ax.bar(self.x + 0.2, np.zeros(groups), width=0.4, color=MUTED,
                                label=t("explore_programme", lang))
        self.selection_labels = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=7)
                                 for x in self.x - 0.2]
        self.programme_labels = [ax.text(x, 0, "", ha="center", va="bottom", fontsize=7)
                                 for x in self.x + 0.2]
        view._animate(*self.selection, *self.selection_labels)

    @staticmethod
    def _set(bars, labels, values, text) -> None:
        for bar, label, value in zip(bars, labels, values):
            shown = 0.0 if pd.isna(value) else float(value)
            bar.set_height(shown)
            label.set_y(shown)
            label.set_text("—" if pd.isna(value) else text(value))

    def set(self, selection, programme, text) -> None:
        self._set(self.selection, self.selection_labels, list(selection), text)
        self._set(self.programme, self.programme_labels, list(programme), text)


def _legend_labels(legend, *texts: str) -> None:
    for artist, text in zip(legend.get_texts(), texts):
        artist.set_text(text)


class _AttendanceView(_View):
    name = "attendance"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang, top=0.88)
        ax = self.ax
        self._title(t("explore_attendance_title", lang), pad=6)
        self.available = frames.has_attendance and len(frames.sessions) > 0
        if not self.available:
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_attendance", lang)))
            return
        sessions = frames.sessions
        x = np.arange(len(sessions))
        ax.set_xticks(x, [f"{t('zjazd_short', lang)}{z}/{d}"
                          for z, d in zip(sessions["zjazd"], sessions["day"])])
        ax.set_xlim(-0.4, len(x) - 0.6)
        ax.set_ylim(0, 1.05)
        ax.yaxis.set_major_formatter(lambda v, _: format_share(v, lang))
        ax.grid(axis="y", color="#eeeeee")
        (self.programme,) = ax.plot(x, np.zeros(len(x)), color=MUTED, linestyle="--",
                                    marker="D", markersize=4, linewidth=1.2, zorder=2.2)
        (self.selection,) = ax.plot(x, np.zeros(len(x)), color=HIGHLIGHT, marker="o",
                                    markersize=5, linewidth=2)
        self.legend = ax.legend([self.selection, self.programme], ["", ""], loc="lower left",
                                fontsize=7, frameon=False)
        # The programme's line goes on top: where they coincide, both stay visible.
        self._animate(self.selection, self.programme, self.legend)

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        programme = frame["programme_share"].to_numpy(dtype=float)
        self.selection.set_ydata(frame["share"].to_numpy(dtype=float))
        self.programme.set_ydata(programme)
        self.static = _key(programme)
        lang = self.lang
        _legend_labels(self.legend,
                       t("explore_legend_n", lang, label=t("explore_selection", lang),
                         people=tn("n_people", int(frame["expected"].max()), lang)),
                       t("explore_legend_n", lang, label=t("explore_programme", lang),
                         people=tn("n_people", int(frame["programme_expected"].max()), lang)))


class _LikertView(_View):
    name = "likert"

    def __init__(self, frames: ExploreFrames, lang: str):
        most = max((int((frames.items["instrument"] == i).sum()) for i in frames.instruments),
                   default=1)
        super().__init__(lang, height=max(3.1, 1.0 + 0.36 * most), left=0.36, bottom=0.12,
                         top=0.88)
        ax = self.ax
        self.available = frames.has_likert
        if not self.available:
            self._title(t("explore_likert_title_none", lang))
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_questionnaires", lang)))
            return
        from matplotlib.collections import LineCollection

        ax.grid(axis="x", color="#eeeeee")
        self.links = LineCollection([], colors=MUTED, linewidths=1, zorder=1)
        ax.add_collection(self.links)
        (self.programme,) = ax.plot([], [], linestyle="none", marker="D", color=MUTED,
                                    markersize=5, zorder=4, label=t("explore_programme", lang))
        (self.selection,) = ax.plot([], [], linestyle="none", marker="o", color=HIGHLIGHT,
                                    markersize=7, zorder=3, label=t("explore_selection", lang))
        self.notes = [ax.text(3, 0, "", ha="center", va="center", fontsize=7, color=MUTED,
                              style="italic", visible=False) for _ in range(most)]
        ax.legend(handles=[self.selection, self.programme], loc="lower left",
                  bbox_to_anchor=(0, 1.0), ncol=2, fontsize=7, frameon=False)
        self._animate(self.links, self.selection, self.programme, *self.notes)
        self.instrument = None

    def draw(self, frame: pd.DataFrame, instrument: str) -> None:
        if not self.available:
            return
        y = np.arange(len(frame))[::-1].astype(float)
        lo = frame["scale_min"].to_numpy(dtype=float)
        hi = frame["scale_max"].to_numpy(dtype=float)
        # One scale: its own axis. Several: each mean as a share of its item's range
        # (0 % = the scale's minimum), the scale written after the item.
        one = len(frame) == 0 or (len(set(lo)) == 1 and len(set(hi)) == 1)
        if instrument != self.instrument:
            self.instrument = instrument
            texts = [str(s) if one else f"{s} ({a:g}–{b:g})"
                     for s, a, b in zip(frame["text"], lo, hi)]
            self.ax.set_yticks(y, [textwrap.fill(x, 34) for x in texts], fontsize=7)
            self.ax.set_ylim(-0.6, len(frame) - 0.4)
            if one:
                a, b = (lo[0], hi[0]) if len(frame) else (DEFAULT_SCALE.min, DEFAULT_SCALE.max)
                self.ax.set_xlim(a - 0.2, b + 0.2)
                self.ax.set_xticks(range(int(a), int(b) + 1),
                                   [str(v) for v in range(int(a), int(b) + 1)])
            else:
                self.ax.set_xlim(-0.05, 1.05)
                self.ax.set_xticks([0, 0.5, 1], [t("explore_scale_low", self.lang), "",
                                                 t("explore_scale_high", self.lang)])
            self._title(t("explore_likert_title", self.lang, instrument=instrument))
        mine = frame["mean"].to_numpy(dtype=float)
        whole = frame["programme_mean"].to_numpy(dtype=float)
        if not one:
            mine, whole = (mine - lo) / (hi - lo), (whole - lo) / (hi - lo)
        self.bounds = self.ax.get_xlim()
        self.selection.set_data(mine, y)
        self.programme.set_data(whole, y)
        self.static = _key(whole, instrument)
        both = ~np.isnan(mine) & ~np.isnan(whole)
        self.links.set_segments([[(a, yi), (b, yi)] for a, b, yi in
                                 zip(mine[both], whole[both], y[both])])
        hidden = frame["suppressed"].to_numpy(dtype=bool)
        for i, note in enumerate(self.notes):
            show = bool(i < len(frame) and hidden[i])
            note.set_visible(show)
            if show:
                # Opposite the programme's mark, so the two never overlap.
                a, b = self.bounds[0] + 0.2 * one, self.bounds[1] - 0.2 * one
                left = np.isnan(whole[i]) or whole[i] > (a + b) / 2
                note.set_position((a if left else b, y[i]))
                note.set_ha("left" if left else "right")
                note.set_text(t("explore_suppressed", self.lang, min_n=config.MIN_RESPONDENTS,
                                answers=tn("n_answers", int(frame["n"].iat[i]), self.lang)))


class _KnowledgeView(_View):
    name = "knowledge"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang)
        ax = self.ax
        self._title(t("explore_knowledge_title", lang))
        self.available = frames.has_knowledge
        if not self.available:
            _no_data(ax, t("explore_no_data", lang, what=t("explore_knowledge_what", lang)))
            return
        tests = frames.tests
        groups = [(test, when) for test in tests for when in ("pre", "post")]
        self.bars = _PairedBars(self, len(groups))
        ax.set_xticks(self.bars.x, [t(f"explore_{when}", lang) if len(tests) == 1
                                    else f"{test}\n{t(f'explore_{when}', lang)}"
                                    for test, when in groups])
        ax.set_ylim(0, 1.12)
        ax.yaxis.set_major_formatter(lambda v, _: format_share(v, lang))
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        self.legend = ax.legend(handles=[self.bars.selection, self.bars.programme],
                                labels=["", ""], loc="lower left", bbox_to_anchor=(0, 1.0),
                                ncol=2, fontsize=7, frameon=False)
        self.note = ax.text(0.5, 0.55, "", transform=ax.transAxes, ha="center", fontsize=8,
                            color=MUTED, style="italic")
        self._animate(self.legend, self.note)

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        lang = self.lang
        whole = frame[["programme_pre_mean", "programme_post_mean"]].to_numpy(float).ravel()
        self.bars.set(frame[["pre_mean", "post_mean"]].to_numpy(dtype=float).ravel(), whole,
                      lambda v: format_share(v, lang))
        self.static = _key(whole)
        _legend_labels(self.legend,
                       t("explore_legend_pairs", lang, label=t("explore_selection", lang),
                         pairs=tn("n_pairs", int(frame["n_pairs"].sum()), lang)),
                       t("explore_legend_pairs", lang, label=t("explore_programme", lang),
                         pairs=tn("n_pairs", int(frame["programme_n_pairs"].sum()), lang)))
        self.note.set_text(t("explore_knowledge_suppressed", lang,
                             pairs=tn("n_pairs", config.MIN_RESPONDENTS, lang))
                           if frame["suppressed"].any() else "")


class _IndexView(_View):
    name = "index"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang)
        ax = self.ax
        self.available = frames.has_index
        if not self.available:
            self._title(t("explore_index_title_none", lang))
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_index", lang)))
            return
        self.bars = _PairedBars(self, len(frames.planes))
        ax.set_xticks(self.bars.x, [t("explore_overall", lang) if p == OVERALL
                                    else t("explore_plane", lang, plane=p) for p in frames.planes])
        low, high = frames.index_scale
        ax.set_ylim(low, high + 0.08 * (high - low))
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        self.legend = ax.legend(handles=[self.bars.selection, self.bars.programme],
                                labels=["", ""], loc="lower left", bbox_to_anchor=(0, 1.0),
                                ncol=2, fontsize=7, frameon=False)
        self._animate(self.legend)

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        lang = self.lang
        wave = frame["wave"].iat[0]
        self._title(t("explore_index_title", lang, wave=wave))
        self.bars.set(frame["score"], frame["programme_score"],
                      lambda v: format_figure(v, "score", lang))
        self.static = _key(frame["programme_score"], wave)
        _legend_labels(self.legend,
                       t("explore_legend_gminas", lang, label=t("explore_selection", lang),
                         gminas=tn("n_gminas", int(frame["n_gminas"].max()), lang)),
                       t("explore_legend_gminas", lang, label=t("explore_programme", lang),
                         gminas=tn("n_gminas", int(frame["programme_n_gminas"].max()), lang)))


class _RecommendationsView(_View):
    name = "recommendations"

    def __init__(self, frames: ExploreFrames, lang: str):
        super().__init__(lang)
        ax = self.ax
        self._title(t("explore_recommendations_title", lang))
        self.available = frames.has_recommendations
        if not self.available:
            _no_data(ax, t("explore_no_data", lang, what=t("analysis_recommendations", lang)))
            return
        self.bars = _PairedBars(self, len(PLANES) + 1)
        ax.set_xticks(self.bars.x, [*(t("explore_plane", lang, plane=p) for p in PLANES),
                                    t("explore_total", lang)])
        x_total = self.bars.x[-1]
        self.min_adopted = frames.min_adopted
        per_plane = [frames.min_per_plane] * 2
        rules = [ax.plot([-0.45, len(PLANES) - 0.55], per_plane, color="black", linestyle="--",
                         linewidth=0.8)[0],
                 ax.plot([x_total - 0.45, x_total + 0.45], [self.min_adopted] * 2,
                         color="black", linestyle="--", linewidth=0.8)[0]]
        # The same axis for every selection (the most any gmina adopted), so bars compare.
        ax.set_ylim(0, max(self.min_adopted, frames.most_adopted) * 1.35 + 0.3)
        ax.grid(axis="y", color="#eeeeee")
        ax.set_axisbelow(True)
        ax.legend(handles=[self.bars.selection, self.bars.programme], loc="lower left",
                  bbox_to_anchor=(0, 1.0), ncol=2, fontsize=7, frameon=False)
        self.met = ax.text(0.01, 0.97, "", transform=ax.transAxes, fontsize=7, va="top")
        self._animate(*rules, self.met)  # the rules stay on top of the selection's bars

    def draw(self, frame: pd.DataFrame) -> None:
        if not self.available:
            return
        values = frame.set_index("measure")
        keys = [*(f"adopted_{p}" for p in PLANES), "adopted_total"]
        whole = values.loc[keys, "programme"]
        self.bars.set(values.loc[keys, "selection"], whole,
                      lambda v: _fixed(v, self.lang, 2 if v != round(v) else 0))
        self.static = _key(whole)
        self.met.set_text(t("explore_recommendations_met", self.lang,
                            k=_count(values.at["commitment_met", "selection"], self.lang),
                            gminas_of=tn("n_gminas_of", int(values.at["gminas", "selection"]),
                                         self.lang),
                            K=_count(values.at["commitment_met", "programme"], self.lang),
                            programme_gminas_of=tn(
                                "n_gminas_of", int(values.at["gminas", "programme"]), self.lang),
                            min_n=self.min_adopted))
