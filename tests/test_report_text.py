"""What readers see in the reports: no raw ids, key findings first, the evaluator's words.

The demo's reports and summary are generated once for the module (Polish, and English for
one gmina) from a copy of the demo whose conclusions carry a script; a second run with one
gmina's conclusion changed re-runs that gmina only.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pandas as pd
import pytest

from toolkit import config
from toolkit.config import ALL
from toolkit.dataset import load_dataset
from toolkit.attention import attention
from toolkit.findings import gmina_findings, programme_findings
from toolkit.report.context import programme_figures
from toolkit.report.runner import run_reports
from toolkit.report.sections.findings import safe_markdown
from toolkit.text import format_change

SCRIPT = '<script>alert("r13")</script>'
GMINA = "1208053"
OTHER = "1217032"


class _Visible(HTMLParser):
    """The text a reader sees (no style or script content), images' alt, table cells."""

    def __init__(self):
        super().__init__()
        self.text, self.cells, self._skip, self._cell = [], [], 0, None

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "img":
            self.text += [v for k, v in attrs if k == "alt" and v]
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _visible(path):
    parser = _Visible()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.text), parser.cells


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    root = tmp_path_factory.mktemp("report_text")
    data = root / "data"
    shutil.copytree(config.DEMO_DATA_DIR, data)
    conclusions = pd.read_csv(data / "conclusions.csv", dtype=str, keep_default_na=False)
    extra = pd.DataFrame({
        "gmina_id": [GMINA, OTHER],
        "section": ["attendance", "support"],
        "text": [f"Frekwencja dobra. {SCRIPT} [link](javascript:alert(1)) & <b>pogrubione</b>",
                 "Wsparcie według planu."]})
    pd.concat([conclusions, extra]).to_csv(data / "conclusions.csv", index=False)
    pl = run_reports(data, root / "pl", workers=2, progress=False)
    en = run_reports(data, root / "en", gminas=[GMINA], lang="en", workers=2, progress=False)
    return {"data": data, "pl": root / "pl", "en": root / "en", "pl_result": pl,
            "en_result": en}


def test_runs_succeeded(runs):
    assert runs["pl_result"].ok and runs["en_result"].ok


def _labelled_ids(data_dir):
    labels = pd.read_csv(data_dir / "labels.csv", dtype=str, keep_default_na=False)
    return set(labels.loc[labels["kind"].isin(
        ["instrument", "construct", "wave", "activity", "group", "area"]), "id"])


def _without_labels(text, data_dir):
    """``text`` without the labels themselves (a label may contain its id's words)."""
    labels = pd.read_csv(data_dir / "labels.csv", dtype=str, keep_default_na=False)
    from toolkit.text import unnest_brackets

    # A label shown inside brackets has its own brackets written with a comma.
    every = set(labels["label"]) | set(labels["label_en"])
    every |= {unnest_brackets(f"({label})")[1:-1] for label in every if label}
    for label in sorted(every, key=len, reverse=True):
        if label:
            text = text.replace(label, " ")
    return text


def _documents(runs):
    gminas = pd.read_csv(runs["data"] / "gminas.csv", dtype=str)["gmina_id"]
    docs = [runs["pl"] / g / "report.html" for g in gminas]
    docs += [runs["pl"] / "summary.html", runs["en"] / GMINA / "report.html",
             runs["en"] / "summary.html"]
    return docs


def test_no_raw_id_in_reader_text(runs):
    ids = _labelled_ids(runs["data"])
    assert {"ocena_zjazd1", "test_wiedzy", "przydatnosc", "baseline", "doradztwo", "I_1"} <= ids
    for doc in _documents(runs):
        text, cells = _visible(doc)
        text = _without_labels(text, runs["data"])
        found = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
        assert found == [], f"{doc}: raw ids {found}"
        assert ALL not in cells, f"{doc}: a cell reads {ALL}"


