"""The action-plan timeline (toolkit/plots/actions.py) and the plan's table beside it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit.plots._style import text_alternative  # noqa: E402
from toolkit.plots.actions import actions_timeline  # noqa: E402

LONG = ("Wypracowanie i przyjęcie wieloletniego programu współpracy gminy z organizacjami "
        "pozarządowymi oraz grupami nieformalnymi mieszkańców")


@pytest.fixture
def plan() -> pd.DataFrame:
    return pd.DataFrame({
        "gmina_id": ["1"] * 5,
        "action_id": ["A1", "A2", "A3", "A4", "A5"],
        "area": ["JST", "NGO", "informal", "JST", "NGO"],
        "title": ["Konsultacje", "Kalendarz", LONG, "Rada pożytku", "Mikrogranty"],
        "status": ["done", "dropped", "in_progress", "planned", "planned"],
        "due": ["2021-01-31", "2021-03-15", "2021-02-28", "2021-06-30", "2021-02-10"],
        "done_on": ["2021-01-20", None, None, None, None],
    })


@pytest.fixture
def timeline(plan):
    fig = actions_timeline(plan, "2021-03-31", lang="pl",
                           area_labels={"JST": "JST", "NGO": "NGO", "informal": "grupy"},
                           title="Terminy", dropped_label="zarzucone")
    yield fig
    plt.close(fig)


def _collection(fig, gid):
    (found,) = [c for c in fig.axes[0].collections if c.get_gid() == gid]
    return found


def test_text_alternative_names_the_counts_of_the_plan(timeline, plan):
    alt = text_alternative(timeline)
    assert alt
    # 5 actions: 1 done, 1 in progress, 2 planned, 1 dropped (counted from the frame above)
    assert "5 działań w planie" in alt
    for status, n in {"zrealizowane": 1, "w realizacji": 1, "zaplanowane": 2,
                      "zarzucone": 1}.items():
        assert f"{status}: {n}" in alt, (status, alt)
    # overdue at 31 March 2021: due before it, neither done nor dropped → A3 (28 Feb), A5 (10 Feb)
    assert "Po terminie (31 marca 2021): 2" in alt
    assert "Kalendarz" not in alt.split("Po terminie")[1]


def test_dropped_actions_are_drawn_unlike_pending_ones(timeline):
    due, dropped = _collection(timeline, "due"), _collection(timeline, "dropped")
    assert len(dropped.get_offsets()) == 1 and len(due.get_offsets()) == 4
    assert dropped.get_hatch() and not due.get_hatch()
    legend = [text.get_text() for text in timeline.axes[0].get_legend().get_texts()]
    assert "zarzucone" in legend
    # the dropped row's label is told apart by more than its position
    (label,) = [lab for lab in timeline.axes[0].get_yticklabels() if "Kalendarz" in lab.get_text()]
    assert label.get_fontstyle() == "italic"


def test_months_are_written_in_polish_not_iso(timeline):
    timeline.canvas.draw()
    months = [lab.get_text() for lab in timeline.axes[0].get_xticklabels() if lab.get_text()]
    assert months and all(not any(c.isdigit() for c in m.split()[0]) for m in months)
    assert "lut 2021" in months and "mar 2021" in months
    assert not any("2021-0" in m for m in months)


def test_long_titles_are_wrapped_not_cut_mid_word(timeline):
    labels = [lab.get_text() for lab in timeline.axes[0].get_yticklabels()]
    (long_label,) = [lab for lab in labels if lab.startswith("grupy: Wypracowanie")]
    assert "\n" in long_label
    words = set(LONG.split())
    shown = long_label.replace("grupy:", "").replace("…", "").split()
    assert all(w in words for w in shown)  # every word shown whole


def test_gmina_report_shows_the_plan_table_with_polish_labels():
    from toolkit.report import report_context, sections

    ctx = report_context("1203033", data_dir="data/mowes2", lang="pl")
    blocks = sections.actions(ctx)
    figures = [b for b in blocks if isinstance(b, plt.Figure)]
    assert len(figures) == 1 and text_alternative(figures[0])
    for fig in figures:
        plt.close(fig)
    tables = [b.data for b in blocks if hasattr(b, "hide") and "Tytuł" in b.data.columns]
    assert len(tables) == 1
    table = tables[0]
    raw = pd.read_csv("data/mowes2/actions.csv", dtype=str)
    raw = raw[raw["gmina_id"] == "1203033"]
    assert sorted(table["Tytuł"]) == sorted(raw["title"])  # full titles, every action
    row = table[table["Tytuł"] == "Wspólny kalendarz wydarzeń organizacji"].iloc[0]
    assert row["Status"] == "zarzucone" and row["Termin"] == "15 października 2021"
    assert row["Zrealizowano"] == "—"
    assert row["Obszar"] == "współpraca z organizacjami pozarządowymi"
    assert not table["Status"].isin(["done", "dropped", "planned", "in_progress"]).any()
