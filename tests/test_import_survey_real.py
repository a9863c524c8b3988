"""``import survey`` on exports shaped as the tools really write them (SPEC §3 "Real exports
import as exported").

Every export here is written by the test in a shape Google Forms, Google Sheets or
LimeSurvey produce: en-US and Polish Google CSVs, a Sheets ``.xlsx`` download, an unquoted
TSV, LimeSurvey in its three heading modes as CSV and ``.xlsx``, in English, Spanish and
Dutch. The expected values are written by hand from the rows below.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil

import openpyxl
import pandas as pd
import pytest

from conftest import SAMPLES
from toolkit import DataError, UsageError, load_dataset
from toolkit.cli import main
from toolkit.io.survey import import_survey

MIECHOW, BUKOWINA = "1208053", "1217032"

ITEMS = """item_id,instrument,text,kind,scale,construct,correct,source
g_1,course,The training was useful,likert,agree5,,,
g_2,course,How would you rate the trainers?,likert,rating5,,,
g_3,course,Other remarks,open,,,,Comments #2
g_4,course,What should we improve?,open,,,,
l_1,lime,The training was useful,likert,agree5,,,Z1[SQ001]
l_2,lime,The materials were clear,likert,agree5,,,Z1[SQ002]
l_3,lime,What should we improve?,open,,,,Z2
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("real") / "data"
    root.mkdir()
    for name in ("gminas", "participants"):
        shutil.copy(SAMPLES / f"{name}.csv", root / f"{name}.csv")
    (root / "items.csv").write_text(ITEMS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def data(folder):
    return load_dataset(folder)


def errors_of(call) -> list[str]:
    with pytest.raises(DataError) as caught:
        call()
    return [str(p) for p in caught.value.errors]


def by_response(result) -> dict[str, dict[str, str]]:
    """``{response number: {item_id: answer}}`` (the id's last part is the number)."""
    out: dict[str, dict[str, str]] = {}
    for row in result.responses.itertuples():
        out.setdefault(row.response_id.rsplit("-", 1)[1], {})[row.item_id] = row.answer
    return out


# ----------------------------------------------------------------------- Google Forms

GOOGLE_EN = (
    "Timestamp,Email Address,How much do you agree? [The training was useful],"
    "How would you rate the trainers?,Age,Comments,Comments,What should we improve?\n"
    '12/13/2019 9:50:30,a@x.org,Agree,Very good,34,first one,second one,"More, examples"\n'
    "12/14/2019 14:05:00,b@x.org,Strongly disagree,Poor,51,,late,\n"
    "1/2/2020 8:00:00,c@x.org,Don't know,average,45,x,,Nothing\n"
)


def test_google_en_us_csv_with_gmina_option(tmp_path, data):
    path = tmp_path / "Course (Responses) - Form responses 1.csv"
    path.write_text(GOOGLE_EN, encoding="utf-8")
    got = import_survey(path, None, "course", data, gmina="Miechów")
    assert (got.format, got.detected, got.date_order) == ("google", True, "mdy")
    assert got.n_responses == 3 and got.skipped == 0
    answers = by_response(got)
    # agree5: agree 4, strongly disagree 1; rating5: very good 5, poor 2, average 3.
    assert answers == {
        "1": {"g_1": "4", "g_2": "5", "g_3": "second one", "g_4": "More, examples"},
        "2": {"g_1": "1", "g_2": "2", "g_3": "late", "g_4": ""},
        "3": {"g_1": "Don't know", "g_2": "3", "g_3": "", "g_4": "Nothing"},
    }
    frame = got.responses
    assert set(frame["gmina_id"]) == {MIECHOW}
    assert frame.drop_duplicates("response_id")["submitted_at"].tolist() == [
        "2019-12-13 09:50:30", "2019-12-14 14:05:00", "2020-01-02 08:00:00"]
    # Age and the first "Comments" are warnings, once per column; the e-mail is not a question.
    warnings = [str(w) for w in got.warnings]
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{path}:1:5: warning: column 'Age' matches no item")
    assert warnings[1].startswith(f"{path}:1:6: warning: column 6 'Comments' matches no item")
    assert "columns 6, 7 have this header" in warnings[1]
    assert "'Comments #1'" in warnings[1]


def test_no_gmina_column_and_no_option_is_one_error_naming_both(tmp_path, data):
    path = tmp_path / "export.csv"
    path.write_text(GOOGLE_EN, encoding="utf-8")
    (message,) = errors_of(lambda: import_survey(path, None, "course", data))
    assert message.startswith(f"{path}:1:1: the export has no 'Gmina' column")
    assert "--gmina" in message
    with pytest.raises(UsageError, match="--gmina 'Gorlice'"):
        import_survey(path, None, "course", data, gmina="Gorlice")


def test_ambiguous_dates_need_the_date_order(tmp_path, data):
    text = ("Timestamp,How would you rate the trainers?\n"
            "1/2/2020 9:00:00,good\n"
            "3/4/2020 9:00:00,good\n"
            "5/5/2020 9:00:00,good\n")
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    (message,) = errors_of(lambda: import_survey(path, "google", "course", data,
                                                 gmina=BUKOWINA))
    assert message.startswith(f"{path}:1:1: every date in column 'Timestamp' fits both")
    assert "--date-order dmy" in message and "--date-order mdy" in message
    stamps = {}
    for order in ("dmy", "mdy"):
        got = import_survey(path, "google", "course", data, gmina=BUKOWINA, date_order=order)
        stamps[order] = got.responses.drop_duplicates("response_id")["submitted_at"].tolist()
    assert stamps["dmy"] == ["2020-02-01 09:00:00", "2020-04-03 09:00:00",
                             "2020-05-05 09:00:00"]
    assert stamps["mdy"] == ["2020-01-02 09:00:00", "2020-03-04 09:00:00",
                             "2020-05-05 09:00:00"]
    # A day above 12 settles the order for the whole column: 13/12 is day first.
    path.write_text(text + "13/12/2019 09:50:30,good\n", encoding="utf-8")
    got = import_survey(path, "google", "course", data, gmina=BUKOWINA)
    assert got.date_order == "dmy"
    assert got.responses["submitted_at"].iat[0] == "2020-02-01 09:00:00"
    # Given the wrong order, the row that does not fit is an error at its cell.
    assert errors_of(lambda: import_survey(path, "google", "course", data, gmina=BUKOWINA,
                                           date_order="mdy"))[0].startswith(
        f"{path}:5:1: '13/12/2019 09:50:30' is not a date and time (read month first: "
        "--date-order mdy)")


def test_google_polish_csv_with_semicolons_bom_and_gmina_column(tmp_path, data):
    text = ("Sygnatura czasowa;Adres e-mail;Gmina;Oceń [The training was useful];"
            "How would you rate the trainers?\r\n"
            "13.12.2019 09:50:30;a@b.pl;Miechów;raczej tak;bardzo dobrze\r\n"
            "14.12.2019 10:00:00;b@b.pl;Bukowina Tatrzańska;Zdecydowanie nie;2\r\n")
    path = tmp_path / "ankieta.csv"
    path.write_bytes(text.encode("utf-8-sig"))
    got = import_survey(path, None, "course", data)
    assert got.warnings[0].message.startswith("item 'g_3'")  # items without a column only
    assert all(w.message.startswith("item ") for w in got.warnings)
    assert by_response(got) == {"1": {"g_1": "4", "g_2": "5"}, "2": {"g_1": "1", "g_2": "2"}}
    assert got.responses.drop_duplicates("response_id")["gmina_id"].tolist() == [MIECHOW,
                                                                                 BUKOWINA]
    assert got.responses["submitted_at"].iat[0] == "2019-12-13 09:50:30"
    # Column and --gmina: the column wins where filled; a row naming another gmina is an error.
    assert errors_of(lambda: import_survey(path, None, "course", data, gmina=MIECHOW)) == [
        f"{path}:3:3: gmina 'Bukowina Tatrzańska' ({BUKOWINA}) differs from --gmina {MIECHOW}"]


def test_google_sheets_xlsx_download(tmp_path, data):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form Responses 1"
    sheet.append(["Timestamp", "How much do you agree? [The training was useful]",
                  "How would you rate the trainers?", "What should we improve?"])
    sheet.append([dt.datetime(2019, 12, 13, 9, 50, 30), "Strongly agree", 4, "Nothing"])
    sheet.append([dt.datetime(2019, 12, 14, 10, 0, 0), "Neither agree nor disagree", "Good",
                  None])
    book.create_sheet("Other")["A1"] = "ignored"
    path = tmp_path / "Course (Responses).xlsx"
    book.save(path)
    got = import_survey(path, None, "course", data, gmina=MIECHOW)
    assert got.format == "google"
    assert by_response(got) == {"1": {"g_1": "5", "g_2": "4", "g_4": "Nothing"},
                                "2": {"g_1": "3", "g_2": "4", "g_4": ""}}
    assert got.responses["submitted_at"].iat[0] == "2019-12-13 09:50:30"
    sheet["C3"] = "Excellent"
    book.save(path)
    (message,) = errors_of(lambda: import_survey(path, None, "course", data, gmina=MIECHOW))
    assert message.startswith(f"{path}[Form Responses 1]:3:3: answer 'Excellent' to item "
                              "'g_2' is not valid on the scale rating5")


def test_unquoted_tsv_with_a_malformed_line(tmp_path, data):
    text = ("Timestamp\tHow would you rate the trainers?\tWhat should we improve?\n"
            "2019/12/13 9:50:30\tgood\t\"tidyverse\" is new to me\n"
            "2019/12/13 9:51:30\tpoor\tthe room\tand the coffee\n"
            "2019/12/13 9:52:30\tvery good\tit's \"fine\"\n")
    path = tmp_path / "export.tsv"
    path.write_text(text, encoding="utf-8")
    assert errors_of(lambda: import_survey(path, None, "course", data, gmina=MIECHOW)) == [
        f"{path}:3:4: row has 4 fields but the header has 3"]
    path.write_text(text.replace("\tand the coffee", ""), encoding="utf-8")
    got = import_survey(path, None, "course", data, gmina=MIECHOW)
    assert by_response(got) == {"1": {"g_2": "4", "g_4": '"tidyverse" is new to me'},
                                "2": {"g_2": "2", "g_4": "the room"},
                                "3": {"g_2": "5", "g_4": 'it\'s "fine"'}}


def test_a_malformed_line_is_never_folded_and_the_folded_line_quotes_a_real_example(
        tmp_path, folder, capsys):
    rows = [f"2019/12/13 9:{i % 60:02d}:00\tsuper {i}\tok" for i in range(300)]
    rows.insert(250, "2019/12/13 10:00:00\tgood\tone\ttwo\tthree")
    path = tmp_path / "big.tsv"
    path.write_text("Timestamp\tHow would you rate the trainers?\tWhat should we improve?\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code = main(["import", "survey", str(path), "--instrument", "course", "--data",
                 str(folder), "--out", str(out), "--gmina", MIECHOW])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists() and "Traceback" not in err
    assert f"{path}:252:4: row has 5 fields but the header has 3" in err.splitlines()
    folded = [line for line in err.splitlines() if "more of this kind" in line]
    assert len(folded) == 1
    # 200 listed: the ragged line, 2 warnings (items g_1, g_3 without a column, line 1) and
    # the bad answers of rows 0..196 (lines 2..198); the other 103 are folded, quoting row 197.
    assert folded[0].startswith(f"{path}: … and 103 more of this kind (first at line 199, "
                                "column 2): answer 'super 197' to item 'g_2' is not valid")