def test_reports_open_with_findings_linked_to_their_sections(runs):
    html = (runs["pl"] / GMINA / "report.html").read_text(encoding="utf-8")
    text, _ = _visible(runs["pl"] / GMINA / "report.html")
    assert text.index("Najważniejsze wnioski") < text.index("Frekwencja i dyplomy")
    links = set(re.findall(r'href="#([\w-]+)"', html))
    assert {"attendance", "questionnaires", "knowledge", "index"} <= links
    for anchor in links:
        assert f'id="{anchor}"' in html, f"link #{anchor} has no target"
    # The row counts are an appendix at the end.
    assert text.index("Aneks: zawartość danych") > text.index("Wsparcie")
    summary, _ = _visible(runs["pl"] / "summary.html")
    assert summary.index("Najważniejsze wnioski z programu") < summary.index("Gminy wymagające uwagi")
    assert summary.index("Gminy wymagające uwagi") < summary.index("Frekwencja i dyplomy")


def test_conclusions_are_shown_escaped_and_marked(runs):
    html = (runs["pl"] / GMINA / "report.html").read_text(encoding="utf-8")
    text, _ = _visible(runs["pl"] / GMINA / "report.html")
    assert "Wnioski ewaluatora" in text and "Frekwencja dobra." in text
    assert SCRIPT not in html and "<b>pogrubione</b>" not in html
    assert "javascript:" not in html.lower()
    # The evaluator's Markdown is rendered (bold), their HTML shown as text.
    assert "<strong>partnerstwo projektowe</strong>" in html
    assert SCRIPT in text
    summary, _ = _visible(runs["pl"] / "summary.html")
    assert "Program osiągnął swoje główne cele" in summary
    other, _ = _visible(runs["pl"] / "1210073" / "report.html")
    assert "Rekomendacje ewaluatora" in other and "Program osiągnął" not in other


def test_a_changed_conclusion_reruns_that_gmina_only(runs):
    data = runs["data"]
    conclusions = pd.read_csv(data / "conclusions.csv", dtype=str, keep_default_na=False)
    conclusions.loc[conclusions["gmina_id"] == OTHER, "text"] += " Zmienione."
    conclusions.to_csv(data / "conclusions.csv", index=False)
    again = run_reports(data, runs["pl"], workers=2, progress=False)
    manifest = json.loads((runs["pl"] / "manifest.json").read_text())
    statuses = {g: e["status"] for g, e in again.entries.items()}
    assert statuses[OTHER] == "ok"
    assert all(s == "skipped" for g, s in statuses.items() if g != OTHER)
    assert {g: e["status"] for g, e in manifest.items()} == statuses
    assert "Zmienione." in _visible(runs["pl"] / OTHER / "report.html")[0]


def test_safe_markdown_neutralises_html_and_script_links():
    text = safe_markdown('<img src=x onerror=alert(1)> [a](JavaScript :alert(1)) & b')
    assert "<" not in text and "&lt;img" in text and "&amp; b" in text
    assert "javascript" not in text.lower().replace(" ", "")


@pytest.fixture(scope="module")
def figures():
    return programme_figures(load_dataset(config.DEMO_DATA_DIR))


