"""Rules across tables, run on the typed frames once each table passed its schema.

References (every id exists where it points), attendance against participants and
sessions, responses against items and their scales, index scores against the areas,
recommendations, the programme's keys, actions and conclusions.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .. import config
from ..errors import Problem
from ..io.tables import RawTable
from ..attendance import expected_sessions
from ..questionnaires import likert_values
from ..scales import item_scale
from .scale_rules import scale_problems

__all__ = ["cross_table_problems"]



def _report(table: RawTable, mask, column: str, message, severity: str = "error"):
    """Problems for each row where ``mask`` is true; ``message(row)`` builds the text."""
    return table.problems(np.flatnonzero(np.asarray(mask, dtype=bool)), column, message,
                          severity)


def _reference(raw: dict[str, RawTable], typed: dict[str, pd.DataFrame], name: str,
               column: str, target: str, target_column: str) -> list[Problem]:
    """Values of ``name.column`` must exist in ``target.target_column``."""
    if name not in typed or target not in typed or column not in typed[name]:
        return []
    values = typed[name][column]
    if typed[target].empty:
        # Said once at the empty table (gminas: always), not once per referring row; a
        # table empty because its rows could not be read has had them reported already.
        given = int(values.notna().sum())
        if not given or target == "gminas" or raw[target].unread:
            return []
        return [raw[target].problem(None, None, (
            f"the table is empty (a header row only), but {given} row(s) of {name} refer "
            f"to it ({column})"))]
    missing = values.notna() & ~values.isin(typed[target][target_column])
    shown = values.to_numpy(dtype=object)
    return _report(raw[name], missing, column,
                   lambda r: f"{column}: '{shown[r]}' is not in {target} ({target_column})")


def cross_table_problems(raw: dict[str, RawTable], typed: dict[str, pd.DataFrame],
                 areas: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    for name, target, column in [
        ("participants", "gminas", "gmina_id"),
        ("attendance", "participants", "participant_id"),
        ("attendance", "sessions", "session_id"),
        ("responses", "items", "item_id"),
        ("responses", "participants", "participant_id"),
        ("responses", "gminas", "gmina_id"),
        ("index_scores", "gminas", "gmina_id"),
        ("recommendations", "gminas", "gmina_id"),
        ("support", "gminas", "gmina_id"),
    ]:
        problems += _reference(raw, typed, name, column, target, column)
    problems += _attendance_rules(raw, typed)
    found, scales, _ = scale_problems(raw, typed)
    problems += found
    problems += _questionnaire_rules(raw, typed, scales)
    problems += _index_rules(raw, typed, areas)
    problems += _recommendation_rules(raw, typed)
    problems += _programme_rules(raw, typed)
    problems += _reference(raw, typed, "actions", "gmina_id", "gminas", "gmina_id")
    problems += _action_rules(raw, typed)
    # An evaluator's conclusions belong to a gmina or to the whole programme (ALL).
    if "conclusions" in typed and "gminas" in typed and not typed["gminas"].empty:
        known = pd.concat([typed["gminas"]["gmina_id"], pd.Series([config.ALL])])
        gid = typed["conclusions"]["gmina_id"]
        problems += _report(raw["conclusions"], gid.notna() & ~gid.isin(known), "gmina_id",
                            lambda r: (f"gmina_id: '{gid.iat[r]}' is neither in gminas "
                                       f"(gmina_id) nor {config.ALL}"))
    return problems


def _action_rules(raw, typed) -> list[Problem]:
    """An action done has its date, not after the data date; its path is its gmina's.

    The data date is the programme's ``as_of`` when given (and valid), else today.
    """
    from ..programme import parse_value

    if "actions" not in typed:
        return []
    acts, table = typed["actions"], raw["actions"]
    problems: list[Problem] = []
    done = (acts["status"] == "done").to_numpy(dtype=bool, na_value=False)
    done_on = acts["done_on"] if "done_on" in acts else pd.Series(pd.NA, index=acts.index,
                                                                   dtype=object)
    problems += _report(table, done & done_on.isna().to_numpy(), "done_on", lambda r: (
        f"done_on: action {acts['action_id'].iat[r]} is done, so the day it was done "
        "is required"))
    as_of, said = dt.date.today(), "today"
    if "programme" in typed and "value" in typed["programme"]:
        given = typed["programme"].loc[typed["programme"]["key"].astype(str).str.strip()
                                       == "as_of", "value"].dropna()
        try:
            as_of, said = parse_value("as_of", str(given.iloc[0])), "the programme's as_of"
        except (IndexError, ValueError):
            pass
    late = (done_on.notna() & (done_on.astype(str) > as_of.isoformat())).to_numpy(dtype=bool)
    problems += _report(table, late, "done_on", lambda r: (
        f"done_on: {done_on.iat[r]} is after the data date {as_of.isoformat()} ({said})"))
    if "path" in acts and "gminas" in typed and "path" in typed["gminas"]:
        gminas = typed["gminas"].drop_duplicates("gmina_id").set_index("gmina_id")["path"]
        paths = {g: {p.strip() for p in str(v).split(";") if p.strip()} if isinstance(v, str)
                 else set() for g, v in gminas.items()}
        wrong = [isinstance(p, str) and g in paths and p.strip() not in paths[g]
                 for g, p in zip(acts["gmina_id"], acts["path"])]
        problems += _report(table, wrong, "path", lambda r: (
            f"path: '{acts['path'].iat[r]}' is not a path of gmina {acts['gmina_id'].iat[r]} "
            f"(its paths: {', '.join(sorted(paths[acts['gmina_id'].iat[r]])) or 'none'})"),
            "warning")
    return problems


def _programme_rules(raw, typed) -> list[Problem]:
    """Each ``programme`` value read as its key's type; an unknown key is a warning."""
    from ..programme import PROGRAMME_KEYS, parse_value

    if "programme" not in typed:
        return []
    frame, table = typed["programme"], raw["programme"]
    problems: list[Problem] = []
    for row, (key, value) in enumerate(zip(frame["key"], frame["value"] if "value" in frame
                                           else [None] * len(frame))):
        key = str(key).strip()
        if key not in PROGRAMME_KEYS:
            problems.append(table.problem(row, "key", (
                f"key: '{key}' is not a programme key the toolkit knows (ignored; known: "
                f"{', '.join(PROGRAMME_KEYS)})"), "warning"))
        elif isinstance(value, str) and value.strip():
            try:
                parse_value(key, value)
            except ValueError as exc:
                problems.append(table.problem(row, "value", f"value: {key} '{value}' {exc}"))
    return problems


