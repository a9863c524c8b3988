"""The trainers' dashboard: who has the diploma, who is at risk, at any moment."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pandas as pd

from .. import config
from ..attendance import BASES, EXCUSED_POLICIES, STATUSES, DiplomaRules, attendance_records
from ..dataset import Dataset, load_dataset
from ..diplomas import STATUS_COLOURS, diploma_list, status_label, write_diploma_list
from ..text import format_share, t, tn
from .download import browser_download

__all__ = ["DiplomaDashboard"]

_ALL = "__all__"


class DiplomaDashboard:
    """Controls for gmina, threshold, basis, excused policy and as-of date; a table
    coloured by status; each participant's share against the threshold; export to Excel.

    Parameters
    ----------
    data
        A :class:`Dataset`, or a dataset folder/workbook (``None``: the demo dataset).
    lang
        ``"pl"`` (default) or ``"en"``.
    as_of
        Initial as-of date (``None``: every session has happened).
    out
        Where the export button writes the ``.xlsx`` list on the server; the button
        also downloads it in the browser (:func:`toolkit.dashboards.download.browser_download`).

    Examples
    --------
    >>> DiplomaDashboard("data/demo").widget   # in JupyterLab: shows the dashboard
    """

    def __init__(self, data=None, lang: str = "pl", as_of: dt.date | str | None = None,
                 out: str | Path = "outputs/dyplomy.xlsx"):
        import ipywidgets as w

        self.data = data if isinstance(data, Dataset) else load_dataset(
            config.DEMO_DATA_DIR if data is None else data)
        self.lang = lang
        programme = self.data.programme
        gminas = self.data.gminas
        options = [(t("sheet_all", lang), _ALL)] + list(zip(gminas["name"], gminas["gmina_id"]))
        self.gmina = w.Dropdown(options=options, value=_ALL, description=t("dip_gmina", lang))
        self.threshold = w.FloatSlider(value=programme.diploma_threshold, min=0.5, max=1.0,
                                       step=0.05, description=t("dash_threshold", lang),
                                       readout_format=".0%")
        self.basis = w.ToggleButtons(options=[(t(f"dash_basis_{b}", lang), b) for b in BASES],
                                     value=programme.diploma_basis)
        self.excused = w.Dropdown(options=[(t(f"dash_excused_{e}", lang), e)
                                           for e in EXCUSED_POLICIES],
                                  value=programme.diploma_excused,
                                  description=t("dash_excused", lang))
        self.as_of = w.DatePicker(value=dt.date.fromisoformat(as_of) if isinstance(as_of, str)
                                  else as_of, description=t("dash_as_of", lang))
        self.path = w.Text(value=str(out), description=t("dash_file", lang))
        self.button = w.Button(description=t("dash_export", lang), icon="file-excel-o")
        self.message = w.HTML()
        # Where the export button displays the script that hands the file to the browser.
        self.download = w.Output(layout=w.Layout(display="none"))
        self.table_out, self.chart_out = w.Output(), w.Output()
        self.table = pd.DataFrame()
        for control in (self.gmina, self.threshold, self.basis, self.excused, self.as_of):
            control.observe(lambda _: self.update(), names="value")
        self.button.on_click(lambda _: browser_download(self.download, self.export()))
        title = t("dash_heading", lang, academy=programme.academy(lang))
        if programme.name:
            title += f" · {t('programme_named', lang, programme=programme.name)}"
        self.heading = w.HTML(f"<h3>{html.escape(title)}</h3>")
        self.widget = w.VBox([
            self.heading, w.HBox([self.gmina, self.excused]),
            w.HBox([self.threshold, self.as_of]), self.basis,
            w.HBox([self.path, self.button, self.download]), self.message, self.table_out,
            self.chart_out])
        self.update()

    @property
    def rules(self) -> DiplomaRules:
        return DiplomaRules(threshold=round(self.threshold.value, 4), basis=self.basis.value,
                            excused=self.excused.value, as_of=self.as_of.value)

    def update(self) -> pd.DataFrame:
        """Recompute the list for the current controls and redraw; returns the list."""
        from IPython.display import display

        from ..plots import attendance_heatmap, share_chart

        data = self.data if self.gmina.value == _ALL else self.data.for_gmina(self.gmina.value)
        self.table = diploma_list(data, self.rules)
        counts = self.table["status"].value_counts()
        self.message.value = " · ".join(
            tn(f"n_status_{s}", int(counts.get(s, 0)), self.lang, n_markup="<b>{}</b>")
            for s in STATUSES)
        self.table_out.clear_output(wait=True)
        with self.table_out:
            display(self.styled())
        self.chart_out.clear_output(wait=True)
        with self.chart_out:
            import matplotlib.pyplot as plt

            programme = self.data.programme
            for fig in (share_chart(self.table, self.rules.threshold, self.lang),
                        attendance_heatmap(
                            attendance_records(data["participants"], data["sessions"],
                                               data["attendance"], self.rules.as_of),
                            self.lang, lambda g: programme.label("group", g, self.lang))):
                display(fig)
                plt.close(fig)
        return self.table

    def styled(self):
        """The list as people read it: names, statuses in words, coloured rows."""
        lang, days = self.lang, self.basis.value == "days"
        unit = "days" if days else "hours"
        names = self.data.gminas.set_index("gmina_id")["name"]
        frame = pd.DataFrame({
            t("dip_first_name", lang): self.table["first_name"],
            t("dip_last_name", lang): self.table["last_name"],
            t("dip_gmina", lang): self.table["gmina_id"].map(names),
            t("dip_group", lang): [self.data.programme.label("group", g, lang) if pd.notna(g)
                                   else "—" for g in self.table["group"]],
            t(f"dip_attended_{unit}", lang): self.table["attended"],
            t(f"dip_possible_{unit}", lang): self.table["possible"],
            t("dip_share", lang): [format_share(s, lang, 1) if pd.notna(s) else "—"
                                   for s in self.table["share"]],
            t(f"dip_can_still_miss_{unit}", lang): self.table["can_still_miss"],
            t("dip_status", lang): [status_label(s, lang) for s in self.table["status"]],
        })
        colours = [f"background-color: #{STATUS_COLOURS[s]}" for s in self.table["status"]]
        return frame.style.hide(axis="index").apply(lambda _: colours, axis=0,
                                                   subset=[t("dip_status", lang)])

    def export(self, path: str | Path | None = None) -> Path:
        """Write the current list to ``.xlsx`` (the path in the text box by default; a
        relative path is taken from the project folder, wherever the kernel runs)."""
        path = Path(path or self.path.value)
        path = path if path.is_absolute() else config.REPO_DIR / path
        written = write_diploma_list(self.table, path, self.data.gminas, basis=self.basis.value,
                                     lang=self.lang)
        self.message.value = t("dash_saved", self.lang, path=written)
        return written
