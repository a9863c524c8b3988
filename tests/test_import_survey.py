"""``import survey``: a Google Forms or LimeSurvey export → the responses table.

The samples in ``shared/samples`` must give the figures of ``expected_survey.json``; the
other tests build small exports (written as real files, named ``export.csv`` relative to
the working folder, as a user would type them) to check matching and every error.
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pandas as pd
import pytest

from conftest import SAMPLES
from toolkit import DataError, UsageError, load_dataset, validate
from toolkit.cli import main
from toolkit.io.survey import RESPONSE_COLUMNS, SurveyImport, import_survey
from toolkit.questionnaires import likert_values

INSTRUMENT = "ocena_zjazd1"
EXPORTS = {"google": "google_export.csv", "limesurvey": "limesurvey_export.csv"}
COMMENT = 'Sala za mała; catering ok,\nale kawa "zimna"'
GOOGLE_HEADER = ("Sygnatura czasowa,Gmina,Oceń zjazd [Przydatność zajęć w mojej pracy],"
                 "Oceń zjazd [Praca trenerów],Oceń zjazd [Materiały szkoleniowe],"
                 "Oceń zjazd [Organizacja zjazdu],Co należy poprawić?\n")
LIME_HEADER = ("id,submitdate,lastpage,startlanguage,seed,Gmina,"
               "Z1[SQ001],Z1[SQ002],Z1[SQ003],Z1[SQ004],Z2\n")


def _dataset_dir(root, fmt):
    folder = root / fmt
    folder.mkdir()
    for name in ("gminas", "participants", "sessions"):
        shutil.copy(SAMPLES / f"{name}.csv", folder / f"{name}.csv")
    shutil.copy(SAMPLES / f"items_{fmt}.csv", folder / "items.csv")
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """One dataset folder per format: the sample tables plus the matching items."""
    root = tmp_path_factory.mktemp("survey")
    return {fmt: _dataset_dir(root, fmt) for fmt in EXPORTS}


@pytest.fixture(scope="module")
def datasets(folders):
    return {fmt: load_dataset(folder) for fmt, folder in folders.items()}


@pytest.fixture(scope="module")
def imported(datasets):
    return {fmt: import_survey(SAMPLES / EXPORTS[fmt], fmt, INSTRUMENT, datasets[fmt])
            for fmt in EXPORTS}


def figures(result: SurveyImport, data) -> dict:
    """The figures of ``expected_survey.json`` computed from an import."""
    items = data["items"].set_index("item_id")
    resp = result.responses.join(items[["kind", "scale"]], on="item_id")
    out: dict = {}
    likert = resp[resp["kind"] == "likert"]
    values, invalid = likert_values(likert["answer"], likert["scale"])
    assert not invalid.any()
    likert = likert.assign(value=values).dropna(subset=["value"])
    for item_id, group in likert.groupby("item_id", sort=True):
        out[item_id] = {
            "n": len(group), "mean": group["value"].mean(),
            "by_gmina": {g: [len(x), x["value"].mean()]
                         for g, x in group.groupby("gmina_id", sort=True)},
        }
    out["responses"] = resp["response_id"].nunique()
    assert out["responses"] == result.n_responses
    out["comments"] = int(((resp["kind"] == "open") & (resp["answer"] != "")).sum())
    return out


def run(tmp_path, monkeypatch, text: str, fmt: str, data, encoding="utf-8",
        name="export.csv") -> SurveyImport:
    (tmp_path / name).write_bytes(text.encode(encoding))
    monkeypatch.chdir(tmp_path)
    return import_survey(name, fmt, INSTRUMENT, data)


def problems(tmp_path, monkeypatch, text: str, fmt: str, data) -> list[str]:
    with pytest.raises(DataError) as caught:
        run(tmp_path, monkeypatch, text, fmt, data)
    return [str(p) for p in caught.value.errors]


def sample_text(fmt: str) -> str:
    return (SAMPLES / EXPORTS[fmt]).read_text(encoding="utf-8")


def with_column(fmt: str, header: str, value: str) -> str:
    """The sample export with one more column (``header``, ``value`` in every row)."""
    rows = pd.read_csv(SAMPLES / EXPORTS[fmt], dtype=str, keep_default_na=False)
    return rows.assign(**{header: value}).to_csv(index=False, lineterminator="\n")


# ------------------------------------------------------------------------- the samples

@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_samples_give_the_expected_figures(fmt, imported, datasets):
    expected = json.loads((SAMPLES / "expected_survey.json").read_text(encoding="utf-8"))[fmt]
    got = figures(imported[fmt], datasets[fmt])
    assert set(got) == set(expected)
    assert got["responses"] == expected["responses"] == imported[fmt].n_responses
    assert got["comments"] == expected["comments"]
    for item_id, want in expected.items():
        if item_id in ("responses", "comments"):
            continue
        assert got[item_id]["n"] == want["n"], item_id
        assert got[item_id]["mean"] == pytest.approx(want["mean"]), item_id
        assert set(got[item_id]["by_gmina"]) == set(want["by_gmina"])
        for gmina, (n, mean) in want["by_gmina"].items():
            assert got[item_id]["by_gmina"][gmina][0] == n
            assert got[item_id]["by_gmina"][gmina][1] == pytest.approx(mean)


def test_sample_shape_ids_and_skipped(imported):
    google, lime = imported["google"], imported["limesurvey"]
    assert google.skipped == 0 and lime.skipped == 1
    assert google.warnings == [] and lime.warnings == []
    for result in (google, lime):
        frame = result.responses
        assert list(frame.columns) == RESPONSE_COLUMNS
        assert len(frame) == 7 * 5  # one row per response and item, empty answers kept
        assert frame.notna().all().all()
        assert frame.groupby("response_id", sort=False)["item_id"].apply(list).map(
            lambda ids: ids == [f"ocena_zjazd1_{i}" for i in range(1, 6)]).all()
    # <instrument>-<6 hex digits of the file's SHA-256>-<n-th response | LimeSurvey's id>
    for result, name, ids in ((google, EXPORTS["google"], range(1, 8)),
                              (lime, EXPORTS["limesurvey"], (1, 2, 3, 4, 5, 6, 8))):
        tag = hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()[:6]
        # LimeSurvey ids are its own; id 7 is the incomplete response.
        assert result.responses["response_id"].unique().tolist() == [
            f"ocena_zjazd1-{tag}-{n}" for n in ids]
    assert google.responses["submitted_at"].iat[0] == "2014-11-21 10:00:00"
    assert lime.responses["submitted_at"].iat[-1] == "2014-11-21 10:07:00"
    assert (lime.responses["answer"].head(4) == ["4", "3", "4", "5"]).all()
    # Likert labels are written as their numbers (agree5: raczej tak = 4; rating5 …).
    assert google.responses["answer"].head(4).tolist() == ["4", "3", "4", "5"]


def same_but_ids(got: pd.DataFrame, want: pd.DataFrame) -> None:
    """Equal tables; ids equal up to the file's tag (another file, another tag)."""
    pd.testing.assert_frame_equal(got.drop(columns="response_id"),
                                  want.drop(columns="response_id"))
    assert (got["response_id"].str.rsplit("-", n=1).str[1]
            == want["response_id"].str.rsplit("-", n=1).str[1]).all()


