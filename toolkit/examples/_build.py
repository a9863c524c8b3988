"""The one builder every example generator writes its tables with (SPEC §2).

The generators (:mod:`~toolkit.examples.synthetic`, :mod:`~toolkit.examples.demo`,
:mod:`~toolkit.examples.probus`, :mod:`~toolkit.examples.mowes2`) describe a programme as
data (gminas, people, meetings, plans); the functions here turn that description into
tables and write them:

- text formatting: numbers plain (``"8"``, ``"7.5"``), zero-padded ids, dates
  ``YYYY-MM-DD``, ``submitted_at`` ``YYYY-MM-DD HH:MM:SS``, ``""`` when empty;
- the tables every generator writes: people, sessions, attendance, items, answers to the
  questionnaire after a meeting, LIJW areas and scores, ``programme`` and ``labels``;
- :func:`write_dataset`, the dataset folder (one CSV per table, written atomically).

Every table has the columns of SPEC §2 in SPEC order and every value is text, as it would
be read from a CSV file, so the same arguments always give byte-identical files.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_INDEX_AREAS
from ._pools import (
    FEMALE_FIRST_NAMES,
    LIKERT_LABELS,
    MALE_FIRST_NAMES,
    NON_ANSWERS,
    SURNAMES,
    feminine_surname,
)

__all__ = [
    "COLUMNS", "STATUSES", "PRESENT", "LATE", "EXCUSED", "ABSENT", "NOT_EXPECTED",
    "ATTENDED", "fmt_numbers", "fmt_ids", "fmt_dates", "fmt_timestamps", "random_days",
    "table", "programme_table", "labels_table", "people", "Meeting", "sessions_table",
    "expected", "random_attendance", "attendance_table", "items_table", "likert_answers",
    "submission_times", "meeting_responses", "AREA_IDS", "AREA_SHIFT", "AREA_LABELS_EN",
    "default_index_areas_table", "index_scores_table", "write_dataset",
]

#: Column order of every table (SPEC §2).
COLUMNS: dict[str, tuple[str, ...]] = {
    "gminas": ("gmina_id", "name", "powiat", "wojewodztwo"),
    "participants": ("participant_id", "gmina_id", "sector", "organisation", "first_name",
                     "last_name", "gender", "group"),
    "sessions": ("session_id", "zjazd", "day", "date", "hours", "plane", "topic", "group"),
    "attendance": ("participant_id", "session_id", "status", "hours"),
    "items": ("item_id", "instrument", "text", "kind", "scale", "construct", "correct",
              "source"),
    "responses": ("response_id", "instrument", "item_id", "answer", "participant_id",
                  "gmina_id", "submitted_at"),
    "index_areas": ("area_id", "plane", "name", "scale_min", "scale_max"),
    "index_scores": ("gmina_id", "wave", "date", "area_id", "score"),
    "recommendations": ("gmina_id", "recommendation_id", "plane", "title", "document_type",
                        "status", "adopted_on"),
    "support": ("gmina_id", "activity", "unit", "planned", "delivered"),
    "programme": ("key", "value"),
    "labels": ("kind", "id", "label", "label_en"),
    "actions": ("gmina_id", "action_id", "area", "title", "status", "due", "done_on", "path"),
    "conclusions": ("gmina_id", "section", "text"),
}

#: Attendance statuses; a status code is the position in this array.
STATUSES = np.array(["present", "late", "excused", "absent"])
PRESENT, LATE, EXCUSED, ABSENT = 0, 1, 2, 3
#: Status code of a session a person is not expected at (another group's).
NOT_EXPECTED = -1
ATTENDED = (PRESENT, LATE)

#: The default LIJW area ids (SPEC §6), as shipped in ``resources/index_areas.csv``.
AREA_IDS: tuple[str, ...] = tuple(pd.read_csv(DEFAULT_INDEX_AREAS, dtype=str)["area_id"])
# Typical level of each default area relative to the gmina's mean (financial cooperation
# is usually the most developed, joint evaluation of policies the least).
AREA_SHIFT = np.array([-0.1, 0.0, -0.2, -0.45, 0.6, 0.05, 0.1, 0.0])
#: English names of the default LIJW areas (their Polish names are in index_areas).
AREA_LABELS_EN: dict[str, str] = {
    "I_1": "consulting draft legal acts and the rules of other undertakings",
    "I_2": "cooperation in diagnosing local problems and challenges",
    "I_3": "co-creating strategies and programmes of public policy",
    "I_4": "NGOs taking part in assessing policies and programmes",
    "II_1": "delivering public tasks through financial forms",
    "II_2": "project partnerships in delivering public tasks",
    "III_1": "a system supporting civic initiatives and NGOs",
    "III_2": "local partnership",
}

# ---------------------------------------------------------------------------------------
# Text
# ---------------------------------------------------------------------------------------


def fmt_numbers(values, decimals: int = 2) -> np.ndarray:
    """Write numbers plainly: at most ``decimals`` decimals, no trailing zeros, NaN → ""."""
    values = np.asarray(values, dtype=float)
    out = np.full(values.shape, "", dtype=object)
    ok = ~np.isnan(values)
    out[ok] = [
        f"{v:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{v:.0f}"
        for v in np.round(values[ok], decimals) + 0.0
    ]
    return out


def fmt_ids(prefix: str, numbers: np.ndarray, min_width: int = 4) -> np.ndarray:
    """Zero-padded text ids (``P0001``) wide enough for the largest number."""
    numbers = np.asarray(numbers)
    width = max(min_width, len(str(int(numbers.max())))) if numbers.size else min_width
    return np.array([f"{prefix}{int(i):0{width}d}" for i in numbers], dtype=object)


def fmt_dates(days: np.ndarray) -> np.ndarray:
    """``datetime64[D]`` → ``YYYY-MM-DD`` text."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").astype(object)


