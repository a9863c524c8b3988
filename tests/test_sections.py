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
from toolkit.report import report_context, sections  # noqa: E402


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
    assert "Uczestnicy Akademii z gminy: **2** (1 z JST, 1 z organizacji pozarządowych)" in text
    assert "Dyplom (frekwencja co najmniej 80\u00a0%) uzyskało **1 z 2** osób" in text
    assert "Średnia frekwencja w gminie wyniosła **75\u00a0%** (w całym programie: 67\u00a0%)" in text
    # Two participants: no interval, and a sentence saying why.
    assert "Przy 2 uczestnikach przedziału ufności" in text and "Wilsona:" not in text
    assert len(_figures(blocks)) == 3


def test_attendance_section_with_interval(tmp_path):
    ctx = report_context("1208053", DEMO)
    text = _text(sections.attendance(ctx))
    # Miechów: 4 of 5 diplomas; Wilson 95 % interval of 4/5 is 37.6 %–96.4 %.
    assert "Odsetek dyplomów: **80\u00a0%** (95\u00a0% przedział Wilsona: 38\u00a0%–96\u00a0%" in text


def test_attendance_section_in_english(tiny_dir):
    text = _text(sections.attendance(report_context("1208053", tiny_dir, lang="en")))
    assert "Academy participants from the gmina: **2**" in text and "**1 of 2** earned" in text


def test_attendance_left_out_without_its_tables(tiny_dir):
    (tiny_dir / "attendance.csv").unlink()
    blocks = sections.attendance(report_context("1208053", tiny_dir))
    assert _text(blocks).endswith(
        "Pominięto: frekwencja w Akademii i dyplomy — w danych brak tabeli „attendance”.")
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
    # Miechów answered q1 once validly (and once 'trudno powiedzieć'), q2 once: both suppressed.
    assert "„—”: mniej niż 3 odpowiedzi, wyniku nie pokazujemy." in text
    tables = [b.data for b in blocks if hasattr(b, "data") and isinstance(b.data, pd.DataFrame)]
    table = tables[0]
    assert table["Średnia"].tolist() == ["—", "—"] and table["N"].tolist() == [1, 1]
    assert len(_figures(blocks)) == 1


def test_questionnaire_section_shows_figures_for_demo():
    blocks = sections.questionnaires(report_context("1208053", DEMO))
    text = _text(blocks)
    assert "### Ankieta po 1. zjeździe" in text and "ocena_zjazd1" not in text
    assert "Rzetelność skal" in text
    assert len(_figures(blocks)) == 4  # one chart per questionnaire


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
    first = f"{row['first_score']:.2f}".replace(".", ",").rstrip("0").rstrip(",")
    assert f"Indeks ogółem: **{first}** (diagnoza wstępna (2014))" in text


def test_recommendations_section_says_what_is_missing(tiny_dir):
    text = _text(sections.recommendations(report_context("1208053", tiny_dir)))
    assert "Przyjęte rekomendacje: **1** (płaszczyzna I: 1, II: 0, III: 0)." in text
    assert ("**nie jest spełnione**: za mało przyjętych rekomendacji (brakuje: 3); "
            "brak przyjętej rekomendacji w płaszczyźnie II, III.") in text


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
    assert "w danych brak tabeli „index_scores”" in _text(sections.index(ctx))
    assert "w danych brak tabeli „recommendations”" in _text(sections.recommendations(ctx))
    assert "w danych brak tabeli „support”" in _text(sections.support(ctx))
