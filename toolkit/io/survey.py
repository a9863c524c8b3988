"""Import a Google Forms or LimeSurvey export into the ``responses`` table.

SPEC §3 ``import survey`` is the contract. An export is a CSV file with one row per
response and one column per question (any encoding and separator the dataset reader
accepts: UTF-8 with or without BOM, Windows-1250; ``,``, ``;`` or tab). It is read with
:func:`toolkit.io.tables.read_csv_text`, so quoted separators and line breaks inside
answers survive and every message names the line of the file (a multi-line answer
shifts the lines after it).

Columns
-------
Headers are compared after trimming and collapsing spaces; the fixed columns below
ignore case (and ``_`` versus a space).

* ``Gmina`` (also ``gmina_id``, ``TERYT``, ``kod TERYT``, ``kod gminy``): a gmina's
  name (case and spacing do not matter, Polish letters do; a leading ``gmina``/``gm.``
  is allowed; several gminas of one name need the code) or its TERYT code (a code that
  lost its leading zero is accepted) → ``gmina_id``; without it, the participant's gmina.
* ``participant_id`` or ``ID uczestnika``: the response's participant, who must be in
  the dataset's ``participants`` when it has them.
* The time of the response → ``submitted_at`` as ``YYYY-MM-DD HH:MM:SS``: Google's
  ``Sygnatura czasowa``/``Timestamp`` (``2014/11/21 10:00:00`` or
  ``21.11.2014 10:00:00``), LimeSurvey's ``submitdate``.
* Ignored: e-mail columns (``Adres e-mail``, ``Email Address`` …) and, for LimeSurvey,
  its system columns (``lastpage``, ``startlanguage``, ``seed``, ``startdate``,
  ``datestamp``, ``ipaddr``, ``refurl``, ``token``, timings …). LimeSurvey's ``id``
  gives the response id.
* Every other column must be a question of the instrument: it is matched to the
  instrument's ``items`` by ``items.source``, else by ``items.text``; a Google Forms grid
  column ``Question [Row]`` also matches the item whose text is ``Row``, and a LimeSurvey
  header ``CODE. question text`` the item whose source is ``CODE``. A column that matches
  no item is an error at its header cell: nothing is silently dropped.

Answers
-------
One output row per complete response and item of the instrument that has a column, in
the order of the responses and then of the items in ``items``. Empty answers are kept
as rows with an empty ``answer`` (so that a knowledge item left empty counts as wrong
and the table shows which items a response skipped); non-answers ("trudno powiedzieć",
"nie wiem", "nie dotyczy") are kept as written.

* ``likert``: the answer as written (trimmed), e.g. Google's Polish labels in any case;
  whole numbers are written plainly (``4.0`` → ``4``) and LimeSurvey's answer codes
  ``A1``..``A5`` (also ``A01``, ``AO01``) become ``1``..``5``. Each answer must be valid on
  the item's scale (:func:`toolkit.questionnaires.likert_values`) or a non-answer.
* ``knowledge`` and ``open``: the text exactly as written, trimmed; line breaks inside
  an answer are kept (``\\r\\n`` becomes ``\\n``).

LimeSurvey responses with an empty ``submitdate`` are incomplete: they are skipped (not
checked) and counted. Response ids are ``<instrument>-<n>`` (the n-th response of the
export, counting from 1) for Google Forms and ``<instrument>-<id>`` for LimeSurvey, so
a re-import gives the same ids.

Every problem is collected in one pass and raised together as a
:class:`~toolkit.errors.DataError`; the export is only read.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..config import LIKERT_SCALES, NON_ANSWERS
from ..dataset import Dataset
from ..errors import DataError, Problem, UsageError
from ..questionnaires import likert_values
from .tables import RawTable, decode_bytes, read_csv_text
from .tables import _sniff_separator  # the reader's own separator choice, for the header text

__all__ = ["SurveyImport", "import_survey", "FORMATS", "RESPONSE_COLUMNS"]

#: Export formats :func:`import_survey` reads.
FORMATS = ("google", "limesurvey")

#: Columns of the table :func:`import_survey` returns (SPEC §2 ``responses``).
RESPONSE_COLUMNS = ["response_id", "instrument", "item_id", "answer", "participant_id",
                    "gmina_id", "submitted_at"]

_SPACES = " \t\r\n\u00a0\ufeff"

# Fixed columns, as keys (see _fixed_key): role by format (None: both formats).
_GMINA = {"gmina", "gmina id", "teryt", "kod teryt", "kod gminy"}
_PARTICIPANT = {"participant id", "id uczestnika", "identyfikator uczestnika",
                "kod uczestnika"}
_GOOGLE_TIME = {"sygnatura czasowa", "timestamp", "znacznik czasu"}
_LIME_TIME = {"submitdate", "data wysłania", "date submitted"}
_LIME_ID = {"id", "identyfikator odpowiedzi", "response id"}
_EMAIL = {"adres e-mail", "adres email", "e-mail", "email", "email address",
          "e-mail address", "adres e-mail respondenta", "nazwa użytkownika", "username"}
_LIME_SYSTEM = {
    "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
    "token", "interviewtime", "firstname", "lastname", "emailstatus", "language",
    "completed", "optout", "ostatnia strona", "język początkowy", "ziarno",
    "data rozpoczęcia", "data ostatniej akcji", "adres ip", "odsyłający url",
    "last page", "start language", "date started", "date last action", "ip address",
    "referrer url",
}
_LIME_SYSTEM_PATTERN = re.compile(r"attribute \d+|grouptime\d+|\w+time")

_GRID = re.compile(r"(?s)(.*?)\s*\[([^\[\]]+)\]")
_LIME_CODE_PREFIX = re.compile(r"(\S+?)[.:]?\s+\S.*")
_LIME_ANSWER_CODE = re.compile(r"(?i)ao?0*([1-5])")
_WHOLE_NUMBER = re.compile(r"[+]?\d+(?:[.,]0+)?")
_TERYT_IN_TEXT = re.compile(r"(?<!\d)(\d{6,7})(?!\d)")
_GMINA_PREFIX = re.compile(
    r"(?:miasto i gmina|gmina i miasto|gmina|gm\.?|miasto|m\.)\s+(?:miejska\s+|wiejska\s+|"
    r"miejsko-wiejska\s+)?")
_TIMEZONE = re.compile(r"\s*(?:(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|CES?T|[+-]\d{2}:?\d{2})$")
_TIME_FORMATS = (
    "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y, %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M", "%Y-%m-%dT%H:%M", "%Y/%m/%d %I:%M:%S %p", "%Y-%m-%d %H:%M:%S.%f",
    "%Y/%m/%d", "%Y-%m-%d", "%d.%m.%Y",
)
_MAX_LISTED = 6
_ROLE_NAMES = {"gmina": "gmina", "participant": "participant", "time": "time of the response",
               "id": "response id"}


@dataclass
class SurveyImport:
    """The result of :func:`import_survey`.

    Attributes
    ----------
    responses
        The ``responses`` table (SPEC §2): columns :data:`RESPONSE_COLUMNS`, all text,
        ``""`` for an empty cell; one row per complete response and matched item.
    n_responses
        Complete responses imported.
    skipped
        Incomplete LimeSurvey responses (empty ``submitdate``) skipped; 0 for Google.
    warnings
        Non-fatal findings (an item of the instrument with no column, …).
    """

    responses: pd.DataFrame
    n_responses: int
    skipped: int
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    item_id: str
    kind: str
    scale: str | None
    text_key: str
    source_key: str
    order: int


@dataclass
class _Column:
    name: str      # the column's key in the RawTable (lower case)
    number: int    # 1-based column in the file
    header: str    # the header cell as written (trimmed)
    role: str      # item, gmina, participant, time, id, ignore
    item: _Item | None = None


# ---------------------------------------------------------------------------- text helpers

def _norm(text) -> str:
    """NFC text with runs of whitespace collapsed to one space, trimmed."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _key(text) -> str:
    """How headers, items' texts and sources and gmina names are compared."""
    return _norm(text).casefold()


