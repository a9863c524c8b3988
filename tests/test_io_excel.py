"""Workbooks for people (`toolkit/io/excel.py`): formats, filters, widths, print setup,
checked by reading the written files back with openpyxl and pandas."""

from __future__ import annotations

import datetime as dt

import numpy as np
import openpyxl
import pandas as pd
import pytest

from conftest import DEMO
from toolkit import cli, load_dataset
from toolkit.figures import ALL, programme_tables, with_gmina_names, write_tables
from toolkit.io.excel import FORMATS, Sheet, column_format, write_workbook


@pytest.fixture(scope="module")
def demo_tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables") / "tabele.xlsx"
    assert cli.main(["tables", "--data", str(DEMO), "--out", str(out)]) == 0
    return out


def _column(ws, name):
    """The data cells (below the header) of the column headed ``name``."""
    headers = [c.value for c in ws[1]]
    j = headers.index(name)
    return [row[j] for row in ws.iter_rows(min_row=2)]


def _assert_printable(ws):
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == ws.dimensions
    assert ws.print_title_rows.replace("$", "") == "1:1"
    setup = ws.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # 9: A4
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.parametrize("name, values, wanted", [
    ("mean_share", [0.5], "percent"), ("share_positive", [1.0], "percent"),
    ("diploma_rate", [0.8], "percent"), ("ratio", [0.83], "percent"),
    ("positive_low", [0.51], "percent"), ("max_reachable_share", [1.0], "percent"),
    ("mean", [4.25], "decimal"), ("sd", [0.5], "decimal"), ("score", [1.5], "decimal"),
    ("effect_size", [0.7], "decimal"), ("gain_mean", [0.3], "decimal"),
    ("p_value", [0.04], "p_value"), ("n_1", [3.0], "count"), ("n", [4], "count"),
    ("participants", [5], "count"), ("date", pd.to_datetime(["2014-11-19"]), "date"),
    ("shortfall", [2.5], None), ("planned", [12.5], None), ("gmina_id", ["1208053"], "text"),
    ("complete", [True], None), ("share", ["wysoki"], None),
])
def test_column_format_follows_the_name_and_type(name, values, wanted):
    assert column_format(name, pd.Series(values)) == (FORMATS[wanted] if wanted else None)


def test_tables_keep_spec_columns_and_values(demo_tables):
    reference = programme_tables(load_dataset(DEMO))
    sheets = pd.read_excel(demo_tables, sheet_name=None, dtype={"gmina_id": str})
    assert list(sheets) == list(reference)
    for name, frame in reference.items():
        read = sheets[name]
        assert list(read.columns) == ["gmina_id", "gmina_name", *frame.columns[1:]], name
        for column in frame.columns:
            if pd.api.types.is_numeric_dtype(frame[column].dtype):
                # Formatted cells, not numbers turned into text.
                assert pd.api.types.is_numeric_dtype(read[column].dtype), (name, column)
    att = sheets["attendance"]
    assert att["mean_share"].tolist() == pytest.approx(reference["attendance"]["mean_share"].tolist())
    assert att["participants"].dtype.kind == "i"
    assert sheets["index"]["date"].dtype.kind == "M"
    assert sheets["likert"]["suppressed"].dtype == bool
    names = load_dataset(DEMO).gminas.set_index("gmina_id")["name"]
    expected = [names.get(g, "cały program" if g == ALL else None) for g in att["gmina_id"]]
    assert att["gmina_name"].tolist() == expected


def test_tables_cells_are_formatted_by_kind(demo_tables):
    book = openpyxl.load_workbook(demo_tables)
    shares = _column(book["attendance"], "mean_share")
    assert shares and {c.number_format for c in shares} == {"0.0%"}
    assert all(isinstance(c.value, float) for c in shares)
    assert {c.number_format for c in _column(book["likert"], "mean")} == {"0.00"}
    assert {c.number_format for c in _column(book["likert"], "share_positive")} == {"0.0%"}
    assert {c.number_format for c in _column(book["knowledge"], "p_value")} == {"0.000"}
    # Knowledge scores are shares of correct items: percentages although named *_mean.
    assert {c.number_format for c in _column(book["knowledge"], "pre_mean")} == {"0.0%"}
    assert {c.number_format for c in _column(book["attendance"], "participants")} == {"0"}
    dates = _column(book["index"], "date")
    assert all(c.is_date and isinstance(c.value, dt.datetime) for c in dates)
    assert {c.number_format for c in dates} == {"yyyy-mm-dd"}
    complete = _column(book["index"], "complete")
    assert {c.data_type for c in complete} == {"b"}
    assert {c.alignment.horizontal for c in complete} == {"center"}
    letter = complete[0].column_letter
    shaded = {str(cf.sqref) for cf in book["index"].conditional_formatting}
    assert f"{letter}2:{letter}{len(complete) + 1}" in shaded


def test_tables_sheets_are_printable(demo_tables):
    book = openpyxl.load_workbook(demo_tables)
    for ws in book:
        _assert_printable(ws)
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(8 <= w <= 40 for w in widths), ws.title
    attendance = book["attendance"]
    # Widths follow what is shown: a percentage is narrower than 0.3755346297625252.
    headers = [c.value for c in attendance[1]]
    low = attendance.column_dimensions[attendance.cell(1, headers.index("rate_low") + 1)
                                       .column_letter].width
    assert low < len("0.3755346297625252")
    name = attendance.column_dimensions["B"].width
    assert name >= len("Bukowina Tatrzańska")


