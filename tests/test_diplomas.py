"""The trainers' outputs: `diplomas` command (CSV, Excel, PDF), dashboard and notebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from conftest import DEMO, REPO, TINY
from toolkit import cli
from toolkit.attendance import DIPLOMA_COLUMNS
from toolkit.dashboards import DiplomaDashboard
from toolkit.diplomas import STATUS_COLOURS


def test_csv_has_the_spec_columns_and_hand_checked_rows(tiny_dir, tmp_path, capsys):
    out = tmp_path / "d.csv"
    assert cli.main(["diplomas", "--data", str(tiny_dir), "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype={"gmina_id": str})
    assert list(table.columns[:12]) == DIPLOMA_COLUMNS
    rows = table.set_index("participant_id")
    # P1 present + late = 2 of 2; P2 absent + present = 1 of 2; P3 excused + present = 1 of 2.
    assert rows.loc["P1", ["attended", "possible", "share", "eligible", "status"]].tolist() == [
        2, 2, 1.0, True, "eligible"]
    assert rows.loc["P2", ["attended", "share", "eligible", "status"]].tolist() == [
        1, 0.5, False, "ineligible"]
    assert rows.loc["P3", "gmina_id"] == "0201011"
    assert "1 eligible, 0 on_track, 0 at_risk, 2 ineligible" in capsys.readouterr().out


def test_options_reach_the_rules(tiny_dir, tmp_path):
    out = tmp_path / "d.csv"
    assert cli.main(["diplomas", "--data", str(tiny_dir), "--out", str(out), "--excused",
                     "exclude", "--basis", "hours", "--threshold", "0.5"]) == 0
    rows = pd.read_csv(out).set_index("participant_id")
    # P3: S1 excused (excluded) and S2 present, 7.5 of 7.5 h; P1: 8 h + 6.5 h late of 15.5 h.
    assert rows.loc["P3", ["attended", "possible", "eligible"]].tolist() == [7.5, 7.5, True]
    assert rows.loc["P1", "attended"] == pytest.approx(14.5)


def test_as_of_statuses_through_the_cli(tiny_dir, tmp_path):
    out = tmp_path / "d.csv"
    assert cli.main(["diplomas", "--data", str(tiny_dir), "--out", str(out),
                     "--as-of", "2014-11-20"]) == 0
    rows = pd.read_csv(out).set_index("participant_id")
    # One of two days held; need ⌈0.8·2⌉ = 2 days: present on day 1 → at_risk; absent → ineligible.
    assert rows.loc["P1", ["status", "can_still_miss", "max_reachable_share"]].tolist() == [
        "at_risk", 0, 1.0]
    assert rows.loc["P2", "status"] == "ineligible"


@pytest.mark.parametrize("args", [["--as-of", "22.01.2015"], ["--threshold", "1.5"],
                                  ["--basis", "weeks"], ["--excused", "maybe"]])
def test_bad_options_exit_2(tiny_dir, tmp_path, args, capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["diplomas", "--data", str(tiny_dir), "--out", str(tmp_path / "d.csv"), *args])
    assert info.value.code == 2
    assert not (tmp_path / "d.csv").exists()


def test_wrong_output_suffix_exits_2(tiny_dir, tmp_path, capsys):
    assert cli.main(["diplomas", "--data", str(tiny_dir), "--out", str(tmp_path / "d.txt")]) == 2


def test_without_attendance_is_a_clear_error(tiny_dir, tmp_path, capsys):
    (tiny_dir / "attendance.csv").unlink()
    assert cli.main(["diplomas", "--data", str(tiny_dir), "--out", str(tmp_path / "d.csv")]) == 1
    assert "has no attendance table" in capsys.readouterr().err


def test_missing_rows_are_warned_about(damaged, tmp_path, capsys):
    folder = damaged(attendance=TINY["attendance"].replace("P2,S2,present,\n", ""))
    assert cli.main(["diplomas", "--data", str(folder), "--out", str(tmp_path / "d.csv")]) == 0
    assert "no attendance row for P2 at session(s) S2 (counted as absent)" in capsys.readouterr().err
    assert pd.read_csv(tmp_path / "d.csv").set_index("participant_id").loc["P2", "missing_rows"] == 1


def test_excel_list_for_people(tmp_path):
    out = tmp_path / "dyplomy.xlsx"
    assert cli.main(["diplomas", "--data", str(DEMO), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    # The Polish sheets first, the SPEC-column data sheet for programs last.
    assert book.sheetnames == ["Wszyscy", "Miechów", "Bukowina Tatrzańska", "Gorlice",
                               "Krynica-Zdrój", "dane"]
    assert book.active.title == "Wszyscy"
    for ws in book:
        # Each sheet prints one page wide, landscape A4, the header row on every page.
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows.replace("$", "") == "1:1" and ws.freeze_panes == "A2"
        assert ws.oddHeader.left.text == "&A"  # the gmina's name on every printed page
    data = pd.read_excel(out, sheet_name="dane", dtype={"gmina_id": str})
    assert list(data.columns[:12]) == DIPLOMA_COLUMNS and len(data) == 17
    people = book["Wszyscy"]
    headers = [c.value for c in people[1]]
    assert headers[:4] == ["ID uczestnika", "Gmina", "Imię", "Nazwisko"]
    status = headers.index("Status") + 1
    cells = [row[status - 1] for row in people.iter_rows(min_row=2)]
    assert {c.value for c in cells} == {"dyplom", "bez dyplomu"}
    for cell in cells:
        wanted = STATUS_COLOURS["eligible" if cell.value == "dyplom" else "ineligible"]
        assert cell.fill.fgColor.rgb == "FF" + wanted
    miechow = pd.read_excel(out, sheet_name="Miechów")
    assert len(miechow) == (data["gmina_id"] == "1208053").sum()


def test_pdf_diplomas_only_for_the_eligible(tmp_path):
    from pypdf import PdfReader

    out, pdf = tmp_path / "d.csv", tmp_path / "pdf"
    assert cli.main(["diplomas", "--data", str(DEMO), "--out", str(out), "--pdf", str(pdf)]) == 0
    table = pd.read_csv(out)
    eligible = set(table.loc[table["eligible"], "participant_id"])
    assert {p.stem for p in pdf.glob("*.pdf")} == eligible
    person = table[table["eligible"]].iloc[0]
    text = " ".join(PdfReader(pdf / f"{person['participant_id']}.pdf").pages[0].extract_text().split())
    assert f"{person['first_name']} {person['last_name']}" in text


def test_dashboard_follows_its_controls(tmp_path):
    dash = DiplomaDashboard(DEMO, out=tmp_path / "x.xlsx")
    assert len(dash.table) == 17
    assert (dash.table["status"] == "eligible").sum() == 15
    assert dash.message.value == ("<b>15</b> dyplomów · <b>0</b> na dobrej drodze · "
                                  "<b>0</b> zagrożonych · <b>2</b> bez dyplomu")
    dash.gmina.value = "1208053"
    assert set(dash.table["gmina_id"]) == {"1208053"}
    dash.threshold.value = 0.6
    assert dash.table["eligible"].all()  # the lowest share in Miechów is 5 of 8
    dash.as_of.value = pd.Timestamp("2015-01-22").date()
    assert set(dash.table["status"]) <= {"on_track", "at_risk", "eligible"}
    assert "dyplom" in dash.message.value or "na dobrej drodze" in dash.message.value
    written = dash.export()
    assert written == tmp_path / "x.xlsx" and openpyxl.load_workbook(written).sheetnames[1] == "Miechów"


def test_trainers_notebook_runs_with_papermill(tmp_path):
    out = tmp_path / "dyplomy.ipynb"
    papermill = Path(sys.executable).with_name("papermill")
    done = subprocess.run([str(papermill), "notebooks/diplomas.ipynb", str(out), "-p", "data_dir",
                           str(DEMO), "-p", "as_of", "2015-01-22", "-p", "out",
                           str(tmp_path / "l.xlsx"), "--execution-timeout", "300"],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    import nbformat

    nb = nbformat.read(out, as_version=4)
    widget_views = [o for c in nb.cells for o in c.get("outputs", [])
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widget_views