def fmt_timestamps(seconds: np.ndarray) -> np.ndarray:
    """``datetime64[s]`` → ``YYYY-MM-DD HH:MM:SS`` text."""
    text = np.datetime_as_string(np.asarray(seconds, dtype="datetime64[s]"), unit="s")
    return np.char.replace(text, "T", " ").astype(object)


def random_days(rng: np.random.Generator, first: str, last: str, size: int) -> np.ndarray:
    """Uniform random dates between ``first`` and ``last`` (inclusive)."""
    start = np.datetime64(first, "D")
    span = int((np.datetime64(last, "D") - start).astype(int)) + 1
    return start + rng.integers(0, span, size=size).astype("timedelta64[D]")


def table(name: str, columns: dict[str, object], extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Table ``name`` from column arrays, in SPEC order (then ``extra``), every value text."""
    order = COLUMNS[name] + tuple(extra)
    data = {col: np.asarray(columns[col], dtype=object) for col in order}
    return pd.DataFrame(data, columns=list(order)).astype(str)


def programme_table(rows: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """The ``programme`` table from ``(key, value)`` pairs, in the order given."""
    return table("programme", {"key": [k for k, _ in rows], "value": [v for _, v in rows]})


def labels_table(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    """The ``labels`` table from ``(kind, id, label, label_en)`` rows, in the order given."""
    return table("labels", dict(zip(COLUMNS["labels"], map(list, zip(*rows)))))


# ---------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------


def people(n: int, rng: np.random.Generator, p_female: float = 0.6
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` fictitious Polish people with distinct full names: first, last, gender (K/M)."""
    female = rng.random(n) < p_female
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    seen: set[tuple[str, str]] = set()
    for i in range(n):
        while True:
            pool = FEMALE_FIRST_NAMES if female[i] else MALE_FIRST_NAMES
            f = pool[int(rng.integers(0, len(pool)))]
            s = SURNAMES[int(rng.integers(0, len(SURNAMES)))]
            s = feminine_surname(s) if female[i] else s
            if (f, s) not in seen:
                break
        seen.add((f, s))
        first[i], last[i] = f, s
    return first, last, np.where(female, "K", "M").astype(object)


# ---------------------------------------------------------------------------------------
# Meetings and attendance
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    """One training day: a session of SPEC §2 with its group (``""`` = everybody)."""

    session_id: str
    zjazd: int
    day: int
    date: str
    hours: float
    plane: str
    topic: str
    group: str = ""


def sessions_table(meetings: tuple[Meeting, ...]) -> pd.DataFrame:
    """The ``sessions`` table of ``meetings``, in their order."""
    return table("sessions", {
        "session_id": [m.session_id for m in meetings],
        "zjazd": [str(m.zjazd) for m in meetings],
        "day": [str(m.day) for m in meetings],
        "date": [m.date for m in meetings],
        "hours": fmt_numbers([m.hours for m in meetings], 2),
        "plane": [m.plane for m in meetings],
        "topic": [m.topic for m in meetings],
        "group": [m.group for m in meetings],
    })


def expected(groups: np.ndarray, meetings: tuple[Meeting, ...]) -> np.ndarray:
    """People × sessions: True where the person is expected (SPEC §2 group rule)."""
    session_group = np.array([m.group for m in meetings], dtype=object)
    return (session_group[None, :] == "") | (session_group[None, :] == groups[:, None])


def random_attendance(expect: np.ndarray, rng: np.random.Generator,
                      p_miss=(0.02, 0.08), p_unreliable: float = 0.15
                      ) -> np.ndarray:
    """Status codes (people × sessions): mostly present, some misses, a few late arrivals."""
    n_p, n_s = expect.shape
    miss = np.where(rng.random(n_p) < p_unreliable, p_miss[1], p_miss[0])
    u = rng.random((n_p, n_s))
    status = np.full((n_p, n_s), PRESENT)
    missed = u < miss[:, None]
    status[missed] = np.where(rng.random(int(missed.sum())) < 0.35, EXCUSED, ABSENT)
    late = ~missed & (rng.random((n_p, n_s)) < 0.03)
    status[late] = LATE
    status[~expect] = NOT_EXPECTED
    return status


def attendance_table(pids: np.ndarray, meetings: tuple[Meeting, ...], status: np.ndarray,
                     hours: np.ndarray) -> pd.DataFrame:
    """One row per expected (person, session), person by person."""
    sids = np.array([m.session_id for m in meetings], dtype=object)
    rows, cols = np.nonzero(status != NOT_EXPECTED)
    return table("attendance", {
        "participant_id": pids[rows],
        "session_id": sids[cols],
        "status": STATUSES[status[rows, cols]],
        "hours": fmt_numbers(hours[rows, cols], 2),
    })


# ---------------------------------------------------------------------------------------
# Questionnaires
# ---------------------------------------------------------------------------------------


def likert_answers(values: np.ndarray, scales: np.ndarray,
                    rng: np.random.Generator) -> np.ndarray:
    """Write Likert values 1..5 as digits, Polish labels in varying case, or non-answers."""
    n = values.size
    labels = np.array([[[lab, lab.capitalize(), lab.upper()] for lab in LIKERT_LABELS[s]]
                       for s in ("agree5", "rating5")], dtype=object)
    digits = np.array(["1", "2", "3", "4", "5"], dtype=object)
    u = rng.random(n)
    case = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    scale_i = (scales == "rating5").astype(int)
    out = digits[values - 1]
    as_label = (u >= 0.8) & (u < 0.96)
    out[as_label] = labels[scale_i[as_label], values[as_label] - 1, case[as_label]]
    non = u >= 0.96
    out[non] = NON_ANSWERS[rng.integers(0, NON_ANSWERS.size, int(non.sum()))]
    return out


def submission_times(rng: np.random.Generator, days: np.ndarray, start_hour: int,
                      span_hours: int, late_mask: np.ndarray) -> np.ndarray:
    """Times on ``days`` between start_hour and start_hour+span; ``late_mask`` rows are
    filled in online 1-6 days later at any time of day."""
    n = days.size
    secs = start_hour * 3600 + rng.integers(0, span_hours * 3600, size=n)
    later = rng.integers(1, 7, size=n)
    late_secs = 8 * 3600 + rng.integers(0, 14 * 3600, size=n)
    secs = np.where(late_mask, later * 86400 + late_secs, secs)
    return days.astype("datetime64[s]") + secs.astype("timedelta64[s]")


def items_table(instruments: list[str], questions: tuple[tuple[str, str, str, str], ...],
                form_title: str) -> pd.DataFrame:
    """The same ``questions`` (text, kind, scale, construct) in each of ``instruments``."""
    rows: list[tuple[str, ...]] = []
    for instrument in instruments:
        for k, (text, kind, scale, construct) in enumerate(questions, start=1):
            source = f"{form_title} [{text}]" if kind == "likert" else text
            rows.append((f"{instrument}_{k}", instrument, text, kind, scale, construct, "",
                         source))
    return table("items", dict(zip(COLUMNS["items"], map(list, zip(*rows)))))


def meeting_responses(pids: np.ndarray, gids: np.ndarray, groups: np.ndarray,
                      meetings: tuple[Meeting, ...], status: np.ndarray,
                      forms: list[tuple[str, str, int]],
                      questions: tuple[tuple[str, str, str, str], ...],
                      comments: tuple[str, ...], rng: np.random.Generator,
                      mean: float = 4.0, p_answer: float = 0.9,
                      p_anonymous: float = 0.15) -> pd.DataFrame:
    """Answers to the questionnaire handed out after each meeting, one row per answer.

    Parameters
    ----------
    pids, gids, groups : numpy.ndarray
        Participant ids, their gminas and groups.
    meetings, status
        The sessions and the status codes (people × sessions) of :func:`attendance_table`.
    forms : list of (instrument, group, zjazd)
        Which instrument is filled in after which group's zjazd (group ``""``: everybody).
    questions : tuple of (text, kind, scale, construct)
        The items of every instrument (kinds ``likert`` and ``open``).
    comments : tuple of str
        Open answers to draw from.
    rng : numpy.random.Generator
    mean, p_answer, p_anonymous : float
        Typical Likert level, share of attendees who answer, share answering anonymously.

    Returns
    -------
    pandas.DataFrame
        The ``responses`` table.
    """
    kinds = np.array([q[1] for q in questions], dtype=object)
    scales = np.array([q[2] for q in questions], dtype=object)
    lik = np.flatnonzero(kinds == "likert")
    opn = np.flatnonzero(kinds == "open")
    n_items = len(questions)
    attended = np.isin(status, ATTENDED)
    dates = np.array([m.date for m in meetings], dtype="datetime64[D]")
    m_group = np.array([m.group for m in meetings], dtype=object)
    m_zjazd = np.array([m.zjazd for m in meetings])
    leniency = rng.normal(0.0, 0.45, pids.size)
    item_shift = rng.normal(0.0, 0.2, lik.size)

    parts: list[dict[str, np.ndarray]] = []
    n_before = 0
    for instrument, group, zjazd in forms:
        days = np.flatnonzero((m_zjazd == zjazd) & ((m_group == group) | (group == "")))
        came = attended[:, days].any(axis=1)
        who = np.flatnonzero(came & (rng.random(pids.size) < p_answer))
        n_sub = who.size
        came_on = attended[np.ix_(who, days)]
        last_day = days[days.size - 1 - np.argmax(came_on[:, ::-1], axis=1)]
        ts = submission_times(rng, dates[last_day], 14, 3, rng.random(n_sub) < 0.1)
        anonymous = rng.random(n_sub) < p_anonymous
        latent = (mean + leniency[who][:, None] + rng.normal(0.0, 0.25, (n_sub, 1))
                  + item_shift[None, :] + rng.normal(0.0, 0.7, (n_sub, lik.size)))
        values = np.clip(np.rint(latent), 1, 5).astype(int)
        answers = np.full((n_sub, n_items), "", dtype=object)
        answers[:, lik] = likert_answers(values.ravel(), np.tile(scales[lik], n_sub),
                                          rng).reshape(n_sub, lik.size)
        for j in opn:
            drawn = np.array(comments, dtype=object)[rng.integers(0, len(comments), n_sub)]
            answers[:, j] = np.where(rng.random(n_sub) < 0.35, drawn, "")
        keep = np.ones((n_sub, n_items), dtype=bool)
        keep[:, opn] = answers[:, opn] != ""  # an empty comment is not a row
        sub_of_row = np.repeat(np.arange(n_sub), n_items)[keep.ravel()]
        item_ids = np.array([f"{instrument}_{k}" for k in range(1, n_items + 1)], dtype=object)
        parts.append({
            "instrument": np.full(sub_of_row.size, instrument, dtype=object),
            "item_id": np.tile(item_ids, n_sub)[keep.ravel()],
            "answer": answers.ravel()[keep.ravel()],
            "participant_id": np.where(anonymous, "", pids[who]).astype(object)[sub_of_row],
            "gmina_id": gids[who][sub_of_row],
            "submitted_at": fmt_timestamps(ts)[sub_of_row],
            "response": sub_of_row + n_before,
        })
        n_before += n_sub
    columns = {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}
    columns["response_id"] = fmt_ids("R", np.arange(1, n_before + 1), min_width=5)[
        columns.pop("response")]
    return table("responses", columns)


# ---------------------------------------------------------------------------------------
# LIJW
# ---------------------------------------------------------------------------------------
def default_index_areas_table() -> pd.DataFrame:
    """The toolkit's default areas (SPEC §6), as text, without their source column."""
    areas = pd.read_csv(DEFAULT_INDEX_AREAS, dtype=str, keep_default_na=False)
    return table("index_areas", {c: areas[c].tolist() for c in COLUMNS["index_areas"]})


def index_scores_table(gmina_ids: np.ndarray, area_ids: tuple[str, ...],
                       waves: tuple[tuple[str, str, str], ...], rng: np.random.Generator,
                       level: float = 1.9, gain: float = 0.7,
                       area_shift: np.ndarray | None = None,
                       fixed_changes: tuple[tuple[str, str, float], ...] = ()) -> pd.DataFrame:
    """LIJW scores (0-5, two decimals) per gmina, wave and area.

    ``waves`` are ``(wave, first day, last day)``: each gmina's group meets once per wave,
    on a day of that window. Later waves add a gain that varies by gmina and area;
    ``fixed_changes`` ``(gmina_id, area_id, change)`` set a change from the first wave.
    """
    n_g, n_a, n_w = gmina_ids.size, len(area_ids), len(waves)
    shift = np.zeros(n_a) if area_shift is None else np.asarray(area_shift, dtype=float)
    base = (rng.normal(level, 0.35, n_g)[:, None] + shift[None, :]
            + rng.normal(0.0, 0.3, (n_g, n_a)))
    scores = np.empty((n_g, n_w, n_a))
    scores[:, 0] = np.clip(np.round(base, 2), 0.0, 5.0)
    for w in range(1, n_w):
        change = rng.normal(gain, 0.25, n_g)[:, None] + rng.normal(0.0, 0.25, (n_g, n_a))
        if w == n_w - 1:
            g_pos = {g: i for i, g in enumerate(gmina_ids)}
            a_pos = {a: j for j, a in enumerate(area_ids)}
            for g, a, value in fixed_changes:
                change[g_pos[g], a_pos[a]] = value
        scores[:, w] = np.clip(np.round(scores[:, 0] + change, 2), 0.0, 5.0)
    dates = np.stack([random_days(rng, first, last, n_g) for _, first, last in waves], axis=1)
    return table("index_scores", {
        "gmina_id": np.repeat(gmina_ids, n_w * n_a),
        "wave": np.tile(np.repeat(np.array([w for w, _, _ in waves], dtype=object), n_a), n_g),
        "date": np.repeat(fmt_dates(dates.ravel()), n_a),
        "area_id": np.tile(np.array(area_ids, dtype=object), n_g * n_w),
        "score": fmt_numbers(scores.ravel(), 2),
    })


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def write_dataset(tables: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write tables as a dataset folder: one ``<table>.csv`` per table.

    Files are UTF-8, comma-separated, with a header, ``\\n`` line ends and no index.
    Each file is written to a temporary name in ``out_dir`` and then moved into place
    with :func:`os.replace`, so a reader never sees a half-written table.

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        Table name → frame, e.g. the result of
        :func:`~toolkit.examples.synthetic.synthesize` or
        :func:`~toolkit.examples.example_dataset`. Names must be plain file names (no
        path separators).
    out_dir : str or pathlib.Path
        Folder to write into; created (with parents) if missing. Existing files of the
        same names are replaced; other files are left alone.

    Returns
    -------
    list of pathlib.Path
        The written files, in the order of ``tables``.

    Raises
    ------
    ValueError
        If a table name is empty, starts with a dot or contains a path separator.
    TypeError
        If a table is not a DataFrame.
    """
    out = Path(out_dir)
    for name, frame in tables.items():
        if (not isinstance(name, str) or not name or name.startswith(".")
                or any(sep in name for sep in ("/", "\\", os.sep))):
            raise ValueError(f"table name must be a plain file name, got {name!r}")
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"table {name!r} must be a pandas DataFrame, "
                            f"got {type(frame).__name__}")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, frame in tables.items():
        target = out / f"{name}.csv"
        tmp = out / f".{name}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        try:
            with open(tmp, "x", encoding="utf-8", newline="") as fh:
                frame.to_csv(fh, index=False, lineterminator="\n")
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        written.append(target)
    return written
