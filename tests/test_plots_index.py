"""LIJW and commitment figures draw for a demo gmina and for 50 synthetic gminas."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import load_dataset  # noqa: E402
from toolkit.commitments import recommendation_summary, support_summary  # noqa: E402
from toolkit.index import ALL, index_change, index_table, wave_order  # noqa: E402
from toolkit.plots.commitments import recommendations_chart, support_chart  # noqa: E402
from toolkit.plots.index import (area_dumbbell, change_ranking, index_heatmap,  # noqa: E402
                                 plane_scores_vs_programme)
from toolkit.synth import synthesize, write_dataset  # noqa: E402
from toolkit.text import labels as text_labels  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def demo():
    return load_dataset(), "1208053"


@pytest.fixture(scope="module")
def synth50(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth50")
    write_dataset(synthesize(50, seed=7), folder)
    data = load_dataset(folder)
    return data, data.gminas["gmina_id"].iat[25]


@pytest.fixture(params=["demo", "synth50"])
def case(request):
    return request.getfixturevalue(request.param)


def _labels(fig) -> list[str]:
    return [tick.get_text() for tick in fig.axes[0].get_yticklabels()]


def test_every_plot_returns_a_figure(case):
    data, gmina = case
    scores, areas = data["index_scores"], data.index_areas
    table, change = index_table(scores, areas), index_change(scores, areas)
    figures = [
        area_dumbbell(scores, areas, gmina),
        area_dumbbell(change, areas, gmina),
        plane_scores_vs_programme(table, gmina, scale=(0, 5)),
        index_heatmap(scores, areas, gminas=data.gminas, gmina_id=gmina),
        change_ranking(change, data.gminas, gmina_id=gmina),
        recommendations_chart(recommendation_summary(data["recommendations"], data.gminas),
                              gmina),
        support_chart(support_summary(data["support"]), gmina),
    ]
    for fig in figures:
        assert isinstance(fig, plt.Figure)
        fig.canvas.draw()


def test_dumbbell_has_a_row_per_area(demo):
    data, gmina = demo
    fig = area_dumbbell(data["index_scores"], data.index_areas, gmina, wrap=200)
    assert _labels(fig) == data.index_areas["name"].tolist()


def test_ranking_of_many_gminas_shows_top_and_bottom_20(synth50):
    data, gmina = synth50
    change = index_change(data["index_scores"], data.index_areas)
    fig = change_ranking(change, data.gminas)
    labels = _labels(fig)
    assert len(labels) == 20 + 1 + 20
    assert labels[0].startswith("1. ") and labels[-1].startswith("50. ")
    assert "10 gminas not shown" in labels[20]


def test_ranking_keeps_the_highlighted_gmina_in_the_middle(synth50):
    data, _ = synth50
    change = index_change(data["index_scores"], data.index_areas)
    overall = change[(change["key"] == "overall") & (change["gmina_id"] != "ALL")]
    middle = overall.sort_values("change", ascending=False)["gmina_id"].iat[24]
    labels = _labels(change_ranking(change, gmina_id=middle))
    assert len(labels) == 20 + 3 + 20
    assert labels[21] == f"25. {middle}"
    assert "4 gminas not shown" in labels[20] and "5 gminas not shown" in labels[22]
    # The report's Polish labels: the counted noun in the form of its count.
    polish = _labels(change_ranking(change, gmina_id=middle, lang="pl",
                                    **text_labels("change_ranking", "pl")))
    assert polish[20] == "… pominięto 4 gminy …" and polish[22] == "… pominięto 5 gmin …"


def test_heatmap_of_many_gminas_shows_top_and_bottom(synth50):
    data, gmina = synth50
    fig = index_heatmap(data["index_scores"], data.index_areas, gminas=data.gminas,
                        max_rows=20)
    labels = _labels(fig)
    assert len(labels) == 10 + 1 + 10 + 1          # + the programme row
    assert "30 gminas not shown" in labels[10]


def test_areas_on_different_scales_are_drawn_on_0_1():
    areas = pd.DataFrame({"area_id": ["A", "B"], "plane": ["I", "II"], "name": ["a", "b"],
                          "scale_min": [0.0, 1.0], "scale_max": [5.0, 10.0]})
    scores = pd.DataFrame({"gmina_id": ["G"] * 3, "wave": ["przed", "przed", "po"],
                           "date": pd.to_datetime(["2014-01-01", "2014-01-01", "2015-01-01"]),
                           "area_id": ["A", "B", "A"], "score": [1.0, 4.0, 3.0]})
    fig = area_dumbbell(scores, areas, "G")
    assert fig.axes[0].get_xlim() == pytest.approx((-0.02, 1.02))
    # B is scored at the baseline only: one dot, no arrow.
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "4.00 → —" in texts


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_summary_heatmap_columns_show_no_raw_area_id(lang):
    from toolkit.report import sections, summary_context

    ctx = summary_context("data/probus", lang=lang)
    (fig,) = [b for b in sections.summary_index(ctx) if isinstance(b, plt.Figure)][:1]
    ax = fig.axes[0]
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    areas = pd.read_csv("data/probus/index_areas.csv", dtype=str)
    assert not set(ticks) & set(areas["area_id"])
    # plane and place in the plane, in index_areas order
    assert ticks == ["I.1", "I.2", "II.1", "II.2", "III.1", "III.2"]
    # the key under the chart names each code by its label from `labels` (kind area)
    key = ax.get_xlabel().replace("\n", " ")
    labels = pd.read_csv("data/probus/labels.csv", dtype=str)
    labels = labels[labels["kind"] == "area"].set_index("id")
    column = "label" if lang == "pl" else "label_en"
    for code, area in zip(ticks, areas["area_id"]):
        assert f"{code}: {labels.at[area, column]}" in " ".join(key.split()), code
    assert not any(area in key for area in areas["area_id"])


def _half_up(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _by_hand_planes(folder: str) -> dict:
    """(gmina, wave) → {plane: exact Decimal mean of its areas, overall: mean of all}."""
    scores = pd.read_csv(f"{folder}/index_scores.csv", dtype=str)
    areas = pd.read_csv(f"{folder}/index_areas.csv", dtype=str).set_index("area_id")["plane"]
    out = {}
    for (gmina, wave), part in scores.groupby(["gmina_id", "wave"]):
        values = {a: Decimal(s) for a, s in zip(part["area_id"], part["score"])}
        planes = {p: [v for a, v in values.items() if areas[a] == p] for p in ("I", "II", "III")}
        row = {p: sum(v) / len(v) for p, v in planes.items()}
        row["overall"] = sum(values.values()) / len(values)
        out[gmina, wave] = row
    return out


def _shown(value: str) -> Decimal:
    return Decimal(value.replace("−", "-").replace(",", ".").replace("+", ""))


def test_summary_lijw_table_by_plane_recomputed_from_the_csv():
    from toolkit.report import sections, summary_context
    from toolkit.report.sections.index import summary_planes_table

    ctx = summary_context("data/probus", lang="pl")
    (table,) = [b.data for b in summary_planes_table(ctx) if hasattr(b, "hide")]
    assert table is not None
    names = pd.read_csv("data/probus/gminas.csv", dtype=str).set_index("name")["gmina_id"]
    by_hand = _by_hand_planes("data/probus")
    assert len(table) == len(names)
    for row in table.to_dict("records"):
        gmina = names[row["Gmina"]]
        first, last = by_hand[gmina, "baseline"], by_hand[gmina, "follow-up"]
        assert row["Ostatni pomiar"] == "diagnoza końcowa (2015)"
        for plane, head in (("I", "I"), ("II", "II"), ("III", "III"), ("overall", "ogółem")):
            assert _shown(row[head]) == _half_up(last[plane]), (gmina, plane)
            # the change is the difference of the values shown (two decimals each)
            assert _shown(row[f"zmiana {head}"]) == \
                _half_up(last[plane]) - _half_up(first[plane]), (gmina, plane)
    # the table sits in the summary's index section
    blocks = sections.summary_index(ctx)
    assert any(hasattr(b, "hide") and b.caption == "LIJW gmin według płaszczyzn"
               for b in blocks)


def test_summary_lijw_table_says_who_has_no_assessment():
    from toolkit.report import summary_context
    from toolkit.report.sections.index import summary_planes_table

    blocks = summary_planes_table(summary_context("data/mowes2", lang="pl"))
    (table,) = [b.data for b in blocks if hasattr(b, "hide")]
    scored = set(pd.read_csv("data/mowes2/index_scores.csv", dtype=str)["gmina_id"])
    gminas = pd.read_csv("data/mowes2/gminas.csv", dtype=str)
    unscored = set(gminas.loc[~gminas["gmina_id"].isin(scored), "name"])
    assert unscored and set(table.loc[table["Ostatni pomiar"] == "brak pomiaru", "Gmina"]) \
        == unscored
    assert not any(c.startswith("zmiana") for c in table.columns)  # one wave only
    by_hand = _by_hand_planes_default("data/mowes2")
    names = gminas.set_index("name")["gmina_id"]
    for row in table[table["Ostatni pomiar"] != "brak pomiaru"].to_dict("records"):
        hand = by_hand[names[row["Gmina"]]]
        assert _shown(row["ogółem"]) == _half_up(hand), row["Gmina"]


def _by_hand_planes_default(folder: str) -> dict:
    """Overall score per gmina when the dataset has no index_areas (every area counts)."""
    from decimal import Decimal

    scores = pd.read_csv(f"{folder}/index_scores.csv", dtype=str)
    return {g: sum(Decimal(s) for s in part["score"]) / len(part)
            for g, part in scores.groupby("gmina_id")}


def _figure_texts(fig) -> list[str]:
    """Every piece of text drawn on ``fig``: titles, axis labels, ticks, legends, notes."""
    from matplotlib.text import Text

    return [a.get_text() for a in fig.findobj(Text) if a.get_text()]


def _bracket_faults(text: str) -> list[str]:
    """Brackets inside brackets, or two bracketed asides side by side (``(a) (b)``)."""
    faults, depth = [], 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth > 1:
            faults.append(text)
            break
    if ") (" in text:
        faults.append(text)
    return faults


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_lijw_figures_never_nest_brackets(lang):
    """MOWES2's wave is labelled ``diagnoza (2021)``: titles, legends and axis labels that
    name the wave in brackets write it ``(diagnoza, 2021)``, and the heatmap's title has
    one bracket only (issue 18: "(ostatni pomiar) (diagnoza (2021))")."""
    from toolkit.report import report_context, sections, summary_context

    labels = pd.read_csv("data/mowes2/labels.csv", dtype=str)
    wave = labels.loc[labels["kind"] == "wave", "label" if lang == "pl" else "label_en"].iat[0]
    assert "(" in wave  # the case: a wave label with brackets of its own
    figures = [b for b in sections.summary_index(summary_context("data/mowes2", lang=lang))
               if isinstance(b, plt.Figure)]
    figures += [b for b in sections.index(report_context("1203033", data_dir="data/mowes2",
                                                         lang=lang))
                if isinstance(b, plt.Figure)]
    assert len(figures) == 3
    texts = [text for fig in figures for text in _figure_texts(fig)]
    inner = wave.split("(")[1].rstrip(")")
    assert any(f", {inner})" in text for text in texts), texts  # the wave is named
    faults = [f for text in texts for f in _bracket_faults(text)]
    assert not faults, faults


def test_dots_of_one_look_are_one_collection_placed_at_every_score(synth50):
    """Each area's first and last score is a dot; the dots that look alike are one
    collection (a collection per dot made the figure slow to draw), and every dot is still
    where its score is. The planes' chart likewise: one collection per kind of dot."""
    from matplotlib.collections import PathCollection

    data, gmina = synth50
    scores, areas = data["index_scores"], data.index_areas
    change = index_change(scores, areas)
    fig = area_dumbbell(change, areas, gmina)
    dots = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    looks = {(tuple(c.get_facecolor()[0]), tuple(c.get_edgecolor()[0]), c.get_zorder())
             for c in dots}
    assert len(looks) == len(dots)  # no two collections look alike
    own = change[(change["gmina_id"].astype(str) == gmina) & (change["level"] == "area")]
    pairs = own.dropna(subset=["first_score", "last_score"], how="all")
    placed = sorted(x for c in dots for x in c.get_offsets()[:, 0])
    expected = sorted(pairs["first_score"].dropna().tolist() + pairs["last_score"].dropna().tolist())
    assert placed == pytest.approx(expected)

    table = index_table(scores, areas)
    fig = plane_scores_vs_programme(table, gmina, scale=(0, 5))
    dots = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    assert len(dots) <= 4  # other gminas, the programme, the gmina before and now
    others = table[(table["gmina_id"].astype(str) != gmina) & (table["gmina_id"] != ALL)
                   & (table["wave"] == wave_order(table)[-1])]
    assert max(len(c.get_offsets()) for c in dots) == others["score"].notna().sum()
