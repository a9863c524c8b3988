"""Report sections: the blocks each shows, in Polish and English."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from IPython.display import Markdown  # noqa: E402

from conftest import DEMO  # noqa: E402
from toolkit.report import report_context, sections, summary_context  # noqa: E402


def _text(blocks) -> str:
    return "\n".join(b.data for b in blocks if isinstance(b, Markdown))


def _figures(blocks) -> list:
    return [b for b in blocks if isinstance(b, plt.Figure)]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_attendance_section_small_gmina(tiny_dir):
    blocks = sections.attendance(report_context("1208053", tiny_dir))
    text = _text(blocks)
    assert "Uczestnicy szkoleń z gminy: **2** (1 z JST, 1 z organizacji pozarządowych)" in text
    assert "Dyplom (frekwencja co najmniej 80\u00a0%) uzyskała **1 z 2 osób**" in text
    assert "Średnia frekwencja w gminie wyniosła **75\u00a0%** (w całym programie: 67\u00a0%)" in text
    # The rate as a count of the gmina's people, with no interval.
    assert "Odsetek dyplomów w gminie: **50\u00a0%**, czyli 1 z 2 osób" in text
    assert "przedział ufności" not in text.replace("bez przedziału ufności", "")
    assert len(_figures(blocks)) == 3


def _gmina_rate_line(text: str) -> str:
    return next(line for line in text.splitlines()
                if line.startswith(("Odsetek dyplomów", "Diploma rate")))


def test_attendance_rate_is_a_count_without_interval():
    """Miechów: 4 of 5 diplomas, all its participants (not a sample): no Wilson interval
    (it used to say 38 %–96 %), the count instead, and why."""
    ctx = report_context("1208053", DEMO)
    row = ctx.programme["attendance"].set_index("gmina_id").loc["1208053"]
    assert (row["diplomas"], row["participants"]) == (4, 5)
    text = _text(sections.attendance(ctx))
    line = _gmina_rate_line(text)
    assert "**80\u00a0%**, czyli 4 z 5 osób" in line
    assert "Wilson" not in text and "38\u00a0%–96\u00a0%" not in text
    assert not re.search(r"\d\u00a0%\s*–\s*\d", line)  # no range anywhere in the line
    assert "bez przedziału ufności" in line
    english = _gmina_rate_line(_text(sections.attendance(report_context("1208053", DEMO,
                                                                          lang="en"))))
    assert "that is 4 of 5 people" in english and "without a confidence interval" in english


def test_diploma_rate_chart_has_an_error_bar_for_the_programme_only():
    from matplotlib.collections import LineCollection

    from toolkit.plots import diploma_rate_chart

    by_gmina = report_context("1208053", DEMO).programme["attendance"]
    fig = diploma_rate_chart(by_gmina, "1208053")
    bars = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    assert len(bars) == 1  # the programme's; none for the gmina
    whole = by_gmina.set_index("gmina_id").loc["ALL"]
    (low, _), (high, _) = bars[0].get_segments()[0]
    assert (low, high) == pytest.approx((whole["rate_low"], whole["rate_high"]))
    labels = fig.axes[0].get_legend_handles_labels()[1]
    assert "95\u00a0% przedział ufności dla całego programu" in labels


def test_attendance_section_in_english(tiny_dir):
    text = _text(sections.attendance(report_context("1208053", tiny_dir, lang="en")))
    assert "Training participants from the gmina: **2**" in text and "**1 of 2** earned" in text


def test_attendance_left_out_without_its_tables(tiny_dir):
    (tiny_dir / "attendance.csv").unlink()
    blocks = sections.attendance(report_context("1208053", tiny_dir))
    assert _text(blocks).endswith(
        "Pominięto: frekwencja w Akademii i dyplomy — brak danych.")
    assert not _figures(blocks)


def test_missing_attendance_rows_are_mentioned(damaged):
    from conftest import TINY

    folder = damaged(attendance=TINY["attendance"].replace("P2,S2,present,\n", ""))
    text = _text(sections.attendance(report_context("1208053", folder)))
    assert "Brakujące wpisy na liście obecności (osoba × dzień): 1; liczono je jako nieobecności." in text


def test_header_names_the_gmina_and_its_kind(tiny_dir):
    text = _text(sections.header(report_context("0201011", tiny_dir)))
    assert text.startswith("# Raport ewaluacyjny: gmina Bolesławiec")
    assert "(gmina miejska)" in text and "**Kod TERYT:** 0201011" in text


def test_questionnaire_section_suppresses_small_breakdowns(tiny_dir):
    blocks = sections.questionnaires(report_context("1208053", tiny_dir))
    text = _text(blocks)
    # Miechów answered q1 once validly (and once 'trudno powiedzieć'), q2 once: both
    # suppressed, so the questionnaire is one line, not a chart and a table of "—".
    assert ("Ankiety, w których na każde pytanie odpowiedziało mniej niż 3 osoby z gminy "
            "(wyników nie pokazujemy): Ocena zjazd1.") in text
    assert not [b for b in blocks if hasattr(b, "data") and isinstance(b.data, pd.DataFrame)]
    assert not _figures(blocks)


def test_questionnaire_section_shows_figures_for_demo():
    blocks = sections.questionnaires(report_context("1208053", DEMO))
    text = _text(blocks)
    assert "### Ankieta po 1. zjeździe" in text and "ocena_zjazd1" not in text
    assert "Rzetelność skal" in text
    assert len(_figures(blocks)) == 4  # one chart per questionnaire


def test_reliability_says_in_words_why_alpha_is_not_shown():
    from toolkit.report.sections.questionnaires import _reliability

    scales = pd.DataFrame({
        "instrument": ["ankieta"] * 4, "construct": ["dwa", "mało", "ujemna", "dobra"],
        "k": [2, 3, 3, 3], "n": [12, 4, 10, 10], "alpha": [None, None, -1.8512, 0.8049],
        "ci_low": [None, None, None, 0.4567], "ci_high": [None, None, None, 0.9456],
        "status": ["too_few_items", "too_few_respondents", "negative", "computed"]})
    if_deleted = pd.DataFrame({"instrument": ["ankieta"] * 3, "construct": ["dobra"] * 3,
                               "item_id": ["a", "b", "c"], "alpha_if_deleted": [0.7, -0.1, 0.8]})
    text = _text(_reliability(scales, if_deleted, {"a": "Pytanie A"}, "pl"))
    assert ("Rzetelności skali „dwa” (ankieta) nie obliczamy: skala ma tylko 2 pytania "
            "(potrzeba co najmniej 3).") in text
    # The verb agrees with the count: "mają tylko 4 osoby" (1 osoba ma, 5 osób ma).
    assert ("Rzetelności skali „mało” (ankieta) nie obliczamy: komplet odpowiedzi mają tylko "
            "4 osoby (potrzeba co najmniej 10).") in text
    negative = next(line for line in text.splitlines() if "„ujemna”" in line)
    assert "wyszła ujemna (\u22121,85)" in negative and "nie da się zinterpretować" in negative
    assert "przedział ufności: od" not in negative and "Alfa po usunięciu" not in negative
    good = next(line for line in text.splitlines() if "„dobra”" in line)
    assert "α = 0,80 (95\u00a0% przedział ufności: od 0,46 do 0,95)" in good
    assert "„Pytanie A” 0,70; „b” \u22120,10; „c” 0,80." in good
    english = _text(_reliability(scales, if_deleted, {}, "en"))
    assert "the scale has only 2 questions (at least 3 are needed)" in english
    assert "only 4 people answered every question (at least 10 are needed)" in english


def test_knowledge_section_says_why_there_is_no_test():
    text = _text(sections.knowledge(report_context("1208053", DEMO)))
    assert "**5 par**" in text
    # The gain is the difference of the percentages as shown.
    pre, post, gain = re.search(r"przed: \*\*(\d+)\u00a0%\*\*, po: \*\*(\d+)\u00a0%\*\*, "
                                r"przyrost: \*\*([+\u2212]?\d+) pkt proc\.\*\*", text).groups()
    assert int(gain.replace("\u2212", "-")) == int(post) - int(pre)
    table = report_context("1208053", DEMO).programme["knowledge"]
    nonzero = table.set_index("gmina_id").loc["1208053", "n_nonzero"]
    assert nonzero < 6
    assert "testu statystycznego nie wykonujemy" in text
    assert "mniej niż 6 niezerowych różnicach" in text
    english = _text(sections.knowledge(report_context("1208053", DEMO, lang="en")))
    assert "fewer than 6 non-zero differences" in english


def test_open_answers_have_no_identifiers(tiny_dir):
    text = _text(sections.open_answers(report_context("1208053", tiny_dir)))
    assert "- Więcej przykładów, mniej teorii" in text
    assert "R2" not in text and "P1" not in text


def test_summary_sections(tiny_dir):
    from toolkit.report import summary_context

    ctx = summary_context(tiny_dir)
    blocks = sections.summary_attendance(ctx) + sections.summary_questionnaires(ctx)
    tables = [b.data for b in blocks if hasattr(b, "data") and isinstance(b.data, pd.DataFrame)]
    attendance = tables[0]
    assert attendance["Gmina"].tolist() == ["Miechów", "Bolesławiec", "cały program"]
    assert attendance["Dyplomy"].tolist() == [1, 0, 1]
    # No interval column per gmina; the programme's interval in words, labelled as such.
    assert not [c for c in attendance.columns if "przedział" in c.lower()]
    text = _text(blocks)
    assert ("Odsetek dyplomów w całym programie: **33\u00a0%** (1 z 3 osób; 95\u00a0% przedział "
            "ufności dla całego programu") in text


def test_summary_tables_align_text_left_by_column_without_cell_ids(tiny_dir):
    from toolkit.report import summary_context

    blocks = sections.summary_attendance(summary_context(tiny_dir))
    table = next(b for b in blocks if hasattr(b, "data") and isinstance(b.data, pd.DataFrame))
    html = table.to_html()
    # One rule per text column, none per cell: a cell with an id is a named destination in
    # each PDF, and a national summary has tens of thousands of cells.
    assert not re.search(r"<td[^>]*\bid=", html)
    column = table.data.columns.get_loc("Gmina")
    assert re.search(rf"td\.col{column} \{{\s*text-align: left;", html)
    numbers = table.data.columns.get_loc("Dyplomy")
    assert not re.search(rf"td\.col{numbers} \{{", html)


def test_summary_programme_row_keeps_its_interval():
    from conftest import wilson_by_hand
    from toolkit.report import summary_context
    from toolkit.text import format_share

    ctx = summary_context(DEMO)
    whole = ctx.programme["attendance"].set_index("gmina_id").loc["ALL"]
    low, high = wilson_by_hand(int(whole["diplomas"]), int(whole["participants"]))
    text = _text(sections.summary_attendance(ctx))
    shown = f"{format_share(low)}–{format_share(high)}"
    assert f"95\u00a0% przedział ufności dla całego programu, metodą Wilsona: {shown}" in text
    assert text.count("przedział ufności") == 1  # the programme's only


def test_index_section_single_wave_and_custom_areas(tiny_dir):
    blocks = sections.index(report_context("1208053", tiny_dir))
    text = _text(blocks)
    # One baseline wave over A1 (0–5), A2 (0–5), A3 (1–10): overall (1.5 + 2 + 7.25) / 3.
    assert "Oceny obszarów współpracy (skala 0–5, 1–10)" in text
    assert "Gmina ma tylko jeden pomiar (Baseline): indeks ogółem **3,58**" in text
    assert len(_figures(blocks)) == 2


def test_index_section_change_on_demo():
    from toolkit import load_dataset
    from toolkit.index import index_change

    data = load_dataset(DEMO)
    change = index_change(data["index_scores"], data.index_areas)
    row = change[(change.gmina_id == "1210073") & (change.key == "overall")].iloc[0]
    text = _text(sections.index(report_context("1210073", DEMO)))
    # Always two decimals (2,00, not 2), as every LIJW score.
    first = f"{row['first_score']:.2f}".replace(".", ",")
    assert f"Indeks ogółem: **{first}** (diagnoza wstępna, 2014)" in text


def test_recommendations_section_says_what_is_missing(tiny_dir):
    text = _text(sections.recommendations(report_context("1208053", tiny_dir)))
    assert "Przyjęte rekomendacje: **1** (płaszczyzna I: 1, II: 0, III: 0)." in text
    assert ("**nie jest spełnione**: za mało przyjętych rekomendacji (brakuje: 3); "
            "brak przyjętej rekomendacji w płaszczyznach II i III.") in text


def test_recommendations_met_on_demo():
    assert "jest **spełnione**" in _text(sections.recommendations(report_context("1208053", DEMO)))
    assert "nie jest spełnione" in _text(sections.recommendations(report_context("1210073", DEMO)))


def test_support_section_names_the_shortfall(tiny_dir):
    text = _text(sections.support(report_context("1208053", tiny_dir)))
    assert "Zrealizowano w pełni 1 z 2 działań." in text
    assert "Niedobory: Doradztwo (12,5 z 15 godz.)." in text


def test_sections_left_out_without_tables(tiny_dir):
    for name in ("index_scores", "recommendations", "support"):
        (tiny_dir / f"{name}.csv").unlink()
    ctx = report_context("1208053", tiny_dir)
    # The section named in words, no table ids.
    assert _text(sections.index(ctx)) == (
        "Pominięto: Lokalny Indeks Jakości Współpracy — brak danych.")
    assert _text(sections.recommendations(ctx)) == (
        "Pominięto: wdrażanie rekomendacji — brak danych.")
    assert _text(sections.support(ctx)) == (
        "Pominięto: wsparcie zaplanowane i zrealizowane — brak danych.")


def test_action_plan_section_on_mowes2():
    text = _text(sections.actions(report_context("1212032", "data/mowes2")))
    assert text.startswith('## <a id="actions"></a>Plan działania')
    # Klucze: PD012–PD015, none dropped (so no word of dropped ones), one done.
    assert "Plan działania gminy obejmuje 4 działania; zrealizowano **1 z 4** (**25\u00a0%**)." \
        in text
    assert "bez zarzuconych" not in text and "zarzucono" not in text
    assert "brakuje działań w obszarze: współpraca z grupami nieformalnymi." in text
    assert "- Szkolenie dla organizacji z rozliczania dotacji (termin: 20 listopada 2021)" in text
    assert "informal" not in text


def test_action_plan_left_out_as_one_line_without_actions():
    blocks = sections.actions(report_context("1208053", DEMO))
    assert _text(blocks) == "Pominięto: plan działania — brak danych."
    assert sections.summary_paths(summary_context(DEMO)) == []