# -------------------------------------------------------------------------- LimeSurvey

SYSTEM = {
    "codes": ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
              "datestamp", "ipaddr", "refurl"],
    "full": ["Response ID", "Date submitted", "Last page", "Start language", "Seed",
             "Date started", "Date last action", "IP address", "Referrer URL"],
}
SYSTEM["code_text"] = [f"{c}. {t}" for c, t in zip(SYSTEM["codes"], SYSTEM["full"])]
QUESTIONS = {
    "codes": ["Z1[SQ001]", "Z1[SQ002]", "Z2", "Age", "interviewtime", "groupTime12",
              "Z1Time", "Z2Time"],
    "full": ["How much do you agree? [The training was useful]",
             "How much do you agree? [The materials were clear]", "What should we improve?",
             "Your age", "Total time", "Group time: Evaluation", "Question time: Z1",
             "Question time: Z2"],
}
QUESTIONS["code_text"] = [f"{c}. {t}" for c, t in zip(QUESTIONS["codes"], QUESTIONS["full"])]
# Five responses; 2 and 4 are unfinished (empty submitdate; 4 even holds a bad code).
LIME_ROWS = [
    ["1", "2019-12-13 09:50:30", "2", "en", "11", "2019-12-13 09:40:00",
     "2019-12-13 09:50:30", "10.0.0.1", "", "A4", "A5", "More examples", "34", "120.5",
     "100", "50", "20"],
    ["2", "", "1", "en", "12", "2019-12-13 09:45:00", "2019-12-13 09:46:00", "", "", "A2",
     "", "", "", "", "", "", ""],
    ["3", "2019-12-13 10:00:00", "2", "en", "13", "2019-12-13 09:55:00",
     "2019-12-13 10:00:00", "", "", "A1", "A3", "", "51", "80", "70", "40", "30"],
    ["4", "", "1", "en", "14", "2019-12-13 10:05:00", "2019-12-13 10:06:00", "", "", "A9",
     "", "", "", "", "", "", ""],
    ["5", "2019-12-14 11:00:00", "2", "en", "15", "2019-12-14 10:50:00",
     "2019-12-14 11:00:00", "", "", "A5", "A4", "Nothing, thanks", "45", "99", "90", "45",
     "45"],
]
LIME_EXPECTED = {"1": {"l_1": "4", "l_2": "5", "l_3": "More examples"},
                 "3": {"l_1": "1", "l_2": "3", "l_3": ""},
                 "5": {"l_1": "5", "l_2": "4", "l_3": "Nothing, thanks"}}


