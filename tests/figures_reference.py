"""Reference figures for tests/test_figures_agree.py, recomputed from a dataset's CSV files
with pandas, exact fractions and ``decimal`` (half-up on the exact value) — never with the
toolkit's own functions. SPEC §1–§3 rules, written out by hand.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd

RESOURCES = Path(__file__).resolve().parents[1] / "toolkit" / "resources"
ALL = "ALL"

# -- exact arithmetic --------------------------------------------------------------------


def shown(value: Fraction, digits: int) -> Decimal:
    """``value`` rounded half-up on its exact decimal value to ``digits`` decimals."""
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return exact.quantize(Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP)


def pct(value: Fraction) -> Decimal:
    """A share 0–1 as shown: whole percent."""
    return shown(value * 100, 0)


def mean(values) -> Fraction:
    values = list(values)
    return sum(values, Fraction(0)) / len(values)


NUMBER = r"[+−±-]?\d+(?:,\d+)?"


def number(text: str) -> Decimal:
    return Decimal(text.replace("−", "-").replace("±", "").replace(",", "."))


def numbers(text: str) -> list[Decimal]:
    return [number(x) for x in re.findall(NUMBER, text)]


# -- the reference: recomputed from the CSV files ----------------------------------------


def _read(folder: Path, name: str) -> pd.DataFrame | None:
    path = folder / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else None


def _programme(folder: Path) -> dict:
    frame = _read(folder, "programme")
    return {} if frame is None else dict(zip(frame["key"], frame["value"]))


def expected_attendance(folder: Path) -> dict:
    """Per gmina (and ALL): participants, diplomas, mean share — SPEC §3 by hand."""
    people, sessions, attendance = (_read(folder, n) for n in
                                    ("participants", "sessions", "attendance"))
    if people is None or sessions is None or attendance is None:
        return {}
    rules = _programme(folder)
    threshold = Fraction(rules.get("diploma_threshold", "0.8"))
    basis = rules.get("diploma_basis", "days")
    assert rules.get("diploma_excused", "absent") == "absent"
    hours = {s: Fraction(h) for s, h in zip(sessions["session_id"], sessions["hours"])}
    marks = {(p, s): (st, h) for p, s, st, h in zip(attendance["participant_id"],
                                                    attendance["session_id"],
                                                    attendance["status"], attendance["hours"])}
    shares = {}
    for pid, group in zip(people["participant_id"], people["group"]):
        expected = [s for s, g in zip(sessions["session_id"], sessions["group"])
                    if not g or g == group]
        attended = possible = Fraction(0)
        for s in expected:
            status, h = marks.get((pid, s), ("absent", ""))
            came = status in ("present", "late")
            if basis == "days":
                attended, possible = attended + came, possible + 1
            else:
                attended += Fraction(h) if h else (hours[s] if came else 0)
                possible += hours[s]
        shares[pid] = attended / possible
    out = {}
    for gmina, rows in list(people.groupby("gmina_id")) + [(ALL, people)]:
        mine = [shares[p] for p in rows["participant_id"]]
        out[gmina] = dict(n=len(mine), k=sum(s >= threshold for s in mine), mean=mean(mine))
    return out


AGREE = ["zdecydowanie nie", "raczej nie", "ani tak, ani nie", "raczej tak", "zdecydowanie tak"]
RATING = ["bardzo źle", "źle", "średnio", "dobrze", "bardzo dobrze"]


def expected_item_means(folder: Path) -> dict:
    """Per gmina (and ALL): the shown means of items with at least 3 valid answers."""
    items, responses = _read(folder, "items"), _read(folder, "responses")
    if items is None or responses is None:
        return {}
    likert = items[items["kind"] == "likert"]
    scale = dict(zip(likert["item_id"], likert["scale"]))
    values = {**{w: i + 1 for i, w in enumerate(AGREE)}, **{w: i + 1 for i, w in enumerate(RATING)},
              **{str(i): i for i in range(1, 6)}}
    rows = responses[responses["item_id"].isin(scale)].copy()
    rows["value"] = rows["answer"].str.strip().str.lower().map(values)
    rows = rows.dropna(subset=["value"])
    out = {}
    for gmina, part in list(rows.groupby("gmina_id")) + [(ALL, rows)]:
        means = [mean(Fraction(int(v)) for v in g["value"])
                 for _, g in part.groupby(["instrument", "item_id"]) if len(g) >= 3]
        out[gmina] = means
    return out


def expected_knowledge(folder: Path) -> dict:
    """Per gmina (and ALL) and test: pairs, mean score before and after (exact)."""
    items, responses = _read(folder, "items"), _read(folder, "responses")
    if items is None or responses is None:
        return {}
    knowledge = items[items["kind"] == "knowledge"]
    out = {}
    for pre in sorted(i for i in set(knowledge["instrument"]) if i.endswith("_pre")):
        test = pre[:-4]
        post = test + "_post"
        scores = {}
        for instrument in (pre, post):
            correct = dict(zip(knowledge.loc[knowledge["instrument"] == instrument, "item_id"],
                               knowledge.loc[knowledge["instrument"] == instrument, "correct"]))
            mine = responses[responses["instrument"] == instrument]
            for pid, g in mine.groupby("participant_id"):
                right = sum(a.strip() == correct[i].strip() and a.strip() != ""
                            for i, a in zip(g["item_id"], g["answer"]))
                scores[(instrument, pid)] = (Fraction(right, len(correct)), g["gmina_id"].iloc[0])
        pairs = [(pid, scores[(pre, pid)][0], scores[(post, pid)][0], gmina)
                 for (inst, pid), (_, gmina) in scores.items()
                 if inst == pre and (post, pid) in scores]
        for gmina in {p[3] for p in pairs} | {ALL}:
            mine = [p for p in pairs if gmina == ALL or p[3] == gmina]
            out[(gmina, test)] = dict(n=len(mine), pre=mean(p[1] for p in mine),
                                      post=mean(p[2] for p in mine))
    return out


@dataclass
class IndexChange:
    first: Fraction
    last: Fraction
    areas: dict = field(default_factory=dict)  # area → (first, last)

    @property
    def change(self) -> Decimal:
        return shown(self.last, 2) - shown(self.first, 2)


def expected_index(folder: Path) -> tuple[dict, dict]:
    """Per gmina and plane (``overall`` too) the first and last scores, and per gmina (and
    ALL) the overall change with the areas' changes — SPEC §1: plane = mean of its areas."""
    scores = _read(folder, "index_scores")
    if scores is None:
        return {}, {}
    areas = _read(folder, "index_areas")
    if areas is None:
        areas = pd.read_csv(RESOURCES / "index_areas.csv", dtype=str)
    plane_of = dict(zip(areas["area_id"], areas["plane"]))
    scores = scores[scores["area_id"].isin(plane_of)]
    planes, overall = {}, {}
    for gmina, rows in scores.groupby("gmina_id"):
        order = rows.groupby("wave")["date"].min().sort_values().index.tolist()
        if len(order) < 2:
            continue
        first, last = (rows[rows["wave"] == w] for w in (order[0], order[-1]))

        def score(frame, plane=None):
            part = frame if plane is None else frame[frame["area_id"].map(plane_of) == plane]
            return mean(Fraction(Decimal(s)) for s in part["score"]) if len(part) else None

        for plane in ("I", "II", "III", None):
            if score(first, plane) is not None and score(last, plane) is not None:
                planes[(gmina, plane or "overall")] = (score(first, plane), score(last, plane))
        by_area = {a: (Fraction(Decimal(f)), Fraction(Decimal(lst)))
                   for a, f, lst in zip(first["area_id"], first["score"], first["area_id"].map(
                       dict(zip(last["area_id"], last["score"]))))
                   if isinstance(lst, str)}
        overall[gmina] = IndexChange(score(first), score(last), by_area)
    if overall:
        # The programme: means over the gminas with both assessments (of the area).
        overall[ALL] = IndexChange(
            mean(c.first for c in overall.values()), mean(c.last for c in overall.values()),
            {a: (mean(c.areas[a][0] for c in overall.values() if a in c.areas),
                 mean(c.areas[a][1] for c in overall.values() if a in c.areas))
             for a in set().union(*(c.areas for c in overall.values()))})
        for plane in ("I", "II", "III", "overall"):
            both = [v for (g, p), v in planes.items() if p == plane and g != ALL]
            if both:
                planes[(ALL, plane)] = (mean(v[0] for v in both), mean(v[1] for v in both))
    return planes, overall


