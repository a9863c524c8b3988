"""The explore dashboard's ipywidgets app: controls, the views' images, export.

:class:`ExploreDashboard` wires the controls to :class:`~._frames.ExploreFrames` and
re-renders only the views (:mod:`._views`) an interaction affects; it writes the current
views to ``.xlsx`` and ``.png`` and hands the file to the browser.
"""

from __future__ import annotations

import html
import io
import time
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from ... import config
from ...dataset import Dataset, load_dataset
from ...io.excel import Sheet, write_workbook
from ...io.files import atomic_path
from ...text import check_lang, format_share, t, tn
from ..download import browser_download
from ._frames import ExploreFrames, Selection
from ._views import (_DPI, VIEWS, _AttendanceView, _count, _encode, _IndexView, _KnowledgeView,
                     _LikertView, _RecommendationsView)

#: Which views a control changes. The summary line comes last: when a browser shows the
#: new summary, the new images have reached it too (comm messages keep their order).
_AFFECTS = {
    "gminas": (*VIEWS, "summary"),
    "sector": ("attendance", "likert", "knowledge", "summary"),
    "instrument": ("likert",),
    "wave": ("index",),
}
_ALL_GMINAS = "__all__"


class ExploreDashboard:
    """Filters for gminas, sector, questionnaire and LIJW wave; five linked views of the
    selection against the whole programme; export of the current view to ``.xlsx`` and
    ``.png``.

    Parameters
    ----------
    data
        A :class:`Dataset`, or a dataset folder/workbook (``None``: the demo dataset).
    lang
        ``"pl"`` (default) or ``"en"``.
    out
        Where the export buttons write, without extension: ``OUT.xlsx`` and ``OUT.png``.
        A relative path is taken from the project folder (``outputs/`` of the project,
        wherever JupyterLab or Voilà start the kernel).

    Attributes
    ----------
    widget
        The dashboard (display it in a notebook).
    frames
        The :class:`ExploreFrames` computed once at construction.
    views
        The current frame of each view (``attendance``, ``likert``, ``knowledge``,
        ``index``, ``recommendations``) and ``people`` (the summary line's figures).
    figures
        The figure of each view; an update moves its artists and re-renders it.

    Notes
    -----
    Construction computes every count the views need (:class:`ExploreFrames`); an
    interaction only sums the selected rows of those arrays and redraws the views it
    affects. :meth:`update` returns its wall time and :meth:`timings` the time each part
    took, so a benchmark can check that an interaction stays under 300 ms at national
    scale (``benchmarks/bench_explore.py``).

    Examples
    --------
    >>> ExploreDashboard("data/demo").widget   # in JupyterLab: shows the dashboard
    """

    def __init__(self, data=None, lang: str = "pl", out: str | Path = "outputs/eksploracja"):
        import ipywidgets as w

        self.lang = check_lang(lang)
        self.data = data if isinstance(data, Dataset) else load_dataset(
            config.DEMO_DATA_DIR if data is None else data)
        self.frames = ExploreFrames(self.data)
        frames = self.frames
        self.views: dict[str, pd.DataFrame] = {}
        self._plots = {view.name: view for view in (
            _AttendanceView(frames, lang), _LikertView(frames, lang), _KnowledgeView(frames, lang),
            _IndexView(frames, lang), _RecommendationsView(frames, lang))}
        self.figures = {name: plot.fig for name, plot in self._plots.items()}
        self._timings: dict[str, float] = {}

        labels = [f"{frames.gmina_names[g]} ({g})" for g in frames.gmina_ids]
        self._by_label = dict(zip(labels, frames.gmina_ids))
        all_label = f"— {t('explore_all_gminas', lang, n=len(frames.gmina_ids))} —"
        self.gminas = w.SelectMultiple(
            options=[(all_label, _ALL_GMINAS), *zip(labels, frames.gmina_ids)],
            value=(_ALL_GMINAS,), rows=9, description=t("explore_gminas", lang),
            layout=w.Layout(width="380px"))
        self.search = w.Combobox(options=labels, placeholder=t("explore_search_placeholder", lang),
                                 ensure_option=False, description=t("explore_search", lang),
                                 layout=w.Layout(width="290px"))
        self.reset = w.Button(description=t("explore_reset", lang), layout=w.Layout(width="86px"),
                              tooltip=t("explore_reset_tip", lang))
        self.sector = w.ToggleButtons(
            options=[(t(f"explore_sector_{s}", lang), s) for s in ("all", *frames.sectors)],
            value="all", style={"button_width": "76px"})
        # ToggleButtons puts its description above the buttons: a label like the
        # dropdowns' (80 px, right-aligned) keeps the controls in one column.
        sector_label = w.HTML(f"<div style='text-align: right'>{t('explore_sector', lang)}</div>",
                              layout=w.Layout(width="80px", margin="0 8px 0 0"))
        self.instrument = w.Dropdown(options=frames.instruments or [None],
                                     value=(frames.instruments or [None])[0],
                                     description=t("explore_instrument", lang),
                                     disabled=not frames.instruments)
        self.wave = w.Dropdown(options=frames.waves or [None],
                               value=(frames.waves or [None])[-1],
                               description=t("explore_wave", lang), disabled=not frames.waves)
        self.path = w.Text(value=str(self.out_stem(out)), description=t("explore_file", lang),
                           layout=w.Layout(width="420px"))
        self.xlsx_button = w.Button(description=t("explore_export_xlsx", lang),
                                    icon="file-excel-o")
        self.png_button = w.Button(description=t("explore_export_png", lang), icon="image")
        self.message = w.HTML()
        # Where the export buttons display the script that hands the file to the browser.
        self.download = w.Output(layout=w.Layout(display="none"))
        self.summary = w.HTML(layout=w.Layout(margin="6px 0"))
        self.summary.add_class("explore-summary")
        self.images = {name: w.Image(format="png", layout=w.Layout(width="100%",
                                                                   max_width="560px"))
                       for name in VIEWS}
        self.note = w.HTML("<div style='font-size: 12px; line-height: 1.45; color: #555'>"
                           f"{t('explore_note', lang, min_n=config.MIN_RESPONDENTS)}</div>")

        self.gminas.observe(self._on_gminas, names="value")
        self.search.observe(self._on_search, names="value")
        self.reset.on_click(lambda _: self.select(()))
        self.sector.observe(lambda _: self.update(_AFFECTS["sector"]), names="value")
        self.instrument.observe(lambda _: self.update(_AFFECTS["instrument"]), names="value")
        self.wave.observe(lambda _: self.update(_AFFECTS["wave"]), names="value")
        self.xlsx_button.on_click(lambda _: self._export(self.export_xlsx))
        self.png_button.on_click(lambda _: self._export(self.export_png))

        box = dict(layout=w.Layout(margin="0 18px 0 0"))
        controls = w.HBox([
            w.VBox([w.HBox([self.search, self.reset]), self.gminas], **box),
            w.VBox([w.HBox([sector_label, self.sector], layout=w.Layout(align_items="center")),
                    self.instrument, self.wave, self.path,
                    w.HBox([self.xlsx_button, self.png_button, self.message, self.download],
                           layout=w.Layout(margin="0 0 0 88px", align_items="center"))]),
        ])
        grid = w.GridBox([self.images[name] for name in VIEWS] + [self.note],
                         layout=w.Layout(grid_template_columns="repeat(2, minmax(0, 560px))",
                                         grid_gap="8px 16px"))
        programme = self.data.programme
        heading = (t("programme_named", lang, programme=programme.name) if programme.name
                   else t("programme_unnamed", lang))
        self.heading = w.HTML(f"<h3>{html.escape(heading)}</h3>")
        self.widget = w.VBox([self.heading, controls, self.summary, grid])
        self.widget.add_class("explore-dashboard")
        self.update()

    # -- state --------------------------------------------------------------------------

    @staticmethod
    def out_stem(out: str | Path) -> Path:
        """Where exports go: ``out`` (relative: from the project folder), no extension."""
        path = Path(out)
        if path.suffix.lower() in (".xlsx", ".png"):
            path = path.with_suffix("")
        return path if path.is_absolute() else config.REPO_DIR / path

    @property
    def selection(self) -> Selection:
        """The current :class:`Selection` (gminas and sector)."""
        chosen = tuple(g for g in self.gminas.value if g != _ALL_GMINAS)
        return Selection(chosen, self.sector.value)

    def select(self, gmina_ids=(), sector: str | None = None) -> None:
        """Select gminas by TERYT code (empty: every gmina) and optionally a sector."""
        gmina_ids = tuple(str(g) for g in gmina_ids)
        self.frames.gmina_positions(Selection(gmina_ids))  # names a wrong gmina_id
        if sector is not None:
            self.sector.value = sector
        self.gminas.value = gmina_ids or (_ALL_GMINAS,)

    def _on_gminas(self, change) -> None:
        new, old = tuple(change["new"]), tuple(change["old"] or ())
        if not new:
            self.gminas.value = (_ALL_GMINAS,)  # observed again: that call updates
            return
        if _ALL_GMINAS in new and len(new) > 1:
            # "all" was there and gminas were added: keep the gminas; "all" was just
            # picked: it replaces them.
            self.gminas.value = (tuple(g for g in new if g != _ALL_GMINAS) if _ALL_GMINAS in old
                                 else (_ALL_GMINAS,))
            return
        self.update(_AFFECTS["gminas"])

    def _on_search(self, change) -> None:
        gmina_id = self._by_label.get(change["new"]) or (
            change["new"].strip() if change["new"].strip() in self.frames.gmina_names else None)
        if gmina_id is None:
            return
        current = self.selection.gminas
        if gmina_id not in current:
            self.gminas.value = (*current, gmina_id)
        self.search.value = ""

    # -- update ---------------------------------------------------------------------------

    def update(self, what=None) -> float:
        """Recompute the views ``what`` (default: all) for the current controls and
        re-render them; returns the elapsed seconds (see :meth:`timings`)."""
        start = time.perf_counter()
        what = _AFFECTS["gminas"] if what is None else tuple(what)
        selection, frames = self.selection, self.frames
        timings: dict[str, float] = {}
        for name in what:
            began = time.perf_counter()
            if name == "summary":
                self.views["people"] = frames.people(selection)
                self.summary.value = self._summary_html(selection)
            else:
                plot = self._plots[name]
                if name == "likert":
                    frame = (frames.likert(selection, self.instrument.value)
                             if frames.has_likert else frames.likert(selection, None))
                    plot.draw(frame, self.instrument.value)
                elif name == "index":
                    frame = (frames.index(selection, self.wave.value) if frames.has_index
                             else frames.index(selection, None))
                    plot.draw(frame)
                else:
                    frame = getattr(frames, name)(selection)
                    plot.draw(frame)
                self.views[name] = frame
                computed = time.perf_counter()
                timings[f"{name}_compute"] = computed - began
                self.images[name].value = plot.png()
                timings[f"{name}_render"] = time.perf_counter() - computed
            timings[name] = time.perf_counter() - began
        timings["total"] = time.perf_counter() - start
        self._timings = timings
        return timings["total"]

    def timings(self) -> dict[str, float]:
        """Seconds the last :meth:`update` took: ``total``, each view, and for each view
        ``<view>_compute`` (selection → frame, artists moved) and ``<view>_render`` (PNG)."""
        return dict(self._timings)

    def _gmina_text(self, selection: Selection) -> str:
        if not selection.gminas:
            return t("explore_all_gminas", self.lang, n=len(self.frames.gmina_ids))
        names = [self.frames.gmina_names[g] for g in selection.gminas]
        if len(names) <= 3:
            return ", ".join(names)
        return t("explore_more_gminas", self.lang, names=", ".join(names[:3]),
                 others=tn("n_other_gminas", len(names) - 3, self.lang),
                 gminas=tn("n_gminas", len(names), self.lang))

    def _summary_html(self, selection: Selection) -> str:
        people = self.views["people"]
        lang = self.lang

        def share(value):
            return "—" if pd.isna(value) else format_share(value, lang)

        mine, whole = people.loc["selection"], people.loc["programme"]
        return t("explore_summary", lang,
                 gminas=self._gmina_text(selection),
                 sector=t(f"explore_sector_{selection.sector}", lang),
                 n=_count(mine["participants"], lang), k=_count(mine["diplomas"], lang),
                 rate=share(mine["diploma_rate"]), share=share(mine["mean_share"]),
                 N=_count(whole["participants"], lang), K=_count(whole["diplomas"], lang),
                 programme_rate=share(whole["diploma_rate"]),
                 programme_share=share(whole["mean_share"]))

    # -- export ---------------------------------------------------------------------------

    def _export(self, how) -> None:
        """A button's export: write the file on the server, then download it in the browser."""
        written = how()
        browser_download(self.download, written)
        self.message.value = t("explore_saved", self.lang, path=written)

    def _stem(self) -> Path:
        return self.out_stem(self.path.value)

    def export_xlsx(self, path: str | Path | None = None) -> Path:
        """Write the current views to ``.xlsx``: the selection, then one sheet per view."""
        path = Path(path) if path is not None else self._stem().with_suffix(".xlsx")
        lang = self.lang
        selection = self.selection
        about = pd.DataFrame({
            "what": [t("explore_gminas", lang), t("explore_sector", lang),
                     t("explore_instrument", lang), t("explore_wave", lang),
                     t("explore_source", lang)],
            "value": [self._gmina_text(selection) if len(selection.gminas) <= 3
                      else "; ".join(f"{self.frames.gmina_names[g]} ({g})"
                                     for g in selection.gminas),
                      t(f"explore_sector_{selection.sector}", lang),
                      self.instrument.value or "—", self.wave.value or "—", self.data.source],
        })
        head = {c: t(f"explore_col_{c}", lang) for c in (
            "what", "value", "session_id", "zjazd", "day", "date", "expected", "present", "share",
            "programme_expected", "programme_present", "programme_share", "item_id", "text",
            "n", "mean", "share_positive", "suppressed", "programme_n", "programme_mean",
            "programme_share_positive", "programme_suppressed", "scale_min", "scale_max",
            "positive_min", "test", "n_pairs",
            "pre_mean", "post_mean", "gain_mean", "programme_n_pairs", "programme_pre_mean",
            "programme_post_mean", "programme_gain_mean", "wave", "plane", "score",
            "n_gminas", "programme_score", "programme_n_gminas", "measure", "selection",
            "programme", "gminas", "participants", "diplomas", "diploma_rate", "mean_share")}
        people = self.views["people"].rename(index={
            "selection": t("explore_selection", lang), "programme": t("explore_programme", lang)})
        recs = self.views["recommendations"].assign(
            measure=lambda f: f["measure"].map(lambda m: t(f"explore_measure_{m}", lang)))
        likert = self.views["likert"]
        sheets = [
            Sheet(t("explore_sheet_selection", lang), about, head),
            Sheet(t("explore_sheet_people", lang),
                  people.rename_axis("what").reset_index(), head,
                  percent=("diploma_rate", "mean_share")),
            Sheet(t("explore_sheet_attendance", lang), self.views["attendance"], head,
                  percent=("share", "programme_share")),
            Sheet(t("explore_sheet_likert", lang, instrument=self.instrument.value or ""),
                  likert, head, percent=("share_positive", "programme_share_positive")),
            Sheet(t("explore_sheet_knowledge", lang), self.views["knowledge"], head,
                  percent=("pre_mean", "post_mean", "gain_mean", "programme_pre_mean",
                           "programme_post_mean", "programme_gain_mean")),
            Sheet(t("explore_sheet_index", lang), self.views["index"], head),
            Sheet(t("explore_sheet_recommendations", lang), recs, head),
        ]
        return write_workbook(path, sheets)

    def export_png(self, path: str | Path | None = None) -> Path:
        """Write the current views as one ``.png``: the selection on top, views in a grid."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        path = Path(path) if path is not None else self._stem().with_suffix(".png")
        images = [Image.open(io.BytesIO(self._plots[name].full_png())) for name in VIEWS]
        width = max(image.width for image in images)
        header_fig = Figure(figsize=(2 * width / _DPI, 0.45), dpi=_DPI)
        FigureCanvasAgg(header_fig)
        selection = self.selection
        header_fig.text(0.01, 0.5, t("explore_png_header", self.lang,
                                     gminas=self._gmina_text(selection),
                                     sector=t(f"explore_sector_{selection.sector}", self.lang)),
                        va="center", fontsize=10)
        header_fig.canvas.draw()
        header = Image.open(io.BytesIO(_encode(header_fig.canvas.buffer_rgba())))
        rows = [images[i:i + 2] for i in range(0, len(images), 2)]
        heights = [max(image.height for image in row) for row in rows]
        sheet = Image.new("RGB", (2 * width, header.height + sum(heights)), "white")
        sheet.paste(header, (0, 0))
        y = header.height
        for row, height in zip(rows, heights):
            for column, image in enumerate(row):
                sheet.paste(image, (column * width, y))
            y += height
        with atomic_path(path) as tmp:
            sheet.save(tmp, format="PNG")
        return path
