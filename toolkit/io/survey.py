"""Import a Google Forms or LimeSurvey export into the ``responses`` table.

SPEC §3 ``import survey`` and "Real exports import as exported" are the contract: a real
export imports as exported, with only options, never a hand edit. The parts:
:mod:`~toolkit.io.survey_export` reads the file (CSV, TSV, ``.xlsx``),
:mod:`~toolkit.io.survey_limesurvey` and :mod:`~toolkit.io.survey_google` know each tool's
columns and timestamps, :mod:`~toolkit.io.survey_columns` tells which column is what,
:mod:`~toolkit.io.survey_match` matches columns to items and cells to gminas and
participants.

Format
------
``fmt=None`` detects it: LimeSurvey when its system columns are recognised (in any
heading mode) or the file has its shape (see
:func:`~toolkit.io.survey_limesurvey.is_limesurvey`); else Google Forms. Forcing
``google`` on a LimeSurvey export is an error (it would take unfinished responses as
finished).

Columns
-------
* ``Gmina`` (also ``gmina_id``, ``TERYT``, ``kod TERYT``, ``kod gminy``): a gmina's name
  or TERYT code → ``gmina_id``. ``gmina=`` (``--gmina``) gives every response that gmina
  instead (a form sent to one gmina). With both, the column gives each response its gmina
  where it is filled, ``--gmina`` where it is empty, and a row whose column names another
  gmina than ``--gmina`` is an error at its cell. With neither (and no participant column)
  the import stops with one error naming both.
* ``participant_id`` or ``ID uczestnika``: the response's participant.
* The time of the response → ``submitted_at`` (``YYYY-MM-DD HH:MM:SS``): Google's
  ``Timestamp``/``Sygnatura czasowa`` (any locale, see :mod:`~toolkit.io.survey_google`),
  LimeSurvey's ``submitdate``.
* LimeSurvey's system and timing columns and Google's e-mail and score columns are not
  questions and are passed over silently.
* Every other column is matched to the instrument's ``items`` by ``items.source``, else by
  ``items.text`` (also a Google grid row ``Question [Row]`` by the row's text, and a
  LimeSurvey ``CODE. text`` header by its code). Two columns with the same header are
  matched only by a source ending in ``#N`` (the N-th of them). A column that matches no
  item is a **warning** naming it once (demographics, e-mail, open questions nobody wants
  in the report); its cells are not imported.

Responses
---------
One output row per complete response and matched item. LimeSurvey responses with an empty
``submitdate`` are incomplete: skipped in every heading mode and counted; a LimeSurvey
export without a recognisable ``submitdate`` column is an error (nothing would tell an
unfinished response from a finished one). A survey that keeps no dates writes
``1980-01-01 00:00:00`` as every finished response's ``submitdate``: such a response is
complete, with an empty ``submitted_at``.

``response_id`` is ``<instrument>-<tag>-<id>``: ``<tag>`` is 6 hex digits of the SHA-256 of
the export file's bytes, ``<id>`` LimeSurvey's own response id, or for Google Forms the
response's number in the export (1, 2, … in file order). A re-import of one file gives
the same ids; two exports never share one, even of one instrument.

Answers
-------
* ``likert``: the number on the item's scale (``Dataset.scales``, built-in or declared in
  ``scales``): a number in range, a label (Polish or English, any case) or a LimeSurvey
  answer code (``A4``, ``AO04``, ``SQ004`` → ``4``) is written as the number; a non-answer
  ("trudno powiedzieć", "don't know", the scale's ``dont_know``, …) is kept as written.
  Anything else is an error at its cell.
* ``knowledge`` and ``open``: the text as written, trimmed (``\\r\\n`` becomes ``\\n``).

Every problem is collected in one pass and raised together as a
:class:`~toolkit.errors.DataError`; the export is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..dataset import Dataset
from ..errors import DataError, Problem, UsageError
from ..scales import item_scale
from . import survey_limesurvey as lime
from .survey_columns import Column, classify, detect_format
from .survey_export import Export, read_export
from .survey_google import DATE_ORDERS, GOOGLE_TIME, parse_one, parse_timestamps
from .survey_match import (Gminas, Item, Participants, instrument_items, no_match_message,
                           norm)

__all__ = ["SurveyImport", "import_survey", "detect_format", "FORMATS", "RESPONSE_COLUMNS"]

#: Export formats :func:`import_survey` reads.
FORMATS = ("google", "limesurvey")

#: Columns of the table :func:`import_survey` returns (SPEC §2 ``responses``).
RESPONSE_COLUMNS = ["response_id", "instrument", "item_id", "answer", "participant_id",
                    "gmina_id", "submitted_at"]



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
        Non-fatal findings: a column that matches no item (once per column), an item
        with no column, …
    format
        ``google`` or ``limesurvey``: given, or detected from the columns.
    detected
        Whether :attr:`format` was detected (not given).
    date_order
        ``dmy``/``mdy`` when slashed dates were read, else None.
    """

    responses: pd.DataFrame
    n_responses: int
    skipped: int
    warnings: list[Problem] = field(default_factory=list)
    format: str = "google"
    detected: bool = False
    date_order: str | None = None