def test_imports_are_stable_and_the_export_is_not_modified(datasets, imported):
    for fmt, name in EXPORTS.items():
        path = SAMPLES / name
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        again = import_survey(str(path), fmt, INSTRUMENT, datasets[fmt])
        pd.testing.assert_frame_equal(again.responses, imported[fmt].responses)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_quoted_multiline_comment_survives_byte_exact(fmt, imported):
    answers = imported[fmt].responses.query("item_id == 'ocena_zjazd1_5'")["answer"].tolist()
    assert COMMENT in answers
    assert answers[answers.index(COMMENT)].encode("utf-8") == COMMENT.encode("utf-8")
    assert "Więcej przykładów, mniej teorii" in answers


def test_labels_become_numbers_in_any_case(tmp_path, monkeypatch, datasets,
                                                          imported):
    answers = imported["google"].responses["answer"].tolist()
    assert "Trudno powiedzieć" in answers  # a non-answer: kept as written
    text = (GOOGLE_HEADER
            + "2014/11/21 10:00:00,Miechów,RACZEJ TAK,Bardzo  Dobrze,ŚREDNIO,źle,\n"
            + "2014/11/21 10:05:00,Miechów,  Zdecydowanie tak ,5,TRUDNO POWIEDZIEĆ,nie wiem,\n")
    got = run(tmp_path, monkeypatch, text, "google", datasets["google"]).responses
    likert = got[got["item_id"] != "ocena_zjazd1_5"]
    # agree5: raczej tak 4, zdecydowanie tak 5; rating5: bardzo dobrze 5, średnio 3, źle 2.
    assert likert["answer"].tolist() == ["4", "5", "3", "2", "5", "5", "TRUDNO POWIEDZIEĆ",
                                         "nie wiem"]


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_windows_1250_with_semicolons_gives_the_same_result(fmt, tmp_path, monkeypatch,
                                                            datasets, imported):
    rows = pd.read_csv(SAMPLES / EXPORTS[fmt], dtype=str, keep_default_na=False)
    text = rows.to_csv(index=False, sep=";", lineterminator="\r\n")
    assert "\r\n" in text and ";" in text
    got = run(tmp_path, monkeypatch, text, fmt, datasets[fmt], encoding="cp1250")
    assert (tmp_path / "export.csv").read_bytes().decode("cp1250") == text
    same_but_ids(got.responses, imported[fmt].responses)
    assert (got.n_responses, got.skipped) == (imported[fmt].n_responses, imported[fmt].skipped)


