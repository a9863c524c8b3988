"""Programme figures (what `tables` writes), checked against hand calculations."""

from __future__ import annotations

import math
import shutil

import numpy as np
import pandas as pd
import pytest

from conftest import DEMO, wilson_by_hand
from toolkit import cli, load_dataset
from toolkit.attendance import diploma_table
from toolkit.figures import (ALL, OPTIONAL_SHEETS, TABLE_SHEETS, attendance_by_gmina,
                             programme_tables, wilson_interval)

ALWAYS = [n for n in TABLE_SHEETS if n not in OPTIONAL_SHEETS]


@pytest.mark.parametrize("k, n", [(1, 2), (0, 3), (15, 17), (4, 4)])
def test_wilson_interval_matches_the_formula(k, n):
    low, high = wilson_interval([k], [n])
    assert (low[0], high[0]) == pytest.approx(wilson_by_hand(k, n), abs=1e-12)


def test_wilson_interval_is_nan_without_people():
    low, high = wilson_interval([0], [0])
    assert math.isnan(low[0]) and math.isnan(high[0])


def test_wilson_interval_holds_the_share():
    # For some n (7, 9, 14, …) the floating-point bound misses 0 (or 1) by ~1e-17, which
    # made the error bars of the diploma-rate chart negative.
    n = np.arange(1, 201)
    for k in (np.zeros_like(n), n // 3, n):
        low, high = wilson_interval(k, n)
        assert (low <= k / n).all() and (k / n <= high).all()
        assert (0 <= low).all() and (high <= 1).all()
    assert (wilson_interval(np.zeros_like(n), n)[0] == 0).all()
    assert (wilson_interval(n, n)[1] == 1).all()


def _demo_copy(tmp_path, **edits):
    """A copy of the demo dataset; ``edits``: table → function(frame) → frame."""
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    for name, edit in edits.items():
        path = folder / f"{name}.csv"
        edit(pd.read_csv(path, dtype=str, keep_default_na=False)).to_csv(path, index=False)
    return folder


def test_tables_run_on_items_without_the_correct_column(tmp_path, capsys):
    from dataclasses import replace

    demo_data = load_dataset(DEMO)
    items = demo_data["items"].drop(columns="correct")
    tables = programme_tables(replace(demo_data, tables={**demo_data.tables, "items": items}))
    # No knowledge item can be scored: no pairs, no test; everything else as with the demo.
    knowledge = tables["knowledge"]
    assert (knowledge["n_pairs"] == 0).all() and (knowledge["test"] == "").all()
    demo = programme_tables(demo_data)
    pd.testing.assert_frame_equal(tables["likert"], demo["likert"])
    assert demo["knowledge"]["n_pairs"].max() > 0
    # From files, validation names the missing column instead of a crash later.
    folder = _demo_copy(tmp_path, items=lambda f: f.drop(columns="correct"))
    out = tmp_path / "tabele.xlsx"
    assert cli.main(["tables", "--data", str(folder), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "items.csv:1:" in err and "correct" in err and "internal error" not in err
    assert not out.exists()


def _no_attendance(tmp_path):
    """The demo with an attendance table of a header and no rows, and two more people in
    the first gmina (7 of them, 19 in all: sizes whose Wilson bound used to miss 0)."""
    def people(frame):
        extra = frame.iloc[[0, 0]].copy()
        extra["participant_id"] = ["P9998", "P9999"]
        return pd.concat([frame, extra], ignore_index=True)

    return _demo_copy(tmp_path, attendance=lambda f: f.iloc[:0], participants=people)


def test_figures_and_plots_run_on_empty_attendance(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from toolkit.attendance import attendance_records
    from toolkit.plots import attendance_heatmap, diploma_rate_chart, share_chart

    data = load_dataset(_no_attendance(tmp_path))
    assert data["attendance"].empty
    by_gmina = programme_tables(data)["attendance"]
    first = data.gminas["gmina_id"].iloc[0]
    counts = by_gmina.set_index("gmina_id")["participants"]
    assert counts[first] == 7 and counts[ALL] == len(data["participants"]) == 19
    assert (by_gmina["diplomas"] == 0).all() and (by_gmina["rate_low"] == 0).all()
    diplomas = diploma_table(data["participants"], data["sessions"], data["attendance"])
    assert (diplomas["attended"] == 0).all() and (diplomas["status"] == "ineligible").all()
    records = attendance_records(data["participants"], data["sessions"], data["attendance"])
    assert records["missing"].all()
    for gmina_id in by_gmina["gmina_id"]:
        diploma_rate_chart(by_gmina, gmina_id)
    attendance_heatmap(records)
    share_chart(diplomas, 0.8)
    plt.close("all")


def test_attendance_section_says_nothing_was_recorded(tmp_path):
    from toolkit.report import report_context, sections

    folder = _no_attendance(tmp_path)
    gmina_id = load_dataset(folder).gminas["gmina_id"].iloc[0]
    for lang, words in (("pl", "nie ma żadnego wpisu"), ("en", "has no entry")):
        blocks = sections.attendance(report_context(gmina_id, folder, lang=lang))
        text = " ".join(b.data for b in blocks if hasattr(b, "data") and isinstance(b.data, str))
        assert words in text
        assert not [b for b in blocks if hasattr(b, "savefig")]  # no empty charts


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
    assert list(tables) == ALWAYS
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
    assert list(sheets) == ALWAYS
    for name, columns in TABLE_SHEETS.items():
        if name in OPTIONAL_SHEETS:
            continue
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
