"""Programme figures (what `tables` writes), checked against hand calculations."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from conftest import wilson_by_hand
from toolkit import cli, load_dataset
from toolkit.attendance import diploma_table
from toolkit.figures import ALL, TABLE_SHEETS, attendance_by_gmina, programme_tables, wilson_interval


@pytest.mark.parametrize("k, n", [(1, 2), (0, 3), (15, 17), (4, 4)])
def test_wilson_interval_matches_the_formula(k, n):
    low, high = wilson_interval([k], [n])
    assert (low[0], high[0]) == pytest.approx(wilson_by_hand(k, n), abs=1e-12)


def test_wilson_interval_is_nan_without_people():
    low, high = wilson_interval([0], [0])
    assert math.isnan(low[0]) and math.isnan(high[0])


def test_attendance_by_gmina_by_hand(tiny_dir):
    data = load_dataset(tiny_dir)
    diplomas = diploma_table(data["participants"], data["sessions"], data["attendance"])
    out = attendance_by_gmina(diplomas, data.gminas).set_index("gmina_id")
    # P1 2/2 (diploma), P2 1/2 in Miechów; P3 1/2 in Bolesławiec (excused = absent).
    assert out.loc["1208053", ["participants", "mean_share", "diplomas"]].tolist() == [2, 0.75, 1]
    assert out.loc["0201011", ["participants", "mean_share", "diplomas"]].tolist() == [1, 0.5, 0]
    assert out.loc[ALL, ["participants", "diplomas"]].tolist() == [3, 1]
    assert out.loc[ALL, "mean_share"] == pytest.approx(2 / 3)
    assert out.loc["1208053", ["rate_low", "rate_high"]].tolist() == pytest.approx(
        wilson_by_hand(1, 2))
    assert list(out.index) == ["1208053", "0201011", ALL]


def test_gmina_without_participants_gets_a_zero_row(tiny_dir):
    data = load_dataset(tiny_dir)
    people = data["participants"]
    diplomas = diploma_table(people[people.gmina_id == "1208053"], data["sessions"],
                             data["attendance"])
    out = attendance_by_gmina(diplomas, data.gminas).set_index("gmina_id")
    assert out.loc["0201011", ["participants", "diplomas"]].tolist() == [0, 0]
    assert math.isnan(out.loc["0201011", "diploma_rate"])


def test_programme_tables_have_every_sheet_even_without_data(tmp_path):
    from conftest import TINY, write_tables

    only = load_dataset(write_tables(tmp_path / "g", {"gminas": TINY["gminas"]}))
    tables = programme_tables(only)
    assert list(tables) == list(TABLE_SHEETS)
    assert list(tables["attendance"].columns) == TABLE_SHEETS["attendance"]
    assert tables["attendance"].empty


def test_tables_command_writes_the_attendance_sheet(tiny_dir, tmp_path, capsys):
    out = tmp_path / "tabele.xlsx"
    assert cli.main(["tables", "--data", str(tiny_dir), "--out", str(out)]) == 0
    sheet = pd.read_excel(out, sheet_name="attendance", dtype={"gmina_id": str})
    # The SPEC columns in order, the gmina's name beside its id for people.
    assert list(sheet.columns[:5]) == ["gmina_id", "gmina_name", "participants", "mean_share",
                                       "diplomas"]
    assert sheet["gmina_id"].tolist() == ["1208053", "0201011", "ALL"]
    assert sheet["gmina_name"].tolist() == ["Miechów", "Bolesławiec", "cały program"]
    assert sheet["diplomas"].tolist() == [1, 0, 1]


def test_tables_command_writes_every_sheet_by_hand(tiny_dir, tmp_path, capsys):
    out = tmp_path / "tabele.xlsx"
    assert cli.main(["tables", "--data", str(tiny_dir), "--out", str(out)]) == 0
    sheets = pd.read_excel(out, sheet_name=None, dtype={"gmina_id": str})
    assert list(sheets) == list(TABLE_SHEETS)
    for name, columns in TABLE_SHEETS.items():
        spec = sheets[name].drop(columns="gmina_name")
        assert list(spec.columns[: len(columns)]) == columns, name
        assert list(sheets[name].columns[:2]) == ["gmina_id", "gmina_name"], name
    index = sheets["index"]
    mine = index[(index.gmina_id == "1208053")].set_index("plane")["score"]
    assert mine.to_dict() == pytest.approx({"I": 1.5, "II": 2.0, "III": 7.25,
                                            "overall": (1.5 + 2 + 7.25) / 3})
    recs = sheets["recommendations"].set_index("gmina_id")
    assert recs.loc["1208053", ["adopted_I", "adopted_II", "adopted_III", "adopted_total"]].tolist() == [1, 0, 0, 1]
    assert not recs.loc["1208053", "commitment_met"]
    support = sheets["support"]
    advice = support[(support.gmina_id == "1208053") & (support.activity == "doradztwo")].iloc[0]
    assert advice["ratio"] == pytest.approx(12.5 / 15)
    likert = sheets["likert"]
    assert bool(likert.loc[likert.gmina_id == "1208053", "suppressed"].all())
