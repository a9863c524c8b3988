"""The table schemas of SPEC §2, declared once as data (pandera).

Columns, which are required, their types and allowed values, and the keys that must be
unique, one entry per table; the checks of dates and TERYT codes they use. Nothing here
reads a file or runs a check: :mod:`toolkit.validation.tables` applies the schemas.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera import Check

from .. import config

__all__ = ["SCHEMAS", "TABLE_KEYS", "TERYT_PATTERN"]

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
