"""``import attendance``: a wide attendance list (lista obecności) → the attendance table.

Workbooks are built here with openpyxl, laid out as the real sample is: title rows, a
header row at row 4 (``Lp.``, the name, ``Instytucja``, one column per date), then one row
per person from row 5, so cell ``E7`` is the third person's second date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata

import openpyxl
import pandas as pd
import pytest

from conftest import SAMPLES, write_tables
from toolkit import DataError, load_dataset
from toolkit.io.attendance_list import ATTENDANCE_COLUMNS, import_attendance_list, parse_mark

D1, D2, D3, D4 = (dt.datetime(2014, 11, 20), dt.datetime(2014, 11, 21),
                  dt.datetime(2014, 12, 11), dt.datetime(2014, 12, 12))
PEOPLE = ["Anna Wójcik", "Jan Kamiński", "Zuzanna Gąsienica-Roj", "Michał Łaś"]
TITLE = [["Model Współpracy – Współpraca na medal"], ["LISTA OBECNOŚCI – zjazd"], []]


@pytest.fixture(scope="module")
def samples():
    return load_dataset(SAMPLES)


def write_book(path, sheets: dict[str, list[list]]):
    """Write ``{sheet title: rows}`` as an .xlsx workbook at ``path``."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def zjazd(dates, marks, names=PEOPLE, header=("Lp.", "Imię i nazwisko", "Instytucja"),
          title=TITLE, footer=([], [None, "Podpis trenera: ......................"])):
    """A sheet laid out like the sample: ``marks`` is one list of cells per person."""
    rows = [list(r) for r in title] + [[*header, *dates]]
    for i, (name, cells) in enumerate(zip(names, marks), start=1):
        rows.append([i, name, "Instytucja", *cells])
    return rows + [list(r) for r in footer]


def expected(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=ATTENDANCE_COLUMNS, dtype=str)


def run(tmp_path, monkeypatch, sheets, data, name="lista.xlsx") -> pd.DataFrame:
    """Import a workbook named as a user would (relative to the working folder)."""
    write_book(tmp_path / name, sheets)
    monkeypatch.chdir(tmp_path)
    return import_attendance_list(name, data)


def problems(tmp_path, monkeypatch, sheets, data) -> list[str]:
    with pytest.raises(DataError) as caught:
        run(tmp_path, monkeypatch, sheets, data)
    return [str(p) for p in caught.value.problems]


# ------------------------------------------------------------------------- the sample

def test_sample_gives_the_expected_csv_and_is_not_modified(samples):
    path = SAMPLES / "lista_obecnosci.xlsx"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    got = import_attendance_list(path, samples)
    want = pd.read_csv(SAMPLES / "expected_attendance.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(got, want)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_written_workbook_is_not_modified(tmp_path, samples):
    path = write_book(tmp_path / "lista.xlsx", {"Zjazd 1": zjazd([D1], [["x"]] * 4)})
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    import_attendance_list(str(path), samples)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_rows_follow_participant_then_session_order(tmp_path, monkeypatch, samples):
    sheets = {"Zjazd 2": zjazd([D4, D3], [["u", "x"]], names=["Michał Łaś"]),
              "Zjazd 1": zjazd([D2, D1], [["nb", "x"], ["x", "sp"]],
                               names=["Michał Łaś", "Anna Wójcik"])}
    got = run(tmp_path, monkeypatch, sheets, samples)
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S1", "late", ""], ["U1", "S2", "present", ""],
        ["U4", "S1", "present", ""], ["U4", "S2", "absent", ""],
        ["U4", "S3", "present", ""], ["U4", "S4", "excused", ""]))


# ---------------------------------------------------------------------------- names

def test_two_name_columns_surname_first(tmp_path, monkeypatch, samples):
    rows = TITLE + [["Lp.", "Nazwisko", "Imię", "Podpis", D1]]
    rows += [[1, "Gąsienica-Roj", "Zuzanna", "", "x"], [2, "Wójcik", "Anna", "", "nb"],
             [3, None, None, "", "x"]]  # an unused numbered row: skipped
    got = run(tmp_path, monkeypatch, {"Zjazd 1": rows}, samples)
    pd.testing.assert_frame_equal(got, expected(["U1", "S1", "absent", ""],
                                                ["U3", "S1", "present", ""]))


