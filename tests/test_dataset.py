"""The Dataset: typed tables, one gmina's slice, defaults."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import load_dataset
from toolkit.dataset import default_index_areas


def test_types(tiny_dir):
    data = load_dataset(tiny_dir)
    sessions = data["sessions"]
    assert sessions["zjazd"].dtype == "int64"
    assert sessions["hours"].tolist() == [8.0, 7.5]
    assert sessions["date"].tolist() == [pd.Timestamp("2014-11-20"), pd.Timestamp("2014-11-21")]
    assert data.data_date() == pd.Timestamp("2015-05-20")


def test_slice_keeps_only_the_gminas_rows(tiny_dir):
    data = load_dataset(tiny_dir)
    part = data.for_gmina("0201011")
    assert part.gmina_id == "0201011"
    assert part["participants"]["participant_id"].tolist() == ["P3"]
    assert set(part["attendance"]["participant_id"]) == {"P3"}
    assert part["responses"].empty and part["recommendations"].empty
    # Programme-wide tables stay whole.
    assert len(part["sessions"]) == 2 and len(part["items"]) == len(data["items"])


def test_slice_of_unknown_gmina(tiny_dir):
    with pytest.raises(KeyError, match="9999999"):
        load_dataset(tiny_dir).for_gmina("9999999")


def test_response_gmina_comes_from_the_participant(tiny_dir):
    responses = load_dataset(tiny_dir)["responses"]
    assert responses["gmina_id"].tolist() == ["1208053"] * 6
    mine = load_dataset(tiny_dir).for_gmina("1208053")["responses"]
    assert len(mine) == 6


def test_default_index_areas_follow_the_spec():
    areas = default_index_areas()
    assert areas.groupby("plane").size().to_dict() == {"I": 4, "II": 2, "III": 2}
    assert areas["source"].notna().all()
    assert (areas["scale_min"] == 0).all() and (areas["scale_max"] == 5).all()
    assert "partnerstwo lokalne" in areas["name"].tolist()


def test_dataset_index_areas_replace_the_default(tiny_dir):
    data = load_dataset(tiny_dir)
    assert data.index_areas["area_id"].tolist() == ["A1", "A2", "A3"]
    (tiny_dir / "index_areas.csv").unlink()
    (tiny_dir / "index_scores.csv").unlink()
    data = load_dataset(tiny_dir)
    assert data.index_areas_are_default and len(data.index_areas) == 8


def test_summary_counts_rows(tiny_dir):
    summary = load_dataset(tiny_dir).for_gmina("1208053").summary().set_index("table")
    assert summary.loc["participants", "rows"] == 2
    assert summary.loc["attendance", "rows"] == 4
    assert bool(summary.loc["support", "present"])


def test_get_names_the_allowed_tables(tiny_dir):
    with pytest.raises(ValueError, match="name must be one of gminas, participants"):
        load_dataset(tiny_dir).get("uczestnicy")
