"""Diploma rules, checked against values computed by hand in each test."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.attendance import DIPLOMA_COLUMNS, DiplomaRules, diploma_table, expected_sessions


def sessions(hours=(8,) * 8, groups=None) -> pd.DataFrame:
    """Sessions S1… on consecutive days from 2014-11-20."""
    n = len(hours)
    return pd.DataFrame({
        "session_id": [f"S{i + 1}" for i in range(n)],
        "zjazd": [i // 2 + 1 for i in range(n)],
        "day": [i % 2 + 1 for i in range(n)],
        "date": pd.date_range("2014-11-20", periods=n, freq="D"),
        "hours": [float(h) for h in hours],
        "group": list(groups) if groups else [None] * n,
    })


def people(*ids, groups=None) -> pd.DataFrame:
    return pd.DataFrame({
        "participant_id": list(ids),
        "gmina_id": "1208053",
        "sector": "NGO",
        "first_name": "Ewa",
        "last_name": [f"Nowak{i}" for i in range(len(ids))],
        "organisation": "Fundacja",
        "group": list(groups) if groups else [None] * len(ids),
    })


def marks(**rows: str) -> pd.DataFrame:
    """``marks(P1="xxxxxxx-")``: one letter per session, x present, - absent, u excused,
    s late, . no row; hours go through :func:`with_hours`."""
    code = {"x": "present", "-": "absent", "u": "excused", "s": "late"}
    out = [(pid, f"S{i + 1}", code[m], None)
           for pid, line in rows.items() for i, m in enumerate(line) if m != "."]
    return pd.DataFrame(out, columns=["participant_id", "session_id", "status", "hours"])


def with_hours(att: pd.DataFrame, **given: dict[str, float]) -> pd.DataFrame:
    att = att.copy()
    for pid, by_session in given.items():
        for sid, h in by_session.items():
            att.loc[(att.participant_id == pid) & (att.session_id == sid), "hours"] = h
    return att


def table(att, ppl=None, sess=None, **rules) -> pd.DataFrame:
    ppl = people(*sorted(att["participant_id"].unique())) if ppl is None else ppl
    return diploma_table(ppl, sessions() if sess is None else sess, att,
                         DiplomaRules(**rules)).set_index("participant_id")


def test_columns_in_spec_order():
    out = diploma_table(people("P1"), sessions(), marks(P1="xxxxxxxx"))
    assert list(out.columns[: len(DIPLOMA_COLUMNS)]) == DIPLOMA_COLUMNS


def test_seven_of_eight_days_is_eligible_six_is_not():
    out = table(marks(P7="xxxxxxx-", P6="xx-xxx-x"))
    assert out.loc["P7", ["attended", "possible"]].tolist() == [7, 8]
    assert out.loc["P7", "share"] == 7 / 8 and bool(out.loc["P7", "eligible"])
    assert out.loc["P7", "status"] == "eligible" and out.loc["P7", "can_still_miss"] == 0
    assert out.loc["P6", "share"] == 6 / 8 and not out.loc["P6", "eligible"]
    assert out.loc["P6", "status"] == "ineligible"


def test_threshold_is_a_parameter():
    out = table(marks(P6="xx-xxx-x"), threshold=0.75)
    assert bool(out.loc["P6", "eligible"])  # 6/8 = 0.75 exactly


def test_decimal_hours_summing_to_exactly_the_threshold_are_eligible():
    # Five sessions of 0.7 h = 3.5 h; 80 % of that is 2.8 h; four sessions attended = 2.8 h.
    naive_attended = 0.7 + 0.7 + 0.7 + 0.7
    assert naive_attended < 0.8 * 3.5  # floating point would refuse this diploma
    out = table(marks(P1="xxxx-"), sess=sessions(hours=[0.7] * 5), basis="hours")
    assert out.loc["P1", "attended"] == pytest.approx(2.8)
    assert out.loc["P1", "possible"] == pytest.approx(3.5)
    assert bool(out.loc["P1", "eligible"]) and out.loc["P1", "status"] == "eligible"


def test_hours_from_the_hours_column_else_the_session():
    # 8 × 8 h = 64 h; need 51.2 h. P1: 6 full days (48 h) + 4.5 h late + 0 = 52.5 h.
    att = with_hours(marks(P1="xxxxxxs-"), P1={"S7": 4.5})
    out = table(att, basis="hours")
    assert out.loc["P1", "attended"] == pytest.approx(52.5)
    assert bool(out.loc["P1", "eligible"])
    # Without the hours the late day counts the session's 8 h.
    out = table(marks(P1="xxxxxxs-"), basis="hours")
    assert out.loc["P1", "attended"] == pytest.approx(56.0)


def test_late_counts_as_a_day():
    out = table(with_hours(marks(P1="ssssssss"), P1={"S1": 1}))
    assert out.loc["P1", "attended"] == 8


@pytest.mark.parametrize("policy, attended, possible, eligible", [
    ("absent", 6, 8, False),    # 6/8 = 0.75
    ("exclude", 6, 7, True),    # 6/7 ≈ 0.857
    ("present", 7, 8, True),    # 7/8
])
def test_excused_policies(policy, attended, possible, eligible):
    out = table(marks(P1="xxxuxxx-"), excused=policy)
    assert out.loc["P1", ["attended", "possible"]].tolist() == [attended, possible]
    assert bool(out.loc["P1", "eligible"]) is eligible


def test_excused_present_in_hours_counts_the_session():
    out = table(marks(P1="xxxuxxx-"), sess=sessions(hours=[8, 8, 8, 7.5, 8, 8, 8, 8]),
                basis="hours", excused="present")
    assert out.loc["P1", "attended"] == pytest.approx(55.5)
    assert out.loc["P1", "possible"] == pytest.approx(63.5)


def test_missing_rows_count_as_absent():
    out = table(marks(P1="xxxxxx..", P2="xxxxxxxx"))
    assert out.loc["P1", ["attended", "possible", "missing_rows"]].tolist() == [6, 8, 2]
    assert out.loc["P1", "status"] == "ineligible" and out.loc["P2", "missing_rows"] == 0


def test_groups_only_expect_their_own_and_common_sessions():
    sess = sessions(hours=[8] * 6, groups=["A", "A", "B", "B", None, None])
    ppl = people("PA", "PB", "P0", groups=["A", "B", None])
    pairs = expected_sessions(ppl, sess)
    assert pairs[pairs.participant_id == "PA"].session_id.tolist() == ["S1", "S2", "S5", "S6"]
    assert len(pairs[pairs.participant_id == "P0"]) == 6
    att = marks(PA="xx..x-", PB="..xxxx")
    out = table(att, ppl=ppl, sess=sess)
    assert out.loc["PA", ["attended", "possible", "missing_rows"]].tolist() == [3, 4, 0]
    assert out.loc["PB", ["attended", "possible", "missing_rows"]].tolist() == [4, 4, 0]
    assert out.loc["P0", ["attended", "possible", "missing_rows"]].tolist() == [0, 6, 6]


def test_as_of_statuses_mid_academy():
    # Six of eight days held (as of S6's date); need 7 of 8.
    as_of = dt.date(2014, 11, 25)
    att = marks(A="xxxxxx..", B="xxxxx-..", C="xxxx--..", D="xxxxxxxx")
    out = table(att, as_of=as_of)
    assert out.loc["A", ["status", "can_still_miss"]].tolist() == ["on_track", 1]
    assert out.loc["B", ["status", "can_still_miss"]].tolist() == ["at_risk", 0]
    assert out.loc["C", ["status", "can_still_miss"]].tolist() == ["ineligible", 0]
    assert out.loc["C", "max_reachable_share"] == 6 / 8
    assert out.loc["B", "max_reachable_share"] == 7 / 8
    assert out.loc["A", "max_reachable_share"] == 1.0
    # Rows for sessions after as_of are ignored: D's future presence is not counted yet.
    assert out.loc["D", ["attended", "possible", "remaining"]].tolist() == [6, 8, 2]
    # possible always counts every expected session, past and future.
    assert (out["possible"] == 8).all()


def test_as_of_eligible_is_secured_with_slack_left():
    out = table(marks(E="xxxxxxx."), as_of=dt.date(2014, 11, 26))  # 7 of 8 held
    assert out.loc["E", ["status", "can_still_miss", "remaining"]].tolist() == ["eligible", 1, 1]
    assert bool(out.loc["E", "eligible"])


def test_as_of_in_hours():
    # 64 h possible, need 51.2 h; 6 days held and attended (48 h), 16 h to come.
    out = table(marks(P1="xxxxxx.."), as_of=dt.date(2014, 11, 25), basis="hours")
    assert out.loc["P1", "can_still_miss"] == pytest.approx(12.8)
    assert out.loc["P1", "status"] == "on_track"


def test_can_still_miss_after_the_academy_is_zero():
    # No as_of: every session has happened, nothing is left to miss (SPEC §3).
    out = table(marks(P8="xxxxxxxx", P7="xxxxxxx-"))
    assert out.loc["P8", ["status", "can_still_miss", "remaining"]].tolist() == ["eligible", 0, 0]
    assert out.loc["P7", ["status", "can_still_miss", "remaining"]].tolist() == ["eligible", 0, 0]
    hours = table(marks(P8="xxxxxxxx"), basis="hours")
    # 64 of 64 h, need 51.2 h: the slack of 12.8 h has nothing left to be spent on.
    assert hours.loc["P8", ["can_still_miss", "remaining"]].tolist() == [0, 0]


def test_can_still_miss_is_capped_by_the_days_left():
    # Threshold 0.5: need ⌈4⌉ = 4 of 8. Six held and attended, two to come:
    # slack = 6 + 2 − 4 = 4, but only 2 days are left → 2.
    out = table(marks(A="xxxxxx..", B="xxx---.."), as_of=dt.date(2014, 11, 25), threshold=0.5)
    assert out.loc["A", ["status", "can_still_miss", "remaining"]].tolist() == ["eligible", 2, 2]
    # B: 3 attended + 2 to come − 4 = 1 (less than the 2 left) → on_track, 1 day.
    assert out.loc["B", ["status", "can_still_miss"]].tolist() == ["on_track", 1]


def test_can_still_miss_in_hours_is_capped_by_the_hours_left():
    # Seven 8-hour days held and attended (56 h), one of 8 h to come; need 0.8 · 64 = 51.2 h.
    # Slack = 56 + 8 − 51.2 = 12.8 h, but only 8 h are left → 8.
    out = table(marks(P1="xxxxxxx."), as_of=dt.date(2014, 11, 26), basis="hours")
    assert out.loc["P1", ["status", "remaining"]].tolist() == ["eligible", 8]
    assert out.loc["P1", "can_still_miss"] == pytest.approx(8)
    # Five attended of seven held (40 h), 8 h left: slack 48 − 51.2 < 0 → ineligible, 0.
    out = table(marks(P2="xx-xx-x."), as_of=dt.date(2014, 11, 26), basis="hours")
    assert out.loc["P2", ["status", "can_still_miss"]].tolist() == ["ineligible", 0]
    # Six of six held (48 h), 16 h left: slack 12.8 h < 16 h → not capped, on_track.
    out = table(marks(P3="xxxxxx.."), as_of=dt.date(2014, 11, 25), basis="hours")
    assert out.loc["P3", "can_still_miss"] == pytest.approx(12.8)
    assert out.loc["P3", "status"] == "on_track"


@pytest.mark.parametrize("basis", ["days", "hours"])
@pytest.mark.parametrize("day", [19, 22, 24, 27, 30])
def test_statuses_agree_with_can_still_miss(basis, day):
    # Every mark pattern of 4 days × a few thresholds: the status follows from the figures.
    import itertools

    lines = {f"P{i}": "".join(p) + "xxxx" for i, p in enumerate(itertools.product("x-us", repeat=4))}
    for threshold in (0.5, 0.8, 1.0):
        out = table(marks(**lines), as_of=dt.date(2014, 11, day), basis=basis, threshold=threshold)
        assert (out["can_still_miss"] >= 0).all()
        assert (out["can_still_miss"] <= out["remaining"] + 1e-9).all()
        on_track = out["status"] == "on_track"
        assert ((~out["eligible"] & (out["can_still_miss"] > 0)) == on_track).all()
        assert (out.loc[out["status"] == "at_risk", "can_still_miss"] == 0).all()
        assert (out.loc[out["remaining"] == 0, "can_still_miss"] == 0).all()


def test_without_as_of_every_session_has_happened():
    out = table(marks(P1="xxxxxxx."))
    assert out.loc["P1", ["attended", "remaining", "status"]].tolist() == [7, 0, "eligible"]


def test_participant_without_sessions_is_not_eligible():
    sess = sessions(hours=[8, 8], groups=["A", "A"])
    out = diploma_table(people("PB", groups=["B"]), sess, marks(PB="..")).iloc[0]
    assert out["possible"] == 0 and pd.isna(out["share"]) and out["status"] == "ineligible"


@pytest.mark.parametrize("kwargs, message", [
    ({"threshold": 1.5}, "threshold must be in (0, 1]; got 1.5"),
    ({"basis": "weeks"}, "basis must be one of days, hours; got 'weeks'"),
    ({"excused": "maybe"}, "excused must be one of absent, exclude, present; got 'maybe'"),
])
def test_rules_name_the_bad_parameter(kwargs, message):
    with pytest.raises(ValueError) as info:
        DiplomaRules(**kwargs)
    assert str(info.value) == message