def lime_header(mode: str) -> list[str]:
    return SYSTEM[mode] + QUESTIONS[mode]


def write_lime(path, header: list[str], rows=LIME_ROWS):
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        book.active.title = "results-survey123"
        for row in [header, *rows]:
            book.active.append(row)
        book.save(path)
    else:
        frame = pd.DataFrame(rows, columns=range(len(header)))
        frame.columns = header
        frame.to_csv(path, index=False, lineterminator="\n")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("mode", ["codes", "full", "code_text"])
def test_limesurvey_every_heading_mode_csv_and_xlsx(tmp_path, data, mode, suffix):
    path = write_lime(tmp_path / f"results-survey123{suffix}", lime_header(mode))
    got = import_survey(path, None, "lime", data, gmina=BUKOWINA)
    assert (got.format, got.detected) == ("limesurvey", True)
    assert (got.n_responses, got.skipped) == (3, 2)
    assert by_response(got) == LIME_EXPECTED
    tag = hashlib.sha256(path.read_bytes()).hexdigest()[:6]
    assert got.responses["response_id"].unique().tolist() == [f"lime-{tag}-{n}"
                                                              for n in (1, 3, 5)]
    assert got.responses.drop_duplicates("response_id")["submitted_at"].tolist() == [
        "2019-12-13 09:50:30", "2019-12-13 10:00:00", "2019-12-14 11:00:00"]
    # System and timing columns pass silently; only "Age" is not an item.
    (warning,) = got.warnings
    age = lime_header(mode).index(QUESTIONS[mode][3]) + 1
    assert str(warning).startswith(f"{path}{'[results-survey123]' if suffix == '.xlsx' else ''}"
                                   f":1:{age}: warning: column '{QUESTIONS[mode][3]}' matches")