def _fixed_key(text) -> str:
    """How fixed column names are compared: :func:`_key`, ``_`` as a space, no final ``:``."""
    return " ".join(_key(text).replace("_", " ").rstrip(":").split())


def _cell(value) -> str:
    """A cell of the table as text (``""`` when empty)."""
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    return str(value)


def _listed(values, limit: int = _MAX_LISTED) -> str:
    values = list(values)
    more = f", … ({len(values) - limit} more)" if len(values) > limit else ""
    return ", ".join(values[:limit]) + more


def _scale_hint(scale: str | None) -> str:
    if scale in LIKERT_SCALES:
        labels = ", ".join(f"{v} {k}" for k, v in LIKERT_SCALES[scale].items())
        return f"scale {scale}: 1–5 or {labels}"
    return "1–5"


# ------------------------------------------------------------------------------- reading

def _header_cells(text: str) -> list[str]:
    """The header row as written (trimmed), to quote headers in their own case."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_separator(text))
    try:
        for record in reader:
            if any(c.strip(_SPACES) for c in record):
                return [c.strip(_SPACES) for c in record]
    except csv.Error:
        pass
    return []


def _read_export(path: Path, display: str) -> tuple[RawTable, list[str], list[Problem]]:
    """The export as a table, its header cells as written, and reading problems."""
    def fail(message: str) -> DataError:
        return DataError([Problem(display, 1, 1, message)])

    if not path.exists():
        raise fail("no such file")
    if path.is_dir():
        raise fail("is a folder, not a CSV export")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise fail("the file is empty (a header row is required)")
    text, reason = decode_bytes(data)
    if text is None:
        raise fail(reason)
    table, problems = read_csv_text(text, display, "responses")
    if table is None:
        raise DataError(problems)
    return table, _header_cells(text), problems


# --------------------------------------------------------------------------------- items

def _instrument_items(data: Dataset, instrument: str) -> list[_Item]:
    items = data.get("items")
    if items is None:
        raise UsageError(f"the dataset {data.source!r} has no items table: the export's "
                         "columns are matched to the items of the instrument")
    mine = items[items["instrument"].map(_norm) == _norm(instrument)]
    if mine.empty:
        known = sorted({_norm(i) for i in items["instrument"] if _norm(i)})
        raise UsageError(f"instrument {instrument!r} has no items in the dataset "
                         f"(instruments: {_listed(known, 20) or 'none'})")
    out = []
    for order, (_, row) in enumerate(mine.iterrows()):
        scale = _norm(row.get("scale")) or None
        out.append(_Item(
            item_id=_norm(row["item_id"]), kind=_norm(row["kind"]).lower(), scale=scale,
            text_key=_key(row.get("text")), source_key=_key(row.get("source")), order=order,
        ))
    return out


def _match_items(header: str, items: list[_Item], fmt: str) -> tuple[list[_Item], str]:
    """The items a question column matches, and how (``source``, ``text``, …)."""
    key = _key(header)
    if not key:
        return [], ""
    hits = [i for i in items if i.source_key and i.source_key == key]
    if hits:
        return hits, "source"
    hits = [i for i in items if i.text_key == key]
    if hits:
        return hits, "text"
    if fmt == "google":
        grid = _GRID.fullmatch(_norm(header))
        if grid:
            row = _key(grid.group(2))
            hits = [i for i in items if i.text_key == row]
            if hits:
                return hits, "grid row"
    else:
        coded = _LIME_CODE_PREFIX.fullmatch(_norm(header))
        if coded:
            code = _key(coded.group(1))
            hits = [i for i in items if i.source_key and i.source_key == code]
            if hits:
                return hits, "source"
    return [], ""


def _fixed_role(header: str, fmt: str) -> str | None:
    key = _fixed_key(header)
    if key in _GMINA:
        return "gmina"
    if key in _PARTICIPANT:
        return "participant"
    if fmt == "google" and key in _GOOGLE_TIME:
        return "time"
    if fmt == "limesurvey" and key in _LIME_TIME:
        return "time"
    if fmt == "limesurvey" and key in _LIME_ID:
        return "id"
    return None


def _ignored(header: str, fmt: str) -> bool:
    key = _fixed_key(header)
    if key in _EMAIL:
        return True
    return fmt == "limesurvey" and (key in _LIME_SYSTEM
                                    or bool(_LIME_SYSTEM_PATTERN.fullmatch(key)))


def _classify(table: RawTable, header: list[str], items: list[_Item], fmt: str,
              instrument: str, problems: list[Problem]) -> list[_Column]:
    """Give every column of the export its role; unknown question columns are errors."""
    keys = {_fixed_key(h) for h in header}
    hint = ""
    if fmt == "google" and keys & {"submitdate", "lastpage", "startlanguage"}:
        hint = "; this looks like a LimeSurvey export: use --format limesurvey"
    elif fmt == "limesurvey" and keys & _GOOGLE_TIME:
        hint = "; this looks like a Google Forms export: use --format google"
    columns: list[_Column] = []
    taken: dict[str, _Column] = {}
    roles: dict[str, _Column] = {}
    for name, number in sorted(table.columns.items(), key=lambda kv: kv[1]):
        text = header[number - 1] if number - 1 < len(header) else name
        where = Problem(table.file, table.header_line, number, "")
        role = _fixed_role(text, fmt)
        if role is not None:
            if role in roles:
                problems.append(_at(where, f"column '{text}' gives the {_ROLE_NAMES[role]} "
                                           f"again (also column {roles[role].number} "
                                           f"'{roles[role].header}')"))
                continue
            roles[role] = _Column(name, number, text, role)
            columns.append(roles[role])
            continue
        hits, how = _match_items(text, items, fmt)
        if len(hits) > 1:
            problems.append(_at(where, f"column '{text}' matches several items of instrument "
                                       f"'{instrument}' by {how}: "
                                       f"{_listed(i.item_id for i in hits)}"))
            continue
        if hits:
            item = hits[0]
            if item.item_id in taken:
                other = taken[item.item_id]
                problems.append(_at(where, f"column '{text}' matches item '{item.item_id}', "
                                           f"as column {other.number} '{other.header}' does"))
                continue
            taken[item.item_id] = _Column(name, number, text, "item", item)
            columns.append(taken[item.item_id])
            continue
        if _ignored(text, fmt):
            columns.append(_Column(name, number, text, "ignore"))
            continue
        problems.append(_at(where, f"column '{text}' matches no item of instrument "
                                   f"'{instrument}' (by source or text){hint}"))
    return columns


def _at(where: Problem, message: str, severity: str = "error") -> Problem:
    return Problem(where.file, where.line, where.column, message, severity)


# -------------------------------------------------------------------------------- values

class _Gminas:
    """Gminas by TERYT code and by name (case and spacing ignored, Polish letters kept)."""

    def __init__(self, gminas: pd.DataFrame):
        self.ids = {_norm(g) for g in gminas["gmina_id"]}
        self.names: dict[str, list[str]] = {}
        self.display: dict[str, str] = {}
        for gid, name in zip(gminas["gmina_id"], gminas["name"]):
            self.names.setdefault(_key(name), []).append(_norm(gid))
            self.display[_norm(gid)] = _norm(name)
        self.cache: dict[str, tuple[str | None, str | None]] = {}

    def resolve(self, value: str) -> tuple[str | None, str | None]:
        """``(gmina_id, None)`` or ``(None, message)``."""
        if value not in self.cache:
            self.cache[value] = self._resolve(value)
        return self.cache[value]

    def _by_name(self, key: str) -> tuple[str | None, str | None] | None:
        ids = self.names.get(key)
        if not ids:
            return None
        if len(ids) > 1:
            return None, (f"several gminas are named '{self.display[ids[0]]}' "
                          f"({_listed(ids)}): give the TERYT code")
        return ids[0], None

    def _resolve(self, value: str) -> tuple[str | None, str | None]:
        text = _norm(value)
        if text.isdigit():
            code = text.zfill(7) if len(text) == 6 else text
            if code in self.ids:
                return code, None
            return None, f"gmina '{text}': no gmina of the dataset has this TERYT code"
        key = text.casefold()
        found = self._by_name(key)
        if found is None:
            bare = _GMINA_PREFIX.sub("", key, count=1) if _GMINA_PREFIX.match(key) else key
            found = self._by_name(bare) if bare != key else None
        if found is None:
            code = _TERYT_IN_TEXT.search(text)
            if code and code.group(1).zfill(7) in self.ids:
                found = code.group(1).zfill(7), None
        if found is not None:
            return found
        close = difflib.get_close_matches(key, list(self.names), n=1, cutoff=0.75)
        if close:
            suggestion = f"; did you mean '{self.display[self.names[close[0]][0]]}'?"
        else:
            suggestion = f" (gminas: {_listed(sorted(self.display.values()))})"
        return None, (f"gmina '{text}' matches no gmina of the dataset by name or TERYT "
                      f"code{suggestion}")


class _Participants:
    def __init__(self, participants: pd.DataFrame | None):
        self.present = participants is not None
        self.home: dict[str, str] = {}
        self.folded: dict[str, list[str]] = {}
        if participants is not None:
            for pid, gid in zip(participants["participant_id"], participants["gmina_id"]):
                pid = _norm(pid)
                self.home.setdefault(pid, _norm(gid))
                self.folded.setdefault(pid.casefold(), []).append(pid)

    def resolve(self, value: str) -> tuple[str | None, str | None]:
        text = _norm(value)
        if not self.present or text in self.home:
            return text, None
        same = self.folded.get(text.casefold(), [])
        if len(same) == 1:
            return same[0], None
        return None, f"participant '{text}' is not in the dataset's participants"


@lru_cache(maxsize=4096)
def _timestamp(value: str) -> str | None:
    """``YYYY-MM-DD HH:MM:SS`` from the forms Google Forms and LimeSurvey write."""
    text = _TIMEZONE.sub("", _norm(value))
    for fmt in _TIME_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    return None


def _answer(value: str, item: _Item, fmt: str) -> str:
    """The answer as stored: see the module docstring."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if item.kind != "likert" or not text:
        return text
    compact = _norm(text)
    if _WHOLE_NUMBER.fullmatch(compact):
        return str(int(re.split(r"[.,]", compact.lstrip("+"))[0]))
    if fmt == "limesurvey":
        code = _LIME_ANSWER_CODE.fullmatch(compact)
        if code:
            return code.group(1)
    return text