def expected_commitment(folder: Path) -> dict:
    recs, gminas = _read(folder, "recommendations"), _read(folder, "gminas")
    if recs is None:
        return {}
    rules = _programme(folder)
    min_total = int(rules.get("commitment_min_total", 4))
    min_plane = int(rules.get("commitment_min_per_plane", 1))
    out = {}
    for gmina in gminas["gmina_id"]:
        adopted = recs[(recs["gmina_id"] == gmina) & (recs["status"] == "adopted")]
        met = len(adopted) >= min_total and all(
            (adopted["plane"] == p).sum() >= min_plane for p in ("I", "II", "III"))
        out[gmina] = dict(adopted=len(adopted), met=met, min_total=min_total,
                          min_plane=min_plane)
    out[ALL] = dict(met=sum(v["met"] for v in out.values()), n=len(gminas))
    return out


def expected_actions(folder: Path) -> dict:
    """Per gmina (and ALL): done, counted (not dropped), overdue, coverage — by hand from
    ``actions.csv``: dropped actions are shown, never counted."""
    acts, gminas = _read(folder, "actions"), _read(folder, "gminas")
    if acts is None:
        return {}
    rules = _programme(folder)
    as_of = rules["as_of"]
    min_area = int(rules.get("actions_min_per_area", 1))
    paths = {g: [p for p in (v or "").split(";") if p] for g, v in
             zip(gminas["gmina_id"], gminas["path"] if "path" in gminas else [""] * len(gminas))}
    own_path = [p or (paths[g][0] if len(paths[g]) == 1 else "")
                for g, p in zip(acts["gmina_id"], acts["path"])]
    path_areas: dict = {}
    for p, a in zip(own_path, acts["area"]):
        path_areas.setdefault(p, set()).add(a)
    out = {}
    for gmina in gminas["gmina_id"]:
        mine = acts[acts["gmina_id"] == gmina]
        counted = mine[mine["status"] != "dropped"]
        needed = set().union(*(path_areas.get(p, set()) for p in paths[gmina])) or {
            "JST", "NGO", "informal"}
        covers = all((counted["area"] == a).sum() >= min_area for a in needed)
        overdue = ((mine["due"] < as_of) & ~mine["status"].isin(["done", "dropped"])).sum()
        out[gmina] = dict(done=int((mine["status"] == "done").sum()), counted=len(counted),
                          dropped=int((mine["status"] == "dropped").sum()),
                          overdue=int(overdue), covers=covers)
    out[ALL] = {k: sum(v[k] for v in out.values()) for k in ("done", "counted", "dropped",
                                                                "overdue", "covers")}
    out[ALL]["n"] = len(gminas)
    return out


def expected_support(folder: Path) -> dict:
    support = _read(folder, "support")
    if support is None:
        return {}
    out = {g: len(rows.drop_duplicates(["activity", "unit"]))
           for g, rows in support.groupby("gmina_id")}
    out[ALL] = len(support.drop_duplicates(["activity", "unit"]))
    return out


def path_counts(folder: Path) -> dict:
    """Per path: (done, counted) of its actions, by hand (an action's own path, else its
    gmina's only path), dropped ones left out."""
    acts, gminas = _read(folder, "actions"), _read(folder, "gminas")
    paths = {g: [p for p in v.split(";") if p] for g, v in zip(gminas["gmina_id"],
                                                               gminas["path"])}
    out: dict = {}
    for g, p, status in zip(acts["gmina_id"], acts["path"], acts["status"]):
        p = p or (paths[g][0] if len(paths[g]) == 1 else "")
        if status == "dropped" or p not in paths[g]:
            continue
        done, counted = out.get(p, (0, 0))
        out[p] = (done + (status == "done"), counted + 1)
    return out
