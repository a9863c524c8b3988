"""``import survey`` on exports in further languages (SPEC §3 "Real exports import as
exported", SPEC §2 ``scales``).

A Spanish Google form answers with Spanish labels ("Totalmente de acuerdo"): a scale may
declare them in a ``labels_XX`` column (``labels_es``), read like ``labels`` and
``labels_en``. Also what a tester tries beside real exports: a LimeSurvey "code. text"
export matched by the text, an export of another instrument, an ``.ods`` file. Every export
is written by the test; the expected numbers are the labels' places on the scale, counted
by hand.
"""

from __future__ import annotations

import shutil
import zipfile

import pandas as pd
import pytest

from conftest import SAMPLES
from toolkit import DataError, load_dataset
from toolkit.cli import main
from toolkit.io.survey import import_survey
from toolkit.scales import scales_from_table

MIECHOW = "1208053"

ITEMS = """item_id,instrument,text,kind,scale,construct,correct,source
es_1,curso,Contenido,likert,acuerdo,,,Valore la formación [El contenido fue útil]
es_2,curso,Formadores,likert,acuerdo,,,Valore la formación [Los formadores estaban preparados]
es_3,curso,Global,likert,,,,Valoración global
ls_1,lime,Statement one,likert,,,,How much do you agree? [Statement one]
ls_2,lime,Any comments?,open,,,,
"""

