"""The programme described by the data (SPEC §2 ``programme``, ``labels``) and what reads it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import TINY, write_tables
from toolkit import cli, load_dataset, validate
from toolkit.diploma_register import assign_numbers, read_register
from toolkit.errors import DataError
from toolkit.figures import programme_tables
from toolkit.programme import Programme, readable_id

PROGRAMME = """key,value
name,Program Testowy
academy_name,Szkoła Liderów
diploma_prefix,ST
diploma_place,Zgorzelec
start,2014-01-01
end,2015-04-30
"""


def _messages(folder) -> list[str]:
    return [str(p) for p in validate(folder)]


def test_programme_values_are_checked_where_they_stand(tmp_path):
    bad = PROGRAMME + "diploma_threshold,1.5\ndiploma_basis,weeks\nas_of,30.04.2015\nmotto,razem\n"
    folder = write_tables(tmp_path / "d", {**TINY, "programme": bad})
    messages = [m.replace(f"{folder}/", "") for m in _messages(folder) if "programme.csv" in m]
    assert messages == [
        "programme.csv:8:2: value: diploma_threshold '1.5' must be a share in (0, 1], e.g. 0.8",
        "programme.csv:9:2: value: diploma_basis 'weeks' must be one of: days, hours",
        "programme.csv:10:2: value: as_of '30.04.2015' must be a real date written YYYY-MM-DD",
        "programme.csv:11:1: warning: key: 'motto' is not a programme key the toolkit knows "
        "(ignored; known: name, title, operator, partners, region, start, end, funding, "
        "academy_name, diploma_threshold, diploma_basis, diploma_excused, diploma_prefix, "
        "diploma_place, commitment_min_total, commitment_min_per_plane, actions_min_per_area, "
        "as_of)",
    ]


def test_programme_and_labels_read_from_a_workbook_sheet(tmp_path):
    path = tmp_path / "book.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.read_csv(pd.io.common.StringIO(TINY["gminas"]), dtype=str).to_excel(
            book, sheet_name="gminas", index=False)
        pd.DataFrame({"key": ["name", "commitment_min_total"],
                      "value": ["Z arkusza", "3"]}).to_excel(book, sheet_name="programme",
                                                            index=False)
        pd.DataFrame({"kind": ["group"], "id": ["A"], "label": ["Grupa A"],
                      "label_en": ["Group A"]}).to_excel(book, sheet_name="labels", index=False)
    programme = load_dataset(path).programme
    assert (programme.name, programme.commitment_min_total) == ("Z arkusza", 3)
    assert programme.label("group", "A", "en") == "Group A"


def test_without_a_programme_table_the_defaults_are_neutral(tiny_dir):
    programme = load_dataset(tiny_dir).programme
    assert programme.name is None
    assert programme.academy("pl") == "Akademia" and programme.academy("en") == "Academy"
    assert (programme.diploma_threshold, programme.commitment_min_total) == (0.8, 4)


def test_labels_with_a_readable_fallback():
    labels = pd.DataFrame({"kind": ["instrument"], "id": ["ocena_zjazd1"],
                           "label": ["Ankieta po 1. zjeździe"], "label_en": [None]})
    programme = Programme.from_tables(None, labels)
    assert programme.label("instrument", "ocena_zjazd1") == "Ankieta po 1. zjeździe"
    # No English label: the Polish one rather than the id.
    assert programme.label("instrument", "ocena_zjazd1", "en") == "Ankieta po 1. zjeździe"
    assert programme.label("instrument", "test_wiedzy") == "Test wiedzy"
    assert readable_id("follow-up") == "Follow-up"


def test_threshold_from_the_programme_and_the_option_overrides_it(tmp_path):
    # P1 attends 2 of 2 days, P2 1 of 2, P3 1 of 2 (excused counts absent).
    folder = write_tables(tmp_path / "d", {**TINY, "programme": "key,value\ndiploma_threshold,0.5\n"})
    out = tmp_path / "d.csv"
    assert cli.main(["diplomas", "--data", str(folder), "--out", str(out)]) == 0
    assert pd.read_csv(out)["eligible"].tolist() == [True, True, True]
    assert cli.main(["diplomas", "--data", str(folder), "--out", str(out),
                     "--threshold", "0.8"]) == 0
    assert pd.read_csv(out)["eligible"].tolist() == [True, False, False]


def test_commitment_rule_from_the_programme_changes_the_tables(tmp_path):
    recs = TINY["recommendations"] + (
        "1208053,II.3,II,Zasady konkursów,uchwała,adopted,2015-06-01\n"
        "1208053,III.6,III,Spotkania z NGO,zarządzenie,adopted,2015-06-02\n")
    base = {**TINY, "recommendations": recs}
    default = programme_tables(load_dataset(write_tables(tmp_path / "a", base)))
    three = programme_tables(load_dataset(write_tables(
        tmp_path / "b", {**base, "programme": "key,value\ncommitment_min_total,3\n"})))
    for tables, met in ((default, False), (three, True)):
        row = tables["recommendations"].set_index("gmina_id").loc["1208053"]
        assert row["adopted_total"] == 3
        assert bool(row["commitment_met"]) is met


def test_register_keeps_numbers_and_continues_after_the_highest():
    earlier = pd.DataFrame({"participant_id": ["P1", "P7"],
                            "diploma_number": ["ST/2015/001", "ST/2015/004"],
                            "issued_on": ["2015-05-01", "2015-05-01"]})
    out = assign_numbers(["P7", "P2", "P1", "P3"], [2015, 2015, 2015, 2016], earlier, "ST",
                         dt.date(2015, 6, 1))
    assert out.to_dict("list") == {
        "participant_id": ["P1", "P7", "P2", "P3"],
        "diploma_number": ["ST/2015/001", "ST/2015/004", "ST/2015/005", "ST/2016/001"],
        "issued_on": ["2015-05-01", "2015-05-01", "2015-06-01", "2015-06-01"],
    }


def test_a_damaged_register_is_reported_by_line(tmp_path):
    path = tmp_path / "rejestr.csv"
    path.write_text("participant_id,diploma_number,issued_on\nP1,ST/2015/001,2015-05-01\n"
                    "P2,ST-2015-2,2015-05-01\nP1,ST/2015/003,1.5.2015\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_register(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:2: diploma_number: 'ST-2015-2' is not written PREFIX/YEAR/NNN",
        f"{path}:4:1: participant_id: 'P1' is in the register twice",
        f"{path}:4:3: issued_on: '1.5.2015' must be a date YYYY-MM-DD",
    ]


def test_rerun_keeps_every_number_and_numbers_a_new_diploma_next(tmp_path):
    # Twice 0.5: P1 and P2 eligible first; then P3's excused day becomes present.
    folder = write_tables(tmp_path / "d", {**TINY, "programme": PROGRAMME})
    pdf, out = tmp_path / "pdf", tmp_path / "list.csv"
    args = ["diplomas", "--data", str(folder), "--out", str(out), "--pdf", str(pdf),
            "--threshold", "0.5", "--excused", "absent", "--issued-on", "2015-05-10"]
    # At 0.5 P3 (1 of 2) is eligible too; at 1.0 only P1. Start strict, then loosen.
    assert cli.main(args[:-6] + ["--threshold", "1.0", "--issued-on", "2015-05-10"]) == 0
    first = read_register(pdf / "rejestr_dyplomow.csv")
    assert first.to_dict("list") == {"participant_id": ["P1"],
                                     "diploma_number": ["ST/2014/001"],
                                     "issued_on": ["2015-05-10"]}
    assert cli.main(args[:-2] + ["--issued-on", "2015-06-01"]) == 0
    second = read_register(pdf / "rejestr_dyplomow.csv")
    assert second["participant_id"].tolist()[0] == "P1"
    assert second.iloc[0].tolist() == ["P1", "ST/2014/001", "2015-05-10"]
    assert sorted(second["diploma_number"][1:]) == ["ST/2014/002", "ST/2014/003"]
    listed = pd.read_csv(out, dtype=str).set_index("participant_id")
    assert listed.loc["P1", "diploma_number"] == "ST/2014/001"
    assert set(second["participant_id"]) == {"P1", "P2", "P3"}


GROUPED = {
    **TINY,
    "participants": TINY["participants"].replace("Ślęzak,K,", "Ślęzak,K,A")
                                        .replace("Gąsior,M,", "Gąsior,M,B"),
    "sessions": """session_id,zjazd,day,date,hours,plane,topic,group