def test_names_in_any_order_case_spacing_and_normalisation(tmp_path, monkeypatch, samples):
    names = ["Wójcik Anna", "  ANNA   wójcik ", unicodedata.normalize("NFD", "łaś michał"),
             "GĄSIENICA - ROJ   Zuzanna"]
    sheets = {"Zjazd 1": zjazd([D1], [["x"]] * 4, names=names)[:-2],
              "Zjazd 2": zjazd([D3], [["x"]], names=["Anna Wójcik"])}
    with pytest.raises(DataError) as caught:  # "Anna Wójcik" twice on one date is a duplicate
        run(tmp_path, monkeypatch, sheets, samples)
    assert [str(p) for p in caught.value.problems] == [
        "lista.xlsx[Zjazd 1]:D6: duplicate: U1 at session S1 (2014-11-20) is already "
        "given at [Zjazd 1]:D5"]
    sheets["Zjazd 1"] = zjazd([D1], [["x"], ["nb"], ["x"]], names=names[1:])
    got = run(tmp_path, monkeypatch, sheets, samples)
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S1", "present", ""], ["U1", "S3", "present", ""],
        ["U3", "S1", "present", ""], ["U4", "S1", "absent", ""]))


@pytest.mark.parametrize("header", ["Nazwisko i imię", "IMIĘ I NAZWISKO", " imie  i nazwisko ",
                                    "Uczestnik", "Imię, nazwisko", "Nazwisko"])
def test_name_headers(tmp_path, monkeypatch, samples, header):
    sheets = {"Zjazd 1": zjazd([D1], [["x"]], names=["Anna Wójcik"],
                               header=("Lp.", header, "Gmina"))}
    got = run(tmp_path, monkeypatch, sheets, samples)
    pd.testing.assert_frame_equal(got, expected(["U1", "S1", "present", ""]))


def test_unknown_and_ambiguous_names(tmp_path, monkeypatch, samples):
    twins = samples["participants"].copy()
    twins.loc[len(twins)] = {**twins.iloc[0].to_dict(), "participant_id": "U9"}
    data = type(samples)(tables={**samples.tables, "participants": twins})
    sheets = {"Zjazd 1": zjazd([D1], [["x"], ["x"]], names=["Jan Nowak", "anna wójcik"])}
    assert problems(tmp_path, monkeypatch, sheets, data) == [
        "lista.xlsx[Zjazd 1]:B5: unknown participant 'Jan Nowak': no participant has "
        "this first and last name",
        "lista.xlsx[Zjazd 1]:B6: ambiguous participant 'anna wójcik': matches U1, U9 "
        "(same first and last name)"]


def test_footer_and_section_rows_are_not_people(tmp_path, monkeypatch, samples):
    rows = TITLE + [["Lp.", "Imię i nazwisko", D1], [None, "Gmina Miechów"],
                    [1, "Anna Wójcik", "x"], [None, "Razem", 1], [None, "Trener: Jan Nowak"], [None, "Miechów, dnia ........"],
                    [None, "x – obecny, nb – nieobecny"]]
    got = run(tmp_path, monkeypatch, {"Zjazd 1": rows}, samples)
    pd.testing.assert_frame_equal(got, expected(["U1", "S1", "present", ""]))


# ---------------------------------------------------------------------------- dates

def test_text_dates_title_rows_and_ignored_columns(tmp_path, monkeypatch, samples):
    title = [["Stowarzyszenie"], ["Akademia Współpracy"], ["Lista obecności"], [],
             ["Miejsce: Miechów"]]
    rows = title + [["Lp.", "Imię i nazwisko", "Organizacja", "2014-11-20", " 21.11.2014 r. ",
                     "Podpis"]]
    rows += [[1, "Anna Wójcik", "UG", "x", "nb", "A. Wójcik"]]
    sheets = {"Zjazd 1": rows,
              "Zjazd 2": zjazd(["11.12.2014r", "czwartek\n12 grudnia 2014"], [["x", "u"]],
                               names=["Anna Wójcik"])}
    got = run(tmp_path, monkeypatch, sheets, samples)
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S1", "present", ""], ["U1", "S2", "absent", ""],
        ["U1", "S3", "present", ""], ["U1", "S4", "excused", ""]))


def test_unknown_date_names_the_header_cell(tmp_path, monkeypatch, samples):
    sheets = {"Zjazd 1": zjazd([D1, "22.11.2014"], [["x", "x"]], names=["Anna Wójcik"])}
    assert problems(tmp_path, monkeypatch, sheets, samples) == [
        "lista.xlsx[Zjazd 1]:E4: unknown date 2014-11-22: no session on that day "
        "(session dates: 2014-11-20, 2014-11-21, 2014-12-11, 2014-12-12)"]


