"""The evaluators' explore dashboard: frames by hand, controls, suppression, exports, notebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from PIL import Image

from conftest import DEMO, REPO, TINY, write_tables
from toolkit import config, load_dataset
from toolkit.dashboards import ExploreDashboard
from toolkit.dashboards.explore import VIEWS, ExploreFrames, Selection
from toolkit.report.context import programme_figures

MIECHOW, BOLESLAWIEC = "1208053", "0201011"

#: TINY plus enough answers to show figures: a second questionnaire, three knowledge pairs
#: and a second LIJW wave.
RICH = {
    **TINY,
    "items": TINY["items"] + "q4,ocena_zjazd2,Organizacja zjazdu,likert,rating5,,,\n",
    "responses": """response_id,instrument,item_id,answer,participant_id,gmina_id,submitted_at
R1,ocena_zjazd1,q1,raczej tak,P1,,2014-11-21 16:00:00
R1,ocena_zjazd1,q2,5,P1,,2014-11-21 16:00:00
R2,ocena_zjazd1,q1,zdecydowanie tak,,1208053,2014-11-21 16:05:00
R2,ocena_zjazd1,q2,dobrze,,1208053,2014-11-21 16:05:00
R3,ocena_zjazd1,q1,2,P2,,2014-11-21 16:06:00
R3,ocena_zjazd1,q2,średnio,P2,,2014-11-21 16:06:00
R4,ocena_zjazd1,q1,"ani tak, ani nie",P3,,2014-11-21 16:07:00
R4,ocena_zjazd1,q2,bardzo dobrze,P3,,2014-11-21 16:07:00
R5,ocena_zjazd2,q4,dobrze,P1,,2014-11-21 16:08:00
R6,ocena_zjazd2,q4,źle,P2,,2014-11-21 16:09:00
R7,ocena_zjazd2,q4,bardzo dobrze,P3,,2014-11-21 16:10:00
T1,test_pre,k1,a,P1,,2014-11-20 09:00:00
T2,test_post,k1p,b,P1,,2014-11-21 17:00:00
T3,test_pre,k1,b,P2,,2014-11-20 09:00:00
T4,test_post,k1p,b,P2,,2014-11-21 17:00:00
T5,test_pre,k1,a,P3,,2014-11-20 09:00:00
T6,test_post,k1p,b,P3,,2014-11-21 17:00:00
""",
    "index_scores": TINY["index_scores"] + """1208053,follow-up,2016-05-01,A1,3