A1,1,1,2014-03-05,8,I,Konsultacje,A
A2,2,1,2014-04-30,8,II,Zlecanie,A
B1,1,1,2014-03-12,8,I,Konsultacje,B
B2,2,1,2014-05-06,8,II,Zlecanie,B
""",
    "attendance": """participant_id,session_id,status,hours
P1,A1,present,
P1,A2,present,
P2,B1,present,
P2,B2,absent,
P3,A1,present,
P3,A2,present,
P3,B1,present,
P3,B2,present,
""",
    "programme": PROGRAMME,
}


def test_diploma_shows_the_programme_and_the_participants_own_dates(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    folder = write_tables(tmp_path / "g", GROUPED)
    pdf = tmp_path / "pdf"
    assert cli.main(["diplomas", "--data", str(folder), "--out", str(tmp_path / "l.xlsx"),
                     "--pdf", str(pdf), "--issued-on", "2015-05-10"]) == 0
    text = " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(pdf / "P1.pdf").pages)
                    .split())
    for expected in ("Program „Program Testowy”", "Szkoła Liderów", "ST/2014/",
                     "Zgorzelec, 10 maja 2015", "5 marca 2014 – 30 kwietnia 2014",
                     "obecność: 2 z 2 dni"):
        assert expected in text, expected
    # P3 has no group: every session, 5 March to 6 May.
    text3 = " ".join(pypdf.PdfReader(pdf / "P3.pdf").pages[0].extract_text().split())
    assert "5 marca 2014 – 6 maja 2014" in text3


def test_group_sheet_counts_each_participant_against_their_own_sessions(tmp_path):
    data = load_dataset(write_tables(tmp_path / "g", GROUPED))
    groups = programme_tables(data)["groups"]
    # A: P1 2 of 2 → 1.0, diploma; B: P2 1 of 2 → 0.5, none. P3 has no group.
    assert groups.to_dict("list") == {"group": ["A", "B"], "participants": [1, 1],
                                      "mean_share": [1.0, 0.5], "diplomas": [1, 0]}


def test_a_described_programme_without_academy_or_diploma_rules_awards_no_diploma():
    frame = lambda rows: pd.DataFrame(rows, columns=["key", "value"])  # noqa: E731
    assert Programme.from_tables(None).diplomas  # no programme table: the SPEC defaults
    assert not Programme.from_tables(frame([("name", "Ścieżki")])).diplomas
    assert Programme.from_tables(frame([("name", "X"), ("academy_name", "Szkoła")])).diplomas
    assert Programme.from_tables(frame([("diploma_threshold", "0.75")])).diplomas