def _attendance_rules(raw, typed) -> list[Problem]:
    if not {"attendance", "participants", "sessions"} <= typed.keys():
        return []
    problems: list[Problem] = []
    att, people, sessions = typed["attendance"], typed["participants"], typed["sessions"]
    table = raw["attendance"]
    if "hours" in att:
        session_hours = att["session_id"].map(sessions.set_index("session_id")["hours"]
                                              .groupby(level=0).first())
        over = (att["hours"] > session_hours).fillna(False)
        problems += _report(table, over, "hours", lambda r: (
            f"hours: {_num(att['hours'].iat[r])} attended is more than the session's "
            f"{_num(session_hours.iat[r])} h ({att['session_id'].iat[r]})"))
        absent_hours = (att["status"] == "absent") & (att["hours"] > 0).fillna(False)
        problems += _report(table, absent_hours, "hours",
                            lambda r: "hours: an absent participant cannot have attended hours")
    # A session dated in the future cannot have attendance yet.
    held = sessions["date"].isna() | (sessions["date"] <= dt.date.today().isoformat())
    expected = expected_sessions(people.drop_duplicates("participant_id"),
                         sessions[held.to_numpy(dtype=bool)].drop_duplicates("session_id"))
    pairs = pd.MultiIndex.from_frame(expected[["participant_id", "session_id"]])
    given = pd.MultiIndex.from_frame(att[["participant_id", "session_id"]].astype(object))
    known = att["participant_id"].isin(people["participant_id"]) & att["session_id"].isin(
        sessions["session_id"])
    unexpected = known & ~given.isin(pairs)
    problems += _report(table, unexpected, "session_id", lambda r: (
        f"session_id: {att['participant_id'].iat[r]} is not expected at session "
        f"{att['session_id'].iat[r]} (another group's session)"), "warning")
    missing = expected[~pairs.isin(given)]
    if len(missing):
        people_rows = pd.Series(np.arange(len(people)), index=people["participant_id"])
        for pid, sessions_missing in missing.groupby("participant_id", sort=False)["session_id"]:
            row = people_rows.get(pid)
            row = int(row.iloc[0]) if isinstance(row, pd.Series) else int(row)
            problems.append(raw["participants"].problem(
                row, "participant_id",
                f"participant_id: no attendance row for {pid} at session(s) "
                f"{', '.join(map(str, sessions_missing))} (counted as absent)", "warning"))
    grouped = people["group"].notna() if "group" in people else pd.Series(False, index=people.index)
    if grouped.any():
        session_groups = set(sessions["group"].dropna()) if "group" in sessions else set()
        has_common = "group" not in sessions or sessions["group"].isna().any()
        orphan = grouped & ~people["group"].isin(session_groups) & (not has_common)
        problems += _report(raw["participants"], orphan, "group", lambda r: (
            f"group: no session belongs to group '{people['group'].iat[r]}'"), "warning")
    return problems


