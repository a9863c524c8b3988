"""Sentences the data must support (issue 18): no wording the data does not back, correct
Polish agreement, no file paths, table ids or nested brackets, on the reports of all three
example datasets (a few gminas each, generated once per session)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from conftest import REPO
from test_report_text import _visible
from toolkit.text import t, tn, unnest_brackets

EXAMPLES = {name: REPO / "data" / name for name in ("mowes2", "probus", "demo")}
#: The gminas whose reports are read: MOWES2 Chrzanów (surveys of too few people) and
#: Brzeszcze (no LIJW score), PROBUS Zgorzelec and Węgliniec (commitment met / not met),
#: the demo's Miechów.
GMINAS = {"mowes2": ["1203033", "1213023"], "probus": ["0225033", "0225063"],
          "demo": ["1208053"]}


@pytest.fixture(scope="session")
def reports(tmp_path_factory):
    """``name → {"summary": (text, cells), gmina_id: (text, cells)}`` for each example."""
    from toolkit.report.runner import run_reports

    out = {}
    for name, data in EXAMPLES.items():
        root = tmp_path_factory.mktemp(f"wording_{name}")
        result = run_reports(data, root, gminas=GMINAS[name], workers=2, progress=False)
        assert result.ok, result.describe()
        out[name] = {"summary": _read(root / "summary.html")}
        for gmina in GMINAS[name]:
            out[name][gmina] = _read(root / gmina / "report.html")
    return out


def _read(path):
    """The visible text with all white space as one space (inline markup splits text
    nodes), the text nodes one per line, and the table cells."""
    text, cells = _visible(path)
    return " ".join(text.split()), text, cells


def _all_texts(reports):
    for name, docs in reports.items():
        for doc, (text, _, _) in docs.items():
            yield name, doc, text


def _polish_few(n: int) -> bool:
    """Polish "few" by hand: 2–4, 22–24, … but not 12–14."""
    return n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14)


# -- wording that must never recur ----------------------------------------------------

WRONG = [
    r"ma tylko 0 osób",
    r"\bu 0 osób",
    r"co najmniej \d+, w każdej płaszczyźnie\)",
    r"brak tabeli",
    r"Źródło danych",
    r"Data source",
    r"„(?:support|recommendations|index_scores|items|responses|actions|attendance|sessions|"
    r"participants)”",
    r"data/(?:mowes2|probus|demo)",
    r"→ —",
    r"participant_id",
    r"we wszystkich \d+ działań\b",
]


def test_no_wrong_sentence_recurs(reports):
    for name, doc, text in _all_texts(reports):
        for pattern in WRONG:
            assert not re.search(pattern, text), (name, doc, pattern)


def test_counted_nouns_agree_with_their_number(reports):
    for name, doc, text in _all_texts(reports):
        for n, word in re.findall(r"przyjęto (\d+) (rekomendacj\w+)", text):
            n = int(n)
            assert word == ("rekomendację" if n == 1 else "rekomendacje" if _polish_few(n)
                            else "rekomendacji"), (name, doc, n, word)
        for verb, n, noun in re.findall(r"próg (osiąga|osiągają) (\d+)\s(\w+)", text):
            n = int(n)
            want = (("osiąga", "osoba") if n == 1 else ("osiągają", "osoby") if _polish_few(n)
                    else ("osiąga", "osób"))
            assert (verb, noun) == want, (name, doc, verb, n, noun)
        for verb, n, noun in re.findall(r"komplet odpowiedzi (ma|mają) tylko (\d+)\s(\w+)",
                                        text):
            n = int(n)
            want = (("ma", "osoba") if n == 1 else ("mają", "osoby") if _polish_few(n)
                    else ("ma", "osób"))
            assert (verb, noun) == want, (name, doc, verb, n, noun)


def _depth(line: str) -> int:
    """How deep brackets nest in ``line``; Markdown links and quoted names („…”, whose
    brackets are the name's own, maybe cut short) do not count."""
    depth = deepest = 0
    for char in re.sub(r"„[^”]*”", "", re.sub(r"\]\([^)]*\)", "", line)):
        depth += (char == "(") - (char == ")")
        deepest = max(deepest, depth)
    return deepest


def test_no_brackets_inside_brackets(reports):
    for name, docs in reports.items():
        for doc, (_, nodes, _) in docs.items():
            for line in nodes.splitlines():
                assert _depth(line) <= 1, (name, doc, line)


def test_no_two_bracketed_asides_side_by_side(reports):
    """``(ostatni pomiar) (diagnoza, 2021)``, ``(płaszczyzna I) (1–5)``: one bracket with
    both, in the text, the figures' alt texts and the tables' headers."""
    for name, docs in reports.items():
        for doc, (_, nodes, cells) in docs.items():
            for line in [*nodes.splitlines(), *cells]:
                assert not re.search(r"\)\s*\(", re.sub(r"„[^”]*”", "", line)), (name, doc, line)


def test_each_left_out_line_is_said_once(reports):
    for name, docs in reports.items():
        for doc, (_, nodes, _) in docs.items():
            lines = re.findall(r"Pominięto: [^\n]*", nodes)
            assert len(lines) == len(set(lines)), (name, doc, lines)


def test_unnest_brackets():
    assert unnest_brackets("jeden pomiar (diagnoza (2021)): 1,57") == \
        "jeden pomiar (diagnoza, 2021): 1,57"
    assert unnest_brackets("(a (b (c)))") == "(a, b, c)"
    assert unnest_brackets("[szczegóły](#index) (bez (zmian))") == \
        "[szczegóły](#index) (bez, zmian)"
    assert unnest_brackets("f(x (y)") == "f(x (y)"  # unbalanced: left alone


def test_people_complete_agrees_in_both_languages():
    assert tn("people_complete", 1) == "komplet odpowiedzi ma tylko 1 osoba"
    assert tn("people_complete", 3) == "komplet odpowiedzi mają tylko 3 osoby"
    assert tn("people_complete", 5) == "komplet odpowiedzi ma tylko 5 osób"
    assert tn("people_complete", 22) == "komplet odpowiedzi mają tylko 22 osoby"
    assert tn("people_complete", 1, "en") == "only 1 person answered every question"
    assert tn("people_complete", 4, "en") == "only 4 people answered every question"


# -- sentences the data must support ----------------------------------------------------


def _mowes2_unscored() -> list[str]:
    gminas = pd.read_csv(EXAMPLES["mowes2"] / "gminas.csv", dtype=str)
    scores = pd.read_csv(EXAMPLES["mowes2"] / "index_scores.csv", dtype=str)
    return list(gminas.loc[~gminas["gmina_id"].isin(scores["gmina_id"]), "name"])


def test_mowes2_summary_names_the_gminas_without_lijw_scores(reports):
    unscored = _mowes2_unscored()
    assert len(unscored) == 2
    summary = reports["mowes2"]["summary"][0]
    assert "Każda gmina ma na razie jeden pomiar indeksu" not in summary
    index = summary[summary.index("Lokalny Indeks Jakości Współpracy"):]
    sentence = f"2 gminy nie mają jeszcze oceny w indeksie LIJW: {unscored[0]} i {unscored[1]}."
    # Once beside the heatmap, once in its text alternative.
    assert index.count(sentence) == 2
    assert "Pozostałych 6 gmin ma na razie po jednym pomiarze indeksu" in index


def test_appendix_says_no_for_a_table_without_rows_of_the_gmina(reports):
    cells = reports["mowes2"]["1213023"][2]  # Brzeszcze: no LIJW score
    at = cells.index(t("table_index_scores"))
    assert cells[at + 1:at + 3] == [t("no"), "0"]
    for name, docs in reports.items():
        for doc, (_, _, cells) in docs.items():
            for i, cell in enumerate(cells[:-2]):
                if cell == t("yes"):
                    assert cells[i + 1] != "0", (name, doc, cells[i - 1])


def test_no_academy_words_in_a_programme_without_an_academy(reports):
    programme = pd.read_csv(EXAMPLES["mowes2"] / "programme.csv").set_index("key")["value"]
    assert "academy_name" not in programme.index
    for doc, (text, _, _) in reports["mowes2"].items():
        assert not re.search(r"(?i)akademi|zjazd", text), doc
        # nor the Academy's meeting/day marks (Z2/1) on the heatmap's axis and in its alt
        assert not re.search(r"\bZ\d+/\d+", text), doc
        assert f"„{programme['title']}”" in text, doc


def test_a_programme_without_a_knowledge_test_leaves_the_section_out(reports):
    items = pd.read_csv(EXAMPLES["mowes2"] / "items.csv")
    assert not (items["kind"] == "knowledge").any()
    text = reports["mowes2"]["1203033"][0]
    assert "Brak par testów przed i po" not in text
    assert text.count(t("missing_table", analysis=t("analysis_knowledge"))) == 1


def test_surveys_of_too_few_people_and_no_alpha_take_one_line(reports):
    text = reports["mowes2"]["1203033"][0]  # Chrzanów
    assert "Ankiety, w których na każde pytanie odpowiedziało mniej niż 3 osoby" in text
    assert text.count("nie obliczamy") == 1
    assert "Alfy Cronbacha nie obliczamy dla żadnej z" in text


def test_single_assessment_chart_has_no_first_and_last(reports):
    text = reports["mowes2"]["1203033"][0]
    assert "pierwszy i ostatni pomiar" not in text
    assert "LIJW w obszarach, jeden pomiar" in text


def test_commitment_finding_reads_well(reports):
    recs = pd.read_csv(EXAMPLES["probus"] / "recommendations.csv", dtype=str)
    adopted = int(((recs["gmina_id"] == "0225033") & (recs["status"] == "adopted")).sum())
    text = reports["probus"]["0225033"][0]
    form = ("rekomendację" if adopted == 1 else "rekomendacje" if _polish_few(adopted)
            else "rekomendacji")
    assert (f"przyjęto {adopted} {form} (wymagane: co najmniej 4, w tym co najmniej 1 w każdej "
            "płaszczyźnie)") in text


def test_attention_lists_wegliniec_and_not_every_mowes2_gmina(reports):
    summary = reports["probus"]["summary"][0]
    attention = summary[summary.index("Gminy wymagające uwagi"):]
    assert "Węgliniec" in attention[:attention.index("Frekwencja")]
    summary = reports["mowes2"]["summary"][0]
    attention = summary[summary.index("Gminy wymagające uwagi"):]
    listed = attention[:attention.index("Uwagi mniejszej wagi")]
    gminas = pd.read_csv(EXAMPLES["mowes2"] / "gminas.csv", dtype=str)["name"]
    named = [g for g in gminas if re.search(rf"{re.escape(g)} ?:", listed)]
    assert 0 < len(named) < len(gminas)
    for gmina in _mowes2_unscored():
        assert gmina in named


def test_english_summary_names_the_gminas_without_lijw_scores():
    from toolkit.report import sections, summary_context

    ctx = summary_context(EXAMPLES["mowes2"], lang="en")
    text = "\n".join(b.data for b in sections.summary_index(ctx)
                     if isinstance(getattr(b, "data", None), str))
    first, second = _mowes2_unscored()
    assert f"2 gminas have no LIJW assessment yet: {first} and {second}." in text
    assert "The other 6 gminas have one assessment each so far" in text
    assert "Each gmina has one assessment" not in text


def test_area_finding_says_rose_and_fell_by_the_signs_of_the_changes(reports):
    """Węgliniec: one area fell, another did not move: the finding names the largest rise
    and the largest fall, never "changed least" for a fall (recomputed from the CSVs)."""
    from decimal import ROUND_HALF_UP, Decimal

    folder = EXAMPLES["probus"]
    scores = pd.read_csv(folder / "index_scores.csv", dtype=str)
    mine = scores[scores["gmina_id"] == "0225063"]
    labels = pd.read_csv(folder / "labels.csv", dtype=str)
    names = labels[labels["kind"] == "area"].set_index("id")["label"]

    def shown(value):
        return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    first = mine[mine["wave"] == "baseline"].set_index("area_id")["score"].map(shown)
    last = mine[mine["wave"] == "follow-up"].set_index("area_id")["score"].map(shown)
    change = (last - first).dropna()
    assert min(change) < 0 < max(change)  # the case
    top, low = change.idxmax(), change.idxmin()
    text = reports["probus"]["0225063"][0]
    assert "Najbardziej zmienił się" not in text
    assert (f"Najbardziej wzrósł obszar „{names[top]}” (+{str(change[top]).replace('.', ',')}), "
            f"najbardziej spadł — „{names[low]}” "
            f"(−{str(-change[low]).replace('.', ',')}).") in text


def test_a_differently_named_academy_is_not_called_the_academy(reports):
    """PROBUS trains in "Cykl szkoleń wyjazdowych…": its reports say trainings, not
    "Akademia" (the Model's word), and name the cycle as the programme does."""
    programme = pd.read_csv(EXAMPLES["probus"] / "programme.csv").set_index("key")["value"]
    assert "akademi" not in programme["academy_name"].lower()
    for doc, (text, _, _) in reports["probus"].items():
        assert not re.search(r"(?i)akademi", text), doc
        assert programme["academy_name"] in text, doc


def test_support_and_threshold_sentences_agree():
    from toolkit.text import tn

    assert tn("support_met_all", 10) == "Wsparcie zrealizowano w pełni we wszystkich 10 działaniach."
    assert tn("reach_threshold", 4) == "próg osiągają 4 osoby"
    assert tn("reach_threshold", 5) == "próg osiąga 5 osób"
    assert tn("reach_threshold", 1) == "próg osiąga 1 osoba"
    assert tn("reach_threshold", 2, "en") == "2 people reach it"


def test_english_lijw_figures_name_areas_in_english_with_english_quotes():
    """An English gmina report: the area chart's alt names the areas by their English
    labels, in English quotation marks (no „…”), as the summary's heatmap does."""
    import matplotlib.pyplot as plt

    from toolkit.plots._style import text_alternative
    from toolkit.report import report_context, sections

    labels = pd.read_csv(EXAMPLES["mowes2"] / "labels.csv", dtype=str)
    areas = labels[(labels["kind"] == "area") & labels["id"].str.contains("_")]
    ctx = report_context("1203033", data_dir=EXAMPLES["mowes2"], lang="en")
    figures = [b for b in sections.index(ctx) if isinstance(b, plt.Figure)]
    alts = " ".join(text_alternative(f) for f in figures)
    for fig in figures:
        plt.close(fig)
    assert "„" not in alts
    assert not any(polish[:25] in alts for polish in areas["label"])
    assert all(english[:20] in alts for english in areas["label_en"])
    scales = sections.questionnaires(report_context("1203033", data_dir=EXAMPLES["mowes2"],
                                                    lang="en"))
    assert "„" not in " ".join(getattr(b, "data", "") or "" for b in scales
                               if isinstance(getattr(b, "data", None), str))


def test_english_action_plan_finding_reads_well():
    from toolkit.findings import programme_findings
    from toolkit.report import summary_context

    ctx = summary_context(EXAMPLES["mowes2"], lang="en")
    gminas = pd.read_csv(EXAMPLES["mowes2"] / "gminas.csv", dtype=str)
    found = [f.text for f in programme_findings(ctx.programme, ctx.info, "en")
             if f.key == "actions"]
    assert len(found) == 1
    assert f"of {len(gminas)} gminas cover every required area" in found[0]
    assert "gminas plans" not in found[0]


def test_english_sector_counts_say_local_government():
    from toolkit.text import t

    assert t("sector_count_JST", "en", n=2) == "2 from local government"
    assert "JST" not in t("sector_count_JST", "en", n=2)