@pytest.mark.parametrize("system", [
    ["ID de respuesta", "Fecha de envío", "Última página", "Idioma inicial", "Semilla",
     "Fecha de inicio", "Fecha de la última acción", "Dirección IP", "URL de referencia"],
    ["Antwoord ID", "Datum verstuurd", "Laatste pagina", "Starttaal", "Seed",
     "Datum gestart", "Datum laatste actie", "IP-adres", "Verwijzende URL"],
    # A language the toolkit does not know: id and submitdate are LimeSurvey's first two.
    ["Svars-ID", "Datum inskickat", "Sista sidan", "Startspråk", "Frö", "Datum startat",
     "Datum senaste åtgärd", "IP-adress", "Hänvisande URL"],
], ids=["es", "nl", "unknown"])
def test_limesurvey_full_text_in_other_languages(tmp_path, data, system):
    timings = ["Tiempo total", "Tiempo de grupo: Evaluación", "Tiempo de pregunta: Z1",
               "Vraag tijd: Z2"]
    header = system + QUESTIONS["full"][:4] + timings
    path = write_lime(tmp_path / "export.csv", header)
    got = import_survey(path, "limesurvey", "lime", data, gmina=BUKOWINA)
    assert (got.n_responses, got.skipped) == (3, 2)
    assert by_response(got) == LIME_EXPECTED
    tag = hashlib.sha256(path.read_bytes()).hexdigest()[:6]
    assert got.responses["response_id"].unique().tolist() == [f"lime-{tag}-{n}"
                                                              for n in (1, 3, 5)]


def test_limesurvey_english_full_answers(tmp_path, data):
    rows = [row[:9] + ["Agree", "Strongly agree", "", "30"] for row in LIME_ROWS]
    rows[2][9] = "Strongly disagree"
    path = write_lime(tmp_path / "export.csv", SYSTEM["full"] + QUESTIONS["full"][:4], rows)
    got = import_survey(path, None, "lime", data, gmina=MIECHOW)
    assert {n: a["l_1"] for n, a in by_response(got).items()} == {"1": "4", "3": "1", "5": "4"}
    assert {a["l_2"] for a in by_response(got).values()} == {"5"}