def test_a_sheet_added_later_is_formatted_by_its_columns(tmp_path):
    gminas = pd.DataFrame({"gmina_id": ["1208053"], "name": ["Miechów"]})
    groups = pd.DataFrame({"group": ["A"], "participants": [4], "mean_share": [0.75],
                           "diplomas": [3]})
    actions = pd.DataFrame({"gmina_id": ["1208053", ALL], "area": ["I", None], "planned": [2, 2],
                            "done": [1, 1], "covers_all_areas": [True, False]})
    out = write_tables({"groups": groups, "actions": actions}, tmp_path / "t.xlsx", gminas,
                       lang="en")
    book = openpyxl.load_workbook(out)
    assert [c.value for c in book["groups"][1]] == list(groups.columns)
    assert {c.number_format for c in _column(book["groups"], "mean_share")} == {"0.0%"}
    assert [c.value for c in _column(book["actions"], "gmina_name")] == ["Miechów",
                                                                          "whole programme"]
    assert {c.number_format for c in _column(book["actions"], "done")} == {"0"}
    for ws in book:
        _assert_printable(ws)


def test_with_gmina_names_leaves_other_frames_alone():
    gminas = pd.DataFrame({"gmina_id": ["1208053"], "name": ["Miechów"]})
    groups = pd.DataFrame({"group": ["A"]})
    assert with_gmina_names(groups, gminas) is groups
    frame = pd.DataFrame({"gmina_id": ["1208053", "9999999", ALL], "x": [1, 2, 3]})
    named = with_gmina_names(frame, gminas)
    assert list(named.columns) == ["gmina_id", "gmina_name", "x"]
    assert named["gmina_name"].iloc[[0, 2]].tolist() == ["Miechów", "cały program"]
    assert pd.isna(named["gmina_name"].iloc[1])
    assert list(frame.columns) == ["gmina_id", "x"]


def test_missing_values_stay_empty_cells(tmp_path):
    frame = pd.DataFrame({"date": pd.to_datetime(["2015-01-22", None]), "mean": [1.5, np.nan],
                          "ok": pd.array([True, None], dtype="boolean")})
    book = openpyxl.load_workbook(write_workbook(tmp_path / "m.xlsx", [Sheet("m", frame)]))
    assert [c.value for c in book["m"][3]] == [None, None, None]
    assert book["m"]["A2"].value == dt.datetime(2015, 1, 22)


def test_one_tab_is_selected(tmp_path):
    frame = pd.DataFrame({"a": [1]})
    out = write_workbook(tmp_path / "s.xlsx", [Sheet("x", frame), Sheet("y", frame)], active=1)
    book = openpyxl.load_workbook(out)
    assert book.active.title == "y"
    assert [ws.sheet_view.tabSelected for ws in book] == [False, True]


# -- workbooks that keep the types (issue 18) ----------------------------------------------

PROBUS = DEMO.parent / "probus"
MOWES2 = DEMO.parent / "mowes2"


def _headers(ws) -> list:
    return [c.value for c in ws[1]]


def test_diploma_list_keeps_teryt_text_and_issue_dates(tmp_path):
    # PROBUS codes start with 0 (powiat zgorzelecki, 02…); --pdf fills issued_on.
    out = tmp_path / "dyplomy.xlsx"
    assert cli.main(["diplomas", "--data", str(PROBUS), "--out", str(out),
                     "--pdf", str(tmp_path / "pdf")]) == 0
    ws = openpyxl.load_workbook(out)["dane"]
    ids = _column(ws, "gmina_id")
    wanted = set(pd.read_csv(PROBUS / "participants.csv", dtype=str)["gmina_id"])
    assert {c.value for c in ids} == wanted and any(v.startswith("0") for v in wanted)
    assert all(c.data_type == "s" and c.number_format == "@" for c in ids)
    issued = [c for c in _column(ws, "issued_on") if c.value is not None]
    eligible = [c.value for c in _column(ws, "eligible")]
    assert len(issued) == sum(eligible) > 0
    assert all(isinstance(c.value, dt.datetime) and c.is_date for c in issued)
    assert all(c.number_format == FORMATS["date"] for c in issued)


def test_boolean_columns_stay_booleans_with_empty_all_rows(tmp_path):
    for data, sheet, column in ((PROBUS, "recommendations", "commitment_met"),
                                (MOWES2, "actions", "covers_all_areas")):
        out = tmp_path / f"{data.name}.xlsx"
        assert cli.main(["tables", "--data", str(data), "--out", str(out)]) == 0
        ws = openpyxl.load_workbook(out)[sheet]
        ids = [c.value for c in _column(ws, "gmina_id")]
        cells = _column(ws, column)
        assert ALL in ids and len(set(ids)) > 2
        for gmina, cell in zip(ids, cells):
            if gmina == ALL:
                assert cell.value is None
            else:
                assert cell.data_type == "b" and isinstance(cell.value, bool)
        assert {c.value for c, g in zip(cells, ids) if g != ALL} == {True, False}
        # Read as the README says: booleans and <NA>, not 1.0/0.0.
        back = pd.read_excel(out, sheet_name=sheet, dtype={"gmina_id": str, column: "boolean"})
        assert str(back[column].dtype) == "boolean"
        assert back.loc[back["gmina_id"] == ALL, column].isna().all()


def test_programme_without_diplomas_has_no_diploma_columns(tmp_path):
    out = tmp_path / "mowes2.xlsx"
    assert cli.main(["tables", "--data", str(MOWES2), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    for sheet in ("attendance", "groups"):
        headers = _headers(book[sheet])
        assert "participants" in headers and "mean_share" in headers
        assert not {"diplomas", "diploma_rate", "rate_low", "rate_high"} & set(headers)
    # A programme with diploma rules keeps the SPEC column.
    out = tmp_path / "probus.xlsx"
    assert cli.main(["tables", "--data", str(PROBUS), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert "diplomas" in _headers(book["attendance"]) and "diplomas" in _headers(book["groups"])
