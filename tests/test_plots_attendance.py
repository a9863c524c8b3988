"""Attendance heatmap (toolkit/plots/attendance.py): status told by a mark, not colour alone."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import load_dataset  # noqa: E402
from toolkit.attendance import attendance_records  # noqa: E402
from toolkit.plots._style import text_alternative  # noqa: E402
from toolkit.plots.attendance import attendance_heatmap  # noqa: E402

GMINA = "0225033"
MARKS = {"pl": {"present": "✓", "late": "S", "excused": "U", "absent": "✗"},
         "en": {"present": "✓", "late": "L", "excused": "E", "absent": "✗"}}


@pytest.fixture(scope="module")
def records():
    data = load_dataset("data/probus")
    people = data["participants"]
    return attendance_records(people[people["gmina_id"] == GMINA], data["sessions"],
                              data["attendance"])


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_cell_carries_the_mark_of_its_status(records, lang):
    fig = attendance_heatmap(records, lang=lang)
    try:
        marks = [text.get_text() for ax in fig.axes for text in ax.texts]
        # one mark per expected (participant, session), counted from the CSVs' records
        raw = pd.read_csv("data/probus/attendance.csv", dtype=str)
        people = pd.read_csv("data/probus/participants.csv", dtype=str)
        mine = raw[raw["participant_id"].isin(people.loc[people["gmina_id"] == GMINA,
                                                         "participant_id"])]
        assert len(marks) == len(records)
        expected = mine["status"].value_counts()  # every expected day has its row here
        assert len(mine) == len(records)
        for status, mark in MARKS[lang].items():
            assert marks.count(mark) == expected.get(status, 0), status
        # the data hold every kind of status here, so every mark is exercised
        assert set(mine["status"]) == set(MARKS[lang])
        legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
        for status, mark in MARKS[lang].items():
            assert any(entry.startswith(mark + " ") for entry in legend), (mark, legend)
    finally:
        plt.close(fig)


def test_text_alternative_unchanged_by_the_marks(records):
    fig = attendance_heatmap(records, lang="pl")
    try:
        alt = text_alternative(fig)
        absent = int((records["status"] == "absent").sum())
        assert f"Nieobecności: {absent} (" in alt
        assert "✓" not in alt
    finally:
        plt.close(fig)


def test_a_programme_without_an_academy_has_no_meeting_marks(records):
    """MOWES2-like programmes: no "Z" (zjazd) on the axis nor in the alt, the title
    speaks of training days; an Academy keeps its Z<meeting>/<day> marks."""
    for academy in (False, True):
        fig = attendance_heatmap(records, lang="pl", academy=academy)
        try:
            ticks = [tick.get_text() for ax in fig.axes for tick in ax.get_xticklabels()]
            alt = text_alternative(fig)
            title = fig._suptitle.get_text()
            days = records.drop_duplicates("session_id")
            first = days.sort_values(["date", "zjazd", "day"]).iloc[0]
            mark = f"{first['zjazd']}/{first['day']}\n{pd.Timestamp(first['date']):%d.%m}"
            if academy:
                assert ("Z" + mark) in ticks and "zjazd" in title
            else:
                assert mark in ticks
                assert not any(tick.startswith("Z") for tick in ticks), ticks
                assert not re.search(r"\bZ\d+/\d+", alt), alt
                assert "Akademi" not in title and "zjazd" not in title, title
        finally:
            plt.close(fig)


def test_share_chart_tells_each_status_by_a_pattern_as_well_as_a_colour():
    from toolkit.plots.attendance import share_chart

    diplomas = pd.DataFrame({
        "participant_id": ["P1", "P2", "P3", "P4"],
        "share": [0.9, 0.7, 0.5, 0.2],
        "status": ["eligible", "on_track", "at_risk", "ineligible"],
    })
    fig = share_chart(diplomas, 0.8)
    ax = fig.axes[0]
    bars = {patch.get_y(): patch for patch in ax.patches}
    hatches = [bars[y].get_hatch() or "" for y in sorted(bars)]
    # Bars are drawn from the last participant id up: ineligible, at_risk, on_track, eligible.
    assert len(set(hatches)) == 4  # four statuses, four patterns (one of them plain)
    legend = {h.get_label(): (h.get_hatch() or "") for h in ax.get_legend().legend_handles}
    assert len(set(legend.values())) == 4
    assert set(legend.values()) == set(hatches)
    plt.close(fig)