ES = "totalmente en desacuerdo;en desacuerdo;ni de acuerdo ni en desacuerdo;de acuerdo;totalmente de acuerdo"
SCALES = ("scale,min,max,positive_min,labels,labels_en,dont_know,labels_es\n"
          "acuerdo,1,5,4,zdecydowanie nie;raczej nie;ani tak ani nie;raczej tak;zdecydowanie tak,"
          f",No sé,{ES}\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("locales") / "data"
    root.mkdir()
    for name in ("gminas", "participants", "sessions"):
        shutil.copy(SAMPLES / f"{name}.csv", root / f"{name}.csv")
    (root / "items.csv").write_text(ITEMS, encoding="utf-8")
    (root / "scales.csv").write_text(SCALES, encoding="utf-8")
    return root


def test_labels_in_a_further_language_are_read():
    table = pd.DataFrame({"scale": ["s"], "min": [0], "max": [2], "labels": ["a;b;c"],
                          "labels_en": [""], "labels_nl": ["oneens;neutraal;eens"]})
    scale = scales_from_table(table)["s"]
    values, invalid = scale.parse(pd.Series(["Eens", " neutraal ", "b", "oneens", "nee"]))
    assert values.tolist()[:4] == [2.0, 1.0, 1.0, 0.0]
    assert invalid.tolist() == [False, False, False, False, True]
    assert scale.label(2, "en") == "c"  # reports never show the further language


def test_spanish_google_form_with_spanish_labels(folder, tmp_path):
    export = tmp_path / "Formulario (respuestas).csv"
    export.write_text(
        "Marca temporal,Dirección de correo electrónico,Puntuación,"
        "Valore la formación [El contenido fue útil],"
        "Valore la formación [Los formadores estaban preparados],Valoración global,Edad,Edad\n"
        "2019/12/13 9:50:30 a. m. GMT-5,a@x.es,3 / 5,Totalmente de acuerdo,De acuerdo,4,30,x\n"
        "2019/12/14 9:10:03 p. m. GMT-5,b@x.es,1 / 5,En desacuerdo,No sé,3,40,y\n",
        encoding="utf-8")
    got = import_survey(export, None, "curso", load_dataset(folder), gmina="Miechów")
    answers = {(r.response_id.rsplit("-", 1)[1], r.item_id): r.answer
               for r in got.responses.itertuples()}
    assert answers == {("1", "es_1"): "5", ("1", "es_2"): "4", ("1", "es_3"): "4",
                       ("2", "es_1"): "2", ("2", "es_2"): "No sé", ("2", "es_3"): "3"}
    assert set(got.responses.submitted_at) == {"2019-12-13 09:50:30", "2019-12-14 21:10:03"}
    assert set(got.responses.gmina_id) == {MIECHOW}
    # Only the two "Edad" columns are warnings (e-mail and score are Google's own).
    assert [w.column for w in got.warnings] == [7, 8]


def test_a_label_of_another_language_is_still_an_error(folder, tmp_path):
    export = tmp_path / "nl.csv"
    export.write_text("Tijdstempel,Valore la formación [El contenido fue útil]\n"
                      "13-12-2019 9:50:30,Helemaal eens\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_survey(export, None, "curso", load_dataset(folder), gmina=MIECHOW)
    assert [(p.line, p.column) for p in caught.value.errors if p.is_error] == [(2, 2)]


def test_labels_xx_with_a_wrong_count_is_a_validation_error(folder, tmp_path, capsys):
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    (bad / "scales.csv").write_text(SCALES.replace(";totalmente de acuerdo", ""),
                                    encoding="utf-8")
    assert main(["validate", "--data", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "scales.csv:2:" in err and "labels_es" in err and "found 4" in err


LIME_CODE_TEXT = (
    "id. Response ID,submitdate. Date submitted,lastpage. Last page,"
    "startlanguage. Start language,Q1[SQ001]. How much do you agree? [Statement one],"
    "Q3. Any comments?,interviewtime. Total time\n"
    "7,2020-03-02 10:01:02,2,en,A4,Fine,184.2\n"
    "8,,1,en,A1,,40\n")


def test_code_text_header_matches_by_its_text(folder, tmp_path):
    export = tmp_path / "results-survey1.csv"
    export.write_text(LIME_CODE_TEXT, encoding="utf-8")
    got = import_survey(export, None, "lime", load_dataset(folder), gmina=MIECHOW)
    assert got.format == "limesurvey" and got.skipped == 1 and got.n_responses == 1
    assert dict(zip(got.responses.item_id, got.responses.answer)) == {"ls_1": "4",
                                                                       "ls_2": "Fine"}
    assert not got.warnings


def test_export_of_another_instrument_names_items_and_the_instrument(folder, tmp_path):
    export = tmp_path / "results-survey1.csv"
    export.write_text(LIME_CODE_TEXT, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_survey(export, None, "curso", load_dataset(folder), gmina=MIECHOW)
    errors = [str(p) for p in caught.value.errors if p.is_error]
    assert len(errors) == 1
    assert "'Valore la formación [El contenido fue útil]'" in errors[0]
    assert "'Valoración global'" in errors[0]
    assert "instrument 'lime' (2 columns)" in errors[0]
    # no "item … has no column" warning per item besides the one error
    assert not [p for p in caught.value.errors if "has no column" in str(p)]


def _ods(path):
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"),
                      "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize("name", ["ankieta.ods", "renamed.xlsx"])
def test_ods_is_a_clear_error(folder, tmp_path, capsys, name):
    export = _ods(tmp_path / name)
    assert main(["import", "survey", str(export), "--instrument", "curso", "--data",
                 str(folder), "--out", str(tmp_path / "r.csv"), "--gmina", MIECHOW]) == 1
    assert main(["import", "attendance", str(export), "--data", str(folder), "--out",
                 str(tmp_path / "a.csv")]) == 1
    err = capsys.readouterr().err
    assert err.count(f"{export}:1:1: an OpenDocument spreadsheet (.ods)") == 2
    assert "Traceback" not in err and "internal error" not in err


@pytest.mark.parametrize("written, read", [
    ("2019/12/13 9:50:30 vorm. MEZ", "2019-12-13 09:50:30"),     # Forms CSV, German
    ("2019/12/13 9:50:30 nachm. GMT+1", "2019-12-13 21:50:30"),
    ("2019/12/13 9:50:30 PM EST", "2019-12-13 21:50:30"),        # a zone abbreviation
    ("12/13/2019 9:50:30 a. m. CST", "2019-12-13 09:50:30"),     # Spanish half-day marks
    ("2019/12/13 12:05:00 AM GMT+1", "2019-12-13 00:05:00"),     # 12 AM is midnight
    ("2019/12/13 9:50:30 PM", "2019-12-13 21:50:30"),            # PM is no zone
])
def test_google_timestamps_in_further_locales(written, read):
    from toolkit.io.survey_google import parse_one
    assert parse_one(written) == read


def test_german_google_form_and_german_limesurvey_full_texts(folder, tmp_path):
    data = load_dataset(folder)
    google = tmp_path / "Formular (Antworten).csv"
    google.write_text("Zeitstempel,E-Mail-Adresse,Punktzahl,Valoración global\n"
                      "2019/12/13 9:50:30 vorm. MEZ,a@x.de,,4\n"
                      "2019/12/13 3:01:00 nachm. MEZ,b@x.de,,2\n", encoding="utf-8")
    got = import_survey(google, None, "curso", data, gmina=MIECHOW)
    assert got.format == "google"
    # e-mail and score are Google's own columns: the only warnings are the two items
    # without a column
    assert all("has no column" in str(w) for w in got.warnings) and len(got.warnings) == 2
    assert got.responses.loc[got.responses.item_id == "es_3",
                             ["answer", "submitted_at"]].values.tolist() == [
        ["4", "2019-12-13 09:50:30"], ["2", "2019-12-13 15:01:00"]]
    lime = tmp_path / "results-survey2.csv"
    lime.write_text(
        "\ufeffAntwort ID,Datum Abgeschickt,Letzte Seite,Start-Sprache,Zufallsstartwert,"
        "How much do you agree? [Statement one],Any comments?,Gesamtzeit,"
        "Gruppenzeit: Fragen,Fragenzeit: Q1\n"
        "11,2020-03-02 10:01:02,2,de,123,5,gut,184.2,100,50\n"
        "12,,1,de,456,2,,40,40,\n", encoding="utf-8")
    got = import_survey(lime, None, "lime", data, gmina=MIECHOW)
    assert (got.format, got.n_responses, got.skipped) == ("limesurvey", 1, 1)
    assert not got.warnings
    assert set(got.responses.response_id.str.rsplit("-", n=1).str[1]) == {"11"}
    assert dict(zip(got.responses.item_id, got.responses.answer)) == {"ls_1": "5",
                                                                       "ls_2": "gut"}


def test_format_limesurvey_on_a_google_export_says_which_it_is(folder, tmp_path, capsys):
    export = tmp_path / "Formulaire.csv"
    export.write_text("Horodateur,Valoración global\n13/12/2019 09:50:30,4\n", encoding="utf-8")
    assert main(["import", "survey", str(export), "--format", "limesurvey", "--instrument",
                 "curso", "--data", str(folder), "--out", str(tmp_path / "r.csv"),
                 "--gmina", MIECHOW]) == 1
    err = capsys.readouterr().err
    assert f"{export}:1:1: this is a Google Forms export (its first column is 'Horodateur')" \
        in err
    assert not (tmp_path / "r.csv").exists()


def test_excel_sep_hint_line_before_the_header(folder, tmp_path):
    export = tmp_path / "odpowiedzi.csv"
    export.write_text("sep=;\nSygnatura czasowa;Wiek;Valoración global\n"
                      "13.12.2019 09:50:30;34;4\n13.12.2019 10:00:00;40;9\n",
                      encoding="utf-8-sig")
    with pytest.raises(DataError) as caught:
        import_survey(export, None, "curso", load_dataset(folder), gmina=MIECHOW)
    # read with ';' and the header on line 2: the bad answer 9 is at line 4, column 3
    assert [(p.line, p.column) for p in caught.value.errors if p.is_error] == [(4, 3)]
    export.write_text("sep=;\nSygnatura czasowa;Wiek;Valoración global\n"
                      "13.12.2019 09:50:30;34;4\n", encoding="utf-8-sig")
    got = import_survey(export, None, "curso", load_dataset(folder), gmina=MIECHOW)
    assert got.responses[["item_id", "answer"]].values.tolist() == [["es_3", "4"]]
    assert [w.column for w in got.warnings if "Wiek" in str(w)] == [2]


def test_no_match_never_names_an_instrument_by_empty_sources(folder, tmp_path):
    # 'lime' has an item without a source (ls_2): an empty header must not match it.
    export = tmp_path / "x.csv"
    export.write_text("Timestamp,,Foo\n12/13/2019 9:50:30,,1\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        import_survey(export, None, "curso", load_dataset(folder), gmina=MIECHOW)
    (error,) = [str(p) for p in caught.value.errors if p.is_error]
    assert "instrument 'lime'" not in error and "items.source" in error


@pytest.mark.parametrize("header, rows", [
    # newer LimeSurvey: id, submitdate, lastpage, startlanguage, seed, token
    ("ID odpovědi,Datum odeslání,Poslední stránka,Počáteční jazyk,Semínko,Klíč,"
     "How much do you agree? [Statement one]",
     ["21,2020-03-02 10:01:02,2,cs,123,,5", "22,,1,cs,456,,2"]),
    # older LimeSurvey: the token second
    ("ID odpovědi,Klíč,Datum odeslání,Poslední stránka,Počáteční jazyk,"
     "How much do you agree? [Statement one]",
     ["21,t1,2020-03-02 10:01:02,2,cs,5", "22,t2,,1,cs,2"]),
])
def test_limesurvey_in_an_unknown_language_skips_the_unfinished(folder, tmp_path, header,
                                                                rows):
    export = tmp_path / "results-cs.csv"
    export.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8-sig")
    got = import_survey(export, None, "lime", load_dataset(folder), gmina=MIECHOW)
    # response 22 has no submit date: skipped, never imported as complete
    assert (got.format, got.n_responses, got.skipped) == ("limesurvey", 1, 1)
    assert got.responses[["response_id", "item_id", "answer", "submitted_at"]].values.tolist() \
        == [[f"lime-{got.responses.response_id[0].split('-')[1]}-21", "ls_1", "5",
             "2020-03-02 10:01:02"]]
