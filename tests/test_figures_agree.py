"""Figures that agree (issue 18, SPEC §7): every number of the key findings recomputed from
the CSV files, every shown change equal to the difference of the two values shown beside it.

The references (tests/figures_reference.py) are computed from the CSV files with pandas,
exact fractions and ``decimal`` (half-up on the exact value), never with the toolkit's own
functions. The
reports are built through the report context and sections API (no notebook runs): for the
three shipped datasets and for a dataset whose LIJW scores have half-way means (2,30 and
2,31 → 2,305, stored as 2,3049999…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from conftest import DEMO, write_tables  # noqa: E402
from figures_reference import (ALL, NUMBER, _read, expected_actions,  # noqa: E402
                               expected_attendance, expected_commitment, expected_index,
                               expected_item_means, expected_knowledge, expected_support,
                               mean, number, numbers, path_counts, pct, shown)
from toolkit.dataset import load_dataset  # noqa: E402
from toolkit.findings import gmina_findings, programme_findings  # noqa: E402
from toolkit.plots._style import text_alternative  # noqa: E402
from toolkit.report import sections  # noqa: E402
from toolkit.report.context import ReportContext, SummaryContext, programme_figures  # noqa: E402
from toolkit.text import t, unnest_brackets  # noqa: E402

DATA = DEMO.parent

# -- a dataset of half-way LIJW means ----------------------------------------------------

#: Two gminas (one TERYT code with a leading zero) scored on the default areas. Zgorzelec's
#: baseline areas alternate 2,30 and 2,31: every plane and the overall index are 2,305
#: (stored as 2,3049999…), shown 2,31. Its follow-up planes are 3,24, 3,245 and 2,005.
HALFWAY_AREAS = ["I_1", "I_2", "I_3", "I_4", "II_1", "II_2", "III_1", "III_2"]
HALFWAY_SCORES = {
    ("0225072", "baseline", "2014-02-19"): [2.30, 2.31, 2.30, 2.31, 2.30, 2.31, 2.30, 2.31],
    ("0225072", "follow-up", "2015-03-07"): [3.24, 3.24, 3.24, 3.24, 3.24, 3.25, 2.00, 2.01],
    ("1208053", "baseline", "2014-02-20"): [1.00, 1.01, 1.00, 1.01, 1.00, 1.01, 1.00, 1.01],
    ("1208053", "follow-up", "2015-03-08"): [1.00, 1.00, 1.00, 1.00, 1.10, 1.11, 1.10, 1.11],
}


def write_halfway(folder: Path) -> Path:
    rows = ["gmina_id,wave,date,area_id,score"] + [
        f"{g},{w},{d},{a},{v:.2f}" for (g, w, d), values in HALFWAY_SCORES.items()
        for a, v in zip(HALFWAY_AREAS, values)]
    return write_tables(folder, {
        "gminas": "gmina_id,name,powiat,wojewodztwo,path\n"
                  "0225072,Zgorzelec,zgorzelecki,dolnośląskie,3a\n"
                  "1208053,Miechów,miechowski,małopolskie,3a\n",
        "programme": "key,value\nname,Próba połówek\nas_of,2015-03-31\n",
        "index_scores": "\n".join(rows) + "\n",
        "actions": "gmina_id,action_id,area,title,status,due,done_on,path\n"
                   "0225072,A1,JST,Konsultacje,done,2014-10-31,2014-10-28,3a\n"
                   "0225072,A2,NGO,Kalendarz,dropped,2014-10-15,,3a\n"
                   "0225072,A3,NGO,Rada,in_progress,2015-01-31,,3a\n"
                   "0225072,A4,informal,Mapa zasobów,planned,2015-06-30,,3a\n"
                   "1208053,B1,JST,Uchwała,done,2014-11-30,2014-11-20,3a\n"
                   "1208053,B2,informal,Warsztaty,dropped,2015-02-28,,3a\n"
                   "1208053,B3,NGO,Fundusz,planned,2015-05-31,,3a\n",
    })


# -- the reports, built once per dataset --------------------------------------------------


@dataclass
class Built:
    folder: Path
    figures: dict
    info: object
    gminas: list
    #: per gmina (and ALL for the summary): [(kind, payload)], kind md|table|alt|chart
    blocks: dict

    def texts(self, owner) -> list[str]:
        return [p for k, p in self.blocks[owner] if k in ("md", "alt", "chart")]

    def tables(self, owner) -> list[pd.DataFrame]:
        return [p for k, p in self.blocks[owner] if k == "table"]


GMINA_SECTIONS = ("findings", "attendance", "questionnaires", "knowledge", "index",
                  "recommendations", "support", "actions")
SUMMARY_SECTIONS = ("summary_findings", "summary_attendance", "summary_questionnaires",
                    "summary_index", "summary_recommendations", "summary_support",
                    "summary_actions", "summary_paths")


def _flatten(blocks) -> list:
    out = []
    for block in blocks:
        if isinstance(block, plt.Figure):
            out.append(("alt", text_alternative(block) or ""))
            out.append(("chart", "\n".join(x.get_text() for x in block.findobj(Text)
                                           if x.get_text())))
            plt.close(block)
        elif hasattr(block, "data") and isinstance(block.data, pd.DataFrame):
            out.append(("table", block.data.copy()))
        elif hasattr(block, "data") and isinstance(block.data, str):
            out.append(("md", block.data))
    return out


_BUILT: dict = {}


def build(name: str, tmp_path_factory) -> Built:
    if name not in _BUILT:
        folder = (write_halfway(tmp_path_factory.mktemp("halfway")) if name == "halfway"
                  else DATA / name)
        data = load_dataset(folder).without_names()
        figures = programme_figures(data)
        gminas = [str(g) for g in data.gminas["gmina_id"]]
        blocks = {}
        for gmina in gminas:
            ctx = ReportContext(gmina, "pl", data.for_gmina(gmina), figures)
            blocks[gmina] = [b for s in GMINA_SECTIONS for b in _flatten(getattr(sections, s)(ctx))]
        ctx = SummaryContext("pl", figures)
        blocks[ALL] = [b for s in SUMMARY_SECTIONS for b in _flatten(getattr(sections, s)(ctx))]
        _BUILT[name] = Built(folder, figures, data.programme, gminas, blocks)
    return _BUILT[name]


DATASETS = ("demo", "probus", "mowes2", "halfway")


@pytest.fixture(scope="module", params=DATASETS)
def built(request, tmp_path_factory) -> Built:
    return build(request.param, tmp_path_factory)


# -- key findings against the CSV files ---------------------------------------------------


def _strip_labels(text: str, built: Built) -> str:
    """The finding without names that may hold digits: quoted item and area names, the
    names of instruments and activities, Markdown emphasis."""
    text = re.sub(r"„[^”]*”", "„”", text.replace("**", ""))
    names = []
    for kind, table, column in (("instrument", "items", "instrument"),
                                ("activity", "support", "activity")):
        frame = _read(built.folder, table)
        if frame is not None:
            names += [built.info.label(kind, x, "pl") for x in set(frame[column])]
    for label in sorted((str(x) for x in names), key=len, reverse=True):
        text = text.replace(label, "")
    return text


def _check_finding(built: Built, owner: str, finding) -> None:
    folder = built.folder
    text = finding.text.replace("**", "")
    values = numbers(_strip_labels(finding.text, built))
    key = finding.key
    if key == "attendance":
        ref = expected_attendance(folder)
        mine, whole = ref[owner], ref[ALL]
        required = [pct(mine["mean"])] + ([] if owner == ALL else [pct(whole["mean"])])
        if built.info.diplomas:
            required += [Decimal(mine["k"]), Decimal(mine["n"])]
            assert f"{mine['k']} z {mine['n']}" in text, text
        assert sorted(values) == sorted(required), (text, required)
    elif key == "items":
        means = expected_item_means(folder)[owner]
        assert sorted(values) == sorted([shown(max(means), 2), shown(min(means), 2)]), text
    elif key == "knowledge":
        tests = {test: v for (g, test), v in expected_knowledge(folder).items() if g == owner}
        match = re.search(rf"({NUMBER})\s*%[^\d]*?({NUMBER})\s*%.*?({NUMBER}) pkt proc\..*?"
                          rf"({NUMBER})", text)
        assert match, text
        pre, post, gain, pairs = (number(x) for x in match.groups())
        assert any(pre == pct(v["pre"]) and post == pct(v["post"]) and pairs == v["n"]
                   for v in tests.values()), (text, tests)
        assert gain == post - pre
        assert len(values) == 4, text
    elif key == "index":
        ref = expected_index(folder)[1][owner]
        match = re.search(rf"({NUMBER}) → ({NUMBER}), \w+ ({NUMBER})", text)
        assert match, text
        first, last, change = (number(x) for x in match.groups())
        assert (first, last, change) == (shown(ref.first, 2), shown(ref.last, 2), ref.change)
        assert change == last - first
        areas = {a: shown(lst, 2) - shown(f, 2) for a, (f, lst) in ref.areas.items()}
        rest = values[3:]
        assert set(rest) <= set(areas.values()), (text, areas)
        if len(rest) == 2:  # the largest and the smallest change, as shown
            assert rest[0] == max(areas.values()) and rest[1] == min(areas.values()), text
    elif key == "commitment":
        ref = expected_commitment(folder)[owner]
        if owner == ALL:
            assert values == [Decimal(ref["met"]), Decimal(ref["n"])], text
        else:
            assert Decimal(ref["adopted"]) == values[0], text
            assert set(values) <= {Decimal(ref["adopted"]), Decimal(ref["min_total"]),
                                   Decimal(ref["min_total"] - ref["adopted"]),
                                   Decimal(ref["min_plane"])}, text
            assert Decimal(ref["min_total"]) in values, text
    elif key == "support":
        assert set(values) <= {Decimal(expected_support(folder)[owner])}, text
    elif key == "actions":
        ref = expected_actions(folder)[owner]
        assert f"{ref['done']} z {ref['counted']}" in text, (text, ref)
        allowed = {Decimal(ref[k]) for k in ("done", "counted", "overdue")}
        if owner == ALL:
            allowed |= {Decimal(ref["covers"]), Decimal(ref["n"])}
            assert f"{ref['covers']} z {ref['n']}" in text, (text, ref)
        assert set(values) <= allowed, (text, ref)
        assert Decimal(ref["overdue"]) in values, (text, ref)
    else:
        raise AssertionError(f"a finding this test does not know: {key}: {text}")


def test_every_number_of_the_key_findings_is_recomputed_from_the_csv_files(built):
    checked = set()
    for owner in [*built.gminas, ALL]:
        found = (programme_findings(built.figures, built.info) if owner == ALL
                 else gmina_findings(built.figures, owner, built.info))
        for finding in found:
            _check_finding(built, owner, finding)
            checked.add(finding.key)
        # The findings shown are these findings.
        shown_text = "\n".join(built.texts(owner))
        for finding in found:
            assert unnest_brackets(finding.text) in shown_text  # as every block shows it
    assert checked, "no key findings at all"


# -- every shown change is the difference of the values shown beside it --------------------

_SIGNED = r"[+−±]\d+(?:,\d+)?"
#: "a → b" (each maybe a percentage, maybe followed by a wave in brackets), then within the
#: same clause the signed change: "2,31 → 3,24, zmiana +0,93", "2,31 → 3,24  (+0,93)",
#: "**1,71** (diagnoza) → **2,53** (ewaluacja), zmiana **+0,82**".
_ARROW = re.compile(rf"(?P<a>{NUMBER})(?P<pa>\s*%)?(?:\s*\([^→\n]*?\))?\s*→\s*(?P<b>{NUMBER})"
                    rf"(?P<pb>\s*%)?(?:\s*\([^→\n]*?\))?[^→\n;+−±\d]{{0,12}}?"
                    rf"(?P<c>{_SIGNED})(?P<pc>\s*pkt)?")
#: "przed: 53 %, po: 90 %, przyrost: +37 pkt proc." and "53 % przed i 90 % po …, +37 pkt".
_KNOWLEDGE = re.compile(rf"(?P<a>{NUMBER})\s*%[^%\d→]{{0,25}}?(?P<b>{NUMBER})\s*%[^%\d→]{{0,40}}?"
                        rf"(?P<c>{_SIGNED})\s*pkt")


def _differences(text: str) -> list[tuple[Decimal, Decimal, Decimal, str]]:
    text = text.replace("**", "")
    found = []
    for pattern in (_ARROW, _KNOWLEDGE):
        for m in pattern.finditer(text):
            found.append((number(m["a"]), number(m["b"]), number(m["c"]), m.group(0)))
    return found


def _table_differences(frame: pd.DataFrame) -> list[tuple[Decimal, Decimal, Decimal, str]]:
    columns = [str(c) for c in frame.columns]
    first, last, change = (t(k, "pl") for k in ("col_first", "col_last", "col_change"))
    out = []
    if {first, last, change} <= set(columns):
        for _, row in frame.iterrows():
            if "—" in (row[first], row[last], row[change]):
                continue
            out.append((number(row[first]), number(row[last]), number(row[change]),
                        f"{row[first]} → {row[last]} ({row[change]})"))
    return out


def test_every_shown_change_is_the_difference_of_the_shown_values(built):
    checked = 0
    for owner in [*built.gminas, ALL]:
        pairs = [d for text in built.texts(owner) for d in _differences(text)]
        pairs += [d for frame in built.tables(owner) for d in _table_differences(frame)]
        for a, b, c, where in pairs:
            assert c == b - a, f"{owner}: {where!r}: {b} − {a} ≠ {c}"
        checked += len(pairs)
    if expected_index(built.folder)[1]:
        assert checked >= 3 * len(built.gminas), checked


@pytest.fixture(scope="module", params=("demo", "probus", "halfway"))
def changed(request, tmp_path_factory) -> Built:
    """The datasets whose gminas have two LIJW assessments (MOWES2's have one at most)."""
    return build(request.param, tmp_path_factory)


def test_mowes2_has_no_lijw_change_to_show(tmp_path_factory):
    built = build("mowes2", tmp_path_factory)
    assert not expected_index(built.folder)[1]
    assert not any(t("col_first", "pl") in f.columns
                   for g in built.gminas for f in built.tables(g))


def test_lijw_tables_show_the_scores_recomputed_from_the_csv_files(changed):
    """Each gmina's plane table: first and last as the exact plane means rounded half-up
    (two decimals always), the change of those, the programme's change beside it."""
    built = changed
    planes, overall = expected_index(built.folder)
    assert overall
    programme = {}
    for (gmina, plane), (f, lst) in planes.items():
        if gmina == ALL:
            programme[plane] = shown(lst, 2) - shown(f, 2)
    seen = 0
    for gmina in built.gminas:
        tables = [f for f in built.tables(gmina) if t("col_first", "pl") in f.columns]
        mine = {p: v for (g, p), v in planes.items() if g == gmina}
        if not mine:
            continue
        assert len(tables) == 1
        frame = tables[0]
        assert len(frame) == len(mine)
        for _, row in frame.iterrows():
            cells = [row[t(k, "pl")] for k in ("col_first", "col_last", "col_change",
                                                "col_programme_change")]
            assert all(re.fullmatch(rf"{NUMBER}", c) and len(c.split(",")[1]) == 2
                       for c in cells), cells  # always two decimals: 2,30, not 2,3
            hits = [p for p, (f, lst) in mine.items()
                    if (number(cells[0]), number(cells[1])) == (shown(f, 2), shown(lst, 2))]
            assert hits, (gmina, cells, mine)
            assert number(cells[3]) in {programme[p] for p in hits}, (cells, programme)
            seen += 1
    assert seen


def test_the_programme_lijw_change_is_one_value_everywhere(changed):
    built = changed
    overall = expected_index(built.folder)[1]
    assert overall
    change = overall[ALL].change
    text = f"{'+' if change > 0 else '±' if change == 0 else '−'}{abs(change):.2f}".replace(
        ".", ",")
    summary = "\n".join(built.texts(ALL))
    finding = [f for f in programme_findings(built.figures, built.info) if f.key == "index"]
    assert finding and text.lstrip("±") in finding[0].text
    # The ranking chart's programme line, its text alternative and every gmina's report.
    mentions = re.findall(rf"(?:w programie|programie)[^\n]*?:\s*\**({_SIGNED})", summary)
    assert mentions and {number(m) for m in mentions} == {change}, mentions
    for gmina in built.gminas:
        report = "\n".join(built.texts(gmina)).replace("**", "")
        mine = re.findall(rf"średnia zmiana w programie: ({_SIGNED})", report)
        if gmina in overall:
            assert mine and {number(m) for m in mine} == {change}, (gmina, mine)


# -- action plans: one definition (dropped actions shown, not counted) ---------------------


@pytest.fixture(scope="module", params=("mowes2", "halfway"))
def planned(request, tmp_path_factory) -> Built:
    return build(request.param, tmp_path_factory)


def test_chrzanow_plan_by_hand():
    # data/mowes2/actions.csv, gmina 1203033: PD006–PD011, two done (PD007, PD011), one
    # dropped (PD010): 2 done of the 5 that count.
    ref = expected_actions(DATA / "mowes2")["1203033"]
    assert (ref["done"], ref["counted"], ref["dropped"]) == (2, 5, 1)
    assert expected_actions(DATA / "mowes2")[ALL]["counted"] == 35


def test_action_plans_count_the_same_everywhere(planned):
    built = planned
    ref = expected_actions(built.folder)
    sheet = built.figures["actions"]
    totals = sheet[sheet["area"] == "all"].set_index("gmina_id")
    note = t("actions_dropped_note", "pl")
    for owner in [*built.gminas, ALL]:
        mine = ref[owner]
        row = totals.loc[owner]
        assert (row["done"], row["total"], row["dropped"], row["overdue"]) == (
            mine["done"], mine["counted"], mine["dropped"], mine["overdue"])
        assert row["share_done"] == pytest.approx(mine["done"] / mine["counted"])
        if owner == ALL:
            continue
        assert bool(row["covers_all_areas"]) == mine["covers"]
        report = "\n".join(built.texts(owner)).replace("**", "")
        assert f"zrealizowano {mine['done']} z {mine['counted']}" in report
        assert [int(n) for n in re.findall(r"obejmuje (\d+)", report)] == [mine["counted"]]
        assert report.count(note) == (1 if mine["dropped"] else 0)  # said where it applies
    summary = "\n".join(built.texts(ALL)).replace("**", "")
    assert summary.count(note) == 1
    names = dict(zip(*(_read(built.folder, "gminas")[c] for c in ("name", "gmina_id"))))
    done_of = t("col_done_of_all", "pl")
    table = next(f for f in built.tables(ALL) if done_of in f.columns)
    for name, cell in zip(table[t("col_gmina", "pl")], table[done_of]):
        mine = ref[names.get(name, ALL)]
        assert cell == f"{mine['done']} / {mine['counted']}", (name, cell)
    paths = path_counts(built.folder)
    plan = t("col_plan_done", "pl")
    table = next(f for f in built.tables(ALL) if plan in f.columns)
    assert len(table) == len(paths)
    for cell in table[plan]:
        done, counted = (int(x) for x in re.search(r"\((\d+) / (\d+)\)", cell).groups())
        assert (done, counted) in paths.values()
        assert number(cell.split()[0]) == pct(Fraction(done, counted))


# -- text alternatives say what the text says ----------------------------------------------


def test_no_gmina_interval_in_a_gmina_report(built):
    """A gmina's rate is a count without an interval in the text, so no alt text of its
    report gives one; the programme's interval is named as the programme's."""
    for gmina in built.gminas:
        alts = [p for k, p in built.blocks[gmina] if k == "alt"]
        assert alts
        for text in alts:
            for m in re.finditer(r"przedział ufności", text):
                assert "dla całego programu" in text[m.start() - 10:m.end() + 40], text
            # An interval of shares (38 %–96 %) only where the programme's is named.
            for m in re.finditer(r"\d+\s*%\s*[–-]\s*\d+\s*%", text):
                assert "dla całego programu" in text[max(0, m.start() - 60):m.start()], text


def test_a_paths_lijw_change_is_the_difference_of_its_shown_means(changed):
    built = changed
    overall = expected_index(built.folder)[1]
    gminas = _read(built.folder, "gminas")
    column = t("col_index_change", "pl")
    tables = [f for f in built.tables(ALL) if column in f.columns]
    if "path" not in gminas or not gminas["path"].str.strip().any():
        assert not tables
        return
    (table,) = tables
    for label, cell in zip(table[t("col_path", "pl")], table[column]):
        path = next(p for p in {x for v in gminas["path"] for x in v.split(";") if x}
                    if built.info.label("path", p, "pl") == label)
        members = [overall[g] for g, v in zip(gminas["gmina_id"], gminas["path"])
                   if path in v.split(";") and g in overall]
        first, last = mean(m.first for m in members), mean(m.last for m in members)
        assert number(cell) == shown(last, 2) - shown(first, 2), (label, cell)
    # One path holding every gmina: the path's change is the programme's.
    if len(table) == 1 and len(members) == len(built.gminas):
        assert number(table[column].iloc[0]) == overall[ALL].change


def test_the_area_chart_compares_the_waves_of_the_plane_table(tmp_path):
    """Waves named alike but dated crosswise: the programme orders them by their earliest
    date anywhere (wiosna 2014 before jesień 2014), as the gmina's plane table does; the
    gmina's area chart compares the same two waves in the same direction, not the gmina's
    own dates' order (jesień 2014 → wiosna 2015)."""
    rows = ["gmina_id,wave,date,area_id,score"]
    for gmina, wave, date, value in (("0225072", "jesień", "2014-09-01", 1.0),
                                     ("0225072", "wiosna", "2015-04-01", 3.0),
                                     ("1208053", "wiosna", "2014-04-01", 2.0),
                                     ("1208053", "jesień", "2014-09-02", 2.5)):
        rows += [f"{gmina},{wave},{date},{area},{value:.2f}" for area in HALFWAY_AREAS]
    folder = write_tables(tmp_path, {
        "gminas": "gmina_id,name,powiat,wojewodztwo\n"
                  "0225072,Zgorzelec,zgorzelecki,dolnośląskie\n"
                  "1208053,Miechów,miechowski,małopolskie\n",
        "programme": "key,value\nname,Próba pór roku\nas_of,2015-06-30\n",
        "index_scores": "\n".join(rows) + "\n",
    })
    data = load_dataset(folder).without_names()
    ctx = ReportContext("0225072", "pl", data.for_gmina("0225072"), programme_figures(data))
    blocks = _flatten(sections.index(ctx))
    table = next(p for k, p in blocks if k == "table")
    first, last = table[t("col_first", "pl")].iloc[0], table[t("col_last", "pl")].iloc[0]
    assert (first, last) == ("3,00", "1,00")  # wiosna → jesień, as the programme orders them
    (dumbbell,) = [p for k, p in blocks if k == "alt" and "obszar" in p.lower()]
    assert f"{first} → {last}" in dumbbell, dumbbell
    assert f"{last} → {first}" not in dumbbell, dumbbell
    # The chart drawn from the scores themselves orders the waves the same way.
    from toolkit.plots.index import area_dumbbell

    drawn = area_dumbbell(data["index_scores"], data.index_areas, "0225072", lang="pl")
    assert f"{first} → {last}" in text_alternative(drawn), text_alternative(drawn)
    plt.close(drawn)
