"""Table schemas (pandera) and cross-table rules: every problem of a dataset in one pass.

The schemas below are the single declaration of SPEC §2: columns, which are required,
their types and allowed values, and the keys that must be unique. Values arrive as
text (:mod:`toolkit.io.tables`); numbers are parsed here (decimal comma accepted,
spaces as thousands separators), then pandera checks each table lazily, then the
cross-table rules run on the typed frames. Every finding becomes a
:class:`~toolkit.errors.Problem` located at ``FILE:LINE:COLUMN``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera import Check

from . import config
from .errors import Problem
from .io.tables import RawTable, TABLE_NAMES, read_dataset
from .attendance import expected_sessions
from .questionnaires import likert_values
from .scale_rules import scale_problems
from .scales import item_scale

__all__ = ["SCHEMAS", "TABLE_KEYS", "check_dataset", "validate"]

TERYT_PATTERN = r"^(0[2468]|[12][02468]|3[02])\d{4}[1-5]$"
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S",
                     "%Y/%m/%d %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M")


#: What any of the date formats can look like: text unlike it is not tried format by format.
_DATE_LIKE = r"\d{1,4}[-./]\d{1,2}[-./]\d{1,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"


def _parses(values: pd.Series, formats) -> pd.Series:
    """True where the text parses with one of ``formats`` (vectorised: 400 000 rows in ~1 s)."""
    ok = pd.Series(False, index=values.index)
    text = values.astype(str)
    plausible = text.str.fullmatch(_DATE_LIKE)
    for fmt in formats:
        rest = text[~ok & plausible]
        if rest.empty:
            break
        ok[rest.index] = pd.to_datetime(rest, format=fmt, errors="coerce").notna()
    return ok


def _is_iso_date(values: pd.Series) -> pd.Series:
    return values.astype(str).str.fullmatch(r"\d{4}-\d{2}-\d{2}") & _parses(values, ["%Y-%m-%d"])


def _is_timestamp(values: pd.Series) -> pd.Series:
    return _parses(values, _DATETIME_FORMATS)


def _one_of(values) -> Check:
    return Check.isin(list(values), error=f"must be one of: {', '.join(values)}")


_TERYT = Check.str_matches(
    TERYT_PATTERN,
    error="must be a 7-digit TERYT gmina code (voivodeship 02–32, type digit 1–5; "
          "a leading zero lost in Excel?)",
)
_DATE = Check(_is_iso_date, error="must be a real date written YYYY-MM-DD")
_TIMESTAMP = Check(_is_timestamp, error="must be a date and time (YYYY-MM-DD HH:MM:SS)")


def _text(*checks: Check, required: bool = True) -> pa.Column:
    """A text column: ``required`` means the column must exist and every row needs a value."""
    # No dtype: every cell arrives as text from the reader.
    return pa.Column(None, list(checks), nullable=not required, required=required)


def _optional(*checks: Check) -> pa.Column:
    return pa.Column(None, list(checks), nullable=True, required=False)


def _number(dtype: str, *checks: Check, required: bool = True) -> pa.Column:
    return pa.Column(dtype, list(checks), nullable=not required, required=required)


#: The key columns of each table (unique together); the first is where a duplicate is shown.
TABLE_KEYS: dict[str, list[str]] = {
    "gminas": ["gmina_id"],
    "participants": ["participant_id"],
    "sessions": ["session_id"],
    "attendance": ["participant_id", "session_id"],
    "items": ["item_id"],
    "responses": ["response_id", "item_id"],
    "index_areas": ["area_id"],
    "index_scores": ["gmina_id", "wave", "area_id"],
    "recommendations": ["gmina_id", "recommendation_id"],
    "support": ["gmina_id", "activity"],
    "programme": ["key"],
    "labels": ["kind", "id"],
    "conclusions": ["gmina_id", "section"],
    "actions": ["gmina_id", "action_id"],
    "scales": ["scale"],
}

_COLUMNS: dict[str, dict[str, pa.Column]] = {
    "gminas": {
        "gmina_id": _text(_TERYT),
        "name": _text(),
        "powiat": _optional(),
        "wojewodztwo": _optional(),
        "path": _optional(),
    },
    "participants": {
        "participant_id": _text(),
        "gmina_id": _text(),
        "sector": _text(_one_of(config.SECTORS)),
        "organisation": _optional(),
        "first_name": _text(),
        "last_name": _text(),
        "gender": _optional(_one_of(config.GENDERS)),
        "group": _optional(),
    },
    "sessions": {
        "session_id": _text(),
        "zjazd": _number("Int64", Check.ge(1, error="must be a whole number ≥ 1")),
        "day": _number("Int64", Check.ge(1, error="must be a whole number ≥ 1")),
        "date": _text(_DATE),
        "hours": _number("Float64", Check.gt(0, error="must be more than 0")),
        "plane": _optional(_one_of(config.PLANES)),
        "topic": _optional(),
        "group": _optional(),
    },
    "attendance": {
        "participant_id": _text(),
        "session_id": _text(),
        "status": _text(_one_of(config.ATTENDANCE_STATUSES)),
        "hours": _number("Float64", Check.ge(0, error="must not be negative"), required=False),
    },
    "items": {
        "item_id": _text(),
        "instrument": _text(),
        "text": _text(),
        "kind": _text(_one_of(config.ITEM_KINDS)),
        # A built-in or declared scale: checked against the scales table (scale_rules).
        "scale": _optional(),
        "construct": _optional(),
        "correct": _optional(),
        "source": _optional(),
    },
    "responses": {
        "response_id": _text(),
        "instrument": _text(),
        "item_id": _text(),
        "answer": _optional(),
        "participant_id": _optional(),
        "gmina_id": _optional(),
        "submitted_at": _optional(_TIMESTAMP),
    },
    "index_areas": {
        "area_id": _text(),
        "plane": _text(_one_of(config.PLANES)),
        "name": _text(),
        "scale_min": _number("Float64", required=False),
        "scale_max": _number("Float64", required=False),
        "source": _optional(),
    },
    "index_scores": {
        "gmina_id": _text(),
        "wave": _text(),
        "date": _text(_DATE),
        "area_id": _text(),
        "score": _number("Float64"),
    },
    "recommendations": {
        "gmina_id": _text(),
        "recommendation_id": _text(),
        "plane": _text(_one_of(config.PLANES)),
        "title": _text(),
        "document_type": _optional(),
        "status": _text(_one_of(config.RECOMMENDATION_STATUSES)),
        "adopted_on": _optional(_DATE),
    },
    "support": {
        "gmina_id": _text(),
        "activity": _text(),
        "unit": _text(_one_of(config.SUPPORT_UNITS)),
        "planned": _number("Float64", Check.ge(0, error="must not be negative")),
        "delivered": _number("Float64", Check.ge(0, error="must not be negative")),
    },
    # Values are checked key by key in _programme_rules (each key reads its own type).
    "programme": {
        "key": _text(),
        "value": _optional(),
    },
    "labels": {
        "kind": _text(_one_of(config.LABEL_KINDS)),
        "id": _text(),
        "label": _text(),
        "label_en": _optional(),
    },
    "conclusions": {
        "gmina_id": _text(),
        "section": _text(_one_of(config.CONCLUSION_SECTIONS)),
        "text": _text(),
    },
    "actions": {
        "gmina_id": _text(),
        "action_id": _text(),
        "area": _text(_one_of(config.ACTION_AREAS)),
        "title": _text(),
        "status": _text(_one_of(config.ACTION_STATUSES)),
        "due": _optional(_DATE),
        "done_on": _optional(_DATE),
        "path": _optional(),
    },
    "scales": {
        "scale": _text(),
        "min": _number("Int64"),
        "max": _number("Int64"),
        "positive_min": _number("Int64", required=False),
        "labels": _optional(),
        "labels_en": _optional(),
        "dont_know": _optional(),
    },
}

#: One pandera schema per table of SPEC §2.
SCHEMAS: dict[str, pa.DataFrameSchema] = {
    name: pa.DataFrameSchema(
        columns, name=name, unique=TABLE_KEYS[name], report_duplicates="exclude_first"
    )
    for name, columns in _COLUMNS.items()
}

# Tables another table cannot be understood without (SPEC §2).
_NEEDS = {
    "attendance": ("participants", "sessions"),
    "responses": ("items",),
}

_NUMBER_TEXT = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _parse_numbers(table: RawTable, schema: pa.DataFrameSchema,
                   problems: list[Problem]) -> tuple[pd.DataFrame, set[tuple[int, str]]]:
    """Parse the numeric columns of ``table`` (decimal comma, spaces in thousands).

    Returns the frame with numeric columns as nullable Int64/Float64 and the cells
    already reported as not-a-number (so pandera's own checks do not repeat them).
    """
    frame = table.frame.copy()
    reported: set[tuple[int, str]] = set()
    for column, spec in schema.columns.items():
        dtype = str(spec.dtype)
        if column not in frame or dtype not in ("Int64", "Float64"):
            continue
        raw = frame[column]
        given = raw.notna()
        text = raw[given].astype(str).str.replace(r"[\s\u00a0]", "", regex=True)
        ok = text.str.match(_NUMBER_TEXT)
        numbers = pd.to_numeric(text.where(ok).str.replace(",", ".", regex=False), errors="coerce")
        whole = "whole " if dtype == "Int64" else ""
        if dtype == "Int64":
            ok &= numbers == np.floor(numbers)
        bad = ok.index[~ok].to_numpy()
        cells = raw.to_numpy(dtype=object)
        problems += table.problems(bad, column, lambda r: (
            f"{column}: '{cells[r]}' is not a {whole}number"))
        reported.update((int(row), column) for row in bad)
        values = pd.Series(np.nan, index=frame.index, dtype=float)
        values[ok.index[ok]] = numbers[ok]
        frame[column] = values.astype(dtype)
    return frame, reported


def _schema_problems(table: RawTable, frame: pd.DataFrame, schema: pa.DataFrameSchema,
                     reported: set[tuple[int, str]]) -> list[Problem]:
    """Pandera's findings as problems; a cell found wrong is blanked in ``frame``.

    Blanking keeps one wrong value from being reported again by the cross-table rules
    (a negative session length would make every attended hour look too long). Duplicate
    keys are found by :func:`_duplicate_problems`, not here.
    """
    checked = copy.copy(schema)
    checked.unique = None
    try:
        checked.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    problems: list[Problem] = []
    key = TABLE_KEYS.get(table.name, [])
    cases = cases.assign(check=cases["check"].astype(str))
    on_cells = cases["index"].notna() & (cases["check"] != "column_in_dataframe")
    for check, column, value in cases.loc[~on_cells, ["check", "column", "failure_case"]
                                          ].itertuples(index=False):
        if check == "column_in_dataframe":
            message, near = _missing_column(table, str(value))
            problems.append(table.problem(None, near, message))
        else:
            # A whole-column finding (a wrong dtype): shown once on the header.
            problems.append(table.problem(None, column, f"{column}: {check}"))
    found = cases[on_cells].assign(row=lambda c: c["index"].astype(np.int64))
    for (check, column), group in found.groupby(["check", "column"], sort=False):
        done = {row for row, col in reported if col == column}
        rows = group["row"][~group["row"].isin(done)].to_numpy() if done else \
            group["row"].to_numpy()
        if not len(rows):
            continue
        if check == "not_nullable":
            problems += table.problems(rows, column, lambda r, n=column: f"{n}: a value is required")
            continue
        if column in table.frame:
            shown = table.frame[column].to_numpy(dtype=object)
        else:
            shown = dict(zip(group["row"].tolist(), group["failure_case"].tolist()))
        problems += table.problems(rows, column, lambda r, c=shown, k=check, n=column: (
            f"{n}: '{c[r]}' {k}"))
        if column not in key:
            frame.loc[frame.index[rows], column] = pd.NA
    return problems


def _missing_column(table: RawTable, column: str) -> tuple[str, str | None]:
    """The message for a required ``column`` absent from ``table``, and the header it is
    probably misspelt as (where the problem is shown), if any."""
    import difflib

    unknown = [c for c in table.columns if c not in SCHEMAS[table.name].columns]
    close = difflib.get_close_matches(column, unknown, n=1, cutoff=0.6)
    if close:
        return f"missing required column '{column}' (is '{close[0]}' a misspelling of it?)", close[0]
    return f"missing required column '{column}'", None


def _duplicate_problems(table: RawTable, frame: pd.DataFrame) -> list[Problem]:
    """Rows repeating an earlier row's key, found in one grouped pass.

    Shown at the key's first column, naming the line of the key's first occurrence. Skipped
    when a key column is missing (that is reported on its own).
    """
    key = TABLE_KEYS.get(table.name, [])
    if not key or not all(k in frame for k in key) or frame.empty:
        return []
    keys = frame[key].astype(object).where(frame[key].notna(), None)
    # A row missing part of its key has that reported on its own; it repeats nothing.
    repeated = (keys.duplicated(keep="first") & keys.notna().all(axis=1)).to_numpy()
    if not repeated.any():
        return []
    first = pd.Series(np.arange(len(keys))).groupby(
        [keys[k].fillna("\x00").astype(str) for k in key], sort=False).transform("first")
    cells = {k: frame[k].to_numpy(dtype=object) for k in key}
    first_line = table.lines[first.to_numpy()]

    def message(row: int) -> str:
        values = ", ".join(f"{k}={cells[k][row]}" for k in key)
        return f"duplicate {'/'.join(key)} ({values}), already on line {int(first_line[row])}"

    return table.problems(np.flatnonzero(repeated), key[0], message)


# ----------------------------------------------------------------- cross-table rules


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


def _cross_table(raw: dict[str, RawTable], typed: dict[str, pd.DataFrame],
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
    from .programme import parse_value

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
    from .programme import PROGRAMME_KEYS, parse_value

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


# ------------------------------------------------------------------------- entry points


def _areas_frame(typed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from .dataset import default_index_areas

    if "index_areas" not in typed:
        return default_index_areas()
    areas = typed["index_areas"].copy()
    for column, default in (("scale_min", 0.0), ("scale_max", 5.0)):
        values = areas[column] if column in areas else pd.Series(np.nan, index=areas.index)
        areas[column] = values.astype("Float64").fillna(default).astype(float)
    return areas


def _table_of(file: str) -> str:
    """The table a problem's file holds: ``participants`` for ``x/participants.csv`` or
    ``book.xlsx[Participants]``."""
    if file.endswith("]") and "[" in file:
        return file.rsplit("[", 1)[1][:-1].strip().lower()
    return Path(file).stem.lower()


def check_dataset(path: str | Path) -> tuple[dict[str, pd.DataFrame], dict[str, str], list[Problem]]:
    """Read and check a dataset; never raises for bad data.

    Returns
    -------
    tables, files, problems
        The typed tables that could be read (numbers parsed, text kept), the file each
        came from, and every problem found (errors and warnings).
    """
    raw, problems = read_dataset(path)
    unreadable = any(p.file == str(path) and p.is_error for p in problems)  # the whole dataset
    if "gminas" not in raw and not unreadable and not any(
            _table_of(p.file) == "gminas" for p in problems):
        where = Path(path)
        file = f"{where}[gminas]" if where.suffix.lower() in (".xlsx", ".xlsm") else str(
            where / "gminas.csv")
        if where.exists():
            problems.append(Problem(file, 1, 1, "the required table 'gminas' is missing"))
    typed: dict[str, pd.DataFrame] = {}
    for name in TABLE_NAMES:
        if name not in raw:
            continue
        schema = SCHEMAS[name]
        frame, reported = _parse_numbers(raw[name], schema, problems)
        problems += _schema_problems(raw[name], frame, schema, reported)
        problems += _duplicate_problems(raw[name], frame)
        typed[name] = frame
    # A table present but unreadable has had that reported: it is not also "missing".
    unreadable = {_table_of(p.file) for p in problems if p.is_error}
    for name, needs in _NEEDS.items():
        if name in raw:
            for need in needs:
                if need not in raw and need not in unreadable:
                    problems.append(raw[name].problem(
                        None, None, f"the {name} table needs the '{need}' table, which is missing"))
    if "gminas" in raw and raw["gminas"].frame.empty and not raw["gminas"].unread:
        problems.append(raw["gminas"].problem(
            None, None, "the table is empty (a header row only): at least one gmina is required"))
    # Cross-table rules need the key columns of the tables they join.
    joinable = {n: f for n, f in typed.items()
                if all(c in f for c in SCHEMAS[n].columns if SCHEMAS[n].columns[c].required)}
    problems += _cross_table(raw, joinable, _areas_frame(joinable))
    files = {name: table.file for name, table in raw.items()}
    return typed, files, problems


def validate(path: str | Path) -> list[Problem]:
    """Every problem of the dataset at ``path`` (errors and warnings), sorted by location.

    Parameters
    ----------
    path
        A folder of CSV files or an ``.xlsx`` workbook (SPEC §2).

    Examples
    --------
    >>> problems = validate("data/demo")
    >>> [str(p) for p in problems if p.is_error]
    []
    """
    _, _, problems = check_dataset(path)
    return sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message))
