"""Action plans: counts by status, overdue as of the data date, coverage of the areas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit import load_dataset
from toolkit.actions import action_summary, overdue_actions, path_summary, required_areas
from toolkit.figures import programme_tables

STATUSES = ["planned", "in_progress", "done", "dropped", "overdue"]


@pytest.fixture(scope="module")
def mowes2():
    return load_dataset("data/mowes2")


@pytest.fixture(scope="module")
def sheet(mowes2):
    return programme_tables(mowes2)["actions"]


def _counts(sheet, gmina_id):
    rows = sheet[sheet["gmina_id"] == gmina_id].set_index("area")
    return {area: rows.loc[area, STATUSES].astype(int).tolist() for area in rows.index}


# Counted by hand from data/mowes2/actions.csv, as of 2021-11-30 (programme.csv as_of):
# [planned, in_progress, done, dropped, overdue].
def test_babice_counts_by_hand(sheet):
    # PD001 JST done; PD002 JST in progress; PD003 NGO done; PD004 informal planned
    # (due 2022-02-28); PD005 informal in progress, due 2021-11-15: overdue.
    assert _counts(sheet, "1203022") == {
        "JST": [0, 1, 1, 0, 0], "NGO": [0, 0, 1, 0, 0], "informal": [1, 1, 0, 0, 1],
        "all": [1, 2, 2, 0, 1]}
    row = sheet[(sheet["gmina_id"] == "1203022") & (sheet["area"] == "all")].iloc[0]
    assert row["covers_all_areas"] and row["share_done"] == pytest.approx(2 / 5)


def test_chrzanow_counts_by_hand(sheet):
    # PD006 JST in progress; PD007 JST done; PD008 JST planned, due 2021-10-31: overdue;
    # PD009 NGO in progress; PD010 NGO dropped (due passed, but dropped is never overdue);
    # PD011 informal done.
    assert _counts(sheet, "1203033") == {
        "JST": [1, 1, 1, 0, 1], "NGO": [0, 1, 0, 1, 0], "informal": [0, 0, 1, 0, 0],
        "all": [1, 2, 2, 1, 1]}
    row = sheet[(sheet["gmina_id"] == "1203033") & (sheet["area"] == "all")].iloc[0]
    # done / (all − dropped) = 2 / (6 − 1); the total counts the 5 not dropped.
    assert row["share_done"] == pytest.approx(2 / 5)
    assert (row["total"], row["dropped"]) == (5, 1)


def test_klucze_misses_the_informal_area(sheet):
    # PD012 JST done; PD013 JST planned; PD014 NGO in progress, due 2021-11-20: overdue;
    # PD015 NGO planned; nothing with informal groups.
    assert _counts(sheet, "1212032") == {
        "JST": [1, 0, 1, 0, 0], "NGO": [1, 1, 0, 0, 1], "informal": [0, 0, 0, 0, 0],
        "all": [2, 1, 1, 0, 1]}
    rows = sheet[sheet["gmina_id"] == "1212032"]
    assert not rows["covers_all_areas"].any()
    assert set(rows["missing_areas"]) == {"informal"}
    assert np.isnan(rows.set_index("area").loc["informal", "share_done"])


def test_programme_row_and_only_klucze_misses_an_area(sheet):
    whole = sheet[(sheet["gmina_id"] == "ALL") & (sheet["area"] == "all")].iloc[0]
    assert whole[STATUSES].astype(int).tolist() == [11, 12, 12, 2, 7]  # 37 actions, 7 overdue
    assert (whole["gminas_covering"], whole["n_gminas"]) == (7, 8)
    gmina_rows = sheet[(sheet["gmina_id"] != "ALL") & (sheet["area"] == "all")]
    assert gmina_rows.loc[~gmina_rows["covers_all_areas"].astype(bool), "gmina_id"].tolist() == [
        "1212032"]
    # The ALL area rows add up to the ALL total.
    areas = sheet[(sheet["gmina_id"] == "ALL") & (sheet["area"] != "all")]
    assert areas[STATUSES].sum().tolist() == whole[STATUSES].astype(int).tolist()


def test_spec_columns_first(sheet):
    assert list(sheet.columns[:8]) == ["gmina_id", "area", "planned", "in_progress", "done",
                                       "dropped", "overdue", "covers_all_areas"]


def test_overdue_is_strictly_before_the_data_date():
    acts = pd.DataFrame({"gmina_id": ["1"] * 4, "action_id": ["a", "b", "c", "d"],
                         "area": ["JST", "NGO", "informal", "JST"],
                         "status": ["planned", "in_progress", "done", "dropped"],
                         "due": pd.to_datetime(["2021-11-29", "2021-11-30", "2021-01-01",
                                                "2021-01-01"])})
    out = action_summary(acts, pd.DataFrame({"gmina_id": ["1"]}), as_of="2021-11-30")
    assert out.loc[(out["gmina_id"] == "1") & (out["area"] == "all"), "overdue"].item() == 1
    assert overdue_actions(acts, "2021-11-30")["action_id"].tolist() == ["a"]
    # Without a data date nothing is overdue.
    assert action_summary(acts, pd.DataFrame({"gmina_id": ["1"]}))["overdue"].sum() == 0


def test_min_per_area_and_dropped_actions_do_not_count():
    acts = pd.DataFrame({"gmina_id": ["1"] * 4, "area": ["JST", "NGO", "informal", "informal"],
                         "status": ["done", "planned", "in_progress", "dropped"]})
    gminas = pd.DataFrame({"gmina_id": ["1"]})
    assert action_summary(acts, gminas)["covers_all_areas"].iloc[0]
    two = action_summary(acts, gminas, min_per_area=2)
    assert two["missing_areas"].iloc[0] == "JST;NGO;informal"


def test_required_areas_come_from_the_paths_actions(mowes2):
    needed = required_areas(mowes2["actions"], mowes2.gminas)
    assert needed["1212032"] == ("JST", "NGO", "informal")  # path 3a
    assert needed["1213023"] == ("JST", "NGO")  # path 3b works with the JST and NGOs only
    assert needed["1203033"] == ("JST", "NGO", "informal")  # 3a;3b


def test_path_summary_by_hand(mowes2):
    tables = programme_tables(mowes2)
    paths = path_summary(mowes2.gminas, mowes2["actions"], mowes2.data_date(),
                         tables["attendance"]).set_index("path")
    assert paths["gminas"].to_dict() == {"3a": 6, "3b": 2, "3c": 2}
    # Path 3b: Chrzanów PD007 done, PD008 overdue; Brzeszcze PD022 done, PD024 overdue
    # (PD023 is due on the data date itself: not yet overdue).
    assert paths.loc["3b", ["actions", "done", "dropped", "overdue"]].tolist() == [5, 2, 0, 2]
    assert paths.loc["3b", "share_done"] == pytest.approx(2 / 5)
    # Path 3a: Babice 5 (2 done), Chrzanów PD006/009/010/011 (1 done, PD010 dropped),
    # Klucze 4 (1), Olkusz PD016/018/020/021 (1), Osiek 5 (2, PD029 dropped), Lanckorona 5
    # (2): 27 actions, 2 dropped, so 25 counted, 9 done.
    assert paths.loc["3a", ["actions", "done", "dropped"]].tolist() == [25, 9, 2]
    att = tables["attendance"].set_index("gmina_id")["mean_share"]
    assert paths.loc["3b", "attendance_mean_share"] == pytest.approx(
        (att["1203033"] + att["1213023"]) / 2)
    assert paths.loc["3a", "gminas_covering"] == 5  # Klucze misses informal


def test_demo_has_no_actions_sheet():
    assert "actions" not in programme_tables(load_dataset("data/demo"))


def test_path_rating_pools_only_one_answer_range():
    gminas = pd.DataFrame({"gmina_id": ["0000001", "0000002"], "path": ["3a", "3a"]})
    ratings = pd.DataFrame({"gmina_id": ["0000001", "0000002"], "n": [10, 30],
                            "mean": [4.0, 2.0], "suppressed": [False, False],
                            "scale_min": [1, 1], "scale_max": [5, 5]})
    same = path_summary(gminas, None, None, ratings=ratings).set_index("path")
    assert same.loc["3a", "rating_mean"] == pytest.approx((4.0 * 10 + 2.0 * 30) / 40)
    # A 0–10 questionnaire beside a 1–5 one: a pooled mean would mean nothing.
    mixed = ratings.assign(scale_min=[1, 0], scale_max=[5, 10], mean=[4.0, 8.0])
    assert np.isnan(path_summary(gminas, None, None, ratings=mixed)
                    .set_index("path").loc["3a", "rating_mean"])