def test_utf8_bom_and_reordered_columns(tmp_path, monkeypatch, datasets, imported):
    rows = pd.read_csv(SAMPLES / EXPORTS["google"], dtype=str, keep_default_na=False)
    rows = rows[list(reversed(rows.columns))]
    got = run(tmp_path, monkeypatch, rows.to_csv(index=False), "google", datasets["google"],
              encoding="utf-8-sig")
    same_but_ids(got.responses, imported["google"].responses)


# ----------------------------------------------------------------------------- matching

def test_gmina_by_teryt_code_and_by_name(tmp_path, monkeypatch, datasets):
    text = (GOOGLE_HEADER
            + "2014/11/21 10:00:00,1208053,raczej tak,dobrze,dobrze,dobrze,\n"
            + "2014/11/21 10:01:00,  MIECHÓW ,raczej tak,dobrze,dobrze,dobrze,\n"
            + "2014/11/21 10:02:00,bukowina   tatrzańska,raczej tak,dobrze,dobrze,dobrze,\n"
            + "2014/11/21 10:03:00,1217032,raczej tak,dobrze,dobrze,dobrze,\n"
            + "2014/11/21 10:04:00,Gmina Miechów,raczej tak,dobrze,dobrze,dobrze,\n")
    got = run(tmp_path, monkeypatch, text, "google", datasets["google"]).responses
    by_response = got.drop_duplicates("response_id")["gmina_id"].tolist()
    assert by_response == ["1208053", "1208053", "1217032", "1217032", "1208053"]
    assert (got["participant_id"] == "").all()


def test_polish_letters_matter_in_gmina_names(tmp_path, monkeypatch, datasets):
    text = GOOGLE_HEADER + "2014/11/21 10:00:00,Miechow,raczej tak,dobrze,dobrze,dobrze,\n"
    assert problems(tmp_path, monkeypatch, text, "google", datasets["google"]) == [
        "export.csv:2:2: gmina 'Miechow' matches no gmina of the dataset by name or TERYT "
        "code; did you mean 'Miechów'?"]


def test_limesurvey_answer_codes_and_timestamps(tmp_path, monkeypatch, datasets):
    text = (LIME_HEADER
            + "11,21.11.2014 10:00:00,2,pl,1,1208053,A4,A01,AO05,4.0,\n"
            + "12,2014-11-21 10:01,2,pl,1,1217032,1,2,3,,ok\n")
    got = run(tmp_path, monkeypatch, text, "limesurvey", datasets["limesurvey"])
    frame = got.responses
    assert frame["answer"].tolist() == ["4", "1", "5", "4", "", "1", "2", "3", "", "ok"]
    assert frame["response_id"].str.rsplit("-", n=1).str[1].unique().tolist() == ["11", "12"]
    assert frame["submitted_at"].unique().tolist() == ["2014-11-21 10:00:00",
                                                       "2014-11-21 10:01:00"]
    assert (got.n_responses, got.skipped) == (2, 0)


