"""Participants and attendance by sector (toolkit.figures.attendance_by_sector) as the
MOWES2 gmina report and summary show them, recomputed by hand from the CSVs."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

DATA = "data/mowes2"
LABELS = {"JST": "JST (samorząd)", "NGO": "organizacje pozarządowe",
          "informal": "grupy nieformalne"}


def _percent(value: float) -> str:
    return f"{round(value * 100):d}\u00a0%"


@pytest.fixture(scope="module")
def by_hand() -> pd.DataFrame:
    """Each participant's share of their group's sessions attended (present or late;
    excused and missing rows count as absent), with gmina and sector."""
    people = pd.read_csv(f"{DATA}/participants.csv", dtype=str)
    sessions = pd.read_csv(f"{DATA}/sessions.csv", dtype=str)
    marks = pd.read_csv(f"{DATA}/attendance.csv", dtype=str)
    rows = []
    for p in people.itertuples():
        mine = sessions[sessions["group"] == p.group]["session_id"]
        got = marks[(marks["participant_id"] == p.participant_id)
                    & marks["session_id"].isin(mine)]
        attended = got["status"].isin(["present", "late"]).sum()
        rows.append((p.gmina_id, p.sector, attended / len(mine)))
    return pd.DataFrame(rows, columns=["gmina_id", "sector", "share"])


def _tables(blocks):
    return [b.data for b in blocks if hasattr(b, "hide")]


def test_gmina_report_table_by_sector(by_hand):
    from toolkit.report import report_context, sections

    ctx = report_context("1203033", data_dir=DATA, lang="pl")
    (table,) = [f for f in _tables(sections.attendance(ctx)) if "Sektor" in f.columns]
    mine = by_hand[by_hand["gmina_id"] == "1203033"]
    expected = [s for s in LABELS if s in set(mine["sector"])]
    assert table["Sektor"].tolist() == [LABELS[s] for s in expected]
    for sector, row in zip(expected, table.itertuples(index=False)):
        part = mine[mine["sector"] == sector]
        assert row[1] == len(part)
        assert row[2] == _percent(part["share"].mean())
        assert row[3] == _percent(by_hand.loc[by_hand["sector"] == sector, "share"].mean())
    assert table["Uczestnicy"].sum() == len(mine)


def test_summary_table_by_sector(by_hand):
    from toolkit.report import sections, summary_context

    ctx = summary_context(DATA, lang="pl")
    blocks = sections.summary_attendance(ctx)
    (table,) = [f for f in _tables(blocks) if "JST (samorząd)" in f.columns]
    names = pd.read_csv(f"{DATA}/gminas.csv", dtype=str).set_index("gmina_id")["name"]
    table = table.set_index("Gmina")
    for (gmina, sector), part in by_hand.groupby(["gmina_id", "sector"]):
        cell = table.at[names[gmina], LABELS[sector]]
        assert cell == f"{len(part)} ({_percent(part['share'].mean())})", (gmina, sector)
    for sector, part in by_hand.groupby("sector"):
        assert table.at["cały program", LABELS[sector]] == \
            f"{len(part)} ({_percent(part['share'].mean())})"


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_report_names_the_gminas_paths_near_the_top(lang):
    from toolkit.report import report_context, sections

    gminas = pd.read_csv(f"{DATA}/gminas.csv", dtype=str).set_index("gmina_id")
    labels = pd.read_csv(f"{DATA}/labels.csv", dtype=str)
    labels = labels[labels["kind"] == "path"].set_index("id")
    column = "label" if lang == "pl" else "label_en"
    for gmina in ("1203022", "1203033"):
        text = "\n".join(b.data for b in sections.header(report_context(gmina, DATA, lang)))
        for path in gminas.at[gmina, "path"].split(";"):
            assert labels.at[path, column] in text, (gmina, path)
        others = set(labels.index) - set(gminas.at[gmina, "path"].split(";"))
        assert not any(labels.at[p, column] in text for p in others)


def test_no_paths_line_without_paths():
    from toolkit.report import report_context, sections

    text = "\n".join(b.data for b in sections.header(report_context("0225033", "data/probus")))
    assert "Ścieżk" not in text


def test_summary_sector_rows_follow_the_gminas_table():
    """The demo's sector figures come in another order than its gminas: the sector table's
    rows still follow the gminas table, as every other summary table does."""
    from toolkit.report import sections, summary_context

    demo = "data/demo"
    gminas = pd.read_csv(f"{demo}/gminas.csv", dtype=str)
    ctx = summary_context(demo, lang="pl")
    frame = ctx.programme["sectors"]
    order = [g for g in dict.fromkeys(frame["gmina_id"].astype(str)) if g in set(gminas["gmina_id"])]
    assert order != list(gminas["gmina_id"])  # the case: the figure's own order differs
    blocks = sections.summary_attendance(ctx)
    (table,) = [f for f in _tables(blocks) if "JST (samorząd)" in f.columns]
    assert table["Gmina"].tolist() == [*gminas["name"], "cały program"]
