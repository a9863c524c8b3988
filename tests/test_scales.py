"""Answer scales (SPEC §2 ``scales``): declared 1–7 and 0–10 scales read, validated, computed,
tabled, drawn and reported on their own range."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from conftest import DEMO, REPO  # noqa: E402
from toolkit import load_dataset  # noqa: E402
from toolkit.plots.questionnaires import likert_diverging  # noqa: E402
from toolkit.questionnaires import likert_table  # noqa: E402
from toolkit.scales import BUILTIN_SCALES, DEFAULT_SCALE, Scale, item_scale  # noqa: E402
from toolkit.validation import validate  # noqa: E402

MIECHOW = "1208053"
AGREE7_PL = ("zdecydowanie się nie zgadzam;nie zgadzam się;raczej się nie zgadzam;"
             "ani tak, ani nie;raczej się zgadzam;zgadzam się;zdecydowanie się zgadzam")
AGREE7_EN = ("strongly disagree;disagree;somewhat disagree;neither agree nor disagree;"
             "somewhat agree;agree;strongly agree")
SCALES = ("scale,min,max,positive_min,labels,labels_en,dont_know\n"
          f'agree7,1,7,,"{AGREE7_PL}","{AGREE7_EN}",\n'
          "nps,0,10,9,,,nie mam zdania\n")
# One questionnaire mixing both scales, one on the 1–7 scale alone.
ITEMS = ["a7,ankieta_koncowa,Program spełnił moje oczekiwania,likert,agree7,,,",
         "r10,ankieta_koncowa,Czy polecisz program innym?,likert,nps,,,",
         "b7,ocena_7,Tempo zajęć było odpowiednie,likert,agree7,,,"]
# Answers of Miechów (anonymous, with gmina_id), by item.
ANSWERS = {
    # 7, 6, 6 ("Agree", the English label), 4, 2 and a non-answer.
    "a7": ["7", "6", "Agree", "4", "2", "nie wiem"],
    # 0, 10, 9, 8, 5 and the scale's own non-answer.
    "r10": ["0", "10", "9", "8", "5", "nie mam zdania"],
    # All at most 5: on a 1–7 scale none of them is positive.
    "b7": ["5", "5", "4", "3"],
}


def _response_lines(answers: dict[str, list[str]]) -> list[str]:
    lines = []
    for item, given in answers.items():
        instrument = "ocena_7" if item == "b7" else "ankieta_koncowa"
        for k, answer in enumerate(given, start=1):
            lines.append(f"S{item}{k},{instrument},{item},{answer},,{MIECHOW},"
                         "2014-12-01 10:00:00")
    return lines


def _append(path, lines: list[str]) -> int:
    """Append ``lines`` to a CSV file; returns the file line of the first one."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    first = len(text.splitlines()) + 1
    path.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    return first


@pytest.fixture
def scaled(tmp_path):
    """A copy of data/demo with a 1–7 and a 0–10 scale, three items and their answers.

    Returns the folder and the file line of the first added item and response.
    """
    folder = tmp_path / "scaled"
    shutil.copytree(DEMO, folder)
    (folder / "scales.csv").write_text(SCALES, encoding="utf-8")
    item_line = _append(folder / "items.csv", ITEMS)
    response_line = _append(folder / "responses.csv", _response_lines(ANSWERS))
    return folder, item_line, response_line


def _errors(folder) -> list[str]:
    return [str(p).replace(f"{folder}/", "") for p in validate(folder) if p.is_error]


# -- the model ----------------------------------------------------------------------------


def test_scale_parses_numbers_labels_and_non_answers():
    scale = Scale("agree7", 1, 7, 6, tuple(AGREE7_PL.split(";")), tuple(AGREE7_EN.split(";")))
    values, invalid = scale.parse(pd.Series(["7", " Zgadzam  się ", "STRONGLY AGREE", "8", "0",
                                             "nie wiem", "", "4,0", "4.5"]))
    assert values.tolist()[:3] == [7.0, 6.0, 7.0]
    assert invalid.tolist() == [False, False, False, True, True, False, False, False, True]
    assert scale.span == "1–7" and scale.positive_span == "6–7" and scale.midpoint == 4
    assert scale.label(6, "en") == "agree" and scale.label(6) == "zgadzam się"


def test_item_scale_default_builtin_and_case():
    scales = {**BUILTIN_SCALES, "Agree7": Scale("Agree7", 1, 7, 6)}
    assert item_scale(None, scales) is DEFAULT_SCALE
    assert item_scale("agree5", scales) is BUILTIN_SCALES["agree5"]
    assert item_scale(" agree7 ", scales).max == 7
    with pytest.raises(KeyError):
        item_scale("agree9", scales)


# -- validation ---------------------------------------------------------------------------


