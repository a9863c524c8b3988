"""English report text."""

TEXT = {
    "report_title": "Evaluation report: gmina {name}",
    "summary_title": "Programme summary: all gminas",
    "identity": "**Gmina:** {name} ({kind})  \n**Powiat (county):** {powiat}  \n"
                "**Voivodeship:** {wojewodztwo}  \n**TERYT code:** {gmina_id}",
    "programme": "**Programme:** {programme} — implementing the Model of cooperation between "
                 "public administration and NGOs (planes: I. creating public policy, "
                 "II. delivering public tasks, III. cooperation infrastructure).",
    "data_date": "**Data as of:** {date}. **Data source:** `{source}`.",
    "data_date_unknown": "**Data as of:** the data holds no dates. **Data source:** `{source}`.",
    "holdings_heading": "What the data holds for the gmina",
    "holdings_intro": "The table shows the data collected for the gmina {name}. Analyses "
                      "without data are left out of the report.",
    "summary_holdings_intro": "Rows of data per gmina of the programme.",
    "col_table": "Data",
    "col_rows": "Rows",
    "col_present": "Available",
    "col_gmina": "Gmina",
    "col_gmina_id": "TERYT code",
    "yes": "yes",
    "no": "no",
    "missing_table": "Left out: {analysis} — the data has no '{table}' table.",
    "privacy_note": "The report holds no participants' names; people are identified by "
                    "participant_id.",
    "index_areas_default": "Local Cooperation Quality Index areas: the toolkit's default "
                           "definition ({n} areas).",
    "index_areas_own": "Local Cooperation Quality Index areas: defined in the data ({n} areas).",
    "generated": "Report generated on {date}.",
    "gmina_kind_1": "urban gmina",
    "gmina_kind_2": "rural gmina",
    "gmina_kind_3": "urban-rural gmina",
    "gmina_kind_4": "town of an urban-rural gmina",
    "gmina_kind_5": "rural area of an urban-rural gmina",
    "table_gminas": "gminas",
    "table_participants": "Academy participants",
    "table_sessions": "Academy training days",
    "table_attendance": "attendance list",
    "table_items": "questionnaire and test items",
    "table_responses": "questionnaire and test answers",
    "table_index_areas": "LIJW index areas",
    "table_index_scores": "LIJW index scores",
    "table_recommendations": "recommendations",
    "table_support": "support: planned and delivered",
    "analysis_attendance": "Academy attendance and diplomas",
    "analysis_questionnaires": "evaluation questionnaires and knowledge test",
    "analysis_index": "Local Cooperation Quality Index",
    "analysis_recommendations": "implementation of recommendations",
    "analysis_support": "support planned and delivered",
}