def test_google_timestamp_in_polish_form(tmp_path, monkeypatch, datasets):
    text = GOOGLE_HEADER + "21.11.2014 10:00:00,Miechów,raczej tak,dobrze,dobrze,dobrze,\n"
    got = run(tmp_path, monkeypatch, text, "google", datasets["google"]).responses
    assert set(got["submitted_at"]) == {"2014-11-21 10:00:00"}


def test_headers_match_by_text_and_grid_row_and_ignore_email(tmp_path, monkeypatch, datasets):
    # No source matches these headers: the item texts (and grid rows) do.
    text = ("Timestamp,Adres e-mail,GMINA,Ankieta [przydatność zajęć  w mojej pracy],"
            "  praca trenerów ,Zjazd [Materiały szkoleniowe],Oceń zjazd [Organizacja zjazdu],"
            "co należy poprawić?\n"
            "2014/11/21 10:00:00,a@b.pl,Miechów,raczej tak,dobrze,źle,dobrze,Nic\n")
    got = run(tmp_path, monkeypatch, text, "google", datasets["google"]).responses
    assert got["item_id"].tolist() == [f"ocena_zjazd1_{i}" for i in range(1, 6)]
    assert got["answer"].tolist() == ["4", "4", "2", "4", "Nic"]


def test_participant_id_column(tmp_path, monkeypatch, datasets):
    text = ("Sygnatura czasowa,ID uczestnika,Oceń zjazd [Przydatność zajęć w mojej pracy],"
            "Co należy poprawić?\n"
            "2014/11/21 10:00:00,U1,raczej tak,\n"
            "2014/11/21 10:01:00,U3,nie wiem,Dobrze\n")
    got = run(tmp_path, monkeypatch, text, "google", datasets["google"])
    frame = got.responses
    assert frame["participant_id"].tolist() == ["U1", "U1", "U3", "U3"]
    assert frame["gmina_id"].tolist() == ["1208053", "1208053", "1217032", "1217032"]
    # Items without a column are a warning, not an error.
    assert [str(w) for w in got.warnings] == [
        f"export.csv:1:1: warning: item 'ocena_zjazd1_{i}' of instrument 'ocena_zjazd1' has "
        "no column in the export (by source or text)" for i in (2, 3, 4)]

    lime = ("id,submitdate,participant_id,Gmina,Z1[SQ001],Z1[SQ002],Z1[SQ003],Z1[SQ004],Z2\n"
            "1,2014-11-21 10:00:00,U2,,4,4,4,4,\n"
            "2,2014-11-21 10:00:00,U4,1217032,4,4,4,4,\n")
    frame = run(tmp_path, monkeypatch, lime, "limesurvey", datasets["limesurvey"]).responses
    assert frame.drop_duplicates("response_id")[["participant_id", "gmina_id"]].values.tolist() \
        == [["U2", "1208053"], ["U4", "1217032"]]


# ------------------------------------------------------------------------------- errors

def test_unknown_question_column_is_a_warning_at_its_header_cell(tmp_path, monkeypatch,
                                                                 datasets, imported):
    text = with_column("google", "Uwagi dodatkowe", "brak")
    got = run(tmp_path, monkeypatch, text, "google", datasets["google"])
    assert [str(w) for w in got.warnings] == [
        "export.csv:1:8: warning: column 'Uwagi dodatkowe' matches no item of instrument "
        "'ocena_zjazd1' (by source or text): not imported"]
    same_but_ids(got.responses, imported["google"].responses)
    lime = with_column("limesurvey", "Z3[SQ001]", "A1")
    got = run(tmp_path, monkeypatch, lime, "limesurvey", datasets["limesurvey"])
    assert [str(w) for w in got.warnings] == [
        "export.csv:1:12: warning: column 'Z3[SQ001]' matches no item of instrument "
        "'ocena_zjazd1' (by source or text): not imported"]