def test_declared_scales_are_valid_with_zero_and_english_labels(scaled):
    folder, _, _ = scaled
    assert _errors(folder) == []
    data = load_dataset(folder)
    assert data.scales["nps"] == Scale("nps", 0, 10, 9, dont_know=frozenset({"nie mam zdania"}))
    assert data.scales["agree7"].positive_min == 6  # default: the top two


def test_label_count_must_match_the_range(scaled):
    folder, _, _ = scaled
    five = "jeden;dwa;trzy;cztery;pięć"
    (folder / "scales.csv").write_text(SCALES.replace(f'"{AGREE7_PL}"', five), encoding="utf-8")
    assert _errors(folder) == [
        "scales.csv:2:5: labels: scale 'agree7' (1–7) needs 7 labels separated by ';', one "
        "for each answer from 1 to 7; found 5"]


def test_min_must_be_below_max(scaled):
    folder, _, _ = scaled
    (folder / "scales.csv").write_text(SCALES + "flat,5,5,,,,\n", encoding="utf-8")
    assert _errors(folder) == [
        "scales.csv:4:3: max: scale 'flat' has max 5, which must be greater than its min 5"]


def test_positive_min_within_the_scale_and_unique_names(scaled):
    folder, _, _ = scaled
    (folder / "scales.csv").write_text(SCALES.replace("nps,0,10,9", "nps,0,10,11")
                                       + "nps,0,10,9,,,\n", encoding="utf-8")
    errors = _errors(folder)
    assert "scales.csv:3:4: positive_min: 11 is outside scale 'nps' (0–10)" in errors
    assert any(e.startswith("scales.csv:4:1: duplicate scale (scale=nps)") for e in errors)


def test_unknown_scale_on_an_item_is_an_error_naming_it(scaled):
    folder, item_line, _ = scaled
    items = folder / "items.csv"
    items.write_text(items.read_text(encoding="utf-8").replace(",agree7,,,\n", ",agree9,,,\n", 1),
                     encoding="utf-8")
    errors = _errors(folder)
    assert errors == [
        f"items.csv:{item_line}:5: scale: item 'a7' names the scale 'agree9', which is neither "
        "built in nor declared in the scales table (known scales: agree5, agree7, nps, rating5)"]


@pytest.mark.parametrize("item, answer, scale", [("a7", "8", "agree7 (1–7 or: 1 zdecydowanie"),
                                                  ("r10", "11", "nps (0–10)")])
def test_answer_outside_its_scale_is_an_error_at_its_cell(scaled, item, answer, scale):
    folder, _, first = scaled
    line = first + _response_lines(ANSWERS).index(
        next(x for x in _response_lines(ANSWERS) if f",{item}," in x))
    responses = folder / "responses.csv"
    text = responses.read_text(encoding="utf-8")
    original = _response_lines(ANSWERS)[line - first]
    responses.write_text(text.replace(original, original.replace(
        f",{item},{ANSWERS[item][0]},", f",{item},{answer},")), encoding="utf-8")
    (error,) = _errors(folder)
    assert error.startswith(f"responses.csv:{line}:4: answer: '{answer}' is not valid on the "
                            f"scale {scale}")


# -- figures ------------------------------------------------------------------------------


def _by_hand():
    """Mean and share positive of each item, from ANSWERS written out."""
    return {"a7": (5, (7 + 6 + 6 + 4 + 2) / 5, 3 / 5),  # 6–7 positive: 7, 6, 6
            "r10": (5, (0 + 10 + 9 + 8 + 5) / 5, 2 / 5),  # 9–10 positive: 10, 9
            "b7": (4, (5 + 5 + 4 + 3) / 4, 0.0)}  # 6–7 positive: none


def test_likert_table_on_each_items_scale(scaled):
    folder, _, _ = scaled
    data = load_dataset(folder)
    table = likert_table(data["responses"], data["items"], scales=data.scales)
    mine = table[table["gmina_id"] == MIECHOW].set_index("item_id")
    for item, (n, mean, positive) in _by_hand().items():
        assert mine.loc[item, ["n", "mean", "share_positive"]].tolist() == pytest.approx(
            [n, mean, positive])
    assert mine.loc["r10", ["scale", "scale_min", "scale_max", "positive_min"]].tolist() == [
        "nps", 0, 10, 9]
    # n_1 … n_5 always; n_0 and n_6 … n_10 because the scales in use have them.
    counts = [c for c in table.columns if c.startswith("n_")]
    assert counts == [f"n_{v}" for v in range(0, 11)]
    assert mine.loc["r10", counts].tolist() == [1, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1]
    assert mine.loc["a7", ["n_6", "n_7", "n_8"]].tolist() == [2, 1, 0]
    # The demo's own 1–5 items keep 4–5 as positive.
    demo = mine.loc["ocena_zjazd1_1"]
    assert demo["scale"] == "agree5" and demo["positive_min"] == 4