def test_sessions_sharing_a_date_are_told_apart_by_group(tmp_path, monkeypatch):
    folder = write_tables(tmp_path / "groups", {
        "gminas": "gmina_id,name\n1208053,Miechów\n",
        "participants": "participant_id,gmina_id,sector,first_name,last_name,group\n"
                        "A1,1208053,JST,Ewa,Nowak,A\nB1,1208053,NGO,Jan,Kowal,B\n"
                        "C1,1208053,NGO,Ola,Lis,C\n",
        "sessions": "session_id,zjazd,day,date,hours,group\n"
                    "SA,1,1,2014-11-20,8,A\nSB,1,1,2014-11-20,6,B\n",
    })
    data = load_dataset(folder)
    sheets = {"Grupa A+B": zjazd([D1], [["x"], ["7"], [None]],
                                 names=["Ewa Nowak", "Jan Kowal", "Ola Lis"])}
    assert problems(tmp_path, monkeypatch, sheets, data) == [
        "lista.xlsx[Grupa A+B]:D6: 7 hours exceed the 6 hours of session SB (2014-11-20)"]
    sheets = {"Grupa A+B": zjazd([D1], [["x"], ["4"], ["x"]],
                                 names=["Ewa Nowak", "Jan Kowal", "Ola Lis"])}
    messages = problems(tmp_path, monkeypatch, sheets, data)
    assert messages == ["lista.xlsx[Grupa A+B]:D7: cannot tell the session: 2 sessions on "
                        "2014-11-20 (SA group 'A', SB group 'B') and for participant C1 "
                        "(group 'C') none matches"]
    sheets = {"Grupa A+B": zjazd([D1], [["x"], ["4"], [None]],
                                 names=["Ewa Nowak", "Jan Kowal", "Ola Lis"])}
    got = run(tmp_path, monkeypatch, sheets, data)
    pd.testing.assert_frame_equal(got, expected(["A1", "SA", "present", ""],
                                                ["B1", "SB", "present", "4"]))


# ---------------------------------------------------------------------------- marks

@pytest.mark.parametrize("cell, status, hours", [
    ("x", "present", ""), ("X.", "present", ""), ("+", "present", ""), ("1", "present", ""),
    (1, "present", ""), ("Ob.", "present", ""), ("OBECNA", "present", ""),
    (None, "absent", ""), ("", "absent", ""), ("-", "absent", ""), ("0", "absent", ""),
    (0, "absent", ""), (" NB ", "absent", ""), ("nieobecny", "absent", ""),
    ("u", "excused", ""), ("Usp.", "excused", ""), ("usprawiedliwiona", "excused", ""),
    ("SP", "late", ""), ("spóźniony", "late", ""), ("spozniona.", "late", ""),
    ("4", "present", "4"), (4, "present", "4"), (4.5, "present", "4.5"),
    ("4,5", "present", "4.5"), ("4.5", "present", "4.5"), ("4h", "present", "4"),
    ("4 h", "present", "4"), ("4,5 godz.", "present", "4.5"), ("1h", "present", "1"),
    ("0h", "absent", ""),
])
def test_marks(cell, status, hours):
    assert parse_mark(cell) == (status, hours)


@pytest.mark.parametrize("cell", ["q", "?", "-4", "x x", True, dt.datetime(2014, 11, 20)])
def test_not_marks(cell):
    assert parse_mark(cell) is None


def test_marks_and_hours_in_a_workbook(tmp_path, monkeypatch, samples):
    marks = [["X.", " NB "], ["Usp.", "4,5"], ["4h", 4.5], [None, "Sp."]]
    got = run(tmp_path, monkeypatch, {"Zjazd 1": zjazd([D1, D2], marks)}, samples)
    pd.testing.assert_frame_equal(got, expected(
        ["U1", "S1", "present", ""], ["U1", "S2", "absent", ""],
        ["U2", "S1", "excused", ""], ["U2", "S2", "present", "4.5"],
        ["U3", "S1", "present", "4"], ["U3", "S2", "present", "4.5"],
        ["U4", "S1", "absent", ""], ["U4", "S2", "late", ""]))


