"""``import attendance`` of long tables (one row per person and session) and English lists.

Files are built here as an evaluator's tools write them; the dataset is the samples'
(U1 Anna Wójcik, U2 Jan Kamiński, U3 Zuzanna Gąsienica-Roj, U4 Michał Łaś; sessions S1
2014-11-20 8 h, S2 2014-11-21 8 h, S3 2014-12-11 8 h, S4 2014-12-12 6 h). Expected rows
are written out by hand.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from conftest import SAMPLES, write_tables
from toolkit import DataError, load_dataset
from toolkit import cli
from toolkit.io.attendance_import import import_attendance
from toolkit.io.attendance_list import ATTENDANCE_COLUMNS
from toolkit.io.attendance_meeting import parse_duration

SESSION_DATES = "2014-11-20, 2014-11-21, 2014-12-11, 2014-12-12"


@pytest.fixture(scope="module")
def samples():
    return load_dataset(SAMPLES)


def book(path, rows, title="Obecność"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def expected(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=ATTENDANCE_COLUMNS, dtype=str)


def problems_of(path, data) -> list[str]:
    with pytest.raises(DataError) as caught:
        import_attendance(path, data)
    return [str(p) for p in caught.value.problems]


def test_long_workbook_with_names_dates_and_polish_marks(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    book(tmp_path / "dlugi.xlsx", [
        ["Ewidencja obecności – Akademia"],
        [],
        ["Nazwisko i imię", "Data zajęć", "Obecność", "Uwagi"],
        ["Wójcik Anna", dt.datetime(2014, 11, 20), "x", None],
        ["Wójcik Anna", "21.11.2014", "nb", None],
        ["Kamiński Jan", "2014-11-20", "usp", "zwolnienie"],
        ["Łaś Michał", "12.12.2014 r.", "sp", None],
        ["Łaś Michał", "12.12.2014", "SP.", "the same mark twice is no conflict"],
        [],
        ["Podpis koordynatora: ........"],
    ])
    result = import_attendance("dlugi.xlsx", samples)
    pd.testing.assert_frame_equal(result.table, expected(
        ["U1", "S1", "present", ""], ["U1", "S2", "absent", ""],
        ["U2", "S1", "excused", ""], ["U4", "S4", "late", ""]))
    assert result.formats == ["dlugi.xlsx[Obecność]: read as a long attendance table"]


def test_long_csv_with_participant_ids_english_marks_and_hours(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "long.csv").write_bytes(
        "Participant ID;Session;Status;Hours;Comment\n"
        "U1;S1;Present;8;\n"
        "U1;s4;Late;4,5;spóźniona\n"
        "U2;S1;Absent;;\n"
        "U3;S2;Excused;;\n"
        "U4;S3;Yes;;\n".encode("cp1250"))
    result = import_attendance("long.csv", samples)
    pd.testing.assert_frame_equal(result.table, expected(
        ["U1", "S1", "present", "8"], ["U1", "S4", "late", "4.5"],
        ["U2", "S1", "absent", ""], ["U3", "S2", "excused", ""], ["U4", "S3", "present", ""]))


def test_long_table_with_durations_in_every_form(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    # 11/20/2014 proves month first for the whole Date column, so 12/11/2014 is 11 December.
    (tmp_path / "durations.csv").write_text(
        "First name,Last name,Date,Duration\n"
        "Anna,Wójcik,11/20/2014,1 hr 41 min\n"
        "Anna,Wójcik,11/21/2014,1h 41m\n"
        "Jan,Kamiński,11/20/2014,101 min\n"
        "Jan,Kamiński,12/11/2014,01:41:00\n"
        "Zuzanna,Gąsienica-Roj,11/20/2014,1:41\n"
        "Zuzanna,Gąsienica-Roj,12/12/2014,45 mins\n"
        "Michał,Łaś,11/21/2014,2 hours\n"
        "Michał,Łaś,12/12/2014,7 hours\n", encoding="utf-8")
    got = import_attendance("durations.csv", samples).table
    # 1 h 41 min = 101/60 h = 1.6833… → 1.68; 45 min = 0.75 h; 7 h capped at S4's 6 h.
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S1", "present", "1.68"], ["U1", "S2", "present", "1.68"],
        ["U2", "S1", "present", "1.68"], ["U2", "S3", "present", "1.68"],
        ["U3", "S1", "present", "1.68"], ["U3", "S4", "present", "0.75"],
        ["U4", "S2", "present", "2"], ["U4", "S4", "present", "6"]))


@pytest.mark.parametrize("text, hours", [
    ("1 hr 41 min", 101 / 60), ("1h 41m 3s", 1 + 41 / 60 + 3 / 3600), ("101 min", 101 / 60),
    ("01:41:00", 101 / 60), ("1:41", 101 / 60), ("45 mins", 0.75), ("2 hours", 2.0),
    ("1 godz. 30 min", 1.5), ("90", 1.5), (90, 1.5), (dt.time(1, 30), 1.5)])
def test_durations(text, hours):
    assert parse_duration(text) == pytest.approx(hours)


@pytest.mark.parametrize("text", ["soon", "1 hr 41", "h 41", "-5 min", ""])
def test_not_durations(text):
    assert parse_duration(text) is None


def test_day_month_order_from_the_session_dates(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    # 12/11/2014 is 2014-11-12 day first (no session) or 2014-12-11 month first (S3).
    (tmp_path / "us.csv").write_text("Name,Date,Attendance\nAnna Wójcik,12/11/2014,P\n"
                                     "Jan Kamiński,12/12/2014,A\n")
    got = import_attendance("us.csv", samples).table
    pd.testing.assert_frame_equal(got, expected(["U1", "S3", "present", ""],
                                                ["U2", "S4", "absent", ""]))


def test_a_date_that_fits_both_orders_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = load_dataset(write_tables(tmp_path / "data", {
        "gminas": "gmina_id,name\n1208053,Miechów\n",
        "participants": "participant_id,gmina_id,sector,first_name,last_name\n"
                        "P1,1208053,JST,Anna,Wójcik\n",
        "sessions": "session_id,zjazd,day,date,hours\nA,1,1,2014-11-12,8\n"
                    "B,2,1,2014-12-11,8\n"}))
    (tmp_path / "both.csv").write_text("Name,Date,Status\nAnna Wójcik,11/12/2014,Present\n")
    assert problems_of("both.csv", data) == [
        "both.csv:2:2: cannot tell the day from the month in '11/12/2014': read either way, "
        "the dates are session dates; write them as 2014-11-20"]


def test_long_csv_errors_name_line_and_column(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.csv").write_text(
        "Name,Date,Status,Hours\n"
        "Anna Wójcik,2014-11-20,Present,8\n"
        "Jan Nowak,2014-11-20,Present,\n"          # line 3: unknown name
        "Anna Wójcik,2014-11-22,Present,\n"        # line 4: no session that day
        "Jan Kamiński,2014-11-20,maybe,\n"         # line 5: unknown mark
        "Michał Łaś,2014-12-12,Present,6.5\n"      # line 6: S4 has 6 hours
        "Anna Wójcik,20.11.2014,Absent,\n")        # line 7: Anna at S1 again, otherwise
    said = problems_of("bad.csv", samples)
    assert said[:3] == [
        "bad.csv:3:1: unknown participant 'Jan Nowak': no participant has this first and "
        "last name",
        f"bad.csv:4:2: unknown date 2014-11-22: no session on that day (session dates: "
        f"{SESSION_DATES})",
        "bad.csv:5:3: unknown mark 'maybe' (present: x, +, 1, ob, Present, Yes, ✓; absent: "
        "empty, -, 0, nb, Absent, No; excused: u, usp, Excused; late: sp, Late; or hours "
        "such as 4,5)"]
    assert said[3] == "bad.csv:6:4: 6.5 hours exceed the 6 hours of session S4 (2014-12-12)"
    assert said[4] == ("bad.csv:7:3: U1 at session S1 is given twice with different marks: "
                       "absent here, present 8 h at line 2, column 3")
    assert len(said) == 5


def test_long_workbook_errors_name_the_cell(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    book(tmp_path / "lista.xlsx", [["Lista"], ["Imię", "Nazwisko", "Data", "Status"],
                                   ["Anna", "Wójcik", "2014-11-20", "x"],
                                   ["Anna", "Wójcik", "2014-11-20", "nb"]], title="Zajęcia")
    assert problems_of("lista.xlsx", samples) == [
        "lista.xlsx[Zajęcia]:D4: U1 at session S1 is given twice with different marks: "
        "absent here, present at [Zajęcia]:D3"]


def test_english_headers_and_marks_in_a_wide_list(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    book(tmp_path / "wide.xlsx", [
        ["Attendance sheet"], [],
        ["No.", "Full Name", "Organisation", dt.datetime(2014, 11, 20), "21.11.2014"],
        [1, "Anna Wójcik", "UG", "Present", "✓"],
        [2, "Jan Kamiński", "NGO", "Absent", "Late"],
        [3, "Zuzanna Gąsienica-Roj", "NGO", "Excused", "Y"],
        [4, "Michał Łaś", "UG", "N", "yes"]], title="Day 1")
    result = import_attendance("wide.xlsx", samples)
    pd.testing.assert_frame_equal(result.table, expected(
        ["U1", "S1", "present", ""], ["U1", "S2", "present", ""],
        ["U2", "S1", "absent", ""], ["U2", "S2", "late", ""],
        ["U3", "S1", "excused", ""], ["U3", "S2", "present", ""],
        ["U4", "S1", "absent", ""], ["U4", "S2", "present", ""]))
    assert result.formats == ["wide.xlsx[Day 1]: read as a wide attendance list"]


def test_a_file_of_no_known_shape_says_what_was_looked_for(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.csv").write_text("Topic,Room\nBudżet obywatelski,12\n")
    [said] = problems_of("notes.csv", samples)
    assert said.startswith("notes.csv:1:1: no attendance found: looked for a wide attendance "
                           "list")
    assert "a long table" in said and "an online-meeting report" in said


def test_cli_states_the_format_and_writes_nothing_on_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "long.tsv").write_text("Participant ID\tDate\tStatus\nU1\t2014-11-20\tPresent\n"
                                       "U2\t2014-11-21\tAbsent\n")
    assert cli.main(["import", "attendance", "long.tsv", "--data", str(SAMPLES),
                     "--out", "att.csv"]) == 0
    assert (tmp_path / "att.csv").read_text() == ("participant_id,session_id,status,hours\n"
                                                  "U1,S1,present,\nU2,S2,absent,\n")
    assert "long.tsv: read as a long attendance table" in capsys.readouterr().err
    (tmp_path / "long.tsv").write_text("Participant ID\tDate\tStatus\nU9\t2014-11-20\tPresent\n")
    assert cli.main(["import", "attendance", "long.tsv", "--data", str(SAMPLES),
                     "--out", "again.csv"]) == 1
    assert "long.tsv:2:1: unknown participant_id 'U9'" in capsys.readouterr().err
    assert not (tmp_path / "again.csv").exists()


def test_an_id_column_of_row_numbers_gives_way_to_the_name(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ids.csv").write_text("ID,Name,Date,Status\n1,Anna Wójcik,2014-11-20,x\n"
                                      "U2,,2014-11-20,nb\n7,Jan Nowak,2014-11-20,x\n"
                                      "8,U3,2014-11-20,x\n")
    with pytest.raises(DataError) as caught:
        import_attendance("ids.csv", samples)
    assert [str(p) for p in caught.value.problems] == [
        "ids.csv:4:2: unknown participant 'Jan Nowak': no participant has this first and "
        "last name"]
    (tmp_path / "ids.csv").write_text("ID,Name,Date,Status\n1,Anna Wójcik,2014-11-20,x\n"
                                      "U2,,2014-11-20,nb\n8,U3,2014-11-20,x\n")
    pd.testing.assert_frame_equal(import_attendance("ids.csv", samples).table, expected(
        ["U1", "S1", "present", ""], ["U2", "S1", "absent", ""], ["U3", "S1", "present", ""]))


def test_a_wide_list_as_csv_names_line_and_column(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wide.csv").write_text("Attendance\n\nName;20.11.2014;21.11.2014\n"
                                       "Anna Wójcik;Present;Absent\nJan Kamiński;x;maybe\n")
    with pytest.raises(DataError) as caught:
        import_attendance("wide.csv", samples)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("wide.csv", 5, 3)
    assert problem.message.startswith("unknown mark 'maybe'")


def test_a_column_mixing_day_first_and_month_first_dates(tmp_path, monkeypatch, samples):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mixed.csv").write_text("Name,Date,Status\nAnna Wójcik,20/11/2014,x\n"
                                        "Jan Kamiński,11/21/2014,x\n")
    said = problems_of("mixed.csv", samples)
    assert [s.split(": ")[0] for s in said] == ["mixed.csv:2:2", "mixed.csv:3:2"]
    assert all("day first (20/11/2014) and month first" in s for s in said)
