"""Damaged and mistaken input: each case a copy of data/demo spoilt in one way.

Every problem is reported at its ``FILE:LINE:COLUMN`` (or names the file or sheet), every
other problem is still found, and nothing ends in an internal error or a traceback.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys

import openpyxl
import pytest

from conftest import DEMO, REPO
from toolkit import validate
from toolkit.errors import MAX_SHOWN


def demo_copy(tmp_path, name="demo"):
    """A copy of the demo dataset; its files can be spoilt freely."""
    return shutil.copytree(DEMO, tmp_path / name)


def edit(folder, table, old, new, count=1):
    path = folder / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def messages(folder, severity="error") -> list[str]:
    """Problems as printed, the folder's prefix removed."""
    return [str(p).replace(f"{folder}/", "") for p in validate(folder) if p.severity == severity]


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True,
                          text=True, cwd=REPO)


def demo_workbook(path, tables=None):
    """The demo dataset as one workbook (every cell as text), ``tables`` sheets only."""
    import csv

    book = openpyxl.Workbook()
    book.remove(book.active)
    for csv_path in sorted(DEMO.glob("*.csv")):
        if tables is None or csv_path.stem in tables:
            sheet = book.create_sheet(csv_path.stem)
            with open(csv_path, encoding="utf-8", newline="") as handle:
                for row in csv.reader(handle):
                    sheet.append([cell or None for cell in row])
    book.save(path)
    return book


# ----------------------------------------------------------------- point 5: key columns

KEYS = [("attendance", "participant_id", 1), ("attendance", "session_id", 2),
        ("responses", "response_id", 1), ("responses", "item_id", 3),
        ("index_scores", "wave", 2), ("index_scores", "area_id", 4),
        ("recommendations", "recommendation_id", 2), ("support", "activity", 2)]


