"""The recommendation commitment and support against plan, checked against hand counts."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit import load_dataset
from toolkit.commitments import (ALL, LIST_COLUMNS, SUMMARY_COLUMNS,
                                 SUPPORT_COLUMNS, recommendation_list, recommendation_summary,
                                 support_summary)

GMINAS = pd.DataFrame({"gmina_id": ["MET", "NO_III", "THREE", "PENDING", "NONE"],
                       "name": ["a", "b", "c", "d", "e"]})


def _recs(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["gmina_id", "recommendation_id", "status"])
    frame["plane"] = frame["recommendation_id"].str.split(".").str[0]
    frame["title"] = "t " + frame["recommendation_id"]
    frame["document_type"] = "uchwała"
    frame["adopted_on"] = pd.to_datetime(
        ["2015-05-01" if s == "adopted" else None for s in frame["status"]])
    return frame


RECS = _recs([
    # 4 adopted, one in each plane (two in III): met.
    ("MET", "I.1", "adopted"), ("MET", "II.3", "adopted"), ("MET", "III.5", "adopted"),
    ("MET", "III.6", "adopted"),
    # 4 adopted but none in plane III.
    ("NO_III", "I.1", "adopted"), ("NO_III", "I.2", "adopted"), ("NO_III", "II.3", "adopted"),
    ("NO_III", "II.4", "adopted"), ("NO_III", "III.5", "in_progress"),
    # 3 adopted across all planes, 2 more under way.
    ("THREE", "I.1", "adopted"), ("THREE", "II.3", "adopted"), ("THREE", "III.5", "adopted"),
    ("THREE", "II.4", "planned"), ("THREE", "III.6", "in_progress"),
    # Nothing adopted yet.
    ("PENDING", "I.1", "planned"), ("PENDING", "I.2", "planned"),
    ("PENDING", "II.3", "in_progress"), ("PENDING", "III.5", "in_progress"),
    # Not in GMINAS: ignored.
    ("OTHER", "I.1", "adopted"),
])


@pytest.fixture
def summary() -> pd.DataFrame:
    return recommendation_summary(RECS, GMINAS).set_index("gmina_id")


def test_summary_has_every_gmina_then_all():
    out = recommendation_summary(RECS, GMINAS)
    assert list(out.columns) == SUMMARY_COLUMNS
    assert list(out["gmina_id"]) == ["MET", "NO_III", "THREE", "PENDING", "NONE", ALL]
    assert str(out["commitment_met"].dtype) == "boolean"


def test_commitment_met(summary):
    row = summary.loc["MET"]
    assert row[["adopted_I", "adopted_II", "adopted_III", "adopted_total"]].tolist() == [1, 1, 2, 4]
    assert bool(row["commitment_met"]) is True
    assert (row["missing_planes"], row["adopted_short"], row["gminas_met"]) == ("", 0, 1)


def test_four_adopted_but_plane_three_empty_is_not_met(summary):
    row = summary.loc["NO_III"]
    assert row[["adopted_I", "adopted_II", "adopted_III", "adopted_total"]].tolist() == [2, 2, 0, 4]
    assert bool(row["commitment_met"]) is False
    assert row["missing_planes"] == "III"
    assert (row["adopted_short"], row["in_progress"]) == (0, 1)


def test_three_adopted_is_one_short(summary):
    row = summary.loc["THREE"]
    assert row["adopted_total"] == 3
    assert bool(row["commitment_met"]) is False
    assert (row["missing_planes"], row["adopted_short"]) == ("", 1)
    # The planned II.4 and the in-progress III.6 do not count.
    assert (row["planned"], row["in_progress"]) == (1, 1)


def test_planned_and_in_progress_are_not_adopted(summary):
    row = summary.loc["PENDING"]
    assert row[["adopted_I", "adopted_II", "adopted_III", "adopted_total"]].tolist() == [0, 0, 0, 0]
    assert (row["planned"], row["in_progress"]) == (2, 2)
    assert bool(row["commitment_met"]) is False
    assert (row["missing_planes"], row["adopted_short"]) == ("I, II, III", 4)


def test_gmina_without_recommendations_gets_zeros(summary):
    row = summary.loc["NONE"]
    assert row[["adopted_total", "planned", "in_progress", "gminas_met"]].tolist() == [0, 0, 0, 0]
    assert bool(row["commitment_met"]) is False
    assert (row["missing_planes"], row["adopted_short"]) == ("I, II, III", 4)


def test_programme_row_sums_the_gminas(summary):
    row = summary.loc[ALL]
    # Adopted: I 1+2+1, II 1+2+1, III 2+0+1; OTHER is not one of the gminas.
    assert row[["adopted_I", "adopted_II", "adopted_III", "adopted_total"]].tolist() == [4, 4, 3, 11]
    assert (row["planned"], row["in_progress"]) == (1 + 2, 1 + 1 + 2)
    assert row["adopted_short"] == 0 + 0 + 1 + 4 + 4
    assert (row["gminas_met"], row["n_gminas"]) == (1, 5)
    assert pd.isna(row["commitment_met"])
    assert row["missing_planes"] == ""


def test_commitment_rule_comes_from_the_arguments():
    # The programme may ask for 3 in all and 2 per plane (``commitment_min_*`` keys).
    out = recommendation_summary(RECS, GMINAS, min_total=3).set_index("gmina_id")
    assert bool(out.loc["THREE", "commitment_met"]) is True       # 3 adopted, one per plane
    assert out.loc["THREE", "adopted_short"] == 0
    strict = recommendation_summary(RECS, GMINAS, min_per_plane=2).set_index("gmina_id")
    # MET has I 1, II 1, III 2: two planes short of 2.
    assert bool(strict.loc["MET", "commitment_met"]) is False
    assert strict.loc["MET", "missing_planes"] == "I, II"


def test_gminas_may_be_a_list_of_ids():
    out = recommendation_summary(RECS, ["NONE", "MET"])
    assert list(out["gmina_id"]) == ["NONE", "MET", ALL]
    assert out["adopted_total"].tolist() == [0, 4, 4]


def test_recommendation_list_is_sorted_by_plane_then_id():
    recs = _recs([("G", "III.10", "adopted"), ("G", "II.4", "planned"), ("G", "III.5", "adopted"),
                  ("G", "I.2", "in_progress"), ("H", "I.1", "adopted")])
    out = recommendation_list(recs, "G")
    assert list(out.columns) == LIST_COLUMNS
    assert out["recommendation_id"].tolist() == ["I.2", "II.4", "III.5", "III.10"]
    assert out["adopted_on"].isna().tolist() == [True, True, False, False]
    every = recommendation_list(recs)
    assert list(every.columns) == ["gmina_id", *LIST_COLUMNS]
    assert every["gmina_id"].tolist() == ["G"] * 4 + ["H"]


SUPPORT = pd.DataFrame({
    "gmina_id": ["G1", "G1", "G1", "G2", "G2"],
    "activity": ["doradztwo", "spotkania GWD", "dodatkowe", "doradztwo", "spotkania GWD"],
    "unit": ["h", "count", "count", "h", "count"],
    "planned": [15.0, 3.0, 0.0, 15.0, 3.0],
    "delivered": [12.5, 4.0, 2.0, 16.0, 1.0],
})


def test_support_ratio_and_shortfall_by_hand():
    out = support_summary(SUPPORT)
    assert list(out.columns) == SUPPORT_COLUMNS
    rows = out.set_index(["gmina_id", "activity"])
    row = rows.loc[("G1", "doradztwo")]
    assert (row["ratio"], row["shortfall"], row["met"]) == (pytest.approx(12.5 / 15), 2.5, False)
    row = rows.loc[("G1", "spotkania GWD")]
    assert (row["ratio"], row["shortfall"], row["met"]) == (pytest.approx(4 / 3), 0.0, True)
    row = rows.loc[("G2", "spotkania GWD")]
    assert (row["ratio"], row["shortfall"], row["met"]) == (pytest.approx(1 / 3), 2.0, False)


def test_support_planned_zero_has_no_ratio():
    row = support_summary(SUPPORT).set_index(["gmina_id", "activity"]).loc[("G1", "dodatkowe")]
    assert math.isnan(row["ratio"])
    assert (row["shortfall"], row["met"]) == (0.0, True)


def test_support_programme_rows():
    out = support_summary(SUPPORT)
    assert out["gmina_id"].tolist() == ["G1"] * 3 + ["G2"] * 2 + [ALL] * 3
    rows = out[out["gmina_id"] == ALL].set_index("activity")
    row = rows.loc["doradztwo"]
    assert (row["planned"], row["delivered"]) == (30.0, 28.5)
    assert row["ratio"] == pytest.approx(28.5 / 30)
    # Sum of the gminas' shortfalls: G2's surplus does not offset G1's 2.5 h.
    assert row["shortfall"] == 2.5
    assert (bool(row["met"]), row["gminas_met"], row["n_gminas"]) == (False, 1, 2)
    assert rows.loc["spotkania GWD", "ratio"] == pytest.approx(5 / 6)
    assert math.isnan(rows.loc["dodatkowe", "ratio"])


def test_demo_exactly_krynica_misses_the_commitment():
    data = load_dataset()
    out = recommendation_summary(data["recommendations"], data.gminas)
    gminas = out[out["gmina_id"] != ALL]
    assert gminas.loc[~gminas["commitment_met"].astype(bool), "gmina_id"].tolist() == ["1210073"]
    krynica = gminas.set_index("gmina_id").loc["1210073"]
    assert (krynica["adopted_total"], krynica["adopted_short"], krynica["in_progress"]) == (3, 1, 1)
    assert out.set_index("gmina_id").loc[ALL, "gminas_met"] == 3
