"""Every report figure has a text alternative naming what it shows (issue 14, point 1).

Each plot function is run on a small hand-made frame and its text alternative must name
the facts computed by hand (who is under the threshold, which area rose most, …);
``show()`` passes the text into the image's display metadata; and in a rendered demo
report every image has its own alt, neither the generic "no description" nor nbconvert's.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import DEMO  # noqa: E402
from toolkit.commitments import recommendation_summary, support_summary  # noqa: E402
from toolkit.index import index_change, index_table  # noqa: E402
from toolkit.plots._style import describe, text_alternative  # noqa: E402
from toolkit.plots.attendance import (attendance_heatmap, diploma_rate_chart,  # noqa: E402
                                      share_chart)
from toolkit.plots.commitments import recommendations_chart, support_chart  # noqa: E402
from toolkit.plots.index import (area_dumbbell, change_ranking, index_heatmap,  # noqa: E402
                                 plane_scores_vs_programme)
from toolkit.plots.questionnaires import knowledge_paired, likert_diverging  # noqa: E402
from toolkit.report.accessibility import NBCONVERT_PLACEHOLDER_ALT  # noqa: E402
from toolkit.text import t  # noqa: E402

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# -- attendance ----------------------------------------------------------------------------


def _records():
    """Three people, two held days and one to come; P2 absent on day 2, P3 late on day 1."""
    days = [("S1", 1, 1, "2024-03-07"), ("S2", 1, 2, "2024-03-08"), ("S3", 2, 1, "2024-04-11")]
    rows = []
    for person in ("P1", "P2", "P3"):
        for session, zjazd, day, date in days:
            status = "present"
            if (person, session) == ("P2", "S2"):
                status = "absent"
            if (person, session) == ("P3", "S1"):
                status = "late"
            rows.append({"participant_id": person, "session_id": session, "zjazd": zjazd,
                         "day": day, "date": pd.Timestamp(date), "status": status,
                         "missing": False, "happened": session != "S3", "group": None})
    return pd.DataFrame(rows)


def test_heatmap_names_who_missed_which_day():
    alt = text_alternative(attendance_heatmap(_records(), "pl"))
    assert "3 osoby, 3 dni szkoleniowe" in alt
    assert "Nieobecności: 1 (P2 Z1/2 08.03)" in alt
    assert "Spóźnienia: 1 (P3 Z1/1 07.03)" in alt
    assert "Dni, które jeszcze się nie odbyły: 1" in alt
    en = text_alternative(attendance_heatmap(_records(), "en"))
    assert "Attendance chart: 3 people, 3 training days. Absences: 1 (P2 M1/2 08.03)" in en


def test_heatmap_counts_the_training_groups():
    records = _records()
    records["group"] = records["participant_id"].map({"P1": "A", "P2": "A", "P3": "B"})
    alt = text_alternative(attendance_heatmap(records, "pl"))
    assert "Wykres obecności: 3 osoby, 3 dni szkoleniowe w 2 grupach." in alt


def _diplomas():
    return pd.DataFrame({"participant_id": ["P1", "P2", "P3", "P4"],
                         "share": [0.625, 0.9, 0.75, 1.0],
                         "status": ["ineligible", "eligible", "at_risk", "eligible"]})


def test_share_chart_names_the_participants_under_the_threshold():
    alt = text_alternative(share_chart(_diplomas(), 0.8, "pl"))
    assert f"Frekwencja 4 osób wobec progu 80{NBSP}%" in alt
    assert f"Poniżej progu: P1 (63{NBSP}%), P3 (75{NBSP}%); próg osiągają 2 osoby" in alt
    assert "Status: 2 dyplomy, 1 zagrożony, 1 bez dyplomu" in alt
    en = text_alternative(share_chart(_diplomas(), 0.8, "en"))
    assert "Below the threshold: P1 (63%), P3 (75%)" in en


def test_share_chart_when_everyone_reaches_the_threshold():
    rows = _diplomas().assign(share=[0.8, 0.9, 0.95, 1.0], status="eligible")
    assert "Wszyscy osiągają próg" in text_alternative(share_chart(rows, 0.8, "pl"))


def test_diploma_rate_chart_gives_the_gminas_rate_against_the_programme():
    by_gmina = pd.DataFrame({"gmina_id": ["G1", "G2", "G3", "ALL"],
                             "participants": [5, 6, 4, 15],
                             "diploma_rate": [0.8, 0.5, 1.0, 0.8],
                             "mean_share": [0.93, 0.7, 0.95, 0.86],
                             "rate_low": [0.38, 0.2, float("nan"), 0.55],
                             "rate_high": [0.96, 0.8, float("nan"), 0.93]})
    alt = text_alternative(diploma_rate_chart(by_gmina, "G1", "pl"))
    # The gmina's interval (38–96 %) is not shown anywhere (whole group, not a sample):
    # only the programme's, as the chart's error bar and the report's text give it.
    assert (f"Odsetek dyplomów w gminie: 80{NBSP}% (w programie: 80{NBSP}%; 95{NBSP}% "
            f"przedział ufności dla całego programu: 55{NBSP}%–93{NBSP}%)") in alt
    assert f"38{NBSP}%" not in alt and f"96{NBSP}%" not in alt
    assert f"średnia frekwencja w gminie: 93{NBSP}% (w programie: 86{NBSP}%)" in alt
    assert "pozostałe gminy (2)" in alt


# -- questionnaires ------------------------------------------------------------------------


def test_likert_gives_each_items_mean_and_the_best_and_worst():
    # Q1: 1×3, 3×4, 1×5 → mean 4.00, 4–5: 80 %; Q2: 2×2, 2×3, 1×4 → mean 2.80, 20 %;
    # Q3 suppressed.
    rows = pd.DataFrame({"item_id": ["Q1", "Q2", "Q3"],
                         "n_1": [0, 0, 0], "n_2": [0, 2, 0], "n_3": [1, 2, 1],
                         "n_4": [3, 1, 1], "n_5": [1, 0, 0],
                         "mean": [4.0, 2.8, float("nan")],
                         "share_positive": [0.8, 0.2, float("nan")],
                         "suppressed": [False, False, True]})
    labels = {"Q1": "Praca trenerów", "Q2": "Materiały", "Q3": "Catering"}
    alt = text_alternative(likert_diverging(rows, labels, "pl", programme_means=[4.1, 3.5, 4.0],
                                            title="Zjazd 1"))
    assert alt.startswith("Zjazd 1: 3 pytania")
    assert f"„Praca trenerów” 4,00, 80{NBSP}% (program 4,10)" in alt
    assert f"„Materiały” 2,80, 20{NBSP}% (program 3,50)" in alt
    assert ("Najwyżej oceniono „Praca trenerów” (4,00), "
            "najniżej „Materiały” (2,80)") in alt
    assert "Ukryte (za mało odpowiedzi): 1" in alt
    assert "Catering" not in alt


def test_knowledge_gives_the_means_before_and_after():
    scores = pd.DataFrame({"participant_id": ["P1", "P2", "P3", "P4"],
                           "pre": [0.5, 0.5, 0.6, 0.5], "post": [1.0, 0.8, 0.6, 0.4]})
    programme = pd.Series({"pre_mean": 0.54, "post_mean": 0.76})
    alt = text_alternative(knowledge_paired(scores, programme, "pl"))
    # pre mean 0.525 → 53 %, post mean 0.7 → 70 %: +17 pp (from the shown values).
    assert f"4 pary. Średni wynik przed: 53{NBSP}%, po: 70{NBSP}% (+17 pkt proc.)" in alt
    assert f"W programie przed: 54{NBSP}%, po: 76{NBSP}%" in alt
    assert "Wynik wzrósł u 2 osób, spadł u 1 osoby, bez zmian u 1 osoby" in alt


# -- the index -----------------------------------------------------------------------------


AREAS = pd.DataFrame({"area_id": ["A1", "A2", "B1"], "plane": ["I", "I", "II"],
                      "name": ["konsultacje", "diagnoza", "zlecanie zadań"],
                      "scale_min": [0, 0, 0], "scale_max": [5, 5, 5]})


def _scores():
    """G1 rises in A1 by 1.5 and falls in B1; G2 and G3 change less."""
    first = {"G1": [1.0, 2.0, 3.0], "G2": [2.0, 2.0, 2.0], "G3": [3.0, 3.0, 3.0]}
    last = {"G1": [2.5, 2.5, 2.0], "G2": [2.5, 2.0, 2.0], "G3": [4.0, 3.5, 4.0]}
    rows = []
    for wave, date, values in (("baseline", "2014-11-19", first),
                               ("follow-up", "2015-11-19", last)):
        for gmina, scores in values.items():
            for area, score in zip(AREAS["area_id"], scores):
                rows.append({"gmina_id": gmina, "wave": wave, "date": date, "area_id": area,
                             "score": score})
    return pd.DataFrame(rows)


def test_area_dumbbell_names_the_area_that_rose_most_and_fell():
    change = index_change(_scores(), AREAS)
    alt = text_alternative(area_dumbbell(change, AREAS, "G1", lang="pl", title="LIJW"))
    assert "LIJW, baseline → follow-up: „konsultacje” 1,00 → 2,50 (+1,50), „diagnoza” 2,00 → 2,50 (+0,50)" in alt
    assert f"„zlecanie zadań” 3,00 → 2,00 ({MINUS}1,00)" in alt
    assert "Najbardziej wzrósł obszar „konsultacje” (+1,50)" in alt
    assert f"Najbardziej spadł obszar „zlecanie zadań” ({MINUS}1,00)" in alt


def test_plane_scores_give_the_score_programme_mean_and_rank():
    table = index_table(_scores(), AREAS)
    alt = text_alternative(plane_scores_vs_programme(table, "G1", lang="pl", title="Płaszczyzny",
                                                     plane_labels={"I": "Pł. I"}))
    own = table[(table["gmina_id"] == "G1") & (table["plane"] == "I")].set_index("wave")["score"]
    # Plane I of G1: mean of A1, A2: 1.50 → 2.50; G2 2.25, G3 3.75: rank 2 of 3.
    assert own["follow-up"] == pytest.approx(2.5)
    assert "Płaszczyzny (follow-up): Pł. I 1,50 → 2,50" in alt
    assert "miejsce 2 z 3 gmin" in alt


def test_index_heatmap_names_the_lowest_and_highest_score():
    gminas = pd.DataFrame({"gmina_id": ["G1", "G2", "G3"], "name": ["Alfa", "Beta", "Gamma"]})
    alt = text_alternative(index_heatmap(_scores(), AREAS, gminas=gminas, lang="pl",
                                         title="Mapa"))
    assert "Mapa (follow-up): 3 gminy × 3 obszary" in alt
    assert "Oceny od 2,00 (Alfa, „zlecanie zadań”) do 4,00 (Gamma, „konsultacje”)" in alt
    assert "Najwyższa ocena ogólna: Gamma, najniższa:" in alt


def test_change_ranking_orders_the_gminas_by_change():
    gminas = pd.DataFrame({"gmina_id": ["G1", "G2", "G3"], "name": ["Alfa", "Beta", "Gamma"]})
    change = index_change(_scores(), AREAS)
    alt = text_alternative(change_ranking(change, gminas, lang="pl", title="Zmiana"))
    overall = change[(change["level"] == "plane") & (change["key"] == "overall")]
    by_gmina = overall.set_index("gmina_id")["change"]
    # G3: (1 + 0.5 + 1) / 3 rise is the largest; G1: (1.5 + 0.5 − 1) / 3; G2: 0.5 / 3.
    assert by_gmina["G3"] > by_gmina["G1"] > by_gmina["G2"]
    assert "3 gminy od największego wzrostu: 1. Gamma +0,83, 2. Alfa +0,33, 3. Beta +0,17" in alt
    assert "Wzrost: 3, spadek: 0, bez zmian: 0" in alt


# -- commitments ---------------------------------------------------------------------------


def test_recommendations_chart_counts_per_plane_against_the_commitment():
    recs = pd.DataFrame({"gmina_id": ["G1"] * 4, "recommendation_id": ["1", "2", "3", "4"],
                         "plane": ["I", "I", "III", "II"], "title": ["a", "b", "c", "d"],
                         "document_type": ["uchwała"] * 4,
                         "status": ["adopted", "adopted", "adopted", "planned"],
                         "adopted_on": ["2015-01-01", "2015-02-01", "2015-03-01", None]})
    summary = recommendation_summary(recs, ["G1"])
    alt = text_alternative(recommendations_chart(summary, "G1", lang="pl"))
    assert ("Przyjęte rekomendacje: płaszczyzna I: 2, płaszczyzna II: 0, płaszczyzna III: 1; "
            "razem 3 wobec zobowiązania co najmniej 4") in alt
    assert "zobowiązanie niespełnione" in alt
    assert "planowane: 1" in alt


def test_support_chart_names_the_shortfalls():
    support = pd.DataFrame({"gmina_id": ["G1"] * 3,
                            "activity": ["doradztwo", "szkolenia", "wizyty"],
                            "unit": ["h", "h", "count"], "planned": [20, 10, 0],
                            "delivered": [12, 10, 1]})
    alt = text_alternative(support_chart(support_summary(support), "G1", lang="pl",
                                         title="Wsparcie"))
    assert "Wsparcie: 3 działania, zrealizowane w pełni: 1/2" in alt
    assert f"Niedobór: doradztwo (12 / 20 h, 60{NBSP}%)" in alt
    assert "Nie planowano: wizyty" in alt


# -- displaying ----------------------------------------------------------------------------


def test_show_passes_the_text_alternative_into_the_display_metadata(monkeypatch):
    import base64

    import IPython.display

    from toolkit.report.sections._blocks import show

    shown = []
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, **kwargs: shown.append((obj, kwargs)))
    described = describe(plt.figure(), "Trzy  osoby\nponiżej progu")
    described.add_subplot().plot([0, 1])
    bare = plt.figure()
    bare.add_subplot().plot([0, 1])
    empty = plt.figure()
    show([described, bare, empty, "text"])
    alt = "Trzy osoby poniżej progu"
    (first, first_kw), (second, second_kw), (third, third_kw), (fourth, fourth_kw) = shown
    assert base64.b64decode(first["image/png"]).startswith(b"\x89PNG")
    assert first_kw == {"raw": True, "metadata": {"image/png": {"alt": alt}}}
    assert "image/png" in second and second_kw == {"raw": True, "metadata": None}
    # A figure with nothing drawn shows no picture (as the inline backend).
    assert set(third) == {"text/plain"} and third_kw == {"raw": True}
    assert (fourth, fourth_kw) == ("text", {})
    assert not plt.fignum_exists(described.number) and not plt.fignum_exists(bare.number)


def test_every_image_of_a_rendered_report_has_its_own_alt(tmp_path):
    from bs4 import BeautifulSoup

    from toolkit.report.runner import run_reports

    result = run_reports(DEMO, tmp_path, gminas=["1208053"], workers=1, progress=False)
    assert result.ok, result.describe()
    generic = t("figure_no_alt", "pl")
    for page in (tmp_path / "1208053" / "report.html", tmp_path / "summary.html"):
        images = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("img")
        assert images, page
        for image in images:
            alt = image.get("alt", "")
            assert alt.strip() and alt != generic and alt != NBCONVERT_PLACEHOLDER_ALT, page
    report = (tmp_path / "1208053" / "report.html").read_text(encoding="utf-8")
    # The demo gmina's one participant under the threshold, named in the share chart's alt.
    assert "Poniżej progu: P0003" in report
