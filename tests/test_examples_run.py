"""Every shipped example dataset runs through validate, tables, diplomas and report."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import REPO
from toolkit import cli

EXAMPLES = {"demo": REPO / "data" / "demo", "probus": REPO / "data" / "probus",
            "mowes2": REPO / "data" / "mowes2"}
#: Names of the other programmes that must never appear in a dataset's outputs.
NAMES = {"demo": "Współpraca na medal", "probus": "Model współpracy – standardem działań",
         "mowes2": "MOWES"}


def _text(path) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")).split())


_RUNS: dict = {}


def _run(name: str, tmp_path_factory):
    """An example dataset with its tables, diploma list and the report of its first gmina
    (each run once per test session)."""
    from toolkit.report.runner import run_reports

    if name in _RUNS:
        return _RUNS[name]
    data = EXAMPLES[name]
    out = tmp_path_factory.mktemp(name)
    assert cli.main(["validate", "--data", str(data)]) == 0
    assert cli.main(["tables", "--data", str(data), "--out", str(out / "t.xlsx")]) == 0
    assert cli.main(["diplomas", "--data", str(data), "--out", str(out / "d.xlsx"),
                     "--pdf", str(out / "pdf")]) == 0
    first = pd.read_csv(data / "gminas.csv", dtype=str)["gmina_id"].iloc[0]
    result = run_reports(data, out / "reports", gminas=[first], workers=1, progress=False)
    assert result.ok, result.describe()
    _RUNS[name] = (name, out, first)
    return _RUNS[name]


@pytest.fixture(scope="module", params=["probus", "mowes2"])
def example(request, tmp_path_factory):
    return _run(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def probus(tmp_path_factory):
    return _run("probus", tmp_path_factory)


def test_no_output_names_another_programme(example):
    name, out, first = example
    texts = [_text(out / "reports" / first / "report.html"), _text(out / "reports" / "summary.html")]
    own = pd.read_csv(EXAMPLES[name] / "programme.csv").set_index("key")["value"]["name"]
    assert own in texts[0] and own in texts[1]
    for other, phrase in NAMES.items():
        if other != name:
            assert all(phrase not in text for text in texts), other


def test_probus_groups_sheet_and_per_group_report(probus):
    name, out, first = probus
    groups = pd.read_excel(out / "t.xlsx", sheet_name="groups")
    # 25 people per group; P0058 (group C), P0081 and P0090 (group D) miss the diploma.
    assert groups["group"].tolist() == ["A", "B", "C", "D"]
    assert groups["participants"].tolist() == [25, 25, 25, 25]
    assert groups["diplomas"].tolist() == [25, 25, 24, 23]
    report = _text(out / "reports" / first / "report.html")
    summary = _text(out / "reports" / "summary.html")
    for text in (report, summary):
        assert "Frekwencja i dyplomy w grupach szkoleniowych" in text
        assert "Grupa A" in text


def test_probus_diploma_has_its_groups_own_dates(probus):
    name, out, _ = probus
    pypdf = pytest.importorskip("pypdf")
    sessions = pd.read_csv(EXAMPLES[name] / "sessions.csv", parse_dates=["date"])
    people = pd.read_csv(EXAMPLES[name] / "participants.csv")
    listed = pd.read_excel(out / "d.xlsx", sheet_name="dane", dtype={"participant_id": str})
    person = listed[listed["eligible"] & (listed["participant_id"].isin(
        people.loc[people["group"] == "A", "participant_id"]))].iloc[0]
    own = sessions.loc[sessions["group"] == "A", "date"]
    every = sessions["date"]
    assert own.max() < every.max()  # group A ends before the programme does
    text = " ".join(pypdf.PdfReader(out / "pdf" / f"{person['participant_id']}.pdf")
                    .pages[0].extract_text().split())
    from toolkit.text import format_period

    assert format_period(own.min(), own.max(), "pl") in text
    assert format_period(every.min(), every.max(), "pl") not in text


@pytest.fixture(scope="module")
def mowes2(tmp_path_factory):
    return _run("mowes2", tmp_path_factory)


def test_mowes2_without_an_academy_reports_attendance_without_diplomas(mowes2):
    _, out, first = mowes2
    report = _text(out / "reports" / first / "report.html")
    assert "Frekwencja na szkoleniach" in report
    assert "Program nie przewiduje dyplomu za frekwencję" in report
    for phrase in ("Frekwencja i dyplomy", "Odsetek dyplomów", "próg dyplomu", "Dyplom uzyska"):
        assert phrase not in report, phrase
    summary = _text(out / "reports" / "summary.html")
    assert "Odsetek dyplomów" not in summary


def test_mowes2_findings_name_the_action_plans(mowes2):
    _, out, first = mowes2
    report = _text(out / "reports" / first / "report.html")
    findings = report[report.index("Najważniejsze wnioski"):report.index("Frekwencja na szkoleniach")]
    assert "Plan działania: zrealizowano" in findings
    summary = _text(out / "reports" / "summary.html")
    # Klucze's plan has no action with informal groups (data/mowes2/README.md).
    attention = summary[summary.index("Gminy wymagające uwagi"):]
    klucze = attention[attention.index("Klucze"):]
    assert "brak obszaru: współpraca z grupami nieformalnymi" in klucze[:400]
    assert "wszystkie wymagane obszary obejmuje plan 7 z 8 gmin" in summary


def test_mowes2_summary_shows_no_empty_change_ranking(mowes2):
    # MOWES2 has one LIJW diagnosis per gmina: the summary says so instead of an empty chart.
    _, out, _ = mowes2
    summary = _text(out / "reports" / "summary.html")
    assert "po jednym pomiarze indeksu" in summary
    assert "Zmiana indeksu ogółem w gminach" not in summary
