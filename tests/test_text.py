"""Words and numbers: CLDR plural forms (toolkit.text.tn) and the number formats (babel)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from toolkit import text
from toolkit.text import (FIGURES, LANGS, count_label, format_change, format_count,
                          format_figure, format_number, format_share, labels, plural_category,
                          t, tn)

NBSP, MINUS = "\u00a0", "\u2212"
COUNTS = (1, 2, 4, 5, 12, 14, 21, 22, 25, 101, 112, 122)

#: Every counted noun in Polish, written out by hand for the numbers in COUNTS.
POLISH = {
    "n_activities": "1 działanie, 2 działania, 4 działania, 5 działań, 12 działań, 14 działań, "
                    "21 działań, 22 działania, 25 działań, 101 działań, 112 działań, "
                    "122 działania",
    "n_activities_of": "1 działania, 2 działań, 4 działań, 5 działań, 12 działań, 14 działań, "
                       "21 działań, 22 działań, 25 działań, 101 działań, 112 działań, 122 działań",
    "n_answers": "1 odpowiedź, 2 odpowiedzi, 4 odpowiedzi, 5 odpowiedzi, 12 odpowiedzi, "
                 "14 odpowiedzi, 21 odpowiedzi, 22 odpowiedzi, 25 odpowiedzi, 101 odpowiedzi, "
                 "112 odpowiedzi, 122 odpowiedzi",
    "n_answers_of": "1 odpowiedzi, 2 odpowiedzi, 4 odpowiedzi, 5 odpowiedzi, 12 odpowiedzi, "
                    "14 odpowiedzi, 21 odpowiedzi, 22 odpowiedzi, 25 odpowiedzi, 101 odpowiedzi, "
                    "112 odpowiedzi, 122 odpowiedzi",
    "n_areas": "1 obszar, 2 obszary, 4 obszary, 5 obszarów, 12 obszarów, 14 obszarów, "
               "21 obszarów, 22 obszary, 25 obszarów, 101 obszarów, 112 obszarów, 122 obszary",
    "n_areas_of": "1 obszaru, 2 obszarów, 4 obszarów, 5 obszarów, 12 obszarów, 14 obszarów, "
                  "21 obszarów, 22 obszarów, 25 obszarów, 101 obszarów, 112 obszarów, "
                  "122 obszarów",
    "n_assessments": "1 pomiar, 2 pomiary, 4 pomiary, 5 pomiarów, 12 pomiarów, 14 pomiarów, "
                     "21 pomiarów, 22 pomiary, 25 pomiarów, 101 pomiarów, 112 pomiarów, "
                     "122 pomiary",
    "n_assessments_of": "1 pomiaru, 2 pomiarów, 4 pomiarów, 5 pomiarów, 12 pomiarów, 14 pomiarów, "
                        "21 pomiarów, 22 pomiarów, 25 pomiarów, 101 pomiarów, 112 pomiarów, "
                        "122 pomiarów",
    "n_days": "1 dzień, 2 dni, 4 dni, 5 dni, 12 dni, 14 dni, 21 dni, 22 dni, 25 dni, 101 dni, "
              "112 dni, 122 dni",
    "n_days_of": "1 dnia, 2 dni, 4 dni, 5 dni, 12 dni, 14 dni, 21 dni, 22 dni, 25 dni, 101 dni, "
                 "112 dni, 122 dni",
    "n_diplomas": "1 dyplom, 2 dyplomy, 4 dyplomy, 5 dyplomów, 12 dyplomów, 14 dyplomów, "
                  "21 dyplomów, 22 dyplomy, 25 dyplomów, 101 dyplomów, 112 dyplomów, 122 dyplomy",
    "n_diplomas_of": "1 dyplomu, 2 dyplomów, 4 dyplomów, 5 dyplomów, 12 dyplomów, 14 dyplomów, "
                     "21 dyplomów, 22 dyplomów, 25 dyplomów, 101 dyplomów, 112 dyplomów, "
                     "122 dyplomów",
    "n_errors": "1 błąd, 2 błędy, 4 błędy, 5 błędów, 12 błędów, 14 błędów, 21 błędów, 22 błędy, "
                "25 błędów, 101 błędów, 112 błędów, 122 błędy",
    "n_errors_of": "1 błędu, 2 błędów, 4 błędów, 5 błędów, 12 błędów, 14 błędów, 21 błędów, "
                   "22 błędów, 25 błędów, 101 błędów, 112 błędów, 122 błędów",
    "n_gminas": "1 gmina, 2 gminy, 4 gminy, 5 gmin, 12 gmin, 14 gmin, 21 gmin, 22 gminy, 25 gmin, "
                "101 gmin, 112 gmin, 122 gminy",
    "n_gminas_of": "1 gminy, 2 gmin, 4 gmin, 5 gmin, 12 gmin, 14 gmin, 21 gmin, 22 gmin, 25 gmin, "
                   "101 gmin, 112 gmin, 122 gmin",
    "n_hours": "1 godzina, 2 godziny, 4 godziny, 5 godzin, 12 godzin, 14 godzin, 21 godzin, "
               "22 godziny, 25 godzin, 101 godzin, 112 godzin, 122 godziny",
    "n_hours_of": "1 godziny, 2 godzin, 4 godzin, 5 godzin, 12 godzin, 14 godzin, 21 godzin, "
                  "22 godzin, 25 godzin, 101 godzin, 112 godzin, 122 godzin",
    "n_incomplete_skipped": "1 niepełna odpowiedź pominięta, 2 niepełne odpowiedzi pominięte, "
                            "4 niepełne odpowiedzi pominięte, "
                            "5 niepełnych odpowiedzi pominiętych, "
                            "12 niepełnych odpowiedzi pominiętych, "
                            "14 niepełnych odpowiedzi pominiętych, "
                            "21 niepełnych odpowiedzi pominiętych, "
                            "22 niepełne odpowiedzi pominięte, "
                            "25 niepełnych odpowiedzi pominiętych, "
                            "101 niepełnych odpowiedzi pominiętych, "
                            "112 niepełnych odpowiedzi pominiętych, "
                            "122 niepełne odpowiedzi pominięte",
    "n_meetings": "1 spotkanie, 2 spotkania, 4 spotkania, 5 spotkań, 12 spotkań, 14 spotkań, "
                  "21 spotkań, 22 spotkania, 25 spotkań, 101 spotkań, 112 spotkań, 122 spotkania",
    "n_meetings_of": "1 spotkania, 2 spotkań, 4 spotkań, 5 spotkań, 12 spotkań, 14 spotkań, "
                     "21 spotkań, 22 spotkań, 25 spotkań, 101 spotkań, 112 spotkań, 122 spotkań",
    "n_other_gminas": "1 inna, 2 inne, 4 inne, 5 innych, 12 innych, 14 innych, 21 innych, "
                      "22 inne, 25 innych, 101 innych, 112 innych, 122 inne",
    "n_more_gminas": "1 inna gmina, 2 inne gminy, 4 inne gminy, 5 innych gmin, 12 innych gmin, "
                     "14 innych gmin, 21 innych gmin, 22 inne gminy, 25 innych gmin, "
                     "101 innych gmin, 112 innych gmin, 122 inne gminy",
    "n_pairs": "1 para, 2 pary, 4 pary, 5 par, 12 par, 14 par, 21 par, 22 pary, 25 par, 101 par, "
               "112 par, 122 pary",
    "n_pairs_of": "1 pary, 2 par, 4 par, 5 par, 12 par, 14 par, 21 par, 22 par, 25 par, 101 par, "
                  "112 par, 122 par",
    "n_participants": "1 uczestnik, 2 uczestników, 4 uczestników, 5 uczestników, 12 uczestników, "
                      "14 uczestników, 21 uczestników, 22 uczestników, 25 uczestników, "
                      "101 uczestników, 112 uczestników, 122 uczestników",
    "n_participants_of": "1 uczestnika, 2 uczestników, 4 uczestników, 5 uczestników, "
                         "12 uczestników, 14 uczestników, 21 uczestników, 22 uczestników, "
                         "25 uczestników, 101 uczestników, 112 uczestników, 122 uczestników",
    "n_people": "1 osoba, 2 osoby, 4 osoby, 5 osób, 12 osób, 14 osób, 21 osób, 22 osoby, 25 osób, "
                "101 osób, 112 osób, 122 osoby",
    "n_people_of": "1 osoby, 2 osób, 4 osób, 5 osób, 12 osób, 14 osób, 21 osób, 22 osób, 25 osób, "
                   "101 osób, 112 osób, 122 osób",
    "n_pp": "1 pkt proc., 2 pkt proc., 4 pkt proc., 5 pkt proc., 12 pkt proc., 14 pkt proc., "
            "21 pkt proc., 22 pkt proc., 25 pkt proc., 101 pkt proc., 112 pkt proc., "
            "122 pkt proc.",
    "n_problems": "1 problem, 2 problemy, 4 problemy, 5 problemów, 12 problemów, 14 problemów, "
                  "21 problemów, 22 problemy, 25 problemów, 101 problemów, 112 problemów, "
                  "122 problemy",
    "n_problems_of": "1 problemu, 2 problemów, 4 problemów, 5 problemów, 12 problemów, "
                     "14 problemów, 21 problemów, 22 problemów, 25 problemów, 101 problemów, "
                     "112 problemów, 122 problemów",
    "n_questionnaires": "1 ankieta, 2 ankiety, 4 ankiety, 5 ankiet, 12 ankiet, 14 ankiet, "
                        "21 ankiet, 22 ankiety, 25 ankiet, 101 ankiet, 112 ankiet, 122 ankiety",
    "n_questionnaires_of": "1 ankiety, 2 ankiet, 4 ankiet, 5 ankiet, 12 ankiet, 14 ankiet, "
                           "21 ankiet, 22 ankiet, 25 ankiet, 101 ankiet, 112 ankiet, 122 ankiet",
    "n_scales_of": "1 skali, 2 skal, 4 skal, 5 skal, 12 skal, 14 skal, 21 skal, 22 skal, "
                   "25 skal, 101 skal, 112 skal, 122 skal",
    "n_questions": "1 pytanie, 2 pytania, 4 pytania, 5 pytań, 12 pytań, 14 pytań, 21 pytań, "
                   "22 pytania, 25 pytań, 101 pytań, 112 pytań, 122 pytania",
    "n_questions_of": "1 pytania, 2 pytań, 4 pytań, 5 pytań, 12 pytań, 14 pytań, 21 pytań, "
                      "22 pytań, 25 pytań, 101 pytań, 112 pytań, 122 pytań",
    "n_recommendations": "1 rekomendacja, 2 rekomendacje, 4 rekomendacje, 5 rekomendacji, "
                         "12 rekomendacji, 14 rekomendacji, 21 rekomendacji, 22 rekomendacje, "
                         "25 rekomendacji, 101 rekomendacji, 112 rekomendacji, 122 rekomendacje",
    "n_recommendations_of": "1 rekomendacji, 2 rekomendacji, 4 rekomendacji, 5 rekomendacji, "
                            "12 rekomendacji, 14 rekomendacji, 21 rekomendacji, 22 rekomendacji, "
                            "25 rekomendacji, 101 rekomendacji, 112 rekomendacji, "
                            "122 rekomendacji",
    "n_responses": "1 wypełniona ankieta, 2 wypełnione ankiety, 4 wypełnione ankiety, "
                   "5 wypełnionych ankiet, 12 wypełnionych ankiet, 14 wypełnionych ankiet, "
                   "21 wypełnionych ankiet, 22 wypełnione ankiety, 25 wypełnionych ankiet, "
                   "101 wypełnionych ankiet, 112 wypełnionych ankiet, 122 wypełnione ankiety",
    "n_rows": "1 wiersz, 2 wiersze, 4 wiersze, 5 wierszy, 12 wierszy, 14 wierszy, 21 wierszy, "
              "22 wiersze, 25 wierszy, 101 wierszy, 112 wierszy, 122 wiersze",
    "n_rows_of": "1 wiersza, 2 wierszy, 4 wierszy, 5 wierszy, 12 wierszy, 14 wierszy, 21 wierszy, "
                 "22 wierszy, 25 wierszy, 101 wierszy, 112 wierszy, 122 wierszy",
    "n_status_at_risk": "1 zagrożony, 2 zagrożonych, 4 zagrożonych, 5 zagrożonych, "
                        "12 zagrożonych, 14 zagrożonych, 21 zagrożonych, 22 zagrożonych, "
                        "25 zagrożonych, 101 zagrożonych, 112 zagrożonych, 122 zagrożonych",
    "n_status_eligible": "1 dyplom, 2 dyplomy, 4 dyplomy, 5 dyplomów, 12 dyplomów, 14 dyplomów, "
                         "21 dyplomów, 22 dyplomy, 25 dyplomów, 101 dyplomów, 112 dyplomów, "
                         "122 dyplomy",
    "n_status_ineligible": "1 bez dyplomu, 2 bez dyplomu, 4 bez dyplomu, 5 bez dyplomu, "
                           "12 bez dyplomu, 14 bez dyplomu, 21 bez dyplomu, 22 bez dyplomu, "
                           "25 bez dyplomu, 101 bez dyplomu, 112 bez dyplomu, 122 bez dyplomu",
    "n_status_on_track": "1 na dobrej drodze, 2 na dobrej drodze, 4 na dobrej drodze, "
                         "5 na dobrej drodze, 12 na dobrej drodze, 14 na dobrej drodze, "
                         "21 na dobrej drodze, 22 na dobrej drodze, 25 na dobrej drodze, "
                         "101 na dobrej drodze, 112 na dobrej drodze, 122 na dobrej drodze",
    "n_tables": "1 tabela, 2 tabele, 4 tabele, 5 tabel, 12 tabel, 14 tabel, 21 tabel, 22 tabele, "
                "25 tabel, 101 tabel, 112 tabel, 122 tabele",
    "n_tables_of": "1 tabeli, 2 tabel, 4 tabel, 5 tabel, 12 tabel, 14 tabel, 21 tabel, 22 tabel, "
                   "25 tabel, 101 tabel, 112 tabel, 122 tabel",
    "n_training_days": "1 dzień szkoleniowy, 2 dni szkoleniowe, 4 dni szkoleniowe, "
                       "5 dni szkoleniowych, 12 dni szkoleniowych, 14 dni szkoleniowych, "
                       "21 dni szkoleniowych, 22 dni szkoleniowe, 25 dni szkoleniowych, "
                       "101 dni szkoleniowych, 112 dni szkoleniowych, 122 dni szkoleniowe",
    "n_training_days_of": "1 dnia szkoleniowego, 2 dni szkoleniowych, 4 dni szkoleniowych, "
                          "5 dni szkoleniowych, 12 dni szkoleniowych, 14 dni szkoleniowych, "
                          "21 dni szkoleniowych, 22 dni szkoleniowych, 25 dni szkoleniowych, "
                          "101 dni szkoleniowych, 112 dni szkoleniowych, 122 dni szkoleniowych",
    "n_warnings": "1 ostrzeżenie, 2 ostrzeżenia, 4 ostrzeżenia, 5 ostrzeżeń, 12 ostrzeżeń, "
                  "14 ostrzeżeń, 21 ostrzeżeń, 22 ostrzeżenia, 25 ostrzeżeń, 101 ostrzeżeń, "
                  "112 ostrzeżeń, 122 ostrzeżenia",
    "n_warnings_of": "1 ostrzeżenia, 2 ostrzeżeń, 4 ostrzeżeń, 5 ostrzeżeń, 12 ostrzeżeń, "
                     "14 ostrzeżeń, 21 ostrzeżeń, 22 ostrzeżeń, 25 ostrzeżeń, 101 ostrzeżeń, "
                     "112 ostrzeżeń, 122 ostrzeżeń",
    "n_zjazds": "1 zjazd, 2 zjazdy, 4 zjazdy, 5 zjazdów, 12 zjazdów, 14 zjazdów, 21 zjazdów, "
                "22 zjazdy, 25 zjazdów, 101 zjazdów, 112 zjazdów, 122 zjazdy",
    "n_zjazds_of": "1 zjazdu, 2 zjazdów, 4 zjazdów, 5 zjazdów, 12 zjazdów, 14 zjazdów, "
                   "21 zjazdów, 22 zjazdów, 25 zjazdów, 101 zjazdów, 112 zjazdów, 122 zjazdów",
    "n_participants_at": "1 uczestniku, 2 uczestnikach, 4 uczestnikach, 5 uczestnikach, "
                         "12 uczestnikach, 14 uczestnikach, 21 uczestnikach, 22 uczestnikach, "
                         "25 uczestnikach, 101 uczestnikach, 112 uczestnikach, 122 uczestnikach",
    "n_pairs_at": "1 parze, 2 parach, 4 parach, 5 parach, 12 parach, 14 parach, 21 parach, "
                  "22 parach, 25 parach, 101 parach, 112 parach, 122 parach",
    "n_groups_at": "1 grupie, 2 grupach, 4 grupach, 5 grupach, 12 grupach, 14 grupach, "
                   "21 grupach, 22 grupach, 25 grupach, 101 grupach, 112 grupach, 122 grupach",
    "n_scales_at": "1 skali, 2 skalach, 4 skalach, 5 skalach, 12 skalach, 14 skalach, "
                   "21 skalach, 22 skalach, 25 skalach, 101 skalach, 112 skalach, 122 skalach",
    "n_recommendations_acc": "1 rekomendację, 2 rekomendacje, 4 rekomendacje, 5 rekomendacji, "
                             "12 rekomendacji, 14 rekomendacji, 21 rekomendacji, "
                             "22 rekomendacje, 25 rekomendacji, 101 rekomendacji, "
                             "112 rekomendacji, 122 rekomendacje",
}

#: Every counted noun in English: (form for 1, form for every other count).
ENGLISH = {
    "n_activities": ("activity", "activities"),
    "n_activities_of": ("activity", "activities"),
    "n_answers": ("answer", "answers"),
    "n_answers_of": ("answer", "answers"),
    "n_areas": ("area", "areas"),
    "n_areas_of": ("area", "areas"),
    "n_assessments": ("assessment", "assessments"),
    "n_assessments_of": ("assessment", "assessments"),
    "n_days": ("day", "days"),
    "n_days_of": ("day", "days"),
    "n_diplomas": ("diploma", "diplomas"),
    "n_diplomas_of": ("diploma", "diplomas"),
    "n_errors": ("error", "errors"),
    "n_errors_of": ("error", "errors"),
    "n_gminas": ("gmina", "gminas"),
    "n_gminas_of": ("gmina", "gminas"),
    "n_hours": ("hour", "hours"),
    "n_hours_of": ("hour", "hours"),
    "n_incomplete_skipped": ("incomplete response skipped", "incomplete responses skipped"),
    "n_meetings": ("meeting", "meetings"),
    "n_meetings_of": ("meeting", "meetings"),
    "n_other_gminas": ("other", "others"),
    "n_more_gminas": ("other gmina", "other gminas"),
    "n_pairs": ("pair", "pairs"),
    "n_pairs_of": ("pair", "pairs"),
    "n_participants": ("participant", "participants"),
    "n_participants_of": ("participant", "participants"),
    "n_people": ("person", "people"),
    "n_people_of": ("person", "people"),
    "n_pp": ("percentage point", "percentage points"),
    "n_problems": ("problem", "problems"),
    "n_problems_of": ("problem", "problems"),
    "n_questionnaires": ("questionnaire", "questionnaires"),
    "n_questionnaires_of": ("questionnaire", "questionnaires"),
    "n_scales_of": ("scale", "scales"),
    "n_questions": ("question", "questions"),
    "n_questions_of": ("question", "questions"),
    "n_recommendations": ("recommendation", "recommendations"),
    "n_recommendations_of": ("recommendation", "recommendations"),
    "n_recommendations_acc": ("recommendation", "recommendations"),
    "n_scales_at": ("scale", "scales"),
    "n_responses": ("response", "responses"),
    "n_rows": ("row", "rows"),
    "n_rows_of": ("row", "rows"),
    "n_status_at_risk": ("at risk", "at risk"),
    "n_status_eligible": ("diploma", "diplomas"),
    "n_status_ineligible": ("without a diploma", "without a diploma"),
    "n_status_on_track": ("on track", "on track"),
    "n_tables": ("table", "tables"),
    "n_tables_of": ("table", "tables"),
    "n_training_days": ("training day", "training days"),
    "n_training_days_of": ("training day", "training days"),
    "n_warnings": ("warning", "warnings"),
    "n_warnings_of": ("warning", "warnings"),
    "n_zjazds": ("meeting", "meetings"),
    "n_zjazds_of": ("meeting", "meetings"),
    "n_participants_at": ("participant", "participants"),
    "n_pairs_at": ("pair", "pairs"),
    "n_groups_at": ("group", "groups"),
}


def test_every_plural_entry_is_in_the_tables():
    for lang in LANGS:
        assert {k for k in LANGS[lang] if k.startswith("n_")} == set(POLISH) == set(ENGLISH)


@pytest.mark.parametrize("key", sorted(POLISH))
def test_polish_forms(key):
    expected = POLISH[key].split(", ")
    assert len(expected) == len(COUNTS)
    assert [tn(key, n, "pl") for n in COUNTS] == expected


@pytest.mark.parametrize("key", sorted(ENGLISH))
def test_english_forms(key):
    one, other = ENGLISH[key]
    assert [tn(key, n, "en") for n in COUNTS] == [
        f"{n} {one if n == 1 else other}" for n in COUNTS]


def test_forms_follow_the_number_as_shown():
    # Fractions take CLDR "other" (genitive singular in Polish); grouping by babel.
    assert tn("n_hours_of", 7.5, "pl") == "7,5 godziny"
    assert tn("n_hours_of", 7.5, "en") == "7.5 hours"
    assert tn("n_hours_of", 8.0, "pl") == "8 godzin"  # a float that is whole counts as 8
    assert tn("n_gminas", 1234, "pl") == f"1{NBSP}234 gminy"
    assert tn("n_gminas", 1234, "en") == "1,234 gminas"
    assert tn("n_gminas", 0, "pl") == "0 gmin" and tn("n_gminas", 0, "en") == "0 gminas"
    assert tn("n_diplomas", 15, "pl", n_markup="<b>{}</b>") == "<b>15</b> dyplomów"
    assert [plural_category(n) for n in (1, 3, 5, 1.5)] == ["one", "few", "many", "other"]


def test_whole_numbers_in_texts_are_counts_grouped_as_tn_groups_them():
    import numpy as np

    assert t("k_of_n", "pl", k=9744, n=np.int64(11079)) == f"9{NBSP}744 z 11{NBSP}079"
    assert t("k_of_n", "en", k=9744, n=11079) == "9,744 of 11,079"
    assert t("k_of_n", "pl", k="0201102", n=True) == "0201102 z True"  # ids, flags as given


def test_a_plot_label_that_counts_takes_the_plural_form_of_its_count():
    omitted = labels("index_heatmap", "pl")["omitted_label"]
    assert [count_label(omitted, n, "pl") for n in (1, 4, 2419)] == [
        "… pominięto 1 gminę …", "… pominięto 4 gminy …", f"… pominięto 2{NBSP}419 gmin …"]
    subset = labels("change_ranking", "en")["subset_label"]
    assert count_label(subset, 2479, "en", top=20) == (
        "the 20 largest and 20 smallest changes of 2,479 gminas")


def test_a_plural_entry_with_wrong_categories_is_refused(monkeypatch):
    broken = dict(LANGS["pl"], n_broken={"one": "{n} x", "other": "{n} xs"})
    monkeypatch.setitem(LANGS, "pl", broken)
    with pytest.raises(ValueError, match="n_broken: plural forms must be"):
        text._check_plurals()


def test_shares_round_half_up():
    assert format_share(0.525) == f"53{NBSP}%"
    assert format_share(0.875) == f"88{NBSP}%"
    assert format_share(0.525, "en") == "53%" and format_share(0.875, "en") == "88%"
    assert format_share(0.145) == f"15{NBSP}%"   # the float 0.145 is 0.14499… in binary
    assert format_figure(0.525, "share") == f"53{NBSP}%"


def test_fixed_decimals_per_kind_and_a_real_minus():
    assert FIGURES["mean"] == FIGURES["score"] == 2 and FIGURES["p_value"] == 3
    assert format_figure(4.5, "mean") == "4,50" and format_figure(4.5, "mean", "en") == "4.50"
    assert format_figure(5, "mean") == "5,00"
    assert format_figure(-0.2, "score") == f"{MINUS}0,20"
    assert format_figure(-0.2, "score", "en") == f"{MINUS}0.20"
    assert format_figure(-0.004, "score") == "0,00"            # no "−0,00"
    assert format_figure(0.0445, "p_value") == "0,045"
    assert format_figure(0.125, "coefficient") == "0,13"
    assert format_figure(0.35, "score", signed=True) == "+0,35"
    assert format_number(-3.14159, "pl") == f"{MINUS}3,14"
    assert format_number(52.5, "pl") == "52,5" and format_number(2.675, "pl") == "2,68"
    assert format_count(11079) == f"11{NBSP}079" and format_count(11079, "en") == "11,079"
    with pytest.raises(ValueError, match="kind must be one of"):
        format_figure(1, "median")


def test_percentage_points():
    assert format_figure(0.375, "pp") == "+38 pkt proc."
    assert format_figure(-0.01, "pp", "en") == f"{MINUS}1 percentage point"
    assert format_figure(0.0, "pp", "en") == "0 percentage points"


def test_a_change_adds_up_with_the_shown_values():
    change = format_change(0.525, 0.9, "share")
    assert change[:3] == (f"53{NBSP}%", f"90{NBSP}%", "+37 pkt proc.")
    assert change.difference == 90 - 53  # not the unrounded 37.5, shown as 38
    assert format_change(0.525, 0.9, "share", "en")[:3] == ("53%", "90%", "+37 percentage points")
    assert format_change(0.875, 0.5, "share").change == f"{MINUS}38 pkt proc."
    score = format_change(2, 2.354, "score")
    assert score[:3] == ("2,00", "2,35", "+0,35") and score.difference == Decimal("0.35")
    assert format_change(4.254, 4.246, "mean", "en")[:3] == ("4.25", "4.25", "0.00")


def test_percent_style_is_one_per_language():
    # Polish: "95 %" with a no-break space; English: "95%".
    import re

    def strings(value):
        if isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        else:
            yield value

    for value in strings(LANGS["pl"]):
        assert not re.search(r"\d ?%", value), value
    for value in strings(LANGS["en"]):
        assert not re.search(r"\d[ \u00a0]%", value), value
    assert "95\u00a0% przedział Wilsona" in t("rate_title", "pl")


def test_half_up_on_the_decimal_value_not_the_binary_float():
    from decimal import Decimal

    from toolkit.text import format_change, format_figure, shown_difference

    halfway = (2.30 + 2.31) / 2  # 2.3049999999999997 in binary
    assert halfway < 2.305
    assert format_figure(halfway, "score") == "2,31"
    assert format_figure(2.3, "score") == "2,30"  # always the kind's two decimals
    assert format_figure(-0.005, "score") == "−0,01"
    # 3,24 − 2,31 as shown, not 3,24 − 2,30 nor round(0.935).
    assert format_change(halfway, 3.24, "score") == ("2,31", "3,24", "+0,93", Decimal("0.93"))
    assert shown_difference(halfway, 3.24, "score") == Decimal("0.93")
    assert shown_difference(0.525, 0.9, "share") == Decimal("37")
    # Values are not bent to a half: 0,0004999 stays below 0,0005.
    assert format_figure(0.0004999, "p_value") == "0,000"
    assert format_figure(0.0005, "p_value") == "0,001"


@pytest.mark.parametrize("k, got, meets", [
    (0, "uzyskało", "spełnia"), (1, "uzyskała", "spełnia"), (2, "uzyskały", "spełniają"),
    (4, "uzyskały", "spełniają"), (5, "uzyskało", "spełnia"), (12, "uzyskało", "spełnia"),
    (14, "uzyskało", "spełnia"), (22, "uzyskały", "spełniają"), (25, "uzyskało", "spełnia"),
])
def test_verb_agrees_with_the_count_before_z(k, got, meets):
    # "Dyplom uzyskały 4 z 5 osób", "uzyskało 5 z 8 osób": the verb follows k, not M.
    from toolkit.findings import gmina_findings

    frame = pd.DataFrame({"gmina_id": ["1208053"], "participants": [30], "diplomas": [k],
                          "mean_share": [0.8]})
    text = next(f.text for f in gmina_findings({"attendance": frame}, "1208053")
                if f.key == "attendance")
    assert text.startswith(f"Dyplom {got} **{k} z 30 osób**")
    recs = pd.DataFrame({"gmina_id": ["ALL"], "gminas_met": [k], "n_gminas": [30]})
    commitment = next(f.text for f in gmina_findings({"recommendations": recs}, "ALL")
                      if f.key == "commitment")
    assert f"rekomendacji {meets} {k} z 30 gmin" in commitment