def test_unknown_mark_names_the_cell(tmp_path, monkeypatch, samples):
    marks = [["x", "x"], ["x", "x"], ["x", "q"], ["x", "x"]]
    assert problems(tmp_path, monkeypatch, {"Zjazd 1": zjazd([D1, D2], marks)}, samples) == [
        "lista.xlsx[Zjazd 1]:E7: unknown mark 'q' (present: x, +, 1, ob, Present, Yes, ✓; "
        "absent: empty, -, 0, nb, Absent, No; excused: u, usp, Excused; late: sp, Late; "
        "or hours such as 4,5)"]


def test_hours_above_the_session_hours(tmp_path, monkeypatch, samples):
    sheets = {"Zjazd 2": zjazd([D3, D4], [["8", "6,5"]], names=["Anna Wójcik"])}
    assert problems(tmp_path, monkeypatch, sheets, samples) == [
        "lista.xlsx[Zjazd 2]:E5: 6.5 hours exceed the 6 hours of session S4 (2014-12-12)"]


# ---------------------------------------------------------------------------- errors

def test_every_error_is_reported_in_one_pass(tmp_path, monkeypatch, samples):
    sheets = {"Zjazd 1": zjazd([D1, D2], [["x", "x"], ["x", "x"], ["x", "q"], ["x", "x"]],
                               names=["Anna Wójcik", "Jan Nowak", *PEOPLE[2:]]),
              "Zjazd 2": zjazd([D3, "2014-12-13"], [["x", "x"]], names=["Anna Wójcik"])}
    with pytest.raises(DataError) as caught:
        run(tmp_path, monkeypatch, sheets, samples)
    located = [(p.file, p.cell) for p in caught.value.problems]
    assert located == [("lista.xlsx[Zjazd 1]", "B6"), ("lista.xlsx[Zjazd 1]", "E7"),
                       ("lista.xlsx[Zjazd 2]", "E4")]
    assert all(p.is_error for p in caught.value.problems)


def test_same_participant_and_session_twice(tmp_path, monkeypatch, samples):
    sheets = {"Zjazd 1": zjazd([D1], [["x"]], names=["Anna Wójcik"]),
              "Zjazd 1 (kopia)": zjazd(["20.11.2014"], [["nb"]], names=["Anna Wójcik"])}
    assert problems(tmp_path, monkeypatch, sheets, samples) == [
        "lista.xlsx[Zjazd 1 (kopia)]:D5: duplicate: U1 at session S1 (2014-11-20) is "
        "already given at [Zjazd 1]:D5"]


def test_unreadable_inputs_say_why(tmp_path, monkeypatch, samples):
    (tmp_path / "lista.csv").write_text("Imię i nazwisko;2014-11-20\nAnna Wójcik;x\n")
    (tmp_path / "zepsuty.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    write_book(tmp_path / "pusty.xlsx", {"Arkusz1": [["Notatki"], ["Lp.", "Imię i nazwisko"]]})
    monkeypatch.chdir(tmp_path)
    said = {}
    for name in ("lista.csv", "zepsuty.xlsx", "brak.xlsx", "pusty.xlsx"):
        with pytest.raises(DataError) as caught:
            import_attendance_list(name, samples)
        [problem] = caught.value.problems
        assert (problem.file, problem.line, problem.column) == (name, 1, 1)
        said[name] = problem.message
    assert said["lista.csv"].startswith("not an .xlsx workbook")
    assert said["zepsuty.xlsx"].startswith("not a readable .xlsx workbook")
    assert said["brak.xlsx"] == "no such file"
    assert said["pusty.xlsx"].startswith("no attendance list found")


def test_sheet_without_its_header_row_is_an_error_naming_the_sheet(tmp_path, monkeypatch,
                                                                   samples):
    headless = zjazd([D3, D4], [["x", "x"], ["x", "nb"]])
    del headless[len(TITLE)]  # the header row: Lp., Imię i nazwisko, dates
    sheets = {"Zjazd 1": zjazd([D1, D2], [["x", "x"]] * 4), "Zjazd 2": headless}
    assert problems(tmp_path, monkeypatch, sheets, samples) == [
        "lista.xlsx[Zjazd 2]:B4: no header row: the sheet names participants ('Anna Wójcik') "
        "but has no row with a name column ('Imię i nazwisko', 'Nazwisko', …) and date "
        "columns, so its attendance cannot be read; add the header row"]


def test_sheet_of_notes_without_names_is_still_ignored(tmp_path, monkeypatch, samples):
    sheets = {"Zjazd 1": zjazd([D1, D2], [["x", "x"]] * 4),
              "Legenda": [["x – obecny"], ["nb – nieobecny"]]}
    assert len(run(tmp_path, monkeypatch, sheets, samples)) == 8
