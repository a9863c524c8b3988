"""Reading tables: encodings, separators, decimal comma, workbooks, line numbers."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from conftest import TINY, write_tables
from toolkit import load_dataset
from toolkit.io.tables import read_dataset


def _semicolon_decimal_comma(text: str) -> str:
    """The TINY CSV as Polish Excel writes it: ``;`` separated, decimal comma, no quotes."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([c.replace(".", ",") if c.replace(".", "").isdigit() else c for c in row])
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_encodings_give_the_same_tables(tmp_path, tiny_dir, encoding):
    copy = write_tables(tmp_path / encoding, TINY, encoding=encoding)
    expected = load_dataset(tiny_dir)
    got = load_dataset(copy)
    for name in TINY:
        pd.testing.assert_frame_equal(got[name], expected[name])
    assert got["participants"]["last_name"].tolist() == ["Ślęzak", "Gąsior", "Kowalska"]


def test_semicolon_and_decimal_comma(tmp_path, tiny_dir):
    polish = {name: _semicolon_decimal_comma(text) for name, text in TINY.items()}
    copy = write_tables(tmp_path / "pl", polish, encoding="cp1250")
    assert "7,5" in (copy / "sessions.csv").read_text(encoding="cp1250")
    got, expected = load_dataset(copy), load_dataset(tiny_dir)
    assert got["sessions"]["hours"].tolist() == [8.0, 7.5]
    assert got["attendance"]["hours"].tolist()[1] == 6.5
    pd.testing.assert_frame_equal(got["index_scores"], expected["index_scores"])


def test_decimal_comma_quoted_in_comma_file_and_thousands_space(damaged):
    folder = damaged(support='gmina_id,activity,unit,planned,delivered\n'
                             '1208053,doradztwo,h,"15,5",12\n'
                             '1208053,dofinansowanie,PLN,4 500,"4\u00a0500,50"\n')
    support = load_dataset(folder)["support"]
    assert support["planned"].tolist() == [15.5, 4500.0]
    assert support["delivered"].tolist() == [12.0, 4500.5]


def test_ids_stay_text_with_leading_zeros_and_spaces_are_trimmed(damaged):
    folder = damaged(gminas="gmina_id , name ,powiat,wojewodztwo\n"
                            " 1208053 ,  Miechów ,miechowski,małopolskie\n"
                            "0201011,Bolesławiec,bolesławiecki,dolnośląskie\n")
    gminas = load_dataset(folder).gminas
    assert gminas["gmina_id"].tolist() == ["1208053", "0201011"]
    assert gminas["name"].tolist() == ["Miechów", "Bolesławiec"]


def test_line_numbers_follow_quoted_line_breaks(damaged):
    # The answer on line 2 spans two lines, so the next record starts on line 4.
    folder = damaged(responses='response_id,instrument,item_id,answer,participant_id,gmina_id\n'
                               'R1,ocena_zjazd1,q3,"Sala za mała;\nkawa ""zimna""",P1,\n'
                               'R1,ocena_zjazd1,q1,bardzo,P1,\n')
    tables, problems = read_dataset(folder)
    assert problems == []
    assert tables["responses"].lines.tolist() == [2, 4]
    assert tables["responses"].frame.loc[0, "answer"] == 'Sala za mała;\nkawa "zimna"'


def test_blank_lines_are_skipped_but_counted(damaged):
    folder = damaged(gminas="gmina_id,name\n\n1208053,Miechów\n\n0201011,Bolesławiec\n")
    tables, _ = read_dataset(folder)
    assert tables["gminas"].lines.tolist() == [3, 5]


def test_trailing_empty_fields_from_excel_are_accepted(damaged):
    folder = damaged(gminas="gmina_id,name,powiat,wojewodztwo\n"
                            "1208053,Miechów,miechowski,małopolskie,,\n"
                            "0201011,Bolesławiec,bolesławiecki,dolnośląskie\n")
    assert len(load_dataset(folder).gminas) == 2


def _workbook(path, tables: dict[str, str], numeric_ids: bool = False):
    """Write ``{table: csv text}`` as one workbook; numbers typed as numbers."""
    import csv
    import io

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, text in tables.items():
        sheet = book.create_sheet(name)
        for row in csv.reader(io.StringIO(text)):
            cells = []
            for value in row:
                try:
                    number = float(value)
                    is_id = value.startswith("0") and len(value) == 7
                    cells.append(value if is_id and not numeric_ids else
                                 (int(number) if number.is_integer() else number))
                except ValueError:
                    cells.append(value or None)
            sheet.append(cells)
    book.save(path)
    return path


def test_workbook_gives_the_same_tables(tmp_path, tiny_dir):
    book = _workbook(tmp_path / "tiny.xlsx", TINY)
    got, expected = load_dataset(book), load_dataset(tiny_dir)
    for name in TINY:
        pd.testing.assert_frame_equal(got[name], expected[name], check_dtype=False)


def test_workbook_numeric_teryt_gets_its_leading_zero_back(tmp_path):
    book = _workbook(tmp_path / "tiny.xlsx", TINY, numeric_ids=True)
    assert load_dataset(book).gminas["gmina_id"].tolist() == ["1208053", "0201011"]


def test_workbook_problems_name_sheet_and_row(tmp_path):
    tables = {**TINY, "sessions": TINY["sessions"].replace("2014-11-21", "2014-02-30")}
    book = _workbook(tmp_path / "bad.xlsx", tables)
    from toolkit import validate

    errors = [str(p) for p in validate(book) if p.is_error]
    assert errors == [f"{book}[sessions]:3:4: date: '2014-02-30' must be a real date written YYYY-MM-DD"]


def test_input_files_are_never_modified(tmp_path, damaged):
    folder = damaged(sessions="session_id,zjazd,day,date,hours\nS1,x,1,2014-13-01,-3\n")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    from toolkit import validate

    assert any(p.is_error for p in validate(folder))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