def test_unknown_gmina_after_a_multiline_answer_names_its_line(tmp_path, monkeypatch,
                                                               datasets):
    # The response after the two-line comment starts on line 8 of the file.
    text = sample_text("google").replace(
        "2014/11/21 10:35:00,Bukowina Tatrzańska", "2014/11/21 10:35:00,Krynica-Zdrój")
    assert problems(tmp_path, monkeypatch, text, "google", datasets["google"]) == [
        "export.csv:8:2: gmina 'Krynica-Zdrój' matches no gmina of the dataset by name or "
        "TERYT code (gminas: Bukowina Tatrzańska, Miechów)"]
    lime = sample_text("limesurvey").replace("8,2014-11-21 10:07:00,2,pl,1007,1217032",
                                             "8,2014-11-21 10:07:00,2,pl,1007,1205042")
    assert problems(tmp_path, monkeypatch, lime, "limesurvey", datasets["limesurvey"]) == [
        "export.csv:10:6: gmina '1205042': no gmina of the dataset has this TERYT code"]


def test_invalid_likert_label_is_an_error_at_its_cell(tmp_path, monkeypatch, datasets):
    text = sample_text("google").replace("Miechów,raczej tak,średnio", "Miechów,raczej,średnio")
    (message,) = problems(tmp_path, monkeypatch, text, "google", datasets["google"])
    assert message.startswith("export.csv:2:3: answer 'raczej' to item 'ocena_zjazd1_1' is "
                              "not valid on the scale agree5 (1–5 or: 1 zdecydowanie nie")
    # A label of the other scale is not valid either, nor a code out of range.
    text = GOOGLE_HEADER + "2014/11/21 10:00:00,Miechów,dobrze,raczej tak,6,0,\n"
    assert [m[:18] for m in problems(tmp_path, monkeypatch, text, "google",
                                     datasets["google"])] == [
        "export.csv:2:3: an", "export.csv:2:4: an", "export.csv:2:5: an", "export.csv:2:6: an"]
    lime = sample_text("limesurvey").replace("3,2014-11-21 10:02:00,2,pl,1002,1208053,4,5,2,5",
                                             "3,2014-11-21 10:02:00,2,pl,1002,1208053,4,A7,2,5")
    (message,) = problems(tmp_path, monkeypatch, lime, "limesurvey", datasets["limesurvey"])
    assert message.startswith("export.csv:4:8: answer 'A7' to item 'ocena_zjazd1_2'")


def test_every_problem_of_a_broken_export_in_one_error(tmp_path, monkeypatch, datasets):
    text = (GOOGLE_HEADER.replace("\n", ",Pytanie dodatkowe\n")
            + "2014/11/21 10:00:00,Miechów,raczej tak,dobrze,dobrze,dobrze,,\n"
            + '2014/11/21 10:01:00,Gorlice,bardzo,dobrze,dobrze,dobrze,"a\nb",\n'
            + "jutro,,raczej tak,dobrze,dobrze,dobrze,,\n"
            + "2014/11/21 10:03:00,Miechów,raczej tak,dobrze,dobrze,super,,\n")
    got = problems(tmp_path, monkeypatch, text, "google", datasets["google"])
    assert [m.split(": ")[0] for m in got] == [
        "export.csv:3:2", "export.csv:3:3", "export.csv:5:1",
        "export.csv:5:2", "export.csv:6:6"]
    assert "gmina 'Gorlice'" in got[0]
    assert "answer 'bardzo'" in got[1]
    assert "'jutro' is not a date and time" in got[2]
    assert got[3].endswith("the response has neither a gmina nor a participant")
    assert "answer 'super' to item 'ocena_zjazd1_4'" in got[4]


def test_participant_problems(tmp_path, monkeypatch, datasets):
    text = ("Sygnatura czasowa,Gmina,participant_id,Oceń zjazd [Praca trenerów]\n"
            "2014/11/21 10:00:00,,U9,dobrze\n"
            "2014/11/21 10:01:00,Bukowina Tatrzańska,U1,dobrze\n"
            "2014/11/21 10:02:00,,,dobrze\n")
    assert problems(tmp_path, monkeypatch, text, "google", datasets["google"]) == [
        "export.csv:2:3: participant 'U9' is not in the dataset's participants",
        "export.csv:3:2: gmina 'Bukowina Tatrzańska' (1217032) differs from participant "
        "U1's gmina (1208053)",
        "export.csv:4:2: the response has neither a gmina nor a participant",
    ]
    text = "Sygnatura czasowa,Oceń zjazd [Praca trenerów]\n2014/11/21 10:00:00,dobrze\n"
    (message,) = problems(tmp_path, monkeypatch, text, "google", datasets["google"])
    assert message.startswith("export.csv:1:1: the export has no 'Gmina' column")
    assert "--gmina" in message


