"""Polish report text (default)."""

TEXT = {
    "report_title": "Raport ewaluacyjny: gmina {name}",
    "summary_title": "Podsumowanie programu: wszystkie gminy",
    "identity": "**Gmina:** {name} ({kind})  \n**Powiat:** {powiat}  \n"
                "**Województwo:** {wojewodztwo}  \n**Kod TERYT:** {gmina_id}",
    "programme": "**Program:** {programme} — wdrażanie Modelu współpracy administracji "
                 "publicznej i organizacji pozarządowych (płaszczyzny: I. tworzenie polityk "
                 "publicznych, II. realizacja zadań publicznych, III. infrastruktura współpracy).",
    "data_date": "**Stan danych na:** {date}. **Źródło danych:** `{source}`.",
    "data_date_unknown": "**Stan danych:** w danych brak dat. **Źródło danych:** `{source}`.",
    "holdings_heading": "Zawartość danych dla gminy",
    "holdings_intro": "Poniższa tabela pokazuje, jakie dane zebrano dla gminy {name}. "
                      "Analizy, dla których brakuje danych, są w raporcie pominięte.",
    "summary_holdings_intro": "Liczba wierszy danych w poszczególnych gminach programu.",
    "col_table": "Dane",
    "col_rows": "Liczba wierszy",
    "col_present": "Dostępne",
    "col_gmina": "Gmina",
    "col_gmina_id": "Kod TERYT",
    "yes": "tak",
    "no": "nie",
    "missing_table": "Pominięto: {analysis} — w danych brak tabeli „{table}”.",
    "privacy_note": "Raport nie zawiera imion ani nazwisk uczestników; osoby są oznaczone "
                    "identyfikatorem (participant_id).",
    "index_areas_default": "Obszary Lokalnego Indeksu Jakości Współpracy: definicja domyślna "
                           "narzędzia ({n} obszarów).",
    "index_areas_own": "Obszary Lokalnego Indeksu Jakości Współpracy: definicja z danych "
                       "({n} obszarów).",
    "generated": "Raport wygenerowany {date}.",
    "gmina_kind_1": "gmina miejska",
    "gmina_kind_2": "gmina wiejska",
    "gmina_kind_3": "gmina miejsko-wiejska",
    "gmina_kind_4": "miasto w gminie miejsko-wiejskiej",
    "gmina_kind_5": "obszar wiejski gminy miejsko-wiejskiej",
    "table_gminas": "gminy",
    "table_participants": "uczestnicy Akademii",
    "table_sessions": "dni szkoleniowe Akademii",
    "table_attendance": "lista obecności",
    "table_items": "pytania ankiet i testów",
    "table_responses": "odpowiedzi w ankietach i testach",
    "table_index_areas": "obszary indeksu LIJW",
    "table_index_scores": "oceny w indeksie LIJW",
    "table_recommendations": "rekomendacje",
    "table_support": "wsparcie: plan i realizacja",
    "analysis_attendance": "frekwencja w Akademii i dyplomy",
    "analysis_questionnaires": "ankiety ewaluacyjne i test wiedzy",
    "analysis_index": "Lokalny Indeks Jakości Współpracy",
    "analysis_recommendations": "wdrażanie rekomendacji",
    "analysis_support": "wsparcie zaplanowane i zrealizowane",
}