def _questionnaire_rules(raw, typed, scales: dict) -> list[Problem]:
    """Knowledge items have their key; each answer fits its item (instrument, scale)."""
    problems: list[Problem] = []
    if "items" in typed:
        items = typed["items"]
        knowledge = (items["kind"] == "knowledge").to_numpy(dtype=bool, na_value=False)
        if "correct" not in items:
            if knowledge.any():
                problems.append(raw["items"].problem(None, None, (
                    f"missing column 'correct': {int(knowledge.sum())} knowledge item(s) need "
                    "their correct answer (else every answer would count as wrong)")))
        else:
            no_key = knowledge & items["correct"].isna().to_numpy(dtype=bool)
            problems += _report(raw["items"], no_key, "correct", lambda r: (
                f"correct: knowledge item '{items['item_id'].iat[r]}' has no correct answer "
                "(every answer would count as wrong)"))
    if "responses" not in typed or "items" not in typed:
        return problems
    resp, items, table = typed["responses"], typed["items"], raw["responses"]
    by_item = items.drop_duplicates("item_id").set_index("item_id")
    instrument = resp["item_id"].map(by_item["instrument"])
    wrong = instrument.notna() & (instrument != resp["instrument"])
    problems += _report(table, wrong, "instrument", lambda r: (
        f"instrument: item '{resp['item_id'].iat[r]}' belongs to instrument "
        f"'{instrument.iat[r]}', not '{resp['instrument'].iat[r]}'"))
    kind = resp["item_id"].map(by_item["kind"])
    likert = (kind == "likert").to_numpy(dtype=bool, na_value=False)
    if likert.any() and "answer" in resp:
        # Each answer on its item's own scale; an item whose scale is unknown or wrongly
        # declared has had that reported, and its answers are left alone.
        of_item = {}
        for item, name in (by_item["scale"].items() if "scale" in by_item else ()):
            try:
                of_item[item] = item_scale(name, scales)
            except KeyError:
                of_item[item] = None
        usable = pd.Series({i: s is not None for i, s in of_item.items()}, dtype=object)
        checkable = likert & resp["item_id"].map(usable).fillna(True).to_numpy(dtype=bool)
        names = resp["item_id"].map(pd.Series(
            {i: s.name for i, s in of_item.items() if s is not None}, dtype=object)).fillna("")
        _, invalid = likert_values(resp.loc[checkable, "answer"], names[checkable], scales)
        bad = np.zeros(len(resp), dtype=bool)
        bad[np.flatnonzero(checkable)[invalid.to_numpy()]] = True
        problems += _report(table, bad, "answer", lambda r: (
            f"answer: '{resp['answer'].iat[r]}' is not valid on the scale "
            f"{item_scale(names.iat[r], scales).describe()}"))
    pid = resp["participant_id"] if "participant_id" in resp else pd.Series(None, index=resp.index)
    gid = resp["gmina_id"] if "gmina_id" in resp else pd.Series(None, index=resp.index)
    anonymous = pid.isna() & gid.isna()
    problems += _report(table, anonymous, "gmina_id" if "gmina_id" in resp else "participant_id",
                        lambda r: "gmina_id: required where participant_id is empty")
    if "participants" in typed and "gmina_id" in resp:
        home = pid.map(typed["participants"].drop_duplicates("participant_id")
                       .set_index("participant_id")["gmina_id"])
        clash = home.notna() & gid.notna() & (home != gid)
        problems += _report(table, clash, "gmina_id", lambda r: (
            f"gmina_id: '{gid.iat[r]}' differs from participant {pid.iat[r]}'s gmina "
            f"'{home.iat[r]}'"))
    return problems


def _index_rules(raw, typed, areas: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    if "index_areas" in typed:
        a = typed["index_areas"]
        lo = a["scale_min"] if "scale_min" in a else pd.Series(0.0, index=a.index)
        hi = a["scale_max"] if "scale_max" in a else pd.Series(5.0, index=a.index)
        bad = (lo.fillna(0) >= hi.fillna(5)).to_numpy(dtype=bool)
        problems += _report(raw["index_areas"], bad,
                            "scale_max" if "scale_max" in a else "scale_min",
                            lambda r: "scale_max: must be greater than scale_min")
    if "index_scores" not in typed:
        return problems
    scores, table = typed["index_scores"], raw["index_scores"]
    known = areas.drop_duplicates("area_id").set_index("area_id")
    unknown = ~scores["area_id"].isin(known.index)
    where = "index_areas" if "index_areas" in typed else "the default index areas"
    problems += _report(table, unknown, "area_id", lambda r: (
        f"area_id: '{scores['area_id'].iat[r]}' is not in {where}"))
    lo = scores["area_id"].map(known["scale_min"])
    hi = scores["area_id"].map(known["scale_max"])
    outside = ((scores["score"] < lo) | (scores["score"] > hi)).fillna(False)
    problems += _report(table, outside, "score", lambda r: (
        f"score: {_num(scores['score'].iat[r])} is outside the scale "
        f"{_num(lo.iat[r])}–{_num(hi.iat[r])} of area {scores['area_id'].iat[r]}"))
    return problems


def _recommendation_rules(raw, typed) -> list[Problem]:
    if "recommendations" not in typed:
        return []
    rec = typed["recommendations"]
    if "adopted_on" not in rec:
        undated = rec["status"] == "adopted"
    else:
        undated = (rec["status"] == "adopted") & rec["adopted_on"].isna()
    return _report(raw["recommendations"], undated, "status",
                   lambda r: "adopted_on: an adopted recommendation should have its adoption date",
                   "warning")


def _num(x) -> str:
    x = float(x)
    return str(int(x)) if x.is_integer() else f"{x:g}"