def test_limesurvey_duplicate_ids_and_wrong_format(tmp_path, monkeypatch, datasets):
    lime = sample_text("limesurvey").replace("8,2014-11-21 10:07:00", "6,2014-11-21 10:07:00")
    assert problems(tmp_path, monkeypatch, lime, "limesurvey", datasets["limesurvey"]) == [
        "export.csv:10:1: response id '6' again (also line 8)"]
    # Read as Google's, a LimeSurvey export would take unfinished responses as finished.
    got = problems(tmp_path, monkeypatch, sample_text("limesurvey"), "google",
                   datasets["limesurvey"])
    assert got == ["export.csv:1:1: this is a LimeSurvey export (its system columns are "
                   "there): use --format limesurvey or leave --format out"]


def test_unreadable_exports(tmp_path, monkeypatch, datasets):
    data = datasets["google"]
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="1 problem") as caught:
        import_survey("missing.csv", "google", INSTRUMENT, data)
    assert str(caught.value.problems[0]) == "missing.csv:1:1: no such file"
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(DataError):
        import_survey("empty.csv", "google", INSTRUMENT, data)
    ragged = GOOGLE_HEADER + "2014/11/21 10:00:00,Miechów,raczej tak\n"
    assert problems(tmp_path, monkeypatch, ragged, "google", data) == [
        "export.csv:2:4: row has 3 fields but the header has 7"]


def test_usage_errors(datasets):
    with pytest.raises(UsageError, match="format"):
        import_survey(SAMPLES / EXPORTS["google"], "surveymonkey", INSTRUMENT, datasets["google"])
    with pytest.raises(UsageError, match="ocena_zjazd9.*ocena_zjazd1"):
        import_survey(SAMPLES / EXPORTS["google"], "google", "ocena_zjazd9", datasets["google"])
    with pytest.raises(UsageError, match="no items"):
        import_survey(SAMPLES / EXPORTS["google"], "google", INSTRUMENT, load_dataset(SAMPLES))


# --------------------------------------------------------------- round trip and the CLI

@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_round_trip_through_validate(fmt, tmp_path, imported):
    folder = _dataset_dir(tmp_path, fmt)
    imported[fmt].responses.to_csv(folder / "responses.csv", index=False, lineterminator="\n")
    assert [str(p) for p in validate(folder) if p.is_error] == []
    back = load_dataset(folder)["responses"]
    assert len(back) == len(imported[fmt].responses)
    assert COMMENT in back["answer"].tolist()


def test_cli_writes_the_table_and_fails_cleanly(tmp_path, monkeypatch, capsys, folders,
                                                imported):
    out = tmp_path / "out" / "responses.csv"
    code = main(["import", "survey", str(SAMPLES / EXPORTS["limesurvey"]), "--format",
                 "limesurvey", "--instrument", INSTRUMENT, "--data",
                 str(folders["limesurvey"]), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "7 responses" in captured.out and "1 incomplete response skipped" in captured.out
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(written, imported["limesurvey"].responses,
                                  check_dtype=False)

    broken = sample_text("google").replace("Miechów,raczej tak,średnio",
                                           "Miechów,raczej,średnio")
    (tmp_path / "export.csv").write_text(broken, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    bad_out = tmp_path / "bad.csv"
    code = main(["import", "survey", "export.csv", "--format", "google", "--instrument",
                 INSTRUMENT, "--data", str(folders["google"]), "--out", str(bad_out)])
    captured = capsys.readouterr()
    assert code == 1
    assert "export.csv:2:3: answer 'raczej'" in captured.err
    assert "Traceback" not in captured.err
    assert not bad_out.exists()

    code = main(["import", "survey", "export.csv", "--format", "google", "--instrument",
                 "nope", "--data", str(folders["google"]), "--out", str(bad_out)])
    assert code == 2 and "nope" in capsys.readouterr().err