def test_findings_state_the_figures_of_their_sections(figures):
    data = load_dataset(config.DEMO_DATA_DIR)
    for gmina_id in list(figures["gminas"]["gmina_id"]) + [ALL]:
        found = {f.key: f for f in gmina_findings(figures, gmina_id, data.programme, "pl")}
        assert 4 <= len(found) <= 7
        att = figures["attendance"].set_index("gmina_id").loc[gmina_id]
        assert found["attendance"].value == att["diplomas"]
        assert f"{int(att['diplomas'])} z {int(att['participants'])}" in found["attendance"].text
        likert = figures["likert"]
        mine = likert[(likert["gmina_id"] == gmina_id) & ~likert["suppressed"]]
        assert found["items"].value == (mine["mean"].max(), mine["mean"].min())
        knowledge = figures["knowledge"].set_index("gmina_id").loc[gmina_id]
        shown = format_change(knowledge["pre_mean"], knowledge["post_mean"], "share", "pl")
        assert shown.change in found["knowledge"].text
        change = figures["index_change"]
        overall = change[(change["gmina_id"] == gmina_id) & (change["key"] == "overall")].iloc[0]
        assert found["index"].value == pytest.approx(overall["change"])
        shown = format_change(overall["first_score"], overall["last_score"], "score", "pl")
        assert f"{shown.before} → {shown.after}" in found["index"].text
        support = figures["support"]
        short = support[(support["gmina_id"] == gmina_id) & (support["shortfall"] > 0)]
        assert found["support"].value == len(short)
        for activity in short["activity"]:
            assert data.programme.label("activity", activity) in found["support"].text
        assert {f.anchor for f in found.values()} <= {
            "attendance", "questionnaires", "knowledge", "index", "recommendations", "support"}
    recs = figures["recommendations"].set_index("gmina_id")
    krynica = {f.key: f for f in gmina_findings(figures, "1210073", data.programme, "pl")}
    assert not recs.loc["1210073", "commitment_met"]
    assert "niespełnione" in krynica["commitment"].text
    programme = {f.key: f for f in programme_findings(figures, data.programme)}
    assert programme["commitment"].value == recs.loc[ALL, "gminas_met"]


def test_attention_names_each_gmina_with_its_reasons(figures):
    # The demo's data date lies after the programme's end: an unmet commitment is told,
    # support is expected in full (behind below 80 %), attendance below the threshold.
    data = load_dataset(config.DEMO_DATA_DIR)
    assert data.data_date().date() >= data.programme.end
    flagged = {a.gmina_id: a for a in attention(figures, data.programme, "pl")}
    att = figures["attendance"].set_index("gmina_id")
    below = {g for g in figures["gminas"]["gmina_id"]
             if att.loc[g, "mean_share"] < data.programme.diploma_threshold}
    assert below == {g for g, a in flagged.items() if "attendance" in a.keys}
    recs = figures["recommendations"].set_index("gmina_id")
    unmet = {g for g in figures["gminas"]["gmina_id"] if not recs.loc[g, "commitment_met"]}
    assert unmet == {g for g, a in flagged.items() if "commitment" in a.keys}
    support = figures["support"]
    mine = support[(support["gmina_id"] != ALL) & (support["planned"] > 0)]
    short = set(mine.loc[mine["delivered"] / mine["planned"] < 0.8, "gmina_id"])
    assert short == {g for g, a in flagged.items() if "support" in a.keys}


def test_summary_says_which_tables_are_missing(tmp_path):
    from toolkit.report import sections, summary_context

    data = tmp_path / "data"
    shutil.copytree(config.DEMO_DATA_DIR, data)
    for name in ("responses", "items", "support"):
        (data / f"{name}.csv").unlink()
    ctx = summary_context(data, lang="pl")
    text = "\n".join(b.data for b in sections.summary_holdings(ctx)
                     if isinstance(getattr(b, "data", None), str))
    # Said once, in the left-out section's own place, in words (no table ids).
    assert "Pominięto" not in text and "„" not in text
    support = "\n".join(b.data for b in sections.summary_support(ctx)
                        if isinstance(getattr(b, "data", None), str))
    assert support == "Pominięto: wsparcie zaplanowane i zrealizowane — brak danych."
    questionnaires = "\n".join(b.data for b in sections.summary_questionnaires(ctx)
                               if isinstance(getattr(b, "data", None), str))
    assert "z tej gminy" not in questionnaires
    # No index_areas table: the appendix row says "default definition", not "no, 0".
    (data / "index_areas.csv").unlink()
    from toolkit.report import report_context

    gmina = report_context(GMINA, data, lang="pl")
    frame = sections.holdings(gmina)[1].data
    row = frame[frame.iloc[:, 0] == "obszary indeksu LIJW"].iloc[0]
    assert row.iloc[1] == "definicja domyślna" and row.iloc[2] == len(gmina.programme["index_areas"])