def test_limesurvey_without_submitdate_is_an_error(tmp_path, data):
    header = [h for h in lime_header("code_text") if not h.startswith("submitdate")]
    rows = [row[:1] + row[2:] for row in LIME_ROWS]
    path = write_lime(tmp_path / "export.csv", header, rows)
    messages = errors_of(lambda: import_survey(path, "limesurvey", "lime", data,
                                               gmina=MIECHOW))
    assert messages[0].startswith(f"{path}:1:1: no 'submitdate' ('Date submitted') column")
    # Nothing tells the unfinished response 4 apart now: its bad code is reported too.
    assert messages[1:] == [f"{path}:5:9: answer 'A9' to item 'l_1' is not valid on the "
                            f"scale agree5{messages[1].split('agree5', 1)[1]}"]


def test_two_exports_of_one_instrument_never_share_an_id(tmp_path, data):
    first = write_lime(tmp_path / "a.csv", lime_header("codes"))
    second_rows = [row[:9] + ["A3", "A3", "", "", "", "", "", ""] for row in LIME_ROWS]
    second = write_lime(tmp_path / "b.csv", lime_header("codes"), second_rows)
    ids = [import_survey(p, None, "lime", data, gmina=MIECHOW).responses["response_id"]
           for p in (first, second)]
    assert set(ids[0]).isdisjoint(ids[1])
    # The same file again gives the same ids.
    again = import_survey(first, None, "lime", data, gmina=MIECHOW).responses["response_id"]
    assert again.tolist() == ids[0].tolist()


def test_limesurvey_errors_name_their_cell(tmp_path, data):
    rows = [list(r) for r in LIME_ROWS]
    rows[2][10] = "A8"
    csv_path = write_lime(tmp_path / "export.csv", lime_header("codes"), rows)
    assert errors_of(lambda: import_survey(csv_path, None, "lime", data, gmina=MIECHOW))[0] \
        .startswith(f"{csv_path}:4:11: answer 'A8' to item 'l_2' is not valid on the scale "
                    "agree5")
    xlsx = write_lime(tmp_path / "export.xlsx", lime_header("full"), rows)
    assert errors_of(lambda: import_survey(xlsx, None, "lime", data, gmina=MIECHOW))[0] \
        .startswith(f"{xlsx}[results-survey123]:4:11: answer 'A8'")
    # Read as a Google form, a LimeSurvey export would import unfinished responses.
    assert "this is a LimeSurvey export" in errors_of(
        lambda: import_survey(csv_path, "google", "lime", data, gmina=MIECHOW))[0]


def test_cli_detects_counts_skipped_and_writes_atomically(tmp_path, folder, capsys):
    path = write_lime(tmp_path / "results.xlsx", lime_header("code_text"))
    out = tmp_path / "out" / "responses.csv"
    code = main(["import", "survey", str(path), "--instrument", "lime", "--data", str(folder),
                 "--out", str(out), "--gmina", "Bukowina Tatrzańska"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "a LimeSurvey export (detected from its columns)" in captured.err
    assert "2 incomplete responses skipped" in captured.err
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(written) == 9 and set(written["gmina_id"]) == {BUKOWINA}
    assert [p.name for p in out.parent.iterdir()] == ["responses.csv"]  # no temp file left

    code = main(["import", "survey", str(path), "--instrument", "lime", "--data", str(folder),
                 "--out", str(tmp_path / "none.csv")])
    captured = capsys.readouterr()
    assert code == 1 and "--gmina" in captured.err and "Traceback" not in captured.err
    assert not (tmp_path / "none.csv").exists()


def test_a_google_form_asking_names_and_email_is_not_taken_for_limesurvey(tmp_path, data):
    path = tmp_path / "export.csv"
    path.write_text("Timestamp,First name,Last name,Email address,Token,"
                    "How would you rate the trainers?\n"
                    "2019/12/13 9:50:30,Ann,Lee,a@x.org,abc,good\n", encoding="utf-8")
    got = import_survey(path, None, "course", data, gmina=MIECHOW)
    assert got.format == "google" and by_response(got) == {"1": {"g_2": "4"}}


def test_limesurvey_without_date_stamps(tmp_path, data):
    # "Date stamp" off: LimeSurvey writes 1980-01-01 00:00:00 for every finished response.
    header = ["id", "submitdate", "lastpage", "startlanguage", "Z1[SQ001]"]
    rows = [["1", "1980-01-01 00:00:00", "2", "nl", "A2"], ["2", "", "1", "nl", "A3"]]
    path = write_lime(tmp_path / "export.csv", header, rows)
    got = import_survey(path, None, "lime", data, gmina=MIECHOW)
    assert (got.n_responses, got.skipped) == (1, 1)
    assert got.responses[["item_id", "answer", "submitted_at"]].values.tolist() == [
        ["l_1", "2", ""]]
