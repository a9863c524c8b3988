"""LIJW plane and overall scores and their change, checked against values computed by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit import load_dataset
from toolkit.index import (ALL, CHANGE_COLUMNS, INDEX_COLUMNS, area_scales, index_change,
                           index_table, wave_order)

#: A custom index: two areas of plane I on 0–5, one of plane II on 1–10, one of III on 0–5.
AREAS = pd.DataFrame({
    "area_id": ["I_a", "I_b", "II_a", "III_a"],
    "plane": ["I", "I", "II", "III"],
    "name": ["konsultacje", "diagnoza", "zlecanie zadań", "infrastruktura"],
    "scale_min": [0.0, 0.0, 1.0, 0.0],
    "scale_max": [5.0, 5.0, 10.0, 5.0],
})


def _scores(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["gmina_id", "wave", "date", "area_id", "score"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["score"] = frame["score"].astype(float)
    return frame


#: "przed" (baseline) sorts after "po" (follow-up) by name but comes first by date.
#: G1 has both waves (its baseline rows carry two dates); G2 misses I_b at the baseline;
#: G3 has only a baseline.
SCORES = _scores([
    ("G1", "przed", "2014-10-01", "I_a", 1), ("G1", "przed", "2014-10-02", "I_b", 2),
    ("G1", "przed", "2014-10-02", "II_a", 7), ("G1", "przed", "2014-10-02", "III_a", 3),
    ("G1", "po", "2015-06-01", "I_a", 2), ("G1", "po", "2015-06-01", "I_b", 4),
    ("G1", "po", "2015-06-01", "II_a", 9), ("G1", "po", "2015-06-01", "III_a", 4),
    ("G2", "przed", "2014-10-05", "I_a", 3),
    ("G2", "przed", "2014-10-05", "II_a", 4), ("G2", "przed", "2014-10-05", "III_a", 1),
    ("G2", "po", "2015-06-03", "I_a", 4), ("G2", "po", "2015-06-03", "I_b", 5),
    ("G2", "po", "2015-06-03", "II_a", 4), ("G2", "po", "2015-06-03", "III_a", 2),
    ("G3", "przed", "2014-10-03", "I_a", 0), ("G3", "przed", "2014-10-03", "I_b", 1),
    ("G3", "przed", "2014-10-03", "II_a", 1), ("G3", "przed", "2014-10-03", "III_a", 5),
])


@pytest.fixture
def table() -> pd.DataFrame:
    return index_table(SCORES, AREAS).set_index(["gmina_id", "wave", "plane"])


@pytest.fixture
def change() -> pd.DataFrame:
    return index_change(SCORES, AREAS).set_index(["gmina_id", "level", "key"])


def test_waves_are_ordered_by_date_not_by_name():
    assert wave_order(SCORES) == ["przed", "po"]
    later_name_first = _scores([("G", "2016", "2013-05-01", "I_a", 1),
                                ("G", "2013", "2016-05-01", "I_a", 2)])
    assert wave_order(later_name_first) == ["2016", "2013"]


def test_waves_on_the_same_day_are_ordered_by_name():
    same_day = _scores([("G", "b", "2014-01-01", "I_a", 1), ("G", "a", "2014-01-01", "I_a", 2),
                        ("G", "c", "2013-01-01", "I_a", 2)])
    assert wave_order(same_day) == ["c", "a", "b"]


def test_plane_scores_are_means_of_their_areas(table):
    assert list(index_table(SCORES, AREAS).columns) == INDEX_COLUMNS
    # G1 baseline: I = (1 + 2) / 2, II = 7, III = 3.
    assert table.loc[("G1", "przed", "I"), "score"] == pytest.approx(1.5)
    assert table.loc[("G1", "przed", "II"), "score"] == pytest.approx(7.0)
    assert table.loc[("G1", "przed", "III"), "score"] == pytest.approx(3.0)
    assert table.loc[("G1", "po", "I"), "score"] == pytest.approx(3.0)


def test_overall_is_the_mean_of_all_areas_not_of_the_planes(table):
    # (1 + 2 + 7 + 3) / 4 = 3.25, whereas the mean of the planes is (1.5 + 7 + 3) / 3 = 3.83.
    overall = table.loc[("G1", "przed", "overall"), "score"]
    assert overall == pytest.approx(3.25)
    assert overall != pytest.approx((1.5 + 7 + 3) / 3)
    assert table.loc[("G1", "po", "overall"), "score"] == pytest.approx(19 / 4)
    assert table.loc[("G1", "przed", "overall"), "n_expected"] == 4


def test_missing_area_is_left_out_and_flagged(table):
    # G2's baseline has no I_b: plane I is I_a alone, overall (3 + 4 + 1) / 3.
    row = table.loc[("G2", "przed", "I")]
    assert (row["score"], row["n_areas"], row["n_expected"], row["complete"]) == (3.0, 1, 2, False)
    overall = table.loc[("G2", "przed", "overall")]
    assert overall["score"] == pytest.approx(8 / 3)
    assert (overall["n_areas"], overall["n_expected"], overall["complete"]) == (3, 4, False)
    assert bool(table.loc[("G2", "przed", "II"), "complete"]) is True
    assert bool(table.loc[("G2", "po", "overall"), "complete"]) is True


def test_wave_date_is_the_latest_of_the_gminas_rows(table):
    assert table.loc[("G1", "przed", "I"), "date"] == pd.Timestamp("2014-10-02")
    assert table.loc[("G2", "po", "overall"), "date"] == pd.Timestamp("2015-06-03")


def test_rows_are_ordered_by_gmina_wave_and_plane():
    out = index_table(SCORES, AREAS)
    assert list(dict.fromkeys(out["gmina_id"])) == ["G1", "G2", "G3", ALL]
    g1 = out[out["gmina_id"] == "G1"]
    assert list(g1["wave"]) == ["przed"] * 4 + ["po"] * 4
    assert list(g1["plane"]) == ["I", "II", "III", "overall"] * 2
    assert out["n_areas"].dtype == "int64" and out["complete"].dtype == bool


def test_programme_rows_are_means_over_gminas(table):
    # Baseline plane I: G1 1.5, G2 3, G3 0.5; overall: 3.25, 8/3, 1.75.
    row = table.loc[(ALL, "przed", "I")]
    assert row["score"] == pytest.approx((1.5 + 3 + 0.5) / 3)
    assert (row["n_areas"], row["n_expected"], row["complete"]) == (3, 3, True)
    assert table.loc[(ALL, "przed", "overall"), "score"] == pytest.approx(
        (3.25 + 8 / 3 + 1.75) / 3)
    # Follow-up: G3 has none, so two of three gminas contribute.
    row = table.loc[(ALL, "po", "I")]
    assert row["score"] == pytest.approx((3 + 4.5) / 2)
    assert (row["n_areas"], row["n_expected"], row["complete"]) == (2, 3, False)
    assert table.loc[(ALL, "po", "overall"), "date"] == pd.Timestamp("2015-06-03")


def test_normalised_rescales_each_area_to_0_1_before_averaging():
    out = index_table(SCORES, AREAS, normalised=True).set_index(["gmina_id", "wave", "plane"])
    # G1 baseline: I_a 1/5, I_b 2/5, II_a (7 − 1) / (10 − 1), III_a 3/5.
    i_a, i_b, ii_a, iii_a = 0.2, 0.4, 6 / 9, 0.6
    assert out.loc[("G1", "przed", "I"), "score"] == pytest.approx((i_a + i_b) / 2)
    assert out.loc[("G1", "przed", "II"), "score"] == pytest.approx(ii_a)
    assert out.loc[("G1", "przed", "overall"), "score"] == pytest.approx(
        (i_a + i_b + ii_a + iii_a) / 4)


def test_areas_without_scale_columns_are_on_0_to_5():
    bare = AREAS.drop(columns=["scale_min", "scale_max"])
    assert area_scales(bare)[["scale_min", "scale_max"]].drop_duplicates().values.tolist() == [
        [0.0, 5.0]]
    out = index_table(SCORES, bare, normalised=True).set_index(["gmina_id", "wave", "plane"])
    assert out.loc[("G1", "przed", "II"), "score"] == pytest.approx(7 / 5)


def test_a_plane_without_areas_has_no_rows():
    two_planes = AREAS[AREAS["plane"] != "III"]
    scores = SCORES[SCORES["area_id"] != "III_a"]
    out = index_table(scores, two_planes)
    assert list(out.loc[out["gmina_id"] == "G3", "plane"]) == ["I", "II", "overall"]


def test_unknown_area_is_an_error():
    bad = _scores([("G", "przed", "2014-01-01", "X_9", 1)])
    with pytest.raises(ValueError, match="X_9"):
        index_table(bad, AREAS)


def test_change_overall_per_plane_and_per_area(change):
    assert list(index_change(SCORES, AREAS).columns) == CHANGE_COLUMNS
    g1 = change.loc["G1"]
    assert g1.loc[("plane", "overall"), ["first_wave", "last_wave"]].tolist() == ["przed", "po"]
    assert g1.loc[("plane", "overall"), ["first_score", "last_score", "change"]].tolist() == \
        pytest.approx([3.25, 4.75, 1.5])
    assert g1.loc[("plane", "I"), "change"] == pytest.approx(1.5)
    assert g1.loc[("plane", "II"), "change"] == pytest.approx(2.0)
    assert g1.loc[("plane", "III"), "change"] == pytest.approx(1.0)
    assert g1.loc[("area", "I_b"), ["first_score", "last_score", "change"]].tolist() == \
        pytest.approx([2, 4, 2])
    assert g1.loc[("area", "II_a"), "plane"] == "II"
    # G2: overall 8/3 → 15/4.
    assert change.loc[("G2", "plane", "overall"), "change"] == pytest.approx(15 / 4 - 8 / 3)
    assert change.loc[("G2", "plane", "II"), "change"] == pytest.approx(0.0)


def test_area_missing_in_one_wave_has_no_change(change):
    row = change.loc[("G2", "area", "I_b")]
    assert math.isnan(row["first_score"]) and row["last_score"] == 5
    assert math.isnan(row["change"]) and row["n_gminas"] == 0


def test_gmina_with_one_wave_gets_no_change_rows():
    out = index_change(SCORES, AREAS)
    assert "G3" not in set(out["gmina_id"])
    only_baseline = SCORES[SCORES["wave"] == "przed"]
    empty = index_change(only_baseline, AREAS)
    assert empty.empty and list(empty.columns) == CHANGE_COLUMNS


def test_change_uses_first_and_last_wave_by_date():
    three = pd.concat([SCORES[SCORES["gmina_id"] == "G1"], _scores([
        ("G1", "srodek", "2015-01-01", "I_a", 5), ("G1", "srodek", "2015-01-01", "I_b", 5),
        ("G1", "srodek", "2015-01-01", "II_a", 10), ("G1", "srodek", "2015-01-01", "III_a", 5)])])
    out = index_change(three, AREAS).set_index(["gmina_id", "level", "key"])
    row = out.loc[("G1", "plane", "overall")]
    assert (row["first_wave"], row["last_wave"]) == ("przed", "po")
    assert row["change"] == pytest.approx(1.5)


def test_programme_change_is_the_mean_over_gminas_with_both_waves(change):
    row = change.loc[(ALL, "plane", "overall")]
    assert row["change"] == pytest.approx((1.5 + (15 / 4 - 8 / 3)) / 2)
    assert row["first_score"] == pytest.approx((3.25 + 8 / 3) / 2)
    assert row["last_score"] == pytest.approx((4.75 + 3.75) / 2)
    assert row["n_gminas"] == 2
    assert change.loc[(ALL, "plane", "II"), "change"] == pytest.approx((2 + 0) / 2)
    # I_b has both waves only in G1.
    row = change.loc[(ALL, "area", "I_b")]
    assert (row["change"], row["n_gminas"]) == (pytest.approx(2.0), 1)


def test_demo_overall_by_hand():
    data = load_dataset()
    out = index_table(data["index_scores"], data.index_areas).set_index(
        ["gmina_id", "wave", "plane"])
    # Miechów baseline: 1.46 + 1.99 + 1.70 + 0.96 + 2.31 + 1.84 + 1.72 + 1.73 = 13.71.
    assert out.loc[("1208053", "baseline", "overall"), "score"] == pytest.approx(13.71 / 8)
    assert out.loc[("1208053", "baseline", "II"), "score"] == pytest.approx((2.31 + 1.84) / 2)
    assert out["complete"].all()
    change = index_change(data["index_scores"], data.index_areas).set_index(
        ["gmina_id", "level", "key"])
    assert change.loc[("1208053", "area", "III_1"), "change"] == pytest.approx(2.97 - 1.72)