# -------------------------------------------------------------------------------- import

def import_survey(export: str | Path, fmt: str, instrument: str, data: Dataset) -> SurveyImport:
    """Convert a Google Forms or LimeSurvey export into the ``responses`` table.

    Parameters
    ----------
    export
        The CSV export. It is only read; messages name it as given here.
    fmt
        ``"google"`` (question texts as headers, Polish answer labels) or
        ``"limesurvey"`` (question codes as headers, answer codes).
    instrument
        The instrument (``items.instrument``) the export's questions belong to.
    data
        The dataset whose ``items`` (of ``instrument``), ``gminas`` and ``participants``
        the export is matched to.

    Returns
    -------
    SurveyImport
        The responses (columns :data:`RESPONSE_COLUMNS`, all text, ``""`` when empty),
        the number of complete responses, of skipped incomplete ones, and warnings.

    Raises
    ------
    DataError
        With every problem found in one pass (``FILE:LINE:COLUMN: message``) when the
        export cannot be imported: an unreadable file; a column that matches no item
        or several; a gmina or participant not in the dataset; a response with neither;
        a participant whose gmina differs from the response's; a Likert answer not on
        the item's scale; a time that cannot be read; a duplicate LimeSurvey id.
    UsageError
        When ``fmt`` is not a known format, the dataset has no ``items`` or the
        instrument has none.

    Notes
    -----
    The module docstring lists every accepted column and answer form.

    Examples
    --------
    >>> from toolkit import load_dataset
    >>> data = load_dataset("dane")  # doctest: +SKIP
    >>> got = import_survey("ankieta.csv", "google", "ocena_zjazd1", data)  # doctest: +SKIP
    >>> got.responses.to_csv("responses.csv", index=False)  # doctest: +SKIP
    """
    fmt_key = str(fmt).strip().lower()
    if fmt_key not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    instrument = _norm(instrument)
    items = _instrument_items(data, instrument)
    display = str(export)
    table, header, problems = _read_export(Path(export), display)
    warnings: list[Problem] = []
    columns = _classify(table, header, items, fmt_key, instrument, problems)
    by_role = {c.role: c for c in columns if c.role not in ("item", "ignore")}
    item_columns = sorted((c for c in columns if c.role == "item"), key=lambda c: c.item.order)

    header_at = Problem(display, table.header_line, 1, "")
    matched = {c.item.item_id for c in item_columns}
    for item in items:
        if item.item_id not in matched:
            warnings.append(_at(header_at, f"item '{item.item_id}' of instrument '{instrument}' "
                                           "has no column in the export (by source or text)",
                                "warning"))
    if not item_columns and not any(p.is_error for p in problems):
        problems.append(_at(header_at, f"no column of the export matches an item of "
                                       f"instrument '{instrument}' (by source or text)"))
    if "gmina" not in by_role and "participant" not in by_role:
        problems.append(_at(header_at, "the export has no 'Gmina' column and no "
                                       "'participant_id' / 'ID uczestnika' column: each "
                                       "response needs a gmina or a participant"))
    if fmt_key == "limesurvey" and "time" not in by_role:
        warnings.append(_at(header_at, "no 'submitdate' column: every response is taken as "
                                       "complete", "warning"))

    frame = table.frame
    gminas = _Gminas(data.gminas)
    people = _Participants(data.get("participants"))
    rows: list[list[str]] = []
    likert_cells: list[tuple[int, int, _Column]] = []  # (output row, table row, column)
    seen_ids: dict[str, int] = {}
    skipped = n_responses = 0

    cells = {c.name: [_cell(v) for v in frame[c.name].tolist()]
             for c in columns if c.role != "ignore"}

    def value(pos: int, column: _Column | None) -> str:
        return "" if column is None else cells[column.name][pos]

    def error(pos: int, column: _Column, message: str) -> None:
        problems.append(Problem(display, int(table.lines[pos]), column.number, message))

    for pos in range(len(frame)):
        time_col = by_role.get("time")
        submitted = value(pos, time_col)
        if fmt_key == "limesurvey" and time_col is not None and not submitted:
            skipped += 1
            continue
        n_responses += 1
        if submitted:
            stamp = _timestamp(submitted)
            if stamp is None:
                error(pos, time_col, f"'{submitted}' is not a date and time "
                                     "(YYYY/MM/DD HH:MM:SS, YYYY-MM-DD HH:MM:SS or "
                                     "DD.MM.YYYY HH:MM:SS)")
            submitted = stamp or ""
        response_id = f"{instrument}-{n_responses}"
        id_col = by_role.get("id")
        if id_col is not None:
            rid = _norm(value(pos, id_col))
            if not rid:
                error(pos, id_col, "empty response id")
            elif rid in seen_ids:
                error(pos, id_col, f"response id '{rid}' again (also line {seen_ids[rid]})")
            else:
                seen_ids[rid] = int(table.lines[pos])
            response_id = f"{instrument}-{rid}"

        participant = gmina = ""
        p_col, g_col = by_role.get("participant"), by_role.get("gmina")
        if value(pos, p_col):
            found, message = people.resolve(value(pos, p_col))
            if message:
                error(pos, p_col, message)
            participant = found or ""
        if value(pos, g_col):
            found, message = gminas.resolve(value(pos, g_col))
            if message:
                error(pos, g_col, message)
            gmina = found or ""
        home = people.home.get(participant, "")
        if gmina and home and gmina != home:
            error(pos, g_col, f"gmina '{_norm(value(pos, g_col))}' ({gmina}) differs from "
                              f"participant {participant}'s gmina ({home})")
        if not value(pos, p_col) and not value(pos, g_col) and (p_col or g_col):
            error(pos, g_col or p_col, "the response has neither a gmina nor a participant")
        gmina = gmina or home

        for column in item_columns:
            answer = _answer(value(pos, column), column.item, fmt_key)
            if column.item.kind == "likert" and answer:
                likert_cells.append((len(rows), pos, column))
            rows.append([response_id, instrument, column.item.item_id, answer, participant,
                         gmina, submitted])

    if likert_cells:
        answers = pd.Series([rows[r][3] for r, _, _ in likert_cells], dtype=object)
        scales = pd.Series([c.item.scale for _, _, c in likert_cells], dtype=object)
        _, invalid = likert_values(answers, scales)
        for (r, pos, column), bad in zip(likert_cells, invalid.to_numpy()):
            if bad:
                error(pos, column, f"answer '{_norm(rows[r][3])}' to item "
                                   f"'{column.item.item_id}' is not valid on the "
                                   f"{_scale_hint(column.item.scale)} (or a non-answer: "
                                   f"{', '.join(sorted(a for a in NON_ANSWERS if a))})")

    if any(p.is_error for p in problems):
        raise DataError(problems + warnings)
    if not n_responses:
        warnings.append(_at(header_at, "the export holds no complete response", "warning"))
    responses = pd.DataFrame(rows, columns=RESPONSE_COLUMNS, dtype=str)
    return SurveyImport(responses, n_responses, skipped, sorted(warnings))