def test_tables_command_likert_sheet_matches_hand_computation(scaled, tmp_path):
    folder, _, _ = scaled
    out = tmp_path / "tables.xlsx"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "toolkit", "tables", "--data", str(folder),
                           "--out", str(out)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    sheet = pd.read_excel(out, sheet_name="likert", dtype={"gmina_id": str})
    mine = sheet[sheet["gmina_id"] == MIECHOW].set_index("item_id")
    for item, (n, mean, positive) in _by_hand().items():
        assert mine.loc[item, "mean"] == pytest.approx(mean)
        assert mine.loc[item, "share_positive"] == pytest.approx(positive)
        assert mine.loc[item, "n"] == n
    assert {"scale", "n_0", "n_10"} <= set(sheet.columns)
    assert mine.loc["b7", "scale"] == "agree7"


def test_figure_draws_each_scale_on_its_own_panel(scaled):
    folder, _, _ = scaled
    data = load_dataset(folder)
    table = likert_table(data["responses"], data["items"], scales=data.scales)
    rows = table[(table["gmina_id"] == MIECHOW) & (table["instrument"] == "ankieta_koncowa")]
    fig = likert_diverging(rows, {"a7": "A", "r10": "R"}, "en", scales=data.scales)
    panels = [ax for ax in fig.axes if hasattr(ax, "likert_scale")]
    assert [(ax.likert_scale.min, ax.likert_scale.max) for ax in panels] == [(1, 7), (0, 10)]
    legend7 = [text.get_text() for text in panels[0].get_legend().get_texts()]
    assert legend7[0] == "1 strongly disagree" and legend7[-1] == "7 strongly agree"
    legend10 = [text.get_text() for text in panels[1].get_legend().get_texts()]
    assert legend10 == [str(v) for v in range(11)]
    assert panels[1].get_title(loc="left") == "Scale 0–10; positive answers: 9–10"
    # The 0–10 bar: 2 of 5 answers (0 and a half of 5) lie left of the centre 5.
    bars = [p for p in panels[1].patches if p.get_height() > 0 and p.get_width() > 0]
    assert min(p.get_x() for p in bars) == pytest.approx(-(1 / 5 + 0.5 / 5))
    assert "positive answers: 6–7" not in fig.text_alternative  # two scales: named per item
    assert "(scale 0–10, positive 9–10)" in fig.text_alternative
    plt.close(fig)


def test_explore_means_use_the_items_scale(scaled):
    from toolkit.dashboards.explore import ExploreFrames, Selection
    from toolkit.dashboards.explore._views import _LikertView

    folder, _, _ = scaled
    frames = ExploreFrames(load_dataset(folder))
    view = frames.likert(Selection((MIECHOW,)), "ankieta_koncowa").set_index("item_id")
    for item in ("a7", "r10"):
        n, mean, positive = _by_hand()[item]
        assert view.loc[item, ["n", "mean", "share_positive"]].tolist() == pytest.approx(
            [n, mean, positive])
    one = frames.likert(Selection((MIECHOW,)), "ocena_7")
    plot = _LikertView(frames, "pl")
    plot.draw(one, "ocena_7")
    assert plot.ax.get_xlim() == pytest.approx((1 - 0.2, 7 + 0.2))
    plot.draw(frames.likert(Selection((MIECHOW,)), "ankieta_koncowa"), "ankieta_koncowa")
    # Two scales: each mean as its share of the item's range (a7: (5 − 1) / 6).
    assert plot.selection.get_xdata()[0] == pytest.approx(4 / 6)
    assert plot.selection.get_xdata()[1] == pytest.approx(6.4 / 10)


def test_report_row_shows_its_own_scale(scaled, tmp_path):
    from toolkit.report.runner import run_reports

    folder, _, _ = scaled
    result = run_reports(folder, tmp_path / "out", gminas=[MIECHOW], workers=1, progress=False)
    assert result.ok, result.describe()
    html = (tmp_path / "out" / MIECHOW / "report.html").read_text(encoding="utf-8")
    # The mixed questionnaire: a scale column; the 1–7 item's row says 1–7 (6–7).
    row = html[html.index("Program spełnił moje oczekiwania</td>"):][:400]
    assert "1–7 (6–7)" in row and "60" in row
    assert "0–10 (9–10)" in html
    # One scale in the questionnaire: its header says it.
    assert "Oceny 6–7 (skala 1–7)" in html
    assert "Oceny 4–5 (skala 1–5)" in html
    # The summary's pooled means name each questionnaire's range; the mixed one has none.
    summary = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")
    assert "(1–7)</th>" in summary and "(1–5)</th>" in summary