1208053,follow-up,2016-05-01,A2,2.5
1208053,follow-up,2016-05-01,A3,8
0201011,baseline,2014-11-02,A1,0.5
0201011,baseline,2014-11-02,A2,1
0201011,baseline,2014-11-02,A3,4
""",
}


@pytest.fixture(scope="module")
def demo():
    return load_dataset(DEMO)


@pytest.fixture
def tiny(tiny_dir):
    return ExploreDashboard(tiny_dir)


@pytest.fixture
def rich(tmp_path):
    return ExploreDashboard(write_tables(tmp_path / "rich", RICH), out=tmp_path / "view")


def _approx(values):
    return pytest.approx(values, nan_ok=True)


def test_attendance_per_session_by_hand(tiny):
    # S1: P1 present, P2 absent, P3 excused; S2: P1 late, P2 and P3 present.
    view = tiny.views["attendance"]
    assert view["session_id"].tolist() == ["S1", "S2"]
    assert view["share"].tolist() == _approx([1 / 3, 1.0])
    tiny.select([MIECHOW])
    view = tiny.views["attendance"]
    assert view[["expected", "present"]].to_numpy().tolist() == [[2, 1], [2, 2]]
    assert view["share"].tolist() == _approx([0.5, 1.0])
    assert view["programme_share"].tolist() == _approx([1 / 3, 1.0])
    plot = tiny._plots["attendance"]
    assert plot.selection.get_ydata().tolist() == _approx([0.5, 1.0])
    assert plot.programme.get_ydata().tolist() == _approx([1 / 3, 1.0])
    tiny.sector.value = "NGO"  # Miechów's NGO participant: P2
    assert tiny.views["attendance"]["share"].tolist() == _approx([0.0, 1.0])
    assert plot.selection.get_ydata().tolist() == _approx([0.0, 1.0])


def test_summary_counts_people_and_diplomas(tiny):
    tiny.select([MIECHOW])
    people = tiny.views["people"]
    # P1 2 of 2 days (diploma), P2 1 of 2.
    assert people.loc["selection", ["participants", "diplomas"]].tolist() == [2, 1]
    assert people.loc["selection", "mean_share"] == pytest.approx(0.75)
    assert people.loc["programme", ["participants", "diplomas"]].tolist() == [3, 1]
    assert "Miechów" in tiny.summary.value and "<b>2</b>" in tiny.summary.value


def test_likert_means_by_hand_and_suppression(rich):
    view = rich.views["likert"].set_index("item_id")
    # q1: 4, 5, 2, 3 (labels and numbers); q2: 5, 4, 3, 5.
    assert view.loc["q1", ["n", "mean", "share_positive"]].tolist() == _approx([4, 3.5, 0.5])
    assert view.loc["q2", ["n", "mean", "share_positive"]].tolist() == _approx([4, 4.25, 0.75])
    rich.select([MIECHOW])  # R1 (P1), R2 (anonymous, Miechów), R3 (P2)
    view = rich.views["likert"].set_index("item_id")
    assert view.loc["q1", ["n", "mean"]].tolist() == _approx([3, 11 / 3])
    assert view.loc["q2", ["n", "mean"]].tolist() == _approx([3, 4.0])
    assert view["programme_mean"].tolist() == _approx([3.5, 4.25])
    plot = rich._plots["likert"]
    assert plot.selection.get_xdata().tolist() == _approx([11 / 3, 4.0])
    assert not any(note.get_visible() for note in plot.notes)
    rich.sector.value = "NGO"  # only R3: one answer per item, under the minimum of 3
    view = rich.views["likert"]
    assert view["n"].tolist() == [1, 1] and view["suppressed"].all()
    assert view["mean"].isna().all() and view["share_positive"].isna().all()
    assert np.isnan(plot.selection.get_xdata()).all()
    assert [note.get_visible() for note in plot.notes[:2]] == [True, True]


def test_every_figure_under_three_respondents_is_hidden(tiny):
    # TINY: one valid answer per item (R2's "trudno powiedzieć" is a non-answer), one pair.
    likert = tiny.views["likert"]
    assert likert["suppressed"].all() and likert["programme_suppressed"].all()
    assert likert[["mean", "share_positive", "programme_mean"]].isna().all().all()
    knowledge = tiny.views["knowledge"]
    assert knowledge["n_pairs"].tolist() == [1] and knowledge["suppressed"].all()
    assert knowledge[["pre_mean", "post_mean", "programme_pre_mean"]].isna().all().all()
    assert tiny._plots["knowledge"].note.get_text()
    assert config.MIN_RESPONDENTS == 3


def test_instrument_changes_only_the_questionnaire_view(rich):
    before = {name: rich.views[name].copy() for name in VIEWS}
    rich.instrument.value = "ocena_zjazd2"
    assert rich.views["likert"]["item_id"].tolist() == ["q4"]
    # q4: dobrze 4, źle 2, bardzo dobrze 5.
    assert rich.views["likert"]["mean"].tolist() == _approx([11 / 3])
    assert set(rich.timings()) >= {"likert", "total"} and "attendance" not in rich.timings()
    for name in ("attendance", "knowledge", "index", "recommendations"):
        pd.testing.assert_frame_equal(rich.views[name], before[name])
    labels = [label.get_text() for label in rich._plots["likert"].ax.get_yticklabels()]
    assert labels == ["Organizacja zjazdu"]


def test_knowledge_pre_post_by_hand(rich):
    # P1 0 → 1, P2 1 → 1, P3 0 → 1.
    view = rich.views["knowledge"].iloc[0]
    assert view["test"] == "test"
    assert view[["n_pairs", "pre_mean", "post_mean", "gain_mean"]].tolist() == _approx(
        [3, 1 / 3, 1.0, 2 / 3])
    bars = rich._plots["knowledge"].bars
    assert [bar.get_height() for bar in bars.selection] == _approx([1 / 3, 1.0])
    rich.select([MIECHOW])  # two pairs: hidden
    view = rich.views["knowledge"].iloc[0]
    assert view["n_pairs"] == 2 and view["suppressed"] and np.isnan(view["pre_mean"])
    assert view[["programme_pre_mean", "programme_post_mean"]].tolist() == _approx([1 / 3, 1.0])
    assert [bar.get_height() for bar in bars.selection] == [0.0, 0.0]


def test_wave_changes_the_index_view_by_hand(rich):
    assert rich.wave.options == ("baseline", "follow-up") and rich.wave.value == "follow-up"
    rich.select([MIECHOW])
    view = rich.views["index"].set_index("plane")
    assert view["score"].tolist() == _approx([3, 2.5, 8, 13.5 / 3])
    rich.wave.value = "baseline"
    assert set(rich.timings()) == {"index", "index_compute", "index_render", "total"}
    view = rich.views["index"].set_index("plane")
    assert view["score"].tolist() == _approx([1.5, 2, 7.25, 10.75 / 3])
    # Programme: the mean of the gminas' plane scores (Miechów and Bolesławiec).
    assert view["programme_score"].tolist() == _approx(
        [1.0, 1.5, 5.625, (10.75 / 3 + 5.5 / 3) / 2])
    assert [bar.get_height() for bar in rich._plots["index"].bars.selection] == _approx(
        [1.5, 2, 7.25, 10.75 / 3])
    rich.select([BOLESLAWIEC])
    rich.wave.value = "follow-up"  # no score for Bolesławiec in that wave
    view = rich.views["index"]
    assert view["score"].isna().all() and (view["n_gminas"] == 0).all()


def test_recommendations_per_gmina_by_hand(tiny):
    view = tiny.views["recommendations"].set_index("measure")
    # Miechów adopted I.1 (III.5 only planned); Bolesławiec nothing.
    assert view["selection"].tolist() == _approx([0.5, 0, 0, 0.5, 0, 2])
    tiny.select([MIECHOW])
    view = tiny.views["recommendations"].set_index("measure")
    assert view["selection"].tolist() == _approx([1, 0, 0, 1, 0, 1])
    assert view["programme"].tolist() == _approx([0.5, 0, 0, 0.5, 0, 2])
    met = tiny._plots["recommendations"].met.get_text()
    assert "wybór: 0 z 1 gminy; cały program: 0 z 2 gmin" in met


def test_gmina_change_moves_every_view(demo):
    dashboard = ExploreDashboard(demo)
    before = {name: dashboard.views[name].copy() for name in VIEWS}
    images = {name: dashboard.images[name].value for name in VIEWS}
    dashboard.gminas.value = ("1205042",)  # Gorlice, picked in the list
    assert set(dashboard.timings()) >= {"summary", *VIEWS}
    for name in VIEWS:
        assert not dashboard.views[name].equals(before[name]), name
        assert dashboard.images[name].value != images[name], name
    assert "Gorlice" in dashboard.summary.value


def test_redrawn_views_equal_views_drawn_once(tmp_path):
    """The cached backgrounds hold nothing of an earlier selection."""
    folder = write_tables(tmp_path / "rich", RICH)
    travelled, direct = ExploreDashboard(folder), ExploreDashboard(folder)
    travelled.select([BOLESLAWIEC], sector="NGO")
    travelled.instrument.value = "ocena_zjazd2"
    travelled.wave.value = "baseline"
    travelled.instrument.value = "ocena_zjazd1"
    travelled.wave.value = "follow-up"
    travelled.select([MIECHOW], sector="all")
    direct.select([MIECHOW])
    for name in VIEWS:
        assert travelled.images[name].value == direct.images[name].value, name


def test_sector_leaves_gmina_level_views_alone(rich):
    rich.select([MIECHOW])
    index, recs = rich.views["index"].copy(), rich.views["recommendations"].copy()
    rich.sector.value = "JST"
    assert "index" not in rich.timings() and "recommendations" not in rich.timings()
    pd.testing.assert_frame_equal(rich.views["index"], index)
    pd.testing.assert_frame_equal(rich.views["recommendations"], recs)
    assert rich.views["people"].loc["selection", "participants"] == 1


def test_programme_figures_agree_with_the_reports(demo):
    """The programme side of every view is the ``ALL`` row the reports use."""
    frames = ExploreFrames(demo)
    figures = programme_figures(demo)
    everyone = Selection()
    whole = figures["attendance"].set_index("gmina_id").loc["ALL"]
    people = frames.people(everyone).loc["programme"]
    assert people[["participants", "diplomas"]].tolist() == [whole["participants"],
                                                             whole["diplomas"]]
    assert people["mean_share"] == pytest.approx(whole["mean_share"])
    likert = figures["likert"]
    for instrument in frames.instruments:
        mine = frames.likert(everyone, instrument).set_index("item_id")
        ref = likert[(likert["gmina_id"] == "ALL") & (likert["instrument"] == instrument)]
        ref = ref.set_index("item_id").loc[mine.index]
        assert mine["programme_mean"].tolist() == _approx(ref["mean"].tolist())
        assert mine["programme_n"].tolist() == ref["n"].tolist()
    knowledge = figures["knowledge"].set_index("gmina_id").loc["ALL"]
    mine = frames.knowledge(everyone).iloc[0]
    assert mine[["programme_n_pairs", "programme_pre_mean", "programme_post_mean"]].tolist() == \
        _approx([knowledge["n_pairs"], knowledge["pre_mean"], knowledge["post_mean"]])
    index = figures["index"]
    for wave in frames.waves:
        ref = index[(index["gmina_id"] == "ALL") & (index["wave"] == wave)].set_index("plane")
        mine = frames.index(everyone, wave).set_index("plane")
        assert mine["programme_score"].tolist() == _approx(ref.loc[mine.index, "score"].tolist())
    recs = figures["recommendations"].set_index("gmina_id").loc["ALL"]
    mine = frames.recommendations(everyone).set_index("measure")["programme"]
    n = recs["n_gminas"]
    assert mine.tolist() == _approx([recs["adopted_I"] / n, recs["adopted_II"] / n,
                                     recs["adopted_III"] / n, recs["adopted_total"] / n,
                                     recs["gminas_met"], n])


def test_one_gmina_alone_is_that_gminas_report_figure(demo):
    frames = ExploreFrames(demo)
    figures = programme_figures(demo)
    row = figures["attendance"].set_index("gmina_id").loc[MIECHOW]
    people = frames.people(Selection((MIECHOW,))).loc["selection"]
    assert people["participants"] == row["participants"]
    assert people["mean_share"] == pytest.approx(row["mean_share"])
    likert = figures["likert"]
    ref = likert[(likert["gmina_id"] == MIECHOW) & (likert["instrument"] == "ocena_zjazd1")]
    mine = frames.likert(Selection((MIECHOW,)), "ocena_zjazd1")
    assert mine["mean"].tolist() == _approx(ref.set_index("item_id").loc[mine["item_id"],
                                                                         "mean"].tolist())


def test_search_adds_gminas_and_all_resets(tiny):
    tiny.search.value = "Miechów (1208053)"
    assert tiny.selection.gminas == (MIECHOW,) and tiny.search.value == ""
    tiny.search.value = BOLESLAWIEC  # a bare TERYT code works too
    assert tiny.selection.gminas == (MIECHOW, BOLESLAWIEC)
    assert tiny.views["people"].loc["selection", "participants"] == 3
    tiny.search.value = "Miech"  # half-typed: nothing happens
    assert tiny.selection.gminas == (MIECHOW, BOLESLAWIEC)
    tiny.reset.click()
    assert tiny.selection.gminas == () and tiny.gminas.value == ("__all__",)


def test_all_gminas_option_in_the_list(tiny):
    tiny.gminas.value = ("__all__", MIECHOW)  # a gmina added to "all": the gmina stays
    assert tiny.gminas.value == (MIECHOW,)
    tiny.gminas.value = ("__all__", MIECHOW)  # "all" picked beside a gmina: all
    assert tiny.gminas.value == ("__all__",)
    tiny.gminas.value = ()  # nothing selected means all
    assert tiny.gminas.value == ("__all__",) and tiny.selection == Selection()


def test_exports_write_a_workbook_and_an_image(rich, tmp_path):
    rich.select([MIECHOW])
    xlsx = rich.export_xlsx(tmp_path / "v.xlsx")
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Wybór", "Uczestnicy", "Frekwencja", "Ankieta ocena_zjazd1",
                               "Test wiedzy", "Indeks LIJW", "Rekomendacje"]
    attendance = list(book["Frekwencja"].values)
    assert attendance[0][:3] == ("Dzień (ID)", "Zjazd", "Dzień zjazdu")
    share = attendance[0].index("Wybór: frekwencja")
    assert [row[share] for row in attendance[1:]] == _approx([0.5, 1.0])
    assert book["Wybór"]["B2"].value == "Miechów"
    png = rich.export_png(tmp_path / "v.png")
    with Image.open(png) as image:
        assert image.format == "PNG" and image.width >= 900 and image.height >= 800
    # The buttons write next to the file name in the text box.
    rich.xlsx_button.click()
    rich.png_button.click()
    assert (tmp_path / "view.xlsx").exists() and (tmp_path / "view.png").exists()
    assert "view.png" in rich.message.value


def test_export_buttons_hand_the_written_file_to_the_browser(rich, tmp_path, monkeypatch):
    import toolkit.dashboards.explore._widget as widget

    sent = []
    monkeypatch.setattr(widget, "browser_download",
                        lambda output, path: sent.append((output, Path(path))))
    rich.xlsx_button.click()
    rich.png_button.click()
    assert sent == [(rich.download, tmp_path / "view.xlsx"), (rich.download, tmp_path / "view.png")]
    # The Output that shows the script is part of the dashboard, so the browser runs it.
    assert rich.download in _descendants(rich.widget)


def _descendants(widget):
    for child in getattr(widget, "children", ()):
        yield child
        yield from _descendants(child)


def test_download_script_carries_the_bytes_name_and_type():
    import base64
    import re

    from toolkit.dashboards.download import download_script

    payload = bytes(range(256)) * 3
    script = download_script(payload, "/srv/out/wybór 1.xlsx", token="t1")
    data = re.search(r'atob\("([A-Za-z0-9+/=]+)"\)', script).group(1)
    assert base64.b64decode(data) == payload
    assert 'link.download = "wyb\\u00f3r 1.xlsx"' in script  # the name only, no folders
    assert '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"' in script
    assert script.count('"t1"') == 2  # checked, then remembered: one download per page
    assert '"image/png"' in download_script(b"x", "a.png")
    with pytest.raises(ValueError, match="filename"):
        download_script(b"x", "")


def test_no_names_anywhere(demo, tmp_path):
    dashboard = ExploreDashboard(demo)
    names = set(demo["participants"]["first_name"]) | set(demo["participants"]["last_name"])
    dashboard.select([MIECHOW])
    book = openpyxl.load_workbook(dashboard.export_xlsx(tmp_path / "v.xlsx"))
    cells = {str(v) for ws in book for row in ws.values for v in row if v is not None}
    shown = dashboard.summary.value + " ".join(
        text.get_text() for plot in dashboard._plots.values() for text in plot.fig.findobj(
            lambda a: hasattr(a, "get_text")))
    assert not any(name in cells or f" {name} " in shown for name in names)
    assert not any(pid in cells for pid in demo["participants"]["participant_id"])


def test_english_labels(tiny_dir):
    dashboard = ExploreDashboard(tiny_dir, lang="en")
    assert dashboard.summary.value.startswith("<b>Selection:</b>")
    assert dashboard.sector.options[0] == ("all", "all")
    assert "Attendance" in dashboard._plots["attendance"].ax.get_title(loc="left")


def test_a_dataset_with_only_gminas(tmp_path):
    folder = write_tables(tmp_path / "bare", {"gminas": TINY["gminas"]})
    dashboard = ExploreDashboard(folder)
    assert not any(plot.available for plot in dashboard._plots.values())
    assert all(dashboard.images[name].value for name in VIEWS)
    dashboard.select([MIECHOW])
    assert dashboard.views["attendance"].empty and dashboard.instrument.disabled


def test_bad_selections_are_named():
    with pytest.raises(ValueError, match="sector must be one of all, JST, NGO, informal, other; got 'ngo'"):
        Selection(sector="ngo")


def test_unknown_gmina_is_named(tiny):
    with pytest.raises(ValueError, match="9999999"):
        tiny.select(["9999999"])


def test_update_reports_its_time(tiny):
    seconds = tiny.update()
    timings = tiny.timings()
    assert seconds == timings["total"] > 0
    assert {f"{name}_render" for name in VIEWS} <= set(timings)


def test_relative_out_is_under_the_project():
    assert ExploreDashboard.out_stem("outputs/x") == REPO / "outputs" / "x"
    assert ExploreDashboard.out_stem("/tmp/y.xlsx") == Path("/tmp/y")


def test_notebook_runs_with_papermill(tmp_path):
    out = tmp_path / "explore.ipynb"
    papermill = Path(sys.executable).with_name("papermill")
    done = subprocess.run([str(papermill), "notebooks/explore.ipynb", str(out), "-p", "data_dir",
                           str(DEMO), "-p", "lang", "en", "--execution-timeout", "300"],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    import nbformat

    nb = nbformat.read(out, as_version=4)
    assert [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    views = [o for c in nb.cells for o in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert views


def test_committed_notebook_has_no_outputs():
    import nbformat

    nb = nbformat.read(REPO / "notebooks" / "explore.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1 and "data_dir = None" in params[0].source


def test_informal_sector_is_offered_and_filters_on_mowes2():
    board = ExploreDashboard(REPO / "data" / "mowes2")
    assert ("grupy nieformalne", "informal") in list(board.sector.options)
    board.sector.value = "informal"
    board.select(["1203022"])  # Babice: P0005 and P0006 are informal groups
    assert board.views["people"].loc["selection", "participants"] == 2
    board.sector.value = "all"
    assert board.views["people"].loc["selection", "participants"] == 6