@pytest.mark.parametrize("table, key, column", KEYS)
def test_missing_key_column_is_reported_with_every_other_problem(tmp_path, table, key, column):
    folder = demo_copy(tmp_path)
    header = (folder / f"{table}.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    edit(folder, table, header, header.replace(key, "kolumna"))
    edit(folder, "sessions", "Z1D2,1,2,2014-11-21,7.5", "Z1D2,1,2,2014-11-21,-1")
    errors = messages(folder)
    assert f"{table}.csv:1:1: missing required column '{key}'" in errors
    assert "sessions.csv:3:5: hours: '-1' must be more than 0" in errors
    assert not any("internal error" in e for e in errors)


def test_misspelt_key_column_is_shown_at_the_misspelt_header(tmp_path):
    folder = demo_copy(tmp_path)
    edit(folder, "responses", "response_id,", "respons_id,")
    assert messages(folder) == [
        "responses.csv:1:1: missing required column 'response_id' "
        "(is 'respons_id' a misspelling of it?)"]


@pytest.mark.parametrize("command", [["validate"], ["tables", "--out", "OUT/t.xlsx"],
                                     ["diplomas", "--out", "OUT/d.csv"]])
def test_missing_key_column_on_the_command_line(tmp_path, command):
    folder = demo_copy(tmp_path)
    edit(folder, "responses", "response_id,", "id,")
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    done = run(*args[:1], "--data", str(folder), *args[1:])
    assert done.returncode == 1
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert f"{folder}/responses.csv:1:1: missing required column 'response_id'" in done.stderr
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------- point 6: knowledge items, empty tables

def test_knowledge_item_without_correct_answer_is_an_error_at_the_cell(tmp_path):
    folder = demo_copy(tmp_path)
    lines = (folder / "items.csv").read_text(encoding="utf-8").splitlines()
    line = next(i for i, l in enumerate(lines, 1) if ",knowledge," in l)
    fields = lines[line - 1].split(",")
    correct = lines[0].split(",").index("correct")
    fields[correct] = ""
    edit(folder, "items", lines[line - 1], ",".join(fields))
    assert messages(folder) == [
        f"items.csv:{line}:{correct + 1}: correct: knowledge item '{fields[0]}' has no correct "
        "answer (every answer would count as wrong)"]


def test_knowledge_items_without_the_correct_column(tmp_path):
    folder = demo_copy(tmp_path)
    lines = (folder / "items.csv").read_text(encoding="utf-8").splitlines()
    correct = lines[0].split(",").index("correct")
    kept = [",".join(f for i, f in enumerate(l.split(",")) if i != correct) for l in lines]
    (folder / "items.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    knowledge = sum(",knowledge," in l for l in lines)
    assert knowledge and messages(folder) == [
        f"items.csv:1:1: missing column 'correct': {knowledge} knowledge item(s) need their "
        "correct answer (else every answer would count as wrong)"]


def test_header_only_attendance_is_valid(tmp_path):
    folder = demo_copy(tmp_path)
    (folder / "attendance.csv").write_text("participant_id,session_id,status,hours\n")
    assert messages(folder) == []


def test_header_only_gminas_says_the_table_is_empty(tmp_path):
    folder = demo_copy(tmp_path)
    (folder / "gminas.csv").write_text("gmina_id,name,powiat,wojewodztwo\n")
    assert messages(folder) == [
        "gminas.csv:1:1: the table is empty (a header row only): at least one gmina is required"]


def test_header_only_participants_said_once(tmp_path):
    folder = demo_copy(tmp_path)
    (folder / "participants.csv").write_text(
        "participant_id,gmina_id,sector,organisation,first_name,last_name,gender,group\n")
    rows = len((folder / "attendance.csv").read_text().splitlines()) - 1
    errors = messages(folder)
    assert (f"participants.csv:1:1: the table is empty (a header row only), but {rows} row(s) "
            "of attendance refer to it (participant_id)") in errors
    assert not any("is not in participants" in e for e in errors)


# ------------------------------------------------------------- point 8: size and repetition

def test_responses_pasted_twice_one_problem_per_repeated_row(tmp_path):
    folder = demo_copy(tmp_path)
    header, *body = (folder / "responses.csv").read_text(encoding="utf-8").splitlines()
    rows = [l.replace(l.split(",")[0], f"{l.split(',')[0]}_{i // len(body)}", 1)
            for i, l in enumerate(body * (10000 // len(body) + 1))][:10000]
    (folder / "responses.csv").write_text("\n".join([header, *rows, *rows]) + "\n")
    problems = validate(folder)
    assert sum(p.count for p in problems if p.is_error) == 10000
    first = rows[0].split(",")
    assert str(problems[0]).replace(f"{folder}/", "") == (
        f"responses.csv:10002:1: duplicate response_id/item_id (response_id={first[0]}, "
        f"item_id={first[2]}), already on line 2")
    done = run("validate", "--data", str(folder))
    lines = done.stderr.splitlines()
    assert done.returncode == 1 and len(lines) <= MAX_SHOWN + 2
    # The folded line quotes its first problem intact (row MAX_SHOWN's second copy).
    again = rows[MAX_SHOWN].split(",")
    assert lines[-2] == (f"{folder}/responses.csv: … and 9 800 more of this kind (first at "
                         f"line {10002 + MAX_SHOWN}, column 1): duplicate response_id/item_id "
                         f"(response_id={again[0]}, item_id={again[2]}), already on line "
                         f"{2 + MAX_SHOWN}")
    assert lines[-1] == f"{folder}: 10,000 errors, 0 warnings"


def garbage(size: int, width: int, seed: int = 0) -> str:
    """Lines of nonsense: some of the table's width, some repeated, most ragged."""
    rnd = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyzĄĘŁ0123456789 ;-"
    lines, total = [], 0
    while total < size:
        kind = rnd.random()
        if kind < 0.4:
            cells = ["".join(rnd.choices(letters, k=rnd.randint(0, 6))) for _ in range(width)]
        elif kind < 0.6:
            cells = ["x"] * width
        else:
            cells = ["".join(rnd.choices(letters, k=rnd.randint(1, 9)))
                     for _ in range(rnd.randint(1, 12))]
        lines.append(",".join(cells))
        total += len(lines[-1]) + 1
    return "\n".join(lines) + "\n"


def test_fifty_megabytes_of_garbage_after_a_valid_table(tmp_path):
    folder = demo_copy(tmp_path)
    path = folder / "responses.csv"
    valid = path.read_text(encoding="utf-8")
    chunk = garbage(1_000_000, valid.split("\n", 1)[0].count(",") + 1)
    with open(path, "a", encoding="utf-8") as handle:
        for seed in range(50):  # 50 MB: one megabyte of garbage, its lines shuffled each time
            lines = chunk.splitlines()
            random.Random(seed).shuffle(lines)
            handle.write("\n".join(lines) + "\n")
    size = path.stat().st_size
    assert size > 50_000_000
    done = run("validate", "--data", str(folder))
    lines = done.stderr.splitlines()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(lines) <= MAX_SHOWN + 12 + 1  # the listed ones, one line per kind, the total
    first_bad = valid.count("\n") + 1
    assert lines[0].startswith(f"{path}:{first_bad}:")
    assert any(" more of this kind " in line for line in lines)
    total = int(lines[-1].rsplit(": ", 1)[1].split(" error")[0].replace(",", ""))
    assert total > 1_000_000  # every bad row counted, though few are listed
    assert path.stat().st_size == size


# ----------------------------------------------------------------------- point 9: huge cell

def test_a_huge_cell_is_reported_and_reading_goes_on(tmp_path):
    folder = demo_copy(tmp_path)
    lines = (folder / "support.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("spotkania GWD", "x" * 200_000)
    lines[4] = lines[4].rsplit(",", 1)[0] + ",-3"
    (folder / "support.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert messages(folder) == [
        "support.csv:3:2: a cell of 200 000 characters (more than 131 072): a damaged file or "
        "an unclosed quote \"; the row is not read",
        "support.csv:5:5: delivered: '-3' must not be negative"]


def test_malformed_row_does_not_stop_the_reading(tmp_path):
    folder = demo_copy(tmp_path)
    lines = (folder / "support.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("spotkania GWD", '"spotkania" GWD')
    lines[4] = lines[4].rsplit(",", 1)[0] + ",-3"
    (folder / "support.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = messages(folder)
    assert errors[0].startswith("support.csv:3:1: malformed CSV:")
    assert errors[1:] == ["support.csv:5:5: delivered: '-3' must not be negative"]


# ---------------------------------------------------------------------- point 10: clearer words

def test_utf16_with_a_bom_is_read(tmp_path):
    folder = demo_copy(tmp_path)
    text = (folder / "participants.csv").read_text(encoding="utf-8")
    (folder / "participants.csv").write_bytes(text.replace(",", "\t").encode("utf-16"))
    assert messages(folder) == []


def test_utf16_without_a_bom_says_save_as_utf8(tmp_path):
    folder = demo_copy(tmp_path)
    text = (folder / "participants.csv").read_text(encoding="utf-8")
    (folder / "participants.csv").write_bytes(text.encode("utf-16-le"))
    assert messages(folder) == [
        "participants.csv:1:1: a UTF-16 text file without a byte-order mark; save it as CSV "
        "UTF-8 (Excel: 'CSV UTF-8 (comma delimited)')"]


def test_utf8_bom_then_windows_1250_bytes_is_mixed_encoding(tmp_path):
    folder = demo_copy(tmp_path)
    text = (folder / "participants.csv").read_text(encoding="utf-8")
    head, line3, rest = text.split("\n", 2)[0], text.split("\n")[2], text.split("\n", 3)[3]
    data = (b"\xef\xbb\xbf" + (head + "\n" + text.split("\n")[1] + "\n").encode("utf-8")
            + (line3 + "\n").encode("cp1250") + rest.encode("utf-8"))
    (folder / "participants.csv").write_bytes(data)
    column = next(i for i, f in enumerate(line3.split(","), 1)
                  if f.encode("cp1250") != f.encode("utf-8"))
    [error] = messages(folder)
    assert error.startswith(f"participants.csv:3:{column}: mixed encoding: the file starts as "
                            "UTF-8 (byte-order mark) but here holds bytes of another encoding")
    assert error.endswith("save the whole file as CSV UTF-8")


@pytest.mark.parametrize("start", [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"not a workbook"])
def test_xls_or_password_protected_renamed_xlsx(tmp_path, start):
    book = tmp_path / "dane.xlsx"
    book.write_bytes(start + bytes(600))
    problems = validate(book)
    assert len(problems) == 1 and problems[0].file == str(book)
    assert (problems[0].line, problems[0].column) == (1, 1)
    assert problems[0].message.startswith("not an .xlsx workbook")
    if start.startswith(b"\xd0"):
        assert "an old Excel .xls file or a password-protected workbook" in problems[0].message


def test_formula_without_a_saved_value_names_the_cell(tmp_path):
    path = tmp_path / "dane.xlsx"
    book = demo_workbook(path, tables={"gminas"})
    book["gminas"]["B3"] = '=UPPER("Bukowina")'  # openpyxl saves no computed value
    book.save(path)
    errors = [str(p) for p in validate(path) if p.is_error]
    assert errors == [
        f"{path}[gminas]:3:2: cell B3: formula without a saved value: open and save the "
        "workbook in Excel (the file was written by a program that does not compute formulas)",
        f"{path}[gminas]:3:2: name: a value is required"]


def test_misspelt_sheet_is_named_with_a_suggestion(tmp_path):
    path = tmp_path / "dane.xlsx"
    book = demo_workbook(path)
    book["participants"].title = "Participant"
    book.save(path)
    warnings = [str(p) for p in validate(path) if not p.is_error]
    assert (f"{path}[Participant]:1:1: warning: sheet 'Participant' ignored: not a table name; "
            "did you mean 'participants'?") in warnings


def test_misspelt_csv_file_is_named_with_a_suggestion(tmp_path):
    folder = demo_copy(tmp_path)
    (folder / "support.csv").rename(folder / "suport.csv")
    assert messages(folder, "warning") == [
        "suport.csv:1:1: warning: file 'suport.csv' ignored: not a table name; "
        "did you mean 'support.csv'?"]