def _answer(value: str, item: Item, fmt: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    if item.kind == "likert" and fmt == "limesurvey" and text:
        return lime.answer_code(text)
    return text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _resolve_gmina(gmina, gminas: Gminas) -> str | None:
    if gmina is None or not norm(gmina):
        return None
    found, message = gminas.resolve(norm(gmina))
    if message:
        raise UsageError(f"--gmina {gmina!r}: {message}")
    return found


def import_survey(export: str | Path, fmt: str | None, instrument: str, data: Dataset,
                  gmina: str | None = None, date_order: str | None = None) -> SurveyImport:
    """Convert a Google Forms or LimeSurvey export into the ``responses`` table.

    Parameters
    ----------
    export
        The export: ``.csv`` (``,`` ``;`` or tab), ``.tsv`` or ``.xlsx``. It is only read;
        messages name it as given here.
    fmt
        ``"google"``, ``"limesurvey"``, or None to detect it from the columns.
    instrument
        The instrument (``items.instrument``) the export's questions belong to.
    data
        The dataset whose ``items`` (of ``instrument``), ``scales``, ``gminas`` and
        ``participants`` the export is matched to.
    gmina
        A gmina (TERYT code or name) for every response, for an export without a
        ``Gmina`` column (``--gmina``).
    date_order
        ``"dmy"`` or ``"mdy"``: how to read slashed dates that fit both orders
        (``--date-order``); None to decide from the file.

    Returns
    -------
    SurveyImport
        The responses (columns :data:`RESPONSE_COLUMNS`, all text), the counts of
        complete and skipped responses, the warnings, the format and date order used.

    Raises
    ------
    DataError
        With every problem found in one pass (``FILE:LINE:COLUMN: message``).
    UsageError
        For an unknown format or date order, a dataset without ``items``, an instrument
        without items, a ``gmina`` not in the dataset.

    Notes
    -----
    The module docstring lists every accepted column and answer form.

    Examples
    --------
    >>> from toolkit import load_dataset
    >>> data = load_dataset("dane")  # doctest: +SKIP
    >>> got = import_survey("ankieta.xlsx", None, "ocena_zjazd1", data,
    ...                     gmina="1208053")  # doctest: +SKIP
    >>> got.responses.to_csv("responses.csv", index=False)  # doctest: +SKIP
    """
    fmt_key = None if fmt is None else str(fmt).strip().lower()
    if fmt_key is not None and fmt_key not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise UsageError(f"date order must be one of {', '.join(DATE_ORDERS)}; "
                         f"got {date_order!r}")
    instrument = norm(instrument)
    items = instrument_items(data, instrument)
    gminas = Gminas(data.gminas)
    fixed_gmina = _resolve_gmina(gmina, gminas)
    table = read_export(Path(export), str(export))
    problems: list[Problem] = list(table.problems)
    warnings: list[Problem] = []
    detected = fmt_key is None
    found_format = detect_format(table)
    if fmt_key == "google" and found_format == "limesurvey":
        # Read as Google's, a LimeSurvey export would import unfinished responses.
        raise DataError([table.at(None, 1, "this is a LimeSurvey export (its system columns "
                                           "are there): use --format limesurvey or leave "
                                           "--format out")])
    if fmt_key == "limesurvey" and table.header and norm(table.header[0]).casefold().rstrip(
            ":") in GOOGLE_TIME:
        raise DataError([table.at(None, 1, f"this is a Google Forms export (its first column "
                                           f"is '{norm(table.header[0])}'): use --format google "
                                           "or leave --format out")])
    fmt_key = fmt_key or found_format
    columns = classify(table, items, fmt_key, instrument, problems, warnings)
    by_role = {c.role: c for c in columns if c.role != "item"}
    item_columns = sorted((c for c in columns if c.role == "item"), key=lambda c: c.item.order)

    matched = {c.item.item_id for c in item_columns}
    if not item_columns:  # one error, not a warning per item besides
        problems.append(table.at(None, 1, no_match_message(data, instrument, table.header,
                                                           fmt_key)))
    for item in items if item_columns else ():
        if item.item_id not in matched:
            warnings.append(table.at(None, 1, f"item '{item.item_id}' of instrument "
                                              f"'{instrument}' has no column in the export "
                                              "(by source or text)", "warning"))
    if "gmina" not in by_role and "participant" not in by_role and fixed_gmina is None:
        problems.append(table.at(None, 1, "the export has no 'Gmina' column (nor "
                                          "'participant_id' / 'ID uczestnika'): give the gmina "
                                          "of every response with --gmina ID (TERYT code or "
                                          "name), or add a 'Gmina' column to the form"))
    time_col = by_role.get("time")
    if fmt_key == "limesurvey" and time_col is None:
        first = [table.column(n) for n in range(1, min(len(table.header), 3) + 1)]
        at = lime.by_position(table.header, first, parse_one)
        if at is not None:
            time_col = Column(at, table.header[at - 1], "time")
            by_role.setdefault("id", Column(1, table.header[0], "id"))
            warnings[:] = [w for w in warnings if w.line != table.header_line
                           or w.column not in range(1, at + 1)]
        else:
            problems.append(table.at(None, 1, "no 'submitdate' ('Date submitted') column "
                                              "found: LimeSurvey marks an unfinished response "
                                              "by an empty submitdate; export the responses "
                                              "with it"))

    times = parse_timestamps(table.column(time_col.number), date_order) if time_col else None
    if times is not None and times.ambiguous is not None:
        problems.append(table.at(None, time_col.number, f"every date in column "
                                 f"'{time_col.header}' fits both the day-first and the "
                                 f"month-first order (e.g. '{times.ambiguous}'): pass "
                                 "--date-order dmy (13/12/2019) or --date-order mdy "
                                 "(12/13/2019)"))

    people = Participants(data.get("participants"))
    rows: list[list[str]] = []
    likert_cells: dict[str, list[tuple[int, int]]] = {}  # item_id -> [(output row, export row)]
    seen_ids: dict[str, int] = {}
    skipped = n_responses = 0

    def cell(pos: int, column: Column | None) -> str:
        return "" if column is None else table.rows[pos][column.number - 1]

    def error(pos: int, column: Column, message: str) -> None:
        problems.append(table.at(pos, column.number, message))

    id_col, p_col, g_col = by_role.get("id"), by_role.get("participant"), by_role.get("gmina")
    for pos in range(len(table.rows)):
        submitted = cell(pos, time_col)
        if fmt_key == "limesurvey" and time_col is not None and not submitted:
            skipped += 1
            continue
        n_responses += 1
        if submitted and times.ambiguous is None:
            stamp = times.values[pos]
            if stamp is None:
                order = {"dmy": " (read day first: --date-order dmy)",
                         "mdy": " (read month first: --date-order mdy)"}.get(times.order, "")
                error(pos, time_col, f"'{submitted}' is not a date and time{order} "
                                     "(e.g. 2019-12-13 09:50:30, 13.12.2019 09:50:30, "
                                     "12/13/2019 9:50:30)")
            if fmt_key == "limesurvey" and stamp == lime.UNDATED:
                stamp = ""  # finished, but the survey keeps no dates
            submitted = stamp or ""
        elif submitted:
            submitted = ""
        response_id = f"{instrument}-{table.tag}-{n_responses}"
        if id_col is not None:
            rid = norm(cell(pos, id_col))
            if not rid:
                error(pos, id_col, "empty response id")
            elif rid in seen_ids:
                error(pos, id_col, f"response id '{rid}' again (also line {seen_ids[rid]})")
            else:
                seen_ids[rid] = table.lines[pos]
            response_id = f"{instrument}-{table.tag}-{rid}"

        participant = found_gmina = ""
        if cell(pos, p_col):
            found, message = people.resolve(cell(pos, p_col))
            if message:
                error(pos, p_col, message)
            participant = found or ""
        if cell(pos, g_col):
            found, message = gminas.resolve(cell(pos, g_col))
            if message:
                error(pos, g_col, message)
            elif fixed_gmina is not None and found != fixed_gmina:
                error(pos, g_col, f"gmina '{norm(cell(pos, g_col))}' ({found}) differs from "
                                  f"--gmina {fixed_gmina}")
            found_gmina = found or ""
        found_gmina = found_gmina or fixed_gmina or ""
        home = people.home.get(participant, "")
        if found_gmina and home and found_gmina != home:
            error(pos, g_col or p_col, f"gmina {found_gmina} differs from participant "
                                       f"{participant}'s gmina ({home})"
                  if g_col is None or not cell(pos, g_col) else
                  f"gmina '{norm(cell(pos, g_col))}' ({found_gmina}) differs from "
                  f"participant {participant}'s gmina ({home})")
        if not cell(pos, p_col) and not cell(pos, g_col) and fixed_gmina is None \
                and (p_col or g_col):
            error(pos, g_col or p_col, "the response has neither a gmina nor a participant")
        found_gmina = found_gmina or home

        for column in item_columns:
            answer = _answer(cell(pos, column), column.item, fmt_key)
            if column.item.kind == "likert" and answer:
                likert_cells.setdefault(column.item.item_id, []).append((len(rows), pos))
            rows.append([response_id, instrument, column.item.item_id, answer, participant,
                         found_gmina, submitted])

    _likert_numbers(rows, likert_cells, item_columns, data, table, problems)
    if any(p.is_error for p in problems):
        raise DataError(sorted(problems) + sorted(warnings))
    if not n_responses:
        warnings.append(table.at(None, 1, "the export holds no complete response", "warning"))
    responses = pd.DataFrame(rows, columns=RESPONSE_COLUMNS, dtype=str)
    return SurveyImport(responses, n_responses, skipped, sorted(warnings), fmt_key, detected,
                        times.order if times is not None else None)


def _likert_numbers(rows, cells, item_columns, data: Dataset, table: Export,
                    problems: list[Problem]) -> None:
    """Write each Likert answer as its number on the item's scale; errors at bad cells."""
    scales = data.scales
    for column in item_columns:
        found = cells.get(column.item.item_id)
        if not found:
            continue
        try:
            scale = item_scale(column.item.scale, scales)
        except KeyError:
            problems.append(table.at(None, column.number, f"item '{column.item.item_id}' "
                                     f"names the scale '{column.item.scale}', which is "
                                     "neither built in nor declared in the scales table"))
            continue
        distinct = pd.Series(sorted({rows[r][3] for r, _ in found}), dtype=object)
        parsed, invalid = scale.parse(distinct)  # a column holds few distinct answers
        value_of = dict(zip(distinct, parsed.to_numpy()))
        bad_of = dict(zip(distinct, invalid.to_numpy()))
        written = table.column(column.number)
        non = sorted(a for a in scale.non_answers if a)
        for r, pos in found:
            value, bad = value_of[rows[r][3]], bad_of[rows[r][3]]
            if bad:
                problems.append(table.at(pos, column.number, f"answer '{norm(written[pos])}' to "
                                         f"item '{column.item.item_id}' is not valid on the "
                                         f"scale {scale.describe()} (or a non-answer: "
                                         f"{', '.join(non)})"))
            elif value == value:  # not NaN: a number, a label or a code
                rows[r][3] = _number(value)
            else:
                rows[r][3] = rows[r][3].strip()
