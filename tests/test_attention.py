"""The gminas that need attention: each rule fires just past its boundary and not at it;
the example datasets list what their data say (and not every gmina)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from conftest import REPO
from toolkit import attention as att
from toolkit.attention import attention, elapsed_share
from toolkit.programme import Programme

A, B = "1200001", "1200002"
GMINAS = pd.DataFrame({"gmina_id": [A, B], "name": ["Alfa", "Beta"]})
START, END = dt.date(2020, 1, 1), dt.date(2020, 1, 11)  # a period of 10 days


def _figures(as_of=None, **frames) -> dict:
    return {"gminas": GMINAS, "data_date": None if as_of is None else pd.Timestamp(as_of),
            **frames}


def _keys(figures, info) -> dict:
    return {a.gmina_id: set(a.keys) for a in attention(figures, info, "pl")}


def test_elapsed_share_of_the_period():
    assert elapsed_share(START, END, pd.Timestamp("2020-01-06")) == pytest.approx(0.5)
    assert elapsed_share(START, END, pd.Timestamp("2019-06-01")) == 0.0
    assert elapsed_share(START, END, pd.Timestamp("2021-01-01")) == 1.0
    assert elapsed_share(None, END, pd.Timestamp("2020-01-06")) is None
    assert elapsed_share(START, START, pd.Timestamp("2020-01-06")) is None


def _support(delivered_a, delivered_b=10.0, planned=100.0):
    return pd.DataFrame({"gmina_id": [A, B], "activity": ["doradztwo", "doradztwo"],
                         "unit": ["h", "h"], "planned": [planned, planned],
                         "delivered": [delivered_a, delivered_b]})


def test_support_behind_the_share_expected_by_the_data_date():
    info = Programme(start=START, end=END)
    # Half the period gone: expected 50 %, tolerance 20 points → behind below 30 %.
    at_boundary = _figures("2020-01-06", support=_support(30.0, 50.0))
    assert "support" not in _keys(at_boundary, info).get(A, set())
    past = _figures("2020-01-06", support=_support(29.0, 50.0))
    assert "support" in _keys(past, info)[A]
    assert "support" not in _keys(past, info).get(B, set())
    # 92 % of advisory hours in mid-programme is no reason at all.
    hours = _figures("2020-01-06", support=_support(13.8, 15.0, planned=15.0))
    assert _keys(hours, info) == {}


def test_support_without_a_period_is_compared_with_the_programme_pace():
    info = Programme()  # no start/end: expected = the programme's own share delivered
    # A 0 of 100, B 100 of 100: the programme delivered 50 % → A behind (0 < 30 %).
    figures = _figures("2020-01-06", support=_support(0.0, 100.0))
    keys = _keys(figures, info)
    assert "support" in keys[A] and B not in keys
    reason = attention(figures, info, "pl")[0].reasons[0]
    assert "0\u00a0%" in reason and "50\u00a0%" in reason
    # A 30 of 100, B 70 of 100: the programme 50 %, A exactly 20 points behind → no reason.
    assert _keys(_figures("2020-01-06", support=_support(30.0, 70.0)), info) == {}


def _plan(total, dropped, overdue, covers=True, missing=""):
    return pd.DataFrame({"gmina_id": [A], "area": ["all"], "total": [total],
                         "dropped": [dropped], "overdue": [overdue],
                         "covers_all_areas": [covers], "missing_areas": [missing]})


def test_overdue_share_of_the_plan():
    info = Programme()
    assert "overdue" in _keys(_figures(actions=_plan(3, 0, 1)), info)[A]       # 1 of 3
    assert _keys(_figures(actions=_plan(4, 0, 1)), info) == {}                 # 1 of 4
    assert "overdue" in _keys(_figures(actions=_plan(4, 1, 1)), info)[A]       # dropped left out
    assert _keys(_figures(actions=_plan(3, 0, 0)), info) == {}


def test_missing_area_of_the_plan():
    info = Programme(labels={("area", "informal"): ("grupy nieformalne", None)})
    flagged = attention(_figures(actions=_plan(4, 0, 0, covers=False, missing="informal")),
                        info, "pl")
    assert flagged[0].keys == ("missing_area",)
    assert "grupy nieformalne" in flagged[0].reasons[0]
    assert _keys(_figures(actions=_plan(4, 0, 0, covers=True)), info) == {}
    assert _keys(_figures(actions=_plan(4, 0, 0, covers=float("nan"))), info) == {}


def _recs(met):
    return pd.DataFrame({"gmina_id": [A], "commitment_met": [met], "adopted_short": [1],
                         "missing_planes": ["II"]})


def test_commitment_only_when_little_time_is_left():
    start, end = dt.date(2020, 1, 1), dt.date(2020, 4, 10)  # 100 days
    info = Programme(start=start, end=end)
    day = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    assert _keys(_figures(day(74), recommendations=_recs(False)), info) == {}  # 26 % left
    assert "commitment" in _keys(_figures(day(75), recommendations=_recs(False)), info)[A]
    ended = attention(_figures(day(120), recommendations=_recs(False)), info, "pl")[0]
    assert "po zakończeniu programu" in ended.reasons[0]
    assert _keys(_figures(day(120), recommendations=_recs(True)), info) == {}
    # No period known: the commitment is the programme's rule, so an unmet one is told.
    assert "commitment" in _keys(_figures(day(10), recommendations=_recs(False)), Programme())[A]


def _attendance(mean):
    return pd.DataFrame({"gmina_id": [A], "participants": [5], "mean_share": [mean],
                         "diplomas": [3]})


def test_attendance_below_the_threshold():
    info = Programme(diploma_threshold=0.8)
    assert _keys(_figures(attendance=_attendance(0.8)), info) == {}
    flagged = attention(_figures(attendance=_attendance(0.79)), info, "pl")[0]
    assert flagged.keys == ("attendance",) and "79\u00a0%" in flagged.reasons[0]
    assert "dyplom: 3 z 5 osób" in flagged.reasons[0]
    without = attention(_figures(attendance=_attendance(0.79)), Programme(diplomas=False), "pl")
    assert "dyplom" not in without[0].reasons[0]


def _change(first, last, key="I"):
    return pd.DataFrame({"gmina_id": [A], "level": ["plane"], "key": [key],
                         "first_score": [first], "last_score": [last],
                         "change": [last - first]})


def test_index_plane_that_fell_as_shown():
    info = Programme()
    flagged = attention(_figures(index_change=_change(2.0, 1.97)), info, "pl")[0]
    assert flagged.keys == ("index_fell",) and "\u22120,03" in flagged.reasons[0]
    # 2,004 → 2,000 is shown 2,00 → 2,00: no fall to tell.
    assert _keys(_figures(index_change=_change(2.004, 2.0)), info) == {}
    assert _keys(_figures(index_change=_change(2.0, 2.5)), info) == {}


def test_index_missing_only_where_others_are_assessed():
    info = Programme()
    index = pd.DataFrame({"gmina_id": [A], "wave": ["baseline"], "plane": ["overall"],
                          "score": [2.0]})
    assert _keys(_figures(index=index), info) == {B: {"index_missing"}}
    assert _keys(_figures(index=index.iloc[:0]), info) == {}


def test_ranked_by_the_weight_of_the_reasons():
    info = Programme(diploma_threshold=0.8)
    figures = _figures(attendance=pd.DataFrame({
        "gmina_id": [A, B], "participants": [5, 5], "mean_share": [0.5, 0.9], "diplomas": [1, 5]}),
        actions=pd.DataFrame({"gmina_id": [B], "area": ["all"], "total": [2], "dropped": [0],
                              "overdue": [1], "covers_all_areas": [False],
                              "missing_areas": ["NGO"]}))
    flagged = attention(figures, info, "pl")
    assert [a.gmina_id for a in flagged] == [B, A]
    assert flagged[0].score == att.RULE_WEIGHTS["missing_area"] + att.RULE_WEIGHTS["overdue"]
    assert flagged[1].score == att.RULE_WEIGHTS["attendance"]


@pytest.fixture(scope="module")
def examples():
    from toolkit.dataset import load_dataset
    from toolkit.report.context import programme_figures

    out = {}
    for name in ("mowes2", "probus"):
        data = load_dataset(REPO / "data" / name)
        out[name] = (programme_figures(data), data.programme)
    return out


def test_mowes2_lists_some_gminas_not_all(examples):
    figures, info = examples["mowes2"]
    flagged = attention(figures, info, "pl")
    serious = [a for a in flagged if a.score >= att.SERIOUS]
    assert 0 < len(serious) < len(figures["gminas"])
    # Gminas without any LIJW score (computed from the CSVs) are listed for it.
    scores = pd.read_csv(REPO / "data" / "mowes2" / "index_scores.csv", dtype=str)
    gminas = pd.read_csv(REPO / "data" / "mowes2" / "gminas.csv", dtype=str)
    unscored = set(gminas["gmina_id"]) - set(scores["gmina_id"])
    assert unscored == {a.gmina_id for a in flagged if "index_missing" in a.keys}
    # No activity at ≥ 90 % of its plan is ever given as a reason.
    support = pd.read_csv(REPO / "data" / "mowes2" / "support.csv", dtype={"gmina_id": str})
    names = dict(zip(gminas["gmina_id"], gminas["name"]))
    for row in support[support["delivered"] >= 0.9 * support["planned"]].itertuples():
        listed = [a for a in flagged if a.gmina_id == row.gmina_id]
        for a in listed:
            assert info.label("activity", row.activity) + " " not in " ".join(a.reasons), (
                names[row.gmina_id], row.activity)


def test_probus_lists_wegliniec_for_its_fallen_plane(examples):
    figures, info = examples["probus"]
    flagged = {a.name: a for a in attention(figures, info, "pl")}
    scores = pd.read_csv(REPO / "data" / "probus" / "index_scores.csv",
                         dtype={"gmina_id": str})
    areas = pd.read_csv(REPO / "data" / "probus" / "index_areas.csv")
    plane = scores.merge(areas[["area_id", "plane"]], on="area_id")
    means = plane.groupby(["gmina_id", "wave", "plane"])["score"].mean().unstack("wave")
    fell = means[means["follow-up"].round(2) < means["baseline"].round(2)]
    gminas = pd.read_csv(REPO / "data" / "probus" / "gminas.csv", dtype=str)
    names = dict(zip(gminas["gmina_id"], gminas["name"]))
    assert "Węgliniec" in {names[g] for g, _ in fell.index}
    for gmina_id, _ in fell.index:
        assert "index_fell" in flagged[names[gmina_id]].keys


def test_the_sentence_of_minor_points_names_a_few_gminas_and_counts_the_rest(examples,
                                                                             monkeypatch):
    """A national summary would name over a thousand gminas in one sentence: it names at
    most MAX_NAMED of those not listed with their reasons (the most serious first) and
    counts the others, in the language's plural form."""
    import importlib

    from toolkit.report import summary_context

    # The module (the package's ``findings`` is the gmina report's section function).
    findings = importlib.import_module("toolkit.report.sections.findings")
    figures, info = examples["mowes2"]
    flagged = attention(figures, info, "pl")
    listed = [a for a in flagged if a.score >= att.SERIOUS][:att.MAX_LISTED]
    rest = [a for a in flagged if a not in listed]
    assert len(rest) >= 3
    ctx = summary_context(REPO / "data" / "mowes2")
    monkeypatch.setattr(findings, "MAX_NAMED", 2)
    text = findings._attention_text(ctx)
    others = len(rest) - 2
    word = ("inna gmina" if others == 1 else "inne gminy"
            if others % 10 in (2, 3, 4) and others % 100 not in (12, 13, 14) else "innych gmin")
    assert text.endswith(f"dotyczą też: {rest[0].name}, {rest[1].name} oraz {others} {word}.")
    monkeypatch.setattr(findings, "MAX_NAMED", len(rest))
    names = ", ".join(a.name for a in rest)
    assert findings._attention_text(ctx).endswith(f"dotyczą też: {names}.")
